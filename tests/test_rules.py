"""One test per rule kind of the common and spam packs, on small realistic documents.

Each document has a few article sentences around the line under test, so the
test also checks that the rule does not take the article with it."""

from __future__ import annotations

import pytest

BODY = [
    "정부는 내년 예산안을 국회에 제출하면서 반도체 산업 지원 규모를 크게 늘리겠다고 밝혔다.",
    "업계는 이번 조치가 설비 투자 확대로 이어질 것으로 기대하고 있다.",
    "다만 재정 건전성에 대한 우려도 여전히 남아 있다는 지적이 나온다.",
]


def doc(*lines: str, where: str = "end") -> str:
    parts = [*BODY, *lines] if where == "end" else [*lines, *BODY] if where == "start" else [BODY[0], *lines, *BODY[1:]]
    return "\n\n".join(parts)


def removed(article, kind):
    return [r for r in article.removed if r.kind == kind]


def assert_body_kept(article):
    for sentence in BODY:
        assert sentence in article.text


def test_dateline_byline_is_cut_and_recorded(generic):
    text = doc("(세종=연합뉴스) 김철수 기자 = " + BODY[0], where="start").replace(BODY[0] + "\n\n", "", 1)
    article = generic.clean(text)
    assert article.paragraphs[0] == BODY[0]
    assert article.press == "연합뉴스"
    assert article.reporters == ["김철수"]
    assert removed(article, "byline")[0].text == "(세종=연합뉴스) 김철수 기자 ="


@pytest.mark.parametrize("line,published", [
    ("입력 2024.03.05 10:20", "2024-03-05T10:20:00+09:00"),
    ("기사작성 : 2024-03-05 10:20", "2024-03-05T10:20:00+09:00"),
    ("최초 입력 2024.03.05 10:20", "2024-03-05T10:20:00+09:00"),
    ("수정 : 2024-03-06 11:00", None),  # an edit's date is not the published date
    ("업데이트 2024.03.06 11:00", None),
])
def test_date_lines(generic, line, published):
    article = generic.clean(doc(line, where="start"))
    assert [r.text for r in removed(article, "date")] == [line]
    assert article.published == published
    assert_body_kept(article)


@pytest.mark.parametrize("prefix,press,reporter", [
    ("[머니투데이 대전=허재구 기자] ", "머니투데이", "허재구"),
    ("[헤럴드경제(대전)=이권형 기자] ", "헤럴드경제", "이권형"),
    ("[서울=뉴시스]이현주 기자 = ", "뉴시스", "이현주"),
])
def test_bracket_bylines(generic, prefix, press, reporter):
    article = generic.clean("\n".join([prefix + BODY[0], *BODY[1:]]))
    assert article.paragraphs[0] == BODY[0]
    assert (article.press, article.reporters) == (press, [reporter])


def test_trailing_email_is_cut_from_the_last_paragraph(generic):
    article = generic.clean("\n".join([*BODY[:2], BODY[2] + " 박영희 기자 young@example.co.kr"]))
    assert article.paragraphs[-1] == BODY[2]
    assert article.emails == ["young@example.co.kr"]
    assert article.reporters == ["박영희"]


def test_byline_line_with_email(generic):
    article = generic.clean(doc("홍길동 기자 gildong@example.com"))
    assert_body_kept(article)
    assert "gildong@example.com" not in article.text
    assert article.emails == ["gildong@example.com"]


@pytest.mark.parametrize("line", [
    "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>",
    "ⓒ 한국경제신문, 무단전재 및 재배포 금지",
    "Copyright ⓒ 어느일보. All rights reserved.",
    "ⓒ 세상을 보는 눈, 글로벌 미디어",
])
def test_copyright_lines(generic, line):
    article = generic.clean(doc(line))
    assert_body_kept(article)
    assert line not in article.text
    assert removed(article, "copyright")


