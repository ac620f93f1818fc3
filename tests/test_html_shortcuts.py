"""Shortcuts of the HTML path give what the full computation gives: the headline search
(:func:`cleaner.html.extract.headline_piece`), whose quick tests only rule keys out, and
the density scorer (:func:`cleaner.html.score.score_page`), which makes each piece's
score once for all its steps."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from bench.corpus import KO_NEWS
from cleaner.html import dom, extract, score
from cleaner.html.meta import title_segments
from cleaner.normalize import compact_key, match_key
from cleaner.pipeline import prepared

PAGES = KO_NEWS / "html"


def reference_headline(page: dom.Page, title: str | None) -> int | None:
    """The search as it was before the quick tests: every visible piece compared in full."""
    if not title:
        return None
    want = compact_key(match_key(title))
    found = [i for i, (p, key) in enumerate(zip(page.pieces, page.keys()))
             if not p.hidden and extract._same_key(key, want)]
    return next((i for i in found if page.pieces[i].heading), found[0] if found else None)


words = st.lists(st.sampled_from(["정부", "예산", "국회", "제출", "반도체", "AI", "[단독]", "…", "“", "”",
                                  " ", "-", "지원", "늘려", "2026", "·", "韓"]), max_size=14).map("".join)


@seed(20261127)
@settings(max_examples=500, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(words, words, words)
def test_probes_never_change_the_verdict(title: str, before: str, after: str) -> None:
    want = compact_key(match_key(title))
    for key in (match_key(before + title + after), match_key(title + after), match_key(before + title),
                match_key(before), match_key(title[1:] + after), match_key(title[:-2])):
        assert extract._same_key(key, want, extract._probes(want)) == extract._same_key(key, want)


def test_probes_are_characters_every_printing_of_the_headline_holds() -> None:
    want = compact_key(match_key("정부, 반도체 지원 예산 늘려 국회 제출"))
    probes = extract._probes(want)
    assert len(probes) == 3 and all(ch in want for ch in probes)
    assert extract._probes("") == ""


@pytest.mark.skipif(not PAGES.is_dir(), reason="corpus missing")
def test_headline_piece_equals_the_full_comparison_on_the_corpus() -> None:
    found = 0
    for path in sorted(PAGES.glob("*.htm*")):
        text = prepared(path.read_bytes())[0]
        tree = dom.parse(text)
        page = dom.walk(tree)
        titles = [node.text() for node in tree.css("title, h1, h2, h3")][:8]
        titles += [seg for t in titles for seg in title_segments(t)]
        titles += [page.pieces[i].text for i in range(0, len(page.pieces), 7)]
        for title in titles:
            expected = reference_headline(page, title)
            assert extract.headline_piece(page, title) == expected, (path.name, title)
            found += expected is not None
    assert found > 500  # the titles do find pieces: the comparison is not between two Nones


def _pages() -> list[tuple[str, str]]:
    return [(path.name, prepared(path.read_bytes())[0]) for path in sorted(PAGES.glob("*.htm*"))]


@pytest.mark.skipif(not PAGES.is_dir(), reason="corpus missing")
def test_score_page_equals_its_steps_made_one_by_one() -> None:
    for name, text in _pages():
        page, reference = dom.walk(dom.parse(text)), dom.walk(dom.parse(text))
        scores = score.score_page(page)
        cleared = score.veto_groups(reference)  # each step making every piece's score itself
        teasers = score.teaser_pieces(reference)
        assert scores.teasers == teasers and scores.totals == score.score_elements(reference, teasers), name
        assert [e.groups for e in page.elems] == [e.groups for e in reference.elems], (name, cleared)
        headline = extract.headline_piece(page, page.pieces[0].text if page.pieces else None)
        assert score.choose_container(page, headline, scores) == score.choose_container(reference, headline), name


heads = st.lists(st.builds(
    "<{}{}{}>".format,
    st.sampled_from(["meta", "link", "LINK", "Meta", "svg><link", "math><meta", "template><link"]),
    st.sampled_from(["", " rel", ' rel="canonical"', " rel=Canonical", ' rel=" canonical"', " rel='canonical x'",
                     ' property="article:tag"', " PROPERTY=og:url", ' name="keywords"', ' itemprop="author"']),
    st.sampled_from(["", ' href="https://a.example/x"', ' content="국회, 예산"', " href=/rel", ' content=""'])),
    max_size=12).map("".join)


@seed(20261127)
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(heads, heads)
def test_head_nodes_give_what_each_query_gives(head: str, body: str) -> None:
    """meta_tags and describe read the meta and link elements from one query
    (html_meta.head_nodes); each gives what its own query of the tree gives."""
    from cleaner.html import describe, meta

    tree = dom.parse(f"<html><head>{head}</head><body>{body}<p>본문</p></body></html>")
    nodes = meta.head_nodes(tree)
    metas = meta.meta_tags(tree)
    assert meta.meta_tags(tree, nodes) == metas
    base = "https://a.example/"
    assert describe.canonical_url(tree, metas, base, nodes) == describe.canonical_url(tree, metas, base)
    assert describe.keywords(tree, metas, {}, nodes) == describe.keywords(tree, metas, {})


def _mem_id(node: object) -> int | None:
    return None if node is None else node.mem_id  # type: ignore[attr-defined]


@seed(20261127)
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(heads, heads)
def test_canonical_link_from_head_nodes_is_the_query_s(head: str, body: str) -> None:
    """page_urls finds the canonical link among the head nodes (no walk of the tree):
    the element tree.css_first gives, rel in any case, but not an <svg>'s in another case."""
    from cleaner.html import meta

    tree = dom.parse(f"<html><head>{head}</head><body>{body}<p>본문</p></body></html>")
    expected = _mem_id(tree.css_first(meta.CANONICAL))
    assert _mem_id(meta.canonical_link(tree, meta.head_nodes(tree))) == expected
    assert _mem_id(meta.canonical_link(tree)) == expected


