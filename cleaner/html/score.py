"""Find the article's container on a page no site pack knows: a Korean-aware density scorer.

Every piece of text gets a score of its own: prose (a sentence end such as
다./요./., or long text) with few links scores its weight, link lists and
short scraps score below zero.  Weight counts characters, and a Hangul or Han
character counts ``CJK_WEIGHT`` times (one Korean syllable says about what two
or three Latin letters say), so one threshold serves Korean and English.

An element's score is the sum of the scores of the pieces inside it; a piece
that sits inside a boilerplate element (class/id tokens such as ``related``,
``comment``, ``ad``) below that element counts against it.  The container is
the element with the highest score: the smallest subtree that holds most of
the prose and little of the clutter (a maximum-sum subtree).  An element whose
own tokens name boilerplate cannot be the container.  Three refinements:

* a class that names boilerplate by accident is overruled when the element
  holds most of the page's prose (:func:`veto_groups`);
* summaries under headline links, three or more in a row, are teasers of other
  pages and count against their container (:func:`teaser_pieces`);
* when the headline is known, the container must hold the first prose piece
  after it (:func:`choose_container`), so a long comment thread or cookie
  notice further down does not win over a short article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dom import Page, Piece
from ..vocab import is_sentence

SHORT_WEIGHT = 20  # pieces lighter than this are scraps (menu items, labels)
LONG_WEIGHT = 200  # prose this heavy counts in full even without a sentence end
LINK_HEAVY = 0.5  # link density above which a piece is a link list
LINK_PENALTY = 1.0  # a link-list piece counts -weight × density × this
SHORT_PENALTY = 5.0  # a scrap counts this much against its containers
WEAK_FACTOR = 0.3  # prose-less text (no sentence end, not long) counts this share of its weight
BOILERPLATE_FACTOR = 0.5  # text inside a boilerplate element counts -weight × this
PROSE_WEIGHT = 40  # a prose piece (for teaser runs): a sentence at least this heavy
TEASER_RUN = 3  # this many teasers in a row make a teaser list
TEASER_GAP = 1  # teasers of one list stand at most this many pieces apart
TEASER_REACH = 3  # a teaser's headline stands at most this many pieces before it
VETO_SHARE = 0.5  # an element holding this share of the page's prose is not boilerplate …
VETO_MIN_PIECES = 3  # … when that prose comes in at least this many pieces
NEVER_VETO = frozenset({"comment", "copyright"})  # concepts that prose does not clear
MIN_CONTAINER_SCORE = 60.0  # a best container scoring less holds no article body
ANCHOR_WEIGHT = 80  # the article's first prose piece after the headline weighs at least this …
ANCHOR_LINKS = 0.2  # … has at most this link density …
ANCHOR_REACH = 120  # … and stands at most this many pieces after the headline
SHORT_ITEM_WEIGHT = 24  # a short item's sentence (photo, video) weighs at least this
NOT_CONTAINER = frozenset({"menu", "related", "comment", "ad", "ui", "copyright", "caption"})
NEUTRAL_GROUPS = ("caption",)  # an element so named counts neither way for its container
THREAD_GROUPS = frozenset({"comment", "menu", "related"})  # no element inside these holds the article

_ELLIPSIS = re.compile(r"(?:\.\.+|…)\s*$")


def link_density(piece: Piece) -> float:
    return piece.link_chars / piece.chars if piece.chars else 0.0


def good_score(piece: Piece, cell: bool = False) -> float:
    """The score of a piece that no boilerplate element encloses (``cell``: a table cell,
    where short text is data rather than a menu item)."""
    w = piece.weight
    ld = link_density(piece)
    if ld > LINK_HEAVY:
        return -LINK_PENALTY * w * ld
    if w < SHORT_WEIGHT:
        return 0.0 if cell else -SHORT_PENALTY
    base = w * (1.0 - ld)
    if (is_sentence(piece.text) and not _ELLIPSIS.search(piece.text)) or w >= LONG_WEIGHT:
        return base
    return base * WEAK_FACTOR


def bad_score(piece: Piece) -> float:
    return -BOILERPLATE_FACTOR * piece.weight - SHORT_PENALTY


@dataclass(slots=True)
class Scores:
    """A page scored once: per element totals, and the teaser pieces that count against them."""

    totals: list[float]
    teasers: set[int]


@dataclass(slots=True)
class Choice:
    container: int  # element index, -1 when nothing qualifies
    score: float
    totals: list[float]


def is_headline(piece: Piece) -> bool:
    """A link piece heavy enough to be a headline."""
    return link_density(piece) > LINK_HEAVY and piece.weight >= SHORT_WEIGHT


def is_prose(piece: Piece, good: float | None = None) -> bool:
    """A piece of prose (``good``: its :func:`good_score`, when known)."""
    w = piece.weight
    return (link_density(piece) < LINK_HEAVY and w >= PROSE_WEIGHT
            and (good_score(piece) if good is None else good) >= 0.5 * w)


def teaser_pieces(page: Page, goods: list[float] | None = None) -> set[int]:
    """Prose pieces that summarise other pages: runs of ``TEASER_RUN`` or more
    summaries, each right after its headline link (short author or date lines may
    stand between) and wrapped with it in an element of its own (a list item, a card)
    — unlike a promo link between two paragraphs of an article."""
    seq = [i for i, p in enumerate(page.pieces) if not p.hidden and p.weight >= SHORT_WEIGHT]
    runs: list[list[int]] = [[]]
    last_end = -10
    for k, i in enumerate(seq):
        if not is_prose(page.pieces[i], goods[i] if goods is not None else None):
            continue
        start = _headline_before(page, seq, k)
        if start is None:
            continue
        run = runs[-1]
        own = _common(page, seq[start], i)
        if start - last_end > TEASER_GAP + 1 or (run and own == _common(page, run[-1], i)):
            runs.append([])
        runs[-1].append(i)
        last_end = k
    return {i for run in runs if len(run) >= TEASER_RUN for i in run}


def _headline_before(page: Page, seq: list[int], k: int) -> int | None:
    """Position in ``seq`` of the headline link just before position ``k``, if any."""
    for back in range(k - 1, max(-1, k - 1 - TEASER_REACH), -1):
        piece = page.pieces[seq[back]]
        if is_headline(piece):
            return back
        if piece.heading or piece.weight >= PROSE_WEIGHT:
            return None
    return None


def _common(page: Page, a: int, b: int) -> int:
    """The innermost element holding pieces ``a`` and ``b``."""
    common = -1
    for x, y in zip(page.chain(page.pieces[a].elem), page.chain(page.pieces[b].elem)):
        if x != y:
            break
        common = x
    return common


def score_page(page: Page) -> Scores:
    """Clear accidental boilerplate names (:func:`veto_groups`), then score every element
    (each piece's :func:`good_score` made once for all three steps)."""
    goods = [good_score(piece) for piece in page.pieces]
    veto_groups(page, goods)
    teasers = teaser_pieces(page, goods)
    return Scores(score_elements(page, teasers, goods), teasers)


def score_elements(page: Page, teasers: set[int], goods: list[float] | None = None) -> list[float]:
    """Sum of piece scores per element (a piece below a boilerplate element counts as bad,
    and so does a teaser: see :func:`teaser_pieces`).

    One pass up the tree: ``good[i]`` sums the good scores of the pieces below ``i``
    that no boilerplate element between them and ``i`` encloses, ``shadow[i]`` their
    bad scores (what they count once such an element is passed), ``bad[i]`` the rest.
    ``goods``: each piece's :func:`good_score`, when made already (a table cell's is made here)."""
    elems = page.elems
    n = len(elems)
    good, shadow, bad = [0.0] * n, [0.0] * n, [0.0] * n
    for k, piece in enumerate(page.pieces):
        if piece.hidden:
            continue
        worst = bad_score(piece)
        if piece.forced:
            bad[piece.elem] += worst
            continue
        cell = elems[piece.elem].tag in ("td", "th")
        own = good_score(piece, cell) if cell or goods is None else goods[k]
        good[piece.elem] += worst if k in teasers else own
        shadow[piece.elem] += worst
    for i in range(n - 1, -1, -1):  # children come after their parent: sums are complete here
        if not (good[i] or shadow[i] or bad[i]):
            continue  # nothing to add (no sum here is ever -0.0, so adding 0.0 changes none)
        elem = elems[i]
        parent = elem.parent
        if parent < 0:
            continue
        if elem.groups == NEUTRAL_GROUPS:  # a photo caption: part of the article, not its prose
            continue
        if elem.groups:  # a boilerplate element: what is below it counts as bad above it
            bad[parent] += bad[i] + shadow[i]
        else:
            good[parent] += good[i]
            shadow[parent] += shadow[i]
            bad[parent] += bad[i]
    return [g + b for g, b in zip(good, bad)]


def veto_groups(page: Page, goods: list[float] | None = None) -> list[int]:
    """Clear the boilerplate concepts of elements that hold most of the page's prose.

    A class such as ``c-content t-copy`` or ``elementor-widget-container`` can name
    a boilerplate concept by accident; an element holding ``VETO_SHARE`` of all
    prose on the page, in ``VETO_MIN_PIECES`` pieces or more, is the article whatever
    its name says (comment threads, copyright notes, footers and asides excepted;
    their prose does not count in the page's either).  Returns the indices of the elements
    whose concepts were cleared.  ``goods``: each piece's :func:`good_score`, when made already.
    """
    prose = [0.0] * len(page.elems)
    pieces = [0] * len(page.elems)
    for k, piece in enumerate(page.pieces):
        if piece.hidden:
            continue  # (adds nothing)
        score = max(0.0, good_score(piece) if goods is None else goods[k])
        prose[piece.elem] += score
        pieces[piece.elem] += score > 0
    total = sum(prose) - _thread_prose(page, prose)
    elems = page.elems
    for i in range(len(elems) - 1, 0, -1):  # add each subtree's sums up to the parent
        if prose[i] or pieces[i]:  # (prose is never negative: adding nothing changes nothing)
            parent = elems[i].parent
            if parent >= 0:
                prose[parent] += prose[i]
                pieces[parent] += pieces[i]
    cleared = []
    for i, elem in enumerate(page.elems):
        if (elem.groups and total and prose[i] >= VETO_SHARE * total and pieces[i] >= VETO_MIN_PIECES
                and not NEVER_VETO.intersection(elem.groups) and elem.tag not in ("footer", "aside")):
            elem.groups = ()
            cleared.append(i)
    return cleared


def _thread_prose(page: Page, prose: list[float]) -> float:
    """The prose of the page's readers' comments and copyright notes (``NEVER_VETO``
    elements): a long comment thread under a short brief does not make the brief's
    container too small a share of "the page's prose" to clear an accidental name."""
    return sum(p for p, flag in zip(prose, _members(page, NEVER_VETO)) if flag)


def _members(page: Page, groups: frozenset[str]) -> list[bool]:
    """Per element: whether it or an ancestor names one of ``groups``: whether it lies
    in the subtree (a run of indices, ``Page.subtree_end``) of an element that names one."""
    inside = [False] * len(page.elems)
    for i, elem in enumerate(page.elems):
        if elem.groups and not inside[i] and not groups.isdisjoint(elem.groups):
            end = page.subtree_end(i)
            inside[i:end] = [True] * (end - i)
    return inside


def choose_container(page: Page, headline: int | None = None, scores: Scores | None = None) -> Choice:
    """The element with the highest score; the deeper one wins a tie (``scores``:
    the page's :func:`score_page`, when made already).

    With ``headline`` (the index of the headline piece), the article is taken to
    start at the first prose piece after it: only that piece's ancestors are
    candidates, so a longer comment thread or cookie notice further down cannot
    win over a short article.
    """
    totals = (scores or score_page(page)).totals
    thread = _members(page, THREAD_GROUPS)
    anchor = _anchor(page, headline) if headline is not None else None
    candidates = page.chain(page.pieces[anchor].elem) if anchor is not None else range(len(page.elems))
    best, best_score = _best(page, totals, candidates, thread)
    if anchor is not None and best_score < MIN_CONTAINER_SCORE:
        best, best_score = _best(page, totals, range(len(page.elems)), thread)
    if best_score < MIN_CONTAINER_SCORE and headline is not None:
        return _short_item(page, headline, totals, thread) or Choice(-1, best_score, totals)
    if best_score < MIN_CONTAINER_SCORE:
        return Choice(-1, best_score, totals)
    return Choice(best, best_score, totals)


def _short_item(page: Page, headline: int, totals: list[float], thread: list[bool]) -> Choice | None:
    """A photo or video item: under its headline one or two short sentences (and a
    caption), too light for ``MIN_CONTAINER_SCORE``.  The container is the best
    scoring element around the first such sentence; None when there is none."""
    for i in range(headline + 1, min(len(page.pieces), headline + 1 + ANCHOR_REACH)):
        piece = page.pieces[i]
        if (piece.hidden or piece.forced or piece.heading or piece.weight < SHORT_ITEM_WEIGHT
                or link_density(piece) > ANCHOR_LINKS or not is_sentence(piece.text)):
            continue
        if any(page.elems[j].groups for j in page.chain(piece.elem)):
            continue
        best, score = _best(page, totals, page.chain(piece.elem), thread)
        return Choice(best, score, totals) if best >= 0 and score > 0 else None
    return None


def _best(page: Page, totals: list[float], candidates, thread: list[bool]) -> tuple[int, float]:  # noqa: ANN001
    """The best scoring candidate that may hold the article: not itself boilerplate,
    and not inside a readers' comment thread (``thread``: :func:`_members` of ``THREAD_GROUPS``)."""
    best, best_score = -1, float("-inf")
    for i in candidates:
        elem = page.elems[i]
        if (elem.groups and not NOT_CONTAINER.isdisjoint(elem.groups)) or elem.tag in ("html", "a") or thread[i]:
            continue
        if totals[i] > best_score or (totals[i] == best_score and elem.depth > page.elems[best].depth):
            best, best_score = i, totals[i]
    return best, best_score


def _anchor(page: Page, headline: int) -> int | None:
    """The first prose piece after the headline that no boilerplate element encloses."""
    for i in range(headline + 1, min(len(page.pieces), headline + 1 + ANCHOR_REACH)):
        piece = page.pieces[i]
        w = piece.weight
        if (piece.hidden or piece.forced or w < ANCHOR_WEIGHT or link_density(piece) > ANCHOR_LINKS
                or good_score(piece) < w * (1 - ANCHOR_LINKS)):
            continue
        if not any(page.elems[j].groups for j in page.chain(piece.elem)):
            return i
    return None
