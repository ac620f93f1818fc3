"""What sources yield and workers consume: a document to clean, or a reject.

Every input record becomes exactly one :class:`Doc` or one :class:`Reject`
(a malformed JSONL line, a truncated archive, a file too large to read…), so
a run can always reconcile its counts: in = written + rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union


@dataclass(slots=True)
class Doc:
    """One input document, not yet cleaned."""

    id: str  # given id field, else path / path:line / path:row / WARC-Record-ID
    source: str  # the file it came from ("stdin" for standard input)
    content: str | bytes  # bytes are decoded by the worker (charset below, else sniffed)
    url: str | None = None
    charset: str | None = None  # HTTP Content-Type charset (WARC), passed to decoding
    size: int = 0  # bytes of content (UTF-8 size for str), for size bounds and MB/s
    provenance: dict[str, Any] | None = None  # kept input fields, WARC headers: the record's "source"

    def rejected(self, reason: str, detail: str = "") -> "Reject":
        """This document as a reject with ``reason`` (its id, source and size kept)."""
        return Reject(self.id, self.source, reason, detail, self.size)


@dataclass(slots=True)
class Reject:
    """An input record that could not be cleaned, and why."""

    id: str
    source: str
    reason: str  # short code: CleanError reason, "malformed", "truncated", "timeout", …
    detail: str = ""
    size: int = 0  # bytes of the input behind it, when known (for MB/s only)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "reason": self.reason, "detail": self.detail}


@dataclass(slots=True)
class Skip(Reject):
    """An input record that is not a document to clean (a WARC request or metadata
    record, a redirect, a 404, robots.txt, an image): counted apart from rejects,
    and written to the rejects file marked ``"skipped": true``."""

    def to_dict(self) -> dict[str, Any]:
        return {**Reject.to_dict(self), "skipped": True}


Item = Union[Doc, Reject]  # a Skip is a Reject
