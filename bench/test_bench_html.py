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


@pytest.fixture(scope="module")
def tree(page: bytes):  # noqa: ANN201 - a selectolax tree
    from cleaner.html import dom as html_dom
    from cleaner.decode import decode_bytes

    return html_dom.parse(decode_bytes(page)[0])


def test_walk_compiled(benchmark, tree) -> None:  # noqa: ANN001
    from cleaner.html import dom as html_dom

    if not html_dom.COMPILED:
        pytest.skip("cleaner.html._walk is not built here")
    walked = benchmark(html_dom.walk, tree)
    assert walked.pieces


def test_walk_python(benchmark, tree) -> None:  # noqa: ANN001
    from cleaner.html import dom as html_dom

    walked = benchmark(html_dom.walk_python, tree.body, {}, set(), html_dom._no_check)
    assert walked.pieces


@pytest.fixture(scope="module")
def text(page: bytes) -> str:
    from cleaner.decode import decode_bytes

    return decode_bytes(page)[0]


SCANS = {  # cleaner.scan: each whole-document scan with its arguments on the HTML path
    "repair_flags": (True,),
    "markup_counts": (65_536,),
    "raw_opens": (("title", "textarea", "iframe", "xmp", "noembed", "noframes"),),
}


@pytest.mark.parametrize("name", sorted(SCANS))
def test_scan_compiled(benchmark, text: str, name: str) -> None:
    from cleaner import scan

    if scan._compiled is None:
        pytest.skip("cleaner._scan is not built here")
    found = benchmark(getattr(scan._compiled, name), text, *SCANS[name])
    assert found == getattr(scan, f"{name}_python")(text, *SCANS[name])


@pytest.mark.parametrize("name", sorted(SCANS))
def test_scan_python(benchmark, text: str, name: str) -> None:
    from cleaner import scan

    found = benchmark(getattr(scan, f"{name}_python"), text, *SCANS[name])
    assert found is not None
