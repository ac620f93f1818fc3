"""Outputs for people and spreadsheets: CSV, Markdown, and plain text one after another.

Each is a :class:`~cleaner.io.sinks.StreamSink`: it writes to a file (atomically, like
every file output) or, with no path, to standard output.  CSV has one row per record with the fields
of ``Article.to_dict()`` (lists joined by "; ", ``source`` as JSON, ``removed``
as the number of lines removed).  Markdown keeps the article's structure: the
title as a level-1 heading, subtitles as a quote, in-article headings as level-2
headings, and metadata as a line under the title; records are separated by a rule.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..model import BODY_KINDS, RECORD_FIELDS, Article
from .sinks import StreamSink

CSV_LIST_SEPARATOR = "; "
MARKDOWN_KEY = "markdown"  # the payload field a worker fills when the output is Markdown


class TextStreamSink(StreamSink):
    """The article texts one after another, each followed by a blank line."""

    def write(self, payload: dict[str, Any], position: int | None = None) -> None:  # noqa: ARG002
        if payload.get("text"):
            self.emit(payload["text"] + "\n\n")


class CsvSink(StreamSink):
    """One CSV row per record (header first), columns as :func:`csv_row` makes them."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path)
        self.emit(_csv_line([*RECORD_FIELDS, "removed"]))

    def write(self, payload: dict[str, Any], position: int | None = None) -> None:  # noqa: ARG002
        self.emit(_csv_line(csv_row(payload)))


def csv_row(record: dict[str, Any]) -> list[Any]:
    """A record's CSV cells: lists joined, objects as JSON, ``removed`` counted."""
    cells: list[Any] = []
    for name in RECORD_FIELDS:
        value = record.get(name)
        if isinstance(value, list):
            value = CSV_LIST_SEPARATOR.join(map(str, value))
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
        cells.append("" if value is None else value)
    return [*cells, len(record.get("removed") or ())]


def _csv_line(cells: list[Any]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


class MarkdownSink(StreamSink):
    """Records as Markdown (:func:`to_markdown`, made by the worker), separated by a rule."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path)
        self.first = True

    def write(self, payload: dict[str, Any], position: int | None = None) -> None:  # noqa: ARG002
        text = payload.get(MARKDOWN_KEY) or ""
        if text:
            self.emit(("" if self.first else "\n---\n\n") + text)
            self.first = False


def to_markdown(article: Article) -> str:
    """An article as Markdown: title, deck, a metadata line, body paragraphs and headings."""
    lines = [f"# {article.title}", ""] if article.title else []
    lines += [f"> {s}" for s in article.subtitles] + ([""] if article.subtitles else [])
    about = [v for v in (article.press, ", ".join(article.reporters), article.published, article.url) if v]
    lines += ["*" + " · ".join(about) + "*", ""] if about else []
    body = [b for b in article.blocks if b.kind in BODY_KINDS and b.text]
    if not body and article.text:  # an Article without blocks: its paragraphs
        return "\n".join(lines + [p + "\n" for p in article.paragraphs])
    for block in body:
        lines += [f"## {block.text}" if block.kind == "heading" else block.text, ""]
    return "\n".join(lines)
