"""Record readers for dump formats: JSONL, WARC and Parquet, all streamed.

Each reader yields one :class:`~cleaner.io.items.Item` per input record and
never raises for bad data: a malformed line, a wrongly typed field, a record
over the size bound or an archive cut off mid-record becomes a
:class:`~cleaner.io.items.Reject`, and reading goes on where it can.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterator, Mapping
from urllib.parse import urlsplit

from ..extras import need
from ..model import text_size
from ..pipeline import MAX_INPUT_BYTES
from .compress import CORRUPT
from .items import Doc, Item, Reject, Skip
from .warc import warc_frames

CONTENT_FIELDS = ("text", "html", "content")  # tried in this order when none is given
PARQUET_BATCH_ROWS = 256  # rows per Arrow batch: bounded memory even for large pages
JSON_ESCAPE_FACTOR = 2  # a JSONL line may be this many times its content (\uXXXX-escaped Hangul)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w:.-]+)", re.I)


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How records are read: format, field names and the size bound."""

    format: str = "auto"  # auto, doc, jsonl, warc or parquet
    id_field: str | None = "id"
    url_field: str | None = "url"
    content_fields: tuple[str, ...] = CONTENT_FIELDS
    max_bytes: int = MAX_INPUT_BYTES  # a larger document is a reject ("too-large")
    keep_fields: tuple[str, ...] | None = None  # input fields kept in the record's "source" (None: see kept_fields)

    @property
    def max_line_bytes(self) -> int:
        return self.max_bytes * JSON_ESCAPE_FACTOR + 65536


def record_item(obj: Mapping[str, Any], fallback_id: str, source: str, opts: SourceOptions) -> Item:
    """A Doc from one JSON object or table row, or a Reject naming the bad field."""
    doc_id = obj.get(opts.id_field) if opts.id_field else None
    if doc_id is None:
        doc_id = fallback_id
    elif isinstance(doc_id, (str, int)) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    else:
        return _bad_field(fallback_id, source, opts.id_field, "a string or integer", doc_id)
    url = obj.get(opts.url_field) if opts.url_field else None
    if url is not None and not isinstance(url, str):
        return _bad_field(doc_id, source, opts.url_field, "a string", url)
    key = next((k for k in opts.content_fields if obj.get(k) is not None), None)
    if key is None:
        fields = ", ".join(opts.content_fields)
        return Reject(doc_id, source, "bad-field", f"no content field (looked for {fields})")
    content = obj[key]
    if not isinstance(content, (str, bytes)):
        return _bad_field(doc_id, source, key, "a string", content)
    doc = Doc(doc_id, source, content, url, None, text_size(content), kept_fields(obj, opts))
    return sized_doc(doc, opts.max_bytes)


MAX_KEPT_CHARS = 1000  # by default a string field longer than this is not kept (it is content, not provenance)


def kept_fields(obj: Mapping[str, Any], opts: SourceOptions) -> dict[str, Any] | None:
    """The input fields a record keeps under "source": those named in ``opts.keep_fields``,
    or by default every other field (not id, URL or a content field) holding a number, a
    boolean, null or a string of at most ``MAX_KEPT_CHARS`` characters."""
    if opts.keep_fields is not None:
        return {k: obj[k] for k in opts.keep_fields if k in obj} or None
    used = {opts.id_field, opts.url_field, *opts.content_fields}
    kept = {k: v for k, v in obj.items() if k not in used and _small_scalar(v)}
    return kept or None


def _small_scalar(value: Any) -> bool:
    if isinstance(value, str):
        return len(value) <= MAX_KEPT_CHARS
    return value is None or isinstance(value, (int, float, bool))


def sized_doc(doc: Doc, max_bytes: int) -> Item:
    """The document itself, or a "too-large" reject when it is over the bound."""
    if doc.size > max_bytes:
        return Reject(doc.id, doc.source, "too-large", f"{doc.size} bytes > limit {max_bytes}", doc.size)
    return doc


def _bad_field(doc_id: str, source: str, name: str | None, want: str, value: Any) -> Reject:
    return Reject(doc_id, source, "bad-field", f"{name} must be {want}, got {type(value).__name__}")


# -- JSONL ---------------------------------------------------------------------------------


def read_jsonl(stream: BinaryIO, source: str, opts: SourceOptions) -> Iterator[Item]:
    """One item per non-blank line; ids default to ``source:line``."""
    limit, n = opts.max_line_bytes, 0
    try:
        while line := stream.readline(limit):
            n += 1
            if len(line) >= limit and not line.endswith(b"\n"):
                _skip_line(stream, limit)
                yield Reject(f"{source}:{n}", source, "too-large", f"line {n} longer than {limit} bytes")
            elif line.strip():
                yield jsonl_item(line, source, n, opts)
    except EOFError as exc:
        yield Reject(f"{source}:{n + 1}", source, "truncated", f"stream ended after line {n}: {exc}")
    except CORRUPT as exc:
        yield Reject(f"{source}:{n + 1}", source, "corrupt", f"after line {n}: {exc}")


def jsonl_item(line: bytes, source: str, n: int, opts: SourceOptions) -> Item:
    fallback = f"{source}:{n}"
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:  # also UnicodeDecodeError; RecursionError: deep nesting
        return Reject(fallback, source, "malformed", f"line {n}: {type(exc).__name__}: {exc}"[:300], len(line))
    if not isinstance(obj, dict):
        detail = f"line {n}: expected a JSON object, got {type(obj).__name__}"
        return Reject(fallback, source, "malformed", detail, len(line))
    return record_item(obj, fallback, source, opts)