@pytest.mark.parametrize("line", [
    "서울 중구 한 매장에서 시민들이 신제품을 살펴보고 있다. (사진=연합뉴스)",
    "지난 4일 열린 행사에서 참석자들이 기념촬영을 하고 있다. 2025.2.4/뉴스1 ⓒ News1 김영희 기자",
    "홍길동 장관(왼쪽)과 김철수 사장",
])
def test_photo_captions_move_to_captions(generic, line):
    article = generic.clean(doc(line, where="middle"))
    assert_body_kept(article)
    assert line not in article.text
    assert line in article.captions


def test_related_header_and_arrow_links(generic):
    article = generic.clean(doc("관련기사", "▶ 반도체 수출 석 달 연속 증가", "▶ 정부, 반도체 특별법 추진"))
    assert_body_kept(article)
    assert "반도체 수출 석 달" not in article.text
    assert len(removed(article, "related")) == 3


def test_board_listing(generic):
    rows = ["번호 제목 글쓴이 날짜 조회 수",
            "1021 오늘 점심 메뉴 추천 받습니다 관리자 2024.03.02 15",
            "1020 주말 날씨 어떨까요 홍길동 2024.03.01 42"]
    article = generic.clean(doc(*rows))
    assert_body_kept(article)
    assert [r.kind for r in article.removed] == ["board"] * 3


@pytest.mark.parametrize("line,kind", [
    ("메뉴 건너뛰기", "menu"), ("본문 바로가기", "menu"), ("글자크기 설정", "menu"),
    ("공유하기", "ui"), ("이 기사가 마음에 들었다면, 좋아요를 눌러주세요.", "ui"),
])
def test_menu_and_ui_strings(generic, line, kind):
    article = generic.clean(doc(line, where="start"))
    assert_body_kept(article)
    assert [r.kind for r in article.removed] == [kind]


@pytest.mark.parametrize("line", [
    "바카라사이트 온라인카지노 슬롯머신 토토사이트",
    "ｃａｓｉｎｏ 바카라 먹튀검증",              # fullwidth letters
    "카\u200b지\u200b노 바\u200b카\u200b라 추천",  # zero-width spaces
    "카.지.노 사이트 안전 놀이터",               # dotted spelling
    "메이저카지노",
    "winner77@toto-bet.shop",
])
def test_gambling_spam(generic, line):
    article = generic.clean(doc(line, where="start"))
    assert_body_kept(article)
    assert [r.kind for r in article.removed] == ["spam"]


def test_a_sentence_about_a_casino_is_not_spam(generic):
    sentence = "강원랜드는 지난해 카지노 매출이 전년보다 12% 늘어난 1조3000억원을 기록했다고 밝혔다."
    article = generic.clean(doc(sentence, where="middle"))
    assert sentence in article.text


def test_section_label_and_date_line(generic):
    text = "\n".join(["경제", "반도체 예산 대폭 늘린다", "입력 2025.02.04 10:31", *BODY])
    article = generic.clean(text)
    assert article.section == "경제"
    assert article.title == "반도체 예산 대폭 늘린다"
    assert article.published == "2025-02-04T10:31:00+09:00"
    assert article.text == "\n".join(BODY)


def test_speaker_markers_are_neither_body_nor_boilerplate(generic):
    article = generic.clean("\n".join(["[앵커]", *BODY[:2], "[리포트]", BODY[2]]))
    assert article.paragraphs == BODY
    assert [r.kind for r in article.removed] == ["ignore", "ignore"]


def test_ai_summary_region(generic):
    lines = ["AI 요약은 OpenAI의 기술을 활용해 핵심 내용을 제공합니다.",
             "정부가 반도체 지원 예산을 늘린다.", "재정 우려도 제기된다.", "언어변경", *BODY]
    article = generic.clean("\n".join(lines))
    assert article.summary == ["정부가 반도체 지원 예산을 늘린다.", "재정 우려도 제기된다."]
    assert article.text == "\n".join(BODY)


def test_korean_dates_become_iso_in_kst():
    from cleaner.meta import iso_kst

    assert iso_kst("2025.02.04 오후 3:31") == "2025-02-04T15:31:00+09:00"
    assert iso_kst("2025년 2월 4일 오전 12:05") == "2025-02-04T00:05:00+09:00"
    assert iso_kst("2025-02-04") == "2025-02-04"
    assert iso_kst("2025.13.40") is None
