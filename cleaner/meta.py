"""Assemble the Article from decided blocks: body text, metadata, removals."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from operator import attrgetter

from . import byline
from .model import BODY_KINDS, Article, Block, Removed, action_for
from .press import copyright_press, printed_copyright_owner, registry as press_registry
from .vocab import EMAIL

KST = timezone(timedelta(hours=9))
_DATE = re.compile(  # 2025.02.04 / 2025년 2월 4일(화) 오후 3시 31분 / 2025-02-04 15:31:07
    r"(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})(?:\s*일)?\.?(?:\s*\([^)]{1,3}\))?"
    r"\s*(?:(오전|오후|am|pm)\s*)?(?:(\d{1,2})\s*[:시]\s*(\d{2})(?:\s*[:분]\s*(\d{2}))?)?", re.I)
_PRESS_TIDY = re.compile(r"\s+")
NOT_FIELD_KINDS = ("caption", "spam")  # blocks whose captured fields are not the article's
TEXT_KINDS = frozenset({"title", "subtitle", "section", "caption", "summary", "byline"})  # texts _metadata reads


def assemble(blocks: list[Block], removed: list[Removed], article: Article) -> Article:
    """Fill ``article`` from the blocks; every non-body block is recorded in ``removed``."""
    paragraphs: list[str] = []
    body: list[int] = []  # positions of the body blocks, for every step that asks
    texts: dict[str, list[str]] = {}  # per kind the metadata reads, the texts of its blocks in order
    for i, block in enumerate(blocks):
        kind, text = block.kind, block.text
        if kind in BODY_KINDS:
            body.append(i)
            if text:
                paragraphs.append(text)
        elif text:
            removed.append(Removed(block.n, text, kind, block.reason, action_for(kind)))
            if kind in TEXT_KINDS:
                texts.setdefault(kind, []).append(text)
    article.text = "\n".join(paragraphs)
    article.removed = sorted(removed, key=attrgetter("n"))
    _metadata(blocks, article, texts, body)
    if not article.text and article.kind == "article":
        article.kind = "empty"
    return article


def _unique(values) -> list[str]:  # noqa: ANN001 - any iterable of str
    seen: dict[str, None] = {}
    for v in values:
        if v and v not in seen:
            seen[v] = None
    return list(seen)


def _metadata(blocks: list[Block], article: Article, texts: dict[str, list[str]], body: list[int]) -> None:
    """``texts``: per kind of :data:`TEXT_KINDS`, its blocks' texts; ``body``: the body blocks' positions."""
    article.title = article.title or next(iter(texts.get("title", ())), None)
    article.subtitles = article.subtitles or _unique(texts.get("subtitle", ()))
    article.section = article.section or next(iter(texts.get("section", ())), None)
    article.captions = _unique([*article.captions, *texts.get("caption", ())])
    article.summary = article.summary or _unique(texts.get("summary", ()))
    fielded = [b for b in blocks if b.fields]  # the blocks a rule captured fields on
    fields = [b.fields for b in fielded if b.kind not in NOT_FIELD_KINDS]
    around = _byline_positions(blocks, body)  # the article's head and tail, read by both steps below
    article.press = _press(blocks, article.press, body, around)
    article.reporters = [n for n in _reporters(blocks, article.reporters, fielded, article.title, body, around)
                         if not _same_name(n, article.press)]  # an author field naming the outlet
    emails = [f.get("email") for f in fields]
    emails += [m for text in texts.get("byline", ()) if "@" in text for m in EMAIL.findall(text)]  # (an e-mail's @)
    article.emails = _unique([*article.emails, *emails])
    if not article.published:
        dates = [f["date"] for f in fields if f.get("date")]
        article.published = iso_kst(dates[0]) if dates else None
    if article.kind == "index":  # a list of articles: no headline, outlet or author of its own
        article.title, article.press, article.reporters = None, None, []


# ---------------------------------------------------------------- press
NOT_CREDIT_KINDS = ("caption", "spam", "copyright", "related", "menu", "ad", "comment", "board")


def _press(blocks: list[Block], declared: str | None, body: list[int], around: list[int]) -> str | None:
    """The outlet that wrote the article.  A byline, dateline or closing credit that
    names a registered outlet ((서울=연합뉴스), [OSEN=대전, 홍길동 기자], a last line
    "연합뉴스") wins over the page's own outlet: the story is syndicated.  Without a
    declared outlet: a byline's press as printed, a copyright line's outlet, the outlet
    of the reporter's e-mail.  (An e-mail never overrides: TV조선's reporters write
    from chosun.com, 채널A's from donga.com.)  ``around``: :func:`_byline_positions`."""
    reg = press_registry()
    credits = [c for b in _credit_blocks(blocks, body, around) if (c := b.fields.get("press") or _byline_outlet(b))]
    credits += _closing_credit(blocks, body)
    original = next((name for c in credits if (name := reg.canonical(c) or reg.leading(c))), None)
    if original:
        return original
    if declared:
        return declared
    if credits:
        return _PRESS_TIDY.sub(" ", credits[0]).strip()
    copyright = (name for b in blocks if b.kind == "copyright" and (name := copyright_press(b.text)))
    owners = (name for b in blocks if b.kind == "copyright" and (name := printed_copyright_owner(b.text))
              and not byline.is_desk(name) and not byline.is_portal(name))
    return next(copyright, None) or _email_outlet(blocks, body, around) or next(owners, None)


