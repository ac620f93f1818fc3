"""The whole-document scans (:mod:`cleaner.scan`): compiled against Python, and what
each promises the step that relies on it."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from bench.corpus import every_document
from cleaner import Cleaner, normalize, scan
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
            assert COMPILED.repair_suspect(text, markup) == scan.repair_suspect_python(text, markup)
        assert COMPILED.markup_counts(text, MAX_TAG_CHARS) == scan.markup_counts_python(text, MAX_TAG_CHARS)
        assert COMPILED.raw_opens(text, _RAW_ELEMENTS) == scan.raw_opens_python(text, _RAW_ELEMENTS)


@needs_compiled
@seed(20261127)
@SETTINGS
@given(texts, st.integers(min_value=0, max_value=12), st.booleans())
def test_compiled_scans_equal_python_on_generated_text(text: str, limit: int, markup: bool) -> None:
    assert COMPILED.repair_suspect(text, markup) == scan.repair_suspect_python(text, markup)
    assert COMPILED.markup_counts(text, limit) == scan.markup_counts_python(text, limit)
    for names in (_RAW_ELEMENTS, _RAW_TEXT_ELEMENTS):
        assert COMPILED.raw_opens(text, names) == scan.raw_opens_python(text, names)


@seed(20261127)
@SETTINGS
@given(texts, st.integers(min_value=0, max_value=12))
def test_long_tag_test_equals_the_pattern(text: str, limit: int) -> None:
    """The block precheck of the Python scan never hides a tag the pattern finds."""
    found = re.search(r"<[a-zA-Z][^<>]{%d}" % limit, text) is not None
    assert scan.markup_counts_python(text, limit)[2] == found


@seed(20261127)
@SETTINGS
@given(texts, st.booleans())
def test_repair_changes_only_text_the_scan_suspects(text: str, markup: bool) -> None:
    """Text that repair() would change always holds a character repair_suspect() reports,
    so skipping the repair for the rest changes nothing."""
    saved = normalize.repair_suspect
    normalize.repair_suspect = lambda *_: True  # the repair as it was before the scan gated it
    try:
        repaired = normalize.repair(text, markup=markup)
    finally:
        normalize.repair_suspect = saved
    if repaired != text:
        assert scan.repair_suspect(text, markup)
        assert normalize.repair(text, markup=markup) == repaired


def test_clean_korean_text_is_not_suspected() -> None:
    assert not scan.repair_suspect("<p>정부는 “예산안”을 제출했다 — 韓·美 ㎝ ⓒ 뉴스1 &amp;</p>", True)
    assert scan.repair_suspect("AT&amp;T", False)  # an entity in text is repaired
    assert scan.repair_suspect("줄\r\n끝", True) and scan.repair_suspect("카\u200b지노", True)
    assert scan.repair_suspect("ì‚¼ì„±", True)  # UTF-8 read as Latin-1


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
