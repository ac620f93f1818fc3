"""The HTML path on real Korean news pages (../shared/corpus/ko-news/html).

Snippets were read off the pages: a sentence of the article must be kept,
menus, related lists, captions, bylines and copyright lines must not be in the
body.  Metadata is what the page prints or declares.
"""

from __future__ import annotations


import pytest

from cleaner import Cleaner

from .conftest import KO_NEWS

PAGES = KO_NEWS / "html"
INDEX_PAGES = ["naver__05", "naver__06", "naver__07", "chosun__08", "donga__08", "hani__06",
               "khan__04", "yonhap__02", "yonhap__03"]

pytestmark = pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/corpus/ko-news not present")


def page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


# (page, kept sentence, texts that must not be in the body)
SITES = [
    ("naver__01", "경찰이 집중호우 실종자 수색 중 순직한 고 채수근 해병대 상병 사건과 관련해",
     ["[헤럴드경제=한지숙 기자]", "빈소에 놓인 고 채수근 상병의 영정", "Copyright", "기사 추천",
      "헤럴드경제 헤드라인"]),
    ("naver__04", "가게 사장은 “곱이 그대로 살아있게 하는 것이 저희 식당 비법이다.",
     ["_flash_removeCallback", "배달업체 리뷰에 올라와 화제가 된 곱창 리뷰", "소의 소장부위",
      "무단 전재 및 재배포 금지", "planet@seoul.co.kr"]),
    ("naver__12", "한국기자협회(회장 김동훈)가 고(故) 박원순 서울시장 빈소에서",
     ["[중앙포토]", "무단 전재 및 재배포 금지", "그래픽텔링"]),
    ("chosun__01", "정부가 지난 9일 북한이 실시한 5차 핵실험을 분석할 유일한 단서인",
     ["100자평", "Copyright", "입력 : 2016.09.17", "북핵 실험 분석할 유일한 단서", "구독신청"]),
    ("chosun__02", "조선일보 독자권익보호위원회(위원장 조순형 전 의원)가 8일 정례회의를 열고",
     ["입력 : 2016.08.12", ".par:after", "많이 본 뉴스"]),
    ("donga__02", "영화 제작자인 이앤엠필름 김동현 대표는 요즘 새 영화",
     ["관련기사", "홍정수 기자 hong@donga.com", "씨름 | 한라장사요요", "[커버스토리]식은 모래판 부활의 한판"]),
    ("hani__01", "광역시도 가운데 일자리 상황이 가장 좋은 곳은 올해도 제주로 나타났다.",
     ["goni@hani.co.kr", "전국 16개 시도 고용률 분석 결과", "광고", "많이 공유 된 기사"]),
    ("khan__01", "국내 소비자의 약 80% 가량을 단말기유통구조개선법(단통법) 도입 후",
     ["경향닷컴", "runyj@kyunghyang.com", "공유하기", "입력 : 2016.09.26"]),
    ("mk__01", "서울 시내버스 노조가 28일 첫 차부터 총파업에 돌입한다.",
     ["뉴스 요약쏙", "AI 요약은", "이 기사가 마음에 들었다면", "anbuju@mk.co.kr", "인기뉴스"]),
    ("yonhap__01", "토트넘은 15일 열린 2016-2017 유럽축구연맹(UEFA) 챔피언스리그",
     ["(서울=연합뉴스) 차병섭 기자 =", "<저작권자(c) 연합뉴스", "AS모나코전 당시 손흥민[AP=연합뉴스 자료사진]",
      "전체기사 본문배너", "bscharm@yna.co.kr"]),
]


@pytest.mark.parametrize("name,kept,gone", SITES, ids=[s[0] for s in SITES])
def test_site_page_body(cleaner: Cleaner, name: str, kept: str, gone: list[str]) -> None:
    article = cleaner.clean(page(name))
    assert article.kind == "article"
    assert kept in article.text
    for text in gone:
        assert text not in article.text, text


