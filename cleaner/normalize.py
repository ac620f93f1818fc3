"""Text repair for output and folding for matching.

Two different things happen here and they must not be confused:

* :func:`repair` changes what the user gets back: mojibake and broken HTML
  entities are fixed (ftfy), nothing else.  Curly quotes, fullwidth forms and
  Hanja stay as the publisher wrote them.
* :func:`match_key` and :func:`compact_key` are only for matching rules: NFKC
  folds fullwidth ``ｃａｓｉｎｏ`` to ``casino``, zero-width characters that
  spammers insert are removed, and the compact key also drops spaces and
  punctuation so ``카 . 지 . 노`` still reads ``카지노``.
"""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy
import re2

from . import scan

# ftfy's defaults also uncurl quotes and fold character widths; a cleaner must
# not rewrite the article, so only the repairs are switched on.
_FTFY = ftfy.TextFixerConfig(
    unescape_html="auto",
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=True,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=False,
)
_FTFY_MARKUP = _FTFY._replace(unescape_html=False)

# Characters that only appear in Korean text as the remains of mis-decoding
# (UTF-8 read as Latin-1/CP1252) or of HTML entities: the cheap gate before ftfy.
_MOJIBAKE = re.compile(
    "[\u0080-\u009f\x00-\x08\x0b\x0c\x0e-\x1f\x1b\ufffd]"
    "|[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
_ENTITY_ASCII = re.compile(_ENTITY.pattern, re.ASCII)  # ASCII digits, as RE2 reads _SUSPECT_BYTES
_SUSPECT = re.compile(f"{_MOJIBAKE.pattern}|{_ENTITY.pattern}")
# Invisible characters (scan.INVISIBLE_CHARS) are removed from the output; match keys also
# drop ZWNJ/ZWJ and soft hyphens, which split a word for a pattern ("카\u200d지노").
_ZERO_WIDTH = re.compile(f"[{scan.INVISIBLE_CHARS}\u200c\u200d\u00ad]")
_NON_WORD = re.compile(r"[\W_]+")


def _bytes_pattern(pattern: re.Pattern[str]) -> re2._Regexp:
    """The same pattern for RE2 over UTF-8 bytes (a linear-time scan of a whole document)."""
    options = re2.Options()
    options.log_errors = False
    return re2.compile(pattern.pattern.encode("utf-8"), options)


_MOJIBAKE_BYTES = _bytes_pattern(_MOJIBAKE)
_SUSPECT_BYTES = _bytes_pattern(_SUSPECT)


def repair(text: str, *, markup: bool = False) -> str:
    """Return ``text`` with mojibake, entities and control characters repaired.

    ftfy is only run on the lines that hold a character mis-decoding leaves
    behind, found by one RE2 pass over the document, so clean Korean text passes
    through at full speed.  In ``markup`` (an HTML page) entities are left to the
    parser: ``&lt;`` or ``&quot;`` unescaped before parsing would turn text into
    tags or break attributes.  One quick scan (:func:`cleaner.scan.repair_flags`)
    tells which of these steps the text needs: most need none, or only the first two.
    """
    flags = scan.repair_flags(text, markup)
    text = scan.plain_repairs(text, flags)  # invisible characters, line ends
    if not flags & scan.LINES:  # nothing in any line to repair
        return text
    if not markup and not scan.repair_flags(text, True) & scan.LINES:  # no mojibake: only entities
        return unescape_entity_lines(text)
    data = text.encode("utf-8", "surrogatepass")
    suspect = lines_with(_MOJIBAKE_BYTES if markup else _SUSPECT_BYTES, data)
    if not suspect:
        return text
    lines = text.split("\n")
    for i in suspect:
        line = lines[i]
        if _MOJIBAKE.search(line):
            lines[i] = _cp949_read_as_latin1(line) or ftfy.fix_text(line, _FTFY_MARKUP if markup else _FTFY)
        else:  # only entities such as &amp;
            lines[i] = html.unescape(line)
    return "\n".join(lines)


def unescape_entity_lines(text: str) -> str:
    """``text`` with its lines that hold an entity (``&amp;``, ``&#39;`` …) unescaped, as
    :func:`repair` does when no character of mojibake is in the text (``_SUSPECT`` then
    matches entities only): found by the pattern's own scan for ``&``, not line by line."""
    out, at = [], 0
    for m in _ENTITY_ASCII.finditer(text):
        if m.start() < at:  # in a line unescaped already
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        out += [text[at:start], html.unescape(text[start:end])]
        at = end
    return "".join(out) + text[at:] if out else text


def lines_with(pattern: re2._Regexp, data: bytes) -> list[int]:
    """Numbers (0-based) of the lines of ``data`` where ``pattern`` matches the line
    alone, in one pass over the document: after a match the search goes on from the
    next line.  A multi-line pattern (``(?m)^…$``) reads each line's ends as the ends
    of the text; a match that runs over a line break (a pattern compiled without
    ``never_nl``) is checked on its first line alone (RE2 sees the text around the
    line: ``(?m)`` anchors still hold at the line break)."""
    out: list[int] = []
    line, at, size = 0, 0, len(data)
    while (m := pattern.search(data, at)) is not None:
        start = m.start()
        line += data.count(b"\n", at, start)
        end = data.find(b"\n", start)
        end = size if end < 0 else end
        if m.end() <= end or pattern.search(data, data.rfind(b"\n", 0, start) + 1, end) is not None:
            out.append(line)
        if end == size:
            break
        line, at = line + 1, end + 1
    return out


def unescape_entities(text: str) -> str:
    """Entities left in text the HTML parser already decoded once (``&amp;quot;`` on the page)."""
    return html.unescape(text) if "&" in text and _ENTITY.search(text) else text


def tidy(text: str) -> str:
    """A value read off a parsed page as it prints: spaces collapsed, entities left over decoded."""
    return unescape_entities(" ".join(text.split()))


_LATIN1_RUN = re.compile("[\u00a1-\u00fe]{4,}")
CP949_HANGUL_SHARE = 0.5  # of the repaired line's letters, for the repair to be taken


def _cp949_read_as_latin1(line: str) -> str | None:
    """The Korean web's own mojibake: CP949 bytes shown as Latin-1 (¿ä¾àÀº…).
    ftfy repairs UTF-8 mojibake only; this tries the CP949 reading and keeps it
    when it gives a line that is mostly Hangul."""
    if not _LATIN1_RUN.search(line):
        return None
    try:
        fixed = line.encode("cp1252" if any(ord(c) > 255 for c in line) else "latin-1").decode("cp949")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    letters = [c for c in fixed if c.isalpha()]
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7a3")
    return fixed if letters and hangul >= CP949_HANGUL_SHARE * len(letters) else None


def match_key(text: str) -> str:
    """NFKC-folded, lower-cased text without zero-width characters (ⓒ reads ©:
    NFKC alone would fold it to a plain "c").  Made compiled where ``cleaner._scan`` is
    built (:func:`_compiled_key`), else in Python (:func:`_folded_key`, the reference)."""
    if "ⓒ" in text or "Ⓒ" in text:
        text = text.replace("ⓒ", "©").replace("Ⓒ", "©")
    text = _plain_folded(text)
    return _compiled_key(text) if scan.key_folds() else _folded_key(text)


def _compiled_key(text: str) -> str:
    """The match key of ``text`` made by the compiled fold (:func:`cleaner.scan.key_fold`),
    but for each word that holds a character it does not know, folded in Python.  A key is
    the keys of its pieces joined, cut at a space or a line break: nothing folds,
    composes or changes case across either (``Σ`` ends a word at both)."""
    parts, pos, size = [], 0, len(text)
    while True:
        key, end = scan.key_fold(text, pos)
        if end == size:
            return key if not parts else "".join(parts) + key
        stop = _word_end(text, end)
        parts += [key, _folded_key(text[end:stop])]
        if stop == size:
            return "".join(parts)
        pos = stop


def _word_end(text: str, start: int) -> int:
    """The first space or line break at or after ``start``, else the end of ``text``."""
    space, line = text.find(" ", start), text.find("\n", start)
    ends = [at for at in (space, line) if at >= 0]
    return min(ends) if ends else len(text)


def _folded_key(text: str) -> str:
    """The match key of ``text`` (its "ⓒ" read as "©"), in Python: the reference."""
    folded = nfkc(text)
    return (folded if _printable(folded) else _ZERO_WIDTH.sub("", folded)).lower()


def _printable(text: str) -> bool:
    """Whether ``text`` has no character ``str.isprintable`` refuses but line feeds
    and tabs: then it has no zero-width character either (all are controls or format
    characters), and the quick C test spares the pattern's scan."""
    return text.replace("\n", " ").replace("\t", " ").isprintable()


# characters common in Korean news that NFKC folds, each with its full decomposition
# (what NFKD makes of it, already folded): no-break space, ellipsis, araea (the
# "ㆍ" written between listed words)
_PLAIN_FOLDS = tuple((c, unicodedata.normalize("NFKD", c)) for c in "\xa0\u2026\u318d")
NFKC_PIECE = 48  # characters: a piece of a line this short is folded whole


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, folding only the lines, and halves of
    lines, that need it (a document of clean Hangul with one "…" is not decomposed and
    recomposed whole).  Cutting at a line break or a space changes nothing: both are
    starters that no character composes with and that no mark is reordered across,
    so the fold of a text is the fold of its pieces, joined.  The commonest
    characters that need folding are first replaced by their decompositions
    (``_PLAIN_FOLDS``), which leaves the fold as it was: NFKC composes the full
    decomposition of the text, the same with or without the replacement."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = _plain_folded(text)
    if unicodedata.is_normalized("NFKC", text):
        return text
    return "\n".join(map(_nfkc_piece, text.split("\n"))) if "\n" in text else _nfkc_piece(text)


def _plain_folded(text: str) -> str:
    """``text`` with the ``_PLAIN_FOLDS`` characters replaced by their decompositions."""
    for char, folded in _PLAIN_FOLDS:
        if char in text:
            text = text.replace(char, folded)
    return text


def _nfkc_piece(text: str) -> str:
    if unicodedata.is_normalized("NFKC", text):
        return text
    half = len(text) // 2
    cut = text.find(" ", half) if len(text) > NFKC_PIECE else -1
    if cut < 0 and len(text) > NFKC_PIECE:
        cut = text.rfind(" ", 0, half)
    if cut < 0:
        return unicodedata.normalize("NFKC", text)
    return _nfkc_piece(text[:cut]) + " " + _nfkc_piece(text[cut + 1:])


def text_offset(text: str, key_offset: int) -> int | None:
    """The offset in ``text`` where its match key reaches ``key_offset``.

    Folding changes lengths (… becomes ..., zero-width characters vanish), so a
    span found in the key is mapped back character by character; None when
    ``key_offset`` falls inside one character's folded form.  Runs of characters
    that fold to one character (printable ASCII, Hangul syllables: ``_ONE_TO_ONE``)
    are stepped over at once.
    """
    pos, i, size = 0, 0, len(text)
    while i < size:
        other = _NOT_ONE_TO_ONE.search(text, i)
        j = size if other is None else other.start()
        if 0 <= key_offset - pos < j - i:  # reached inside the run
            return i + key_offset - pos
        pos, i = pos + j - i, j
        if i == size:
            break
        if pos == key_offset:
            return i
        pos += len(match_key(text[i]))
        if pos > key_offset:
            return None
        i += 1
    return size if pos == key_offset else None


_ONE_TO_ONE = "\x01-\x7e\uac00-\ud7a3"  # characters whose match key is one character
_NOT_ONE_TO_ONE = re.compile(f"[^{_ONE_TO_ONE}]")


def compact_key(key: str) -> str:
    """A match key with all spaces and punctuation removed (for spam vocabularies)."""
    return _NON_WORD.sub("", key)
