"""The compiled line features (``cleaner._features``) against their Python twin
(``heuristic.non_letters_python``)."""

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
