"""A bound on how deeply markup nests, decided by a cheap scan before the parser runs.

lexbor's tree construction costs about the current nesting depth for every tag
(an end tag searches the stack of open elements, a formatting start tag searches
the list of active formatting elements), so a page of 30,000 nested ``<div>``
costs seconds and one of 200,000 costs minutes, all inside C where no time
check runs.  :func:`nesting_work` estimates that cost as the sum, over every
tag, of the depth it is met at (void and self-closed elements do not nest; an
end tag closes one level, as in well-formed markup).  Real pages stay under
300,000 (measured on the ko-news and Zyte pages, max 266,186); a page over
:data:`MAX_NESTING_WORK` is refused as ``too-complex`` before parsing.
"""

from __future__ import annotations

import math
import re

from .model import CleanError

MAX_NESTING_WORK = 20_000_000  # ~75× the costliest real page; lexbor parses this in ~0.3 s
VOID_ELEMENTS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "frame", "basefont", "isindex", "command",
})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(/?)>")


def nesting_work(text: str, limit: int = MAX_NESTING_WORK) -> int:
    """The sum of the nesting depth at every tag of ``text``; stops once over ``limit``."""
    depth = work = 0
    for m in _TAG.finditer(text):
        work += depth
        if work > limit:
            break
        if m.group(1):
            depth = max(0, depth - 1)
        elif not m.group(3) and m.group(2).lower() not in VOID_ELEMENTS:
            depth += 1
    return work


def check_nesting(text: str, tags: int, limit: int = MAX_NESTING_WORK) -> None:
    """Raise CleanError("too-complex") when ``text`` (holding ``tags`` '<') nests too deeply.

    ``tags`` tags can cost at most tags²/2 (every one a level deeper), so a page
    with few tags is not scanned at all."""
    if tags <= math.isqrt(2 * limit):
        return
    work = nesting_work(text, limit)
    if work > limit:
        raise CleanError("too-complex", f"markup nested too deeply (nesting work over {limit:,})")
