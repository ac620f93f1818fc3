"""Layout steps: where the article starts, its headline and deck, headings,
and paragraphs broken by a stray line break.

These steps work on the heuristic classes (see :mod:`cleaner.heuristic`) before
the context revision, because the head of an article (headline, deck lines,
section label) is made of short lines that the revision would throw away.
"""

from __future__ import annotations

import re

from .heuristic import Cls
from .model import BODY_KINDS, META_KINDS, Block
from .normalize import match_key
from .vocab import BIO_VERBS, BIO_WRITERS, REPORTER_TITLES, ends_like_verb, ends_sentence

# A line that stops on one of these (after a syllable) has lost the rest of its sentence.
_OPEN_ENDINGS = ("을", "를", "에서", "으로", "에게", "와", "과", "하고", "하며", "면서", "지만", "는데", "하여", "해서",
                 "및", "까지", "부터", "보다", "처럼", "만큼", "에는", "에도", "으로는", "하는", "되는", "있는", "없는",
                 "이라는", "라는", ",")
_OPEN_END = re.compile(rf"[가-힣](?:{'|'.join(_OPEN_ENDINGS)})$|,$")
# how far from its end a line's open ending starts at most: a syllable, the longest ending and
# a final line break ($ matches before one); the pattern is looked for there only
_OPEN_END_REACH = 1 + max(map(len, _OPEN_ENDINGS)) + 1
# A line that opens with a heading mark (a bar, a bullet, an arrow): see cleaner.region.
HEADING_MARK = re.compile(r"^[▌▍▎▐|■□◆◇●○◎◈▣▶►▷◀◁◼◾]\s*")
# A heading's bar decoration (▌ 소제목) is typography and goes; a bullet (■정치, ○ 소제목)
# is printed text and stays.
_HEADING_BAR = re.compile(r"^[▌▍▎▐|]\s*")
# A short line that opens with one of these and leads into a paragraph is an in-article heading.
_HEADING_BULLET = re.compile(r"^[■□◆◇●○◎◈▣▲△▼▽◼◾【]")
_HEADING_TAG = re.compile(r"(?:^|>)(?:h[2-6]|strong|b)$")
# A writer's bio: "NAME TITLE는" or "필자는" opening one sentence in the present tense.
_BIO_OPEN = re.compile(r"^(?:(?P<reporter>[가-힣]{2,4})\s*(?:%s)는|%s)\s" % (
    "|".join(sorted(map(re.escape, REPORTER_TITLES), key=len, reverse=True)), "|".join(BIO_WRITERS)))
_BIO_END = re.compile(r"(?:있습니다|있다|합니다|한다|입니다|이다|중이다|중입니다)\.?$")
MAX_BIO_CHARS = 200
BIO_REASON = "layout: the writer's bio after the article"
MAX_HEAD_BLOCKS = 12  # the headline block may not stand further down than this
MAX_HEADING_CHARS = 80
MAX_SHORT_ITEM_BLOCKS = 2  # a photo or video item's text: at most this many short sentences
DECK_REASON = "layout: deck line between headline and body"


def join_broken(blocks: list[Block], classes: list[Cls | None]) -> None:
    """Join a paragraph cut in two by a stray blank line: the first half stops on
    a particle or connective, the second half ends a sentence."""
    first_halves = [i for i in range(len(blocks) - 1) if classes[i] in ("short", "near")]
    for i in first_halves:  # classes read again below: a join changes the next pair's
        a, b = blocks[i], blocks[i + 1]
        if _broken_pair(a, b, classes[i], classes[i + 1]):
            a.text = f"{a.text} {b.text}"
            a.key = match_key(a.text)
            a.reason = f"heuristic: joined with line {b.n} (sentence cut by a line break)"
            classes[i] = "good"
            b.decide("ignore", f"heuristic: joined into line {a.n}")
            b.text = ""
            classes[i + 1] = None


def _broken_pair(a: Block, b: Block, ca: Cls | None, cb: Cls | None) -> bool:
    if ca is None or cb is None or a.kind or b.kind or b.n - a.n > 2:
        return False
    if ca not in ("short", "near") or len(a.key) < 15 or " " not in a.key:
        return False
    ends_open = bool(_OPEN_END.search(a.key, len(a.key) - _OPEN_END_REACH)) and not ends_like_verb(a.key)
    return ends_open and cb in ("good", "near") and ends_sentence(b.key)


def first_body(classes: list[Cls | None]) -> int:
    """Index of the first block the heuristic found good (the article's start), or the length."""
    return next((i for i, c in enumerate(classes) if c == "good"), len(classes))


def mark_head(blocks: list[Block], classes: list[Cls | None], first: int, lead: str) -> None:
    """Headline and deck: the undecided short lines with no full stop before the
    first body paragraph.

    With ``lead = "title"`` the first is the headline and the rest are deck
    lines (subtitles); a pack whose dumps carry no headline says ``lead =
    "subtitles"``.  ``first``: :func:`first_body`.
    """
    want_title = lead == "title" and not any(b.kind == "title" for b in blocks)
    for i in range(min(first, len(blocks))):
        if classes[i] != "short":  # a line with a full stop is text, not a headline
            continue
        block = blocks[i]
        if want_title and i < MAX_HEAD_BLOCKS:
            block.decide("title", "layout: first headline-like line before the body")
            want_title = False
        else:
            block.decide("subtitle", DECK_REASON)
        classes[i] = None


