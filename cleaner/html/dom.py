"""An HTML page as text pieces with their DOM context: the first step of :mod:`cleaner.html`.

The page is walked once in document order.  Text accumulates in a run until a
block boundary (a block-level element such as p, li, h1-h6, td or div, a
``<br>``, or any element whose class/id tokens name a boilerplate concept such
as a caption ``<em class="img_desc">``) closes it; every closed run is one
:class:`Piece`.  Korean sites that write a whole article as text and
``<br><br>`` inside one div therefore give one piece per paragraph (and per
line).  script, style, noscript, template and other non-text elements are
dropped outright; hidden elements are kept but flagged.

Where ``cleaner.html._walk`` is built (a C compiler at install time), the same walk
runs compiled, over lexbor's C tree, about seven times as fast (0.6 against 4.3 ms
on a typical page), and also gives every piece's tag path and match key and every
element's subtree end, which :class:`Page` otherwise makes in Python when first
asked; ``COMPILED`` says which (:mod:`cleaner.accel`: ``CLEANER_PURE=1`` walks in
Python), and ``walk_python`` is the reference the compiled walk is tested against.

Each piece remembers its owner element (the nearest block-level ancestor); the
elements form a tree (:class:`Elem` with a parent index) so that the scorer
(:mod:`cleaner.html.score`) can add piece scores up to candidate containers.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .. import accel, vocab
from ..normalize import match_key, tidy

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "button",
})
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
    "embed", "video", "audio", "head", "title", "meta", "link", "select", "option", "textarea",
    "input", "map", "area", "source", "track", "param", "base", "frame", "frameset", "picture",
})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Tags that name a concept by themselves (inside or outside the article).
TAG_GROUPS = {"nav": "menu", "aside": "related", "footer": "ui", "figcaption": "caption",
              "form": "ui", "button": "ui", "menu": "menu",
              # AMP pages' components (amp-ad's placeholder text, the share buttons, the drawer menu)
              "amp-ad": "ad", "amp-embed": "ad", "amp-sticky-ad": "ad", "amp-social-share": "ui",
              "amp-sidebar": "menu"}
TOKEN_GROUPS = (
    ("menu", vocab.TOKENS_NAVIGATION), ("related", vocab.TOKENS_RELATED),
    ("ui", vocab.TOKENS_SHARE), ("comment", vocab.TOKENS_COMMENT), ("ad", vocab.TOKENS_AD),
    ("copyright", vocab.TOKENS_COPYRIGHT), ("caption", vocab.TOKENS_CAPTION),
    ("byline", vocab.TOKENS_BYLINE), ("ignore", vocab.TOKENS_PULL_QUOTE),
)
PATH_LEVELS = 12  # levels of a block's tag path that are kept (the innermost)
CJK_WEIGHT = 2  # a Hangul/Han character weighs this many Latin letters (see cleaner.html.score)
CJK_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3),  # Hangul jamo, compatibility jamo, syllables
              (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x3040, 0x30FF))  # Han, kana
# Characters that are their own match key (normalize.match_key), A-Z aside (lower-cased): NFKC
# leaves them, and any run of them, as they are (no decomposition, and none is the second half
# of a composition), and they are no zero-width characters.  The compiled walk keys a piece made
# of these alone without a call to match_key (tests/test_html_walk.py checks each against NFKC).
PLAIN_KEY_RANGES = ((0x20, 0x7E), (0xAC00, 0xD7A3), (0x4E00, 0x9FFF))  # printable ASCII, Hangul syllables, Han
PLAIN_KEY_CHARS = "·×°©–—―‘’“”※←↑→↓∼━■□▲△▶▷▼◀◆◇○●★☆☎♥〈〉《》「」『』【】・"
# Characters whose match key is a run of plain ASCII, in any text of plain characters (NFKC's
# compatibility fold, a starter that composes with nothing): the compiled walk folds them itself.
PLAIN_KEY_FOLDS = {"…": "...", "‥": ".."}
_NON_CJK = re.compile("[^" + "".join(f"{chr(a)}-{chr(b)}" for a, b in CJK_RANGES) + "]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORDS = re.compile(r"[a-z]+|[A-Z][a-z]+|[A-Z]+(?![a-z])")
_compiled = None  # cleaner.html._walk once loaded (at the end of this module)


@dataclass(slots=True)
class Elem:
    """One element of the page: its tag, parent and the concepts its class/id name."""

    tag: str
    parent: int  # index into Page.elems, -1 for the root
    depth: int
    groups: tuple[str, ...]  # boilerplate concepts hit by this element's own tokens or tag


@dataclass(slots=True)
class Piece:
    """One text block of the page, before it becomes a :class:`cleaner.model.Block`."""

    text: str
    elem: int  # owner element (nearest block-level ancestor)
    chars: int  # non-space characters
    link_chars: int  # non-space characters inside <a>
    weight: int  # non-space characters, Hangul/Han/kana counted CJK_WEIGHT times (for the scorer)
    heading: int = 0  # 1-6 inside h1-h6
    hidden: bool = False
    forced: str = ""  # kind given by a site pack selector


@dataclass(slots=True)
class Page:
    elems: list[Elem] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    marked: dict[int, int] = field(default_factory=dict)  # watched node mem_id → element index
    # caches made on demand (not part of what a page is)
    _paths: list[str] = field(default_factory=list, compare=False, repr=False)
    _piece_paths: list[str] = field(default_factory=list, compare=False, repr=False)
    _ends: Sequence[int] = field(default_factory=list, compare=False, repr=False)  # the compiled walk's: an array
    _keys: list[str] = field(default_factory=list, compare=False, repr=False)
    headlines: dict[str, int | None] = field(default_factory=dict, compare=False, repr=False)  # extract.headline_piece's

    def keys(self) -> list[str]:
        """The match keys of all pieces, folded in one call (a piece holds no line break);
        the compiled walk gives them made."""
        if len(self._keys) != len(self.pieces):
            keys = match_key("\n".join(p.text for p in self.pieces)).split("\n")
            self._keys = keys if len(keys) == len(self.pieces) else [match_key(p.text) for p in self.pieces]
        return self._keys

    def chain(self, i: int) -> list[int]:
        """Element indices from the root down to element ``i``."""
        out: list[int] = []
        while i >= 0:
            out.append(i)
            i = self.elems[i].parent
        return out[::-1]

    def path(self, i: int) -> str:
        """Tag path of element ``i`` (``body>div>p``): its last ``PATH_LEVELS`` levels."""
        return self.paths()[i]

    def paths(self) -> list[str]:
        """All elements' tag paths (:meth:`path`), made in one pass, each from its
        parent's, when first asked."""
        if len(self._paths) != len(self.elems):
            self._paths = _tag_paths(self.elems)
        return self._paths

    def piece_paths(self) -> list[str]:
        """Each piece's tag path (its element's :meth:`path`); the compiled walk gives them
        made (with the paths of those elements and their ancestors only)."""
        if len(self._piece_paths) != len(self.pieces):
            paths = self.paths()
            self._piece_paths = [paths[p.elem] for p in self.pieces]
        return self._piece_paths

    def nearest_grouped(self) -> list[int]:
        """Per element: itself or its nearest ancestor whose class/id names a
        boilerplate concept (``groups``), -1 when there is none; made when asked (in C
        where the walk is built), as ``groups`` may change after the walk."""
        compiled = accel.use(_compiled)
        if compiled is not None:
            return compiled.nearest_grouped(self.elems)
        return self.nearest_grouped_python()

    def nearest_grouped_python(self) -> list[int]:
        """:meth:`nearest_grouped` in Python (the reference of ``cleaner.html._walk.nearest_grouped``)."""
        near: list[int] = []
        for i, elem in enumerate(self.elems):
            near.append(i if elem.groups else (near[elem.parent] if elem.parent >= 0 else -1))
        return near

    def inside(self, i: int, container: int) -> bool:
        """Whether element ``i`` is ``container`` or one of its descendants."""
        return 0 <= container <= i < self.subtree_end(container)

    def subtree_end(self, i: int) -> int:
        """The index just past element ``i``'s last descendant (elements are listed in
        document order, so a subtree is a run of deeper elements); all elements' ends
        are made in one pass (the compiled walk gives them made)."""
        if len(self._ends) != len(self.elems):
            self._ends = _subtree_ends(self.elems)
        return self._ends[i]