def _skip_line(stream: BinaryIO, limit: int) -> None:
    while (chunk := stream.readline(limit)) and not chunk.endswith(b"\n"):
        pass


# -- WARC ----------------------------------------------------------------------------------


def read_warc(stream: BinaryIO, source: str, opts: SourceOptions) -> Iterator[Item]:
    """One item per record of an (already decompressed) stream: a Doc per HTML
    response, a Skip for every other record (see :func:`warc_skip`).

    Records are framed by :func:`cleaner.io.warc.warc_frames` (a wrong
    Content-Length or a cut-off stream becomes a "truncated" reject, and the
    records after a wrong one are still read; request, metadata and warcinfo
    records come back as Skips); each response is then parsed by fastwarc.
    """
    warc = need("fastwarc.warc", "warc")
    for frame in warc_frames(stream, source, opts.max_bytes):
        yield frame if isinstance(frame, Reject) else parsed_record(warc, *frame, source, opts)


def parsed_record(warc: Any, n: int, data: bytes, source: str, opts: SourceOptions) -> Item:
    """One framed response record as an item (see :func:`warc_item`); ``warc`` is ``fastwarc.warc``."""
    records = warc.ArchiveIterator(io.BytesIO(data), record_types=warc.WarcRecordType.response,
                                   parse_http=True, auto_decode="all", stream_detect=False, fsspec_args=False)
    record = next(iter(records), None)
    if record is None:
        return Reject(f"{source}#{n}", source, "malformed", f"record {n}: not a readable WARC response")
    return warc_item(record, source, n, opts)


def warc_item(record: Any, source: str, n: int, opts: SourceOptions) -> Item:
    """A response record as a Doc (payload bytes + HTTP charset, WARC provenance), or why not."""
    rid = record.record_id or f"{source}#{n}"
    expected = record.content_length
    if record.headers.get("Content-Length") is None:
        return Reject(rid, source, "truncated", f"record {n}: header block cut off")
    if expected > opts.max_bytes:
        return Reject(rid, source, "too-large", f"{expected} bytes > limit {opts.max_bytes}", expected)
    body = record.reader.read()
    if len(body) < expected:
        return Reject(rid, source, "truncated", f"record {n}: {len(body)} of {expected} bytes", len(body))
    if record.http_headers is None:
        return Reject(rid, source, "malformed", f"record {n}: response without HTTP headers")
    ctype = record.http_headers.get("Content-Type") or ""
    url = record.headers.get("WARC-Target-URI")
    skip = warc_skip(record.http_headers.status_code, ctype, url, record.http_headers.get("Location"))
    if skip is not None:
        return Skip(rid, source, skip[0], f"record {n}: {skip[1]}"[:300], len(body))
    m = _CHARSET.search(ctype)
    doc = Doc(rid, source, body, url, m.group(1) if m else None, len(body), warc_provenance(record, ctype))
    return sized_doc(doc, opts.max_bytes)


HTML_TYPES = ("text/html", "application/xhtml")  # the responses that are pages; no type: sniffed


def warc_skip(status: int | None, ctype: str, url: str | None, location: str | None) -> tuple[str, str] | None:
    """Why a WARC response is no page to clean, as (reason, detail), or None:
    a redirect, another status than 2xx, robots.txt, or a type that is not HTML."""
    if status is not None and 300 <= status < 400:
        return "redirect", f"HTTP {status} to {location or '?'}"[:300]
    if status is not None and not 200 <= status < 300:
        return f"http-{status}", f"HTTP {status}"
    if url and _path(url) == "/robots.txt":
        return "robots.txt", url
    kind = ctype.split(";")[0].strip().lower()
    if kind and not kind.startswith(HTML_TYPES):
        return "not-html", f"Content-Type {ctype[:100]}"
    return None


def _path(url: str) -> str:
    try:
        return urlsplit(url).path.lower()
    except ValueError:
        return ""


def warc_provenance(record: Any, ctype: str) -> dict[str, Any]:
    """Where a page came from: WARC date, record id, target URI, HTTP status, Content-Type."""
    return {"warc_date": record.headers.get("WARC-Date"), "warc_record_id": record.record_id,
            "target_uri": record.headers.get("WARC-Target-URI"),
            "http_status": record.http_headers.status_code, "content_type": ctype or None}


# -- Parquet -------------------------------------------------------------------------------


def read_parquet(path: Path, source: str, opts: SourceOptions) -> Iterator[Item]:
    """Rows in batches of PARQUET_BATCH_ROWS; ids default to ``source:row`` (1-based)."""
    pa, pq = need("pyarrow", "parquet"), need("pyarrow.parquet", "parquet")
    try:
        pf = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        yield Reject(source, source, "corrupt", f"not a readable Parquet file: {exc}"[:300])
        return
    names = pf.schema_arrow.names
    if not any(c in names for c in opts.content_fields):
        detail = f"no content column (looked for {', '.join(opts.content_fields)})"
        yield Reject(source, source, "bad-field", detail)
        return
    wanted = names if opts.keep_fields is None else (opts.id_field, opts.url_field, *opts.content_fields,
                                                     *opts.keep_fields)
    columns = [c for c in wanted if c in names]
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=list(dict.fromkeys(columns))):
            for obj in batch.to_pylist():
                row += 1
                yield record_item(obj, f"{source}:{row}", source, opts)
    except (OSError, pa.ArrowException) as exc:
        yield Reject(f"{source}:{row + 1}", source, "corrupt", f"after row {row}: {exc}"[:300])
