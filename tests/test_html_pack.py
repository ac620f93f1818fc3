"""The ``[html]`` table of site packs: validation with errors naming file and field,
and the bundled packs' selectors on their own pages."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from cleaner.html.pack import iter_values, split_spec, validate_html_table
from cleaner.packs import RULES_DIR, PackError, PackSet, parse_pack

from .conftest import KO_NEWS

HEAD = {"id": "example", "name": "예시일보", "version": "2024-01-01", "domains": ["example.kr"]}
PATH = Path("rules/sites/example.toml")


def check(table: object) -> str:
    with pytest.raises(PackError) as err:
        validate_html_table(table, PATH)
    return str(err.value)


def test_a_good_table_passes() -> None:
    table = {"body": ["#articleBody", "div.par"], "title": ["h1.headline", "meta[property='og:title']"],
             "date": ["span.date@data-time"], "press_names": {"예시닷컴": "예시일보"},
             "index": ["ul.list_news"], "index_urls": [r"example\.kr/list/"],
             "drop": {"caption": ["em.img_desc"], "related": ["div.relation"]}, "note": "2024 layout"}
    assert validate_html_table(table, PATH) is table


@pytest.mark.parametrize("table,field", [
    ({"bodies": ["#x"]}, "html.bodies"),
    ({"body": "#x"}, "html.body"),
    ({"body": ["#x", ""]}, "html.body"),
    ({"title": ["h1[", "h2"]}, "html.title[0]"),
    ({"date": [">>>@datetime"]}, "html.date[0]"),
    ({"drop": {"caption": ["em..x"]}}, "html.drop.caption[0]"),
    ({"drop": {"body": ["p"]}}, "html.drop.body"),
    ({"drop": {"sidebar": ["p"]}}, "html.drop.sidebar"),
    ({"drop": ["p"]}, "html.drop"),
    ({"press_names": {"a": 1}}, "html.press_names"),
    ({"index_urls": ["(unclosed"]}, "html.index_urls[0]"),
    ({"index_urls": [r"(a+)+$"]}, "html.index_urls[0]"),
    ({"note": 3}, "html.note"),
])
def test_errors_name_file_and_field(table: dict, field: str) -> None:
    message = check(table)
    assert message.startswith(f"{PATH}: {field}"), message


def test_parse_pack_validates_the_html_table() -> None:
    with pytest.raises(PackError, match=r"example\.toml: html\.body"):
        parse_pack({"pack": HEAD, "html": {"body": "#x"}}, PATH)
    with pytest.raises(PackError, match=r"html\.drop\.menu\[0\]"):
        parse_pack({"pack": HEAD, "html": {"drop": {"menu": ["div["]}}}, PATH)
    pack = parse_pack({"pack": HEAD, "html": {"body": ["#x"]}}, PATH)
    assert pack.html == {"body": ["#x"]}


def test_attribute_specs() -> None:
    spec = "span._ARTICLE_DATE_TIME@data-date-time"
    assert split_spec(spec) == ("span._ARTICLE_DATE_TIME", "data-date-time")
    assert split_spec("meta[property='og:title']") == ("meta[property='og:title']", None)
    assert split_spec("a[href*='@']") == ("a[href*='@']", None)


def test_iter_values_reads_meta_content_and_attributes() -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser('<html><head><meta name="twitter:creator" content="서울신문"></head><body>'
                            '<span class="t" data-date-time="2021-10-04 16:26:00">2021.10.04. 오후 4:26</span>'
                            '<em class="n"> 김유민  기자 </em></body></html>')
    assert list(iter_values(tree, ["meta[name='twitter:creator']"])) == ["서울신문"]
    assert list(iter_values(tree, ["span.t@data-date-time"])) == ["2021-10-04 16:26:00"]
    assert list(iter_values(tree, ["em.n", "span.none"])) == ["김유민 기자"]


def test_every_bundled_site_pack_loads() -> None:
    packs = PackSet.load()
    with_html = {p.id for p in packs.sites if p.html}
    for pid in ("chosun", "donga", "hani", "khan", "mk", "naver", "yonhap", "newspim"):
        assert pid in with_html, pid


PAGES = KO_NEWS / "html"


@pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/corpus/ko-news not present")
@pytest.mark.parametrize("pid,name", [
    ("naver", "naver__01"), ("naver", "naver__04"), ("chosun", "chosun__01"), ("chosun", "chosun__02"),
    ("donga", "donga__02"), ("hani", "hani__02"), ("khan", "khan__02"), ("khan", "khan__03"),
    ("mk", "mk__05"), ("yonhap", "yonhap__01"),
])
def test_pack_body_selector_matches_its_pages(pid: str, name: str) -> None:
    from cleaner.decode import decode_bytes
    from cleaner.html.pack import body_nodes
    from selectolax.lexbor import LexborHTMLParser

    table = tomllib.loads((RULES_DIR / "sites" / f"{pid}.toml").read_text(encoding="utf-8"))["html"]
    tree = LexborHTMLParser(decode_bytes((PAGES / f"{name}.html").read_bytes())[0])
    nodes = body_nodes(tree, table["body"])
    assert nodes and sum(len(n.text(strip=True)) for n in nodes) > 300
    assert list(iter_values(tree, table["title"]))


def test_selected_values_read_as_printed() -> None:
    """A value escaped once more than the markup needs reads as the page shows it."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser('<html><head><meta name="x" content="A&amp;amp;B"></head>'
                            '<body><h1 class="t">C &amp;amp; D &lt;속보&gt;</h1></body></html>')
    assert list(iter_values(tree, ["meta[name=x]", "h1.t"])) == ["A&B", "C & D <속보>"]