def _same_name(name: str, press: str | None) -> bool:
    """Whether ``name`` is the outlet's name or a part of it ("한빛" of "충청한빛일보")."""
    return bool(press) and "".join(name.split()).lower() in "".join(press.split()).lower()


def _email_outlet(blocks: list[Block], body: list[int], around: list[int]) -> str | None:
    """The registered outlet of the first reporter e-mail in the article's bylines
    (a partner's story keeps its reporter's address: hong@sportschosun.com)."""
    reg = press_registry()
    texts = [b.fields.get("email", "") for b in _credit_blocks(blocks, body, around)]
    texts += [blocks[i].text for i in around if blocks[i].kind in BYLINE_KINDS]
    return next((name for t in texts for a in EMAIL.findall(t) if (name := reg.by_email(a))), None)


def _credit_blocks(blocks: list[Block], body: list[int], around: list[int]) -> list[Block]:
    """Where a story names the outlet that wrote it: the bylines at its head and tail
    (``around``: :func:`_byline_positions`), the first paragraph (a dateline cut off
    it) and the last (a wire credit cut off it)."""
    chosen = sorted({*body[:1], *body[-1:], *around})
    return [blocks[i] for i in chosen if blocks[i].kind not in NOT_CREDIT_KINDS]


def _byline_outlet(block: Block) -> str | None:
    return byline.byline_outlet(block.text) if block.kind not in BODY_KINDS else None


def _closing_credit(blocks: list[Block], body: list[int]) -> list[str]:
    """An outlet's name alone right after the last body block (a wire credit that the
    page sets apart, whatever kind the layout gave it)."""
    after = blocks[body[-1] + 1] if body and body[-1] + 1 < len(blocks) else None
    if after is None or after.kind in ("caption", "copyright") or not press_registry().is_outlet(after.text):
        return []
    return [after.text]


# ---------------------------------------------------------------- reporters
BYLINE_KINDS = ("byline", "date")  # blocks whose short text may hold the byline among other things
NOT_BYLINE_KINDS = ("caption", "title", "spam", "related", "comment", "board", "ad",  # other stories, readers
                    "ignore")  # speaker markers, production credits (촬영기자:…/영상편집:…): no writer
HEAD_WINDOW = 25  # blocks above the first body block where a lone byline may stand
TAIL_WINDOW = 8  # blocks after the last body block where the reporter's card may stand


def _reporters(blocks: list[Block], declared: list[str], fielded: list[Block],
               title: str | None, body: list[int], around: list[int]) -> list[str]:
    """People, in page order: declared authors (no desk, no outlet), then names printed in
    the article's bylines (between headline and body, and just after the body), then
    names the rules captured on byline lines (a capture may list several: "홍길동, 김철수"); without any, names cut off paragraphs
    (datelines, trailing e-mails), else a lone byline line just above the body; for
    an opinion piece with none of these, the contributor named at its head.  ``fielded``:
    the blocks with captured fields; ``around``: the positions of the article's byline
    blocks (:func:`_byline_positions`)."""
    printed = [name for b in map(blocks.__getitem__, around)
               for name in byline.byline_names(b.text, strict=b.kind not in BYLINE_KINDS)]
    captured = [n for b in fielded if b.kind in BYLINE_KINDS for n in byline.listed(b.fields.get("reporter"))]
    if set(declared) <= set(printed):  # the page prints every declared author: its order
        declared = []
    names = _unique(n for n in [*declared, *printed, *captured] if n and byline.is_person(n))
    if not names:  # a dateline or trailing e-mail cut off a paragraph (a photo's credit may be one)
        names = _unique(n for b in fielded if b.kind not in NOT_FIELD_KINDS
                        for n in byline.listed(b.fields.get("reporter")) if byline.is_person(n))
    if not names:  # a byline above a headline the layout missed (a text dump's menus took its place)
        names = _unique(n for b in _above_body(blocks, body) for n in byline.byline_names(b.text, strict=True))
    if not names and byline.is_opinion(title):  # an outside writer signs "NAME POSITION" at the head
        names = _unique(byline.contributor(blocks[i].text) for i in around if i < body[0])  # the head's
    return names


def _above_body(blocks: list[Block], body: list[int]) -> list[Block]:
    """The non-body blocks just above the first body block (``HEAD_WINDOW`` of them)."""
    first = body[0] if body else 0
    return [b for b in blocks[max(0, first - HEAD_WINDOW):first]
            if b.kind not in NOT_BYLINE_KINDS or b.kind == "related"]


def _byline_positions(blocks: list[Block], body: list[int]) -> list[int]:
    """The positions, in page order, of the non-body blocks of the article's head (after
    the headline, before the first body block) and of its tail (a few blocks after the
    last body block); no captions, no readers' comments, no lists of other stories
    after the body (before it, a short piece the layout took for a related link may be
    the byline); ``body``: the body blocks' positions."""
    if not body:
        return []
    title = next((i for i, b in enumerate(blocks[:body[0]]) if b.kind == "title"), -1)
    head = range(title + 1, body[0])
    after = range(body[-1] + 1, min(len(blocks), body[-1] + 1 + TAIL_WINDOW))
    return ([i for i in head if blocks[i].kind not in NOT_BYLINE_KINDS or blocks[i].kind == "related"]
            + [i for i in after if blocks[i].kind not in NOT_BYLINE_KINDS])


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
