"""The compiled walk (``cleaner.html._walk``) gives what the Python walk gives.

``cleaner.html._walk`` reads lexbor's C tree and re-implements the control flow of
``html_dom._Walker``; the Python walker stays as the reference and as the walk
where nothing is compiled.  Every page here is walked both ways and the pages
(elements, pieces, watched nodes) must be equal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
import selectolax.lexbor as lexbor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.corpus import ko_news_html, zyte_html
from cleaner import Cleaner, CleanError, accel
from cleaner.html import dom as html_dom
from cleaner.decode import decode_bytes
from cleaner.normalize import match_key, tidy
from cleaner.pipeline import _check_markup as check_markup

from . import hostile

needs_compiled = pytest.mark.skipif(not html_dom.COMPILED, reason="cleaner.html._walk is not built here")
HOSTILE_MAX_BYTES = 2_500_000  # the larger hostile cases only repeat what smaller ones hold (the 180k-cell table is in)


def _differs(text: str) -> bool:
    tree = html_dom.parse(text)
    root = tree.body or tree.root
    if root is None:
        return False
    python = html_dom.walk_python(root, {}, set(), html_dom._no_check)
    compiled = html_dom.walk(tree)
    return compiled != python or _caches(compiled) != _caches(python)


def _caches(page: html_dom.Page) -> tuple[list[str], list[int], list[str]]:
    """What the compiled walk also makes: every piece's tag path and key, every element's subtree end."""
    return page.piece_paths(), [page.subtree_end(i) for i in range(len(page.elems))], page.keys()


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
    assert _pages_where(corpus, _differs) == []


def _pages_where(corpus: str, differs: Callable[[str], bool]) -> list[str]:
    """The names of the corpus's pages where ``differs`` (the twins part ways); skips an absent corpus."""
    texts = _texts(corpus)
    if not texts:
        pytest.skip(f"{corpus}: no pages here")
    return [name for name, text in texts if differs(text)]


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
        # more new class names than the walk remembers: it forgets them and reads on alike
        "".join(f"<span class='c{i} {('nav', 'x', 'related')[i % 3]}'>글 {i}</span>" for i in range(9000)),
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


# ------------------------------------------------------------- the C twins of the walk's helpers
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
# white space of every kind str.split() knows, entity starts, Hangul, Han, kana and the range edges
PIECE_CHARS = (" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
               "\u200b\ufeff&;#x0123abAZ가힣\uac00\ud7a3\ud7a4\u1100\u11ff\u3130\u318f\u3400\u4dbf"
               "\u4e00\u9fff\u3040\u30ff\u3100\ufffd\U0001f600é")
ENTITIES = ["&amp;", "&lt;", "&nbsp;", "&#32;", "&#x3000;", "&quot;", "&amp;amp;", "&#12;", "&bogus;"]
piece_texts = st.one_of(
    st.text(alphabet=PIECE_CHARS, max_size=60),
    st.lists(st.one_of(st.text(alphabet=PIECE_CHARS, max_size=8), st.sampled_from(ENTITIES)),
             max_size=12).map("".join),
    st.text(max_size=60),
)
needs_twins = pytest.mark.skipif(not html_dom.COMPILED, reason="cleaner.html._walk is not built here")


@needs_twins
@SETTINGS
@given(piece_texts)
def test_the_c_tidy_is_normalize_tidy(text: str) -> None:
    assert html_dom._compiled.tidy(text) == tidy(text)


def test_no_white_space_after_the_ideographic_space() -> None:
    """The compiled walk asks Python whether a character is white space only up to U+3000."""
    assert [hex(c) for c in range(0x3001, 0x110000) if chr(c).isspace()] == []
    assert "\u3000".isspace()


@needs_twins
@SETTINGS
@given(st.one_of(st.binary(max_size=40), piece_texts.map(lambda t: t.encode("utf-8")),
                 st.lists(st.one_of(st.binary(max_size=3), piece_texts.map(lambda t: t.encode("utf-8"))),
                          max_size=6).map(b"".join)))
def test_text_nodes_are_decoded_as_selectolax_decodes_them(data: bytes) -> None:
    """The walk decodes lexbor's UTF-8 itself; what is not well-formed reads as Python reads it."""
    assert html_dom._compiled.tidy_utf8(data) == tidy(data.decode("utf-8", "replace"))


