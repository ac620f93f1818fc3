"""Metadata on pages of publishers no pack knows: the press registry
(``rules/press.toml``), the byline grammar and the printed headline.

The pages here are invented (realistic markup and Korean text written for the
tests); the last test reads every dev gold file (../shared/corpus/ko-news/gold)
and keeps the title/press/reporters accuracy from falling back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.press import RegistryError, load_registry, registry

from .conftest import KO_NEWS

PROSE = ["{place} 시민단체와 지방자치단체가 함께 마련한 겨울철 안전 대책이 이번 주부터 본격적으로 시행된다고 관계자가 밝혔다.",
         "대책에는 취약계층 가구를 직접 찾아가 난방 기구를 점검하고, 한파 쉼터의 운영 시간을 밤늦게까지 늘리는 방안이 담겼다.",
         "시 관계자는 지난해보다 예산을 두 배 가까이 늘렸다며 현장의 목소리를 꾸준히 반영해 나가겠다고 말했다.",
         "전문가들은 대책이 실제로 효과를 내려면 주민들의 참여와 관심이 무엇보다 중요하다고 입을 모았다."]


def article_page(head: str = "", before: str = "", first: str = "", after: str = "",
                 headline: str = "겨울철 안전 대책 본격 시행", last: str = "") -> str:
    """A news page: head tags, a headline, bylines before and after four paragraphs."""
    paragraphs = [first + PROSE[0].format(place="올겨울"), *PROSE[1:-1], PROSE[-1] + last]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><meta charset='utf-8'>{head}<title>{headline}</title></head>"
            f"<body><nav><a href='/'>홈</a> <a href='/s'>사회</a> <a href='/p'>정치</a></nav>"
            f"<div class='article-head'><h1>{headline}</h1>{before}</div>"
            f"<div id='article-body'>{body}</div>{after}"
            f"<footer><p>회사소개 | 이용약관 | 개인정보처리방침</p></footer></body></html>")


def og(prop: str, value: str) -> str:
    return f'<meta property="{prop}" content="{value}">'


# ---------------------------------------------------------------- the registry
@pytest.mark.parametrize("spelling, name", [
    ("KBS뉴스", "KBS"), ("KBS NEWS", "KBS"), ("kbs 뉴스", "KBS"), ("MBC NEWS", "MBC"), ("MBC뉴스", "MBC"),
    ("SBS 뉴스", "SBS"), ("@SBS8NEWS", "SBS"), ("연합뉴스TV", "연합뉴스TV"), ("연합뉴스 TV", "연합뉴스TV"),
    ("연합뉴스", "연합뉴스"), ("YTN 뉴스", "YTN"), ("머니투데이방송", "MTN"), ("동아닷컴", "동아일보"),
    ("CBS노컷뉴스", "노컷뉴스"), ("MoneyS", "머니S"), ("한경닷컴", "한국경제"),
])
def test_press_aliases_map_to_the_canonical_name(spelling: str, name: str) -> None:
    assert registry().canonical(spelling) == name


def test_unknown_names_and_prefixes_are_not_outlets() -> None:
    reg = registry()
    assert reg.canonical("동네소식지") is None and reg.canonical("") is None
    assert reg.leading("중앙대학교 연구팀") is None  # 중앙 runs on into another word
    assert reg.leading("연합뉴스TV 무단 전재") == "연합뉴스TV"  # the longest name wins
    assert reg.leading("스포츠조선 All rights reserved") == "스포츠조선"


@pytest.mark.parametrize("host, name", [
    ("https://sports.chosun.com/baseball/x", "스포츠조선"), ("https://www.chosun.com/national/x", "조선일보"),
    ("http://moneys.mt.co.kr/news/mwView.php?no=1", "머니S"), ("news.mt.co.kr", "머니투데이"),
    ("https://news.kbs.co.kr/news/view.do?ncd=1", "KBS"), ("https://www.yonhapnewstv.co.kr/news/x", "연합뉴스TV"),
    ("https://n.news.naver.com/article/001/1", None), ("https://blog.example.com/x", None),
])
def test_a_host_belongs_to_the_outlet_with_the_longest_domain(host: str, name: str | None) -> None:
    assert registry().by_host(host) == name


@pytest.mark.parametrize("text, where", [
    ('[[press]]\nname = "A"\nalias = ["B"]\n', "press[0]: unknown field(s) alias"),
    ('[[press]]\naliases = ["B"]\n', "press[0].name: is required"),
    ('[[press]]\nname = "A"\ndomains = ["not a host"]\n', "press[0] (name 'A').domains[0]"),
    ('[[press]]\nname = "A"\naliases = ["X뉴스"]\n[[press]]\nname = "B"\naliases = ["x 뉴스"]\n',
     "press[1] (name 'B').aliases: 'x 뉴스' already belongs to 'A'"),
    ('[[press]]\nname = "A"\nwire = "yes"\n', "press[0] (name 'A').wire: must be true or false"),
    ('[[press]]\nname = "A"\naliases = "B"\n', "press[0] (name 'A').aliases: must be a list"),
    ('outlet = 1\n', "top level: unknown field(s) outlet"),
    ('[[press]\n', "bad TOML"),
])
def test_registry_errors_name_the_file_and_the_field(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "press.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value).startswith(f"{path}: ") and where in str(err.value)


def test_the_registry_is_no_rule_pack() -> None:
    """rules/press.toml sits beside the packs but is not loaded as one."""
    from cleaner.packs import RULES_DIR, pack_files

    assert (RULES_DIR / "press.toml").is_file()
    assert RULES_DIR / "press.toml" not in pack_files([RULES_DIR])


# ---------------------------------------------------------------- press on pages
@pytest.mark.parametrize("head, url, press", [
    (og("og:site_name", "KBS뉴스"), None, "KBS"),
    (og("og:site_name", "MBC NEWS"), "https://imbc.example.org/news/1", "MBC"),
    ('<meta name="twitter:site" content="@SBS8NEWS">', None, "SBS"),
    (og("og:site_name", "연합뉴스TV"), None, "연합뉴스TV"),
    ("", "https://www.yonhapnewstv.co.kr/news/MYH20240101000100038", "연합뉴스TV"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"@type": "Organization",'
     ' "name": "YTN NEWS"}}</script>', None, "YTN"),
    (og("og:site_name", "동네소식"), None, "동네소식"),  # an outlet the registry does not know: as declared
])
def test_declared_press_takes_the_canonical_name(generic: Cleaner, head: str, url: str | None, press: str) -> None:
    assert generic.clean(article_page(head=head), url=url).press == press


def test_a_copyright_line_names_the_press_when_nothing_else_does(generic: Cleaner) -> None:
    for line, press in (("Copyright ⓒ 스포츠조선 All rights reserved", "스포츠조선"),
                        ("ⓒ 한국경제TV, 무단 전재 및 재배포 금지", "한국경제TV")):
        page = article_page(after=f"<div class='copyright'><p>{line}</p></div>")
        assert generic.clean(page, url="https://news.example.net/a/1").press == press


def test_a_reporter_e_mail_names_the_press_only_when_nothing_else_does(generic: Cleaner) -> None:
    card = "<div class='reporter'><p>홍길동 기자 hong@sportsseoul.com</p></div>"
    assert generic.clean(article_page(after=card), url="https://news.example.net/a/3").press == "스포츠서울"
    # a broadcaster's reporters may write from its newspaper's address: the page's outlet stays
    card = "<div class='reporter'><p>홍길동 기자 hong@chosun.com</p></div>"
    page = article_page(head=og("og:site_name", "TV CHOSUN"), after=card)
    assert generic.clean(page, url="https://news.tvchosun.com/site/data/html_dir/2024/01/02/1.html").press == "TV조선"


@pytest.mark.parametrize("first, press, reporter", [
    ("[OSEN=대전, 홍길동 기자] ", "OSEN", "홍길동"),
    ("[스포츠조선 김민지 기자] ", "스포츠조선", "김민지"),
    ("(서울=연합뉴스) 이서준 기자 = ", "연합뉴스", "이서준"),
    ("[인사이트 ] 박도윤 기자 = ", "인사이트", "박도윤"),
])
def test_a_syndicated_story_takes_its_original_outlet(cleaner: Cleaner, generic: Cleaner, first: str,
                                                      press: str, reporter: str) -> None:
    """A partner's byline on another outlet's domain (and declared site name)."""
    page = article_page(head=og("og:site_name", "조선일보"), first=first)
    for engine in (cleaner, generic):
        article = engine.clean(page, url="https://www.chosun.com/sports/2024/01/02/ABC/")
        assert article.press == press and article.reporters == [reporter], engine
        assert first.strip()[:6] not in article.text  # the byline is cut off the paragraph


@pytest.mark.parametrize("line, press", [("[OSEN=대전, 홍길동 기자]", "OSEN"), ("스포츠조선 홍길동 기자", "스포츠조선")])
def test_a_partner_byline_of_its_own_takes_the_partner(generic: Cleaner, line: str, press: str) -> None:
    """The partner's byline printed in an element of its own under the headline."""
    page = article_page(head=og("og:site_name", "조선일보"), before=f"<div class='byline'>{line}</div>")
    article = generic.clean(page, url="https://www.chosun.com/sports/2024/01/02/ABC/")
    assert (article.press, article.reporters) == (press, ["홍길동"])


