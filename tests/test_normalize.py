"""Repair changes only what is broken; folding is for matching only."""

from __future__ import annotations

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
