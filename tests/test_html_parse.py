"""The parser is fed the bytes a UTF-8 page was read from (:func:`cleaner.html.dom.known_utf8`),
not the text encoded again: only when they are that text, and only for that text object."""

from __future__ import annotations

from cleaner.html import dom as html_dom
from cleaner.pipeline import prepared

PAGE = ("<!doctype html><html><head><title>제목</title></head><body><div id='본문'>"
        "<p>서울시가 새 버스 노선을 발표했다. 시민 의견을 들은 뒤 결정한다.</p></div></body></html>")


def _outer(tree) -> str:  # type: ignore[no-untyped-def]
    return tree.html or ""


def test_a_utf8_page_read_as_it_was_hands_its_bytes_to_the_parser() -> None:
    data = PAGE.encode("utf-8")
    text, is_html = prepared(data)
    assert is_html and html_dom._known.text is text and html_dom._known.data is data
    parsed = html_dom.parse(text)
    assert html_dom._known.text is None and html_dom._known.data == b""  # taken once, not kept
    assert _outer(parsed) == _outer(html_dom.parse(PAGE))


def test_no_bytes_are_handed_on_when_they_are_not_the_text() -> None:
    html_dom.known_utf8("", b"")
    for data in (PAGE.encode("cp949"),  # another encoding
                 PAGE.encode("utf-8").replace("서울".encode(), b"\xff\xfe"),  # broken: characters replaced
                 PAGE.replace("\n", "\r\n").replace("<p>", "<p>\r\n").encode("utf-8")):  # line ends mended
        text, _ = prepared(data)
        assert html_dom._known.text is not text


def test_the_bytes_serve_only_the_text_object_they_were_given_with() -> None:
    other = PAGE.replace("버스", "지하철")
    html_dom.known_utf8(PAGE, PAGE.encode("utf-8"))
    assert "지하철" in _outer(html_dom.parse(other))
    assert "지하철" not in _outer(html_dom.parse(PAGE))
