"""Pages that lost their end tags (tag soup): ``pipeline.end_tag_soup`` puts them back.

Every ko-news article page is cleaned intact and again with every end tag removed
(but those of script, style, title and the like, whose loss swallows the page
whole); the tag-soup body must match the intact one (char-bigram F1 >= 0.9).
Pages known to fall short are strict xfails listed with the reason in
``test_tag_soup_xfail.tsv``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.corpus import ko_news_html
from cleaner import Cleaner
from cleaner.html import dom as html_dom
from cleaner.decode import decode_bytes
from cleaner.pipeline import end_tag_soup, is_tag_soup
from cleaner.score import score_document

SOUP_F1 = 0.9
END_TAGS = re.compile(rb"</(?!(?:script|style|title|textarea|iframe|noscript|noembed|noframes|xmp)\b)"
                      rb"[a-zA-Z0-9]+\s*>", re.I)
PAGES = ko_news_html().pages
KNOWN = dict(line.split("\t", 1) for line in (Path(__file__).parent / "test_tag_soup_xfail.tsv")
             .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))


def _case(page):  # noqa: ANN001, ANN202
    mark = [pytest.mark.xfail(strict=True, reason=KNOWN[page.name])] if page.name in KNOWN else []
    return pytest.param(page, id=page.name, marks=mark)


@pytest.mark.parametrize("page", [_case(p) for p in PAGES])
def test_an_article_survives_the_loss_of_its_end_tags(cleaner: Cleaner, page) -> None:  # noqa: ANN001
    intact = cleaner.clean(page.data, url=page.url)
    if intact.kind != "article" or not intact.text:
        pytest.skip("no article body on the intact page")
    soup = END_TAGS.sub(b"", page.data)
    if not is_tag_soup(decode_bytes(soup)[0]):
        pytest.skip("too few tags to be tag soup: nothing to repair")
    cleaned = cleaner.clean(soup, url=page.url)
    score = score_document(page.name, {"text": cleaned.text}, {"body": intact.text.split("\n")})
    assert score.f1 >= SOUP_F1, f"P {score.precision:.2f} R {score.recall:.2f}"
    assert cleaned.title == intact.title


def test_pages_with_their_end_tags_are_left_as_they_are() -> None:
    if not PAGES:
        pytest.skip("../shared/corpus/ko-news not present")
    for page in PAGES:
        text = decode_bytes(page.data)[0]
        assert end_tag_soup(text) is text, page.name


def test_end_tags_put_back() -> None:
    """Without end tags the article below nests in the last link and in a hidden div."""
    soup = ("<body>" + "<div class='nav'><a href='/'>홈<a href='/a'>정치" * 30 +
            "<div style='display:none'>숨김<div class='article'><p>첫 문단 <b>굵게<br>둘째 줄<p>셋째 문단"
            "<script>if (a<b) { x = '<div>'; }</script><span>끝")
    assert is_tag_soup(soup)
    for text, fixed in ((soup, False), (end_tag_soup(soup), True)):
        pieces = {p.text: p for p in html_dom.walk(html_dom.parse(text)).pieces}
        article = [pieces[t] for t in ("첫 문단 굵게", "둘째 줄", "셋째 문단끝")]
        assert all(not p.hidden and p.link_chars == 0 for p in article) == fixed
        assert pieces["숨김"].hidden
    assert "<script>if (a<b) { x = '<div>'; }</script>" in end_tag_soup(soup)  # raw text left alone


def test_an_unclosed_raw_element_does_not_stop_the_repair(cleaner: Cleaner) -> None:
    """An <iframe> left open would make the rest of the page raw text to the repair:
    unclosed raw elements are dropped first (pipeline.close_raw_elements)."""
    page = next((p for p in PAGES if p.name == "mk__01"), None)
    if page is None:
        pytest.skip("../shared/corpus/ko-news not present")
    intact = cleaner.clean(page.data, url=page.url)
    soup = re.sub(rb"(<body[^>]*>)", rb"\1<iframe src='/ad'>", END_TAGS.sub(b"", page.data), count=1)
    cleaned = cleaner.clean(soup, url=page.url)
    score = score_document(page.name, {"text": cleaned.text}, {"body": intact.text.split("\n")})
    assert score.f1 >= SOUP_F1, f"P {score.precision:.2f} R {score.recall:.2f}"
