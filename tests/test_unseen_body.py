"""Pages of publishers no pack knows (issue 11): a pack never applies to another
publisher's page, weak fingerprints cost nothing, a pack that loses the article is
distrusted; Next.js App Router streams, short photo items and in-article headings.
Every page here is invented, written like the real ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.explain import explain, header_lines
from cleaner.packs import RULES_DIR
from cleaner.pipeline import document_host
from cleaner.rulebook import FingerprintIndex

PARAGRAPHS = [
    "서울시는 내년부터 65세 이상 어르신의 시내버스 요금을 전액 지원한다고 3일 밝혔다.",
    "시는 이번 조치로 약 160만명이 혜택을 받을 것으로 내다봤다. 필요한 예산은 연간 1200억원 규모다.",
    "교통 전문가들은 고령층의 이동권이 넓어진다는 점을 환영하면서도 재정 부담을 함께 따져봐야 한다고 지적했다.",
]
MORE = PARAGRAPHS + ["시는 다음 달 시의회에 관련 조례 개정안을 제출하고 의견 수렴 절차를 거칠 예정이다.",
                     "버스 업계는 요금 보전 방식이 확정되지 않았다며 시와 협의를 이어가겠다고 밝혔다."]

# A wire agency's pack written for its own pages: its dateline and copyright line are its
# fingerprints, and a careless rule drops every sentence ending in "다." (on its own pages
# those lines sit in a syndicated summary box).  Applied to anyone else's page it removes
# the whole article.
WIRE_PACK = """[pack]
id = "hanbitwire"
version = "2025-01-01"
domains = ["hanbit-wire.example"]
fingerprints = ['\\(서울=한빛통신\\)', '저작권자\\s*ⓒ\\s*한빛통신', 'hanbit-wire\\.example']
press = ["한빛통신"]

[[rule]]
id = "summary-box"
kind = "summary"
pattern = '다\\.$'
"""


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Cleaner:
    folder = tmp_path_factory.mktemp("rules")
    (folder / "hanbitwire.toml").write_text(WIRE_PACK, encoding="utf-8")
    return Cleaner([RULES_DIR, folder])


def _page(paragraphs: list[str], head: str = "", extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>어르신 버스요금 전액 지원 - 한빛방송</title><meta property="og:type" content="article">{head}</head>
<body><nav><a href="/">홈</a> <a href="/news">뉴스</a> <a href="/tv">TV</a></nav>
<article><h1>어르신 버스요금 전액 지원</h1><div class="article_txt">
<p>(서울=한빛통신) 김기자 기자 = {paragraphs[0]}</p>{body[len(f"<p>{paragraphs[0]}</p>"):]}{extra}
<p>저작권자 ⓒ 한빛통신 무단전재 및 재배포 금지</p></div></article>
<footer>Copyright © 한빛방송 All rights reserved.</footer></body></html>"""


# ---------------------------------------------------------------- pack selection
@pytest.mark.parametrize("url,head", [
    ("https://news.hanbit-tv.example/article/2024/0301", ""),
    (None, '<link rel="canonical" href="https://news.hanbit-tv.example/article/2024/0301">'),
    (None, '<meta property="og:url" content="https://news.hanbit-tv.example/article/2024/0301">'),
])
def test_a_pack_never_applies_to_a_page_of_another_domain(wire: Cleaner, url, head) -> None:
    """A broadcaster's page carries the wire's dateline and copyright line (strong
    fingerprints): its URL, canonical link or og:url names a domain no pack owns, so no pack."""
    article = wire.clean(_page(PARAGRAPHS, head), url=url)
    assert article.site is None
    assert article.paragraphs[1:] == PARAGRAPHS[1:] and PARAGRAPHS[0] in article.paragraphs[0]


def test_fingerprints_pick_the_pack_of_a_page_with_no_domain(wire: Cleaner) -> None:
    article = wire.clean(_page(PARAGRAPHS))
    assert (article.site, article.site_match) == ("hanbitwire", "fingerprint")


def test_a_weak_fingerprint_in_a_dump_costs_no_paragraph(wire: Cleaner) -> None:
    """A URL-less dump whose only trace of the wire is a link to its domain: weak evidence."""
    dump = "\n".join([*PARAGRAPHS, "관련 자료는 https://www.hanbit-wire.example/data 에서 볼 수 있다."])
    article = wire.clean(dump)
    assert article.site is None
    assert article.paragraphs[:3] == PARAGRAPHS


