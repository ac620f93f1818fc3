"""The compiled steps of the text hot path against their Python twins: the line
features (``cleaner._features`` / ``heuristic.non_letters_python``) and the segment
pieces (``cleaner._segment`` / ``segment.to_cut_python``, ``segment.pieces_python``)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import accel, heuristic

compiled = heuristic._features
needs_build = pytest.mark.skipif(compiled is None, reason="cleaner._features is not built (or CLEANER_PURE is set)")

# every category, lone surrogates included, with the scripts and spaces of Korean news weighted in
any_char = st.characters(blacklist_categories=())
korean = st.sampled_from(list("기사 본문입니다.,·…“”‘’()[]<>=@_0123456789０１٣²½\u00a0\u3000\t\u200b\u0301ａＢ©ⓒ"))
texts = st.lists(st.text(st.one_of(any_char, korean), max_size=80), max_size=20)


@needs_build
@settings(max_examples=400, deadline=None)
@given(texts)
def test_compiled_non_letters_equal_the_regex_count(batch: list[str]) -> None:
    assert compiled.non_letters(batch) == heuristic.non_letters_python(batch)


@needs_build
def test_compiled_non_letters_on_every_code_point() -> None:
    every = [chr(c) for c in range(0x110000)]
    assert compiled.non_letters(every) == heuristic.non_letters_python(every)


def test_non_letters_count_punctuation_digits_and_underscore_only() -> None:
    assert heuristic.non_letters_python(["기사 본문", "2024.03", "a_b c", ""]) == [0, 7, 1, 0]
    with accel.pure():
        assert heuristic.non_letters(["2024.03"]) == [7]


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
