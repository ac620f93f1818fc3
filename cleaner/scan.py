"""Scans over a whole document before it is parsed: cheap tests that let the
pipeline skip work most documents do not need.

* :func:`repair_flags`: what :func:`cleaner.normalize.repair` has to do to the
  text: remove invisible characters, turn carriage returns into line feeds, look
  for mojibake line by line.  Clean Korean text needs none of it, and a page
  saved with CRLF line ends only the second, which :func:`plain_repairs` makes
  (with the first) in one pass.
* :func:`markup_counts`: a page's ``<`` and ``</`` counts and whether one of its
  start tags runs longer than a limit (:func:`cleaner.pipeline.html_blocks`
  refuses such a page, and tells tag soup by the counts).
* :func:`raw_opens`: the start tags of the elements whose content is raw text
  (``<title>``, ``<iframe>`` …), names matched in any ASCII case, as HTML does.
* :func:`key_fold`: :func:`cleaner.normalize.match_key` of text whose characters
  fold to themselves (ASCII, Hangul, CJK ideographs, common punctuation), up to
  the first word that holds another character; compiled only (its reference is
  the Python fold in :mod:`cleaner.normalize`).

Each runs compiled where ``cleaner._scan`` is built (one pass of C over the
characters, instead of a regular expression or ``str.count`` each);
:mod:`cleaner.accel` switches it, and the ``*_python`` functions here are the
reference the compiled scans are tested against.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import accel

# What repair() acts on (cleaner.normalize), by kind: invisible format characters it
# removes, carriage returns it turns into line feeds, and the characters that may start
# what it repairs in a line (C0 and C1 controls, the Latin-1 letters UTF-8 mojibake starts
# with, the replacement character; lone surrogates, which the RE2 scan cannot read; "&"
# outside markup, for entities).  REPAIR_CHARS is all of them.  The invisible ones carry
# no text (zero-width space, word joiner, BOM, bidi marks, embeddings, overrides and
# isolates, NUL, DEL); ZWJ/ZWNJ stay (emoji sequences and some scripts need them).
INVISIBLE_CHARS = "\x00\x7f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
LINE_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f\xc2-\xf4\ud800-\udfff\ufffd"
REPAIR_CHARS = f"{INVISIBLE_CHARS}\r{LINE_CHARS}"
INVISIBLE, CR, LINES = 1, 2, 4  # repair_flags
_ANY = {True: re.compile(f"[{REPAIR_CHARS}]"), False: re.compile(f"[{REPAIR_CHARS}&]")}
_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
_LINE = {True: re.compile(f"[{LINE_CHARS}]"), False: re.compile(f"[{LINE_CHARS}&]")}


def repair_flags(text: str, markup: bool) -> int:
    """What :func:`cleaner.normalize.repair` has to do to ``text``: ``INVISIBLE`` when it
    holds an invisible character, ``CR`` a carriage return, ``LINES`` a character that
    may start mojibake (or an entity, unless ``text`` is ``markup``, whose entities are
    left to the parser); 0 for text it returns as it is."""
    compiled = accel.use(_compiled)
    if compiled is not None:
        return compiled.repair_flags(text, markup)
    return repair_flags_python(text, markup)


def repair_flags_python(text: str, markup: bool) -> int:
    markup = bool(markup)
    if _ANY[markup].search(text) is None:  # one pass for most documents
        return 0
    return ((INVISIBLE if _INVISIBLE.search(text) else 0) | (CR if "\r" in text else 0)
            | (LINES if _LINE[markup].search(text) else 0))


def plain_repairs(text: str, flags: int) -> str:
    """``text`` with the repairs that need no line looked at, as ``flags`` (of
    :func:`repair_flags`) ask: ``INVISIBLE`` characters removed, then CR LF and a lone
    CR turned into LF (``CR``)."""
    compiled = accel.use(_compiled)
    if compiled is not None:
        return compiled.plain_repairs(text, flags)
    return plain_repairs_python(text, flags)


def plain_repairs_python(text: str, flags: int) -> str:
    if flags & INVISIBLE:
        text = _INVISIBLE.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n") if flags & CR else text


# Characters beyond ASCII, Hangul syllables (AC00-D7A3) and CJK ideographs (4E00-9FFF) that
# NFKC folds to themselves, that no case mapping changes, and that compose with no character
# on either side: what _scan.key_fold copies as they are (the table there lists the same).
KEY_SELF_RANGES = ((0x00A9, 0x00A9), (0x00AE, 0x00AE), (0x00B0, 0x00B1), (0x00B7, 0x00B7), (0x00D7, 0x00D7),
                   (0x00F7, 0x00F7), (0x119E, 0x119E), (0x2010, 0x2010), (0x2013, 0x2015), (0x2018, 0x2019),
                   (0x201C, 0x201D), (0x2020, 0x2022), (0x2030, 0x2030), (0x203B, 0x203B), (0x2190, 0x2199),
                   (0x223C, 0x223C), (0x2500, 0x25FF), (0x2605, 0x2606), (0x3001, 0x3003), (0x3008, 0x3011),
                   (0x3041, 0x3096), (0x30A1, 0x30FA))


def key_fold(text: str, start: int = 0) -> tuple[str, int]:
    """(:func:`cleaner.normalize.match_key` of ``text[start:end]``, ``end``) in one
    compiled pass (where :func:`key_folds`): ``end`` is the end of ``text``, or the start
    of the first word (after a space or line break) that holds a character other than
    ASCII (lower-cased), Hangul syllables, CJK ideographs, the ``KEY_SELF_RANGES`` (kept)
    and zero-width characters (dropped).  The caller folds that word in Python, the
    reference, and goes on after it."""
    return _compiled.key_fold(text, start)


def key_folds() -> bool:
    """Whether :func:`key_fold` can run: it is compiled only (there is no Python twin of it;
    :func:`cleaner.normalize.match_key` folds in Python where it is not)."""
    return accel.use(_compiled) is not None


def markup_counts(text: str, limit: int) -> tuple[int, int, bool]:
    """(``<`` in ``text``, ``</`` in it, whether a start tag — ``<``, an ASCII letter,
    then no ``<`` or ``>`` — runs on for ``limit`` characters or more after its letter)."""
    compiled = accel.use(_compiled)
    if compiled is not None:
        return compiled.markup_counts(text, limit)
    return markup_counts_python(text, limit)


def markup_counts_python(text: str, limit: int) -> tuple[int, int, bool]:
    return text.count("<"), text.count("</"), _long_tag(text, limit)


def _long_tag(text: str, limit: int) -> bool:
    """Such a tag needs ``limit + 1`` characters without ``<`` or ``>``, a run that holds
    a whole aligned block of ``(limit + 2) // 2``: with a ``<`` or ``>`` in every block,
    no pattern search is needed."""
    size = max(1, (limit + 2) // 2)
    for start in range(0, len(text) - size + 1, size):
        if text.find("<", start, start + size) < 0 and text.find(">", start, start + size) < 0:
            return _long_tag_pattern(limit).search(text) is not None
    return False


@lru_cache(maxsize=4)
def _long_tag_pattern(limit: int) -> re.Pattern[str]:
    return re.compile(r"<[a-zA-Z][^<>]{%d}" % limit)


def raw_opens(text: str, names: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, name) of every start tag in ``text`` of an element of ``names``
    (lower-case; matched in any ASCII case, and ending a word), up to its ``>``, in order."""
    compiled = accel.use(_compiled)
    if compiled is not None:
        return compiled.raw_opens(text, names)
    return raw_opens_python(text, names)


