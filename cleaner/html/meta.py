"""Page metadata for the HTML path: title, published, press, reporters, section.

Sources, first that answers wins: the site pack's ``[html]`` selectors, then
what the page declares for machines (``<meta>`` tags such as og:title and
article:published_time, JSON-LD ``NewsArticle``), then what it prints for
readers (the headline, a Korean dateline such as ``입력 : 2016.09.17 18:59``),
and last htmldate's date search (a bare date).  Dates come out as ISO 8601 in
Korea time (+09:00); a time given in another zone is converted, a time
without a zone is read as Korea time.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import accumulate
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..meta import KST, iso_kst
from ..normalize import compact_key, match_key, tidy
from .. import byline, vocab
from ..press import registry
from . import pack as html_pack

PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "article:published",
                  "datepublished", "pubdate", "publishdate", "publish-date", "dc.date.issued",
                  "parsely-pub-date", "sailthru.date", "og:regdate", "article:published_date")
PRESS_KEYS = ("og:article:author", "article:media_name", "twitter:creator", "twitter:site", "application-name",
              "copyright", "author", "dc.publisher", "publisher")  # where a page may name its outlet
REPORTER_KEYS = ("author", "article:author", "dable:author", "og:article:author", "byl",
                 "parsely-author", "sailthru.author")
SECTION_KEYS = ("article:section", "section", "og:section", "parsely-section")
ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                 "opinionnewsarticle", "blogposting", "report", "backgroundnewsarticle")
MAX_TITLE_SUFFIX = 24  # a trailing " - 사이트명" segment of <title> at most this long is cut
TITLE_SHARE = 0.8  # a printed headline covers this share of the declared one to replace it
MAX_DATELINE_CHARS = 80  # a printed dateline is a short piece
_TITLE_SEP = re.compile(r"\s+[-:|<>·]\s+|\s*[|<>]\s*")


def any_of(words: tuple[str, ...]) -> str:
    """A pattern for any of ``words`` (a space in a word matches any spacing)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in words)


def dateline_label(words: tuple[str, ...]) -> str:
    """A dateline's label: ``입력``, ``기사입력``, ``등록일``, ``작성시간 :`` …"""
    return rf"(?:기사\s*)?(?:{any_of(words)})\s*(?:일시?|시간)?\s*[:：|]?"


_DATELINE = re.compile(dateline_label(vocab.DATELINE_PUBLISHED) + r"\s*\d{4}")
_DATE_LABEL = re.compile(f"^{dateline_label(vocab.DATELINE_PUBLISHED)}$")


@dataclass(slots=True)
class HeadNode:
    """A ``<meta>`` or ``<link>`` element as read once (a node builds its attributes
    anew each time they are asked for): its tag and attributes, what the readers of
    :func:`head_nodes` ask of a node, and the node."""

    tag: str
    attributes: dict[str, str | None]
    node: LexborNode


LD_JSON = 'script[type="application/ld+json"]'
HEAD_QUERY = f"meta, link, {LD_JSON}"  # (only the last selects a script)


def head_nodes(tree: LexborHTMLParser) -> list[HeadNode]:
    """Every ``<meta>`` and ``<link>`` element and JSON-LD script, in document order: one
    query of the tree (each costs a walk of it) for :func:`meta_tags`, :func:`json_ld`
    and :func:`cleaner.html.describe.describe`."""
    return [HeadNode(node.tag, node.attributes, node) for node in tree.css(HEAD_QUERY)]


def of_tag(nodes: list[HeadNode] | None, tree: LexborHTMLParser, tag: str) -> list[HeadNode] | list[LexborNode]:
    """The ``tag`` elements among ``nodes`` (:func:`head_nodes`), else the tree's."""
    return tree.css(tag) if nodes is None else [n for n in nodes if n.tag == tag]


# a pack selector that names a <meta> by one attribute's value, meta[property='og:title'];
# property and name compare case-sensitively (neither is on HTML's case-insensitive list)
_META_SELECTOR = re.compile(r"""meta\[(property|name)=(["'])([^"'\\\[\]\n]+)\2\]""")


def pack_values(tree: LexborHTMLParser, specs: list[str], nodes: list[HeadNode]) -> Iterator[str]:
    """:func:`cleaner.html.pack.iter_values`, with a spec that names a ``<meta>`` by one
    attribute (``meta[property='og:title']``) answered from ``nodes`` (the page's
    :func:`head_nodes`: every meta element, in document order) without a walk of the tree."""
    for spec in specs:
        selector, attr = html_pack.split_spec(spec)
        if (m := _META_SELECTOR.fullmatch(selector)) is None:
            yield from html_pack.iter_values(tree, [spec])
            continue
        name, value = m.group(1), m.group(3)
        matched = (node for node in nodes if node.tag == "meta" and node.attributes.get(name) == value)
        yield from filter(None, (html_pack._value(node, attr) for node in matched))


