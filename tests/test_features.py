"""The compiled steps of the text hot path against their Python twins: the line
shapes and menu bars (``cleaner._features`` / ``heuristic.shape_python``,
``heuristic.menu_bar_python``), the segment pieces (``cleaner._segment`` /
``segment.to_cut_python``, ``segment.pieces_python``) and the speaker-turn openings
(``cleaner._speech`` / ``speech.may_open_turns_python``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import accel, heuristic
from cleaner.heuristic import _BULLET_FIRST, _NAV_SEPARATORS
from cleaner.vocab import CLOSERS, NAV_WORDS, STOPS, VERB_ENDINGS, VERB_STOPS

compiled = heuristic._features
needs_build = pytest.mark.skipif(compiled is None, reason="cleaner._features is not built (or CLEANER_PURE is set)")

# every category, lone surrogates included, with the scripts and spaces of Korean news weighted in
any_char = st.characters(blacklist_categories=())
korean = st.sampled_from(list("기사 본문입니다.,·…“”‘’()[]<>=@_0123456789０１٣²½\u00a0\u3000\t\u200b\u0301ａＢ©ⓒ"))
# the ends, bullets and numbers the shapes look at, and navigation words with their separators
marks = st.sampled_from([*CLOSERS, *STOPS, *VERB_STOPS, *VERB_ENDINGS, *_BULLET_FIRST, "1", "12", "٣", ". ", ") "])
nav = st.sampled_from([*sorted(NAV_WORDS), *_NAV_SEPARATORS, " ", "\u3000", " | ", "기사", "홈페이지"])
texts = st.lists(st.lists(st.one_of(any_char, korean, marks), max_size=40).map("".join), max_size=20)


def compiled_shapes(keys: list[str]) -> list[heuristic.Shape]:
    return heuristic._compiled_shapes(compiled, keys)


def compiled_menu_bar(key: str) -> bool:
    return heuristic._compiled_menu_bar(compiled, key)


@needs_build
@settings(max_examples=400, deadline=None)
@given(texts)
def test_compiled_shapes_equal_the_python_twin(batch: list[str]) -> None:
    assert compiled_shapes(batch) == list(map(heuristic.shape_python, batch))


@needs_build
def test_compiled_shapes_on_every_code_point() -> None:
    every = [chr(c) for c in range(0x110000)]
    assert compiled_shapes(every) == list(map(heuristic.shape_python, every))
    numbered = [f"{d}{c}" for d in ("1", "12") for c in (". ", ") ", ".", "x ")]  # the bullet's number
    spaced = [f"1.{chr(c)}가" for c in range(0x3100)]  # … and the space after it
    assert compiled_shapes(numbered + spaced) == list(map(heuristic.shape_python, numbered + spaced))


def test_shapes_count_characters_and_read_ends_and_bullets() -> None:
    shape = heuristic.shape_python
    assert shape("기사 본문") == (4, 0, False, False, False)
    assert shape("2024.03") == (7, 7, False, False, False)
    assert shape("a_b c") == (4, 1, False, False, False)
    assert shape("“말했다.” ")[2:4] == (True, False)  # a stop inside the closing quote
    assert shape("나선다…")[2:4] == (False, True)  # a verb ending, no stop: a clause
    assert shape("- 항목")[4] and shape("12. 둘째")[4] and not shape("123. 셋")[4]
    with accel.pure():
        assert heuristic.shapes(["2024.03"]) == [(7, 7, False, False, False)]


@needs_build
@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(nav, korean, any_char), max_size=30).map("".join))
def test_compiled_menu_bar_equals_the_python_twin(key: str) -> None:
    assert compiled_menu_bar(key) == heuristic.menu_bar_python(key)


def test_menu_bar_is_mostly_navigation_words() -> None:
    assert heuristic.menu_bar_python("홈 | 정치 | 경제 | 사회 | 로그인")
    assert heuristic.menu_bar_python("홈 정치 경제 기사")  # three of four
    assert not heuristic.menu_bar_python("홈 정치 경제 기사 본문 요약")  # three of six
    assert not heuristic.menu_bar_python("홈 | 정치")  # too few


# ------------------------------------------------------------- segment pieces
from cleaner import segment  # noqa: E402

pieces_compiled = segment._compiled
needs_pieces = pytest.mark.skipif(pieces_compiled is None, reason="cleaner._segment is not built")
SPACES = list(" \t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u1680\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000")
line_text = st.text(st.one_of(st.sampled_from(SPACES), korean, any_char), max_size=60)


@needs_pieces
@settings(max_examples=500, deadline=None)
@given(line_text, st.integers(0, 12), st.integers(1, 9))
def test_compiled_pieces_equal_the_python_twin(line: str, long_line: int, max_block: int) -> None:
    assert pieces_compiled.pieces(line, long_line, max_block) == segment.pieces_python(line, long_line, max_block)


@needs_pieces
def test_compiled_pieces_equal_the_python_twin_on_the_dumps() -> None:
    from bench.corpus import text_docs

    lines = [line for _, text in text_docs() for line in text.split("\n")]
    assert [segment._pieces(line) for line in lines] == [segment.pieces_python(line) for line in lines]


def test_a_long_line_is_cut_at_runs_of_spaces_only() -> None:
    line = "첫 문단.  둘째\t문단.\u3000\u3000셋째 문단."
    assert segment.pieces_python(line, long_line=5) == ["첫 문단.", "둘째 문단.", "셋째 문단."]
    assert segment.pieces_python(line) == ["첫 문단. 둘째 문단. 셋째 문단."]  # short: spaces folded only


@needs_pieces
@settings(max_examples=300, deadline=None)
@given(st.lists(line_text, max_size=10), st.integers(0, 12))
def test_compiled_to_cut_equals_the_python_twin(lines: list[str], long_line: int) -> None:
    assert pieces_compiled.to_cut(lines, long_line) == segment.to_cut_python(lines, long_line)


def test_only_long_or_oddly_spaced_lines_are_cut() -> None:
    lines = ["  짧은 줄  ", "탭\t있음", "두  칸", "", "   ", "x" * 301]
    assert segment.to_cut_python(lines) == [False, True, True, False, False, True]


@needs_pieces
def test_compiled_spaces_are_str_isspace_on_every_code_point() -> None:
    lines = [f"가{chr(c)}{chr(c)}나 다{chr(c)}라" for c in range(0x30000)]  # a run of two, and a lone one
    assert pieces_compiled.to_cut(lines, 100) == segment.to_cut_python(lines, 100)
    assert [pieces_compiled.pieces(line, 3, 50) for line in lines[::7]] == [
        segment.pieces_python(line, 3, 50) for line in lines[::7]]


@needs_pieces
def test_compiled_pieces_fold_a_lone_odd_space_inside_a_part() -> None:
    line = "가 나\u00a0다  라\t마  바\u3000\u3000사"
    assert pieces_compiled.pieces(line, 3, 100) == ["가 나 다", "라 마", "바", "사"] == segment.pieces_python(line, 3, 100)



# ------------------------------------------------------------- speaker turns' quick test
from cleaner import speech  # noqa: E402
from cleaner.vocab import DIALOGUE_DASHES, SPEAKER_SEPARATORS  # noqa: E402

turns_compiled = speech._compiled
needs_turns = pytest.mark.skipif(turns_compiled is None, reason="cleaner._speech is not built")
turn_chars = st.sampled_from([*SPEAKER_SEPARATORS, *DIALOGUE_DASHES, *speech._QA_FIRST, "▷", " ", "홍", "길", "x"])
turn_keys = st.lists(st.lists(st.one_of(turn_chars, korean, any_char), max_size=45).map("".join), max_size=20)


@needs_turns
@settings(max_examples=400, deadline=None)
@given(turn_keys)
def test_compiled_turn_openings_equal_the_python_twin(keys: list[str]) -> None:
    assert speech._compiled_openings(turns_compiled, keys) == speech.may_open_turns_python(keys)


@needs_turns
def test_compiled_turn_openings_on_every_code_point() -> None:
    keys = [f"{chr(c)}가" for c in range(0x110000)] + [f"가{chr(c)}" for c in range(0x30000)]
    assert speech._compiled_openings(turns_compiled, keys) == speech.may_open_turns_python(keys)


def test_only_lines_that_may_open_a_turn_are_read_for_one() -> None:
    keys = ["▷ 김현정 > 안녕하세요.", "q. 무엇입니까?", "- 질문입니다", "기사 본문입니다.", "", "x" * 40 + ": 멀리"]
    assert speech.may_open_turns_python(keys) == [True, True, True, False, True, False]
    assert [speech.speaker_turn(k) is not None for k in keys] == [True, True, True, False, False, False]


@settings(max_examples=300, deadline=None)
@given(turn_keys)
def test_a_line_that_cannot_open_a_turn_has_none(keys: list[str]) -> None:
    for key, may in zip(keys, speech.may_open_turns_python(keys)):
        assert may or speech.speaker_turn(key) is None