def _subtree_ends(elems: list[Elem]) -> list[int]:
    """Per element, the index of the first element after it that is not deeper:
    the elements still open when one as shallow comes are closed by it."""
    ends = [len(elems)] * len(elems)
    open_: list[int] = []  # depths strictly rising
    for j, elem in enumerate(elems):
        while open_ and elems[open_[-1]].depth >= elem.depth:
            ends[open_.pop()] = j
        open_.append(j)
    return ends


def _tag_paths(elems: list[Elem]) -> list[str]:
    """Each element's tag path (``html`` left out), in document order: a parent
    comes before its children, so its path is ready."""
    paths: list[str] = []
    levels: list[int] = []  # ">" in each path
    for elem in elems:
        path, level = (paths[elem.parent], levels[elem.parent]) if elem.parent >= 0 else ("", -1)
        if elem.tag != "html":
            path, level = (f"{path}>{elem.tag}", level + 1) if path else (elem.tag, 0)
            if level >= PATH_LEVELS:
                path, level = path[path.index(">") + 1:], level - 1
        paths.append(path)
        levels.append(level)
    return paths


def text_weight(text: str, chars: int | None = None) -> int:
    """Non-space characters (``chars`` when counted already), Hangul/Han/kana
    counted ``CJK_WEIGHT`` times."""
    if chars is None:
        chars = len("".join(text.split()))
    return chars + (CJK_WEIGHT - 1) * len(_NON_CJK.sub("", text))