def test_a_closing_wire_credit_takes_the_agency(generic: Cleaner) -> None:
    """"연합뉴스" after the last sentence (glued to it or on a line of its own)."""
    for last, after in ((" 연합뉴스", ""), ("", "<p>연합뉴스</p>")):
        page = article_page(head=og("og:site_name", "한국일보"), last=last,
                            after=f"<div class='article-tail'>{after}</div>")
        article = generic.clean(page, url="https://www.hankookilbo.com/News/Read/A2024010210000001")
        assert article.press == "연합뉴스", last or after
        assert PROSE[-1] in article.text and not article.text.endswith("연합뉴스")


def test_a_wire_photo_credit_does_not_make_a_wire_story(generic: Cleaner) -> None:
    page = article_page(head=og("og:site_name", "한국일보"),
                        before="<figure><img src='a.jpg'><figcaption>한파 쉼터를 찾은 시민들. 연합뉴스</figcaption></figure>")
    assert generic.clean(page, url="https://www.hankookilbo.com/News/Read/A1").press == "한국일보"


# ---------------------------------------------------------------- reporters
def test_json_ld_authors_in_page_order_without_desks_or_the_outlet(generic: Cleaner) -> None:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
          '{"@type": "Person", "name": "정하늘 기자"}, {"@type": "Person", "name": "오세린"},'
          '{"@type": "Organization", "name": "디지털뉴스부"}, {"@type": "Organization", "name": "KBS 뉴스"},'
          '{"@type": "Person", "name": "한지우 특파원"}]}</script>')
    assert generic.clean(article_page(head=ld)).reporters == ["정하늘", "오세린", "한지우"]


