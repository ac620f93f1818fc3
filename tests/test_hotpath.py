"""Quick screens on the hot path: each skips work only where the work could find nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import byline, vocab

CUE_WORDS = vocab.REPORTER_TITLES + vocab.REPORTER_ROLES + ("reporter", "correspondent")
NOT_BYLINES = ["입력 2019/01/16 13:59", "아시아/호주 | 세계 | 연합뉴스", "이메일로 기사공유", "수정",
               "‘1인당 최대 20만원’ 지원금 신청하세요"]


class _Unused:
    def __getattr__(self, name: str):  # noqa: ANN204
        raise AssertionError(f"a name pattern ran ({name})")


@pytest.mark.parametrize("text", NOT_BYLINES)
def test_a_line_without_title_role_or_by_runs_no_name_pattern(monkeypatch, text: str) -> None:
    for pattern in ("_ENGLISH", "_TITLE_AFTER", "_SHARED_TITLE", "_ROLE_BEFORE"):
        monkeypatch.setattr(byline, pattern, _Unused())
    assert not byline._may_name(text)
    assert byline._names_in.__wrapped__(text) == ()


@pytest.mark.parametrize("word", CUE_WORDS)
def test_every_title_and_role_word_passes_the_screen(word: str) -> None:
    assert byline._may_name(f"홍길동 {word}")
    assert byline._may_name(f"{word} 홍길동".upper())  # the patterns ignore case ("pd", "REPORTER")


def test_an_english_byline_passes_the_screen() -> None:
    assert byline._may_name("By Kim Ha-eun") and byline.names_in("By Kim Ha-eun") == ["Kim Ha-eun"]


def test_addresses_are_blanked_only_where_they_may_stand() -> None:
    assert byline._without_addresses("홍길동 기자 hong@x.com https://x.kr/a WWW.y.kr") == "홍길동 기자      "
    assert byline._without_addresses("홍길동 기자") == "홍길동 기자"


PIECES = ["홍길동", "김철수", "박성민·이권효", "기자", "선임 기자", "특파원", "PD", "pd", "인턴", "디자이너", "사진=",
          "By", "by", "글", "Kim Ha-eun", "reporter", "Correspondent", "hong@hani.co.kr", "https://x.kr/a",
          "www.y.kr", "(서울=연합뉴스)", "[OSEN=대전,", "]", "|", "·", ",", "입력", "2025.02.04", "뉴스팀",
          "기자단", "상임논설고문", "ſ", "K"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=7), st.sampled_from(["", " ", "  "]))
def test_the_screen_changes_no_reading(pieces: list[str], gap: str) -> None:
    """What the name patterns read with the screen equals what they read without it."""
    text = gap.join(pieces)
    screened = byline._names_in.__wrapped__(text)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(byline, "_may_name", lambda _text: True)
        assert byline._names_in.__wrapped__(text) == screened


# ---------------------------------------------------------------- text lines (heuristic, layout, speech)
from cleaner import heuristic, layout, speech  # noqa: E402
from cleaner.model import Block  # noqa: E402

syllables = st.sampled_from(list("가나다라기사본문은를과와") + list(layout._OPEN_ENDINGS) + [",", " ", "\n", ".", "다."])


def test_link_like_lines_are_found_past_the_quick_test() -> None:
    assert heuristic._linkish("자세한 내용은 www.example.kr 참고")
    assert heuristic._linkish("http://example 바로가기")  # "://" without a dot
    assert heuristic._linkish("홈페이지 example.com/news")
    assert not heuristic._linkish("홈페이지 주소 안내")
    assert not heuristic._linkish("회사소개. 이용약관")  # a dot, but no address


@settings(max_examples=400, deadline=None)
@given(st.lists(syllables, max_size=12).map("".join))
def test_an_open_ending_is_looked_for_at_the_end_only_where_it_can_be(key: str) -> None:
    tail = layout._OPEN_END.search(key, len(key) - layout._OPEN_END_REACH)
    assert bool(tail) == bool(layout._OPEN_END.search(key))


@pytest.mark.parametrize("key", ["홍길동 기자가 보도합니다.", "연결합니다. 홍길동 기자!", "홍길동 특파원입니다."])
def test_a_hand_off_passes_the_title_screen(key: str) -> None:
    block = Block("", "이번 사안에 대해 정부는 오늘 공식 입장을 밝혔고 현장 분위기는 차분했습니다. " + key, 1, kind="body")
    speech.capture_handoffs([block])
    assert block.fields["reporter"] == "홍길동"
