"""The rulebook's RE2 screens against the rules they stand for: a rule must be a
candidate for a line whenever its own engine (``regex``) could match it there."""

from __future__ import annotations

import pytest
import re2
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.normalize import lines_with
from cleaner.rulebook import PatternSet, _options, line_screen, loosen

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


BOUNDED = [r"^[^.?!]{2,8}다\.$", r"기사{,2}", r"(?:사진|제공){1,2}$", r"[가-힣]{2,4}\s?기자", r"x{,}y", r"[{1,2}]"]
SAMPLE = st.text(st.sampled_from(list("가나다사진제공기자 .?!{},12xy")), max_size=30)


def test_counted_repeats_lose_their_upper_bound_outside_classes() -> None:
    assert loosen(r"^[^.?!]{2,80}$") == r"^[^.?!]{2,}$"
    assert loosen(r"a{,3}b") == "a{0,}b" and loosen(r"x{,}") == "x{0,}"  # regex reads both from 0
    assert loosen(r"a{2}[{1,2}]\{1,2\}") == r"a{2}[{1,2}]\{1,2\}"  # exact counts, class members, escapes


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(BOUNDED), SAMPLE)
def test_a_loosened_pattern_matches_wherever_the_rule_does(source: str, text: str) -> None:
    if regex.search(source, text, flags=regex.IGNORECASE | regex.V0):
        assert re2.compile(loosen(source), _options()).search(text), (source, text)
