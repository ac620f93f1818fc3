"""WARC framing: cut a (decompressed) WARC stream into records, checking each one's end.

A record is a header block (``WARC/1.x`` line, fields, blank line), ``Content-Length``
bytes of content and a blank line (``\\r\\n\\r\\n``).  :func:`warc_frames` reads
records one at a time and checks that blank line: when it is missing, the record's
``Content-Length`` was wrong (too small), the record becomes a "truncated" reject
and reading resynchronises at the next line that starts ``WARC/1.``, so the valid
records after it are kept.  A stream cut off mid-record gives every record before
the cut and one "truncated" reject; bytes that are not a record at all give one
"malformed" reject, then the same resynchronisation.  Only the records of the
wanted types are returned (as their raw bytes, for the caller to parse); others
are read past and returned as a :class:`~cleaner.io.items.Skip` with reason
``warc-TYPE`` (``warc-request``, ``warc-metadata``, ``warc-warcinfo``…).  Memory is bounded by the largest record read (``max_bytes``);
larger records are skipped by chunks and returned as "too-large" rejects.
"""

from __future__ import annotations

from typing import BinaryIO, Iterator

from .compress import CORRUPT, READ_SIZE
from .items import Reject, Skip

MAX_HEADER_BYTES = 1 << 16  # a WARC header block longer than this is not one
RECORD_START = b"WARC/1."
TRAILER = b"\r\n\r\n"