@needs_twins
def test_utf8_edge_cases_decode_alike() -> None:
    cases = [b"\xed\xa0\x80", b"\xe0\x80\xaf", b"\xf4\x90\x80\x80", b"\xf0\x8f\xbf\xbf", b"\xc0\xaf",
             b"\xc2", b"\xe1\x80", b"a\xf0\x9f\x98", "가 나".encode() + b"\xff &amp;", b"\xef\xbf\xbd",
             "\U0010ffff \u3000x".encode(), b" \xc2\x85 \xc2\xa0y "]
    compiled = html_dom._compiled
    assert [c for c in cases if compiled.tidy_utf8(c) != tidy(c.decode("utf-8", "replace"))] == []


PLAIN = "".join(chr(c) for low, high in html_dom.PLAIN_KEY_RANGES for c in range(low, high + 1, 97)) \
    + html_dom.PLAIN_KEY_CHARS
key_texts = st.one_of(piece_texts, st.text(alphabet=PLAIN + "ABCZ", max_size=60),
                      st.lists(st.one_of(st.text(alphabet=PLAIN, max_size=10),
                                         st.sampled_from(["…", "‥", "ⓒ", "Ⓒ", "Σ", "ＡＢ", "女", "\u0301", "\u11a8",
                                                          "\u1161", "\u200d", "ㆍ", "&amp;", "İ"])),
                               max_size=10).map("".join))


@needs_twins
@SETTINGS
@given(key_texts)
def test_the_walks_piece_keys_are_match_key(text: str) -> None:
    """A plain piece is keyed in C (its text lower-cased), any other by match_key."""
    assert html_dom._compiled.match_key(text) == match_key(tidy(text))


def test_plain_characters_are_their_own_match_key() -> None:
    """Each plain character has no decomposition, combines with nothing before it
    (NFKC leaves a run of them as it is), is no zero-width character and keeps its
    case (A-Z aside): the compiled walk's shortcut for match_key holds."""
    second_halves = {int(d.split()[1], 16) for d in map(unicodedata.decomposition, map(chr, range(0x30000)))
                     if d and not d.startswith("<") and len(d.split()) == 2}
    jamo = range(0x1100, 0x1200)  # Hangul syllables compose from jamo
    plain = [chr(c) for low, high in html_dom.PLAIN_KEY_RANGES for c in range(low, high + 1)]
    plain += list(html_dom.PLAIN_KEY_CHARS)
    wrong = [ch for ch in plain
             if unicodedata.normalize("NFKC", ch) != ch or unicodedata.combining(ch) or ord(ch) in second_halves
             or ord(ch) in jamo or match_key(ch) != ch.lower() or (ch.lower() != ch and not "A" <= ch <= "Z")]
    assert wrong == []


def test_folded_characters_fold_to_plain_ones_whatever_stands_around_them() -> None:
    """Each of PLAIN_KEY_FOLDS is a starter that NFKC folds to its plain run, combining with
    nothing on either side: between plain characters its match key is that run."""
    plain = [chr(c) for low, high in html_dom.PLAIN_KEY_RANGES for c in range(low, high + 1, 7)]
    plain += list(html_dom.PLAIN_KEY_CHARS)
    for ch, fold in html_dom.PLAIN_KEY_FOLDS.items():
        assert unicodedata.normalize("NFKC", ch) == fold and not unicodedata.combining(ch)
        assert all(0x20 <= ord(c) <= 0x7E and not "A" <= c <= "Z" for c in fold)
        wrong = [(a, b) for a in plain for b in ("가", "A", ".", "x", "…")
                 if match_key(a + ch + b) != match_key(a) + fold + match_key(b)]
        assert wrong == []


@needs_twins
def test_a_piece_of_plain_and_folded_characters_is_keyed_without_match_key() -> None:
    """The walk keys "…" itself: a piece of such text does not go to normalize.match_key."""
    calls: list[str] = []
    html_dom._compiled.bind(lexbor.__file__, _Counting(calls))
    try:
        assert html_dom._compiled.match_key("말했다… 그리고‥ ABC") == "말했다... 그리고.. abc"
        assert html_dom._compiled.match_key("말했다… ⓒ") == match_key("말했다… ⓒ")
        assert calls == ["말했다… ⓒ"]
    finally:
        html_dom._compiled.bind(lexbor.__file__, html_dom)


