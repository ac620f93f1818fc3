"""The compiled walk (``cleaner.html._walk``) gives what the Python walk gives.

``cleaner.html._walk`` reads lexbor's C tree and re-implements the control flow of
``html_dom._Walker``; the Python walker stays as the reference and as the walk
where nothing is compiled.  Every page here is walked both ways and the pages
(elements, pieces, watched nodes) must be equal.
"""

from __future__ import annotations

import pytest

from bench.corpus import ko_news_html, zyte_html
from cleaner import Cleaner, CleanError
from cleaner.html import dom as html_dom
from cleaner.decode import decode_bytes
from cleaner.pipeline import _check_markup as check_markup

from . import hostile

needs_compiled = pytest.mark.skipif(not html_dom.COMPILED, reason="cleaner.html._walk is not built here")
HOSTILE_MAX_BYTES = 2_000_000  # the larger hostile cases only repeat what smaller ones hold


def _differs(text: str) -> bool:
    tree = html_dom.parse(text)
    root = tree.body or tree.root
    if root is None:
        return False
    python = html_dom.walk_python(root, {}, set(), html_dom._no_check)
    return html_dom.walk(tree) != python


def _texts(corpus: str) -> list[tuple[str, str]]:
    if corpus == "hostile":
        out = []
        for case in hostile.documents():
            data = case.content()
            if len(data) > HOSTILE_MAX_BYTES:
                continue
            try:
                text = data if isinstance(data, str) else decode_bytes(data)[0]
                check_markup(text)
            except CleanError:  # binary, or markup the pipeline refuses to parse
                continue
            out.append((case.name, text))
        return out
    pages = (ko_news_html() if corpus == "ko-news" else zyte_html()).pages
    return [(p.name, decode_bytes(p.data)[0]) for p in pages]


@needs_compiled
@pytest.mark.parametrize("corpus", ["ko-news", "zyte", "hostile"])
def test_both_walks_read_every_page_alike(corpus: str) -> None:
    texts = _texts(corpus)
    if not texts:
        pytest.skip(f"{corpus}: no pages here")
    assert [name for name, text in texts if _differs(text)] == []


@needs_compiled
def test_both_walks_alike_on_markup_edge_cases() -> None:
    cases = [
        "<div>" * 20_000 + "깊은 글" + "</div>" * 20_000,  # the stack grows past its first size
        "<p>가<br>나<br/>다</p><p class='a b' id='c'>라 <a>마 <a>바</a></a></p>",
        "<svg><foreignObject><p>그림 속 글</p></foreignObject></svg><p>뒤</p>",
        "<p class=''>빈 class</p><p id>값 없는 id</p><p hidden=''>숨김</p>",
        "<x-widget class='related-news'>관련 기사</x-widget><my-tag>본문 \ufffd</my-tag>",
        "<table><tr><td>칸 1<td>칸 2</table><template><p>틀</p></template>끝",
        "<p style='DISPLAY : NONE'>숨김</p><p class='BLIND'>숨김 2</p>",
        "",
    ]
    assert [case[:40] for case in cases if _differs(case)] == []


@needs_compiled
def test_the_compiled_walk_looks_at_the_deadline() -> None:
    tree = html_dom.parse("<p>글</p>" * html_dom.CHECK_EVERY)
    steps: list[str] = []

    def check(step: str) -> None:
        steps.append(step)
        raise TimeoutError(step)

    with pytest.raises(TimeoutError):
        html_dom.walk(tree, check=check)
    assert steps == ["reading the page"]


@needs_compiled
def test_pack_selectors_give_the_same_records_both_ways(cleaner: Cleaner,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Site packs mark nodes (forced kinds, watched body nodes): whole records match."""
    pages = ko_news_html().pages
    if not pages:
        pytest.skip("../shared/corpus/ko-news not present")
    compiled = [cleaner.clean(p.data, url=p.url).to_dict() for p in pages]
    monkeypatch.setattr(html_dom, "_compiled", None)
    python = [cleaner.clean(p.data, url=p.url).to_dict() for p in pages]
    assert [p.name for p, a, b in zip(pages, compiled, python) if a != b] == []
