"""Extractors compared in ``python -m bench``, each timed in a fresh process.

    python -m bench.peers NAME CORPUS [--seconds S]    # prints one JSON result

Every extractor takes the raw page bytes (and the URL where it can use it)
and returns the main text.  ``selectolax`` is the bare-parse baseline: it
parses and returns nothing.  The child reports pages and MB per CPU second
of its own process (the same as per second on an idle core, and not skewed
by other load) over timed passes, after one untimed pass whose outputs are
kept for scoring, and its own peak RSS (``ru_maxrss``: interpreter, libraries
and the corpus included).  All peers are single-threaded.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from typing import Callable

from .corpus import Corpus, ko_news_html, zyte_html

Extract = Callable[[bytes, "str | None"], str]
CORPORA = {"ko-news": ko_news_html, "zyte": zyte_html}
PEERS = ("cleaner", "trafilatura", "readability", "justext", "resiliparse", "selectolax")


def make_extractor(name: str, language: str) -> Extract:
    """The extraction function for a peer (imports happen here, outside the timing)."""
    return {
        "cleaner": _cleaner, "trafilatura": _trafilatura, "readability": _readability,
        "justext": _justext, "resiliparse": _resiliparse, "selectolax": _selectolax,
    }[name](language)


def _cleaner(language: str) -> Extract:
    from cleaner import CleanError, Cleaner

    engine = Cleaner()

    def extract(data: bytes, url: str | None) -> str:
        try:
            return engine.clean(data, url=url).text
        except CleanError:
            return ""
    return extract


def _trafilatura(language: str) -> Extract:
    import trafilatura

    return lambda data, url: trafilatura.extract(data, url=url) or ""


def _readability(language: str) -> Extract:
    import lxml.html
    from readability import Document

    def extract(data: bytes, url: str | None) -> str:
        summary = Document(data, url=url).summary(html_partial=True)
        return lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return extract


def _justext(language: str) -> Extract:
    import justext

    stoplist = justext.get_stoplist(language)

    def extract(data: bytes, url: str | None) -> str:
        paragraphs = justext.justext(data, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)
    return extract


def _resiliparse(language: str) -> Extract:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    return lambda data, url: extract_plain_text(bytes_to_str(data, detect_encoding(data)), main_content=True)


def _selectolax(language: str) -> Extract:
    from selectolax.lexbor import LexborHTMLParser

    def extract(data: bytes, url: str | None) -> str:
        LexborHTMLParser(data)
        return ""
    return extract


def measure(name: str, corpus: Corpus, seconds: float) -> dict:
    """Run one extractor over a corpus: one untimed pass (outputs kept), then timed
    passes for at least ``seconds`` of CPU time; rates are of the fastest pass."""
    extract = make_extractor(name, corpus.language)
    outputs = [_safe(extract, p.data, p.url) for p in corpus.pages]
    passes, started, cpu_started, best = 0, time.perf_counter(), time.process_time(), float("inf")
    while passes == 0 or time.process_time() - cpu_started < seconds:
        pass_started = time.process_time()
        for page in corpus.pages:
            _safe(extract, page.data, page.url)
        best = min(best, time.process_time() - pass_started)
        passes += 1
    cpu = time.process_time() - cpu_started
    return {
        "name": name, "corpus": corpus.name, "pages": len(corpus.pages), "passes": passes,
        "pages_per_s": len(corpus.pages) / best,  # the fastest pass: the least disturbed by other load
        "mb_per_s": corpus.bytes / 1e6 / best,
        "mean_pages_per_s": passes * len(corpus.pages) / cpu,
        "wall_pages_per_s": passes * len(corpus.pages) / (time.perf_counter() - started),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "outputs": outputs,
    }


def _safe(extract: Extract, data: bytes, url: str | None) -> str:
    try:
        return extract(data, url)
    except Exception:  # noqa: BLE001 - a peer failing on a page scores an empty output
        return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("name", choices=PEERS)
    ap.add_argument("corpus", choices=sorted(CORPORA))
    ap.add_argument("--seconds", type=float, default=3.0, help="minimum timed CPU seconds")
    args = ap.parse_args(argv)
    json.dump(measure(args.name, CORPORA[args.corpus](), args.seconds), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