def test_an_author_tag_naming_the_outlet_gives_way_to_one_naming_a_person(generic: Cleaner) -> None:
    head = '<meta name="author" content="KBS"><meta name="dable:author" content="정하늘">'
    assert generic.clean(article_page(head=head)).reporters == ["정하늘"]


def test_printed_byline_order_wins_over_a_declared_subset(generic: Cleaner) -> None:
    page = article_page(head='<meta name="dable:author" content="이정훈">',
                        before="<div class='reporter-info'><span>김소연 기자</span> <span>이정훈 기자</span></div>")
    assert generic.clean(page).reporters == ["김소연", "이정훈"]


@pytest.mark.parametrize("author", ["디지털뉴스부", "온라인뉴스팀", "편집국", "MBC NEWS", "네이버"])
def test_a_desk_outlet_or_portal_is_no_reporter(generic: Cleaner, author: str) -> None:
    head = f'<meta name="author" content="{author}">'
    assert generic.clean(article_page(head=head, before=f"<p class='writer'>{author}</p>")).reporters == []


@pytest.mark.parametrize("before, after, names", [
    ("<p class='byline'>박성민기자 , 이권효기자 , 최지연기자</p>", "", ["박성민", "이권효", "최지연"]),
    ("<p class='byline'>경주=박성민·이권효 기자</p>", "", ["박성민", "이권효"]),
    ("<span>인턴 박경흠</span> <span>디자이너 김은경</span>", "", ["박경흠", "김은경"]),
    ("<p>머니투데이방송 유찬 기자</p>", "", ["유찬"]),
    ("<ul class='info'><li>김정훈 기자|입력 : 2024.03.07 11:25</li></ul>", "", ["김정훈"]),
    ("", "<div class='reporter-card'><p>윤다인 기자 dain@example.com</p><p>기자 프로필</p>"
         "<p>구독</p><p>발로 뛰는 기자가 되겠습니다.</p></div>", ["윤다인"]),
])
def test_reporters_from_printed_bylines_and_cards(generic: Cleaner, before: str, after: str,
                                                 names: list[str]) -> None:
    article = generic.clean(article_page(before=before, after=after), url="https://news.example.net/a/2")
    assert article.reporters == names


