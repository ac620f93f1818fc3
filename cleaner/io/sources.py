"""Input sources, streamed: files, folders, JSONL, WARC, Parquet and stdin.

:func:`iter_items` turns the paths given on the command line into a lazy
stream of :class:`~cleaner.io.items.Doc` and :class:`~cleaner.io.items.Reject`
items.  Compression (gzip, zstd) is recognised by magic bytes, whatever the
file is called; the format comes from the name (``.jsonl``, ``.warc``,
``.parquet``, ``.html``/``.htm``/``.txt``, each optionally ``.gz``/``.zst``)
or, failing that, from the first bytes.  Only one record (a batch of rows
for Parquet) plus read buffers is held at a time, so memory stays flat
whatever the size of the dump.  An unexpected error while reading one input
ends that input with an "error" reject; the other inputs are still read.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..extras import MissingExtra
from .compress import CORRUPT, READ_SIZE, buffered, decompressed, strip_compression_suffix
from .items import Doc, Item, Reject
from .readers import SourceOptions, read_jsonl, read_parquet, read_warc

FORMATS = ("auto", "doc", "jsonl", "warc", "parquet")
SUFFIX_FORMATS = {
    ".html": "doc", ".htm": "doc", ".txt": "doc", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".parquet": "parquet", ".pq": "parquet",
}
STDIN = "-"


def iter_items(paths: Iterable[str], opts: SourceOptions | None = None) -> Iterator[Item]:
    """Every input record of every path, in order ('-' is standard input)."""
    opts = opts or SourceOptions()
    for raw in paths:
        if raw == STDIN:
            yield from _guarded(read_stream(buffered(sys.stdin.buffer), "stdin", opts), "stdin")
        elif os.path.isdir(raw):
            for path in walk(Path(raw)):
                if isinstance(path, Reject):
                    yield path
                else:
                    yield from _guarded(read_path(path, opts), str(path))
        else:
            yield from _guarded(read_path(Path(raw), opts), raw)


def _guarded(items: Iterator[Item], source: str) -> Iterator[Item]:
    """A reader's items; an unexpected error ends that input with an "error" reject, not the run."""
    n = 0
    try:
        for item in items:
            n += 1
            yield item
    except MissingExtra:  # the format's library is not installed: a usage error, not this input's fault
        raise
    except Exception as exc:  # noqa: BLE001 - a reader bug on one input must not end the run
        yield Reject(f"{source}#{n + 1}", source, "error", f"reading stopped: {type(exc).__name__}: {exc}"[:300])


def walk(folder: Path) -> Iterator[Path | Reject]:
    """Files of a known format under ``folder``, sorted, lazily (hidden entries skipped).

    A subfolder that cannot be listed, and an entry that is not a regular file (a
    FIFO would block the run for ever, a device never ends), is an "unreadable"
    reject instead."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        yield from (_unreadable(e) for e in errors)
        errors.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and format_from_name(name):
                yield _regular(Path(root) / name)
    yield from (_unreadable(e) for e in errors)


def _regular(path: Path) -> Path | Reject:
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _unreadable(exc)
    if stat.S_ISREG(mode):
        return path
    return Reject(str(path), str(path), "unreadable", "not a regular file (a FIFO, device or socket); skipped")


def _unreadable(exc: OSError) -> Reject:
    where = str(exc.filename or "")
    return Reject(where, where, "unreadable", f"{exc.strerror or exc}")


def format_from_name(name: str) -> str | None:
    """'jsonl', 'warc', 'parquet', 'doc' or None, from a file name (compression ignored)."""
    return SUFFIX_FORMATS.get(os.path.splitext(strip_compression_suffix(name))[1].lower())


def sniff_format(head: bytes) -> str:
    """The format of a (decompressed) stream from its first bytes."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"PAR1"):
        return "parquet"
    return "jsonl" if head.lstrip()[:1] == b"{" else "doc"


def read_path(path: Path, opts: SourceOptions) -> Iterator[Item]:
    """All items of one file."""
    source = str(path)
    try:
        raw = open(path, "rb", buffering=READ_SIZE)  # noqa: SIM115 - closed below
    except OSError as exc:
        yield Reject(source, source, "unreadable", str(exc))
        return
    with raw:
        fmt = opts.format if opts.format != "auto" else format_from_name(path.name)
        if fmt == "parquet" or (fmt is None and raw.peek(4)[:4] == b"PAR1"):
            yield from _parquet(path, raw, source, opts)
        else:
            yield from read_stream(raw, source, opts, fmt)


def read_stream(raw: BinaryIO, source: str, opts: SourceOptions, fmt: str | None = None) -> Iterator[Item]:
    """All items of a buffered binary stream (decompressed here if need be)."""
    try:
        stream = decompressed(raw)
        fmt = fmt or (opts.format if opts.format != "auto" else None)
        fmt = fmt or sniff_format(stream.peek(64)[:64])
    except EOFError as exc:
        yield Reject(source, source, "truncated", str(exc))
        return
    except CORRUPT as exc:
        yield Reject(source, source, "corrupt", str(exc))
        return
    if fmt == "parquet":
        yield Reject(source, source, "unsupported", "Parquet must be a plain file (not stdin or compressed)")
    elif fmt == "jsonl":
        yield from read_jsonl(stream, source, opts)
    elif fmt == "warc":
        yield from read_warc(stream, source, opts)
    else:
        yield read_document(stream, source, opts)


def read_document(stream: BinaryIO, source: str, opts: SourceOptions) -> Item:
    """A whole file (or stdin) as one document, read up to the size bound."""
    try:
        data = stream.read(opts.max_bytes + 1)
    except EOFError as exc:
        return Reject(source, source, "truncated", f"document cut off: {exc}")
    except CORRUPT as exc:
        return Reject(source, source, "corrupt", str(exc))
    if len(data) > opts.max_bytes:
        return Reject(source, source, "too-large", f"over the limit of {opts.max_bytes} bytes", len(data))
    return Doc(source, source, data, None, None, len(data))


def _parquet(path: Path, raw: BinaryIO, source: str, opts: SourceOptions) -> Iterator[Item]:
    if raw.peek(4)[:4] != b"PAR1":
        yield Reject(source, source, "unsupported", "Parquet must be a plain file (not compressed)")
    else:
        yield from read_parquet(path, source, opts)
