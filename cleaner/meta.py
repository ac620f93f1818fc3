"""Assemble the Article from decided blocks: body text, metadata, removals."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from .model import BODY_KINDS, Article, Block, Removed, action_for
from .vocab import EMAIL

KST = timezone(timedelta(hours=9))
_DATE = re.compile(  # 2025.02.04 / 2025년 2월 4일(화) 오후 3시 31분 / 2025-02-04 15:31:07
    r"(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})(?:\s*일)?\.?(?:\s*\([^)]{1,3}\))?"
    r"\s*(?:(오전|오후|am|pm)\s*)?(?:(\d{1,2})\s*[:시]\s*(\d{2})(?:\s*[:분]\s*(\d{2}))?)?", re.I)
_PRESS_TIDY = re.compile(r"\s+")


def assemble(blocks: list[Block], removed: list[Removed], article: Article) -> Article:
    """Fill ``article`` from the blocks; every non-body block is recorded in ``removed``."""
    paragraphs: list[str] = []
    for block in blocks:
        if block.kind in BODY_KINDS:
            if block.text:
                paragraphs.append(block.text)
        elif block.text:
            removed.append(Removed(block.n, block.text, block.kind, block.reason, action_for(block.kind)))
    article.text = "\n".join(paragraphs)
    article.removed = sorted(removed, key=lambda r: r.n)
    _metadata(blocks, article)
    if not article.text and article.kind == "article":
        article.kind = "empty"
    return article


def _texts(blocks: list[Block], kind: str) -> list[str]:
    return _unique(b.text for b in blocks if b.kind == kind and b.text)


def _unique(values) -> list[str]:  # noqa: ANN001 - any iterable of str
    seen: dict[str, None] = {}
    for v in values:
        if v and v not in seen:
            seen[v] = None
    return list(seen)


def _metadata(blocks: list[Block], article: Article) -> None:
    article.title = article.title or next(iter(_texts(blocks, "title")), None)
    article.subtitles = article.subtitles or _texts(blocks, "subtitle")
    article.section = article.section or next(iter(_texts(blocks, "section")), None)
    article.captions = _unique([*article.captions, *_texts(blocks, "caption")])
    article.summary = article.summary or _texts(blocks, "summary")
    fields = [b.fields for b in blocks if b.fields and b.kind not in ("caption", "spam")]
    press = next((f["press"] for f in fields if f.get("press")), None)
    article.press = article.press or (_PRESS_TIDY.sub(" ", press).strip() if press else None)
    article.reporters = _unique([*article.reporters, *(f.get("reporter") for f in fields)])
    emails = [f.get("email") for f in fields]
    emails += [m for b in blocks if b.kind == "byline" for m in EMAIL.findall(b.text)]
    article.emails = _unique([*article.emails, *emails])
    if not article.published:
        dates = [f["date"] for f in fields if f.get("date")]
        article.published = iso_kst(dates[0]) if dates else None


def iso_kst(text: str) -> str | None:
    """'2025.02.04 오후 3:31' → '2025-02-04T15:31:00+09:00'; a bare date stays a date."""
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d, half, h, mi, s = m.groups()
    try:
        if h is None:
            return datetime(int(y), int(mo), int(d)).date().isoformat()
        hour = int(h) if not half else int(h) % 12 + (12 if half.lower() in ("오후", "pm") else 0)
        when = datetime(int(y), int(mo), int(d), hour, int(mi), int(s or 0), tzinfo=KST)
    except ValueError:
        return None
    return when.isoformat()
