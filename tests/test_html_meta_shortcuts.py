"""Shortcuts of the HTML path's metadata steps give what the full computation gives:
a site pack's meta selectors answered from the page's head nodes
(:func:`cleaner.html.meta.pack_values`), the head nodes read once
(:class:`cleaner.html.meta.HeadNode`) with the JSON-LD scripts in the same query, the
headline comparison that compacts a long key only at its head
(:func:`cleaner.html.extract._too_long`), the printed dateline read only where a label
stands, and the quick tests of bylines, e-mails and a page's declared URL."""

from __future__ import annotations

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from cleaner.html import dom, extract, meta, pack
from cleaner.normalize import compact_key, match_key
from tests.test_html_shortcuts import _CountingTree

metas = st.lists(st.builds(
    "<{}{}{}>".format,
    st.sampled_from(["meta", "Meta", "svg><meta", "math><mi><meta", "template><meta", "svg><foreignObject><meta",
                     "link", "p><meta"]),
    st.sampled_from(["", " property=og:title", ' property="OG:title"', " property='og:title '", " name=author",
                     ' NAME="author"', " name=Author", " property", ' name="twitter:creator"',
                     ' property="og:title" name="author"', ' property="og:title" property="x"',
                     ' itemprop="author"', ' property="og&#58;title"']),
    st.sampled_from(["", ' content="국회, 예산"', " content=홍길동", ' content=" "', " content", ' data-x="값"'])),
    max_size=10).map("".join)

SPECS = ["meta[property='og:title']", 'meta[property="og:title"]', "meta[name='author']", "meta[name=author]",
         "meta[name='author']@data-x", "meta[property='og:title']@property", "meta[name='twitter:creator']",
         "meta[itemprop='author']", "meta[ name='author' ]", "head meta[name='author']", "p", "meta"]


@seed(20261127)
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["", "<!DOCTYPE html>"]), metas, metas, st.lists(st.sampled_from(SPECS), max_size=4))
def test_pack_values_from_head_nodes_are_the_queries_values(doctype: str, head: str, body: str,
                                                            specs: list[str]) -> None:
    """Attribute values compare as the tree's query compares them (property and name
    case-sensitively, in quirks mode too), in document order, over every meta element."""
    tree = dom.parse(f"{doctype}<html><head>{head}</head><body>{body}<p>본문</p></body></html>")
    assert list(meta.pack_values(tree, specs, meta.head_nodes(tree))) == list(pack.iter_values(tree, specs))


def test_pack_meta_selectors_need_no_walk_of_the_tree() -> None:
    parsed = dom.parse('<html><head><meta property="og:title" content="정부 예산안 제출">'
                       '<meta name="author" content="홍길동 기자"></head><body><h1>제목</h1></body></html>')
    heads = meta.head_nodes(parsed)
    tree = _CountingTree(parsed)
    assert list(meta.pack_values(tree, ["meta[property='og:title']", 'meta[name="author"]'], heads)) == [
        "정부 예산안 제출", "홍길동 기자"]
    assert tree.queries == 0
    assert next(meta.pack_values(tree, ["h1", "meta[name='author']"], heads)) == "제목"
    assert tree.queries == 1  # any other selector is the tree's query, made when its turn comes


def test_head_nodes_hold_each_elements_tag_attributes_and_node() -> None:
    tree = dom.parse('<html><head><meta name="author" content="홍길동"><link rel="canonical" href="/a">'
                     '</head><body></body></html>')
    nodes = meta.head_nodes(tree)
    assert [(n.tag, n.attributes) for n in nodes] == [(e.tag, e.attributes) for e in tree.css("meta, link")]
    assert [n.node.mem_id for n in nodes] == [e.mem_id for e in tree.css("meta, link")]


scripts = st.lists(st.builds(
    "<{}{}>{}</script>".format,
    st.sampled_from(["script", "SCRIPT", "svg><script", "math><mi><script", "template><script", "p><script"]),
    st.sampled_from(["", ' type="application/ld+json"', " type=application/LD+json", ' type="text/javascript"',
                     ' type=" application/ld+json"', " type"]),
    st.sampled_from(['{"@type": "NewsArticle", "headline": "정부 예산안"}', '[{"@graph": [{"name": "홍길동"}]}]',
                     "", "{broken"])),
    max_size=6).map("".join)