def test_fingerprint_evidence_strength() -> None:
    index = FingerprintIndex.build(Cleaner().packs.sites)
    weak = index.match("기사 원문은 news.naver.com 에서 볼 수 있다.")
    assert weak is not None and weak.pack.id == "naver" and not weak.strong
    assert index.best("기사 원문은 news.naver.com 에서 볼 수 있다.") is None
    menus = " ".join(f'<a href="https://news.naver.com/section/{n}">메뉴</a>' for n in range(12))
    assert index.match(menus).strong  # the site's own navigation, link after link
    strong = index.match("(서울=연합뉴스) 홍길동 기자 = 정부가 발표했다.")
    assert strong is not None and strong.pack.id == "yonhap" and strong.strong


def test_a_pack_that_loses_the_article_is_distrusted(wire: Cleaner) -> None:
    """On its own domain the pack's rule removes every paragraph: the generic path's
    result is used, and the reason recorded."""
    article = wire.clean("\n".join(MORE), url="https://www.hanbit-wire.example/view/1")
    assert article.site is None and article.paragraphs == MORE
    note = article.removed[0]
    assert note.rule.startswith("pipeline: site pack distrusted: hanbitwire (by domain) kept 0 characters")
    assert note.action == "not applied"
    header = header_lines(explain(wire, "\n".join(MORE), url="https://www.hanbit-wire.example/view/1"))
    assert "site pack hanbitwire not applied: pipeline: site pack distrusted" in header[1]


# ---------------------------------------------------------------- Next.js App Router
def _flight_page(rows: list[str], texts: dict[str, str], head: str = "", chunk: int = 70) -> str:
    """A spinner page whose content is an RSC payload cut into push chunks (mid-row,
    mid-string) as the Next.js server streams it."""
    payload = "".join(f"{r}\n" for r in rows)
    payload += "".join(f"{k}:T{len(v.encode()):x},{v}" for k, v in texts.items())
    pushes = "".join(f"<script>self.__next_f.push([1,{json.dumps(payload[i:i + chunk], ensure_ascii=False)}])"
                     "</script>" for i in range(0, len(payload), chunk))
    return f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">{head}
