"""Compiled views of the packs for the hot path.

Most lines of a document are article text that no rule matches, and testing
each line against every rule in turn is what makes a rule engine slow.  So the
rules of a pack combination are compiled once into RE2 sets (DFAs: linear
time, no backtracking; two, see :class:`PatternSet`) that tell, in a single
pass over a line, which rules *can* match it (the lines of a document are
screened in a row: :meth:`BookChain.screen`).  Only those are then run, in
pack order, by the ``regex`` engine that gives named groups and time limits
(first match wins, exactly as without the sets).  A pattern RE2 cannot take
(back-references) is simply always a candidate; :func:`loosen` makes the
others match at least where the rule does.  Term rules enter the set as patterns that allow
separators between letters (``카[^\\pL\\pN]*지[^\\pL\\pN]*노``), which is what
matching on the compact key means.

The same set idea picks the site pack: all fingerprints of all packs are one
set, run once over the document instead of once per fingerprint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from collections.abc import Iterator, Sequence
from typing import Any

import re2

from .packs import EDGE_PUNCT, MATCH_TIMEOUT, Pack, PackError, Rule, timed_search

RE2_MAX_MEM = 64 << 20  # bytes of memory per RE2 set (a rule book has two)


def _options() -> Any:
    opts = re2.Options()
    opts.case_sensitive = False
    opts.log_errors = False
    opts.max_mem = RE2_MAX_MEM
    return opts


NEVER = False  # a PatternSet entry that never matches (rules looked up elsewhere)


def loosen(source: str) -> str | None:
    """Rewrite Python-regex classes that RE2 reads as ASCII-only (\\w \\d \\s \\b)
    into Unicode ones, drop look-arounds (RE2 has none; without the condition a
    pattern matches more) and the upper bounds of counted repeats (``[^.]{2,80}``
    becomes ``[^.]{2,}``: a DFA must count every bound, and the states of such counts
    across a set's patterns multiply; without them the sets run about twice as
    fast, and the rule's own engine still holds the bound), so the RE2 pattern
    matches at least what the original does; None when that cannot be done (the
    rule is then always a candidate)."""
    source = without_lookarounds(source)
    out, i, where, first = [], 0, _OUTSIDE, 0  # first: where the open class's members start
    while i < len(source):
        ch = source[i]
        if ch == "\\" and i + 1 < len(source):
            loose = _LOOSE[where].get(source[i + 1], source[i:i + 2])
            if loose is None:
                return None
            out.append(loose)
            i += 2
            continue
        if ch == "{" and where == _OUTSIDE and (bounds := _BOUNDED.match(source, i)):
            out.append("{" + (bounds[1] or "0") + ",}")  # {m,n} → {m,}; {,n} and {,} (regex: from 0) → {0,}
            i = bounds.end()
            continue
        if ch == "[" and where == _OUTSIDE:
            opening = "[^" if source.startswith("[^", i) else "["
            where = _NEGATED if opening == "[^" else _CLASS
            out.append(opening)
            i += len(opening)
            first = i
            continue
        if ch == "]" and where != _OUTSIDE and i > first:  # a "]" first in a class is literal
            where = _OUTSIDE
        out.append(ch)
        i += 1
    return "".join(out)


_BOUNDED = re.compile(r"\{(\d*),(\d*)\}")  # a counted repeat with a range ({,n} and {,}: regex reads 0)
_LOOKAROUND_OPEN = ("(?=", "(?!", "(?<=", "(?<!")


def without_lookarounds(source: str) -> str:
    """``source`` with every look-around group removed (escapes and classes respected)."""
    out, i, in_class = [], 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            out.append(source[i:i + 2])
            i += 2
            continue
        if not in_class and source.startswith(_LOOKAROUND_OPEN, i):
            i = _group_end(source, i)
            continue
        if not in_class and ch == "[":
            j = i + 1 + (source[i + 1:i + 2] == "^")
            j += source[j:j + 1] == "]"  # a ']' first in a class is literal
            out.append(source[i:j])
            i, in_class = j, True
            continue
        in_class = in_class and ch != "]"
        out.append(ch)
        i += 1
    return "".join(out)


def _group_end(source: str, start: int) -> int:
    """The index just past the group that opens at ``start``."""
    depth = 0
    for i, ch in _outside_classes(source, start):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(source)


def _outside_classes(source: str, start: int) -> Iterator[tuple[int, str]]:
    """The positions and characters of ``source`` from ``start`` that stand outside
    escapes and character classes (a "]" first in a class is one of its members)."""
    i, in_class = start, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 + (source[i + 1:i + 2] == "^")
            i += source[i:i + 1] == "]"
            continue
        else:
            yield i, ch
        i += 1


# RE2's classes are ASCII-only and its Unicode tables older than the ``regex`` module's, so
# each class becomes one that holds at least what ``regex`` (V0, IGNORECASE) puts in it:
# \s also \v and NEL; \w every character but ASCII non-word ones and separators (marks,
# connectors and letters RE2 does not know yet are word characters to ``regex``); \d the
# ASCII digits and every non-ASCII character that is no letter, punctuation, symbol or
# separator to RE2 (digits of newer scripts); \W every character but letters and "_".
# Inside a class (``[\w.+-]``) \w and \d take every non-ASCII character; inside a negated
# class (``[^\s.]``) an escape must stand for no more than ``regex``'s class: only \s
# (as RE2's \s and \pZ, all spaces to ``regex``) can, the others make the pattern always
# a candidate.  (\D and \S outside a class are RE2's: all but ASCII digits, spaces.)
_OUTSIDE, _CLASS, _NEGATED = 0, 1, 2
_NON_ASCII = r"\x{80}-\x{10ffff}"
_LOOSE = {
    _OUTSIDE: {"w": r"[^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f\pZ]", "W": r"[^\pL_]",
               "d": r"(?:[0-9]|[^\x00-\x7f\pL\pP\pS\pZ])", "s": r"[\s\pZ\x0b\x85]", "b": "", "B": ""},
    _CLASS: {"w": "0-9a-z_" + _NON_ASCII, "d": "0-9" + _NON_ASCII, "s": r"\s\pZ\x0b\x85",
             "W": None, "D": None, "S": None},
    _NEGATED: {"w": None, "d": None, "s": r"\s\pZ", "W": None, "D": None, "S": None},
}


class PatternSet:
    """Which of a list of patterns occur in a text (None entries: always).

    The patterns are split over two RE2 sets (each with ``RE2_MAX_MEM``), those
    anchored at the start of the line (``^…``, :func:`anchored`) and the others:
    the DFA of one set holds every combination of its patterns' states, and the
    line-anchored patterns, whose runs (``^[^.?!]{2,}…``) live through the whole
    line, multiply the states of the free ones; apart, the two sets ran the
    bundled rules over the dumps' lines 2.4x as fast as one.  The anchored set is
    searched from the start of the text only (RE2's ``ANCHOR_START``), so its DFA
    stops at the first byte where none of its patterns can go on instead of
    running to the line's end; an anchored pattern whose run can last the whole
    line (``^.{0,}…``) goes with the free ones, where it costs no more.  Which set
    a pattern goes to changes nothing but speed: a set reports every pattern that
    matches, and an anchored pattern matches at the start or nowhere."""

    def __init__(self, sources: list[str | None | bool]) -> None:
        sets = (re2.Set.MatchSet(_options()), re2.Set.SearchSet(_options()))  # anchored, free
        ids: tuple[list[int], list[int]] = ([], [])  # set index → position in ``sources``
        self.always: list[int] = []
        for i, source in enumerate(sources):
            if source is NEVER:
                continue
            loose = None if source is None else loosen(source)
            group = int(loose is None or not anchored(loose) or bool(_LINE_LONG_RUN.search(loose)))
            if loose is None or not _add(sets[group], loose):
                self.always.append(i)
            else:
                ids[group].append(i)
        self.sets: list[tuple[Any, list[int]]] = []  # (a set's Match, set index → position)
        for patterns, group_ids in zip(sets, ids):
            if group_ids:
                patterns.Compile()
                # the binding itself when the wrapper exposes it (the wrapper also takes bytes)
                self.sets.append((getattr(patterns, "_set", patterns).Match, group_ids))

    def matches(self, text: str) -> list[int]:
        """Positions of the patterns found in ``text`` (ascending), always-entries included."""
        data = text.encode("utf-8", "surrogatepass")
        hits: list[int] = []
        for match, ids in self.sets:
            found = match(data)
            if found:
                hits += [ids[k] for k in found]
        if not hits:
            return list(self.always)
        return sorted(hits + self.always) if self.always or len(hits) > 1 else hits


# a run of any character with no upper bound (.* .+ .{n,}): an anchored pattern so made
# can go on to the end of any line, and costs the anchored set its early stop
_LINE_LONG_RUN = re.compile(r"(?<!\\)\.(?:[*+]|\{\d*,\})")


def anchored(source: str) -> bool:
    """Whether every match of an RE2 pattern starts at the start of the text: it opens
    with ``^`` and has no ``|`` outside its groups and classes (``^a|b`` finds ``b``
    anywhere).  Flags (multi-line ``^``) are not read: a pattern that opens with ``^``
    sets none before it."""
    if not source.startswith("^") or "\\Q" in source:  # \Q…\E quotes: not read here
        return False
    depth = 0
    for _, ch in _outside_classes(source, 1):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
    return True


def _add(patterns: Any, source: str) -> bool:
    try:
        patterns.Add(source)
    except Exception:  # RE2 syntax it does not support  # noqa: BLE001
        return False
    return True


# What keeps a loosened pattern from being run over a whole document's lines at once:
# text anchors (\A \z \Z: only the document's ends), \C (any byte, a line break too),
# and inline flags that could turn multi-line off.
_NOT_PER_LINE = re.compile(r"\\[ACzZ]|\(\?[a-zA-Z]*-")


@lru_cache(maxsize=1024)
def line_screen(source: str) -> Any | None:
    """``source`` loosened (:func:`loosen`: it matches at least where ``source`` does) and
    compiled for one search over the lines of a document joined by line breaks, where
    it matches in a line as it does in the line alone (``(?m)``: ``^`` and ``$`` at the
    line's ends; ``never_nl``: no match runs over a line break); None when it cannot be
    (then every line is a candidate).  See :func:`cleaner.normalize.lines_with`."""
    loose = loosen(source)
    if loose is None or _NOT_PER_LINE.search(loose):
        return None
    opts = _options()
    opts.never_nl = True
    try:
        return re2.compile("(?m)" + loose, opts)
    except re2.error:
        return None


def _term_source(term: str) -> str:
    """A term of the compact key as a pattern over the match key: any run of
    non-letters, non-digits may stand between its characters."""
    return r"[^\pL\pN]*".join(re2.escape(ch) for ch in term)


def _rule_source(rule: Rule) -> str | None:
    if rule.pattern is not None:
        return rule.pattern.pattern
    if rule.terms:
        return "|".join(_term_source(t) for t in rule.terms)
    return None  # `lines` rules are looked up in a table instead


@dataclass(slots=True)
class RuleBook:
    """Rules of a pack combination, in order, with their RE2 sets (:class:`PatternSet`);
    :class:`BookChain` asks them which rules may match a line."""

    lines: list[Rule]  # scope "line"
    cuts: list[Rule]  # scope "prefix" / "suffix"
    patterns: PatternSet  # line rules first, then cut rules
    exact: dict[str, list[int]] = field(default_factory=dict)  # line text → rule positions

    @classmethod
    def build(cls, packs: list[Pack]) -> "RuleBook":
        rules = [r for p in packs for r in p.rules]
        lines = [r for r in rules if r.scope == "line"]
        cuts = [r for r in rules if r.scope != "line"]
        exact: dict[str, list[int]] = {}
        for i, rule in enumerate(lines):
            for entry in rule.lines:
                exact.setdefault(entry, []).append(i)
        sources = [_rule_source(r) if not r.lines else NEVER for r in lines]
        sources += [_rule_source(r) for r in cuts]
        try:
            patterns = PatternSet(sources)
        except re2.error:
            files = ", ".join(str(p.path) for p in packs)
            raise PackError(f"{files}: rule: the rules of these packs are too many or too large to compile "
                            f"together (over {RE2_MAX_MEM >> 20} MiB): fewer terms or simpler patterns") from None
        return cls(lines=lines, cuts=cuts, patterns=patterns, exact=exact)


@dataclass(slots=True)
class BookChain:
    """Several rule books consulted in order (a site pack's, then the common packs'),
    so the common rules are compiled once and shared by every site.  A line's
    candidates come from all the books' RE2 sets in one loop: every rule has its
    number in chain order (book by book, line rules before cut rules), and the
    numbers found are sorted once."""

    books: tuple[RuleBook, ...]
    _rules: list[Rule] = field(init=False, default_factory=list)  # chain order → rule
    _is_line: list[bool] = field(init=False, default_factory=list)  # chain order → a line rule?
    _sets: list[tuple[Any, list[int]]] = field(init=False, default_factory=list)  # (RE2 Match, set index → order)
    _always: list[int] = field(init=False, default_factory=list)
    _exact: list[dict[str, list[int]]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        for book in self.books:
            base = len(self._rules)
            self._rules += book.lines + book.cuts
            self._is_line += [True] * len(book.lines) + [False] * len(book.cuts)
            self._sets += [(match, [base + i for i in ids]) for match, ids in book.patterns.sets]
            self._always += [base + i for i in book.patterns.always]
            if book.exact:
                self._exact.append({line: [base + i for i in at] for line, at in book.exact.items()})

    def candidates(self, key: str) -> tuple[Sequence[Rule], Sequence[Rule]]:
        """The line rules and the cut rules that may match ``key``, in chain order."""
        return self.screen([key])[0]

    def screen(self, keys: list[str]) -> list[tuple[Sequence[Rule], Sequence[Rule]]]:
        """:meth:`candidates` of each key.  Each RE2 set runs over all the keys in a
        row, not set after set for each line: between two lines of the pipeline its
        DFA's states fall out of the processor's caches, and the set then costs
        about twice as much.  (One pass of the sets over the whole document, then a
        scan per rule found for its lines, ran slower on the dumps: 7.7 against
        4.5 ms: most documents hold some line a rule can match, and each such rule's
        scan is one more pass.)  Tried since, on the 15 dumps of the benchmark:
        one RE2 alternation of all a chain's patterns over the document
        (:func:`cleaner.normalize.lines_with`) ran 50 times slower: RE2 finds each
        match's start with a longest-match DFA, and over a program that large
        (200,000 instructions) such a DFA ran 170 times slower than a first-match
        one; literals every match needs, scanned for first, left 981 of 1,022
        lines to screen (``.``, ``제``, single letters of spam terms); merging a
        site's sets into the common ones ran 30% slower (the DFA holds
        combinations of more patterns' states); sets per ``max_chars`` tier, so
        long lines meet fewer patterns, gained nothing; nor did rewriting the work
        around the sets (a quarter of the time).  Each set costs a call and
        a DFA pass per line, and a document's lines come to the sets with their DFA
        states out of the caches (the pipeline ran in between), which doubles that."""
        data = [key.encode("utf-8", "surrogatepass") for key in keys]
        found: dict[int, list[int]] = {}  # key index → rule numbers
        for match, orders in self._sets:
            for i, hits in enumerate(map(match, data)):
                if hits:
                    found.setdefault(i, []).extend(orders[k] for k in hits)
        if self._exact:
            for i, key in enumerate(keys):
                line = key.strip(EDGE_PUNCT)
                for table in self._exact:
                    if line in table:
                        found.setdefault(i, []).extend(table[line])
        if self._always:
            for i in range(len(keys)):
                found.setdefault(i, []).extend(self._always)
        out: list[tuple[Sequence[Rule], Sequence[Rule]]] = [_NOTHING] * len(keys)
        rules, is_line = self._rules, self._is_line
        for i, numbers in found.items():
            numbers = sorted(set(numbers)) if len(numbers) > 1 else numbers
            out[i] = [rules[o] for o in numbers if is_line[o]], [rules[o] for o in numbers if not is_line[o]]
        return out


_NOTHING = ((), ())  # no candidates


# Fingerprint evidence.  A site's signature (a dateline such as ``(서울=뉴스1)``, its
# copyright line, its own markup) is strong evidence; a bare domain name is weak: any
# page may link to the site (unless it comes back on every menu and share link).  A
# pack is picked by fingerprints only on strong evidence.
SIGNATURE_WEIGHT = 2  # evidence of one signature fingerprint found
DOMAIN_WEIGHT = 1  # evidence of one domain-name fingerprint found (a link anyone may carry)
STRONG_EVIDENCE = 2  # evidence that picks a pack: one signature, or two of its domain names
DOMAIN_REPEATS = 10  # a domain name found this often is the site's own page: it weighs as a signature
_DOMAIN_ONLY = re.compile(r"^(?:\(\?:)?(?:[a-z0-9-]+\\\.)+[a-z]{2,}\)?$", re.I)


def is_domain_fingerprint(source: str) -> bool:
    """Whether a fingerprint pattern is only a host name (``news\\.naver\\.com``)."""
    return bool(_DOMAIN_ONLY.match(source))


@dataclass(slots=True)
class FingerprintMatch:
    """The best-evidenced pack for a document and how good the evidence is."""

    pack: Pack
    evidence: int  # sum of the weights of the distinct fingerprints found
    distinct: int  # distinct fingerprints found

    @property
    def strong(self) -> bool:
        return self.evidence >= STRONG_EVIDENCE and self.distinct >= self.pack.min_fingerprints


@dataclass(slots=True)
class FingerprintIndex:
    """All site fingerprints as one RE2 set."""

    packs: list[Pack]
    owners: list[tuple[int, int]]  # set position → (pack, fingerprint)
    patterns: PatternSet
    weights: list[int] = field(default_factory=list)  # set position → evidence weight

    @classmethod
    def build(cls, packs: list[Pack]) -> "FingerprintIndex":
        owners = [(i, j) for i, p in enumerate(packs) for j in range(len(p.fingerprints))]
        sources = [packs[i].fingerprints[j].pattern for i, j in owners]
        weights = [DOMAIN_WEIGHT if is_domain_fingerprint(s) else SIGNATURE_WEIGHT for s in sources]
        return cls(packs=packs, owners=owners, patterns=PatternSet(sources), weights=weights)

    def match(self, key: str) -> FingerprintMatch | None:
        """The pack with the most fingerprint evidence in ``key`` (strong or not), or None."""
        evidence = [0] * len(self.packs)
        distinct = [0] * len(self.packs)
        for k in self.patterns.matches(key):
            i, j = self.owners[k]
            if k in self.patterns.always and not timed_search(self.packs[i].fingerprints[j], key,
                                                               MATCH_TIMEOUT * 10):
                continue
            evidence[i] += self._weight(k, key)
            distinct[i] += 1
        ranked = sorted(range(len(self.packs)), key=lambda i: (-evidence[i], -distinct[i], i))
        if not ranked or not evidence[ranked[0]]:
            return None
        best = ranked[0]
        return FingerprintMatch(self.packs[best], evidence[best], distinct[best])

    def _weight(self, k: int, key: str) -> int:
        """The evidence of fingerprint ``k``, found in ``key``: a domain name found
        ``DOMAIN_REPEATS`` times or more (the site's own navigation and share links)
        weighs as a signature."""
        if self.weights[k] != DOMAIN_WEIGHT:
            return self.weights[k]
        i, j = self.owners[k]
        try:
            found = self.packs[i].fingerprints[j].finditer(key, timeout=MATCH_TIMEOUT * 10)
            repeats = sum(1 for _ in islice(found, DOMAIN_REPEATS))
        except TimeoutError:
            return DOMAIN_WEIGHT
        return SIGNATURE_WEIGHT if repeats >= DOMAIN_REPEATS else DOMAIN_WEIGHT

    def best(self, key: str) -> Pack | None:
        """The pack whose fingerprints give the most evidence, when that evidence is strong."""
        found = self.match(key)
        return found.pack if found is not None and found.strong else None
