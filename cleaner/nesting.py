"""A bound on how deeply markup nests, decided by a cheap scan before the parser runs.

lexbor's tree construction costs about the current nesting depth for every tag
(an end tag searches the stack of open elements), and more for formatting
elements (``<b>``, ``<font>`` …: each start tag searches the list of active
formatting elements, and each one is rebuilt where a block interrupts it), so a
page of 30,000 nested ``<div>`` costs seconds, one of 200,000 minutes, and
20,000 open ``<b class=…>`` seconds, all inside C where no time check runs.
:func:`nesting_work` estimates those costs as sums, over every tag, of the depth
it is met at: all open elements, and open formatting elements alone (void and
self-closed elements do not nest; an end tag closes one level, as in well-formed
markup).  Real pages stay under 300,000 (measured on the ko-news and Zyte pages,
max 266,186); a page over either limit is refused as ``too-complex`` before
parsing, in well under a second.
"""

from __future__ import annotations

import math
import re

from .model import CleanError

MAX_NESTING_WORK = 150_000_000  # ~12,000 nested elements; lexbor builds that in ~0.25 s
MAX_FORMATTING_WORK = 20_000_000  # ~4,500 open formatting elements; ~0.25 s too (about 7× the cost)
VOID_ELEMENTS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "frame", "basefont", "isindex", "command",
})
FORMATTING_ELEMENTS = frozenset({
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(/?)>")


def nesting_work(text: str) -> tuple[int, int]:
    """(all elements, formatting elements): the sums of the nesting depth at every tag of
    ``text``; the scan stops once either is over its limit."""
    depth = formatting = work = fmt_work = 0
    opened: list[bool] = []  # per open element: is it a formatting element
    for m in _TAG.finditer(text):
        work += depth
        fmt_work += formatting
        if work > MAX_NESTING_WORK or fmt_work > MAX_FORMATTING_WORK:
            break
        name = m.group(2).lower()
        if m.group(1):
            if opened:
                formatting -= opened.pop()
                depth -= 1
        elif not m.group(3) and name not in VOID_ELEMENTS:
            fmt = name in FORMATTING_ELEMENTS
            opened.append(fmt)
            depth += 1
            formatting += fmt
    return work, fmt_work


def check_nesting(text: str, tags: int) -> None:
    """Raise CleanError("too-complex") when ``text`` (holding ``tags`` '<') nests too deeply.

    ``tags`` tags can cost at most tags²/2 (every one a level deeper), so a page
    with few tags is not scanned at all."""
    if tags <= math.isqrt(2 * min(MAX_NESTING_WORK, MAX_FORMATTING_WORK)):
        return
    work, fmt_work = nesting_work(text)
    if work > MAX_NESTING_WORK:
        raise CleanError("too-complex", f"markup nested too deeply (nesting work over {MAX_NESTING_WORK:,})")
    if fmt_work > MAX_FORMATTING_WORK:
        raise CleanError("too-complex", f"too many open formatting elements (work over {MAX_FORMATTING_WORK:,})")