@seed(20261127)
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(metas, scripts, scripts)
def test_json_ld_from_head_nodes_is_the_query_s(head: str, first: str, last: str) -> None:
    """The head nodes' query selects the JSON-LD scripts too (the only scripts it
    selects): json_ld reads them from there as its own query of the tree would."""
    tree = dom.parse(f"<html><head>{first}{head}</head><body><p>본문</p>{last}</body></html>")
    nodes = meta.head_nodes(tree)
    assert meta.json_ld(tree, nodes) == meta.json_ld(tree)
    assert [n.node.mem_id for n in nodes if n.tag == "script"] == [e.mem_id for e in tree.css(meta.LD_JSON)]


def reference_same_key(key: str, want: str) -> bool:
    """_same_key as it was before its quick tests: both keys compacted in full."""
    have = compact_key(key)
    if not have or not want:
        return False
    return have == want or (min(len(have), len(want)) >= extract.TITLE_SIMILAR * max(len(have), len(want))
                            and (have in want or want in have))


words = st.lists(st.sampled_from(["정부", "예산", "국회", "제출", "AI", "[단독]", "…", "“", " ", "-", "_", "·",
                                  "2026", "韓", "  ", "—", "!", "지원"]), max_size=30).map("".join)


@seed(20261127)
@settings(max_examples=1000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(words, min_size=2, max_size=5))
def test_same_key_quick_tests_never_change_the_verdict(parts: list[str]) -> None:
    """A long key is first compacted only at its head (_too_long): never a different verdict,
    for a headline (the first part) printed among the others, or any part alone."""
    want = compact_key(match_key(parts[0]))
    keys = [match_key(" ".join(parts)), match_key("".join(parts[::-1])), *map(match_key, parts[1:])]
    verdicts = [reference_same_key(key, want) for key in keys]
    assert [extract._same_key(key, want) for key in keys] == verdicts
    assert [extract._same_key(key, want, extract._probes(want)) for key in keys] == verdicts


def test_a_paragraph_that_holds_the_headline_is_not_the_headline() -> None:
    want = compact_key(match_key("정부, 반도체 지원 예산안 국회 제출"))
    paragraph = match_key("정부 반도체 지원 예산안 국회 제출. " + "국회는 다음 달 본회의에서 이를 심사한다. " * 20)
    assert extract._too_long(paragraph, len(want)) and not extract._same_key(paragraph, want)
    printed = match_key("[단독] 정부 “반도체 지원” 예산안 국회 제출")
    assert not extract._too_long(printed, len(want)) and extract._same_key(printed, want)


def reference_printed_date(texts: list[str]) -> str | None:
    """printed_date as it was before the label screen: every text read in turn."""
    for i, text in enumerate(texts):
        if meta._DATE_LABEL.match(text) and i + 1 < len(texts):
            text = f"{text} {texts[i + 1]}"
        if len(text) <= meta.MAX_DATELINE_CHARS and (m := meta._DATELINE.search(text)):
            value = meta.to_kst(text[m.start():])
            if value:
                return value
    return None


dateline_texts = st.lists(st.lists(st.sampled_from(
    ["입", "력", "입력", "최초 입력", "작성", "송고", "승인", "2016.09.17 18:59", "2024-01-02", "기사", "시간", ":", " ",
     "본문 문장", "\n", "등록일 ", "수정 2020.01.01", "게재", "2021"]), max_size=4).map("".join), max_size=8)


