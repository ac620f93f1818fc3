"""What a page says about itself beyond title, date and byline: its canonical URL,
hostname, lead image, description, keywords/tags and the date it was last modified.

Sources, first that answers wins: ``<link rel=canonical>`` and the Open Graph /
Twitter ``<meta>`` tags, then the page's JSON-LD article object.  Relative URLs are
resolved against the page's URL.  (Title, press, reporters and the published date
are :mod:`cleaner.html.meta`'s.)
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from ..model import Article
from ..normalize import tidy
from ..urls import host_of
from .meta import of_tag, to_kst

IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src", "image")
DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")
KEYWORD_KEYS = ("news_keywords", "keywords")  # comma-separated lists
TAG_PROPERTIES = ("article:tag", "og:article:tag")  # one tag per <meta>, repeated
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified",
                 "last-modified", "dc.date.modified", "article:modified")
MAX_KEYWORDS = 50  # a keyword list longer than this is keyword stuffing: the first ones are kept
MAX_KEYWORD_CHARS = 60  # a "keyword" longer than this is a sentence, not a keyword


def describe(article: Article, tree: Any, metas: dict[str, str], ld: dict[str, Any],
             nodes: list[Any] | None = None) -> None:
    """Fill the article's canonical URL, hostname, image, description, keywords and
    modified date from the parsed page (``metas``: :func:`~cleaner.html.meta.meta_tags`,
    ``ld``: the JSON-LD article object or {}, ``nodes``: the page's
    :func:`~cleaner.html.meta.head_nodes`, when read already)."""
    base = article.url or ""
    article.canonical_url = canonical_url(tree, metas, base, nodes)
    article.hostname = hostname(article.canonical_url or article.url)
    article.image = _absolute(base, _first(metas, IMAGE_KEYS) or _ld_image(ld))
    article.description = _first(metas, DESCRIPTION_KEYS) or _ld_text(ld.get("description"))
    article.keywords = keywords(tree, metas, ld, nodes)
    article.modified = to_kst(_first(metas, MODIFIED_KEYS) or _ld_text(ld.get("dateModified")))


def canonical_url(tree: Any, metas: dict[str, str], base: str, nodes: list[Any] | None = None) -> str | None:
    """``<link rel=canonical href>``, else og:url, as an absolute http(s) URL."""
    for node in _with_attribute(nodes, tree, "link", "rel"):
        if "canonical" in (node.attributes.get("rel") or "").lower().split():
            found = _absolute(base, node.attributes.get("href"))
            if found:
                return found
    return _absolute(base, metas.get("og:url"))


def hostname(url: str | None) -> str | None:
    """The lower-case host of ``url`` without a leading ``www.``, or None."""
    host = host_of(url) if url else ""
    return host.removeprefix("www.") or None


def keywords(tree: Any, metas: dict[str, str], ld: dict[str, Any], nodes: list[Any] | None = None) -> list[str]:
    """Keywords and tags: every ``article:tag``, then the comma-separated keyword lists,
    then JSON-LD ``keywords``; unique, in order, at most ``MAX_KEYWORDS``."""
    found = [tidy(n.attributes.get("content") or "") for n in _with_attribute(nodes, tree, "meta", "property")
             if (n.attributes.get("property") or "").lower() in TAG_PROPERTIES]
    for key in KEYWORD_KEYS:
        found += (metas.get(key) or "").split(",")
    declared = ld.get("keywords")
    found += declared if isinstance(declared, list) else str(declared or "").split(",")
    unique = dict.fromkeys(k.strip() for k in found if isinstance(k, str))
    return [k for k in unique if k and len(k) <= MAX_KEYWORD_CHARS][:MAX_KEYWORDS]


def _with_attribute(nodes: list[Any] | None, tree: Any, tag: str, name: str) -> list[Any]:
    """The ``tag[name]`` elements: among ``nodes`` (the page's head_nodes), else the tree's."""
    return tree.css(f"{tag}[{name}]") if nodes is None else [
        n for n in of_tag(nodes, tree, tag) if name in n.attributes]


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((metas[k] for k in keys if metas.get(k)), None)


def _absolute(base: str, url: str | None) -> str | None:
    """``url`` resolved against ``base``; None unless it is an http(s) URL."""
    if not url or not isinstance(url, str):
        return None
    try:
        full = urljoin(base, url.strip())
    except ValueError:
        return None
    return full if full.startswith(("http://", "https://")) else None


def _ld_image(ld: dict[str, Any]) -> str | None:
    image = ld.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url")
    return image if isinstance(image, str) else None


def _ld_text(value: Any) -> str | None:
    return tidy(value) or None if isinstance(value, str) else None