def meta_tags(tree: LexborHTMLParser, nodes: list[HeadNode] | None = None) -> dict[str, str]:
    """``<meta>`` content by lower-case property/name/itemprop (the first occurrence wins;
    ``nodes``: the page's :func:`head_nodes`, when read already)."""
    out: dict[str, str] = {}
    for node in of_tag(nodes, tree, "meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        value = attrs.get("content")
        if key and value and value.strip():
            out.setdefault(key.strip().lower(), tidy(value))
    return out


def json_ld(tree: LexborHTMLParser, nodes: list[HeadNode] | None = None) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, ``@graph`` and lists flattened (``nodes``: the
    page's :func:`head_nodes`, when read already: its scripts)."""
    found: list[dict[str, Any]] = []
    scripts = tree.css(LD_JSON) if nodes is None else [n.node for n in nodes if n.tag == "script"]
    for node in scripts:
        try:
            data = json.loads(node.text() or "", strict=False)
        except ValueError:
            continue
        _flatten(data, found)
    return found


def _flatten(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            _flatten(data["@graph"], out)


def ld_types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.lower() for k in kinds if isinstance(k, str)]


def ld_article(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The first JSON-LD object typed as an article (NewsArticle, Article …), or {}."""
    return next((o for o in objects if any(t in ARTICLE_TYPES for t in ld_types(o))), {})


def declared_type(metas: dict[str, str], objects: list[dict[str, Any]]) -> str | None:
    """'article' or 'website' as the page declares itself (og:type, JSON-LD), else None;
    a video's page (og:type video.other, video.episode …) is one item, an 'article'."""
    og_type = metas.get("og:type", "").lower()
    if ld_article(objects) or og_type == "article" or og_type.startswith("video."):
        return "article"
    if metas.get("og:type", "").lower() in ("website", "webpage") or any(
            t in ("website", "collectionpage", "itemlist", "searchresultspage")
            for o in objects for t in ld_types(o)):
        return "website"
    return None


# ---------------------------------------------------------------- title
def page_title(tree: LexborHTMLParser, metas: dict[str, str], article: dict[str, Any]) -> str | None:
    for value in (metas.get("og:title"), metas.get("twitter:title"), _text(article.get("headline"))):
        if value:
            return value
    for h1 in tree.css("h1"):  # the first that is no site logo ("매일 경제", "NAVER 뉴스")
        text = " ".join(h1.text().split())
        if len(text) > 4 and not registry().is_outlet(text) and not byline.is_portal(text):
            return text
    node = tree.css_first("title")
    return strip_site_suffix(" ".join(node.text().split())) if node is not None else None


def title_segments(title: str) -> list[str]:
    """A declared title's segments between site separators ('제목 - 사이트' → both)."""
    return [p.strip() for p in _TITLE_SEP.split(title) if p.strip()]


def strip_site_suffix(title: str) -> str | None:
    """'기사 제목 : 뉴스 : 동아닷컴' → '기사 제목' (short trailing segments are the site)."""
    parts = _TITLE_SEP.split(title)
    while len(parts) > 1 and len(parts[-1]) <= MAX_TITLE_SUFFIX:
        parts.pop()
    joined = " - ".join(p for p in parts if p).strip()
    return joined or None


_NAME_TAIL = re.compile(r"\s+(?:-|–|—|\||｜|ㅣ|::|:|<|·|/)\s+([^-–—|｜:<·/]{1,%d})$" % MAX_TITLE_SUFFIX)
_HASHTAG_TAIL = re.compile(r"\s+#([^\s#]+)$")  # "… 할인 품목은? #MoneyS": a share tag, not the headline


def strip_name(title: str | None, names: list[str | None]) -> str | None:
    """'기사 제목 - 매일경제' → '기사 제목': a trailing segment that is the site's own
    name (``names``), any outlet of the press registry ('… | 연합뉴스', '… :: 한겨레'),
    or a portal ('… : 네이버 뉴스') is cut, and so is a trailing share hashtag."""
    if not title:
        return title
    own = {" ".join(n.split()) for n in names if n}
    while (m := _NAME_TAIL.search(title)) and m.start() > 0:
        tail = " ".join(m.group(1).split())
        if not (tail in own or registry().is_outlet(tail) or byline.is_portal(tail)):
            break
        title = title[: m.start()].rstrip()
    tag = _HASHTAG_TAIL.search(title)
    return title[: tag.start()] if tag and (tag.group(1) in own or registry().is_outlet(tag.group(1))) else title


def prefer_printed(declared: str | None, printed: str | None) -> str | None:
    """The headline as the page prints it when the declared one (og:title …) says the
    same words: quotes and spacing as printed ('"…"' for '“…”'), no tail the page does
    not print (a site name, a hashtag), the whole of a declared headline cut short
    with '…', and a series tag printed before it ('[단독] …')."""
    if not declared or not printed or printed == declared:
        return declared
    want, have = compact_key(match_key(declared)), compact_key(match_key(printed))
    if not have or not want:
        return declared
    same = have == want
    tail_cut = want.startswith(have) and len(have) >= TITLE_SHARE * len(want)  # "… #MoneyS", "… - 사이트"
    truncated = declared.rstrip().endswith(("…", "...")) and have.startswith(want)  # og:title cut short
    tagged = printed.lstrip().startswith(("[", "【")) and have.endswith(want)  # "[단독] …" printed
    return " ".join(printed.split()) if same or tail_cut or truncated or tagged else declared


def _text(value: Any) -> str | None:
    """A JSON-LD string, spaces collapsed; entities a CMS escaped into the JSON decoded."""
    if isinstance(value, str) and value.strip():
        return tidy(value)
    return None


# ---------------------------------------------------------------- dates
def to_kst(value: str | None) -> str | None:
    """An ISO or Korean date/time string → ISO 8601 in Korea time (a bare date stays a date)."""
    if not value:
        return None
    value = value.strip()
    iso = _from_iso(value)
    if iso is not None:
        return iso
    return iso_kst(value)


def _from_iso(value: str) -> str | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}|$)", value):
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(value) == 10:
        return when.date().isoformat()
    if when.tzinfo is None:
        when = when.replace(tzinfo=KST)
    return when.astimezone(KST).isoformat()


def declared_date(metas: dict[str, str], article: dict[str, Any]) -> str | None:
    for key in PUBLISHED_KEYS:
        if (value := to_kst(metas.get(key))) is not None:
            return value
    return to_kst(_text(article.get("datePublished")))


def printed_date(texts: list[str]) -> str | None:
    """The first Korean dateline among short texts: '입력 : 2016.09.17 18:59', also when the
    label and the time stand in elements of their own ('입력' | '2016.09.17 18:59')."""
    for i in _labelled(texts):
        text = texts[i]
        if _DATE_LABEL.match(text) and i + 1 < len(texts):
            text = f"{text} {texts[i + 1]}"
        if len(text) <= MAX_DATELINE_CHARS and (m := _DATELINE.search(text)):
            value = to_kst(text[m.start():])
            if value:
                return value
    return None


# a piece of every published-dateline label ("최초 입력" → "입력"): a dateline's text, or the
# label that stands before its time, holds one
_LABEL_PARTS = tuple(dict.fromkeys(max(word.split(), key=len) for word in vocab.DATELINE_PUBLISHED))


def _labelled(texts: list[str]) -> list[int]:
    """The indices, in order, of the texts that hold a dateline label's piece
    (``_LABEL_PARTS``), found by a search of the texts joined, not text by text
    (with a few more: a piece that only the joining makes, across two texts)."""
    joined, ends = "".join(texts), list(accumulate(map(len, texts)))
    found: set[int] = set()
    for part in _LABEL_PARTS:
        at = joined.find(part)
        while at >= 0:
            i = bisect_right(ends, at)  # the text the piece starts in
            found.add(i)
            at = joined.find(part, ends[i])
    return sorted(found)


DATE_SEARCH_CHARS = 300_000  # of a page given to htmldate (its head, its dateline)


def searched_date(html: str) -> str | None:
    """htmldate's best guess for the publication date (date only; None if nothing found)."""
    try:
        from htmldate import find_date

        value = find_date(html[:DATE_SEARCH_CHARS], original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - htmldate may fail on odd markup; the date is optional
        return None
    return to_kst(value) if value else None


# ---------------------------------------------------------------- people and names
def reporters_from(values: list[str]) -> list[str]:
    """Reporter names from author fields or byline texts (:func:`cleaner.byline.declared_names`)."""
    return byline.declared_names(values)


def declared_reporters(metas: dict[str, str], article: dict[str, Any]) -> list[str]:
    """JSON-LD authors (every person, in order), else the first author-like meta tag
    that names a person."""
    values: list[str] = []
    author = article.get("author")
    for item in author if isinstance(author, list) else [author]:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str):
            values.append(item)
    names = reporters_from(values)
    if not names:  # the first author tag that names people ("author" may hold the outlet)
        names = next((found for k in REPORTER_KEYS if metas.get(k) and (found := reporters_from([metas[k]]))), [])
    return names


# Links to an author's page (WordPress and most blog CMSs): rel=author, /author/slug.  One
# selector with :is(), not a list of four: lexbor tries each selector of a list on every
# element (a third of the time here); a link that matches twice is listed once, not twice.
AUTHOR_LINKS = 'a:is([rel~="author"], [href*="/author/"], [href*="/writer/"], [href*="/reporter/"])'


def author_link_names(tree: LexborHTMLParser) -> list[str]:
    """The person the page's first author link names ('<a href="/author/gunwoo">한건우</a>'
    in the post header; a theme prints it with no 기자 for the byline grammar to read)."""
    for node in tree.css(AUTHOR_LINKS):
        names = byline.declared_names([" ".join(node.text().split())])
        if names and _BARE_NAME.match(names[0]):
            return names[:1]
    return []


_BARE_NAME = re.compile(r"^[가-힣]{2,4}$")  # a link's text that is a Korean name and nothing else


def byline_reporters(text: str) -> list[str]:
    """Names in a short byline text such as '박건형 기자' or '제주=임재영 기자 jy788@donga.com'."""
    return byline.names_in(text)


def declared_press(metas: dict[str, str], article: dict[str, Any]) -> str | None:
    """The outlet the page names for machines, by its canonical name when the press
    registry knows one of the names (JSON-LD publisher, og:site_name, author-like
    tags, a Twitter handle, the copyright tag); else the first name as declared."""
    own = [_text(p.get("name")) if isinstance(p, dict) else _text(p) for p in _publishers(article)]
    own = [site_name(n) for n in [*own, metas.get("og:site_name")] if n]
    names = [*own, *(site_name(n) for n in (metas.get(k) for k in PRESS_KEYS) if n)]
    reg = registry()
    for name in names:
        if (found := reg.canonical(name) or reg.leading(name)) is not None:
            return found
    return next((n for n in own if n and not byline.is_portal(n)), None)


_SITE_NAME_SEP = re.compile(r"\s*[|｜ㅣ]\s*|\s+(?:-|–|—|::|:|·)\s+")


def site_name(declared: str) -> str:
    """The outlet's name in a declared site name that adds a slogan or a section
    ('남도일보 | 남도의 내일을 여는 신문', '한빛일보 - 오피니언' → the first part)."""
    return _SITE_NAME_SEP.split(declared.strip(), maxsplit=1)[0].strip() or declared.strip()


def page_urls(url: str | None, tree: LexborHTMLParser, metas: dict[str, str],
              nodes: list[HeadNode] | None = None) -> list[str]:
    """Where the page says it lives: the URL given, og:url, its canonical link
    (``nodes``: the page's :func:`head_nodes`, when read already)."""
    link = canonical_link(tree, nodes)
    canonical = link.attributes.get("href") if link is not None else None
    return [u for u in (url, metas.get("og:url"), canonical) if u]


CANONICAL = 'link[rel="canonical"]'  # (its rel in any case, but in an <svg>)


def canonical_link(tree: LexborHTMLParser, nodes: list[HeadNode] | None = None) -> LexborNode | None:
    """``tree.css_first(CANONICAL)``.  With ``nodes`` (:func:`head_nodes`: every link,
    in document order) most pages need no walk of the tree: the first link whose rel
    lowers to ``canonical`` is the answer when its rel is written so, a match in any
    namespace; written in another case it matches only outside <svg> and <math>,
    which the tree's query tells."""
    if nodes is None:
        return tree.css_first(CANONICAL)
    for node in nodes:
        rel = node.attributes.get("rel") if node.tag == "link" else None
        if rel is not None and rel.lower() == "canonical":
            return node.node if rel == "canonical" else tree.css_first(CANONICAL)
    return None


def _publishers(article: dict[str, Any]) -> list[Any]:
    publisher = article.get("publisher")
    return publisher if isinstance(publisher, list) else [publisher] if publisher else []


def declared_section(metas: dict[str, str], article: dict[str, Any]) -> str | None:
    for key in SECTION_KEYS:
        if metas.get(key):
            return metas[key]
    section = article.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    return _text(section)
