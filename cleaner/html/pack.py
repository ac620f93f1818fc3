"""The ``[html]`` table of a site pack: how one publisher lays out its pages.

    [html]
    body = ["#dic_area", "#articleBodyContents"]   # article body, first selector that matches
    title = ["h2.media_end_head_headline"]
    date = ["span._ARTICLE_DATE_TIME@data-date-time"]   # selector@attribute reads an attribute
    reporter = ["em.media_end_head_journalist_name"]
    press = ["meta[name='twitter:creator']"]   # a <meta> element gives its content
    section = ["meta[property='me2:category2']"]
    press_names = { "동아닷컴" = "동아일보" }   # declared site name → Korean press name
    index = ["div.list_body"]                  # an element that only index pages have
    index_urls = ['/main/main\\.naver']        # URL patterns of index pages
    [html.drop]                                 # elements inside the body that are not body
    caption = ["em.img_desc"]
    subtitle = ["strong.media_end_summary"]

Every key is optional.  :func:`validate_html_table` checks a table when the
pack is loaded and names file and field in its error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex
from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..model import KINDS
from ..normalize import tidy

SELECTOR_LISTS = ("body", "title", "date", "reporter", "press", "section", "index")
HTML_KEYS = frozenset({*SELECTOR_LISTS, "drop", "press_names", "index_urls", "note"})
MAX_SELECTORS = 50
URL_TIMEOUT = 0.05  # seconds an index_urls pattern may spend on one URL
_ATTR = re.compile(r"^(.+?)@([a-zA-Z_:][\w:.-]*)$")
_PROBE = LexborHTMLParser("<html><body><p>x</p></body></html>")


def _error(path: Path | str, field: str, msg: str) -> Exception:
    from ..packs import PackError

    return PackError(f"{path}: html.{field}: {msg}")


def validate_html_table(table: Any, path: Path | str) -> dict[str, Any]:
    """Check a pack's ``[html]`` table; raise PackError naming file and field."""
    if not isinstance(table, dict):
        raise _error(path, "", f"must be a table, got {type(table).__name__}")
    extra = sorted(set(table) - HTML_KEYS)
    if extra:
        raise _error(path, extra[0], f"unknown field (known: {', '.join(sorted(HTML_KEYS))})")
    for key in SELECTOR_LISTS:
        if key in table:
            _selectors(table[key], path, key)
    if "drop" in table:
        _drop(table["drop"], path)
    if "press_names" in table:
        _names(table["press_names"], path)
    if "index_urls" in table:
        _patterns(table["index_urls"], path)
    if "note" in table and not isinstance(table["note"], str):
        raise _error(path, "note", "must be a string")
    return table


def _list_of_strings(value: Any, path: Path | str, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _error(path, field, "must be a list of non-empty strings")
    if len(value) > MAX_SELECTORS:
        raise _error(path, field, f"more than {MAX_SELECTORS} entries")
    return value


def _selectors(value: Any, path: Path | str, field: str) -> None:
    for i, spec in enumerate(_list_of_strings(value, path, field)):
        selector, _ = split_spec(spec)
        try:
            _PROBE.css(selector)
        except Exception as exc:  # noqa: BLE001 - selectolax raises its own error type
            raise _error(path, f"{field}[{i}]", f"bad CSS selector {selector!r}: {exc}") from None


def _drop(value: Any, path: Path | str) -> None:
    if not isinstance(value, dict):
        raise _error(path, "drop", "must be a table of kind = [selectors]")
    for kind, selectors in value.items():
        if kind not in KINDS or kind in ("body", "heading"):
            raise _error(path, f"drop.{kind}", "not a boilerplate or metadata kind "
                         f"({', '.join(sorted(KINDS - {'body', 'heading'}))})")
        _selectors(selectors, path, f"drop.{kind}")


def _names(value: Any, path: Path | str) -> None:
    if not isinstance(value, dict) or not all(
            isinstance(v, str) and v.strip() for v in value.values()):
        raise _error(path, "press_names", "must be a table of declared name = \"press name\"")


def _patterns(value: Any, path: Path | str) -> None:
    from ..packs import compile_pattern

    for i, source in enumerate(_list_of_strings(value, path, "index_urls")):
        compile_pattern(source, Path(str(path)), f"html.index_urls[{i}]")


def split_spec(spec: str) -> tuple[str, str | None]:
    """'span.date@data-time' → ('span.date', 'data-time'); a plain selector has no attribute."""
    m = _ATTR.match(spec.strip())
    if m and not m.group(1).rstrip().endswith(("[", "=")):
        return m.group(1).strip(), m.group(2)
    return spec.strip(), None


def iter_values(tree: LexborHTMLParser, specs: list[str]) -> Iterator[str]:
    """Texts (or attribute values) of the elements the specs match, in spec order, one
    by one, each spec queried when its turn comes: a caller that wants the first value
    queries the tree (a walk of it per spec) only up to the spec that gives one."""
    for spec in specs:
        selector, attr = split_spec(spec)
        for node in tree.css(selector):
            value = _value(node, attr)
            if value:
                yield value


def _value(node: LexborNode, attr: str | None) -> str:
    if attr is None and node.tag == "meta":
        attr = "content"
    raw = node.attributes.get(attr) if attr else node.text(separator=" ")
    return tidy(raw or "")


def body_nodes(tree: LexborHTMLParser, specs: list[str]) -> list[LexborNode]:
    """The elements of the first body selector that matches; nested matches are dropped."""
    for spec in specs:
        nodes = tree.css(split_spec(spec)[0])
        if nodes:
            ids = {n.mem_id for n in nodes}
            return [n for n in nodes if not _has_ancestor(n, ids)]
    return []


def _has_ancestor(node: LexborNode, ids: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in ids:
            return True
        parent = parent.parent
    return False


def forced_kinds(tree: LexborHTMLParser, drop: dict[str, list[str]]) -> dict[int, str]:
    """mem_id of every element a ``drop`` selector matches → its kind."""
    out: dict[int, str] = {}
    for kind, specs in drop.items():
        for node in tree.css(selector_list(specs)):  # one query per kind
            out.setdefault(node.mem_id, kind)
    return out


def selector_list(specs: list[str]) -> str:
    """The selectors of ``specs`` (their attributes left out) as one selector list: one
    query of it (cheaper than one per selector, though lexbor still tries each on every
    element) finds what any of them matches, in document order, an element twice when
    two match it: for callers that ask which elements, not in what order or how often."""
    return ", ".join(split_spec(spec)[0] for spec in specs)


def is_index(tree: LexborHTMLParser, url: str | None, table: dict[str, Any]) -> str | None:
    """Why the pack says this page is an index page, or None."""
    for source in table.get("index_urls", []):
        if url and _search(source, url):
            return f"url matches {source!r}"
    specs = table.get("index", [])
    if len(specs) > 1 and tree.css_first(selector_list(specs)) is None:
        return None  # (an article page: one query tells that no selector matches)
    for spec in specs:
        if tree.css_first(split_spec(spec)[0]) is not None:
            return f"page has {spec!r}"
    return None


def _search(source: str, url: str) -> bool:
    try:
        return regex.search(source, url, flags=regex.IGNORECASE, timeout=URL_TIMEOUT) is not None
    except TimeoutError:
        return False


def press_name(name: str | None, table: dict[str, Any]) -> str | None:
    if not name:
        return None
    return table.get("press_names", {}).get(name, name)
