"""Bytes to text: EUC-KR/CP949 pages, a mislabelled page, escaped-string documents."""

from __future__ import annotations


import pytest

from cleaner.decode import decode_bytes, declared_charset, looks_escaped, normalise_charset, unescape_literals
from cleaner.pipeline import prepared
from cleaner.model import CleanError

from .conftest import KO_NEWS

PAGES = KO_NEWS / "html"
needs_pages = pytest.mark.skipif(not PAGES.is_dir(), reason="../shared/corpus/ko-news not present")

# (page, a string the decoded page must hold)
EUC_KR_PAGES = [
    ("chosun__01", "정부, 北 핵실험"),
    ("chosun__02", "조선일보 독자권익보호위원회"),
    ("chosun__08", "갤노트7 새 제품 교환"),
    ("khan__01", "단통법, 가계통신비 인하 효과 못 느껴"),
    ("khan__04", "최신기사"),
    ("naver__04", "평소와 다른 곱창 속"),
    ("naver__05", "헤드라인 뉴스"),
    ("naver__06", "네이버 뉴스"),
]


@needs_pages
@pytest.mark.parametrize("name,expected", EUC_KR_PAGES)
def test_euc_kr_pages_read_as_cp949(name: str, expected: str) -> None:
    data = (PAGES / f"{name}.html").read_bytes()
    assert declared_charset(data) == "cp949"
    text, codec = decode_bytes(data)
    assert codec == "cp949"
    assert expected in text
    assert "\ufffd" not in text


@needs_pages
def test_page_declaring_euc_kr_but_utf8_is_read_as_utf8() -> None:
    data = (PAGES / "naver__12.html").read_bytes()
    assert declared_charset(data) == "cp949"  # what the page claims
    text, codec = decode_bytes(data)
    assert codec == "utf-8"
    assert "기자협회" in text and "\ufffd" not in text


def test_korean_labels_map_to_cp949() -> None:
    for label in ("euc-kr", "EUC-KR", "ks_c_5601-1987", "windows-949", "x-windows-949", "euckr"):
        assert normalise_charset(label) == "cp949", label
    assert normalise_charset("utf8") == "utf-8"
    assert normalise_charset("no-such-charset") is None


def test_cp949_only_characters_survive() -> None:
    # 똠 and 햏 are outside EUC-KR proper but inside CP949 (Microsoft's superset)
    html = '<html><head><meta charset="euc-kr"></head><body><p>똠방각하 햏자 기사</p></body></html>'
    text, codec = decode_bytes(html.encode("cp949"))
    assert codec == "cp949" and "똠방각하 햏자" in text


def test_undeclared_cp949_is_detected() -> None:
    body = "<p>정부가 지난 9일 북한이 실시한 5차 핵실험을 분석할 유일한 단서를 찾지 못했다.</p>" * 5
    text, codec = decode_bytes(body.encode("cp949"))
    assert codec == "cp949" and "핵실험" in text


def test_http_charset_is_used_when_it_decodes() -> None:
    data = "<p>caf\u00e9 cr\u00e8me</p>".encode("cp1252")
    text, codec = decode_bytes(data, http_charset="windows-1252")
    assert codec == "cp1252" and "café" in text


def test_binary_is_refused() -> None:
    with pytest.raises(CleanError) as err:
        decode_bytes(bytes(range(0, 9)) * 400)
    assert err.value.reason == "binary"


def test_escaped_string_document_is_unescaped() -> None:
    escaped = r'<div class=\"body\">첫 문단입니다.\n\n둘째 문단입니다.\r\n<a href=\"http:\/\/x.kr\">링크<\/a>\n\n</div>'
    assert looks_escaped(escaped)
    text, _ = prepared(escaped.encode("utf-8"))  # bytes, and str alike
    assert text == prepared(escaped)[0]
    assert '<div class="body">' in text
    assert "첫 문단입니다.\n\n둘째 문단입니다." in text
    assert '<a href="http://x.kr">링크</a>' in text


def test_whole_pages_keep_their_script_escapes() -> None:
    page = ('<!doctype html><html><head><script>var s = "a\\nb\\"c\\"";var t="\\n\\n\\n\\n";</script>'
            '</head><body><p class="x">본문</p></body></html>')
    assert not looks_escaped(page)
    assert decode_bytes(page.encode("utf-8"))[0] == page


def test_plain_text_with_a_few_backslashes_is_left_alone() -> None:
    text = "경로는 C:\\new\\table 입니다.\n다음 줄.\n또 다음 줄.\n"
    assert not looks_escaped(text)
    assert unescape_literals('a\\"b') == 'a"b'


@needs_pages
def test_text_fragment_with_literal_escapes() -> None:
    raw = decode_bytes((PAGES / "yonhap__04.html").read_bytes())[0]
    assert looks_escaped(raw)
    text = unescape_literals(raw)
    assert "\\r\\n" not in text and "\\n" not in text
    assert "(로마=연합뉴스) 전성훈 특파원 = 이탈리아 당국이" in text
    assert '<a href="http://www.yonhapnews.co.kr/aboutus/4223030400.html">' in text
    assert "(로마=연합뉴스) 전성훈 특파원 = 이탈리아 당국이" in prepared(raw)[0]  # what cleaning reads