<link rel="stylesheet" href="/_next/static/css/app.css"><script src="/_next/static/chunks/main-app.js" async></script>
</head><body><div class="loading"><div class="spinner" role="status">불러오는 중…</div></div>
<script>(self.__next_f=self.__next_f||[]).push([0]);self.__next_f.push([2,null])</script>{pushes}</body></html>"""


def _el(tag: str, children, **props):  # noqa: ANN001, ANN202 - a React element as RSC writes it
    return ["$", tag, None, {**props, "children": children}]


def test_next_flight_html_body_in_a_text_row(generic: Cleaner) -> None:
    html = "".join(f"<p>{p}</p>" for p in MORE)
    tree = _el("article", [_el("h1", "어르신 버스요금 전액 지원"), _el("div", None, className="byline"),
                           ["$", "div", None, {"className": "article_body", "dangerouslySetInnerHTML": {"__html": "$7"}}]])
    rows = ['1:HL["/_next/static/css/app.css","style"]', '2:I[4707,[],""]',
            '3:I[3489,["185","static/chunks/app/layout-1a2b.js"],"default"]',
            "6:" + json.dumps(tree, ensure_ascii=False)]
    article = generic.clean(_flight_page(rows, {"7": html}))
    assert article.paragraphs == MORE
    assert article.title == "어르신 버스요금 전액 지원"
    assert "불러오는 중" not in article.text


def test_next_flight_paragraph_elements(generic: Cleaner) -> None:
    body = [_el("p", PARAGRAPHS[0]), _el("h3", "재원 마련은"),
            _el("p", [PARAGRAPHS[1][:20], _el("strong", PARAGRAPHS[1][20:40]), PARAGRAPHS[1][40:]]),
            _el("p", "$$" + PARAGRAPHS[2]), *(_el("p", p) for p in MORE[3:])]  # "$…" is escaped as "$$…"
    rows = ['2:I[4707,[],""]', "5:" + json.dumps([_el("nav", [_el("a", "홈", href="/")]),
                                                   _el("main", [_el("h1", "어르신 버스요금 전액 지원"),
                                                                _el("div", body, className="news_body")])],
                                                  ensure_ascii=False)]
    article = generic.clean(_flight_page(rows, {}, head="<title>어르신 버스요금 - 한빛방송</title>"))
    assert article.paragraphs == [PARAGRAPHS[0], "재원 마련은", PARAGRAPHS[1], "$" + PARAGRAPHS[2], *MORE[3:]]


# ---------------------------------------------------------------- short items
PHOTO_PAGE = """<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>[포토] 장맛비 속 출근길 - 한빛일보</title>
<meta property="og:type" content="article"><meta property="og:title" content="[포토] 장맛비 속 출근길"></head>
<body><header><nav><ul><li><a href="/">홈</a></li><li><a href="/politics">정치</a></li><li><a href="/economy">경제</a></li>
<li><a href="/society">사회</a></li><li><a href="/photo">포토</a></li></ul></nav></header>
<div id="container"><div class="article_head"><h1>[포토] 장맛비 속 출근길</h1><span class="date">입력 2024.07.02 10:21</span></div>
<div class="article_body" id="articleBody">
<figure class="photo"><img src="/img/a.jpg" alt=""><figcaption>2일 오전 서울 종로구 광화문 네거리에서 우산을 쓴 시민들이
출근길 발걸음을 재촉하고 있다. /한빛일보 김사진 기자</figcaption></figure>
<p>장마가 시작된 2일 서울 도심에 비가 내렸다.</p></div>
<div class="share"><button>페이스북</button><button>트위터</button></div>
<div class="related_news"><h3>많이 본 뉴스</h3><ul><li><a href="/a/1">여야, 추경 처리 놓고 막판 협상…본회의 일정 불투명</a></li>
<li><a href="/a/2">서울 아파트값 12주 연속 상승…강남권 상승폭 커져</a></li><li><a href="/a/3">장마 북상…내일 중부지방 최대 100㎜ 비</a></li></ul></div>
</div><footer><p>Copyright © 한빛일보. All rights reserved.</p></footer></body></html>"""


def test_a_one_sentence_photo_item_has_a_body(generic: Cleaner) -> None:
    article = generic.clean(PHOTO_PAGE, url="https://www.hanbit-ilbo.example/photo/20240702/123")
    assert article.kind == "article"
    assert article.paragraphs == ["장마가 시작된 2일 서울 도심에 비가 내렸다."]
    assert article.captions and article.captions[0].startswith("2일 오전 서울 종로구 광화문 네거리에서")
    assert article.title == "[포토] 장맛비 속 출근길" and not article.subtitles


def test_a_short_item_in_a_dump_keeps_its_sentence(generic: Cleaner) -> None:
    dump = "\n".join(["[영상] 첫눈 내린 설악산", "입력 2024.11.20 09:12", "설악산에 올해 첫눈이 내렸다.",
                      "영상=한빛방송 제공", "많이 본 뉴스", "▶ 한빛방송 구독하기"])
    article = generic.clean(dump)
    assert article.paragraphs == ["설악산에 올해 첫눈이 내렸다."]


# ---------------------------------------------------------------- in-article headings
def test_bulleted_headings_after_related_links_are_kept(generic: Cleaner) -> None:
    """A weekly roundup: each section opens with '■분야', closes with related links."""
    lines = [PARAGRAPHS[0], "■정치", PARAGRAPHS[1], "▶관련기사: 여야, 예산안 처리 시한 넘겨",
             "▶관련기사: 국회 본회의 연기…다음 주 재논의", "■사회", PARAGRAPHS[2],
             "▶관련기사: 폭설에 출근길 대란"]
    article = generic.clean("\n".join(lines))
    assert article.paragraphs == [PARAGRAPHS[0], "■정치", PARAGRAPHS[1], "■사회", PARAGRAPHS[2]]
    assert [b.kind for b in article.blocks if b.text in ("■정치", "■사회")] == ["heading", "heading"]


@pytest.mark.parametrize("subhead", ["<h3>{}</h3>", "<p><strong>{}</strong></p>", "<b>{}</b><br>"])
def test_html_subheading_after_a_related_box_is_kept(generic: Cleaner, subhead: str) -> None:
    related = ('<div class="relation_news"><a href="/n/1">[관련기사] 노인 교통비 지원 확대 논의</a>'
               '<a href="/n/2">[관련기사] 지하철 무임승차 연령 상향 검토</a></div>')
    paragraphs = PARAGRAPHS + ["지원 대상은 서울에 주민등록을 둔 65세 이상 시민으로, 별도 신청 없이 교통카드로 이용할 수 있다.",
                               "시는 시행 첫해 이용 실적을 분석해 지원 범위를 조정할 계획이라고 설명했다."]
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:3]) + related + subhead.format("신청 없이 교통카드로")
    body += "".join(f"<p>{p}</p>" for p in paragraphs[3:])
    page = f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>어르신 버스요금 전액 지원</title>
<meta property="og:type" content="article"></head><body><nav><a href="/">홈</a><a href="/s">사회</a></nav>
<article><h1>어르신 버스요금 전액 지원</h1><div id="article_body">{body}</div></article>
<footer>Copyright © 한빛일보</footer></body></html>"""
    article = generic.clean(page, url="https://www.hanbit-ilbo.example/news/1")
    assert article.paragraphs == [*paragraphs[:3], "신청 없이 교통카드로", *paragraphs[3:]]