def words(name: str) -> list[str]:
    """Class/id name → lower-case words: ``articleBody_v2`` → article, body, v."""
    return [w.lower() for w in _WORDS.findall(name)]


@lru_cache(maxsize=8192)
def token_groups(names: str) -> tuple[str, ...]:
    """The boilerplate concepts that a class/id string names (see :mod:`cleaner.vocab`).

    Modifier classes (``tag-sports``, ``has-sidebar``, ``category-ads``: a prefix
    from ``vocab.MODIFIER_PREFIXES``) describe the element, not what it is, and
    are skipped.  In C for a name in ASCII where the walk is built."""
    if not names:
        return ()
    compiled = accel.use(_compiled)
    found = compiled.token_groups(names) if compiled is not None else None
    return found if found is not None else token_groups_python(names)


def token_groups_python(names: str) -> tuple[str, ...]:
    """:func:`token_groups` in Python (the reference of ``cleaner.html._walk.token_groups``)."""
    kept = [p for p in names.split() if not _modifier(p)]
    parts = [p.lower() for p in kept]
    split = {w for part in kept for w in words(part)} | set(parts)
    joined = " ".join(parts)
    if _ANY_TOKEN.isdisjoint(split) and not _ANY_LONG_TOKEN.search(joined):
        return ()  # most names: one look at all groups' tokens at once
    return tuple(group for group, exact, inside in _GROUP_MATCHERS
                 if not exact.isdisjoint(split) or (inside is not None and inside.search(joined)))


# per group, its tokens that also count inside a longer name ("relatednews")
LONG_TOKENS = tuple((group, tuple(t for t in tokens if len(t) >= vocab.SUBSTRING_MIN))
                    for group, tokens in TOKEN_GROUPS)


def _matchers() -> list[tuple[str, frozenset[str], re.Pattern[str] | None]]:
    """Per group: its tokens (matched as whole words or names), and one pattern
    for the long ones that also match inside a longer name."""
    out = []
    for (group, tokens), (_, long) in zip(TOKEN_GROUPS, LONG_TOKENS):
        pattern = "|".join(re.escape(t) for t in long)
        out.append((group, frozenset(tokens), re.compile(pattern) if long else None))
    return out


_GROUP_MATCHERS = _matchers()
_ANY_TOKEN = frozenset().union(*(exact for _, exact, _ in _GROUP_MATCHERS))
_ANY_LONG_TOKEN = re.compile("|".join(inside.pattern for _, _, inside in _GROUP_MATCHERS if inside is not None))


def _modifier(name: str) -> bool:
    head, sep, _ = name.lower().replace("_", "-").partition("-")
    return (bool(sep) and head in vocab.MODIFIER_PREFIXES) or bool(_TEXT_SIZE_STATE.match(name))


# the reader's chosen text size on the article element ("font-size17", "fs3", "txt_size_2"):
# a state of the text, not the font-size buttons
_TEXT_SIZE_STATE = re.compile(r"^(?:font|fs|txt|text)[-_]?(?:size)?[-_]?\d+$", re.I)