def test_canonical_link_cases() -> None:
    from cleaner.html import meta

    for html, href in [('<link rel="CANONICAL" href="/a"><link rel=canonical href="/b">', "/a"),
                       ('<svg><link rel="CANONICAL" href="/svg"></svg><link rel=canonical href="/b">', "/b"),
                       ('<link rel="canonical alternate" href="/x">', None)]:
        tree = dom.parse(f"<html><head></head><body>{html}</body></html>")
        link = meta.canonical_link(tree, meta.head_nodes(tree))
        assert (link.attributes.get("href") if link is not None else None) == href, html


def test_canonical_link_written_in_lower_case_needs_no_query_of_the_tree() -> None:
    from cleaner.html import meta

    class NoWalk:
        def css_first(self, selector: str) -> None:
            raise AssertionError(f"queried the tree for {selector}")

    tree = dom.parse('<html><head><link rel=stylesheet href=/s.css><link rel="canonical" href="/a"></head></html>')
    link = meta.canonical_link(NoWalk(), meta.head_nodes(tree))  # type: ignore[arg-type]
    assert link is not None and link.attributes.get("href") == "/a"


pieces = st.lists(st.sampled_from(["ⓒ", "Ⓒ", "©", "(C)", "(c", "c)", "COPYRIGHT", "CopyRight", "copyrigh", "All Rights",
                                   " Reserved", "ALL RIGHTS RESERVED", "무단", " 전재", "무단 배포", "저작권자", "저작권",
                                   "기자", "사진", "p", "V", " ", "\x00", "2026"]), max_size=8).map("".join)


@seed(20261127)
@settings(max_examples=500, deadline=None, derandomize=True)
@given(pieces)
def test_copyright_quick_test_never_changes_the_verdict(text: str) -> None:
    assert extract.is_copyright(text) == (extract._COPYRIGHT.search(text) is not None)


def test_copyright_quick_test_holds_every_case_partner() -> None:
    """Each alternative of the copyright pattern holds one of these characters, and
    re.I lets it match no character outside them."""
    import re

    for ch in "©ⓒ(pv저무":
        partners = [chr(i) for i in range(0xD800) if re.fullmatch(re.escape(ch), chr(i), re.I)]
        assert partners and all(extract._COPYRIGHT_CHARS.match(p) for p in partners), ch
    for word in ("©", "ⓒ", "(c)", "copyright", "저작권자", "무단 전재", "all rights reserved"):
        assert extract._COPYRIGHT.search(word) and extract._COPYRIGHT_CHARS.search(word), word


class _CountingTree:
    def __init__(self, tree: object) -> None:
        self.tree, self.queries = tree, 0

    def css(self, selector: str) -> list:
        self.queries += 1
        return self.tree.css(selector)  # type: ignore[attr-defined]


def test_pack_values_are_queried_only_up_to_the_first() -> None:
    from cleaner.html import pack

    tree = _CountingTree(dom.parse("<html><body><h1>제목</h1><h2>부제</h2><p class=date>2026.11.27</p></body></html>"))
    assert next(pack.iter_values(tree, ["h1", "h2", "p.date"])) == "제목"
    assert tree.queries == 1  # each query walks the tree: the ones after the first value are not made
    assert list(pack.iter_values(tree, ["h1", "h3", "h2"])) == ["제목", "부제"]


