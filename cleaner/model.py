"""Records that flow through the pipeline: blocks in, an Article out.

A :class:`Block` is one line of a text dump (or one text block of an HTML page).
Every step of the pipeline may give it a ``kind`` and must then give the
``reason`` (a rule id or a heuristic description).  The caller sees every
block with its decision, in the spirit of jusText: nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# What a block can be, grouped by where it goes.
BODY_KINDS = frozenset({"body", "heading"})
META_KINDS = frozenset({"title", "subtitle", "section", "caption", "byline", "summary", "date"})
DROP_KINDS = frozenset(
    {"menu", "related", "board", "spam", "ui", "copyright", "ad", "comment", "ignore"}
)
KINDS = BODY_KINDS | META_KINDS | DROP_KINDS


def text_size(content: str | bytes) -> int:
    """Size in bytes of a document's content (UTF-8 for str): what ``max_bytes`` bounds."""
    if isinstance(content, bytes):
        return len(content)
    return len(content) if content.isascii() else len(content.encode("utf-8", "surrogatepass"))


def action_for(kind: str) -> str:
    """What taking a block of this kind out of the body means: "moved" (to a metadata
    field) or "removed"."""
    return "moved" if kind in META_KINDS else "removed"


class CleanError(Exception):
    """A document that cannot be cleaned; ``reason`` is a short machine-readable code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(slots=True)
class Block:
    """One unit of input text with the decision taken about it."""

    text: str  # the text as it will be output (ftfy-repaired, not NFKC-folded)
    key: str  # NFKC-folded, lower-cased, zero-width-free copy used for matching
    n: int  # 1-based line number (text) or block number (HTML)
    kind: str = ""  # '' while undecided, else one of KINDS
    reason: str = ""  # rule id ("common/copyright") or "heuristic: ..." text
    fields: dict[str, str] = field(default_factory=dict)  # metadata captured by a rule
    # HTML-only features (empty for text dumps)
    tag: str = ""  # tag path such as "body>div>article>p"
    link_density: float = 0.0  # characters inside <a> / all characters

    def decide(self, kind: str, reason: str) -> None:
        self.kind = kind
        self.reason = reason


@dataclass(slots=True)
class Removed:
    """A piece of input that is not in ``Article.text``, and why."""

    n: int  # line / block number
    text: str
    kind: str  # menu, related, spam, caption, byline, …
    rule: str  # the rule id or heuristic that decided
    action: str  # "removed" (boilerplate) or "moved" (to a metadata field)


@dataclass(slots=True)
class Article:
    """The clean record for one document.  ``to_dict()`` is the stable JSON shape."""

    text: str = ""  # body paragraphs joined by "\n"
    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    press: str | None = None
    reporters: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601, Korea time when the source is Korean
    section: str | None = None
    captions: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    lang: str | None = None
    site: str | None = None  # id of the site pack used
    site_match: str | None = None  # "domain", "fingerprint", "forced" or None
    kind: str = "article"  # "article", "index" (no single article), "empty" or "rejected"
    url: str | None = None
    id: str | None = None
    canonical_url: str | None = None  # <link rel=canonical>, else og:url
    hostname: str | None = None  # of the canonical URL, else of ``url``
    image: str | None = None  # og:image / twitter:image
    description: str | None = None  # og:description / <meta name=description>
    keywords: list[str] = field(default_factory=list)  # <meta name=keywords>, article:tag
    modified: str | None = None  # ISO 8601 (article:modified_time, dateModified)
    source: dict[str, Any] = field(default_factory=dict)  # provenance: kept input fields, WARC headers
    reject: str | None = None  # why it could not be cleaned (Cleaner.try_clean only), else None
    removed: list[Removed] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the cleaner ignored in its input (a bad URL)
    blocks: list[Block] = field(default_factory=list, repr=False)  # for explain; not serialised

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n") if self.text else []

    def to_dict(self) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in RECORD_FIELDS}
        out["removed"] = [asdict(r) for r in self.removed]
        return out


RECORD_FIELDS = (
    "id", "url", "kind", "title", "subtitles", "text", "press", "reporters", "emails",
    "published", "section", "captions", "summary", "lang", "site", "site_match",
    "canonical_url", "hostname", "image", "description", "keywords", "modified", "source", "reject",
    "notes",
)
SCHEMA_VERSION = "1.2"  # of the record (cleaner/record.schema.json); bump when a field changes
