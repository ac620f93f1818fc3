"""HTML path quality: the Zyte article-extraction benchmark and the ko-news pages.

    python -m bench.html_quality                 # all extractors, both corpora
    python -m bench.html_quality --only cleaner,trafilatura --worst 15
    python -m bench.html_quality --skip-zyte     # only the ko-news report

Zyte (../shared/corpus/zyte, 181 pages with ``articleBody`` ground truth) is
scored as its authors score it: per page true/false positives over tokens,
normalised per page, precision and recall averaged over pages (a page with no
output has no precision), F1 from the two means.  Two token kinds: whitespace
tokens (bag of words) and shingles of four ``\\w+`` tokens (the benchmark's
``evaluate.py``).  cleaner runs with site packs disabled, as on a site it has
never seen; trafilatura, readability-lxml, resiliparse and jusText run in the
same process on the same decoded text.

ko-news (../shared/corpus/ko-news/html): when a gold folder exists (``--gold``,
default ../shared/corpus/ko-news/gold) every extractor is scored on it as GOLD.md
says (pooled char-bigram P/R/F1 over all pages and over the article pages alone,
leaked, lost, index/no-body pages left without a body, and cleaner's
title/press/reporters accuracy), cleaner with and without site packs.  Before
that, a report lists per page the kind, body length, title and published time,
and checks that the pages the MANIFEST marks ``index-page`` come out as index
pages with no body.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Callable

from cleaner import Cleaner
from cleaner.decode import decode_bytes

from .corpus import KO_NEWS, ZYTE, manifest

SHINGLE = 4
_WORD = re.compile(r"\w+")

Extractor = Callable[[bytes, str], str]


# ---------------------------------------------------------------- extractors
def _cleaner(site_packs: bool) -> Extractor:
    engine = Cleaner(site_packs=site_packs)
    return lambda raw, html: engine.clean(raw).text


def _trafilatura(raw: bytes, html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def _readability(raw: bytes, html: str) -> str:
    from readability import Document
    from selectolax.lexbor import LexborHTMLParser

    summary = Document(html).summary(html_partial=True)
    return LexborHTMLParser(summary).text(separator="\n")


def _resiliparse(raw: bytes, html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True)


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _justext(raw: bytes, html: str) -> str:
    """English pages with jusText's English stoplist; Korean pages (jusText ships no
    Korean stoplist) in its language-independent mode: an empty stoplist, both
    stopword thresholds 0, as jusText's documentation says for such languages."""
    import justext

    if len(_HANGUL.findall(html[:200_000])) > 100:
        stoplist, low, high = frozenset(), 0.0, 0.0
    else:
        stoplist, low, high = justext.get_stoplist("English"), 0.2, 0.2
    paragraphs = justext.justext(html, stoplist, 50, 200, 0.1, low, high, 200, True)
    return " ".join(p.text for p in paragraphs if not p.is_boilerplate)


def extractors(names: list[str]) -> dict[str, Extractor]:
    table: dict[str, Callable[[], Extractor]] = {
        "cleaner": lambda: _cleaner(False), "trafilatura": lambda: _trafilatura,
        "readability": lambda: _readability, "resiliparse": lambda: _resiliparse,
        "justext": lambda: _justext,
    }
    return {name: table[name]() for name in names}


# ---------------------------------------------------------------- scoring
def tokens(text: str) -> list[str]:
    return text.split()


def shingles(text: str) -> list[tuple[str, ...]]:
    words = _WORD.findall(text)
    spans = range(max(1, len(words) - SHINGLE + 1))
    return [tuple(words[i:i + SHINGLE]) for i in spans if words[i:i + SHINGLE]]


