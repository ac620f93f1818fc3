"""Cut a text dump into blocks (one per non-empty line).

Some crawlers collapse an article onto one line and keep paragraph breaks as
runs of two or more spaces; such long lines are cut there too, and every piece
keeps the line number it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Block
from .normalize import match_key

LONG_LINE = 300  # characters; only lines longer than this are cut at space runs
_SPACE_RUN = re.compile(r"\s{2,}")
_MAX_BLOCK = 20_000  # characters: longer pieces are cut so one line cannot dominate the run


CHECK_EVERY = 4096  # lines between two looks at the document's deadline


def segment_text(text: str, key: str | None = None,
                 check: Callable[[str], None] = lambda step: None) -> list[Block]:
    """One block per non-empty line (or space-run piece of a long line); ``key`` is
    ``match_key(text)`` when the caller has it already; ``check`` may raise to stop."""
    keys = (key if key is not None else match_key(text)).split("\n")
    lines = text.split("\n")
    if _hard_wrapped(lines):
        lines, keys = unwrap(lines), unwrap(keys)
    if len(keys) != len(lines):  # folding never adds line breaks; be safe anyway
        keys = [match_key(line) for line in lines]
    blocks: list[Block] = []
    for n, (line, key) in enumerate(zip(lines, keys), start=1):
        if n % CHECK_EVERY == 0:
            check("segmenting")
        line = line.strip()
        if not line:  # blank line: nothing to fold or keep
            continue
        if len(line) <= LONG_LINE and not _PLAIN_SPACE.search(line):  # the common case
            blocks.append(Block(text=line, key=key.strip(), n=n))
            continue
        pieces = _pieces(line)
        folded = _pieces(key)
        if len(folded) != len(pieces):
            folded = [match_key(p) for p in pieces]
        blocks.extend(Block(text=p, key=k, n=n) for p, k in zip(pieces, folded))
    return blocks


_PLAIN_SPACE = re.compile(r"[\t\x0b\x0c\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|  ")


_INDENT = re.compile(r"^[ \t\u3000]{2,}\S")
MIN_INDENTED = 3  # paragraph-start lines that make a dump "indented wire copy"
WRAP_FULL_SHARE = 0.6  # a line at least this share of the widest line's length was cut by the wrap


def _hard_wrapped(lines: list[str]) -> bool:
    """Wire copy wrapped at a fixed width: paragraphs start indented, and other
    non-empty lines continue them."""
    indented = sum(1 for ln in lines if _INDENT.match(ln))
    flush = sum(1 for ln in lines if ln.strip() and not _INDENT.match(ln))
    return indented >= MIN_INDENTED and flush >= MIN_INDENTED and indented >= flush / 3


def unwrap(lines: list[str]) -> list[str]:
    """Glue each flush line to the indented line before it (the wrap may fall
    inside a word, so nothing is inserted) when the physical line above it is
    full (at least ``WRAP_FULL_SHARE`` of the widest line: a wrapped line was cut
    because the next word did not fit; a page's indented menu item above a flush
    paragraph is short).  The line count is kept by leaving an empty line where a
    continuation was, so line numbers stay those of the input."""
    out = list(lines)
    full = WRAP_FULL_SHARE * max((len(line.rstrip()) for line in lines), default=0)
    head = None
    for i, line in enumerate(lines):
        if _INDENT.match(line) or not line.strip():
            head = i if line.strip() else None
        elif head is not None and len(lines[i - 1].rstrip()) >= full:
            out[head] = out[head].rstrip("\n") + line
            out[i] = ""
        else:
            head = None
    return out


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
