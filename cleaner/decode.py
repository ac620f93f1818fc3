"""Bytes to text, before anything parses them.

Korean pages are often EUC-KR, which in practice means Microsoft's superset
CP949 (euc-kr, ks_c_5601-1987 and windows-949 labels are all read as cp949),
and a declared charset is sometimes wrong.  Order:

1. a byte-order mark;
2. strict UTF-8 when the bytes hold non-ASCII text that is valid UTF-8: legacy
   Korean bytes are practically never valid UTF-8, so a page that declares
   euc-kr but is valid UTF-8 (a common mislabel) is read as UTF-8;
3. the declared charset (HTTP header given by the caller, else ``<meta>``),
   accepted only if the bytes decode under it without errors;
4. CP949, when the bytes decode under it cleanly and look like Hangul;
5. charset-normalizer's detection; last, UTF-8 with replacement characters.

A document stored as the body of a JSON or code string (``\n`` and ``\"``
written out as backslash escapes, with hardly a real line break) is told by
:func:`looks_escaped` and undone by :func:`unescape_literals`, after decoding
(``pipeline.prepared``, for bytes and str alike).
"""

from __future__ import annotations

import codecs
import re

from .model import CleanError

_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w:.-]{2,40})""", re.I)
_ALIASES = {
    "euc-kr": "cp949", "euckr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949", "ksc5601": "cp949", "x-windows-949": "cp949", "windows-949": "cp949",
    "korean": "cp949", "uhc": "cp949", "iso-8859-1": "cp1252", "latin1": "cp1252",
    "latin-1": "cp1252", "ascii": "utf-8", "us-ascii": "utf-8", "utf8": "utf-8",
}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
SNIFF_BYTES = 4096  # where a <meta charset> is looked for
_ISO2022KR = b"\x1b$)C"  # ESC $ ) C: the designator an ISO-2022-KR text starts with (RFC 1557)
ESCAPED_MIN = 5  # literal \n / \" escapes needed before a text counts as an escaped string
ESCAPED_PER_NEWLINE = 4  # … and at least this many of them per real line break
_FULL_PAGE = re.compile(r"<!doctype|<head[\s>]", re.I)
_LITERAL = re.compile(r"""\\(?:r\\n|[nrt"/'])""")
_UNESCAPE = {"\\r\\n": "\n", "\\n": "\n", "\\r": "\n", "\\t": " ", '\\"': '"', "\\/": "/", "\\'": "'"}
MAX_CONTROL_SHARE = 0.05  # more C0 control bytes than this: binary, not text


def normalise_charset(label: str | None) -> str | None:
    """Map a declared label to the codec Python should use (euc-kr → cp949 …)."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    m = _META.search(data[:SNIFF_BYTES])
    codec = normalise_charset(m.group(1).decode("ascii", "ignore")) if m else None
    return "utf-8" if codec and codec.startswith("utf-16") else codec  # a <meta> read as ASCII is not UTF-16 (WHATWG)


def decode_bytes(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Return (text, codec used).  Raises CleanError('binary') for non-text data."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    if _ISO2022KR in data[:SNIFF_BYTES]:  # its escape bytes would read as binary
        return data.decode("iso2022_kr", errors="replace"), "iso2022_kr"
    utf16 = _utf16_without_bom(data)
    if utf16:  # its NUL bytes would read as binary
        return data.decode(utf16, errors="replace"), utf16
    _refuse_binary(data)
    text, codec = _decode(data, http_charset)
    return text, codec


def _decode(data: bytes, http_charset: str | None) -> tuple[str, str]:
    if not data.isascii():
        text = _strict(data, "utf-8")
        if text is not None:
            return text, "utf-8"
    for codec in (normalise_charset(http_charset), declared_charset(data), "utf-8"):
        text = _strict(data, codec)
        if text is not None and not (codec in _SINGLE_BYTE and _korean_behind(data)):
            return text, codec  # type: ignore[return-value]
    text = _strict(data, "cp949")
    if text is not None and _hangul_share(text) > 0.05:
        return text, "cp949"
    return _detect(data)


def looks_escaped(text: str) -> bool:
    """True for a document written out as an escaped string: many literal ``\\n``/``\\"``
    escapes, few real line breaks, and no more plain ``="`` attributes than escaped
    ``=\\"`` ones; a whole page (doctype, ``<head>``) keeps the escapes in its scripts."""
    if _FULL_PAGE.search(text, 0, 4096):
        return False  # a whole page (doctype, <head>) is never a quoted string
    sample = text[:200_000]
    escapes = sum(1 for m in _LITERAL.finditer(sample) if m.group(0) != "\\/")
    return (escapes >= ESCAPED_MIN and escapes >= ESCAPED_PER_NEWLINE * sample.count("\n")
            and sample.count('="') <= sample.count('=\\"'))


def unescape_literals(text: str) -> str:
    """Turn literal ``\\r\\n``, ``\\n``, ``\\t``, ``\\"``, ``\\/`` escapes back into characters."""
    return _LITERAL.sub(lambda m: _UNESCAPE[m.group(0)], text)


def _strict(data: bytes, codec: str | None) -> str | None:
    if not codec:
        return None
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    codec = normalise_charset(best.encoding) if best else None
    if codec:
        return data.decode(codec, errors="replace"), codec
    return data.decode("utf-8", errors="replace"), "utf-8"


_SINGLE_BYTE = frozenset({"cp1252", "latin-1", "iso8859-1", "iso8859-15"})  # decode any bytes
UTF16_NUL_SHARE = 0.3  # NULs at even (or odd) positions in a UTF-16 text without a BOM


def _korean_behind(data: bytes) -> bool:
    """A label that accepts any byte (Latin-1) on bytes that read cleanly as CP949 Korean."""
    text = _strict(data[:20_000].rsplit(b"\n", 1)[0] if len(data) > 20_000 else data, "cp949")
    return text is not None and _hangul_share(text) > 0.2


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: NULs fall on one parity of positions."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= UTF16_NUL_SHARE * half and even < odd / 10:
        return "utf-16-le"  # ASCII/Latin text: high bytes (odd positions) are zero
    if even >= UTF16_NUL_SHARE * half and odd < even / 10:
        return "utf-16-be"
    return None


def _hangul_share(text: str) -> float:
    sample = text[:20_000]
    hangul = sum(1 for ch in sample if "\uac00" <= ch <= "\ud7a3")
    return hangul / max(1, len(sample))


_TEXT_BYTES = bytes([9, 10, 11, 12, 13, *range(32, 256)])


def _refuse_binary(data: bytes) -> None:
    sample = data[:8192]
    if not sample:
        return
    controls = len(sample.translate(None, _TEXT_BYTES))  # bytes < 9 or 14..31
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise CleanError("binary", f"{controls} control bytes in the first {len(sample)}")
