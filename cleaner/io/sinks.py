"""Outputs, written atomically: JSONL (default), Parquet, a folder of .txt, rejects.

A file output is written to a hidden temporary file in the same folder and
renamed over the target (``os.replace``) only when the run completes, so a
killed run never leaves a half-written output under the real name.  Each
.txt file of a folder output is written the same way.  ``.gz`` and ``.zst``
JSONL outputs are compressed.

Sinks are context managers: leaving the block normally commits, leaving it
by an exception discards the temporary file.  ``encode`` tells the workers
what to send: ``"json"`` (a JSON line, encoded in the worker) or ``"dict"``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, BinaryIO

from ..extras import need
from ..model import RECORD_FIELDS

OUTPUT_FORMATS = ("jsonl", "parquet", "txt", "csv", "md")
STREAM_FORMATS = ("jsonl", "txt", "csv", "md")  # the formats that can go to standard output
SUFFIX_OUTPUT = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet",
                 ".csv": "csv", ".md": "md", ".markdown": "md", ".txt": "txt"}
PARQUET_ROWS = 1000  # records buffered per Parquet row group, at most …
PARQUET_CHARS = 8_000_000  # … and at most this much text
LIST_FIELDS = {"subtitles", "reporters", "emails", "captions", "summary", "keywords"}
JSON_FIELDS = {"source"}  # objects of any shape: a JSON string in a Parquet column
_UNSAFE = re.compile(r"[^\w.-]+")


def tmp_path(path: Path, pid: int) -> Path:
    """The temporary file that ``path`` is written to by process ``pid`` before the rename."""
    return path.with_name(f".{path.name}.{pid}.tmp")


class AtomicFile:
    """A binary file that appears under ``path`` only on :meth:`commit`."""

    def __init__(self, path: Path, compress: bool = True) -> None:
        """``compress``: by the name's suffix (.gz, .zst); else written as given."""
        self.path = Path(path)
        self.tmp = tmp_path(self.path, os.getpid())
        self.raw = open(self.tmp, "wb", buffering=1 << 20)  # noqa: SIM115 - closed in commit/abort
        self.stream: BinaryIO = self._compressor(self.raw) if compress else self.raw

    def _compressor(self, raw: BinaryIO) -> BinaryIO:
        name = self.path.name.lower()
        if name.endswith((".gz", ".gzip")):
            return gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6)  # type: ignore[return-value]
        if name.endswith((".zst", ".zstd")):
            zstandard = need("zstandard", "zstd")
            return zstandard.ZstdCompressor(level=3).stream_writer(raw, closefd=False)
        return raw

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def flush(self) -> int:
        """Hand what is buffered to the OS (a killed run keeps it); the bytes written so far."""
        self.stream.flush()
        if self.stream is not self.raw:
            self.raw.flush()
        return self.raw.tell()

    def commit(self) -> None:
        if self.stream is not self.raw:
            self.stream.close()
        self.raw.flush()
        os.fsync(self.raw.fileno())
        self.raw.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        for stream in (self.stream, self.raw):
            try:
                stream.close()
            except (OSError, ValueError):
                pass
        self.tmp.unlink(missing_ok=True)


class _Sink:
    encode = "dict"

    def __enter__(self) -> "_Sink":
        return self

    def __exit__(self, kind, value, tb) -> None:  # noqa: ANN001
        self.commit() if kind is None else self.abort()

    def commit(self) -> None:
        pass

    def abort(self) -> None:
        pass


class StreamSink(_Sink):
    """Text to a file (atomically) or to standard output (``path=None``), as UTF-8."""

    def __init__(self, path: Path | None = None) -> None:
        self.file = AtomicFile(path) if path else None
        self.stdout = None if path else getattr(sys.stdout, "buffer", None)  # UTF-8 whatever the locale

    def emit(self, text: str) -> None:
        if self.file is not None:
            self.file.write(text.encode("utf-8"))
        elif self.stdout is not None:
            self.stdout.write(text.encode("utf-8"))
        else:
            sys.stdout.write(text)

    def flush(self) -> int:
        """Flush a file output; the size of its temporary file (0 for stdout)."""
        return self.file.flush() if self.file is not None else 0

    def commit(self) -> None:
        if self.file is not None:
            self.file.commit()
        else:
            (self.stdout or sys.stdout).flush()

    def abort(self) -> None:
        if self.file is not None:
            self.file.abort()


class JsonlSink(StreamSink):
    """One JSON object per line, to a file or standard output (``path=None``)."""

    encode = "json"

    def write(self, payload: str | dict[str, Any]) -> None:
        line = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
        self.emit(line + "\n")


