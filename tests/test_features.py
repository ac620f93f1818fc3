"""The compiled line features (``cleaner._features``) against their Python twin
(``heuristic.non_letters_python``), and the rulebook's screens against the rules
they stand for."""

from __future__ import annotations

import pytest
import re2
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import accel, heuristic
from cleaner.normalize import lines_with
from cleaner.rulebook import PatternSet, _options, line_screen, loosen

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


# ----------------------------------------------------------------- rulebook screens
CLASS_ESCAPES = [r"\w", r"\W", r"\d", r"\s", r"[\w]", r"[\d]", r"[\s]", r"[^\s]", r"[\w.+-]", r"[^\s.]"]
EVERY = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize("source", CLASS_ESCAPES)
def test_loosened_classes_hold_every_character_regex_puts_in_them(source: str) -> None:
    """RE2's Unicode tables are older than regex's and its \\w \\d \\s are ASCII: the
    loosened class must still take every character the rule's class takes."""
    wanted = "".join(regex.findall(source, EVERY, flags=regex.IGNORECASE | regex.V0))
    loose = loosen(source)
    assert loose is not None and wanted
    missed = re2.compile(loose, _options()).sub(b"", wanted.encode("utf-8")).decode("utf-8")  # one character a match
    assert not missed, [hex(ord(c)) for c in missed[:10]]


def test_negated_classes_with_escapes_that_cannot_shrink_are_always_candidates() -> None:
    assert loosen(r"[^\w]") is None and loosen(r"[^\d.]") is None
    assert loosen(r"[^]\w]") is None  # "]" first in a class is a member: the class goes on
    assert loosen(r"[^\s)]") == r"[^\s\pZ)]"


def test_the_rule_sets_split_changes_no_answer() -> None:
    sources = [r"^\[속보\]", "기자$", r"^[^.]{2,20}제공$", "(?P<email>[\\w.]+@[\\w-]+)", None, "^광고|협찬"]
    patterns = PatternSet(sources)
    for text in ["[속보] 서울", "홍길동 기자", "사진 연합뉴스 제공", "문의 a.b@news-x.kr", "협찬 문의", ""]:
        alone = [i for i, s in enumerate(sources) if s is None or re2.compile(loosen(s), _options()).search(text)]
        assert patterns.matches(text) == alone, text


LINE = st.text(st.sampled_from(list("ai 요약은가한이기사는\t·.x")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=12),
       st.sampled_from([r"^(?:ai\s?요약은|이 기사는)", r"요약$", r"ai[^.]{0,3}요", r"\s가\s", r"^$", "x?"]))
def test_a_document_scan_finds_the_lines_a_pattern_matches_alone(lines: list[str], source: str) -> None:
    screen = line_screen(source)
    data = "\n".join(lines).encode("utf-8")
    alone = [i for i, line in enumerate(lines) if regex.search(source, line, flags=regex.I | regex.V0)]
    assert set(alone) <= set(lines_with(screen, data))
    exact = re2.compile(loosen(source), _options())
    assert lines_with(screen, data) == [i for i, line in enumerate(lines) if exact.search(line)]


def test_a_scan_checks_a_match_over_a_line_break_on_its_line() -> None:
    """Compiled without never_nl, a class can run over a line break: the line where
    such a match starts is checked alone, and the scan goes on below it."""
    across = re2.compile(r"(?m)a[^x]*b")
    assert lines_with(across, b"a\nb\nab\nzz") == [2]


def test_patterns_that_need_the_whole_text_are_not_scanned() -> None:
    assert line_screen(r"\Aabc") is None and line_screen(r"abc\z") is None and line_screen(r"(?-m)^a") is None
    assert line_screen(r"(?<=x)abc") is not None  # look-arounds are dropped: the screen is looser