@pytest.mark.parametrize("url,html,host", [
    ("https://News.Hanbit-TV.example/a/1", None, "news.hanbit-tv.example"),
    ("http://[::1", None, ""),  # a malformed URL names no domain (and raises nothing)
    (None, '<head><link rel="canonical" href="//m.hanbit-tv.example/a/1"></head>', "m.hanbit-tv.example"),
    (None, '<head><meta content="https://hanbit-tv.example/a" property="og:url"/></head>', "hanbit-tv.example"),
    (None, '<head><link rel="canonical" href="/a/1"></head><body><a href="https://x.example">x</a>', ""),
])
def test_document_host(url, html, host) -> None:  # noqa: ANN001
    assert document_host(url, html) == host


LEAD_PACK = """[pack]
id = "hanbitilbo"
version = "2025-01-01"
domains = ["hanbit-ilbo.example"]

[html]
body = ["div.lead"]
"""


def test_a_domain_pack_whose_selector_misses_the_article_is_distrusted(tmp_path: Path) -> None:
    """The pack's body selector, written for the site's news layout, picks a teaser box
    on the site's magazine layout: it keeps far less than the article."""
    (tmp_path / "hanbitilbo.toml").write_text(LEAD_PACK, encoding="utf-8")
    engine = Cleaner([RULES_DIR, tmp_path])
    lead = " ".join(MORE[:4])  # a teaser of the article, over SUSPECT_BODY_CHARS long
    article_text = [f"{p} {q}" for p in MORE for q in reversed(MORE)][:12]
    page = f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>어르신 버스요금 전액 지원</title>
<meta property="og:type" content="article"></head><body><nav><a href="/">홈</a><a href="/s">사회</a></nav>
<article><h1>어르신 버스요금 전액 지원</h1><div class="lead">{lead}</div>
<div class="story">{"".join(f"<p>{p}</p>" for p in article_text)}</div></article>
<footer>Copyright © 한빛일보</footer></body></html>"""
    article = engine.clean(page, url="https://magazine.hanbit-ilbo.example/view/7")
    assert article.site is None and article_text[-1] in article.paragraphs
    assert article.removed[0].rule.startswith("pipeline: site pack distrusted: hanbitilbo (by domain)")


def test_a_line_of_reporters_between_sections_is_a_byline_not_a_heading(generic: Cleaner) -> None:
    """A compilation of several reports: each closes with its reporters' line."""
    lines = [*PARAGRAPHS[:2], "김민국 기자, 이하늘 기자, 박서준 인턴기자", "■ 재원 마련은", PARAGRAPHS[2]]
    article = generic.clean("\n".join(lines))
    assert article.paragraphs == [*PARAGRAPHS[:2], "■ 재원 마련은", PARAGRAPHS[2]]
    assert [r.kind for r in article.removed if "김민국" in r.text] == ["byline"]


def test_a_photo_caption_closed_by_place_and_agency_is_a_caption(generic: Cleaner) -> None:
    caption = ("비 새는 지붕 17일 경북 경주시의 한 주택에서 주민이 비가 새는 곳을 가리키고 있다. "
               "경주시는 이날 비닐과 천막을 씌우는 복구 작업에 나섰다. 경주=뉴스1")
    article = generic.clean("\n".join([PARAGRAPHS[0], caption, *PARAGRAPHS[1:]]))
    assert article.paragraphs == PARAGRAPHS and article.captions == [caption]


@pytest.mark.parametrize("dateline", ["[한빛뉴스] 디지털뉴스팀 = ", "[한빛뉴스 ] 김민국 기자 = "])
def test_a_bracketed_dateline_with_a_desk_or_a_loose_bracket_is_cut(generic: Cleaner, dateline: str) -> None:
    article = generic.clean("\n".join([dateline + PARAGRAPHS[0], *PARAGRAPHS[1:]]))
    assert article.paragraphs == PARAGRAPHS