def tp_fp_fn(true: list, pred: list) -> tuple[float, float, float]:
    """Matched, extra and missing items (multiset), normalised to sum to one."""
    t, p = Counter(true), Counter(pred)
    tp = sum((t & p).values())
    fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def summarise(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision (pages with output), mean recall, F1 of the means — as evaluate.py."""
    precision = statistics.mean([tp / (tp + fp) for tp, fp, _ in rows if tp + fp > 0] or [0.0])
    recall = statistics.mean([tp / (tp + fn) for tp, _, fn in rows if tp + fn > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def zyte_pages(limit: int | None = None) -> list[tuple[str, bytes, str]]:
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        raw = gzip.decompress((ZYTE / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, raw, truth[key].get("articleBody") or ""))
    return pages


def run_zyte(names: list[str], limit: int | None, worst: int) -> None:
    pages = zyte_pages(limit)
    print(f"Zyte article-extraction benchmark: {len(pages)} pages")
    print(f"{'extractor':<14} {'tok P':>6} {'tok R':>6} {'tok F1':>6}   {'4g P':>6} {'4g R':>6} {'4g F1':>6}"
          f"  {'empty':>5} {'s/page':>7}")
    for name, extract in extractors(names).items():
        tok_rows, sh_rows, empty, per_page = [], [], 0, []
        started = time.perf_counter()
        for key, raw, truth in pages:
            html = decode_bytes(raw)[0]
            try:
                pred = extract(raw, html) or ""
            except Exception:  # noqa: BLE001 - a peer that crashes scores as empty output
                pred = ""
            empty += not pred.strip()
            tok_rows.append(tp_fp_fn(tokens(truth), tokens(pred)))
            sh_rows.append(tp_fp_fn(shingles(truth), shingles(pred)))
            per_page.append((tok_rows[-1], key))
        seconds = (time.perf_counter() - started) / max(1, len(pages))
        tok, sh = summarise(tok_rows), summarise(sh_rows)
        print(f"{name:<14} {tok['precision']:6.3f} {tok['recall']:6.3f} {tok['f1']:6.3f}   "
              f"{sh['precision']:6.3f} {sh['recall']:6.3f} {sh['f1']:6.3f}  {empty:5d} {seconds:7.3f}")
        if worst and name == "cleaner":
            _print_worst(per_page, worst)


def _print_worst(per_page: list, worst: int) -> None:
    def f1(row: tuple[float, float, float]) -> float:
        tp, fp, fn = row
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    for row, key in sorted(per_page, key=lambda x: f1(x[0]))[:worst]:
        tp, fp, fn = row
        print(f"    worst {key[:16]}  F1={f1(row):.3f}  P={tp / (tp + fp) if tp + fp else 0:.2f}"
              f"  R={tp / (tp + fn) if tp + fn else 0:.2f}")


# ---------------------------------------------------------------- ko-news
def run_ko_news(site_packs: bool) -> int:
    rows = manifest()
    engine = Cleaner(site_packs=site_packs)
    label = "with site packs" if site_packs else "generic only"
    print(f"\nko-news HTML pages ({label}): kind, body length, date and title of each")
    print(f"{'page':<14} {'manifest':<10} {'kind':<8} {'site':<8} {'body':>6}  {'published':<26} title")
    failures = 0
    for path in sorted((KO_NEWS / "html").glob("*.html")):
        row = rows.get(f"html/{path.name}", {})
        article = engine.clean(path.read_bytes(), url=row.get("original_url") or None)
        expect_index = row.get("kind") == "index-page"
        ok = (article.kind == "index" and not article.text) if expect_index else article.kind != "index"
        failures += not ok
        print(f"{path.stem:<14} {row.get('kind', '?'):<10} {article.kind:<8} {article.site or '-':<8} "
              f"{len(article.text):>6}  {article.published or '-':<26} {(article.title or '-')[:50]}"
              f"{'' if ok else '   <-- index check FAILED'}")
    print(f"index-page check: {failures} failure(s)")
    return failures


# ---------------------------------------------------------------- gold (GOLD.md)
def run_gold(gold_dir: Path, names: list[str]) -> None:
    """Pooled char-bigram P/R/F1, leaked and lost per extractor, on every page with gold;
    F1 also over the article pages alone (an index page's text counts against a peer's
    precision, since its gold body is empty), and how many index/no-body pages came out
    with no body."""
    from cleaner.score import input_for, load_gold, score_document

    golds = load_gold(gold_dir)
    print(f"\nGold in {gold_dir}: {len(golds)} pages (scores as in GOLD.md)")
    print(f"{'extractor':<22} {'P':>6} {'R':>6} {'F1':>6} {'art F1':>6} {'leaked':>8} {'lost':>8}"
          f" {'no body':>8}  {'title':>6} {'press':>6} {'report':>6}")
    runs = {"cleaner (site packs)": Cleaner(), "cleaner (generic)": Cleaner(site_packs=False)}
    for label, engine in runs.items():
        docs = [score_document(n, engine.clean(input_for(n, g, KO_NEWS).read_bytes(),
                                                url=g.get("url")).to_dict(), g) for n, g in golds]
        _gold_row(label, docs, golds)
    for name, extract in extractors([n for n in names if n != "cleaner"]).items():
        docs = []
        for n, g in golds:
            raw = input_for(n, g, KO_NEWS).read_bytes()
            docs.append(score_document(n, {"text": extract(raw, decode_bytes(raw)[0]) or ""}, g))
        _gold_row(name, docs, golds, metadata=False)


def _gold_row(label: str, docs: list, golds: list, metadata: bool = True) -> None:  # noqa: ANN001
    """One row; peers extract no metadata, so theirs is shown as '-'."""
    from cleaner.score import Pooled

    pooled = Pooled(docs)
    articles = Pooled([d for d, (_, g) in zip(docs, golds) if g.get("body")])
    empty = [d for d, (_, g) in zip(docs, golds) if not g.get("body")]
    no_body = f"{sum(d.predicted == 0 for d in empty)}/{len(empty)}"
    meta = " ".join(f"{acc:6.2f}" if metadata and (acc := pooled.meta_accuracy(k)) is not None
                    else f"{'-':>6}" for k in ("title", "press", "reporters"))
    print(f"{label:<22} {pooled.precision:6.3f} {pooled.recall:6.3f} {pooled.f1:6.3f} {articles.f1:6.3f} "
          f"{pooled.leaked_share:8.1%} {pooled.lost_share:8.1%} {no_body:>8}  {meta}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="cleaner,trafilatura,readability,resiliparse,justext",
                    help="comma-separated extractors for the Zyte table")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N Zyte pages")
    ap.add_argument("--worst", type=int, default=0, help="list cleaner's N worst Zyte pages")
    ap.add_argument("--skip-zyte", action="store_true")
    ap.add_argument("--skip-ko-news", action="store_true")
    ap.add_argument("--no-site-packs", action="store_true", help="ko-news report without site packs")
    ap.add_argument("--gold", type=Path, default=KO_NEWS / "gold",
                    help="gold folder for the ko-news pages (GOLD.md format); scored when it exists")
    args = ap.parse_args(argv)
    if not args.skip_zyte:
        run_zyte([n.strip() for n in args.only.split(",") if n.strip()], args.limit, args.worst)
    failures = 0 if args.skip_ko_news else run_ko_news(not args.no_site_packs)
    if not args.skip_ko_news and args.gold.is_dir():
        run_gold(args.gold, [n.strip() for n in args.only.split(",") if n.strip()])
    elif not args.skip_ko_news:
        print(f"no gold folder at {args.gold}: bigram F1 on ko-news not computed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
