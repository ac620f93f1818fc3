"""Text dumps hard-wrapped at a fixed width with no indentation (``lynx -dump``,
``w3m -dump``, ``fold -s``): segmentation joins a paragraph's lines again, and
leaves alone dumps whose lines are merely of like length."""

from __future__ import annotations

import textwrap
import unicodedata

from cleaner.segment import segment_text

PARAGRAPHS = [
    "한빛시가 오는 7월부터 시내버스 12개 노선의 배차 간격을 평균 15분에서 10분으로 줄이고, "
    "출퇴근 시간대에는 급행 노선 3개를 새로 운행한다고 14일 밝혔다.",
    "시는 이를 위해 전기버스 40대를 추가로 들여오며, 사업비 96억원 가운데 절반은 국비와 "
    "도비로 충당한다. 새 버스에는 저상 설계와 휠체어 고정 장치가 갖춰진다.",
    "김은서 한빛시 교통정책과장은 \"BRT 전용차로와 연계해 도심까지 걸리는 시간을 20분 "
    "안팎으로 줄이겠다\"며 \"시민 의견을 받아 노선을 계속 고쳐 나가겠다\"고 말했다.",
]
MENU = ["전체메뉴", "로그인", "정치", "경제", "사회", "한빛일보"]
FOOTER = ["이가람 기자 garam@hanbit.kr", "저작권자 © 한빛일보 무단전재 및 재배포 금지"]


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap_by_columns(paragraph: str, width: int) -> list[str]:
    """Greedy wrap at spaces by display width, as lynx does (Hangul takes 2 columns)."""
    lines: list[str] = []
    for word in paragraph.split():
        if lines and _columns(lines[-1]) + 1 + _columns(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _texts(dump: str) -> list[str]:
    return [b.text for b in segment_text(dump)]


MIXED = [  # Hangul and Latin mixed: lines of one display width differ much in characters
    "Hanbit Motors의 electric SUV 'Aurora EV'가 오는 9월 유럽 시장에 출시된다. 회사는 Munich 공장에서 "
    "연간 30,000 units를 생산하고, battery pack은 국내 공장에서 들여온다고 밝혔다.",
    "CEO Daniel Park은 \"Europe is our next growth market\"이라며 \"charging network partners와 "
    "함께 서비스 거점을 120 sites까지 늘리겠다\"고 말했다.",
    "업계는 EU의 carbon border tax가 시행되면 전기차 수출 경쟁력이 더 커질 것으로 보고 있다. "
    "다만 price competition이 치열해 margin은 줄어들 수 있다는 전망도 나온다.",
]


def test_a_dump_wrapped_by_display_columns_is_joined_again():
    body = [line for p in MIXED for line in _wrap_by_columns(p, 72) + [""]]
    full = [len(line) for line in body if _columns(line) >= 60]
    assert max(full) - min(full) > 10  # by characters the wrapped lines are ragged
    texts = _texts("\n".join(MENU + [""] + body + FOOTER))
    assert all(p in texts for p in MIXED)
    assert texts[:len(MENU)] == MENU and texts[-len(FOOTER):] == FOOTER


def test_a_dump_wrapped_by_characters_with_no_blank_lines_is_joined_again():
    body = [line for p in PARAGRAPHS for line in textwrap.wrap(p, 34)]
    texts = _texts("\n".join(MENU + body + FOOTER))
    assert all(p in texts for p in PARAGRAPHS)
    assert texts[:len(MENU)] == MENU and texts[-len(FOOTER):] == FOOTER


def test_joined_lines_keep_the_line_number_of_their_first_line():
    body = textwrap.wrap(PARAGRAPHS[0], 34) + [""] + textwrap.wrap(PARAGRAPHS[1], 34) + [""] \
        + textwrap.wrap(PARAGRAPHS[2], 34)
    blocks = segment_text("\n".join(body))
    assert [b.n for b in blocks] == [1, body.index("") + 2, len(body) - len(textwrap.wrap(PARAGRAPHS[2], 34)) + 1]


HEADLINES = [  # a ranking of headlines of like length, one a line: no wrap joins them
    "한빛시, 시내버스 배차 간격 10분으로 줄인다",
    "청강군 폐교 3곳 청년 창업공간으로 바뀐다",
    "남산면 산불 진화 완료…임야 2ha 피해 집계",
    "여름철 계곡 물놀이 안전수칙 꼭 지켜야 한다",
    "도의회, 행정사무감사 일정 확정하고 공개해",
    "한빛고 야구부 도 대회에서 첫 우승 차지해",
    "북천면 오일장 주차난 해소 공영주차장 개장",
    "전기요금 인상 여파에 소상공인 부담 커진다",
    "지역 농산물 가공 창업팀 가산점 받는다",
    "신규 아파트 입주 물량 내년 절반으로 줄어",
    "봄철 미세먼지 주의보 사흘째 이어져 비상",
    "한빛대 졸업생 취업률 3년 연속 도내 1위",
]


def test_a_list_of_headlines_of_like_length_is_not_joined():
    dump = "\n".join(MENU + ["많이 본 뉴스"] + HEADLINES + FOOTER)
    assert _texts(dump) == MENU + ["많이 본 뉴스"] + HEADLINES + FOOTER


def test_a_menu_of_equal_length_items_is_not_joined():
    items = [f"{name} 바로가기" for name in ("본문영역", "메뉴영역", "검색영역", "하단영역", "전체기사")] * 3
    assert _texts("\n".join(items)) == items


def test_a_dump_of_whole_paragraphs_is_not_joined():
    lines = MENU + PARAGRAPHS + FOOTER
    assert _texts("\n".join(lines)) == lines


def test_lines_that_are_whole_sentences_of_like_length_are_not_joined():
    """A dump of one sentence a line whose lengths happen to match: no line was cut."""
    lines = [f"시는 {n}번 노선의 배차 간격을 줄이고 정류장 {n + 3}곳을 새로 만든다고 밝혔다." for n in range(10, 22)]
    assert _texts("\n".join(lines)) == lines