@seed(20261127)
@settings(max_examples=1000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(dateline_texts)
def test_printed_date_reads_only_labelled_texts_and_finds_the_same_date(texts: list[str]) -> None:
    assert meta.printed_date(texts) == reference_printed_date(texts)


def test_printed_date_label_and_time_in_texts_of_their_own() -> None:
    texts = ["본문 문장", "최초", "입력", "2016.09.17 18:59", "수정 2020.01.01 10:00"]
    assert meta._labelled(texts) == [1, 2]  # "최초" (the piece of "최초 입력") and "입력"
    assert meta.printed_date(texts) == "2016-09-17T18:59:00+09:00"


byline_texts = st.lists(st.sampled_from(["홍길동", " 기자", "|", "｜", " ", "hong", "@", "donga.com", "입력", "\t",
                                         "2026.11.27", "＠", "_", "a.b"]), max_size=10).map("".join)


@seed(20261127)
@settings(max_examples=500, deadline=None, derandomize=True)
@given(byline_texts)
def test_quick_tests_of_bylines_never_change_what_the_pattern_gives(text: str) -> None:
    """A text without a bar is one segment; a text without '@' holds no e-mail."""
    from cleaner import byline
    from cleaner.vocab import EMAIL

    assert byline._segments(text) == byline._SEGMENT.split(text)
    if "@" not in text:
        assert EMAIL.findall(text) == [] and EMAIL.sub("", text) == text


declaring_tags = st.builds(
    "<{}{}{}{}{}>".format,
    st.sampled_from(["link", "LINK", "meta", "Meta", "lınk", "p"]),
    st.sampled_from([" rel=", " REL = ", " property=", ' name="', " name='", " data-x="]),
    st.sampled_from(["canonical", "CANONICAL", "Canonical", "canonıcal", "canonİcal", "og:url", "OG:URL", "Og:Url",
                     "og:title", "alternate"]),
    st.sampled_from(['"', "'", " ", "/", ""]),
    st.sampled_from(["", ' href="https://a.example/x"', " content=//b.example/y", ' content="국회"']))


@seed(20261127)
@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.lists(declaring_tags, max_size=4).map("".join), st.sampled_from(["", "</head>", "<title>İstanbul</title>"]))
def test_document_host_quick_test_never_changes_the_host(tags: str, tail: str) -> None:
    """_may_declare holds for every tag _DECLARES_URL accepts (re.I folds "ı" and "İ" to
    "i", lower() does not), so the host is the one every tag's full search gives."""
    from cleaner import urls

    html = f"<html><head>{tags}{tail}<link rel=canonical href=https://c.example/></head></html>"
    for m in urls._URL_TAG.finditer(html):
        assert urls._may_declare(m.group(0)) or not urls._DECLARES_URL.search(m.group(0))
    head = html[:urls.HEAD_SCAN_CHARS]
    expected = next((urls.host_of(v.group(1)) for m in urls._URL_TAG.finditer(head, 0, urls._head_end(head))
                     if urls._DECLARES_URL.search(m.group(0)) and (v := urls._URL_VALUE.search(m.group(0)))), "")
    assert urls.document_host(None, html) == expected


links = st.lists(st.builds(
    '<a{}{}>{}</a>'.format,
    st.sampled_from(["", " rel=author", ' rel="me Author"', " rel=authors", " rel=nofollow"]),
    st.sampled_from(["", " href=/author/kim", " href=/Author/kim", ' href="/writer/3"', " href=/reporter/",
                     " href=/news/1", ' href="https://x.kr/reporter/9"', " HREF=/writer/x"]),
    st.sampled_from(["김철수", "이영희 기자", "더보기", ""])), max_size=8).map("".join)


@seed(20261127)
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["", "<!doctype html>"]), links)
def test_author_links_as_one_selector_are_the_list_s_elements(doctype: str, body: str) -> None:
    """AUTHOR_LINKS as one :is() selector finds what the list of four selectors found,
    in the same order, a link that two of them match listed once (the list gave it twice)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(f"{doctype}<html><body><div><p>{body}</p>{body}</div></body></html>")
    listed = 'a[rel~="author"], a[href*="/author/"], a[href*="/writer/"], a[href*="/reporter/"]'
    once = list(dict.fromkeys(n.mem_id for n in tree.css(listed)))
    assert [n.mem_id for n in tree.css(meta.AUTHOR_LINKS)] == once