def test_drop_selectors_decide_on_index_pages_too() -> None:
    from cleaner.html.extract import extract_blocks

    pack = parse_pack({"pack": HEAD, "html": {"index_urls": [r"example\.kr/list/"],
                                              "drop": {"ad": ["div.promo"]}}}, PATH)
    links = "".join(f"<li><a href='/a/{i}'>{i}번째 헤드라인 기사의 제목이 여기에 길게 있다</a></li>" for i in range(12))
    html = f"<html><body><ul>{links}</ul><div class='promo'>특가 할인 이벤트 진행 중</div></body></html>"
    blocks, article = extract_blocks(html, "https://example.kr/list/1", pack)
    assert article.kind == "index"
    [promo] = [b for b in blocks if "특가" in b.text]
    assert (promo.kind, promo.reason) == ("ad", "html: site pack drop selector")


MARKUP = """<html><body><div class="list_body"><h3 class="sub">부제 하나</h3><em class="cap">사진 설명</em>
<div id="art"><h3>부제 둘</h3><p class="ad">광고 문구</p><em class="cap sub">겹친 설명</em></div>
<ul class="news_list"><li>목록</li></ul></div></body></html>"""


def test_forced_kinds_query_a_kind_once_and_keep_the_first_kind_of_each_element() -> None:
    """One query per kind (its selectors as one list) marks what a query per selector
    marked; an element two kinds match keeps the kind listed first."""
    from cleaner.html.pack import forced_kinds, selector_list
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(MARKUP)
    drop = {"subtitle": ["h3.sub", "#art > h3", "em.sub"], "caption": ["em.cap"], "ad": ["p.ad", "div.nothing"]}
    expected: dict[int, str] = {}
    for kind, specs in drop.items():
        for spec in specs:
            for node in tree.css(spec):
                expected.setdefault(node.mem_id, kind)
    assert forced_kinds(tree, drop) == expected
    assert sorted(expected.values()) == ["ad", "caption", "subtitle", "subtitle", "subtitle"]
    assert selector_list(["em.cap", "span.date@data-time"]) == "em.cap, span.date"


def test_is_index_names_the_first_listed_selector_that_matches() -> None:
    """The selectors are first tried as one list (an article page matches none); the
    reason names the first selector in the pack's order, not in the page's."""
    from cleaner.html.pack import is_index
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(MARKUP)
    assert is_index(tree, None, {"index": ["ul.news_list", "div.list_body"]}) == "page has 'ul.news_list'"
    assert is_index(tree, None, {"index": ["ul.type06", "div.hdline"]}) is None
    assert is_index(tree, None, {"index": ["div.hdline", "div.list_body@id"]}) == "page has 'div.list_body@id'"