class _Buffer:
    """A read buffer over a stream that can look ahead and search (for resynchronising)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream, self.buf, self.eof = stream, bytearray(), False
        self.error: Exception | None = None  # a compressed stream cut off (EOFError) or corrupt
        # read1: what is decoded before a cut in a compressed stream is returned, not lost
        self._read = getattr(stream, "read1", stream.read)

    def _fill(self, n: int) -> None:
        while len(self.buf) < n and not self.eof:
            try:
                chunk = self._read(max(READ_SIZE, n - len(self.buf)))
            except (EOFError, *CORRUPT) as exc:  # keep what was decoded; the caller reports it
                self.error, chunk = exc, b""
            if chunk:
                self.buf += chunk
            else:
                self.eof = True

    def read(self, n: int) -> bytes:
        self._fill(n)
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def skip(self, n: int) -> int:
        """Drop up to ``n`` bytes, a chunk at a time; how many were dropped."""
        dropped = 0
        while dropped < n:
            got = len(self.read(min(READ_SIZE, n - dropped)))
            if not got:
                break
            dropped += got
        return dropped

    def readline(self, limit: int) -> bytes:
        start = 0
        while True:
            i = self.buf.find(b"\n", start, limit)
            if i >= 0 or len(self.buf) >= limit or self.eof:
                return self.read(i + 1 if i >= 0 else min(limit, len(self.buf)))
            start = len(self.buf)
            self._fill(len(self.buf) + 1)

    def seek_line_starting(self, marker: bytes) -> bool:
        """Drop bytes up to the next line that starts with ``marker``; False at the end."""
        self._fill(len(marker))
        if self.buf.startswith(marker):
            return True
        while True:
            i = self.buf.find(b"\n" + marker)
            if i >= 0:
                del self.buf[: i + 1]
                return True
            if self.eof:
                self.buf.clear()
                return False
            keep = len(marker)  # the marker may straddle two chunks
            del self.buf[: max(0, len(self.buf) - keep)]
            self._fill(len(self.buf) + READ_SIZE)


def _header(buf: _Buffer) -> tuple[bytes, dict[bytes, bytes]] | None:
    """The next header block and its fields (names lower-cased); None at the end of the stream.
    Raises ValueError for bytes that are not a header, EOFError for one cut off."""
    line = b"\r\n"
    while line in (b"\r\n", b"\n"):  # blank lines between records are tolerated
        line = buf.readline(MAX_HEADER_BYTES)
        if not line:
            return None
    if not line.startswith(RECORD_START):
        raise ValueError("not a WARC record")
    lines, size = [line], len(line)
    while (line := buf.readline(MAX_HEADER_BYTES)) not in (b"\r\n", b"\n"):
        if not line.endswith(b"\n"):
            raise EOFError("header block cut off")
        size += len(line)
        if size > MAX_HEADER_BYTES:
            raise ValueError(f"header block longer than {MAX_HEADER_BYTES} bytes")
        lines.append(line)
    fields = {}
    for raw in lines[1:]:
        name, _, value = raw.partition(b":")
        fields[name.strip().lower()] = value.strip()
    return b"".join(lines) + line, fields


def warc_frames(stream: BinaryIO, source: str, max_bytes: int,
                types: tuple[bytes, ...] = (b"response",)) -> Iterator[tuple[int, bytes] | Reject]:
    """``(n, record bytes)`` for every record of the wanted ``types``, or a Reject or Skip (see module docs)."""
    buf, n, last = _Buffer(stream), 0, None
    while True:
        try:
            got = _header(buf)
        except ValueError as exc:
            n += 1
            yield Reject(f"{source}#{n}", source, "malformed", f"record {n}: {exc}; skipped to the next record")
            if not buf.seek_line_starting(RECORD_START):
                break
            continue
        except EOFError as exc:
            last = Reject(f"{source}#{n + 1}", source, "truncated", f"record {n + 1}: {exc}")
            yield last
            break
        if got is None:
            break
        n += 1
        last = _record(buf, got, source, n, max_bytes, types)
        yield last
    if buf.error is not None and not (isinstance(last, Reject) and last.reason == "truncated"):
        reason = "truncated" if isinstance(buf.error, EOFError) else "corrupt"
        yield Reject(f"{source}#{n + 1}", source, reason, f"stream ended after record {n}: {buf.error}")


def _record(buf: _Buffer, got: tuple[bytes, dict[bytes, bytes]], source: str, n: int, max_bytes: int,
            types: tuple[bytes, ...]) -> tuple[int, bytes] | Reject:
    """One record's content read (or skipped) and its end checked."""
    head, fields = got
    rid = fields.get(b"warc-record-id", b"").decode("utf-8", "replace") or f"{source}#{n}"
    length = fields.get(b"content-length", b"")
    if not length.isdigit():
        return Reject(rid, source, "malformed", f"record {n}: no valid Content-Length")
    kind = fields.get(b"warc-type", b"").lower()
    size, wanted = int(length), kind in types
    if not wanted or size > max_bytes:
        if buf.skip(size) < size:
            return Reject(rid, source, "truncated", f"record {n}: stream ended inside it")
        if not _ends(buf):
            return _misframed(buf, rid, source, n, size)
        if not wanted:
            return Skip(rid, source, f"warc-{kind.decode('ascii', 'replace') or 'untyped'}", f"record {n}", size)
        return Reject(rid, source, "too-large", f"{size} bytes > limit {max_bytes}", size)
    body = buf.read(size)
    if len(body) < size:
        return Reject(rid, source, "truncated", f"record {n}: {len(body)} of {size} bytes", len(body))
    if not _ends(buf):
        return _misframed(buf, rid, source, n, size)
    return n, head + body + TRAILER


def _ends(buf: _Buffer) -> bool:
    """Whether the blank line that ends a record follows (at the end of the stream: accepted)."""
    buf._fill(len(TRAILER))
    if buf.eof and not bytes(buf.buf).strip():
        buf.buf.clear()
        return True
    if bytes(buf.buf[: len(TRAILER)]) == TRAILER:
        del buf.buf[: len(TRAILER)]
        return True
    return False


def _misframed(buf: _Buffer, rid: str, source: str, n: int, size: int) -> Reject:
    buf.seek_line_starting(RECORD_START)
    detail = f"record {n}: its Content-Length ({size}) does not end where the record does; skipped to the next record"
    return Reject(rid, source, "truncated", detail, size)
