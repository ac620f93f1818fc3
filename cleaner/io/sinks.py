"""Outputs: JSONL (default), Parquet, a folder of .txt, CSV, Markdown, one .txt file,
rejects; the stream formats also to standard output (``-o -``).

A regular-file output (or one that does not exist yet) is written to a hidden
temporary file in the same folder and renamed over the target
(``os.replace``) only when the run completes, so a killed run never leaves a
half-written output under the real name.  Anything else (a device such as
``/dev/null``, a FIFO, a socket) is written directly: renaming over it would
replace the device node with a regular file.  Each .txt file of a folder
output is named by its record id and input position, so no record overwrites
another.  ``.gz`` and ``.zst`` JSONL outputs are compressed.

Text is written as UTF-8 whatever it holds: a lone surrogate (from ``"\\udfff"``
in JSON, or a file name with non-UTF-8 bytes) is written as its JSON escape in
JSONL (and CSV, Markdown and text streams) and as U+FFFD in Parquet and a
folder's .txt files, never raising.

Sinks are context managers: leaving the block normally commits, leaving it
by an exception discards the temporary file (see :meth:`AtomicFile.keep` for
the resumable case).  ``encode`` tells the workers what to send: ``"json"``
(a JSON line, encoded in the worker) or ``"dict"``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import stat
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
LIST_FIELDS = {"subtitles", "reporters", "emails", "captions", "summary", "keywords", "notes"}
JSON_FIELDS = {"source"}  # objects of any shape: a JSON string in a Parquet column
_UNSAFE = re.compile(r"[^\w.-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_special(path: Path) -> bool:
    """True for an existing target that is not a regular file or folder (device, FIFO, socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def utf8(text: str) -> bytes:
    """``text`` as UTF-8; lone surrogates become their ``\\uXXXX`` escape (valid in a JSON string)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def scrub(value: Any) -> Any:
    """``value`` (str, list or dict of them) with lone surrogates replaced by U+FFFD."""
    if isinstance(value, str):
        return value if value.isascii() else _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()}
    return value


def tmp_path(path: Path, pid: int) -> Path:
    """The temporary file that ``path`` is written to by process ``pid`` before the rename."""
    return path.with_name(f".{path.name}.{pid}.tmp")


class AtomicFile:
    """A binary file that appears under ``path`` only on :meth:`commit`; a device or
    FIFO target (:func:`is_special`) is written directly instead."""

    def __init__(self, path: Path, compress: bool = True) -> None:
        """``compress``: by the name's suffix (.gz, .zst); else written as given."""
        self.path = Path(path)
        self.direct = is_special(self.path)
        self.tmp = self.path if self.direct else tmp_path(self.path, os.getpid())
        self.raw = open(self.tmp, "wb", buffering=1 << 20)  # noqa: SIM115 - closed in commit/abort
        self.stream: BinaryIO = self._compressor(self.raw) if compress else self.raw
        self.kept = False  # keep(): leave the temporary file for a later --resume

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
        if self.direct:
            self.raw.close()
            return
        os.fsync(self.raw.fileno())
        self.raw.close()
        os.replace(self.tmp, self.path)

    def keep(self) -> None:
        """On the next :meth:`abort`, close the temporary file but leave it (resumable runs)."""
        self.kept = True

    def abort(self) -> None:
        for stream in (self.stream, self.raw):
            try:
                stream.close()
            except (OSError, ValueError):
                pass
        if not self.direct and not self.kept:
            self.tmp.unlink(missing_ok=True)


class _Sink:
    encode = "dict"

    def __enter__(self) -> "_Sink":
        return self

    def __exit__(self, kind, value, tb) -> None:  # noqa: ANN001
        if kind is not None:
            self.abort()
            return
        try:
            self.commit()
        except BaseException:  # a full disk at the last flush: no temporary file is left
            self.abort()
            raise

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
        """Write ``text`` as UTF-8 (a lone surrogate as its escape, see :func:`utf8`)."""
        data = utf8(text)
        if self.file is not None:
            self.file.write(data)
        elif self.stdout is not None:
            self.stdout.write(data)
        else:
            sys.stdout.write(data.decode("utf-8"))

    def keep(self) -> None:
        """Keep the temporary file when the run is aborted (see :meth:`AtomicFile.keep`)."""
        if self.file is not None:
            self.file.keep()

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

    def write(self, payload: str | dict[str, Any], position: int | None = None) -> None:  # noqa: ARG002
        line = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
        self.emit(line + "\n")


class ParquetSink(_Sink):
    """Records as a Parquet table (schema: :func:`record_schema`), row group by row group."""

    def __init__(self, path: Path) -> None:
        pq = need("pyarrow.parquet", "parquet")
        self.file = AtomicFile(Path(path), compress=False)  # Parquet compresses its own columns
        self.schema = record_schema()
        try:
            self.writer = pq.ParquetWriter(self.file.raw, self.schema, compression="zstd")
        except BaseException:
            self.file.abort()
            raise
        self.rows: list[dict[str, Any]] = []
        self.chars = 0  # text held in self.rows (body and removed lines)

    def write(self, payload: dict[str, Any], position: int | None = None) -> None:  # noqa: ARG002
        payload = scrub(payload)
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
        except Exception:  # noqa: BLE001, S110 - a full disk: the footer cannot be written either
            pass
        finally:
            self.file.abort()


class TxtDirSink(_Sink):
    """A folder with one ``<id>-<position>-<hash>.txt`` per record holding the article text.

    ``position`` is the record's input position (given by the run); without it, the
    order of writing.  Ids that repeat, or differ only in type (``1`` and ``"1"``),
    still get files of their own."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def write(self, payload: dict[str, Any], position: int | None = None) -> None:
        name = txt_name(str(payload.get("id") or ""), self.count if position is None else position)
        self.count += 1
        file = AtomicFile(self.folder / name)
        try:
            text = payload.get("text") or ""
            file.write(utf8(scrub(text) + "\n" if text else ""))
        except BaseException:
            file.abort()
            raise
        file.commit()


def txt_name(doc_id: str, position: int) -> str:
    """A safe file name for a record: readable tail of its id, its input position, a hash of the id."""
    tail = _UNSAFE.sub("_", doc_id)[-80:].strip("._") or "doc"
    digest = hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{tail}-{position}-{digest}.txt"


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
    if writes_folder(path, fmt):
        return TxtDirSink(path)  # type: ignore[arg-type]
    return JsonlSink(path)


def writes_folder(path: Path | None, fmt: str) -> bool:
    """Whether the output is a folder of .txt files (txt to a path that is not one ``*.txt`` file)."""
    return fmt == "txt" and path is not None and not _is_txt_file(path)


def _is_txt_file(path: Path) -> bool:
    """A ``*.txt`` path that is no folder: one text file, the articles one after another."""
    return path.suffix.lower() == ".txt" and not path.is_dir()
