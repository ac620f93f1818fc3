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


def test_walk_python_with_paths(benchmark, tree) -> None:  # noqa: ANN001
    """The Python walk plus what the compiled walk also makes: tag paths and subtree ends."""
    from cleaner.html import dom as html_dom

    def walk():  # noqa: ANN202
        page = html_dom.walk_python(tree.body, {}, set(), html_dom._no_check)
        return page, html_dom._tag_paths(page.elems), html_dom._subtree_ends(page.elems)

    page, paths, ends = benchmark(walk)
    assert len(paths) == len(ends) == len(page.elems)


# ------------------------------------------------- the walk's C twins against their Python twins
@pytest.fixture(scope="module")
def twins(tree):  # noqa: ANN001, ANN201 - the compiled module
    from cleaner.html import dom as html_dom

    if not html_dom.COMPILED:
        pytest.skip("cleaner.html._walk is not built here")
    return html_dom._compiled


@pytest.fixture(scope="module")
def raw_texts(tree) -> list[str]:  # noqa: ANN001
    """The page's text nodes as they come (the walk tidies runs of them)."""
    return [n.text_content for n in tree.body.traverse(include_text=True) if n.tag == "-text"]


@pytest.mark.parametrize("twin", ["compiled", "python"])
def test_tidy(benchmark, twins, raw_texts: list[str], twin: str) -> None:  # noqa: ANN001
    from cleaner.normalize import tidy

    fn = twins.tidy if twin == "compiled" else tidy
    out = benchmark(lambda: [fn(t) for t in raw_texts])
    assert any(out)


@pytest.mark.parametrize("twin", ["compiled", "python"])
def test_names_of(benchmark, twins, twin: str) -> None:  # noqa: ANN001
    from cleaner.html import dom as html_dom

    fn = twins.names_of if twin == "compiled" else html_dom.names_of
    pairs = [("article_body", "articleView"), (None, "gnb"), ("menu on", None), (None, None)] * 50
    assert benchmark(lambda: [fn(c, i) for c, i in pairs])[0] == "article_body articleView"


@pytest.mark.parametrize("twin", ["compiled", "python"])
def test_make_piece(benchmark, twins, twin: str) -> None:  # noqa: ANN001
    """A Piece filled through its slots (as the walk makes it) against its constructor."""
    from cleaner.html import dom as html_dom

    fn = twins.make_piece if twin == "compiled" else html_dom.Piece
    pieces = benchmark(lambda: [fn("본문 문장", 7, 5, 0, 9, 0, False, "") for _ in range(200)])
    assert pieces[0] == html_dom.Piece("본문 문장", 7, 5, 0, 9, 0, False, "")


@pytest.mark.parametrize("twin", ["compiled", "python"])
def test_piece_keys(benchmark, twins, tree, twin: str) -> None:  # noqa: ANN001
    """Every piece's match key: the compiled walk's twin (a plain piece lower-cased in C,
    here with the call and the tidying per piece) against Page.keys() (match_key over
    the page's text in one call)."""
    from cleaner.html import dom as html_dom

    page = html_dom.walk(tree)
    texts = [p.text for p in page.pieces]

    def python_keys() -> list[str]:
        page._keys = []  # made again
        return page.keys()

    fn = (lambda: [twins.match_key(t) for t in texts]) if twin == "compiled" else python_keys
    assert benchmark(fn) == html_dom.walk(tree).keys()


@pytest.mark.parametrize("twin", ["compiled", "python"])
def test_token_groups(benchmark, twins, tree, twin: str) -> None:  # noqa: ANN001
    """Every class/id name of the page looked up in the vocabulary, not cached (a page of a
    site not seen before): the C twin against token_groups and boundary in Python."""
    from cleaner.html import dom as html_dom

    names = sorted({html_dom.names_of(n.attributes.get("class"), n.attributes.get("id"))
                    for n in tree.body.traverse() if n.attributes} - {""})
    if twin == "compiled":
        def look() -> list:  # noqa: ANN202
            return [(twins.token_groups(n), twins.boundary(n)) for n in names]
    else:
        def look() -> list:  # noqa: ANN202
            return [(html_dom.token_groups_python(n), html_dom.boundary_python(n)) for n in names]
    assert benchmark(look) == [(html_dom.token_groups_python(n), html_dom.boundary_python(n)) for n in names]


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


@pytest.mark.parametrize("twin", ["compiled", "python"])
def test_to_blocks(benchmark, twins, tree, twin: str) -> None:  # noqa: ANN001
    """A Block per piece of the page (extract.to_blocks): filled through its slots in C
    against the Python twin's constructor calls."""
    from cleaner.html import dom as html_dom, extract
    from cleaner.model import Block

    page = html_dom.walk(tree)
    pieces, keys, paths = page.pieces, page.keys(), page.piece_paths()
    if twin == "compiled":
        blocks = benchmark(twins.blocks, Block, pieces, keys, paths)
    else:
        blocks = benchmark(extract.to_blocks_python, page)
    assert blocks == extract.to_blocks_python(page)


@pytest.mark.parametrize("twin", ["compiled", "python"])
def test_nearest_grouped(benchmark, twins, tree, twin: str) -> None:  # noqa: ANN001
    """Per element, its nearest boilerplate-named element (Page.nearest_grouped)."""
    from cleaner.html import dom as html_dom

    page = html_dom.walk(tree)
    fn = (lambda: twins.nearest_grouped(page.elems)) if twin == "compiled" else page.nearest_grouped_python
    assert benchmark(fn) == page.nearest_grouped_python()