@lru_cache(maxsize=8192)
def boundary(names: str) -> bool:
    """Inline elements named like a deck or headline (``<strong class="summary">``) end a run
    (in C for a name in ASCII where the walk is built)."""
    if not names:
        return False
    compiled = accel.use(_compiled)
    found = compiled.boundary(names) if compiled is not None else None
    return found if found is not None else boundary_python(names)


def boundary_python(names: str) -> bool:
    """:func:`boundary` in Python (the reference of ``cleaner.html._walk.boundary``)."""
    split = {w for part in names.split() for w in words(part)}
    return any(t in split for t in vocab.TOKENS_DECK)


def parse(html: str) -> LexborHTMLParser:
    """The page parsed by lexbor, from its UTF-8 bytes: those it was read from when
    :func:`known_utf8` gave them for this very text (taken once: they are not kept past
    the parse), else the text encoded (by selectolax)."""
    known = _known
    if html is not known.text:
        return LexborHTMLParser(html)
    data, known.text, known.data = known.data, None, b""
    return LexborHTMLParser(data)


class _KnownUtf8(threading.local):
    """The text of the page being cleaned in this thread, and the bytes it was decoded from."""

    text: str | None = None
    data: bytes = b""


_known = _KnownUtf8()


def known_utf8(text: str, data: bytes) -> None:
    """Say that ``data`` is exactly ``text`` in UTF-8 (a page read from UTF-8 bytes and left as
    it was): :func:`parse` of that same text object then parses ``data`` and does not encode
    the text again.  One text per thread is remembered, the latest (the page being cleaned),
    until its parse."""
    _known.text, _known.data = text, data


CHECK_EVERY = 4096  # nodes between two looks at the document's deadline
MAX_NAMES_CHARS = 512  # of an element's class and id: enough to classify, bounded in cost


def walk(tree: LexborHTMLParser, forced: dict[int, str] | None = None,
         watch: set[int] | None = None, check: Callable[[str], None] | None = None) -> Page:
    """Walk the page body.  ``forced`` maps node mem_ids to kinds given by a site pack;
    the element index of every node whose mem_id is in ``watch`` lands in ``Page.marked``;
    ``check`` is called every ``CHECK_EVERY`` nodes and may raise to stop a long page."""
    root = tree.body or tree.root
    forced, watch, check = forced or {}, watch or set(), check or _no_check
    if root is None:
        return Page()
    compiled = accel.use(_compiled)
    if compiled is not None:
        page = Page()
        compiled.walk(root.mem_id, page, forced, watch, check)
        return page
    return walk_python(root, forced, watch, check)


def walk_python(root: LexborNode, forced: dict[int, str], watch: set[int],
                check: Callable[[str], None]) -> Page:
    """The walk in Python, node by node through selectolax's API (``cleaner.html._walk``
    does the same in C where it is built)."""
    walker = _Walker(forced, watch, check)
    walker.visit(root, -1, 0)
    walker.flush()
    return walker.page


def _no_check(step: str) -> None:
    pass