def raw_opens_python(text: str, names: tuple[str, ...]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(1).lower()) for m in open_tag(names).finditer(text)]


@lru_cache(maxsize=16)
def open_tag(names: tuple[str, ...]) -> re.Pattern[str]:
    """A start tag of any of ``names``, the names in any ASCII case (``re.I`` would also
    read ``<tıtle>`` as a title, which HTML does not)."""
    return re.compile(rf"<({'|'.join(map(ascii_any_case, names))})\b[^>]*>")


def ascii_any_case(name: str) -> str:
    """A pattern for ``name`` in any ASCII case: ``title`` → ``[tT][iI][tT][lL][eE]``."""
    return "".join(f"[{c}{c.upper()}]" if c.isascii() and c.isalpha() else re.escape(c) for c in name)


def _self_check(module) -> bool:  # type: ignore[no-untyped-def]
    """Whether the compiled scans give what the Python ones give on a probe."""
    names = ("title", "iframe")
    return all(
        module.repair_flags(text, markup) == repair_flags_python(text, markup)
        and module.plain_repairs(text, INVISIBLE | CR) == plain_repairs_python(text, INVISIBLE | CR)
        and module.markup_counts(text, 8) == markup_counts_python(text, 8)
        and module.raw_opens(text, names) == raw_opens_python(text, names)
        for text in _PROBES for markup in (True, False)) and all(
        module.key_fold(text, start) == key for (text, start), key in _KEY_PROBES.items())


_KEY_PROBES = {("Ab 가\u200b·", 0): ("ab 가·", 6), ("x ÀB", 0): ("x ", 2), ("x ÀB", 2): ("", 2), ("\U0001f600", 1): ("", 1)}


_PROBES = ("", "<p>한국어 &amp; 기사</p>", "<TITLE>x</title><iframe src=a>", "<tıtle>x<title_>\r\u200b",
           "<div class=aaaaaaaaaaaa>", "<a\x80bc", "ü</x>")
_compiled = accel.load("text scans", "cleaner._scan", check=_self_check)
