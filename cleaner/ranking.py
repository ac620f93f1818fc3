"""Ranking lists in a text dump: numbered runs of headline-like lines.

A page's ranking box (많이 본 뉴스) prints ``1 …``, ``2 …``, ``3 …`` on their
lines, or each number alone on a line with its item on the next (``1`` / ``…``
/ ``2`` / ``…``; there the items may be teaser sentences, the lone numbers mark
the list).  Either run, wherever it stands in a dump, is a list
(:func:`cut_rankings`, called by :mod:`cleaner.region`).
"""

from __future__ import annotations

import re

from .heuristic import Cls
from .model import Block
from .vocab import ends_sentence

MIN_RANKING_RUN = 3  # numbered lines in sequence that make a ranking list
MAX_RANKING_ITEM = 120  # characters: a longer numbered line is a paragraph, not a list item


_NUMBERED = re.compile(r"^(\d{1,2})(?:[.)]\s*|\s+)(?=\S)")


def cut_rankings(blocks: list[Block], classes: list[Cls | None]) -> None:
    """Numbered runs of headline-like lines (1 …, 2 …, 3 …) are ranking lists."""
    done = 0  # lines before this are in a list found already
    for i in [i for i, block in enumerate(blocks) if block.key[:1].isdecimal()]:  # a run opens with its number
        if i < done:
            continue
        j = _ranking_end(blocks, i)
        if j - i >= MIN_RANKING_RUN:
            items = (j - i) // 2 if _LONE_NUMBER.match(blocks[i].key) else j - i
            for k in range(i, j):
                if not blocks[k].kind:
                    blocks[k].decide("related", f"region: item of a numbered list of {items} headlines")
                    classes[k] = None
            done = j


def _ranking_end(blocks: list[Block], i: int) -> int:
    """The end of the numbered run starting at ``i`` (``i`` itself when none starts
    there): ``1 …``, ``2 …`` on their lines, or each number alone on a line with its
    item on the next (a page's ranking box: ``1`` / ``…`` / ``2`` / ``…``; there the
    items may be sentences, the lone numbers mark the list)."""
    if _LONE_NUMBER.match(blocks[i].key):
        return _lone_numbers_end(blocks, i)
    j, expect = i, None
    while j < len(blocks):
        m = _NUMBERED.match(blocks[j].key)
        if not m or len(blocks[j].key) > MAX_RANKING_ITEM or ends_sentence(blocks[j].key):
            break
        number = int(m.group(1))
        if expect is not None and number != expect:
            break
        expect = number + 1
        j += 1
    return j


_LONE_NUMBER = re.compile(r"^\d{1,2}$")


def _lone_numbers_end(blocks: list[Block], i: int) -> int:
    """The end of a run of lone numbers in sequence, each with one item line after it."""
    j, expect = i, int(blocks[i].key)
    while (j + 1 < len(blocks) and blocks[j].key == str(expect)
           and not _LONE_NUMBER.match(blocks[j + 1].key) and len(blocks[j + 1].key) <= MAX_RANKING_ITEM):
        j, expect = j + 2, expect + 1
    return j if j - i >= 2 * MIN_RANKING_RUN else i
