"""Bylines of publishers no pack knows (site packs disabled): English-style bylines
on Korean outlets, a writer's bio after the article, and broadcast sign-offs that
name two reporters or a Hangul-only outlet.  The pages and dumps are invented."""

from __future__ import annotations

import pytest

from .test_speech import body_kinds as kinds

BODY = ("서울시교육청은 27일 내년부터 초등학교 방과후 돌봄 교실을 두 배로 늘리겠다고 밝혔다. "
        "교육청은 이를 위해 예산 300억원을 추가로 편성했다.\n\n"
        "학부모 단체는 환영 입장을 냈지만 교사 단체는 인력 충원 없이 돌봄 교실만 늘리면 "
        "현장의 부담이 커진다고 우려했다. 교육청 관계자는 내년 상반기 중 보조 인력을 채용하겠다고 말했다.\n\n")
TITLE = "돌봄 교실 두 배로…교사 단체 \"인력부터\""


def page(byline: str, tail: str = "") -> str:
    """An invented article page of an unknown outlet: headline, byline, paragraphs."""
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n") if p)
    tail = f"<p>{tail}</p>" if tail else ""
    return (f"<html><head><title>{TITLE}</title></head><body><nav><a href='/'>홈</a> <a href='/s'>사회</a></nav>"
            f"<article><h1>{TITLE}</h1><div class='writer'>{byline}</div>"
            f"<div class='article-body'>{paras}{tail}</div></article>"
            "<footer>Copyright © 한빛타임즈. All rights reserved.</footer></body></html>")


# ---------------------------------------------------------------- English-style bylines
@pytest.mark.parametrize("line, name", [
    ("By Kim Ha-eun", "Kim Ha-eun"),
    ("Kim Ha-eun reporter", "Kim Ha-eun"),
    ("글 Kim Ha-eun 기자", "Kim Ha-eun"),
    ("By 윤서진 Reporter", "윤서진"),
])
def test_english_style_byline_in_a_dump(generic, line, name):
    article = generic.clean(BODY + line)
    assert article.reporters == [name]
    assert kinds(article)[line] == "byline"
    assert line not in article.text


@pytest.mark.parametrize("line, name", [("By Park Ji-hoon", "Park Ji-hoon"), ("By 윤서진 Reporter", "윤서진")])
def test_english_style_byline_on_a_page(generic, line, name):
    article = generic.clean(page(line).encode())
    assert article.reporters == [name]
    assert line not in article.text


@pytest.mark.parametrize("line", ["By the way", "By all means"])
def test_english_words_after_by_are_no_name(generic, line):
    article = generic.clean(BODY + line)
    assert article.reporters == []


def test_by_inside_a_quoted_sentence_stays_prose(generic):
    quote = "그는 \"By the way\"라고 말하며 웃었다. 현장의 교사들도 같은 반응을 보였다."
    article = generic.clean(BODY + quote)
    assert quote in article.text
    assert article.reporters == []


# ---------------------------------------------------------------- a writer's bio
@pytest.mark.parametrize("bio", [
    "홍길동 기자는 10년째 교육 현장을 취재하고 있습니다.",
    "필자는 한빛대 교육학과 교수로 아동 돌봄 정책을 연구하고 있다.",
])
def test_bio_after_the_article_is_no_body(generic, bio):
    article = generic.clean(BODY + bio)
    assert kinds(article)[bio] == "byline"
    assert bio not in article.text
    assert "교육청 관계자는" in article.text


def test_bio_names_the_reporter(generic):
    article = generic.clean(page("", "홍길동 기자는 10년째 교육 현장을 취재하고 있습니다.").encode())
    assert article.reporters == ["홍길동"]
    assert "10년째" not in article.text


def test_card_with_email_and_beat_is_a_byline(generic):
    card = "홍길동 기자 hong@hanbit.co.kr 사회부에서 경찰·법원을 담당합니다."
    article = generic.clean(BODY + card)
    assert kinds(article)[card] == "byline"
    assert article.reporters == ["홍길동"]
    assert article.emails == ["hong@hanbit.co.kr"]


def test_reporter_sentence_inside_the_article_stays(generic):
    inside = "홍길동 기자는 10년째 교육 현장을 취재하고 있습니다."  # a bio-shaped sentence, then more article
    last = "교육청은 다음 달 학부모 설명회를 열어 세부 계획을 안내할 예정이다."
    article = generic.clean(BODY + inside + "\n\n" + last)
    assert inside in article.text and last in article.text


def test_past_tense_sentence_about_a_reporter_at_the_end_stays(generic):
    story = "이 사실을 처음 보도한 홍길동 기자는 이날 시상식에서 교사들에게 감사를 전했다."
    ending = "홍길동 기자는 이날 현장에서 교사들을 만났다."
    article = generic.clean(BODY + story + "\n\n" + ending)
    assert ending in article.text


# ---------------------------------------------------------------- broadcast sign-offs
SCRIPT = ("앵커: 내년부터 초등학교 돌봄 교실이 두 배로 늘어납니다. 하지만 교사들은 인력이 먼저라고 말합니다.\n\n"
          "서울시교육청은 오늘 돌봄 교실 확대 계획을 발표했습니다. 예산 300억 원이 추가로 들어갑니다.\n\n"
          "교사 단체는 보조 인력 없이 교실만 늘리면 현장의 부담이 커진다고 우려했습니다.\n\n")


@pytest.mark.parametrize("line, names", [
    ("KBS 뉴스 홍길동, 김철수입니다.", ["홍길동", "김철수"]),
    ("MBC뉴스 홍길동·김철수입니다.", ["홍길동", "김철수"]),
    ("경인방송 홍길동입니다.", ["홍길동"]),
])
def test_sign_off_line(generic, line, names):
    article = generic.clean(SCRIPT + line)
    assert article.reporters == names
    assert line not in article.text


def test_two_reporters_sign_off_ending_the_last_paragraph(generic):
    article = generic.clean(SCRIPT.rstrip() + " KBS 뉴스 홍길동, 김철수입니다.")
    assert article.reporters == ["홍길동", "김철수"]
    assert "우려했습니다." in article.text and "김철수입니다" not in article.text


def test_hangul_outlet_sentence_is_no_sign_off(generic):
    prose = "이번 행사를 후원한 곳은 지역 공영방송 한빛방송 그것입니다."
    article = generic.clean(SCRIPT + prose)
    assert prose in article.text
    assert article.reporters == []