# (page, title, published, press, a reporter)
METADATA = [
    ("naver__01", "경찰, 해병대 1사단 첫 압수수색…“확인할 증거 서류 많아”", "2023-09-07T12:22:02+09:00",
     "헤럴드경제", "한지숙"),
    ("naver__04", "소 배설물 아닌가요? 평소와 다른 곱창 속 ‘곱’ 정체", "2021-10-04T16:26:00+09:00", "서울신문", "김유민"),
    ("chosun__01", "정부, 北 핵실험 '방사성 제논' 이번에도 검출 실패", "2016-09-17T18:59:00+09:00", "조선일보", "박건형"),
    ("donga__02", "예산 증액… 협회 통합… “룰 바꿔 기술씨름 되살려야”", "2016-09-18T03:00:00+09:00", "동아일보", "홍정수"),
    ("hani__01", "“고용 최고, 실업 최저” 제주의 비결은?", "2016-09-17T14:26:51+09:00", "한겨레", "이창곤"),
    ("khan__01", "[국감]소비자 80% “단통법, 가계통신비 인하 효과 못 느껴”", "2016-09-26T09:57:01+09:00", "경향신문", "이윤주"),
    ("mk__01", "[속보] 서울 시내버스 노조 총파업 결의…출근길 교통대란 불가피", "2025-05-28T00:13:03+09:00", "매일경제", "안병준"),
    ("yonhap__01", "포체티노, '뎀벨레 대신 손흥민 선발' 비판에 \"실수 아니다\"", "2016-09-17T11:35:00+09:00",
     "연합뉴스", "차병섭"),
]


@pytest.mark.parametrize("name,title,published,press,reporter", METADATA, ids=[m[0] for m in METADATA])
def test_site_page_metadata(cleaner: Cleaner, name: str, title: str, published: str, press: str,
                            reporter: str) -> None:
    article = cleaner.clean(page(name))
    assert article.title == title
    assert article.published == published
    assert article.press == press
    assert reporter in article.reporters


def test_deck_lines_and_captions_are_moved_not_lost(cleaner: Cleaner) -> None:
    article = cleaner.clean(page("chosun__01"))
    assert "북핵 실험 분석할 유일한 단서" in article.subtitles
    naver = cleaner.clean(page("naver__04"))
    assert any("소의 소장부위" in s for s in naver.subtitles)
    assert any("곱창 리뷰" in c for c in naver.captions)


def test_section_from_the_page(cleaner: Cleaner) -> None:
    assert cleaner.clean(page("hani__01")).section == "사회"
    assert cleaner.clean(page("mk__01")).section == "사회"  # span.cate, not the English meta value


@pytest.mark.parametrize("name", INDEX_PAGES)
def test_index_pages_have_no_body(cleaner: Cleaner, generic: Cleaner, name: str) -> None:
    for engine in (cleaner, generic):
        article = engine.clean(page(name))
        assert article.kind == "index", engine
        assert article.text == ""


@pytest.mark.parametrize("name,kept", [
    ("naver__01", "경북경찰청 강력범죄수사대 수사전담팀은 7일 오전 9시 30분부터"),
    ("hani__03", "제주서부경찰서는 17일 오후 4시 5분께 서귀포시 보목동 모처에"),
    ("khan__02", "트럼프는 폭스뉴스에서 “레스터는 민주당원”이라고 주장하며 견제했지만"),
    ("donga__05", "국민연금으로 가장 많은 혜택을 보는 세대는 1970년대 중반에 태어난 세대란"),
    ("mk__06", "중국 테크 기업들이 인공지능(AI)을 개발하기 위해 자국산 칩을 적극 활용하는"),
])
def test_generic_scorer_finds_the_body(generic: Cleaner, name: str, kept: str) -> None:
    """Without site packs the density scorer must still find the article."""
    article = generic.clean(page(name))
    assert article.kind == "article"
    assert kept in article.text
    assert "무단 전재" not in article.text and "무단전재" not in article.text
    assert article.site is None


def test_generic_body_is_decided_by_dom_and_rules(generic: Cleaner) -> None:
    article = generic.clean(page("naver__01"))
    reasons = {b.reason.split(" (")[0] for b in article.blocks if b.kind and b.reason.startswith("html:")}
    assert "html: outside the main content" in reasons
    assert all(b.tag for b in article.blocks)  # every block knows where it came from
    assert [b.n for b in article.blocks] == list(range(1, len(article.blocks) + 1))