class _Walker:
    """One pass over the DOM with an explicit stack (deep pages cannot exhaust Python's)."""

    def __init__(self, forced: dict[int, str], watch: set[int], check: Callable[[str], None]) -> None:
        self.page = Page()
        self.check = check
        self.forced = forced
        self.watch = watch
        self.parts: list[str] = []
        self.link_chars = 0
        self.owner = -1
        self.links = 0  # depth of <a> nesting
        self.hidden = 0
        self.heading = 0
        self.kind = ""  # forced kind in force

    def visit(self, root: LexborNode, parent: int, depth: int) -> None:
        """Read ``root`` and everything below it in document order, following child and
        sibling links; ``open_`` holds the elements being read (not their children)."""
        open_: list[tuple] = []  # (node, parent index, depth, what leave() needs)
        node, parts, seen = root, self.parts, 0
        while True:
            seen += 1
            if seen % CHECK_EVERY == 0:
                self.check("reading the page")
            tag = node.tag or ""
            if tag == "-text":
                text = node.text_content
                if text:
                    parts.append(text)
                    if self.links:
                        self.link_chars += len("".join(text.split()))
            elif tag == "br":
                self.flush()
            elif tag and tag[0] not in "-!" and tag not in SKIP_TAGS:
                idx, exit_state = self.enter(node, tag, parent, depth)
                child = node.child
                if child is not None:  # read the children first
                    open_.append((node, parent, depth, exit_state))
                    node, parent, depth = child, idx, depth + 1
                    continue
                self.leave(*exit_state)
            while open_:  # the node is done: on to its next sibling, closing finished elements
                following = node.next
                if following is not None:
                    node = following
                    break
                node, parent, depth, exit_state = open_.pop()
                self.leave(*exit_state)
            else:
                return  # back at the root

    def enter(self, node: LexborNode, tag: str, parent: int, depth: int) -> tuple[int, tuple]:
        """Record an element and open it; return its index and what :meth:`leave` needs."""
        attrs = node.attributes
        names = names_of(attrs.get("class"), attrs.get("id")) if attrs else ""
        groups, named = element_groups(tag, names)
        idx = len(self.page.elems)
        self.page.elems.append(Elem(tag, parent, depth, groups))
        if self.watch and node.mem_id in self.watch:
            self.page.marked[node.mem_id] = idx
        kind = self.forced.get(node.mem_id, "") if self.forced else ""
        hidden = hidden_by("hidden" in attrs, attrs.get("class"), attrs.get("style")) if attrs else False
        block = tag in BLOCK_TAGS or named or bool(kind) or hidden
        saved = (self.owner, self.kind, self.heading)
        if block:
            self.flush()
            self.owner = idx
        self.kind = kind or self.kind
        self.heading = HEADINGS.get(tag, self.heading)
        self.hidden += hidden
        self.links += tag == "a"
        return idx, (block, hidden, tag == "a", saved)

    def leave(self, block: bool, hidden: bool, link: bool, saved: tuple) -> None:
        if block:
            self.flush()  # before the flags drop: the run belongs to this element
        self.links -= link
        self.hidden -= hidden
        self.owner, self.kind, self.heading = saved

    def flush(self) -> None:
        if not self.parts:
            return
        text = tidy("".join(self.parts))
        self.parts.clear()  # the same list: visit() holds it
        link_chars, self.link_chars = self.link_chars, 0
        if not text or self.owner < 0:
            return
        chars = len(text) - text.count(" ")
        self.page.pieces.append(Piece(
            text=text, elem=self.owner, chars=chars, link_chars=min(link_chars, chars),
            weight=text_weight(text, chars),
            heading=self.heading, hidden=self.hidden > 0, forced=self.kind,
        ))


@lru_cache(maxsize=8192)
def element_groups(tag: str, names: str) -> tuple[tuple[str, ...], bool]:
    """An element's boilerplate concepts (its class/id ``names`` and its tag), and
    whether its name alone ends a run of text (``named``: a concept, or a deck or
    headline name); a link in text stays inline."""
    if tag in ("body", "html"):  # page-level classes describe the layout
        groups: tuple[str, ...] = ()
    else:
        groups = token_groups(names) + ((TAG_GROUPS[tag],) if tag in TAG_GROUPS else ())
    named = tag != "a" and (bool(groups) or (bool(names) and boundary(names)))
    return groups, named


def names_of(cls: str | None, id_: str | None) -> str:
    """An element's class and id, space-joined, bounded in length."""
    names = f"{cls} {id_}" if cls and id_ else cls or id_ or ""
    return names[:MAX_NAMES_CHARS]


_HIDDEN_CLASSES = frozenset(vocab.TOKENS_HIDDEN)


def hidden_by(hidden_attribute: bool, names: str | None, style: str | None) -> bool:
    """Whether an element is hidden: a ``hidden`` attribute, a class such as
    ``blind`` (vocab.TOKENS_HIDDEN), or display:none / visibility:hidden."""
    if hidden_attribute:
        return True
    if names and not _HIDDEN_CLASSES.isdisjoint(names.lower().split()):
        return True
    return bool(style) and bool(_HIDDEN_STYLE.search(style))


from .walk_check import check as _self_check  # noqa: E402 - checks the functions above

_compiled = accel.load("html walk", "cleaner.html._walk", check=_self_check)
COMPILED = _compiled is not None  # built and bound (CLEANER_PURE=1 leaves it unloaded)
