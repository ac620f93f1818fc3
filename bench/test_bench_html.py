"""Microbenchmarks of the HTML path against the bare-parse baseline and trafilatura."""

from __future__ import annotations

import pytest

from .corpus import KO_NEWS

PAGE = KO_NEWS / "html" / "mk__01.html"


@pytest.fixture(scope="module")
def page() -> bytes:
    if not PAGE.is_file():
        pytest.skip("corpus page missing")
    return PAGE.read_bytes()


def test_cleaner_html_page(benchmark, page: bytes) -> None:
    pytest.importorskip("cleaner.html", reason="the HTML path is not there yet")
    from cleaner import Cleaner

    engine = Cleaner()
    engine.clean(page, url="https://www.mk.co.kr/news/society/11328184")
    article = benchmark(engine.clean, page, url="https://www.mk.co.kr/news/society/11328184")
    assert article.text


def test_selectolax_bare_parse(benchmark, page: bytes) -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = benchmark(LexborHTMLParser, page)
    assert tree.body is not None


def test_trafilatura_extract(benchmark, page: bytes) -> None:
    trafilatura = pytest.importorskip("trafilatura")
    text = benchmark.pedantic(trafilatura.extract, args=(page,), rounds=5, iterations=1)
    assert text