def mark_headings(blocks: list[Block], own: list[Cls | None], final: list[Cls | None]) -> None:
    """Body blocks that were short lines without a sentence end are in-article headings
    (see also :func:`rescue_headings`)."""
    rescue_headings(blocks, own, final)
    for i in [i for i, cls in enumerate(final) if cls == "good"]:
        block = blocks[i]
        short = own[i] == "short" or (own[i] == "near" and len(block.key) <= MAX_HEADING_CHARS
                                      and not ends_sentence(block.key))
        if short and len(block.key) <= MAX_HEADING_CHARS:
            block.text = _HEADING_BAR.sub("", block.text)
            block.key = match_key(block.text)
            block.decide("heading", block.reason + "; in-article heading")
        else:
            block.decide("body", block.reason)


def demote_late_labels(blocks: list[Block], first: int) -> None:
    """A section name below the start of the article (``first``: :func:`first_body`)
    is a navigation item, not the article's section label."""
    for block in blocks[first:]:
        if block.kind == "section":
            block.fields.pop("section", None)
            block.decide("menu", block.reason + "; a section name below the article start is navigation")


def rescue_headings(blocks: list[Block], own: list[Cls | None], final: list[Cls | None]) -> None:
    """A short line inside the article that looks like a heading (a bullet such as
    ``■``, ``○``, ``▲``, or an HTML heading or bold element) and leads straight into a
    paragraph is an in-article heading, even when boilerplate stands before it (a
    list of related links closing the previous section): ``final`` becomes good."""
    first = next((i for i, block in enumerate(blocks) if final[i] == "good" or block.kind in BODY_KINDS), len(blocks))
    for i in [i for i in range(first, len(blocks)) if own[i] == "short" and final[i] == "bad"]:
        block = blocks[i]
        if len(block.key) <= MAX_HEADING_CHARS and _looks_like_heading(block) and _leads_into_body(blocks, final, i):
            final[i] = "good"
            block.reason += "; heading mark before a paragraph"


def _looks_like_heading(block: Block) -> bool:
    return bool(_HEADING_BULLET.match(block.key) or _HEADING_TAG.search(block.tag))


def _leads_into_body(blocks: list[Block], final: list[Cls | None], i: int) -> bool:
    """Whether the next block that is not metadata (a caption, a byline) is body."""
    for j in range(i + 1, len(blocks)):
        if final[j] is not None:
            return final[j] == "good"
        if blocks[j].kind in META_KINDS or blocks[j].kind == "ignore" or not blocks[j].text:
            continue
        return blocks[j].kind in BODY_KINDS
    return False


def keep_short_item(blocks: list[Block], own: list[Cls | None], final: list[Cls | None]) -> None:
    """A photo or video item whose text is one or two short sentences: when nothing
    else is body, those sentences (undecided by any rule, a full stop at the end)
    are (``final`` becomes good); failing those, on a page whose headline the HTML
    step found, a single line that :func:`mark_head` took for a deck line under it
    is.  Captions stay captions."""
    if any(c == "good" for c in final) or any(b.kind in BODY_KINDS for b in blocks):
        return
    short = [i for i, c in enumerate(own) if c == "near" and final[i] is not None]
    if short and len(short) <= MAX_SHORT_ITEM_BLOCKS:
        for i in short:
            final[i] = "good"
            blocks[i].reason += "; the only sentences of a short item"
        return
    decks = [b for b in blocks if b.kind == "subtitle" and b.reason == DECK_REASON]
    if not short and len(decks) == 1 and any(b.kind == "title" and b.reason.startswith("html:") for b in blocks):
        decks[0].decide("body", DECK_REASON + "; the only text of a short item")


def mark_bios(blocks: list[Block]) -> None:
    """The last body blocks, when each is a writer's bio ("홍길동 기자는 10년째 교육
    현장을 취재하고 있습니다.", "필자는 … 연구하고 있다."), are a byline: it is not the
    article.  A body sentence above them that mentions a reporter stays."""
    body = [i for i, b in enumerate(blocks) if b.kind in BODY_KINDS]
    for i in reversed(body[1:]):
        m = _bio(blocks[i])
        if not m:
            return
        blocks[i].decide("byline", BIO_REASON)
        if m.group("reporter"):
            blocks[i].fields["reporter"] = blocks[i].text[m.start("reporter"):m.end("reporter")]


def _bio(block: Block) -> re.Match[str] | None:
    """The opening of a bio (``reporter``: its name), or None."""
    key = block.key
    if len(key) > MAX_BIO_CHARS or not _BIO_END.search(key) or not any(v in key for v in BIO_VERBS):
        return None
    return _BIO_OPEN.match(key)
