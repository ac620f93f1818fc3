"""The generic path on pages of sites that no pack knows (site packs disabled).

The inputs are written to look like real pages of a new site: a navigation
bar, a headline, the article, a list of other headlines, a board listing and
an injected casino spam block."""

from __future__ import annotations

from cleaner.heuristic import own_class
from cleaner.model import Block
from cleaner.normalize import match_key

ARTICLE = [
    "지역 소상공인을 위한 긴급 경영안정자금 지원이 다음 달부터 시작된다.",
    "시는 총 200억원 규모의 자금을 업체당 최대 5000만원까지 저금리로 빌려준다고 23일 밝혔다.",
    "신청은 다음 달 2일부터 시청 누리집과 각 구청 민원실에서 받는다.",
    "시 관계자는 \"고금리와 경기 둔화로 어려움을 겪는 소상공인에게 실질적인 도움이 되길 바란다\"고 말했다.",
]


def block(text: str) -> Block:
    return Block(text=text, key=match_key(text), n=1)


def page(*tail: str, head: tuple[str, ...] = ()) -> str:
    return "\n".join([*head, *ARTICLE, *tail])


def test_own_class_of_typical_lines():
    assert own_class(block(ARTICLE[1]))[0] == "good"
    assert own_class(block("홈 | 정치 | 경제 | 사회 | 로그인"))[0] == "bad"
    assert own_class(block("신청은 내일부터."))[0] == "near"
    assert own_class(block("소상공인 지원 확대"))[0] == "short"
    assert own_class(block("2024.03.02 15:20 | 조회 1,234"))[0] == "bad"


def test_navigation_and_headline_on_a_new_site(generic):
    article = generic.clean(page(head=("홈 | 정치 | 경제 | 사회 | 로그인", "소상공인 긴급자금 200억 푼다")))
    assert article.title == "소상공인 긴급자금 200억 푼다"
    assert article.paragraphs == ARTICLE
    assert article.site is None


def test_related_headlines_without_bullets(generic):
    related = ["시, 전통시장 주차장 확충 나선다", "내년 버스 요금 동결 검토", "봄꽃 축제 다음 주 개막"]
    article = generic.clean(page("이 시각 많이 본 기사", *related))
    assert article.paragraphs == ARTICLE
    assert all(r.kind in ("related", "menu", "ui") for r in article.removed)
    assert len(article.removed) == 4


def test_bulleted_related_list_even_with_sentence_like_items(generic):
    related = ["- 시장 \"민생이 먼저다\"", "- 공공요금 인상 없다…동결 기조 유지", "- 주차난 해소될까?",
               "- 봄꽃 축제 개막 앞두고 교통 통제", "- \"일자리 늘리겠다\" 시장 신년사 발표했다."]
    article = generic.clean(page(*related))
    assert article.paragraphs == ARTICLE
    assert {r.kind for r in article.removed} == {"related"}


def test_board_listing_of_a_community_mirror(generic):
    board = ["번호 제목 작성자 등록일 조회",
             "3310 동네 맛집 추천해주세요 맛집탐방 2024.03.02 41",
             "3309 주말에 비 온다네요 날씨요정 2024.03.02 17",
             "3308 중고 자전거 팝니다 자전거왕 2024.03.01 88"]
    article = generic.clean(page(*board))
    assert article.paragraphs == ARTICLE
    assert [r.kind for r in article.removed] == ["board"] * 4


def test_casino_spam_block_injected_by_a_mirror(generic):
    spam = ["온라인카지노 바카라사이트 추천", "https://best-casino.top", "슬롯사이트 꽁머니 지급 토토사이트",
            "문의 luckyspin@mail.xyz"]
    article = generic.clean(page(*spam, head=("에볼루션카지노",)))
    assert article.paragraphs == ARTICLE
    kinds = [r.kind for r in article.removed]
    assert kinds.count("spam") >= 4 and set(kinds) <= {"spam", "menu", "ui", "related"}


def test_heading_between_paragraphs_is_kept(generic):
    text = "\n".join([*ARTICLE[:2], "■ 신청 방법은", *ARTICLE[2:]])
    article = generic.clean(text)
    assert article.paragraphs == [*ARTICLE[:2], "■ 신청 방법은", *ARTICLE[2:]]  # a bullet is printed text
    assert [b.kind for b in article.blocks if b.text == "■ 신청 방법은"] == ["heading"]


def test_heading_bar_decoration_is_dropped(generic):
    text = "\n".join([*ARTICLE[:2], "▌ 신청 방법은", *ARTICLE[2:]])
    assert generic.clean(text).paragraphs[2] == "신청 방법은"


def test_sentence_split_by_a_blank_line_is_joined(generic):
    first, second = "시는 총 200억원 규모의 자금을 업체당 최대 5000만원까지", "저금리로 빌려준다고 23일 밝혔다."
    text = "\n".join([ARTICLE[0], first, "", second, *ARTICLE[2:]])
    article = generic.clean(text)
    assert f"{first} {second}" in article.paragraphs


def test_every_block_carries_its_decision_and_reason(generic):
    article = generic.clean(page("관련기사", "- 내년 버스 요금 동결 검토"))
    assert all(b.kind and b.reason for b in article.blocks)


def test_bulleted_answers_as_the_bullet_pattern_on_every_opening_character() -> None:
    from cleaner.heuristic import BULLET, bulleted

    for c in range(0x30000):
        for tail in ("1. 항목", ". 항목", ") 항목", " 항목", ""):
            key = chr(c) + tail
            assert bulleted(key) == (BULLET.match(key) is not None), key
    assert not bulleted("")
