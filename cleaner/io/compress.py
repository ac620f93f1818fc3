"""Transparent decompression by magic bytes, with truncation made visible.

``gzip`` already raises :class:`EOFError` when a stream ends before its
end-of-stream marker; ``zstandard``'s stream reader does not, so zstd is read
through :class:`ZstdReader`, which raises the same error for a cut-off frame.
Callers catch :class:`EOFError` (truncated) and :data:`CORRUPT` (bad data).
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from ..extras import need


GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
READ_SIZE = 1 << 20
# zstd frames written with --long=31 declare a 2 GiB window; the decoder needs at most the
# frame's window (less when the frame is smaller), so memory stays bounded by this
MAX_ZSTD_WINDOW = 1 << 31
COMPRESSED_SUFFIXES = (".gz", ".gzip", ".zst", ".zstd")


class CorruptStream(OSError):
    """zstd data that cannot be decoded (not a truncation)."""


CORRUPT = (OSError, zlib.error)  # gzip.BadGzipFile and CorruptStream are OSErrors


def compression_of(head: bytes) -> str | None:
    """'gzip', 'zstd' or None, from the first bytes of a stream."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZSTD_MAGIC):
        return "zstd"
    return None


def decompressed(raw: BinaryIO) -> io.BufferedIOBase:
    """Wrap a buffered binary stream (one that has ``peek``) so it reads decompressed bytes."""
    kind = compression_of(_peek(raw, 4))
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if kind == "zstd":
        return io.BufferedReader(ZstdReader(raw), READ_SIZE)
    return raw  # type: ignore[return-value]


def strip_compression_suffix(name: str) -> str:
    lower = name.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def buffered(stream: BinaryIO) -> BinaryIO:
    """``stream`` itself if it can ``peek``, else wrapped in a buffered reader that can."""
    if hasattr(stream, "peek"):
        return stream
    return io.BufferedReader(_Raw(stream), READ_SIZE)  # type: ignore[return-value]


class _Raw(io.RawIOBase):
    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - writable buffer
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _peek(raw: BinaryIO, n: int) -> bytes:
    peek = getattr(raw, "peek", None)
    if peek is None:
        raise TypeError("stream must be buffered (have peek)")
    return peek(n)[:n]


class ZstdReader(io.RawIOBase):
    """Decompress one or more concatenated zstd frames; a cut-off frame raises EOFError."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._zstd = need("zstandard", "zstd")
        self._dctx = self._zstd.ZstdDecompressor(max_window_size=MAX_ZSTD_WINDOW)
        self._obj = self._dctx.decompressobj()
        self._in_frame = False  # input consumed since the last finished frame
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001 - writable buffer
        while not self._pending:
            if not self._fill():
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _fill(self) -> bool:
        """Decompress the next block of input; False at a clean end of stream."""
        data = self._raw.read(READ_SIZE)
        if not data:
            if self._in_frame:
                raise EOFError("zstd stream ended before the end of its frame")
            return False
        out = []
        while data:
            try:
                out.append(self._obj.decompress(data))
            except self._zstd.ZstdError as exc:
                raise CorruptStream(f"zstd: {exc}") from exc
            self._in_frame = not self._obj.eof
            data = self._obj.unused_data if self._obj.eof else b""
            if self._obj.eof:
                self._obj = self._dctx.decompressobj()
        self._pending = b"".join(out)
        return True
