"""Microbenchmarks of the text hot path (run: pytest bench --benchmark-enable)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.decode import decode_bytes
from cleaner.pipeline import looks_like_html

from .corpus import KO_NEWS, text_docs

DOCS = dict(text_docs())


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    engine = Cleaner()
    for text in DOCS.values():  # warm: rule books compiled, profiles loaded
        engine.clean(text)
    return engine


def test_clean_typical_text_dump(benchmark, cleaner: Cleaner) -> None:
    text = DOCS["000_8be511db6ff8feec"]
    article = benchmark(cleaner.clean, text)
    assert article.text and article.kind == "article"


def test_clean_all_plain_text_dumps(benchmark, cleaner: Cleaner) -> None:
    texts = [t for t in DOCS.values() if not looks_like_html(t)]
    benchmark.extra_info["bytes"] = sum(len(t.encode()) for t in texts)
    out = benchmark(lambda: [cleaner.clean(t).text for t in texts])
    assert len(out) == len(texts) and sum(map(bool, out)) >= len(texts) - 2


def test_clean_large_html_table_dump(benchmark, cleaner: Cleaner) -> None:
    text = DOCS["naver__08"]  # 0.8 MB crawler export: an HTML table of articles
    article = benchmark.pedantic(cleaner.clean, args=(text,), rounds=3, iterations=1)
    assert article.text


@pytest.mark.parametrize("page,codec", [("mk__01.html", "utf-8"), ("naver__04.html", "cp949")])
def test_decode_page_bytes(benchmark, page: str, codec: str) -> None:
    path = KO_NEWS / "html" / page
    if not path.is_file():
        pytest.skip(f"{page} not in the corpus")
    text, used = benchmark(decode_bytes, path.read_bytes())
    assert text and used == codec
