"""Repair changes only what is broken; folding is for matching only."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.normalize import compact_key, match_key, repair, text_offset


def test_mojibake_is_repaired():
    original = "삼성전자가 새 반도체를 공개했다."
    broken = original.encode("utf-8").decode("latin-1")
    assert repair(broken) == original


def test_html_entities_in_text_are_unescaped():
    assert repair("AT&amp;T와 &quot;협력&quot;") == 'AT&T와 "협력"'


def test_clean_text_is_left_alone():
    text = "‘AI 빅딜’ “원더풀” ｃａｓｉｎｏ 韓·美 ㎝ ⓒ 뉴스1"
    assert repair(text) == text


def test_match_key_folds_width_case_zero_width_and_circled_c():
    assert match_key("ＣＡＳＩＮＯ") == "casino"
    assert match_key("카\u200b지\u200c노") == "카지노"
    for mark in "\u2066\u2067\u2068\u2069\u061c\u00ad\u200d":  # bidi isolates, ALM, soft hyphen, ZWJ
        assert match_key(f"카{mark}지노") == "카지노", hex(ord(mark))
    assert match_key("ⓒ News1") == "© news1"
    assert compact_key(match_key("카 . 지 . 노")) == "카지노"


def test_text_offset_maps_folded_positions_back():
    text = "그는… 말했다 hong@example.com"
    key = match_key(text)
    at = key.index("hong")
    assert text[text_offset(text, at):] == "hong@example.com"


def test_output_keeps_original_forms():
    body = "“ｆｕｌｌｗｉｄｔｈ” 표기와 ‘따옴표’는 그대로 남는다. 기사 본문은 원문 그대로여야 한다는 원칙이다."
    assert clean(body).text == body


# text_offset steps over runs of characters that fold to one: it must still equal the
# character-by-character reading of its definition
def _offset_by_character(text: str, key_offset: int) -> int | None:
    pos = 0
    for i, ch in enumerate(text):
        if pos == key_offset:
            return i
        pos += len(match_key(ch))
        if pos > key_offset:
            return None
    return len(text) if pos == key_offset else None


def test_the_one_to_one_characters_fold_to_one_character() -> None:
    from cleaner.normalize import _NOT_ONE_TO_ONE

    one = [chr(c) for c in range(0x30000) if not _NOT_ONE_TO_ONE.match(chr(c))]
    assert len(one) == 126 + 11172 and all(len(match_key(ch)) == 1 for ch in one)


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.sampled_from(list("ab 가나…ﬁ\u200b\x00ⓒＡ①\x7fé")), st.characters()), max_size=20),
       st.integers(-2, 70))
def test_text_offset_equals_the_character_by_character_reading(text: str, key_offset: int) -> None:
    assert text_offset(text, key_offset) == _offset_by_character(text, key_offset)


# the characters whose fold reaches across their neighbours: combining marks that compose
# with or reorder against the letter before, conjoining jamo, compatibility forms, spaces
_FOLD_PARTS = list("ae \n가ㄱᄀ\u1161\u11a8\u0301\u0308\u0323\u0345…\xa0ﬁ①㎞Ａ\u3000\u00a8\u0385\u1fed\u0344\u2028ㆍ\u119e")


@settings(max_examples=250, deadline=None)
@given(st.text(st.one_of(st.sampled_from(_FOLD_PARTS), st.characters()), min_size=50, max_size=300))
def test_nfkc_piece_by_piece_is_the_whole_text_folded(text: str) -> None:
    from cleaner.normalize import nfkc

    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_folds_a_long_line_in_pieces_as_a_whole() -> None:
    from cleaner.normalize import nfkc

    line = " ".join(["가나다라 마바사", "e\u0301", "…", "ㄱ\u1161", "Ａ①", "\u0301\u0323"] * 40)
    text = "\n".join([line, "평범한 줄", line[::-1]])
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_the_plain_folds_fold_as_the_whole_text_with_marks_around_them() -> None:
    from cleaner.normalize import _PLAIN_FOLDS, nfkc

    for char, _ in _PLAIN_FOLDS:
        text = f"가{char}\u0301 ᄀ{char}\u11a8 e\u0308{char}\u0323{char}"
        assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_every_zero_width_character_fails_the_quick_printable_test() -> None:
    from cleaner.normalize import _ZERO_WIDTH, _printable

    zero_width = [chr(c) for c in range(0x30000) if _ZERO_WIDTH.match(chr(c))]
    assert zero_width and not any(_printable(f"가\t{c}\n") for c in zero_width)
    assert _printable("가 나\t다\n라") and match_key("카\u200d지\t노\n\u00ad") == "카지\t노\n"


def _entity_lines_by_re2(text: str) -> str:
    """What repair() made of a text without mojibake before it looked for entities
    with the pattern's own scan: the lines RE2 flags, each unescaped."""
    import html

    from cleaner.normalize import _SUSPECT_BYTES, lines_with

    lines = text.split("\n")
    for i in lines_with(_SUSPECT_BYTES, text.encode("utf-8")):
        lines[i] = html.unescape(lines[i])
    return "\n".join(lines)


_ENTITY_PARTS = ["&amp;", "&lt;", "&#39;", "&#x27;", "&#١٢;", "&nbsp", "&quot;x", "&", ";", "#", "\n", "가 ", "a1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ENTITY_PARTS), max_size=30).map("".join))
def test_entity_lines_are_unescaped_as_the_line_scan_did(text: str) -> None:
    from cleaner.normalize import unescape_entity_lines

    assert unescape_entity_lines(text) == _entity_lines_by_re2(text)
    assert repair(text) == _entity_lines_by_re2(text)


def test_a_text_with_entities_and_mojibake_takes_the_line_scan() -> None:
    text = "첫 줄 &amp; 둘\n\u00ec\u0095\u0088\u00eb\u0085\u0095 &lt;b&gt;\n끝"
    assert repair(text).split("\n")[0] == "첫 줄 & 둘" and repair(text).split("\n")[2] == "끝"