class _Counting:
    """html_dom, with its match_key counting the texts it is asked for."""

    def __init__(self, calls: list[str]) -> None:
        self._calls = calls

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(html_dom, name)

    def match_key(self, text: str) -> str:
        self._calls.append(text)
        return match_key(text)


@needs_twins
@SETTINGS
@given(st.none() | st.text(max_size=300), st.none() | st.text(max_size=300))
def test_the_c_names_of_is_names_of(cls: str | None, id_: str | None) -> None:
    assert html_dom._compiled.names_of(cls, id_) == html_dom.names_of(cls, id_)


@needs_twins
def test_elements_and_pieces_made_through_their_slots_equal_the_constructed_ones() -> None:
    compiled = html_dom._compiled
    elem = compiled.make_elem("div", 3, 2, ("menu",))
    piece = compiled.make_piece("글", 4, 1, 0, 2, 2, True, "ad")
    assert type(elem) is html_dom.Elem and elem == html_dom.Elem("div", 3, 2, ("menu",))
    assert type(piece) is html_dom.Piece and piece == html_dom.Piece("글", 4, 1, 0, 2, 2, True, "ad")
    elem.groups = ()  # still a plain, mutable Elem (score.veto_groups clears names)
    assert elem == html_dom.Elem("div", 3, 2, ())


@needs_compiled
def test_the_numbers_of_elements_and_pieces_are_shared_not_made_each_time() -> None:
    """Indices and counts in the usual range are ints made once (no object per element),
    larger ones are made as asked; either way they are the numbers given."""
    compiled = html_dom._compiled
    first, second = compiled.make_elem("p", 1234, 7, ()), compiled.make_elem("p", 1234, 7, ())
    assert first.parent == 1234 and first.parent is second.parent and first.depth is second.depth
    pieces = [compiled.make_piece("글", 999, 700, 300, 1400, 0, False, "") for _ in range(2)]
    assert pieces[0].weight == 1400 and pieces[0].weight is pieces[1].weight
    far = compiled.make_elem("p", 10**7, 1, ())
    assert far.parent == 10**7 and type(far.parent) is int


@needs_twins
def test_only_classes_whose_fields_hold_no_references_leave_the_garbage_collector() -> None:
    """The walk untracks its Elem and Piece objects: sound only while no field can hold
    a container (a cycle through an untracked object would never be collected)."""
    import dataclasses
    import gc

    @dataclasses.dataclass(slots=True)
    class Holder:
        name: str
        items: list[str]

    @dataclasses.dataclass
    class NoSlots:
        name: str

    fills = html_dom._compiled.maker_fills
    assert fills(html_dom.Elem) == fills(html_dom.Piece) == (True, True)
    assert fills(Holder) == (True, False) and fills(NoSlots) == (False, False)
    page = html_dom.walk(html_dom.parse("<div class='menu'><p>가</p></div>"))
    assert not gc.is_tracked(page.elems[0]) and not gc.is_tracked(page.pieces[0])


def test_tag_paths_keep_the_innermost_levels() -> None:
    """A path keeps PATH_LEVELS levels; the compiled walk makes the same (test above)."""
    depth = html_dom.PATH_LEVELS + 3
    tree = html_dom.parse("<div>" * depth + "<p>깊은 글</p>" + "</div>" * depth)
    with accel.pure():
        page = html_dom.walk(tree)
    path = page.path(page.pieces[0].elem)
    assert path == ">".join(["div"] * (html_dom.PATH_LEVELS - 1) + ["p"])
    assert not _differs("<div>" * depth + "<p>깊은 글</p>" + "</div>" * depth)


@SETTINGS
@given(st.lists(st.integers(min_value=0, max_value=4), max_size=40))
def test_subtree_ends_are_where_the_next_element_as_shallow_starts(steps: list[int]) -> None:
    """The one-pass subtree ends (both walks' reference) against their definition."""
    depths: list[int] = []
    for step in steps:  # each element one deeper than the last, or back up some levels
        depths.append(0 if not depths else min(depths[-1] + 1, step))
    elems = [html_dom.Elem("div", -1, d, ()) for d in depths]
    naive = [next((j for j in range(i + 1, len(depths)) if depths[j] <= depths[i]), len(depths))
             for i in range(len(depths))]
    assert html_dom._subtree_ends(elems) == naive


