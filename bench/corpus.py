"""Benchmark inputs, read from ../shared (never copied into the repo).

* ko-news HTML pages (raw bytes, URL from MANIFEST.tsv, gold where present);
* the Zyte article-extraction pages (``.html.gz``, gold ``articleBody``);
* the text dumps (seeds and ko-news/text), and JSONL dumps of any size built
  from them in a temporary folder;
* whole-page text dumps of the ko-news gold articles, made at run time by
  ``../shared/tools/textify.py`` (a naive scraper's ``get_text("\\n")``).
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
KO_NEWS = SHARED / "corpus" / "ko-news"
ZYTE = SHARED / "corpus" / "zyte"
SEEDS = SHARED / "seeds"
TEXTIFY = SHARED / "tools" / "textify.py"


@dataclass
class Page:
    name: str
    data: bytes
    url: str | None = None
    gold_body: list[str] | None = None  # expected body paragraphs, when gold exists


@dataclass
class Corpus:
    name: str
    pages: list[Page] = field(default_factory=list)
    language: str = "Korean"  # for jusText's stop list

    @property
    def bytes(self) -> int:
        return sum(len(p.data) for p in self.pages)


def ko_news_html() -> Corpus:
    urls = _manifest_urls()
    gold_dir = KO_NEWS / "gold"
    pages = []
    for path in sorted((KO_NEWS / "html").glob("*.html")):
        gold = _json(gold_dir / f"{path.stem}.json")
        body = gold.get("body") if gold and gold.get("kind", "article") == "article" else ([] if gold else None)
        pages.append(Page(path.stem, path.read_bytes(), urls.get(f"html/{path.name}"), body))
    return Corpus("ko-news html", pages)


def zyte_html() -> Corpus:
    truth = _json(ZYTE / "ground-truth.json") or {}
    pages = []
    for path in sorted((ZYTE / "html").glob("*.html.gz")):
        key = path.name.removesuffix(".html.gz")
        body = truth.get(key, {}).get("articleBody")
        pages.append(Page(key, gzip.decompress(path.read_bytes()), None, [body] if body is not None else None))
    return Corpus("zyte html", pages, language="English")


def text_docs() -> list[tuple[str, str]]:
    """(name, text) of every text dump: the seeds, then ko-news/text."""
    paths = sorted(SEEDS.glob("*.txt")) + sorted((KO_NEWS / "text").glob("*.txt"))
    return [(p.stem, p.read_text(encoding="utf-8")) for p in paths]


def seed_gold() -> list[tuple[str, str, list[str]]]:
    """(name, text, gold body) of the seeds."""
    out = []
    for name, text in text_docs():
        gold = _json(SEEDS / "gold" / f"{name}.json")
        if gold is not None:
            out.append((name, text, gold.get("body", [])))
    return out


def build_jsonl(path: Path, target_bytes: int, docs: list[tuple[str, str]] | None = None) -> tuple[int, int]:
    """Write a JSONL dump of about ``target_bytes`` of content by repeating ``docs``.

    Returns (documents, content bytes)."""
    docs = docs or text_docs()
    lines = [(json.dumps(text, ensure_ascii=False), len(text.encode("utf-8"))) for _, text in docs]
    count = total = 0
    with open(path, "w", encoding="utf-8") as f:
        while total < target_bytes:
            for encoded, size in lines:
                f.write(f'{{"id": "doc-{count}", "text": {encoded}}}\n')
                count += 1
                total += size
                if total >= target_bytes:
                    break
    return count, total


@dataclass
class GoldDump:
    name: str
    gold: dict
    html: bytes  # the page as stored
    dump: str  # its whole-page text dump, one text block a line
    url: str | None = None


def gold_page_dumps() -> list[GoldDump]:
    """Every ko-news gold article that is a full page (MANIFEST kind ``full-page``),
    with the text dump ``textify.py`` makes of it; its blocks are the ones the gold
    was labelled on, so the page's gold scores the dump too."""
    textify = _load_textify()
    rows = manifest()
    out = []
    for path in sorted((KO_NEWS / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        row = rows.get(f"html/{path.stem}.html", {})
        if gold.get("kind") != "article" or row.get("kind") != "full-page":
            continue
        raw = (KO_NEWS / gold.get("file", f"html/{path.stem}.html")).read_bytes()
        dump = "\n".join(b["text"] for b in textify.blocks(textify.decode(raw)))
        out.append(GoldDump(path.stem, gold, raw, dump, gold.get("url") or row.get("original_url") or None))
    return out


def _load_textify():  # noqa: ANN202 - a module loaded from ../shared at run time
    spec = importlib.util.spec_from_file_location("textify", TEXTIFY)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def manifest() -> dict[str, dict[str, str]]:
    """ko-news MANIFEST.tsv: file (``html/NAME.html``) → its row."""
    with open(KO_NEWS / "MANIFEST.tsv", encoding="utf-8", newline="") as f:
        return {row["file"]: row for row in csv.DictReader(f, delimiter="\t")}


def _manifest_urls() -> dict[str, str]:
    return {name: row["original_url"] for name, row in manifest().items() if row.get("original_url")}


def _json(path: Path) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


TEST_DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def every_document() -> list[tuple[str, str | bytes, str | None]]:
    """(name, content, URL) of every document the project has: the ko-news pages and
    text dumps, the seeds, the Zyte pages, the whole-page dumps of the gold articles,
    and the invented pages and dumps of ``tests/data``.  The compiled steps are
    checked against their Python twins on all of them."""
    docs: list[tuple[str, str | bytes, str | None]] = []
    for corpus in (ko_news_html(), zyte_html()):
        docs += [(f"{corpus.name}/{p.name}", p.data, p.url) for p in corpus.pages]
    docs += [(f"text/{name}", text, None) for name, text in text_docs()]
    docs += [(f"page dump/{d.name}", d.dump, None) for d in gold_page_dumps()]
    for folder in ("unseen", "unseen_dumps", "speech"):
        for path in sorted((TEST_DATA / folder).glob("*")):
            if path.suffix in (".html", ".txt"):
                docs.append((f"{folder}/{path.name}", path.read_bytes(), None))
    return docs