def test_fragment_with_br_paragraphs(cleaner: Cleaner) -> None:
    article = cleaner.clean(page("naver__09"))
    assert "정부는 이보다 열흘 앞서 국가공무원 정원을 늘린다고 발표했다." in article.text
    assert "hankyung.com" not in article.text
    assert "네이버에서 한국경제" not in article.text


def test_json_escaped_fragment(cleaner: Cleaner) -> None:
    article = cleaner.clean(page("naver__10"))
    assert "이탈리아 당국이 신종 코로나바이러스 감염증(코로나19) 환자에 대한 말라리아 및 에이즈 치료제 투약을 승인했다." in article.text
    assert "\\n" not in article.text and '\\"' not in article.text
    assert "구독 클릭" not in article.text


def test_fragment_with_spam_tail(cleaner: Cleaner) -> None:
    article = cleaner.clean(page("newspim__01"))
    assert "주가가 연일 방향 없는 널뛰기를 연출하는 가운데" in article.text
    assert "大공개" not in article.text
    assert "무단 전재" not in article.text
    assert "차이나 머니 해외 기업 사냥" not in article.text  # related links after the body


def test_str_input_gives_the_same_article(cleaner: Cleaner) -> None:
    raw = page("khan__02")
    from_bytes = cleaner.clean(raw)
    from_text = cleaner.clean(raw.decode("cp949"))
    assert from_bytes.text == from_text.text and from_bytes.text


def test_printed_dateline_without_a_pack(generic: Cleaner) -> None:
    """Korean datelines read off the page: '입력 2016-09-18 03:00:00', '입력 | 2023.09.07. 오후 12:22'."""
    assert generic.clean(page("donga__02")).published == "2016-09-18T03:00:00+09:00"
    assert generic.clean(page("naver__01")).published == "2023-09-07T12:22:00+09:00"
    assert generic.clean(page("chosun__06")).published == "2016-09-14T03:10:00+09:00"


def test_dateline_and_title_words_come_from_one_vocabulary(generic: Cleaner) -> None:
    """Every label in vocab.DATELINE_* makes a printed dateline (an edit's is no
    published date), and every title in vocab.REPORTER_TITLES is cut off a declared name."""
    from cleaner import vocab
    from cleaner.html import meta as html_meta

    prose = "".join(f"<p>{'정부는 오늘 새 정책을 발표했다고 밝혔으며 관계 부처와 협의를 이어 가기로 했다. ' * 3}</p>"
                    for _ in range(4))
    labels, titles = vocab.DATELINE_PUBLISHED + vocab.DATELINE_UPDATED, vocab.REPORTER_TITLES
    for label, title in zip(labels, titles * 2):
        html = (f'<html><head><meta name="author" content="Kim Min-ji {title}"></head>'
                f'<body><div class="top"><span>{label} 2024.03.05 10:20</span></div>'
                f'<article>{prose}</article></body></html>')
        article = generic.clean(html)
        assert [r.kind for r in article.removed] == ["date"], label  # by the HTML path or common/date-line*
        published = None if label in vocab.DATELINE_UPDATED else "2024-03-05T10:20:00+09:00"
        assert article.published == published, label
        assert article.reporters == ["Kim Min-ji"], title
    for title in titles:
        assert html_meta.reporters_from([f"홍길동 {title}", f"Kim Min-ji {title}"]) == ["홍길동", "Kim Min-ji"], title


def test_korean_date_formats_to_kst() -> None:
    from cleaner.html.meta import printed_date, to_kst

    assert to_kst("2023.09.07. 오후 12:22") == "2023-09-07T12:22:00+09:00"
    assert to_kst("2021.10.04. 오전 12:05") == "2021-10-04T00:05:00+09:00"
    assert to_kst("2024-08-29T01:30:00.000Z") == "2024-08-29T10:30:00+09:00"
    assert to_kst("2016-09-17T11:35+09:00") == "2016-09-17T11:35:00+09:00"
    assert to_kst("2016-09-17 18:59") == "2016-09-17T18:59:00+09:00"  # no zone: Korea time
    assert to_kst("2016-09-17") == "2016-09-17"
    assert printed_date(["메뉴", "입력", "2016.09.17 18:59", "수정"]) == "2016-09-17T18:59:00+09:00"
    assert printed_date(["2016.09.17 18:59"]) is None  # a bare time is no dateline