class ParquetSink(_Sink):
    """Records as a Parquet table (schema: :func:`record_schema`), row group by row group."""

    def __init__(self, path: Path) -> None:
        pq = need("pyarrow.parquet", "parquet")
        self.file = AtomicFile(Path(path), compress=False)  # Parquet compresses its own columns
        self.schema = record_schema()
        self.writer = pq.ParquetWriter(self.file.raw, self.schema, compression="zstd")
        self.rows: list[dict[str, Any]] = []
        self.chars = 0  # text held in self.rows (body and removed lines)

    def write(self, payload: dict[str, Any]) -> None:
        self.rows.append(parquet_row(payload))
        self.chars += len(payload.get("text") or "") + sum(len(r["text"]) for r in payload.get("removed", ()))
        if len(self.rows) >= PARQUET_ROWS or self.chars >= PARQUET_CHARS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows, self.chars = [], 0

    def commit(self) -> None:
        self._flush()
        self.writer.close()  # writes the footer; the file stays open for AtomicFile
        self.file.commit()

    def abort(self) -> None:
        try:
            self.writer.close()
        finally:
            self.file.abort()


class TxtDirSink(_Sink):
    """A folder with one ``<id>-<hash>.txt`` per record holding the article text."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def write(self, payload: dict[str, Any]) -> None:
        path = self.folder / txt_name(payload.get("id") or "")
        file = AtomicFile(path)
        try:
            text = payload.get("text") or ""
            file.write((text + "\n" if text else "").encode("utf-8"))
        except BaseException:
            file.abort()
            raise
        file.commit()


def txt_name(doc_id: str) -> str:
    """A safe, stable file name for a record id (readable tail + hash of the whole id)."""
    tail = _UNSAFE.sub("_", doc_id)[-80:].strip("._") or "doc"
    return f"{tail}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:10]}.txt"


def record_schema():  # noqa: ANN201 - pyarrow.Schema
    """Arrow schema of ``Article.to_dict()``."""
    pa = need("pyarrow", "parquet")
    removed = pa.list_(pa.struct([
        ("n", pa.int64()), ("text", pa.string()), ("kind", pa.string()),
        ("rule", pa.string()), ("action", pa.string()),
    ]))
    fields = [(n, pa.list_(pa.string()) if n in LIST_FIELDS else pa.string()) for n in RECORD_FIELDS]
    return pa.schema([*fields, ("removed", removed)])


def parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record as a Parquet row: the ``JSON_FIELDS`` objects as JSON text (null when empty)."""
    row = dict(record)
    for name in JSON_FIELDS:
        value = row.get(name)
        row[name] = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
    return row


def output_format(path: str | None, explicit: str | None = None) -> str:
    """The output format: the explicit choice, else from the output path (an existing
    folder or a path ending in "/" is txt, else the name's suffix: :func:`named_format`;
    JSONL when it says none, and for standard output)."""
    if explicit:
        return explicit
    if path is None or path == "-":
        return "jsonl"
    return named_format(path) or "jsonl"


def named_format(path: str) -> str | None:
    """The format an output path's name says: "txt" for a folder (existing, or a path
    ending in "/"), else by suffix (after .gz/.zst), e.g. ``out.csv`` csv; None if none."""
    if os.path.isdir(path) or path.endswith(("/", os.sep)):
        return "txt"
    name = path.lower()
    for packed in (".gz", ".gzip", ".zst", ".zstd"):
        name = name.removesuffix(packed)
    return SUFFIX_OUTPUT.get(os.path.splitext(name)[1])


def make_sink(path: Path | None, fmt: str) -> _Sink:
    """The sink for an output path and format (see :func:`output_format`)."""
    if fmt == "parquet":
        if path is None:
            raise ValueError("Parquet output needs a file (-o out.parquet)")
        return ParquetSink(path)
    if fmt in ("csv", "md") or (fmt == "txt" and (path is None or _is_txt_file(path))):
        from .text_sinks import CsvSink, MarkdownSink, TextStreamSink

        return {"csv": CsvSink, "md": MarkdownSink, "txt": TextStreamSink}[fmt](path)
    if fmt == "txt":
        return TxtDirSink(path)  # type: ignore[arg-type]
    return JsonlSink(path)


def _is_txt_file(path: Path) -> bool:
    """A ``*.txt`` path that is no folder: one text file, the articles one after another."""
    return path.suffix.lower() == ".txt" and not path.is_dir()
