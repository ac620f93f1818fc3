"""Articles held in page data rather than in the visible markup.

Pages rendered by JavaScript often ship the article as data: JSON-LD
``articleBody``, Next.js ``__NEXT_DATA__`` (Pages Router) or the App Router's
React Server Components stream (``self.__next_f.push([1, "…"])`` chunks, whose
visible HTML may be a spinner), or Arc XP / Fusion ``Fusion.globalContent``
(chosun.com since 2020), whose ``content_elements`` list paragraphs, headers,
images and embeds in ANS format, or a single-page app's state object
(``window.__INITIAL_STATE__ = {…}``, ``<script type="application/json">``).  Each reader
returns an :class:`Embedded` (paragraphs with a kind where the data says one)
or None; :func:`find` tries them in order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .. import byline
from .meta import ld_article
from ..normalize import tidy, unescape_entities

MIN_BODY_CHARS = 200  # a data field shorter than this is a teaser, not an article body
MAX_WALK = 20_000  # JSON nodes visited when looking for a body in __NEXT_DATA__
BODY_KEYS = ("articlebody", "body", "bodyhtml", "content", "contenthtml", "contents", "html",
             "articlecontent", "text", "article_body", "newscontent", "story")
_FUSION = re.compile(r"Fusion\.globalContent\s*=\s*")
_STATE = re.compile(r"window\.__[A-Z][A-Z0-9_]*__\s*=\s*(?=\{)")  # window.__INITIAL_STATE__={…}
STATE_TITLE_KEYS = ("title", "headline", "subject")
STATE_DATE_KEYS = ("publishedat", "published_at", "publishdate", "publish_date", "datepublished",
                   "firstpublishedat", "regdate", "createdat", "created_at")
STATE_PEOPLE_KEYS = ("reporter", "reporters", "writer", "writers", "author", "authors", "byline")
_TAG = re.compile(r"<[a-zA-Z/][^>]*>")
_PARA_SPLIT = re.compile(r"\n\s*\n|\n|\r")


@dataclass(slots=True)
class Embedded:
    source: str  # "json-ld", "next-data", "next-flight", "fusion", "app-state"
    paragraphs: list[tuple[str, str]]  # (text, kind) — kind '' for article text
    meta: dict[str, Any] = field(default_factory=dict)  # title, published, reporters, section

    @property
    def chars(self) -> int:
        return sum(len(t) for t, k in self.paragraphs if not k)


def find(tree: LexborHTMLParser, objects: list[dict[str, Any]]) -> Embedded | None:
    """The article body held in page data, trying Fusion, __NEXT_DATA__, the Next.js
    App Router stream, JSON-LD, then a single-page app's state object."""
    from .flight import next_flight

    for reader in (lambda: fusion(tree), lambda: next_data(tree), lambda: next_flight(tree),
                   lambda: json_ld_body(objects), lambda: app_state(tree)):
        found = reader()
        if found is not None and found.chars >= MIN_BODY_CHARS:
            return found
    return None


def json_ld_body(objects: list[dict[str, Any]]) -> Embedded | None:
    body = ld_article(objects).get("articleBody")
    if not isinstance(body, str) or not body.strip():
        return None
    return Embedded("json-ld", [(p, "") for p in split_text(body)])


def split_text(text: str) -> list[str]:
    """Paragraphs of a plain or HTML string (HTML is read block by block)."""
    if _TAG.search(text):
        from .dom import parse, walk

        return [p.text for p in walk(parse(text)).pieces if not p.hidden]
    return [tidy(p) for p in _PARA_SPLIT.split(text) if p.strip()]


# ---------------------------------------------------------------- Next.js
def next_data(tree: LexborHTMLParser) -> Embedded | None:
    node = tree.css_first("script#__NEXT_DATA__")
    if node is None:
        return None
    try:
        data = json.loads(node.text() or "")
    except ValueError:
        return None
    best = longest_body(data)
    if not best:
        return None
    return Embedded("next-data", [(p, "") for p in split_text(best)])


def longest_body(data: Any, keys: tuple[str, ...] = BODY_KEYS,
                 resolve: Callable[[str], str] = str) -> str:
    """The longest string under a body-like key (articleBody, content, html …; ``keys``,
    lower-case), each string first passed through ``resolve``."""
    return body_holder(data, keys, resolve)[0]


def body_holder(data: Any, keys: tuple[str, ...] = BODY_KEYS,
                resolve: Callable[[str], str] = str) -> tuple[str, dict[str, Any]]:
    """:func:`longest_body` and the object that holds it (its title, date, reporter)."""
    best, holder, stack, seen = "", {}, [data], 0
    while stack and seen < MAX_WALK:
        item = stack.pop()
        seen += 1
        if isinstance(item, dict):
            for key, value in item.items():
                if isinstance(value, str):
                    if key.lower() in keys and len(value := resolve(value)) > len(best):
                        best, holder = value, item
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, (dict, list)))
    return best, holder


