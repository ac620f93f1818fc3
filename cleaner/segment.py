"""Cut a text dump into blocks (one per non-empty line).

Some crawlers collapse an article onto one line and keep paragraph breaks as
runs of two or more spaces; such long lines are cut there too, and every piece
keeps the line number it came from.
"""

from __future__ import annotations

import re

from .model import Block
from .normalize import match_key

LONG_LINE = 300  # characters; only lines longer than this are cut at space runs
_SPACE_RUN = re.compile(r"\s{2,}")
_MAX_BLOCK = 20_000  # characters: longer pieces are cut so one line cannot dominate the run


def segment_text(text: str, key: str | None = None) -> list[Block]:
    """One block per non-empty line (or space-run piece of a long line); ``key`` is
    ``match_key(text)`` when the caller has it already."""
    keys = (key if key is not None else match_key(text)).split("\n")
    lines = text.split("\n")
    if len(keys) != len(lines):  # folding never adds line breaks; be safe anyway
        keys = [match_key(line) for line in lines]
    blocks: list[Block] = []
    for n, (line, key) in enumerate(zip(lines, keys), start=1):
        pieces = _pieces(line)
        folded = _pieces(key) if pieces else []
        if len(folded) != len(pieces):
            folded = [match_key(p) for p in pieces]
        blocks.extend(Block(text=p, key=k, n=n) for p, k in zip(pieces, folded))
    return blocks


_PLAIN_SPACE = re.compile(r"[\t\x0b\x0c\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|  ")


def _pieces(line: str) -> list[str]:
    line = line.strip()
    if not line:
        return []
    if len(line) <= LONG_LINE and not _PLAIN_SPACE.search(line):
        return [line]  # the common case: nothing to split or fold
    parts = _SPACE_RUN.split(line) if len(line) > LONG_LINE else [line]
    out: list[str] = []
    for part in parts:
        part = " ".join(part.split())  # tabs, non-breaking and repeated spaces
        out.extend(part[i:i + _MAX_BLOCK] for i in range(0, len(part), _MAX_BLOCK))
    return [p for p in out if p]
