"""Regex safety for rule packs: the shapes of pattern that are refused on load
(:func:`unsafe`), because the ``regex`` engine could backtrack on them for ever.

* nested quantifiers, ``(a+)+``, also under a bounded repeat, ``(?:\\w+\\s?){1,30}``
  (:func:`nested_quantifier`; a bound of 2 or less is allowed: its cost is at most
  quadratic in a line);
* a look-around holding an unbounded repeat, ``(?=.*x)``: it runs at every position
  of a line, so a line costs its length squared (:func:`costly_lookaround`);
* back-references, which no linear-time engine can match;
* a repeated group holding ``.*`` or ``.+``, ``(.*,){9}``;
* a repeated alternation whose branches can spell the same text in two ways,
  ``(a|aa)+`` (:func:`ambiguous_repeat`): ``aaaa…b`` then has exponentially many
  ways to fail, and the engine tries them all.

What passes is still run under a time limit (``packs.MATCH_TIMEOUT``).  The
check of the last shape is exact for the case it handles and silent otherwise:

* a repeated group (``+``, ``*``, ``{n,}`` or ``{n,m}`` with m >= 8) whose
  branches are all plain literals is ambiguous exactly when the branches are
  not a uniquely decodable code, which the Sardinas–Patterson algorithm
  decides (if one text has two spellings ``w``, then ``w``×k has 2^k);
* a branch with a class, a shorthand (``\\w``), a quantifier or a group is not
  judged; such patterns are left to the run-time time limit
  (``packs.MATCH_TIMEOUT``).
"""

from __future__ import annotations

import re

MIN_BOUNDED_REPEAT = 8  # {n,m} with m below this cannot blow up badly
MAX_NESTED_BOUND = 2  # (a+){0,2}: a bounded repeat of repeats up to this bound is allowed
# A repeated group whose body is only repeated atoms: (a+)+, (\w*)*, (?:x{2,}y?)+,
# (?:\w+\s?){1,30} — the classic catastrophic-backtracking shape.  (?:\.\w+)+ is
# fine: "." must match.  Group 2 is the upper bound of a {n,m} repeat.
_GROUP = re.compile(r"\((?:\?(?:[:=!]|<?[=!]|P?<\w+>))?((?:[^()\\]|\\.)*)\)(?:[+*]|\{\d*,(\d*)\})")
# a look-around whose body holds an unbounded repeat (*, +, {n,})
_LOOKAROUND = re.compile(r"\(\?<?[=!]((?:[^()\\]|\\.)*)\)")
_UNBOUNDED = re.compile(r"(?<!\\)(?:[*+]|\{\d*,\})")
_ATOM = re.compile(r"(\\.|\[(?:[^\]\\]|\\.)*\]|[^|\\\[])([+*?]|\{\d*,?\d*\})?")
_REPEATED = re.compile(
    r"(?<!\\)\((?:\?:|\?P?<\w+>)?((?:[^()\\]|\\.)*)\)([+*]|\{\d*,(\d*)\})"
)
_META = set(".^$*+?{}[]()|")
_BACKREF = re.compile(r"(?<!\\)(?:\\\\)*\\(?:[1-9]|g<)|\(\?P=")
# a group whose body holds an unbounded wildcard, repeated more than once
_WILDCARD_REPEAT = re.compile(
    r"\((?:[^()\\]|\\.)*\.[*+](?:[^()\\]|\\.)*\)(?:[*+]|\{(?:\d*,\d*|[2-9]|\d{2,})\})")


def unsafe(source: str) -> str | None:
    """Why the pattern ``source`` is refused, or None."""
    if nested_quantifier(source):
        return "nested quantifier (e.g. (a+)+ or (\\w+\\s?){1,30}) can backtrack catastrophically"
    if costly_lookaround(source):
        return "a look-around holding an unbounded repeat (e.g. (?=.*x)) costs a line's length squared"
    overlap = ambiguous_repeat(source)
    if overlap:
        return (f"repeated alternation {overlap} whose branches overlap (e.g. (a|aa)+) "
                "can backtrack catastrophically")
    if _BACKREF.search(source):
        return ("back-references (\\1, (?P=name)) are not allowed: "
                "they cannot be matched in linear time")
    if _WILDCARD_REPEAT.search(source):
        return "a repeated group holding .* or .+ (e.g. (.*,){9}) can backtrack catastrophically"
    return None


def nested_quantifier(source: str) -> bool:
    """True when a repeated group (unbounded, or bounded above MAX_NESTED_BOUND) holds
    nothing but repeated atoms."""
    for group in _GROUP.finditer(source):
        upper = group.group(2)
        if upper and int(upper) <= MAX_NESTED_BOUND:
            continue
        for branch in group.group(1).split("|"):
            atoms = _ATOM.findall(branch)
            if atoms and all(q for _, q in atoms):
                return True
    return False


def costly_lookaround(source: str) -> bool:
    """True when a look-around (``(?=…)``, ``(?!…)``, ``(?<=…)``, ``(?<!…)``) holds an unbounded repeat."""
    return any(_UNBOUNDED.search(m.group(1).replace("\\\\", "")) for m in _LOOKAROUND.finditer(source))


def ambiguous_repeat(source: str) -> str | None:
    """The first repeated literal alternation in ``source`` that is ambiguous, else None."""
    for m in _REPEATED.finditer(source):
        upper = m.group(3)
        if upper and int(upper) < MIN_BOUNDED_REPEAT:
            continue
        branches = [_literal(b) for b in _split_branches(m.group(1))]
        if len(branches) < 2 or any(b is None for b in branches):
            continue
        if not uniquely_decodable(branches):  # type: ignore[arg-type]
            return m.group(0)
    return None


def _split_branches(body: str) -> list[str]:
    """Split a group body on '|' that is not escaped."""
    out, cur, i = [], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cur.append(body[i:i + 2])
            i += 2
            continue
        if ch == "|":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def _literal(branch: str) -> str | None:
    """The text a branch matches when it is a plain literal (case-folded), else None."""
    chars: list[str] = []
    i = 0
    while i < len(branch):
        ch = branch[i]
        if ch == "\\":
            nxt = branch[i + 1:i + 2]
            if not nxt or nxt.isalnum():  # \d \w \s \b \1 …: not a literal
                return None
            chars.append(nxt)
            i += 2
            continue
        if ch in _META:
            return None
        chars.append(ch)
        i += 1
    return "".join(chars).lower()


def _quotient(left: set[str], right: set[str]) -> set[str]:
    """left⁻¹right: what remains of a word of ``right`` after a prefix from ``left``."""
    return {w[len(p):] for p in left for w in right if w.startswith(p)}


def uniquely_decodable(words: list[str]) -> bool:
    """Sardinas–Patterson: True when no text is a concatenation of ``words`` in two ways."""
    code = set(words)
    if len(code) != len(words) or "" in code:
        return False
    dangling = _quotient(code, code) - {""}
    seen: set[frozenset[str]] = set()
    while dangling and frozenset(dangling) not in seen:
        if dangling & code:
            return False
        seen.add(frozenset(dangling))
        dangling = _quotient(code, dangling) | _quotient(dangling, code)
        if "" in dangling:
            return False
    return True