def test_bylines_in_a_list_of_other_stories_are_not_this_story_s(generic: Cleaner) -> None:
    related = ("<div class='related-news'><ul><li><a href='/a/9'>한파 특보 확대…전국 곳곳 영하 15도</a></li>"
               "<li>박민수 기자</li></ul></div>")
    page = article_page(before="<p class='byline'>윤다인 기자</p>", after=related)
    assert generic.clean(page, url="https://news.example.net/a/4").reporters == ["윤다인"]


def test_an_op_ed_contributor_counts(generic: Cleaner) -> None:
    page = article_page(headline="겨울 산불, 초기 대응이 답이다 [기고]", before="<p>홍길동 소방청장 직무대행</p>")
    assert generic.clean(page).reporters == ["홍길동"]


# ---------------------------------------------------------------- title
@pytest.mark.parametrize("declared", [
    "[단독] 겨울철 안전 대책 본격 시행 - 조선일보", "[단독] 겨울철 안전 대책 본격 시행 | 연합뉴스",
    "[단독] 겨울철 안전 대책 본격 시행 :: 한겨레", "[단독] 겨울철 안전 대책 본격 시행 : 네이버 뉴스",
    "[단독] 겨울철 안전 대책 본격 시행 #MoneyS",
])
def test_title_without_site_tail_series_tag_kept(generic: Cleaner, declared: str) -> None:
    page = article_page(head=og("og:title", declared), headline="[단독] 겨울철 안전 대책 본격 시행")
    assert generic.clean(page).title == "[단독] 겨울철 안전 대책 본격 시행"


def test_title_keeps_the_quotes_the_page_prints(generic: Cleaner) -> None:
    page = article_page(head=og("og:title", "“올겨울 한파 길다” 기상청 전망"),
                        headline='"올겨울 한파 길다" 기상청 전망')
    assert generic.clean(page).title == '"올겨울 한파 길다" 기상청 전망'


@pytest.mark.parametrize("declared, printed", [
    ("올겨울 한파 길다…기상청 \"1월 중순까지…", '올겨울 한파 길다…기상청 "1월 중순까지 영하권"'),  # og:title cut short
    ("올겨울 한파 길다, 기상청 전망", "[단독] 올겨울 한파 길다, 기상청 전망"),  # the series tag only printed
])
def test_title_is_the_whole_printed_headline(generic: Cleaner, declared: str, printed: str) -> None:
    assert generic.clean(article_page(head=og("og:title", declared.replace('"', "&quot;")),
                                      headline=printed)).title == printed