# ---------------------------------------------------------------- a single-page app's state
def app_state(tree: LexborHTMLParser) -> Embedded | None:
    """The article in a JavaScript app's state: ``window.__INITIAL_STATE__ = {…}``
    (Vue, Redux: any ``window.__NAME__`` object literal that is JSON) or a
    ``<script type="application/json">`` block; the visible HTML may be a skeleton."""
    best, holder = "", {}
    for data in _state_objects(tree):
        found, where = body_holder(data)
        if len(found) > len(best):
            best, holder = found, where
    if not best:
        return None
    return Embedded("app-state", [(p, "") for p in split_text(best)], state_meta(holder))


def _state_objects(tree: LexborHTMLParser) -> list[Any]:
    out = []
    for node in tree.css("script"):
        source = node.text() or ""
        if node.attributes.get("type") == "application/json" and node.attributes.get("id") != "__NEXT_DATA__":
            try:
                out.append(json.loads(source))
            except ValueError:
                continue
        for m in _STATE.finditer(source):
            try:
                out.append(json.JSONDecoder().raw_decode(source, m.end())[0])
            except ValueError:
                continue
    return out


def state_meta(holder: dict[str, Any]) -> dict[str, Any]:
    """Title, publication time and reporters beside an app state's body."""
    low = {k.lower(): v for k, v in holder.items()}
    meta: dict[str, Any] = {}
    title = next((low[k] for k in STATE_TITLE_KEYS if isinstance(low.get(k), str) and low[k].strip()), None)
    if title:
        meta["title"] = " ".join(title.split())
    when = next((low[k] for k in STATE_DATE_KEYS if isinstance(low.get(k), str)), None)
    if when:
        meta["published"] = when
    people = [_person_name(v) for k in STATE_PEOPLE_KEYS for v in _as_list(low.get(k))]
    if names := byline.declared_names([p for p in people if p]):
        meta["reporters"] = names
    return meta


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _person_name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("userName") or value.get("nickname")
    return value if isinstance(value, str) else None


# ---------------------------------------------------------------- Arc XP / Fusion
def fusion(tree: LexborHTMLParser) -> Embedded | None:
    for node in tree.css("script"):
        source = node.text() or ""
        m = _FUSION.search(source)
        if not m:
            continue
        try:
            data, _ = json.JSONDecoder().raw_decode(source, m.end())
        except ValueError:
            return None
        if isinstance(data, dict) and isinstance(data.get("content_elements"), list):
            return Embedded("fusion", ans_paragraphs(data["content_elements"]), ans_meta(data))
    return None


def ans_paragraphs(elements: list[Any]) -> list[tuple[str, str]]:
    """ANS content elements → (text, kind): text and headers are article text,
    image captions are captions, lists give one paragraph per item."""
    out: list[tuple[str, str]] = []
    for el in elements:
        if not isinstance(el, dict):
            continue
        kind = el.get("type")
        if kind in ("text", "header", "quote", "blockquote"):
            out.extend((p, "") for p in _html_text(el.get("content")))
        elif kind == "list":
            for item in el.get("items") or []:
                if isinstance(item, dict):
                    out.extend((p, "") for p in _html_text(item.get("content")))
        elif kind in ("image", "gallery", "video"):
            out.extend((p, "caption") for p in _html_text(el.get("caption")))
    return out


def _html_text(value: Any) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return []
    if _TAG.search(value):
        body = LexborHTMLParser(value).body
        value = body.text() if body is not None else ""  # inline markup: no separator
    else:
        value = unescape_entities(value)
    text = " ".join(value.split())
    return [text] if text else []


def ans_meta(data: dict[str, Any]) -> dict[str, Any]:
    """Title, first publication time, reporters and section of an ANS story."""
    meta: dict[str, Any] = {}
    headline = (data.get("headlines") or {}).get("basic")
    if isinstance(headline, str) and headline.strip():
        meta["title"] = " ".join(headline.split())
    for key in ("first_publish_date", "display_date", "publish_date"):
        if isinstance(data.get(key), str):
            meta["published"] = data[key]
            break
    people = (data.get("credits") or {}).get("by") or []
    names = [p.get("name") for p in people if isinstance(p, dict) and isinstance(p.get("name"), str)]
    if names:
        meta["reporters"] = names
    section = ((data.get("taxonomy") or {}).get("primary_section") or {}).get("name")
    if isinstance(section, str) and section.strip():
        meta["section"] = section.strip()
    return meta
