"""Language of the body: Hangul is Korean without asking langdetect."""

from __future__ import annotations

import re

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from langdetect import LangDetectException, detect

from cleaner.lang import HANGUL_SHARE, SAMPLE_CHARS, detect_language

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_LETTER = re.compile(r"[^\W\d_]")


def _korean_by_letters(text: str) -> bool | None:
    """The rule itself: None without letters, else whether Hangul is the share of the letters."""
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    return None if not letters else len(_HANGUL.findall(sample)) >= HANGUL_SHARE * letters


def _langdetect(sample: str) -> str | None:
    try:
        return detect(sample)
    except LangDetectException:
        return None


def test_korean_text_with_figures_and_latin_is_korean() -> None:
    assert detect_language("서울시는 27일 2026년 예산 12조 3,000억원(KRW)을 발표했다. AI 예산도 늘었다.") == "ko"


def test_mostly_latin_text_is_not_korean() -> None:
    text = "The city council approved the budget on Tuesday after a long debate. 서울"
    assert detect_language(text) == "en"


def test_no_letters_no_language() -> None:
    assert detect_language("2026.03.02 15:20 | 1,234 -- ** ##") is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(list("가나 ㄱㅏ 12.,·()") + ["abc ", "서울 ", "  ", "\n"]),
                          st.characters()), max_size=80).map(lambda parts: "".join(parts) * 25))
def test_the_hangul_shortcut_answers_as_the_letter_count(text: str) -> None:
    korean = _korean_by_letters(text)
    expected = None if korean is None else "ko" if korean else _langdetect(text[:SAMPLE_CHARS])
    assert detect_language(text) == expected


# ------------------------------------------------------------- the compiled Hangul count
from cleaner import lang  # noqa: E402

needs_lang = pytest.mark.skipif(lang._compiled is None, reason="cleaner._lang is not built (or CLEANER_PURE is set)")


@needs_lang
@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.sampled_from(list("가힣ㄱㆎ\uabff\ud7a4\u3130\u318f a1.")), st.characters()), max_size=200))
def test_compiled_hangul_count_equals_the_python_twin(text: str) -> None:
    assert lang._compiled.hangul(text) == lang.hangul_python(text)


@needs_lang
def test_compiled_hangul_count_on_every_code_point() -> None:
    text = "".join(map(chr, range(0x110000)))
    assert lang._compiled.hangul(text) == lang.hangul_python(text) == 11172 + 94