def test_unclosed_raw_elements_do_not_swallow_the_page(cleaner: Cleaner) -> None:
    """An unclosed <title> or <iframe> in the body would make the rest of the page raw text."""
    from cleaner.pipeline import close_raw_elements

    body = "<p>정부는 내년 예산안을 국회에 제출하면서 반도체 지원을 늘리겠다고 밝혔다.</p>" * 3
    for opener in ("<title>", "<iframe src='x'>", "<textarea>"):
        page = f"<html><head><title>제목</title></head><body>{opener}<div>{body}</div></body></html>"
        fixed = close_raw_elements(page)
        assert fixed.count(opener) == page.count(opener) - 1 and "<title>제목</title>" in fixed
        text = cleaner.clean(page).text
        assert "<p>" not in text and "<div>" not in text
        assert "반도체 지원을 늘리겠다고 밝혔다." in text


def test_entities_are_the_parser_s_to_decode(cleaner: Cleaner) -> None:
    """Escaped markup in an article stays text, an escaped quote in an attribute keeps the
    element whole, and an entity escaped twice on the page reads as its character."""
    para = "<p>글자를 굵게 쓰려면 &lt;b&gt; 태그를 쓰고 &lt;속보&gt; 같은 말머리는 그대로 두면 된다고 설명했다.</p>"
    page = ("<html><head><title>제목</title></head><body><article>"
            '<p title="그가 &quot;좋다&quot;고 했다">정부는 내년 예산안을 국회에 제출하면서 반도체 지원을 늘리겠다고 밝혔다.</p>'
            + para + "<p>연구진은 R&amp;amp;D 예산이 지난해보다 크게 늘어난 것으로 집계됐다고 밝혔다.</p>"
            "</article></body></html>")
    text = cleaner.clean(page).text
    assert "굵게 쓰려면 <b> 태그를 쓰고 <속보> 같은 말머리는" in text
    assert "반도체 지원을 늘리겠다고 밝혔다." in text and "좋다" not in text
    assert "R&D 예산이" in text


def test_server_side_preamble_before_the_doctype(cleaner: Cleaner) -> None:
    """naver__12 is a JSP copy: ``<%@ page … %><!DOCTYPE HTML>`` is still a page, not a text dump."""
    from cleaner.pipeline import looks_like_html

    assert looks_like_html('<%@ page language="java" %>\n<%@ taglib prefix="c" %>\n<!DOCTYPE html>\n<p>x</p>')
    assert looks_like_html("<?php echo 1; ?>\n<html lang=\"ko\">\n본문")
    assert not looks_like_html("웹 기사 본문입니다. 문서는 <html> 태그로 시작한다고 설명했다.\n" + "본문 문장이다.\n" * 40)
    article = cleaner.clean(page("naver__12"))
    assert article.text.startswith("한국기자협회(회장 김동훈)가 고(故) 박원순 서울시장 빈소에서")
    assert "<a " not in article.text and "nclicks" not in article.text and article.lang == "ko"


def test_entities_left_in_metadata_are_decoded(cleaner: Cleaner) -> None:
    """Metadata escaped once more than the markup needs (a CMS escaping into attributes and JSON-LD)."""
    body = "".join(f"<p>정부는 내년 예산안을 국회에 제출하면서 반도체 지원을 {i}조원 늘리겠다고 밝혔다.</p>" for i in range(4))
    page = ('<html><head><meta property="og:title" content="AT&amp;amp;T와 &amp;quot;협력&amp;quot;">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": "IT &amp; 과학",'
            ' "author": {"@type": "Person", "name": "홍길동"}}</script></head>'
            f"<body><article>{body}</article></body></html>")
    article = cleaner.clean(page)
    assert article.title == 'AT&T와 "협력"'
    assert article.section == "IT & 과학"
