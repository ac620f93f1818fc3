"""The article region of a whole-page text dump.

A scraper that saved a page's whole text (``soup.get_text("\\n")``) leaves the
article among menus, rankings, teaser lists and footers, one block a line.  As
the HTML path finds the article's container, this step finds the article's run
of lines: each line weighs its sentence characters (a line that ends a sentence)
against a cost for a line that does not (a menu item, a headline, a button;
more for a label the page repeats, less for a related link or caption a rule
took out, nothing for a bulleted list item), and the run with the highest total
is the article's core (:func:`densest_run`).  A core that ends above the page's
dateline gives way to a run below it; the core grows over the prose lines next
to it (once across in-article furniture) and loses a teaser card's lead at its
top; it ends at a copyright line that only notes follow, before a teaser list
(headline, lead, headline, lead …) set off under it, at the closing byline when
a list follows it, or at a list's header with prose right under it.

A dump is a whole page when many short non-sentence lines stand outside the
region, or fewer with the page's publisher lines (발행인, 등록번호 …) or a list's
header outside it (:func:`find`); an article a crawler had already cut keeps its
lines.  In a whole page every undecided line outside the region is removed
(kind by its shape, reason naming the region) but the headline (:func:`headline`)
and the metadata lines around the region, and a second copy of the article's
paragraphs (a print or e-mail copy) is dropped.  Anywhere in a dump, a numbered
ranking is a list (:mod:`cleaner.ranking`) and a ``▲`` line above a bare photo
credit is a caption.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate

from .heuristic import BULLET, GOOD_CHARS, SHORT_CHARS, Cls
from .layout import HEADING_MARK
from .ranking import cut_rankings
from .model import BODY_KINDS, DROP_KINDS, META_KINDS, Block
from .vocab import EMAIL, REPORTER_TITLES, ends_sentence

# Weights of a line in a run, in characters of sentence.
LINE_COST = 40  # a non-sentence line costs the run it stands in this much …
TEMPLATE_COST = 80  # … a short line the page repeats (a card's label: 좋아요, 기타뉴스) this much …
FURNITURE_COST = 20  # … and a related link, caption or ad label a rule took out (articles have them)
MIN_ITEM_CHARS = 15  # a bulleted line this long is a list item and costs nothing
MIN_TEMPLATE_REPEATS = 3  # times a short line recurs in a dump to be a template's label
MIN_TEASER_PAIRS = 3  # headline-and-lead pairs in a row under the article that make a teaser list
# Where the region starts and ends.
ANCHOR_SHARE = 0.5  # a run below the dateline wins over a denser one above it with this share of its weight
SIGN_OFF_SHARE = 0.3  # share of the region's prose above a closing byline that lets it end the region
TAIL_SHARE = 0.1  # sentence weight after a copyright line, of the region's, that is the site's notes
MAX_FURNITURE = 3  # in-article lines the region grows across once on each side …
FURNITURE_KINDS = frozenset({"related", "ad", "caption"})  # … when a rule gave them these kinds (or bulleted)
LIST_KINDS = frozenset({"related", "menu", "ui", "board"})  # a line of these after the closing byline ends the article
# A whole page, and its metadata.
MIN_OUTSIDE_LINES = 25  # short non-sentence lines outside the region that make a dump a whole page …
MIN_OUTSIDE_SHARE = 0.4  # … when they are at least this share of the dump's lines …
MIN_FOOTED_OUTSIDE = 10  # … or this many, when the site's publisher lines (발행인, 등록번호 …) stand outside it
FOOTER_RULE = "common/publisher-info"  # the rule that finds those lines (only a whole page prints them) …
LIST_HEADER_RULES = ("common/related-header", "common/related-header-shape")  # … and a list's header (많이 본 뉴스)
HEAD_WINDOW = 12  # lines above the region left to the layout step's headline and deck (no headline found)
HEAD_SEARCH = 60  # lines above the region searched for its dateline and byline …
META_GAP = 4  # … lines that stand within this many lines of each other, with the headline just above
MAX_TITLE_CHARS = 150
TAIL_WINDOW = 8  # lines below the region whose bylines and dates stay metadata
# Credits and copies.
MAX_CREDIT_CHARS = 12  # a credit this long after a paragraph's last full stop (… 말했다. 연합뉴스)
MAX_CAPTION_CHARS = 200  # a marked line above a photo credit this long is its caption
MIN_REPEAT_CHARS = 30  # a line this long seen twice in the region is a copy


@dataclass
class Region:
    start: int  # index of the first block of the article region
    end: int  # index past its last block
    whole_page: bool


def find(blocks: list[Block], classes: list[Cls | None], sentences: list[bool] | None = None) -> Region | None:
    """The article region of a dump, or None when it has no sentence at all.
    ``sentences``: whether each classified line ends a sentence, when known
    (:func:`cleaner.heuristic.classify` reads it off the lines' shapes)."""
    labels = _template_labels(blocks, classes)
    weights = _weights(blocks, classes, labels, sentences)
    run = densest_run(weights)
    if run is None:
        return None
    run = _below_dateline(blocks, weights, run)
    start, end = _grow(run, blocks, classes)
    start = _start_after_card(blocks, classes, start, end)
    sums = Sums.of(blocks, classes, weights)
    end = _end_at_copyright(blocks, sums, start, end)
    end = _end_before_teasers(blocks, classes, sums, start, end)
    end = _end_at_sign_off(blocks, classes, sums, start, end)
    end = _end_at_list_header(blocks, classes, sums, start, end)
    return Region(start, end, _whole_page(blocks, classes, start, end))


@dataclass
class Sums:
    """Running totals over a dump's lines, so that the ends of the region read any
    run's total at once instead of adding up its lines again for each candidate."""

    sentence: list[float]  # sentence weight (the positive weights) of the lines before each index
    prose: list[int]  # characters of the prose (good or near) lines before each index

    @classmethod
    def of(cls, blocks: list[Block], classes: list[Cls | None], weights: list[float]) -> "Sums":
        return cls(list(accumulate([w if w > 0 else 0 for w in weights], initial=0)),
                   list(accumulate([len(b.key) if c in _PROSE else 0 for b, c in zip(blocks, classes)], initial=0)))

    def weight(self, start: int, end: int) -> float:
        """The sentence weight of the lines ``[start, end)``."""
        return self.sentence[end] - self.sentence[start]

    def chars(self, start: int, end: int) -> int:
        """The prose characters of the lines ``[start, end)``."""
        return self.prose[end] - self.prose[start]


_PROSE = ("good", "near")


def _whole_page(blocks: list[Block], classes: list[Cls | None], start: int, end: int) -> bool:
    """Many short non-sentence lines outside the region make the dump a whole page;
    fewer non-prose lines (a rule's menu items counted) do when the page's footer
    (its publisher lines) or a list's header stands outside it too."""
    outside = classes[:start] + classes[end:]
    short = outside.count("short") + outside.count("bad")
    if short >= MIN_OUTSIDE_LINES and short >= MIN_OUTSIDE_SHARE * len(blocks):
        return True
    if len(outside) - outside.count("good") - outside.count("near") < MIN_FOOTED_OUTSIDE:
        return False
    return any(b.reason in _FOOTED_RULES for b in (*blocks[:start], *blocks[end:]))


_FOOTED_RULES = (FOOTER_RULE, *LIST_HEADER_RULES)


def _template_labels(blocks: list[Block], classes: list[Cls | None]) -> set[str]:
    """Short lines that recur through the dump: the labels of a repeated template
    (a list's cards, share buttons), never the article's own text."""
    counts = Counter(b.key for b, c in zip(blocks, classes) if c != "good" and b.kind not in META_KINDS)
    return {key for key, n in counts.items() if n >= MIN_TEMPLATE_REPEATS}


def _item(block: Block, cls: Cls | None) -> bool:
    """A bulleted line long enough to say something: an item of a list (not a
    link's arrow: ``▶관련기사: …``)."""
    return cls in ("short", "bad") and bool(_ITEM_BULLET.match(block.key)) and len(block.key) >= MIN_ITEM_CHARS


_ITEM_BULLET = re.compile(r"^[-–·•∙◦▪○●]\s*")


def _weights(blocks: list[Block], classes: list[Cls | None], labels: set[str],
             sentences: list[bool] | None = None) -> list[float]:
    """Each line's weight; a list's items cost nothing and the short line that heads
    them (소제목 before ``- …``, ``- …``) only ``FURNITURE_COST``.  ``sentences``: as
    :func:`find` takes it."""
    ends = sentences if sentences is not None else [None] * len(blocks)
    weights = [_weight(b, c, labels, s) for b, c, s in zip(blocks, classes, ends)]
    for i in range(len(blocks) - 1):
        if weights[i] == -LINE_COST and classes[i] == "short" and _item(blocks[i + 1], classes[i + 1]):
            weights[i] = -FURNITURE_COST
    return weights


def _weight(block: Block, cls: Cls | None, labels: set[str], sentence: bool | None = None) -> float:
    """What a line adds to a run: its characters when it ends a sentence, nothing
    for other prose and metadata, a cost for a line that is no sentence (more
    for a template's label).  ``sentence``: whether the line ends a sentence, when known."""
    if block.key in labels:
        return -TEMPLATE_COST
    if cls is None:  # decided by a rule
        if block.kind in FURNITURE_KINDS:
            return -FURNITURE_COST if BULLET.match(block.key) or block.kind != "related" else -LINE_COST
        if block.kind in DROP_KINDS:
            return -LINE_COST
        return len(block.key) if block.kind in BODY_KINDS else 0.0
    if cls == "good":
        ends = ends_sentence(block.key) if sentence is None else sentence
        return len(block.key) if ends else 0.0
    if cls == "near":
        return 0.0
    if _item(block, cls):
        return 0.0  # an item of a bulleted list: the article's own list, or a related list between headers
    return -LINE_COST


Run = tuple[int, int, float]  # start, end (exclusive), total weight


def densest_run(weights: list[float], lo: int = 0) -> Run | None:
    """The run ``[start, end)`` at or after ``lo`` with the highest total weight
    (Kadane), or None when no weight is positive."""
    best: Run | None = None
    total, start = 0.0, lo
    for i in range(lo, len(weights)):
        if total <= 0:
            total, start = 0.0, i
        total += weights[i]
        if total > (best[2] if best else 0.0):
            best = (start, i + 1, total)
    return best


def _below_dateline(blocks: list[Block], weights: list[float], run: Run) -> Run:
    """An article starts below its published dateline (``입력 2016-09-27``): a run
    that ends above the page's first dateline gives way to the densest run below
    it when that weighs at least ``ANCHOR_SHARE`` of it (a page's teaser cards
    above the article can outweigh an article of short paragraphs)."""
    anchor = next((i for i, b in enumerate(blocks) if b.kind == "date" and b.fields.get("date")), None)
    if anchor is None or run[1] > anchor:
        return run
    below = densest_run(weights, anchor + 1)
    return below if below and below[2] >= ANCHOR_SHARE * run[2] else run


def _grow(run: Run, blocks: list[Block], classes: list[Cls | None]) -> tuple[int, int]:
    """The run grown over the prose lines (good or near) next to it, and on each
    side once across a few lines of in-article furniture (related links, captions:
    a short lead paragraph followed by two links costs more than it weighs)."""
    start, end, _ = run
    start = _prose_edge(classes, start, -1)
    end = _prose_edge(classes, end - 1, 1) + 1
    if (j := _across_furniture(blocks, classes, start - 1, -1)) is not None:
        start = _prose_edge(classes, j, -1)
    if (j := _across_furniture(blocks, classes, end, 1)) is not None:
        end = _prose_edge(classes, j, 1) + 1
    return start, end


_BARE_DATE = re.compile(r"^\d{4}[.\-/]\s?\d{1,2}[.\-/]\s?\d{1,2}\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")


def _start_after_card(blocks: list[Block], classes: list[Cls | None], start: int, end: int) -> int:
    """A region that starts with one prose line between a headline-like line and a
    dateline (a teaser card's lead: headline, lead, date) starts at the prose below."""
    j = start + 1
    while j < end and classes[j] not in ("good", "near") and (blocks[j].kind in (*META_KINDS, "section")
                                                               or _BARE_DATE.match(blocks[j].key)):
        j += 1
    card = (start > 0 and classes[start - 1] == "short" and classes[start] == "good"
            and any(b.kind == "date" or _BARE_DATE.match(b.key) for b in blocks[start + 1:j]))
    return j if card and j < end and classes[j] == "good" else start


def _end_at_copyright(blocks: list[Block], sums: Sums, start: int, end: int) -> int:
    """A copyright line ends the article: the region stops at the first one after
    which less than ``TAIL_SHARE`` of the region's sentence weight follows (a
    site's notes under its copyright line are not the article)."""
    total = sums.weight(start, end)
    for i in range(start, end):
        if blocks[i].kind == "copyright" and sums.weight(i, end) < TAIL_SHARE * total:
            return i
    return end


def _end_before_teasers(blocks: list[Block], classes: list[Cls | None], sums: Sums, start: int, end: int) -> int:
    """A teaser list under the article ends it: a run of at least ``MIN_TEASER_PAIRS``
    pairs of an unmarked headline-like line and one prose line, set off from the
    prose above by another line (a byline, a list's header), with less than
    ``TAIL_SHARE`` of the region's sentence weight after it."""
    total = sums.weight(start, end)
    last_prose = None
    for i in range(start, end):
        if classes[i] in ("good", "near"):
            last_prose = i
        elif last_prose is not None and last_prose < i - 1 and _teaser_pair(blocks, classes, i):
            j = i
            while j + 1 < end and _teaser_pair(blocks, classes, j):
                j += 2
            if (j - i) // 2 >= MIN_TEASER_PAIRS and sums.weight(j, end) < TAIL_SHARE * total:
                return last_prose + 1
    return end


def _end_at_sign_off(blocks: list[Block], classes: list[Cls | None], sums: Sums, start: int, end: int) -> int:
    """The article's closing byline ends it when, past metadata and copyright lines,
    a list's line follows it and at least ``SIGN_OFF_SHARE`` of the region's prose
    stands above it: prose after that is a list's leads.  After a byline with an
    e-mail (``홍길동 기자 hong@…``) any short line is a list's (``이 시각 추천뉴스``);
    after a bare one (``홍길동 기자``: a series signs each part so) only a line a
    rule took for a list's header or a menu."""
    total, above = sums.chars(start, end), 0
    for i in range(start, end):
        if classes[i] in ("good", "near"):
            above += len(blocks[i].key)
        elif above >= SIGN_OFF_SHARE * total and blocks[i].kind == "byline":
            j = i + 1
            while j < end and blocks[j].kind in (*META_KINDS, "copyright"):
                j += 1
            if j < end and (blocks[j].kind in LIST_KINDS
                            or EMAIL.search(blocks[i].key) and classes[j] in ("short", "bad")):
                return i + 1
    return end


def _end_at_list_header(blocks: list[Block], classes: list[Cls | None], sums: Sums, start: int, end: int) -> int:
    """A list's header (``이 시각 추천뉴스``) with prose right under it, below at least
    ``SIGN_OFF_SHARE`` of the region's prose, ends the region: that prose is the
    list's leads (in an article a related header heads links, not paragraphs)."""
    total, above = sums.chars(start, end), 0
    for i in range(start, end - 1):
        if classes[i] in ("good", "near"):
            above += len(blocks[i].key)
        elif blocks[i].reason in LIST_HEADER_RULES and classes[i + 1] == "good" and above >= SIGN_OFF_SHARE * total:
            return i
    return end


def _teaser_pair(blocks: list[Block], classes: list[Cls | None], i: int) -> bool:
    """A headline-like line (short, unmarked) with one prose line under it."""
    return (classes[i] == "short" and not HEADING_MARK.match(blocks[i].key) and len(blocks[i].key) >= SHORT_CHARS
            and i + 1 < len(blocks) and classes[i + 1] == "good")


def _prose_edge(classes: list[Cls | None], i: int, step: int) -> int:
    """The last index of the prose lines that continue from ``i`` by ``step``."""
    while 0 <= i + step < len(classes) and classes[i + step] in ("good", "near"):
        i += step
    return i


def _across_furniture(blocks: list[Block], classes: list[Cls | None], i: int, step: int) -> int | None:
    """The index of the prose line past at most ``MAX_FURNITURE`` furniture lines
    from ``i`` (walking by ``step``; at least one), or None."""
    for hop in range(MAX_FURNITURE + 1):
        if not 0 <= i < len(blocks):
            return None
        if classes[i] in ("good", "near"):
            return i if hop else None
        if not _furniture(blocks[i], classes[i]):
            return None
        i += step
    return None


def _furniture(block: Block, cls: Cls | None) -> bool:
    """A line an article carries between its paragraphs: a related link, a caption,
    an ad label (taken out by a rule), or a bulleted short line."""
    if cls is None:
        return block.kind in FURNITURE_KINDS
    return cls == "short" and bool(BULLET.match(block.key))


def apply(blocks: list[Block], classes: list[Cls | None], sentences: list[bool] | None = None) -> Region | None:
    """Find the region and decide what lies outside it (whole pages only), the
    ranking lists and the repeated copies; decided blocks lose their class.
    ``sentences``: as :func:`find` takes it."""
    _credited_paragraphs(blocks, classes)
    _credited_captions(blocks, classes)
    cut_rankings(blocks, classes)  # first: a ranking of teaser sentences must not weigh as prose
    region = find(blocks, classes, sentences)
    if region is None:
        return None
    if region.whole_page:
        title = headline(blocks, classes, region)
        _cut_outside(blocks, classes, region, title)
        drop_repeats(blocks, classes, region)
    revive(blocks, classes, region)
    return region


_CREDIT_TAIL = re.compile(rf"[.?!][\"'”’)\]]?\s+[^.?!\s][^.?!]{{0,{MAX_CREDIT_CHARS - 1}}}$")


def _credited_paragraphs(blocks: list[Block], classes: list[Cls | None]) -> None:
    """A paragraph with a credit after its last full stop (… 말했다. 연합뉴스) is text;
    one with a person's credit (… 방한했다. 권욱 기자) is a photo caption."""
    for i in _indices(classes, ("short",)):
        block = blocks[i]
        if len(block.key) >= GOOD_CHARS and _CREDIT_TAIL.search(block.key) and not _BYLINE_END.search(block.key):
            classes[i] = "good"
            block.reason += "; region: a paragraph with a credit after its last full stop"


CAPTION_MARKS = ("▲", "△")  # what a photo's caption line opens with
_PHOTO_CREDIT = re.compile(r"^©\s?\S{1,12}(?:\s\S{1,12})?$")  # ⓒ 홍길동 (read as ©)


def _credited_captions(blocks: list[Block], classes: list[Cls | None]) -> None:
    """A marked line (``▲ …``) right above a bare photo credit (``ⓒ 홍길동``) is the
    photo's caption, sentence or not (a ``▲`` list in the text has no credit under it)."""
    marked = [i for i, block in enumerate(blocks[:-1]) if block.key.startswith(CAPTION_MARKS)]
    for i in marked:
        if not blocks[i].kind and len(blocks[i].key) <= MAX_CAPTION_CHARS and _PHOTO_CREDIT.match(blocks[i + 1].key):
            blocks[i].decide("caption", "region: a marked line above a photo credit")
            classes[i] = None


def revive(blocks: list[Block], classes: list[Cls | None], region: Region) -> None:
    """In the region, a marked line (■정치) before a paragraph is a heading of the
    article, and a bulleted list between its paragraphs is its text."""
    for i in _indices(classes, ("short",), region.start, region.end - 1):
        if HEADING_MARK.match(blocks[i].key) and classes[i + 1] == "good":
            classes[i] = "near"
            blocks[i].reason += "; region: a marked line before a paragraph"
    for i in _indices(classes, ("short", "bad"), region.start + 1, region.end - 1):  # what _item may take
        if _item(blocks[i], classes[i]) and _in_prose_list(classes, i, region):
            classes[i] = "near"
            blocks[i].reason += "; region: an item of a list between the article's paragraphs"


def _indices(classes: list[Cls | None], wanted: tuple[str, ...], start: int = 0, end: int | None = None) -> list[int]:
    """The positions in ``[start, end)`` whose class is one of ``wanted`` (the few lines
    a step looks at, found in one pass)."""
    end = len(classes) if end is None else end
    return [i for i in range(start, end) if classes[i] in wanted]


def _in_prose_list(classes: list[Cls | None], i: int, region: Region) -> bool:
    """Prose (or an item taken) stands within ``MAX_FURNITURE`` lines above, and prose below."""
    above = any(c in ("good", "near") for c in classes[max(region.start, i - MAX_FURNITURE):i])
    return above and any(c == "good" for c in classes[i + 1:region.end])


_BYLINE_END = re.compile(rf"(?:{'|'.join(REPORTER_TITLES)})\W*$")


def headline(blocks: list[Block], classes: list[Cls | None], region: Region) -> int | None:
    """Mark the headline of a whole page: the headline-like line just above the
    dateline and bylines nearest above the region (``입력 2024.05.30``, ``홍길동
    기자``; labels such as ``기자명`` between them skipped); its index, or None
    when there is no such line."""
    lo = max(0, region.start - HEAD_SEARCH)
    metas = [i for i in range(lo, region.start) if blocks[i].kind in ("date", "byline")]
    if not metas:
        return None
    top = metas[-1]
    for i in reversed(metas):
        if top - i <= META_GAP:
            top = i
    for i in range(top - 1, max(lo, top - META_GAP) - 1, -1):
        if blocks[i].kind in DROP_KINDS or _BYLINE_END.search(blocks[i].key) or len(blocks[i].key) < SHORT_CHARS:
            continue  # a button, a byline, a label (기자명)
        if classes[i] in ("short", "near") and SHORT_CHARS <= len(blocks[i].key) <= MAX_TITLE_CHARS:
            blocks[i].decide("title", "region: the headline above the article's dateline and byline")
            classes[i] = None
            return i
        return None
    return None


def _cut_outside(blocks: list[Block], classes: list[Cls | None], region: Region, title: int | None) -> None:
    """Remove every undecided line outside the region, and the metadata lines far
    from it; the headline (``title``: its index) and the lines from it down to the
    region stay, or without a headline the ``HEAD_WINDOW`` lines above the region."""
    where = f"outside the article region (lines {blocks[region.start].n}-{blocks[region.end - 1].n})"
    keep_head = title is None
    head = max(0, region.start - HEAD_WINDOW) if title is None else title
    tail = min(len(blocks), region.end + TAIL_WINDOW)
    for i, block in enumerate(blocks):
        if region.start <= i < region.end:
            continue
        near = head <= i < tail
        if block.kind in META_KINDS and near:
            continue
        if block.kind and block.kind not in META_KINDS:
            continue
        if keep_head and near and i < region.start and classes[i] == "short":
            continue  # the headline and deck: left to the layout step
        block.fields.clear()
        block.decide(_outside_kind(block, classes[i]), f"region: {where}")
        classes[i] = None


def _outside_kind(block: Block, cls: Cls | None) -> str:
    if cls in ("good", "near") or len(block.key) >= 20:
        return "related"
    return "menu"


def drop_repeats(blocks: list[Block], classes: list[Cls | None], region: Region) -> None:
    """A line of the region that repeats an earlier one of it is a second copy."""
    seen: dict[str, int] = {}
    for i in range(region.start, region.end):
        block = blocks[i]
        if len(block.key) < MIN_REPEAT_CHARS or block.kind not in ("", *BODY_KINDS):
            continue
        if block.key in seen:
            block.decide("ignore", f"region: a copy of line {seen[block.key]}")
            classes[i] = None
        else:
            seen[block.key] = block.n
