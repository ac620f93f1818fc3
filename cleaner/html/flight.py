"""Articles in a Next.js App Router page: the React Server Components ("flight") stream.

Such a page ships its content as script chunks, ``self.__next_f.push([1, "…"])``,
whose JavaScript strings, concatenated, are the RSC payload: rows ``ID:JSON``
(a React element is ``["$", "p", key, {"children": …}]``) and text rows
``ID:T<hex byte length>,<text>`` that hold long strings (often the article's HTML),
referred to elsewhere as ``"$ID"``.  The visible HTML may hold only a spinner.

:func:`next_flight` reads the payload and returns the larger of two readings:
the longest string under a body-like key (``articleBody``, ``content``,
``__html`` …, a ``$ID`` reference resolved to its text row), split into
paragraphs; or the paragraph and heading elements of the element trees, in
order.  The first ``h1`` element is the title.
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .embed import BODY_KEYS, MAX_WALK, Embedded, longest_body, split_text
from ..normalize import tidy

FLIGHT_KEYS = (*BODY_KEYS, "__html")  # dangerouslySetInnerHTML={{__html: …}}
TEXT_ELEMENTS = ("p", "h2", "h3", "h4", "h5", "blockquote", "li")  # elements read as paragraphs
MAX_PAYLOAD_CHARS = 8_000_000  # a larger stream is read up to this
MAX_DEPTH = 40  # nesting of inline elements read inside one paragraph
_PUSH = re.compile(r'self\.__next_f\.push\(\s*\[\s*1\s*,\s*("[^"\\]*(?:\\.[^"\\]*)*")\s*\]\s*\)', re.S)
_ROW = re.compile(rb"([0-9a-fA-F]{1,8}):")
_TEXT_ROW = re.compile(rb"T([0-9a-fA-F]{1,8}),")
_ROW_TAG = re.compile(r"^[A-Z]{0,2}(?=[\[{\"0-9tfn-])")
_REF = re.compile(r"^\$([0-9a-fA-F]{1,8})$")


def next_flight(tree: LexborHTMLParser) -> Embedded | None:
    """The article held in the page's ``self.__next_f`` stream, or None."""
    payload = flight_payload(tree)
    if not payload:
        return None
    texts, values = flight_rows(payload)
    body = longest_body(values, FLIGHT_KEYS, partial(_resolve, texts=texts))
    from_keys = [(p, "") for p in split_text(body)] if body else []
    from_tree, title = _element_paragraphs(values, texts)
    best = max(from_keys, from_tree, key=lambda ps: sum(len(t) for t, _ in ps))
    if not best:
        return None
    return Embedded("next-flight", best, {"title": title} if title else {})


def flight_payload(tree: LexborHTMLParser) -> str:
    """The RSC payload: the string of every ``__next_f.push([1, "…"])`` chunk, in page order."""
    parts, size = [], 0
    for node in tree.css("script"):
        source = node.text() or ""
        if "__next_f" not in source:
            continue
        for m in _PUSH.finditer(source):
            try:
                chunk = json.loads(m.group(1))
            except ValueError:
                continue
            size += len(chunk)
            if size > MAX_PAYLOAD_CHARS:
                return "".join(parts)
            parts.append(chunk)
    return "".join(parts)


def flight_rows(payload: str) -> tuple[dict[str, str], list[Any]]:
    """Text rows by id, and the parsed JSON rows in order (rows that do not parse are skipped)."""
    data, texts, values, pos = payload.encode("utf-8", "surrogatepass"), {}, [], 0
    while pos < len(data):
        m = _ROW.match(data, pos)
        if m is None:  # not a row: skip the line
            end = data.find(b"\n", pos)
            pos = len(data) if end < 0 else end + 1
            continue
        row_id, start = m.group(1).decode().lower(), m.end()
        text = _TEXT_ROW.match(data, start)
        if text is not None:  # T<hex byte length>,<text>: no newline ends it
            end = text.end() + int(text.group(1), 16)
            texts[row_id] = data[text.end():end].decode("utf-8", "replace")
            pos = end
            continue
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end].decode("utf-8", "replace")
        pos = end + 1
        tag = _ROW_TAG.match(line)
        try:
            values.append(json.loads(line[tag.end():] if tag else line))
        except (ValueError, RecursionError):
            continue
    return texts, values


def _resolve(value: str, texts: dict[str, str]) -> str:
    """A ``"$ID"`` reference to a text row, as its text; any other string as it is."""
    m = _REF.match(value)
    return texts.get(m.group(1).lower(), value) if m else value


def _element_paragraphs(values: list[Any], texts: dict[str, str]) -> tuple[list[tuple[str, str]], str | None]:
    """Paragraph and heading elements of the rows' React trees, in order, and the first h1."""
    out: list[tuple[str, str]] = []
    title, stack, seen = None, list(reversed(values)), 0
    while stack and seen < MAX_WALK:
        item = stack.pop()
        seen += 1
        if _is_element(item):
            tag, props = item[1], item[3] if isinstance(item[3], dict) else {}
            if tag in TEXT_ELEMENTS or tag == "h1":
                text = tidy("".join(_strings(props.get("children"), texts)))  # inline: no separator
                if text and tag == "h1":
                    title = title or text
                elif text:
                    out.append((text, ""))
                continue
            stack.extend(reversed([v for v in props.values() if isinstance(v, (dict, list))]))
        elif isinstance(item, list):
            stack.extend(reversed([v for v in item if isinstance(v, (dict, list))]))
        elif isinstance(item, dict):
            stack.extend(reversed([v for v in item.values() if isinstance(v, (dict, list))]))
    return out, title


def _is_element(item: Any) -> bool:
    return isinstance(item, list) and len(item) == 4 and item[0] == "$" and isinstance(item[1], str)


def _strings(children: Any, texts: dict[str, str], depth: int = 0) -> list[str]:
    """The text of an element's children (strings, nested inline elements, text rows)."""
    if isinstance(children, str):
        if not children.startswith("$"):
            return [children]
        if children.startswith("$$"):  # a string that starts with "$", escaped
            return [children[1:]]
        m = _REF.match(children)  # a text row, or a reference to something else (skipped)
        return [texts[m.group(1).lower()]] if m and m.group(1).lower() in texts else []
    if depth >= MAX_DEPTH:
        return []
    if _is_element(children):
        props = children[3] if isinstance(children[3], dict) else {}
        return _strings(props.get("children"), texts, depth + 1)
    if isinstance(children, list):
        return [s for child in children for s in _strings(child, texts, depth + 1)]
    return []
