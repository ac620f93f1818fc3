"""Cut a text dump into blocks (one per non-empty line).

Some crawlers collapse an article onto one line and keep paragraph breaks as
runs of two or more spaces; such long lines are cut there too, and every piece
keeps the line number it came from.  Which lines need cutting, and their pieces,
run compiled where built (``cleaner._segment``; :func:`to_cut_python` and
:func:`pieces_python` are the reference twins).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import repeat

from . import accel
from .model import Block
from .normalize import match_key
from .vocab import ends_sentence

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
    elif len(keys) == len(lines):
        breaks = flush_wrap_breaks(lines)
        lines, keys = glue(lines, breaks), glue(keys, breaks)
    if len(keys) != len(lines):  # folding never adds line breaks; be safe anyway
        keys = [match_key(line) for line in lines]
    blocks: list[Block] = []
    for n, (line, key, cut) in enumerate(zip(lines, keys, _to_cut(lines)), start=1):
        if n % CHECK_EVERY == 0:
            check("segmenting")
        line = line.strip()
        if not line:  # blank line: nothing to fold or keep
            continue
        if not cut:  # the common case
            blocks.append(Block(line, key.strip(), n))  # text, key, line number
            continue
        pieces = _pieces(line)
        folded = _pieces(key)
        if len(folded) != len(pieces):
            folded = [match_key(p) for p in pieces]
        blocks.extend(map(Block, pieces, folded, repeat(n)))
    return blocks


_PLAIN_SPACE = re.compile(r"[\t\x0b\x0c\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|  ")


_INDENT = re.compile(r"^[ \t\u3000]{2,}\S")
MIN_INDENTED = 3  # paragraph-start lines that make a dump "indented wire copy"
WRAP_FULL_SHARE = 0.6  # a line at least this share of the widest line's length was cut by the wrap


def _hard_wrapped(lines: list[str]) -> bool:
    """Wire copy wrapped at a fixed width: paragraphs start indented, and other
    non-empty lines continue them."""
    indented = len(list(filter(_INDENT.match, lines)))
    if indented < MIN_INDENTED:  # most dumps: no need to count the others
        return False
    flush = sum(1 for ln in lines if ln.strip()) - indented  # an indented line is never blank
    return flush >= MIN_INDENTED and indented >= flush / 3


def unwrap(lines: list[str]) -> list[str]:
    """Glue each flush line to the indented line before it (the wrap may fall
    inside a word, so nothing is inserted) when the physical line above it is
    full (at least ``WRAP_FULL_SHARE`` of the widest line: a wrapped line was cut
    because the next word did not fit; a page's indented menu item above a flush
    paragraph is short); see ``glue``."""
    full = WRAP_FULL_SHARE * max((len(line.rstrip()) for line in lines), default=0)
    breaks, head = [], None
    for i, line in enumerate(lines):
        if _INDENT.match(line) or not line.strip():
            head = i if line.strip() else None
        elif head is not None and len(lines[i - 1].rstrip()) >= full:
            breaks.append(i)
        else:
            head = None
    return glue(lines, breaks, sep="")


MIN_WRAP_WIDTH = 30  # characters or columns: narrower "wraps" are menus of short items
MAX_WRAP_WIDTH = 100  # characters or columns: dumps are wrapped at 72-80; wider "wraps" are
# paragraphs of like length or teasers cut at a fixed length
WRAP_BREAK_SHARE = 0.75  # of the full lines followed by text, the share that must look cut by a wrap
WRAP_TOLERANCE = 0.2  # a wrapped line ends within this share of the wrap width
WRAP_MIN_FILL = 0.5  # a line shorter than this share of the width ends its paragraph
WRAP_OVER_SHARE = 0.01  # share of lines of several words allowed past the width
MIN_WRAP_BREAKS = 3  # line breaks that must look like a wrap's before any is joined
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
                   "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def flush_wrap_breaks(lines: list[str]) -> list[int]:
    """Indexes of the lines that continue the line above in a dump hard-wrapped at
    a fixed width with no indentation (``lynx -dump``, ``w3m -dump``, ``fold``):
    measured in characters or in display columns (Hangul and CJK count 2, as
    lynx wraps), whichever shows more wrap breaks in runs that end a sentence;
    none when fewer than ``MIN_WRAP_BREAKS`` look like one, or when most full
    lines followed by text do not (``WRAP_BREAK_SHARE``: paragraphs that happen
    to be of like length)."""
    several = [line for line in lines if " " in line.strip()]
    if sum(len(line.rstrip()) > MAX_WRAP_WIDTH for line in several) > WRAP_OVER_SHARE * len(several):
        return []  # long lines of several words (columns are never fewer than characters)
    best: list[int] = []
    for measure in (len, _columns):
        breaks = _sentence_runs(lines, _wrap_breaks(lines, measure))
        if len(breaks) > len(best):
            best = breaks
    return best if len(best) >= MIN_WRAP_BREAKS else []


def _sentence_runs(lines: list[str], breaks: list[int]) -> list[int]:
    """The breaks of the runs of joined lines that end like a sentence: a
    wrapped paragraph does, a list of headlines of like length does not."""
    out: list[int] = []
    start = 0
    for k, i in enumerate(breaks):
        if k + 1 == len(breaks) or breaks[k + 1] != i + 1:  # i is the run's last line
            if ends_sentence(lines[i].rstrip()):
                out.extend(breaks[start:k + 1])
            start = k + 1
    return out


def _columns(line: str) -> int:
    """Display width: wide (Hangul, CJK, full-width) characters take 2 columns."""
    return len(line) + len(_WIDE.findall(line)) if len(line) <= MAX_WRAP_WIDTH else len(line)


def _wrap_width(lines: list[str], widths: list[int]) -> int | None:
    """The common width the dump was wrapped at: the widest line of several words
    once the few (``WRAP_OVER_SHARE``) wider ones are set aside (a wrapper leaves
    only a word too long for any line, such as a URL, past the width); None when
    it is out of range."""
    filled = sorted((w for line, w in zip(lines, widths) if " " in line.strip()), reverse=True)
    if not filled:
        return None
    width = filled[int(WRAP_OVER_SHARE * len(filled))]
    return width if MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH else None


def _wrap_breaks(lines: list[str], measure: Callable[[str], int]) -> list[int]:
    """Lines whose first word did not fit on the line above, which is at least
    ``WRAP_MIN_FILL`` of the wrap width: the wrap cut a paragraph there.  A blank
    line or a short line ends a paragraph; lines with tabs are left alone
    (wrappers expand them: a table's rows).  None unless such breaks are
    ``WRAP_BREAK_SHARE`` of the lines within ``WRAP_TOLERANCE`` of the width
    that are followed by text, and at least ``MIN_WRAP_BREAKS``; only a first
    word narrower than that tolerance after a line that does not end a sentence
    is evidence (a wider word would not have fitted after most lines; a line of
    one sentence may end its paragraph there: lines of like-length sentences)."""
    widths = [measure(line.rstrip()) for line in lines]
    width = _wrap_width(lines, widths)
    if width is None:
        return []
    band = width * WRAP_TOLERANCE
    out, evidence, against = [], 0, 0
    for i in range(1, len(lines)):
        words = lines[i].split(maxsplit=1)
        prev = widths[i - 1]
        if not words or not WRAP_MIN_FILL * width <= prev <= width or "\t" in lines[i - 1] + lines[i]:
            continue
        word = measure(words[0])
        cut = prev + 1 + word > width
        if cut:
            out.append(i)
        if prev >= width - band and word <= band and not ends_sentence(lines[i - 1].rstrip()):
            evidence, against = evidence + cut, against + (not cut)
    wrapped = evidence >= max(MIN_WRAP_BREAKS, WRAP_BREAK_SHARE * (evidence + against))
    return out if wrapped else []


def glue(lines: list[str], breaks: list[int], sep: str = " ") -> list[str]:
    """Join each line in ``breaks`` to the line above it (or to the line that one
    was joined to): with ``sep`` between them and the spaces around the cut
    dropped, or as they are when ``sep`` is empty.  The line count is kept by
    leaving an empty line where a continuation was, so line numbers stay those
    of the input."""
    out = list(lines)
    head = 0
    for i in breaks:
        if out[i - 1]:  # else the line above was glued on already: keep its head
            head = i - 1
        out[head] = out[head].rstrip() + sep + out[i].strip() if sep else out[head] + out[i]
        out[i] = ""
    return out


def _to_cut(lines: list[str]) -> list[bool]:
    """:func:`to_cut_python`, compiled where built (:mod:`cleaner.accel`)."""
    compiled = accel.use(_compiled)
    return compiled.to_cut(lines, LONG_LINE) if compiled is not None else to_cut_python(lines)


def to_cut_python(lines: list[str], long_line: int = LONG_LINE) -> list[bool]:
    """Per line: whether :func:`pieces_python` has anything to cut or fold in it (a
    stripped line longer than ``long_line``, or holding a tab, another space than " "
    or two in a row); the other lines are their own block, stripped."""
    return [bool(s) and (len(s) > long_line or bool(_PLAIN_SPACE.search(s))) for s in map(str.strip, lines)]


def _pieces(line: str) -> list[str]:
    """:func:`pieces_python`, compiled where built (:mod:`cleaner.accel`)."""
    compiled = accel.use(_compiled)
    if compiled is not None:
        return compiled.pieces(line, LONG_LINE, _MAX_BLOCK)
    return pieces_python(line)


def pieces_python(line: str, long_line: int = LONG_LINE, max_block: int = _MAX_BLOCK) -> list[str]:
    """The blocks of one line: the line stripped, or, when longer than ``long_line``,
    cut at runs of two or more spaces; in each, runs of spaces (tabs, non-breaking
    ones) read as one; pieces longer than ``max_block`` cut into slices of it."""
    line = line.strip()
    if not line:
        return []
    if len(line) <= long_line and not _PLAIN_SPACE.search(line):
        return [line]  # the common case: nothing to split or fold
    parts = _SPACE_RUN.split(line) if len(line) > long_line else [line]
    out: list[str] = []
    for part in parts:
        part = " ".join(part.split())  # tabs, non-breaking and repeated spaces
        out.extend(part[i:i + max_block] for i in range(0, len(part), max_block))
    return [p for p in out if p]


def _self_check(module) -> bool:  # noqa: ANN001
    return (all(module.pieces(line, 8, 5) == pieces_python(line, 8, 5) for line in _PROBE)
            and module.to_cut(list(_PROBE), 8) == to_cut_python(list(_PROBE), 8))


# short and long lines, space runs of every kind, a piece longer than max_block, blanks
_PROBE = ("", "  ", "짧은 줄", "a  b", "첫 문단입니다.   둘째\t\t문단\u3000\u3000셋째 abcdefghijkl", " x\xa0y\u2028z ")
_compiled = accel.load("segment pieces", "cleaner._segment", check=_self_check)