def test_a_logo_h1_is_no_headline(generic: Cleaner) -> None:
    """No og:title: the first h1 that is not the outlet's logo is the headline."""
    page = article_page(headline="정부, 새 대책 발표…시민 반응은").replace("<body>", "<body><h1>매일 경제</h1>", 1)
    assert generic.clean(page).title == "정부, 새 대책 발표…시민 반응은"


def test_an_index_page_has_no_title_press_or_reporters(generic: Cleaner) -> None:
    items = "".join(f"<li><a href='/a/{i}'>지역 소식 {i}번째 기사 제목이 여기에 들어갑니다</a></li>" for i in range(12))
    page = (f"<html><head>{og('og:site_name', 'KBS뉴스')}{og('og:type', 'website')}<title>사회 - KBS뉴스</title>"
            f"</head><body><h1>사회</h1><ul>{items}</ul></body></html>")
    article = generic.clean(page, url="https://news.kbs.co.kr/news/list.do?ctcd=0003")
    assert article.kind == "index"
    assert (article.title, article.press, article.reporters) == (None, None, [])


# ---------------------------------------------------------------- text dumps
def test_a_dump_with_a_wire_dateline_takes_the_agency(generic: Cleaner) -> None:
    text = "\n".join(["겨울철 안전 대책 본격 시행", "", "(서울=연합뉴스) 이서준 기자 = " + PROSE[0].format(place="올겨울"),
                      "", *PROSE[1:], "", "KBS뉴스"])
    article = generic.clean(text)
    assert article.press == "연합뉴스" and article.reporters == ["이서준"]


def test_a_byline_left_above_the_article_names_the_reporter() -> None:
    """A dump whose article region starts below its byline (the line was decided as
    outside the region, uncaptured) and whose headline the layout missed (a UI line
    took its place): the lone byline just above the body still names the reporter."""
    from cleaner.meta import assemble
    from cleaner.model import Article, Block

    lines = [("menu", "홈"), ("related", "윤다인 기자 dain@example.com"), ("menu", "입력 2024.01.02 10:00"),
             ("title", "인쇄 글자 작게 글자 크게"), *[("body", p.format(place="올겨울")) for p in PROSE],
             ("related", "한파 특보 확대…전국 곳곳 영하 15도")]
    blocks = [Block(text=t, key=t, n=i, kind=k, reason="region: outside the article region" if k != "body" else "")
              for i, (k, t) in enumerate(lines, start=1)]
    assert assemble(blocks, [], Article()).reporters == ["윤다인"]


# ---------------------------------------------------------------- every dev gold page
GOLD = KO_NEWS / "gold"
# title, press, reporters: misses allowed (achieved on 58 pages, 2026-11-27)
ALLOWED_MISSES = {True: {"title": 0, "press": 0, "reporters": 0},
                  # generic: a fragment's deck line taken for its headline (naver__09), and a
                  # card-news page with no body, whose head collapses into one block (chosun__03)
                  False: {"title": 1, "press": 0, "reporters": 1}}


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/corpus/ko-news/gold not present")
@pytest.mark.parametrize("site_packs", [True, False], ids=["packs", "generic"])
def test_metadata_accuracy_on_every_dev_gold_page(site_packs: bool, cleaner: Cleaner, generic: Cleaner) -> None:
    from cleaner.score import input_for, load_gold, score_document

    engine = cleaner if site_packs else generic
    golds = load_gold(GOLD)
    misses: dict[str, list[str]] = {"title": [], "press": [], "reporters": []}
    for name, gold in golds:
        record = engine.clean(input_for(name, gold, KO_NEWS).read_bytes(), url=gold.get("url")).to_dict()
        for key, ok in score_document(name, record, gold).meta_ok.items():
            if not ok:
                misses[key].append(f"{name}: gold {gold[key]!r}, got {record.get(key)!r}")
    assert len(golds) >= 50
    for key, allowed in ALLOWED_MISSES[site_packs].items():
        assert len(misses[key]) <= allowed, misses[key]