# ------------------------------------------------------------- class/id names → concepts
def _token_groups_by_definition(names: str) -> tuple[str, ...]:
    """dom.token_groups without its shortcut (no token of any group in the name: no group)."""
    if not names:
        return ()
    kept = [p for p in names.split() if not html_dom._modifier(p)]
    parts = [p.lower() for p in kept]
    split = {w for part in kept for w in html_dom.words(part)} | set(parts)
    joined = " ".join(parts)
    return tuple(group for group, exact, inside in html_dom._GROUP_MATCHERS
                 if not exact.isdisjoint(split) or (inside is not None and inside.search(joined)))


TOKENS = sorted({t for _, tokens in html_dom.TOKEN_GROUPS for t in tokens})
name_parts = st.one_of(st.sampled_from(TOKENS), st.sampled_from(TOKENS).map(str.upper),
                       st.sampled_from(["tag-", "category_", "has-", "font-size", "fs", "x", "_", "-", "2", "Body"]),
                       st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCZ-_0123456789", max_size=8))
class_names = st.lists(st.lists(name_parts, min_size=1, max_size=3).map("".join), max_size=4).map(" ".join)


@SETTINGS
@given(class_names)
def test_token_groups_shortcut_changes_nothing(names: str) -> None:
    html_dom.token_groups.cache_clear()
    assert html_dom.token_groups(names) == _token_groups_by_definition(names)


@needs_twins
@SETTINGS
@given(st.one_of(class_names, st.text(max_size=30),
                 st.text(alphabet="aAbBzZ-_0189 \t\x1c" + "".join(TOKENS[:20]), max_size=40)))
def test_the_c_name_lookups_are_their_python_twins(names: str) -> None:
    """token_groups and boundary in C (names in ASCII; None for the others, which Python reads)."""
    compiled = html_dom._compiled
    if not names.isascii():
        assert compiled.token_groups(names) is None and compiled.boundary(names) is None
        return
    assert compiled.token_groups(names) == html_dom.token_groups_python(names)
    assert compiled.boundary(names) == html_dom.boundary_python(names)


@needs_twins
def test_name_edge_cases_alike() -> None:
    cases = ["HTMLParser", "ABc", "aB", "A", "font-size", "FONT_SIZE_12", "fs-3", "txtsize4", "text--9", "fs3a",
             "textsize", "font_size_", "TAG-news", "has_", "-x", "_related", "relatednews", "RELATEDNEWS",
             "news_list", "x\x1cnav", "pull-quote9", "", " ", "wp-caption-text", "headLine", "subHead Title"]
    compiled = html_dom._compiled
    assert [n for n in cases if compiled.token_groups(n) != html_dom.token_groups_python(n)
            or compiled.boundary(n) != html_dom.boundary_python(n)] == []


def _blocks_differ(text: str) -> bool:
    """Whether the compiled to_blocks gives other blocks than to_blocks_python on a page."""
    from cleaner.html import extract

    page = html_dom.walk(html_dom.parse(text))
    compiled, python = extract.to_blocks(page), extract.to_blocks_python(page)
    return compiled != python or any(type(b) is not type(p) for b, p in zip(compiled, python))


def _grouped_differ(text: str) -> bool:
    """Whether the compiled Page.nearest_grouped differs from its Python twin on a page,
    as walked and after html_score.veto_groups cleared names."""
    from cleaner.html import score

    page = html_dom.walk(html_dom.parse(text))
    before = page.nearest_grouped() != page.nearest_grouped_python()
    score.veto_groups(page)
    return before or page.nearest_grouped() != page.nearest_grouped_python()



PAGE_TWINS = {"to_blocks": _blocks_differ, "nearest_grouped": _grouped_differ}  # after the walk


@needs_compiled
@pytest.mark.parametrize("twin", sorted(PAGE_TWINS))
@pytest.mark.parametrize("corpus", ["ko-news", "zyte", "hostile"])
def test_the_page_twins_after_the_walk_agree_on_every_page(corpus: str, twin: str) -> None:
    assert _pages_where(corpus, PAGE_TWINS[twin]) == []


@needs_compiled
def test_compiled_blocks_are_fresh_blocks_with_the_python_link_densities() -> None:
    """Blocks filled through their slots: each its own fields dict, numbered from 1, and the
    link density of every kind of piece (none, all, a share rounded, no characters) as in Python."""
    from cleaner.html import extract
    from cleaner.model import Block

    pieces = [html_dom.Piece("가", 0, 3, 0, 6), html_dom.Piece("나", 1, 3, 3, 6),
              html_dom.Piece("다", 1, 3, 1, 6), html_dom.Piece("라", 0, 0, 0, 0),
              html_dom.Piece("마", 0, 7, 2, 7)]
    paths = ["body>p", "body>a", "body>a", "body>p", "body>p"]  # each piece's element's
    blocks = html_dom._compiled.blocks(Block, pieces, ["ka", "na", "da", "ra", "ma"], paths)
    assert [b.link_density for b in blocks] == [0.0, 1.0, 0.333, 0.0, 0.286]
    assert [(b.n, b.tag, b.key) for b in blocks][:2] == [(1, "body>p", "ka"), (2, "body>a", "na")]
    elems = [html_dom.Elem("p", -1, 0, ()), html_dom.Elem("a", 0, 1, ())]
    page = html_dom.Page(elems, pieces, _paths=["body>p", "body>a"], _keys=["ka", "na", "da", "ra", "ma"])
    assert blocks == extract.to_blocks_python(page)
    blocks[0].fields["reporter"] = "홍길동"
    assert blocks[1].fields == {} and blocks[0].fields is not blocks[1].fields
    with pytest.raises(ValueError):
        html_dom._compiled.blocks(Block, pieces, ["ka"], paths)
    with pytest.raises(ValueError):
        html_dom._compiled.blocks(Block, pieces, ["ka", "na", "da", "ra", "ma"], paths[:2])


@needs_compiled
def test_compiled_nearest_grouped_reads_the_groups_as_they_are_now() -> None:
    """Groups cleared after the walk (as veto_groups does) are not remembered from it."""
    page = html_dom.walk(html_dom.parse("<div class=menu><div><p>가</p></div></div><footer><p>나</p></footer>"))
    tags = [e.tag for e in page.elems]
    menu, footer = tags.index("div"), tags.index("footer")
    assert page.nearest_grouped()[menu + 2] == menu and page.nearest_grouped()[footer + 1] == footer
    page.elems[menu].groups = ()
    assert page.nearest_grouped() == page.nearest_grouped_python()
    assert page.nearest_grouped()[menu:menu + 3] == [-1, -1, -1]


@needs_compiled
def test_compiled_nearest_grouped_reads_other_elements_by_name() -> None:
    """Elements not made by the walk's Elem class (read through its slots) are read by attribute."""
    from types import SimpleNamespace

    elems = [SimpleNamespace(groups=("menu",), parent=-1), SimpleNamespace(groups=(), parent=0),
             html_dom.Elem("p", 1, 2, ()), html_dom.Elem("div", -1, 0, ())]
    assert html_dom._compiled.nearest_grouped(elems) == [0, 0, 0, -1]


@needs_compiled
def test_compiled_blocks_read_other_pieces_by_name() -> None:
    """Pieces not made by the walk's Piece class (read through its slots) are read by attribute."""
    from types import SimpleNamespace

    from cleaner.model import Block

    pieces = [SimpleNamespace(text="가", elem=0, chars=3, link_chars=1), html_dom.Piece("나", 0, 2, 2, 4)]
    blocks = html_dom._compiled.blocks(Block, pieces, ["ka", "na"], ["body>p", "body>p"])
    assert [(b.text, b.key, b.n, b.tag, b.link_density) for b in blocks] == [
        ("가", "ka", 1, "body>p", 0.333), ("나", "na", 2, "body>p", 1.0)]


@needs_compiled
def test_the_compiled_walk_makes_the_paths_of_the_pieces_only() -> None:
    """The pieces' tag paths are made in C, from their elements' ancestors' (the others'
    are made in Python when all are asked for), and are those of Page.paths."""
    depth = html_dom.PATH_LEVELS + 2
    text = ("<div class=a><ul><li><a href=/>메뉴</a></li></ul></div>" + "<section>" * depth
            + "<p>깊은 <b>글</b></p><p>둘째</p>" + "</section>" * depth + "<p>끝</p>")
    page = html_dom.walk(html_dom.parse(text))
    assert page._paths == [] and len(page._piece_paths) == len(page.pieces) == 4
    assert page.piece_paths()[0] == "body>div>ul>li" and page.piece_paths()[3] == "body>p"
    paths = page.paths()
    assert page.piece_paths() == [paths[p.elem] for p in page.pieces]
    assert page.piece_paths()[1] == ">".join(["section"] * (html_dom.PATH_LEVELS - 1) + ["p"])
