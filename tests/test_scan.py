"""The whole-document scans (:mod:`cleaner.scan`): compiled against Python, and what
each promises the step that relies on it."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from bench.corpus import every_document
from cleaner import Cleaner, accel, normalize, scan
from cleaner.decode import decode_bytes
from cleaner.pipeline import MAX_TAG_CHARS, _RAW_ELEMENTS, _RAW_TEXT_ELEMENTS, close_raw_elements, end_tag_soup

COMPILED = scan._compiled
needs_compiled = pytest.mark.skipif(COMPILED is None, reason="cleaner._scan is not built here")

# characters each scan turns on: tag marks, raw-element names in both cases, the letters that
# re.I folds onto ASCII ones (İ ı ſ K), word and non-word neighbours, what repair acts on,
# and a character outside the BMP (a string of 4-byte width)
ALPHABET = ("<>/!=\"' _-가a1\n\r\t&;#" "titleTITLExmpnoembdfrasTEXRAIFMNOBDScript" "\u0130\u0131\u017f\u212a"
            "\x00\x1b\x7f\x80\x9f\xc2\xe9\xf4\xf5\u061c\u200b\u200d\u202a\u2060\u2066\ufeff\ufffd\ud800"
            "\U0001f600")
texts = st.text(alphabet=ALPHABET, max_size=80) | st.lists(
    st.sampled_from(["<title>", "</TITLE>", "<iframe src=x>", "<tıtle>", "<noframes", "<xmp_", "<a href=1>",
                     "</p>", "<div class=a>", "&amp;", "\u200b", "본문", " ", ">", "<", "Ã©"]),
    max_size=30).map("".join)
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def _corpus_texts() -> list[str]:
    out = []
    for _, content, _ in every_document():
        out.append(decode_bytes(content)[0] if isinstance(content, bytes) else content)
    return out


@needs_compiled
def test_compiled_scans_equal_python_on_every_document() -> None:
    for text in _corpus_texts():
        for markup in (True, False):
            assert COMPILED.repair_flags(text, markup) == scan.repair_flags_python(text, markup)
        assert COMPILED.markup_counts(text, MAX_TAG_CHARS) == scan.markup_counts_python(text, MAX_TAG_CHARS)
        assert COMPILED.raw_opens(text, _RAW_ELEMENTS) == scan.raw_opens_python(text, _RAW_ELEMENTS)


@needs_compiled
@seed(20261127)
@SETTINGS
@given(texts, st.integers(min_value=0, max_value=12), st.booleans())
def test_compiled_scans_equal_python_on_generated_text(text: str, limit: int, markup: bool) -> None:
    assert COMPILED.repair_flags(text, markup) == scan.repair_flags_python(text, markup)
    assert COMPILED.markup_counts(text, limit) == scan.markup_counts_python(text, limit)
    for flags in range(8):
        assert COMPILED.plain_repairs(text, flags) == scan.plain_repairs_python(text, flags)
    for names in (_RAW_ELEMENTS, _RAW_TEXT_ELEMENTS):
        assert COMPILED.raw_opens(text, names) == scan.raw_opens_python(text, names)


@seed(20261127)
@SETTINGS
@given(texts, st.integers(min_value=0, max_value=12))
def test_long_tag_test_equals_the_pattern(text: str, limit: int) -> None:
    """The block precheck of the Python scan never hides a tag the pattern finds."""
    found = re.search(r"<[a-zA-Z][^<>]{%d}" % limit, text) is not None
    assert scan.markup_counts_python(text, limit)[2] == found


def _ungated(text: str, markup: bool) -> str:
    """repair() as it was before the scan told it which steps to take: all of them."""
    saved = scan.repair_flags
    scan.repair_flags = lambda *_: scan.INVISIBLE | scan.CR | scan.LINES
    try:
        return normalize.repair(text, markup=markup)
    finally:
        scan.repair_flags = saved


@seed(20261127)
@SETTINGS
@given(texts, st.booleans())
def test_repair_takes_the_steps_the_scan_reports(text: str, markup: bool) -> None:
    """Skipping the steps the scan finds nothing for changes nothing."""
    assert normalize.repair(text, markup=markup) == _ungated(text, markup)


@pytest.mark.parametrize("markup", [True, False])
def test_every_character_the_repair_acts_on_is_reported(markup: bool) -> None:
    """Each character of the Basic Multilingual Plane, alone between letters, in mojibake's
    lead position and after an invisible one: the repair gives what it gives with every step."""
    for code in range(0x10000):
        ch = chr(code)
        for text in (f"a{ch}b", f"{ch}\xa9", f"\u200b{ch}\r"):
            if not scan.repair_flags(text, markup) & scan.LINES:  # (else every step is taken anyway)
                assert normalize.repair(text, markup=markup) == _ungated(text, markup), hex(code)


def test_every_invisible_character_is_flagged_and_removed() -> None:
    invisible = [chr(c) for c in range(0x30000) if re.fullmatch(f"[{scan.INVISIBLE_CHARS}]", chr(c))]
    assert len(invisible) == 21
    for ch in invisible:
        assert scan.repair_flags(f"가{ch}나", True) & scan.INVISIBLE, hex(ord(ch))
        assert normalize.repair(f"가{ch}나", markup=True) == "가나", hex(ord(ch))
        assert normalize.match_key(f"카{ch}지노") == "카지노", hex(ord(ch))


def test_clean_korean_text_needs_no_repair() -> None:
    assert scan.repair_flags("<p>정부는 “예산안”을 제출했다 — 韓·美 ㎝ ⓒ 뉴스1 &amp;</p>", True) == 0
    assert scan.repair_flags("AT&amp;T", False) == scan.LINES  # an entity in text is repaired
    assert scan.repair_flags("줄\r\n끝", True) == scan.CR
    assert scan.repair_flags("카\u200b지노\r", True) == scan.INVISIBLE | scan.CR
    assert scan.repair_flags("ì‚¼ì„±", True) == scan.LINES  # UTF-8 read as Latin-1


def test_plain_repairs() -> None:
    both = scan.INVISIBLE | scan.CR
    assert scan.plain_repairs("a\u200b\r\u200b\nb\r\r\nc\r", both) == "a\nb\n\nc\n"
    assert scan.plain_repairs("a\u200b\r\nb", scan.CR) == "a\u200b\nb"
    narrowed = scan.plain_repairs("abc\u200b", both)  # what is left is ASCII: stored as such
    assert narrowed == "abc" and narrowed.isascii() and hash(narrowed) == hash("abc")


def test_markup_counts() -> None:
    page = '<div class="a"><p>본문</p></div><br/>'
    assert scan.markup_counts(page, MAX_TAG_CHARS) == (5, 2, False)
    long_tag = "<d" + "x" * 20 + ">"  # 20 characters after its letter
    assert scan.markup_counts(long_tag, 20)[2] and not scan.markup_counts(long_tag, 21)[2]


def test_raw_element_names_match_in_ascii_case_only() -> None:
    """HTML names match in any ASCII case: <TITLE> is a title, <tıtle> (dotless ı) is not."""
    text = "<TITLE>a</title><tıtle>b<tİtle>c<title_x>d<iframe src=x>"
    assert scan.raw_opens(text, _RAW_ELEMENTS) == [(0, 7, "title"), (42, 56, "iframe")]


@pytest.mark.parametrize("opener", ["<t\u0131tle>", "<t\u0130tle>", "<\u017fcript>"])
def test_non_ascii_look_alike_tag_names_do_not_break_cleaning(opener: str) -> None:
    """These once matched the raw-element pattern (re.I folds ı, İ, ſ onto i, s) and
    raised KeyError out of clean(); they are no raw elements, and the page is cleaned."""
    body = "<p>정부는 내년 예산안을 국회에 제출하면서 반도체 지원을 늘리겠다고 밝혔다.</p>"
    page = f"<html><head><title>제목</title></head><body>{opener}x<div>{body * 3}</div></body></html>"
    assert close_raw_elements(page) == page
    soup = "<html><body>" + f"{opener}s" + "<div><p>문단 하나다." * 60 + "</body></html>"
    assert "</p></div><div><p>" in end_tag_soup(soup)  # a tag-soup page with one is mended
    assert "반도체 지원을 늘리겠다고 밝혔다." in Cleaner().clean(page).text


def test_a_str_subclass_reads_as_a_str() -> None:
    """numpy.str_ and other str subclasses are str: the scans (compiled, where built) and
    cleaning read them as the plain string (a compiled argument typed str refused them)."""
    class Text(str):
        pass

    plain = "<html><head><title>제목</title></head><body>\r\n<p>정부는 \u200b예산안을 제출했다.</p></body></html>"
    text = Text(plain)
    both = scan.INVISIBLE | scan.CR
    assert scan.repair_flags(text, True) == scan.repair_flags(plain, True) == both
    assert scan.plain_repairs(text, both) == scan.plain_repairs(plain, both)
    assert scan.markup_counts(text, 8) == scan.markup_counts(plain, 8)
    assert scan.raw_opens(text, _RAW_ELEMENTS) == scan.raw_opens(plain, _RAW_ELEMENTS)
    assert Cleaner().clean(text).to_dict() == Cleaner().clean(plain).to_dict()


def _composition_seconds() -> set[int]:
    """Every character that composes with the one before it (NFC): the second of a
    two-character canonical decomposition, and the Hangul vowel and final jamo."""
    seconds = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(int(parts[1], 16))
    return seconds


def _self_folding() -> list[int]:
    ranges = [(0x20, 0x7E), (0xAC00, 0xD7A3), (0x4E00, 0x9FFF), *scan.KEY_SELF_RANGES]
    return [code for lo, hi in ranges for code in range(lo, hi + 1)]


def test_the_characters_the_compiled_fold_keeps_fold_to_themselves_alone_and_in_company() -> None:
    """Each is its own NFKC fold, starts what it decomposes to with a starter that
    composes with nothing before it, is no such character itself, and is its own lower case
    (ASCII letters aside): so the key of a text of them is the text, lower-cased."""
    seconds = _composition_seconds()
    for code in _self_folding():
        ch = chr(code)
        first = unicodedata.normalize("NFKD", ch)[0]
        assert unicodedata.normalize("NFKC", ch) == ch and unicodedata.combining(ch) == 0, hex(code)
        assert code not in seconds and ord(first) not in seconds and unicodedata.combining(first) == 0, hex(code)
        assert ch.lower() == (ch.lower() if "A" <= ch <= "Z" else ch) and len(ch.lower()) == 1, hex(code)


@needs_compiled
def test_the_compiled_fold_knows_exactly_its_characters() -> None:
    """The table in cleaner._scan lists what scan.KEY_SELF_RANGES lists (and the zero-width
    characters, dropped): every other character of the BMP stops the fold."""
    known = set(_self_folding()) | set(range(0x20)) | {0x7F}
    zero_width = {c for c in range(0x10000) if normalize._ZERO_WIDTH.match(chr(c))}
    for code in range(0x10000):
        key, end = COMPILED.key_fold(chr(code))
        expected = ("", 1) if code in zero_width else (chr(code).lower(), 1) if code in known else ("", 0)
        assert (key, end) == expected, hex(code)


_KEY_PARTS = list("aZ 가각\n\t·ㄱᄀ\u1161\u11a8\u0301\u0308ΣσΑİß…\xa0ⓒ①Ａ\u200b\u200d\u00ad李㎝ㆍ\u119e") + ["\U0001f600"]


@needs_compiled
@settings(max_examples=400, deadline=None)
@given(st.text(st.one_of(st.sampled_from(_KEY_PARTS), st.characters()), max_size=80))
def test_the_compiled_key_is_the_python_key(text: str) -> None:
    with accel.pure():
        python = normalize.match_key(text)
    assert normalize.match_key(text) == python
