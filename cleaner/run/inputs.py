"""What the run knows about its inputs before cleaning them: how many documents
there will be (for the progress bar's total and ETA), and whether the content
field exists at all (a wrong ``--content-field`` stops the run at once instead
of rejecting every record)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..io.items import Item, Reject
from ..io.readers import SourceOptions
from ..io.sources import STDIN, format_from_name, walk

FIELD_PROBE = 50  # records read before a missing content field is taken as a wrong --content-field
NO_CONTENT = "no content field"  # how readers begin the detail of such a reject
NO_CONTENT_COLUMN = "no content column"


class NoContentField(ValueError):
    """No record read so far has any of the content fields: a usage error."""


def content_field_guard(items: Iterable[Item], opts: SourceOptions) -> Iterator[Item]:
    """``items`` as they come, unless the first ``FIELD_PROBE`` records (or all, if fewer)
    are all rejects for a missing content field: then NoContentField."""
    stream = iter(items)
    held: list[Item] = []
    for item in stream:
        held.append(item)
        if not _no_content(item):
            break
        if len(held) >= FIELD_PROBE:
            raise _error(opts)
    else:
        if held:
            raise _error(opts)
    yield from held
    yield from stream


def _no_content(item: Item) -> bool:
    return isinstance(item, Reject) and item.reason == "bad-field" and item.detail.startswith(
        (NO_CONTENT, NO_CONTENT_COLUMN))


def _error(opts: SourceOptions) -> NoContentField:
    fields = ", ".join(opts.content_fields)
    return NoContentField(f"no record has a content field (looked for {fields}); name it with --content-field")


def known_total(paths: list[str], opts: SourceOptions) -> int | None:
    """The number of documents, when every input is a page or text file (folders are
    walked; one document each, and one for each entry of theirs that is an "unreadable"
    reject); None when any is a dump, an archive or standard input."""
    total = 0
    for raw in paths:
        if raw == STDIN:
            return None
        files: Iterable[Path | Reject] = walk(Path(raw)) if os.path.isdir(raw) else [Path(raw)]
        for path in files:
            if isinstance(path, Reject):
                total += 1
                continue
            if (opts.format if opts.format != "auto" else format_from_name(path.name)) != "doc":
                return None
            total += 1
    return total