def test_to_blocks_gives_fields_in_block_order_and_the_rounded_link_density() -> None:
    """to_blocks passes Block's fields by position: their order is the one it assumes,
    and the quick link densities (none, all links) are what the division gives."""
    import dataclasses

    from cleaner.model import Block

    assert tuple(f.name for f in dataclasses.fields(Block)) == extract.BLOCK_FIELDS
    page = dom.walk(dom.parse("<html><body><p>본문 문장</p><p><a href=/x>링크만</a></p>"
                              "<p>일부 <a href=/y>링크</a> 글</p><p> </p></body></html>"))
    blocks = extract.to_blocks(page)
    assert [b.link_density for b in blocks] == [
        round(p.link_chars / p.chars, 3) if p.chars else 0.0 for p in page.pieces]
    assert [b.link_density for b in blocks][:3] == [0.0, 1.0, 0.4]  # 링크: 2 of 5 characters
    assert [(b.n, b.kind, b.reason, b.fields) for b in blocks][:2] == [(1, "", "", {}), (2, "", "", {})]
    assert blocks[0].tag.endswith("body>p") and blocks[0].key == "본문 문장"


def test_page_paths_are_every_elements_path_from_either_walk() -> None:
    """Page.paths() (what to_blocks reads, one list for all pieces) is Page.path of each
    element, also where the Python walk left the paths to be made on demand."""
    tree = dom.parse("<html><body><div class=wrap><ul class=nav><li><a href=/>홈</a></li></ul>"
                     "<article><p>본문</p><figure><figcaption>사진</figcaption></figure></article>"
                     "</div></body></html>")
    walked = dom.walk_python(tree.body, {}, set(), dom._no_check)
    assert walked._paths == []  # made when first asked
    paths = walked.paths()
    assert paths == dom._tag_paths(walked.elems) and len(paths) == len(walked.elems)
    assert [walked.path(i) for i in range(len(walked.elems))] == paths
    assert "body>div>article>figure>figcaption" in paths
    assert dom.walk(tree).paths() == paths


def test_outside_kind_takes_the_groups_of_the_pieces_boilerplate_element() -> None:
    """_outside_kind is given the groups of the piece's innermost boilerplate element
    (its caller looks them up once per piece): they decide before the piece's shape."""
    page = dom.walk(dom.parse("<html><body><p>오늘의 주요 뉴스 모음 바로가기</p></body></html>"))
    piece = page.pieces[0]
    assert extract._outside_kind(piece, (), False) == "related"  # heavy enough to be a link list
    assert extract._outside_kind(piece, ("menu", "caption"), False) == "caption"
    assert extract._outside_kind(piece, ("ad", "menu"), False) == "ad"


def test_byline_window_is_the_pieces_near_the_ends_of_the_body() -> None:
    w = extract.BYLINE_WINDOW
    for first, last, count in [(20, 60, 100), (3, 5, 12), (100, -1, 100), (0, 99, 100)]:
        expected = [i for i in range(count) if abs(i - first) <= w or 0 <= i - last <= w]
        assert extract._byline_window(first, last, count) == expected


def test_headline_piece_is_kept_on_the_page_for_the_title_asked() -> None:
    page = dom.walk(dom.parse("<html><body><h1>정부, 반도체 지원 예산 늘려</h1><p>본문 문장이다.</p></body></html>"))
    assert page.headlines == {}
    assert extract.headline_piece(page, "정부, 반도체 지원 예산 늘려 - 예시일보") is None
    assert extract.headline_piece(page, "정부, 반도체 지원 예산 늘려") == 0
    assert page.headlines == {"정부, 반도체 지원 예산 늘려 - 예시일보": None, "정부, 반도체 지원 예산 늘려": 0}


@pytest.mark.skipif(not PAGES.is_dir(), reason="corpus missing")
def test_members_by_subtree_runs_equal_members_by_ancestors_on_the_corpus() -> None:
    """score._members marks each named element's subtree as one run of indices: what
    looking up every element's ancestors gives."""
    marked = 0
    for path in sorted(PAGES.glob("*.htm*"))[:30]:
        page = dom.walk(dom.parse(prepared(path.read_bytes())[0]))
        for groups in (score.NEVER_VETO, score.THREAD_GROUPS):
            expected = [any(not groups.isdisjoint(page.elems[a].groups) for a in page.chain(i))
                        for i in range(len(page.elems))]
            assert score._members(page, groups) == expected, path.name
            marked += sum(expected)
    assert marked
