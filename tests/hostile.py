"""Hostile inputs for the library and the CLI, generated from real Korean text.

Each case is a transformation (empty, binary junk, NUL bytes, huge pages, deep nesting,
unclosed tags, mislabelled encodings, mojibake, mixed scripts, spam spellings, control
characters) of the articles, dumps and pages in ``../shared`` (read, never copied here).
Deterministic (fixed seeds) and lazy: content is built on first use, then cached.
:func:`documents` gives the documents with their outcome class; :func:`jsonl_lines`,
:func:`cut_stream`, :func:`warc_records` the CLI's containers with the records they must
yield; :func:`bad_packs` the rule packs that must be refused.
"""

from __future__ import annotations

import gzip
import html
import json
import random
import re
import zlib
from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Iterator

from .conftest import KO_NEWS, SEED_DUMPS

SEED = 20251122

# Outcome classes: what Cleaner.clean must do with a case (and never anything else).
KOREAN = "korean"  # an Article whose text is Korean (Hangul share), not mojibake
SPAM_FREE = "spam-free"  # an Article without the spam line
EMPTY = "empty"  # CleanError("empty"), or an Article with no text
BOUNDED = "bounded"  # an Article or a CleanError; only the bounds are judged
KOREAN_OR_TIMEOUT = "korean-or-timeout"  # KOREAN, or CleanError("timeout") (costly structure)
BINARY, TOO_LARGE = "reject:binary", "reject:too-large"  # CleanError with that reason


@dataclass(frozen=True)
class Hostile:
    name: str  # unique and stable: family-variant-source
    kind: str  # the family
    build: Callable[[], str | bytes] = field(repr=False, compare=False)
    expect: str = BOUNDED
    spam: str = ""  # a line that must not survive (SPAM_FREE)
    html: bool = False  # written as .html (else .txt) for the CLI

    def content(self) -> str | bytes:
        if self.name not in _CACHE:
            _CACHE[self.name] = self.build()
        return _CACHE[self.name]


_CACHE: dict[str, str | bytes] = {}


def forget(case: Hostile) -> None:  # drop a built case (it is rebuilt when needed)
    _CACHE.pop(case.name, None)


# ------------------------------------------------------------------ real text
@cache
def texts() -> tuple[tuple[str, str], ...]:
    """(short name, text) of the seed articles and the ko-news crawler dumps."""
    seeds = [(f"s{p.stem[:3]}", p) for p in SEED_DUMPS]
    dumps = [(p.stem.replace("__", ""), p) for p in sorted((KO_NEWS / "text").glob("*.txt"))]
    return tuple((n, p.read_text(encoding="utf-8")) for n, p in seeds + dumps)


@cache
def articles() -> tuple[tuple[str, str], ...]:
    """The texts that are one Korean article each: short enough, mostly Hangul, and with
    sentences ending in 다. (a headline list or a saved HTML page is not one)."""
    return tuple((n, t) for n, t in texts() if len(t) <= 20_000 and _hangul(t) >= 0.8
                 and sum("다." in line for line in t.splitlines()) >= 5)


def _hangul(text: str) -> float:  # share of the letters that are Hangul syllables
    return sum("\uac00" <= ch <= "\ud7a3" for ch in text) / max(1, sum(ch.isalpha() for ch in text))


PAGES = ("mk__01", "naver__04", "chosun__07", "hani__01")  # UTF-8 and CP949 full-page articles


@cache
def article_pages() -> tuple[tuple[str, bytes], ...]:
    """(short name, bytes) of four full-page articles of different publishers."""
    rows = [r.split("\t") for r in (KO_NEWS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()]
    kinds = {r[rows[0].index("file")]: r[rows[0].index("kind")] for r in rows[1:]}
    assert all(kinds.get(f"html/{p}.html") == "full-page" for p in PAGES), "PAGES must be full-page articles"
    return tuple((p.replace("__", ""), (KO_NEWS / "html" / f"{p}.html").read_bytes()) for p in PAGES)


def ks_text(text: str) -> str:
    """The text without characters outside KS X 1001 (so every Korean codec can carry it)."""
    return text.encode("euc-kr", "ignore").decode("euc-kr")


def as_page(text: str, label: str | None = None) -> str:
    """A plain article page: a title and one <p> per line."""
    lines = [line for line in text.splitlines() if line.strip()]
    meta = f'<meta charset="{label}">' if label else ""
    return (f"<!doctype html><html><head>{meta}<title>{html.escape(lines[0])}</title></head>"
            f"<body><article><h1>{html.escape(lines[0])}</h1>\n{paragraphs(lines[1:])}</article></body></html>")


def paragraphs(lines: list[str] | str) -> str:
    lines = lines.split("\n") if isinstance(lines, str) else lines
    return "".join(f"<p>{html.escape(x)}</p>\n" for x in lines if x.strip())


def every(text: str, step: int, insert: str) -> str:  # ``insert`` after every ``step`` characters
    return insert.join(text[i:i + step] for i in range(0, len(text), step))


def _case(kind: str, variant: str, src: str, build: Callable[[], str | bytes], expect: str, **extra) -> Hostile:
    return Hostile(f"{kind}-{variant}-{src}".rstrip("-"), kind, build, expect, **extra)


def _table(kind: str, table: dict[str, Callable], sources, expect: str) -> Iterator[Hostile]:
    """One case per source text and transformation in ``table``."""
    for src, text in sources:
        for variant, spoil in table.items():
            yield _case(kind, variant, src, lambda t=text, f=spoil: f(t), expect)


# ------------------------------------------------------------------ families
BLANKS = {
    "nothing": "", "space": " ", "newlines": "\n" * 40, "mixed-ws": "\t \r\n\x0b\x0c \r",
    "ideographic": "\u3000" * 12, "nbsp": "\u00a0\u2003\u2009\u202f" * 4, "crlf": "\r\n" * 50,
    "html-shell": "<html></html>", "body-blank": "<html><body> \n </body></html>",
    "empty-paras": "<p> </p>" * 30, "bom-only": "\ufeff", "zero-width-only": "\u200b\u2060\ufeff" * 10,
}


def _empty() -> Iterator[Hostile]:
    for variant, blank in BLANKS.items():
        yield _case("empty", variant, "str", lambda b=blank: b, EMPTY)
        yield _case("empty", variant, "bytes", lambda b=blank: b.encode(), EMPTY)
    yield _case("empty", "utf16-bom-only", "", lambda: b"\xff\xfe", EMPTY)
    comment = {"comment-only": lambda t: f"<html><body><!-- {t} --></body></html>"}
    yield from _table("empty", comment, articles()[:2], EMPTY)


MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF", "gif": b"GIF89a", "pdf": b"%PDF-1.7\n",
         "zip": b"PK\x03\x04", "gzip": b"\x1f\x8b\x08\x00", "elf": b"\x7fELF\x02\x01\x01", "sqlite": b"SQLite format 3\x00"}


def noise(seed: int, size: int, high: bool = False) -> bytes:
    data = random.Random(SEED + seed).randbytes(size)
    return bytes(b | 0x80 for b in data) if high else data


def _binary() -> Iterator[Hostile]:
    for i, size in enumerate((512, 4096, 65536, 1 << 20)):
        yield _case("binary", f"noise-{size}", "", lambda i=i, n=size: noise(i, n), BINARY)
    for i, size in enumerate((1, 7, 33)):
        yield _case("binary", f"tiny-noise-{size}", "", lambda i=i, n=size: noise(10 + i, n), BOUNDED)
    for i, (fmt, magic) in enumerate(MAGIC.items()):
        yield _case("binary", f"magic-{fmt}", "", lambda i=i, m=magic: m + noise(20 + i, 4096), BINARY)
    for i, size in enumerate((4096, 65536)):
        yield _case("binary", f"high-bytes-{size}", "", lambda i=i, n=size: noise(30 + i, n, True), BOUNDED)
    src, text = articles()[0]
    yield _case("binary", "text-then-noise", src, lambda: text.encode() + noise(40, 20000), BOUNDED)
    yield _case("binary", "noise-then-text", src, lambda: noise(41, 20000) + text.encode(), BINARY)


NULS = {"sprinkled-str": lambda t: every(t, 37, "\x00"), "sprinkled-bytes": lambda t: every(t, 37, "\x00").encode(),
        "line-ends-bytes": lambda t: t.replace("\n", "\x00\n").encode(),
        "run-str": lambda t: t[:len(t) // 2] + "\x00" * 5000 + t[len(t) // 2:]}
CONTROLS = {
    "zwsp-words": lambda t: t.replace(" ", " \u200b"), "bom-lines": lambda t: t.replace("\n", "\n\ufeff"),
    "rlm-sentences": lambda t: t.replace("다.", "다.\u200f"), "word-joiner": lambda t: every(t, 5, "\u2060"),
    "rlo-lines": lambda t: "\n".join(f"\u202e{line}\u202c" for line in t.split("\n")),
    "isolates": lambda t: "\n".join(f"\u2067{line}\u2069" for line in t.split("\n")),
    "lrm-lre": lambda t: "\n".join(f"\u200e\u202a{line}\u202c" for line in t.split("\n")),
    "del": lambda t: every(t, 50, "\x7f"),
    "c0": lambda t: "".join(ch + (chr(1 + i % 8) if i % 50 == 49 else "") for i, ch in enumerate(t)),
}


def fullwidth(word: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in word)


OBFUSCATE = {
    "plain": lambda w: w, "zwsp": "\u200b".join, "zwnj": "\u200c".join, "zwj": "\u200d".join,
    "word-joiner": "\u2060".join, "fullwidth": fullwidth, "spaced": " ".join, "dotted": ".".join,
    "bidi-wrapped": lambda w: f"\u202b{w}\u202c", "fullwidth-zwsp": lambda w: "\u200b".join(fullwidth(w)),
}
SPAM_PAIRS = (("카지노", "casino"), ("바카라", "baccarat"), ("토토", "slot"), ("홀덤", "toto"))


def _spam() -> Iterator[Hostile]:
    sources = articles()
    for i, (words, (variant, obf)) in enumerate((p, o) for p in SPAM_PAIRS for o in OBFUSCATE.items()):
        src, text = sources[i % len(sources)]
        line, lines = f"{obf(words[0])} {obf(words[1])} 사이트", text.split("\n")
        doc = "\n".join(lines[:len(lines) // 2] + [line] + lines[len(lines) // 2:])
        yield _case("spam", f"{variant}-{words[1]}", src, lambda d=doc: d, SPAM_FREE, spam=line)


ENCODINGS = ("cp949", "utf-8", "johab", "iso-2022-kr", "utf-16", "utf-16-le", "utf-16-be")
LABELS = ("utf-8", "euc-kr", "iso-8859-1", "utf-16", "johab", "iso-2022-kr", None)
FAMILY = {"cp949": "euc-kr", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}


def _encodings() -> Iterator[Hostile]:
    """Every Korean encoding as a page that declares every other one (or none), and as text."""
    for src, text in articles()[:2]:
        for codec, label in ((c, lab) for c in ENCODINGS for lab in LABELS if FAMILY.get(c, c) != lab):
            build = lambda t=text, c=codec, lab=label: even(as_page(ks_text(t), lab).encode(c))  # noqa: E731
            yield _case("encoding", f"{codec}-as-{label or 'unlabelled'}", src, build, KOREAN, html=True)
    texts_in = {f"{codec}-text": lambda t, c=codec: ks_text(t).encode(c) for codec in ENCODINGS}
    yield from _table("encoding", texts_in, articles()[:3], KOREAN)


def even(data: bytes) -> bytes:  # an even length: a wrong UTF-16 reading is always possible
    return data + b"\n" if len(data) % 2 else data


def latin1_again(data: bytes, times: int = 1) -> bytes:
    """UTF-8 bytes read as Latin-1 and written out as UTF-8: ``times`` rounds of mojibake."""
    for _ in range(times):
        data = data.decode("latin-1").encode("utf-8")
    return data


MOJIBAKE = {
    "x1-bytes": lambda t: latin1_again(t.encode()), "x2-bytes": lambda t: latin1_again(t.encode(), 2),
    "x3-bytes": lambda t: latin1_again(t.encode(), 3), "x2-str": lambda t: latin1_again(t.encode(), 2).decode(),
    "alt-lines-str": lambda t: "\n".join(latin1_again(x.encode()).decode() if i % 2 else x
                                         for i, x in enumerate(t.split("\n"))),
    "x2-page-bytes": lambda t: latin1_again(as_page(t, "utf-8").encode(), 2),
}
LEGACY_MOJIBAKE = {  # CP949 read as Latin-1 (the Korean web's own mojibake); lossy cp1252
    "cp949-as-latin1-str": lambda t: ks_text(t).encode("cp949").decode("latin-1"),
    "cp949-as-latin1-bytes": lambda t: ks_text(t).encode("cp949").decode("latin-1").encode(),
}


def _mojibake() -> Iterator[Hostile]:
    yield from _table("mojibake", MOJIBAKE, articles()[:4], KOREAN)
    for src, text in articles()[:2]:
        yield from _table("mojibake", LEGACY_MOJIBAKE, [(src, text)], KOREAN)
        yield _case("mojibake", "cp1252-lossy", src, lambda t=text: t.encode().decode("cp1252", "replace"), BOUNDED)


MIXED = {
    "cyrillic-greek": " Это пример текста. Αυτό είναι ένα παράδειγμα.",
    "arabic-hebrew": ' \u200fقال المتحدث "مرحبا بكم" وأضاف שלום לכולם\u200f',
    "cjk-kana": " 韓國 經濟 漢字 表記와 ひらがな カタカナ 中文字符",
    "emoji-zwj": " \U0001F468\u200d\U0001F469\u200d\U0001F467 \U0001F1F0\U0001F1F7 \u2764\ufe0f",
}
SCRIPTS = {k: lambda t, s=s: "\n".join(x + s if i % 2 else x for i, x in enumerate(t.split("\n")))
           for k, s in MIXED.items()}

# The brief's 10,000-deep <div>; other elements (other parser paths) 2,000 deep, still
# far beyond Python's recursion limit.
NESTS = {"div": ("<div>", "</div>", 10_000), "span": ("<span>", "</span>", 2000), "b": ("<b>", "</b>", 2000),
         "table": ("<table><tr><td>", "</td></tr></table>", 2000), "li": ("<ul><li>", "</li></ul>", 2000),
         "blockquote": ("<blockquote>", "</blockquote>", 2000), "article": ("<article>", "</article>", 2000),
         "section": ('<section class="c">', "</section>", 2000)}
HEAD = "<html><head><title>t</title></head><body>"


def _nesting() -> Iterator[Hostile]:
    sources = articles()
    for i, (variant, (open_, close, depth)) in enumerate(NESTS.items()):
        src, text = sources[i % len(sources)]
        closed = lambda t=text, o=open_, c=close, d=depth: HEAD + o * d + paragraphs(t) + c * d  # noqa: E731
        yield _case("nesting", f"{variant}-{depth}-closed", src, closed, KOREAN_OR_TIMEOUT, html=True)
        unclosed = lambda t=text, o=open_, d=depth: HEAD + o * d + paragraphs(t)  # noqa: E731
        yield _case("nesting", f"{variant}-{depth}-unclosed", src, unclosed, KOREAN_OR_TIMEOUT, html=True)


def _after_body(page: bytes, insert: bytes) -> bytes:
    at = m.end() if (m := re.search(rb"<body[^>]*>", page, re.I)) else 0
    return page[:at] + insert + page[at:]


# Every closing tag but those of raw-text elements (whose content would swallow the page).
_RAW_SAFE_CLOSE = re.compile(rb"</(?!(?:script|style|title|textarea|iframe|noscript|noembed|noframes|xmp)\b)"
                             rb"[a-zA-Z0-9]+\s*>", re.I)
# Breaks that leave the article visible must still give it; those that hide part of the
# page (up to the page's own next "-->", "</script>", quote) are only bounded.
BREAKS = {
    "no-closing-tags": (lambda p: _RAW_SAFE_CLOSE.sub(b"", p), KOREAN_OR_TIMEOUT),
    "cut-60pct": (lambda p: p[: len(p) * 6 // 10], BOUNDED),
    "stray-lt": (lambda p: p.replace(b". ", b". < "), KOREAN),
    **{f"unclosed-{tag}": (lambda p, s=start: _after_body(p, s), BOUNDED) for tag, start in
       (("comment", b"<!--"), ("script", b"<script>"), ("quote", b'<div class="'), ("title", b"<title>"),
        ("iframe", b"<iframe>"))},
}


def _unclosed() -> Iterator[Hostile]:
    for src, page in article_pages():
        for variant, (spoil, expect) in BREAKS.items():
            yield _case("unclosed", variant, src, lambda p=page, f=spoil: f(p), expect, html=True)


def repeat_to(unit: str, size: int) -> str:  # ``unit`` repeated to about ``size`` UTF-8 bytes
    return unit * (size // max(1, len(unit.encode())) + 1)


def _huge() -> Iterator[Hostile]:
    src, text = articles()[0]
    line, mb = text.replace("\n", " "), 1 << 20
    page = lambda: (HEAD.replace("<head>", "<head><meta charset='utf-8'>") + repeat_to(paragraphs(text), 20 * mb)).encode()  # noqa: E731
    yield _case("huge", "page-20mb", src, page, TOO_LARGE, html=True)
    yield _case("huge", "text-20mb", src, lambda: repeat_to(text, 20 * mb), TOO_LARGE)
    yield _case("huge", "line-5mb", src, lambda: repeat_to(line, 5 * mb), BOUNDED)
    yield _case("huge", "line-5mb-nospace-bytes", src, lambda: repeat_to(re.sub(r"\s", "", text), 5 * mb).encode(), BOUNDED)
    yield _case("huge", "line-5mb-html", src, lambda: f"<html><body><p>{repeat_to(line, 5 * mb)}</p></body></html>", BOUNDED, html=True)
    yield _case("huge", "newlines-1m", src, lambda: "\n" * 1_000_000 + text, BOUNDED)
    yield _case("huge", "entities-1m", src, lambda: text + "&amp;&#44032;&lt;" * 200_000, BOUNDED)
    yield _case("huge", "lines-4m", src, lambda: "a\n" * 4_000_000, BOUNDED)
    yield _case("huge", "short-lines-16k", src, lambda: text + "\n" + "짧\n" * 16_000, KOREAN)  # context pass
    yield from _markup_bombs(src, HEAD, paragraphs(text), [w for w in text.split() if w][:100])


def _markup_bombs(src: str, head: str, body: str, words: list[str]) -> Iterator[Hostile]:
    row = "<tr>" + "".join(f"<td>{w}</td>" for w in words) + "</tr>"
    # 180k cells: just under pipeline.MAX_TAGS, and about 1.5x the CLI test's --timeout of CPU
    # (100k cells fell under it once the compiled steps landed)
    bombs = {"table-180k-cells": "<table>" + row * (180_000 // len(words)) + "</table>",
             "paragraphs-500k": "".join(f"<p>{i}</p>" for i in range(500_000)),
             "attributes-100k": "<div " + " ".join(f'a{i}="{i}"' for i in range(100_000)) + "></div>",
             "class-3m-tokens": '<div class="' + "x " * 3_000_000 + '"></div>'}
    for variant, bomb in bombs.items():
        yield _case("huge", variant, src, lambda b=bomb: head + b + body, BOUNDED, html=True)


FAMILIES = (_empty, _binary, lambda: _table("nul", NULS, articles()[:6], KOREAN),
            lambda: _table("controls", CONTROLS, articles()[:3], KOREAN), _spam, _encodings, _mojibake,
            lambda: _table("scripts", SCRIPTS, articles()[:3], KOREAN), _nesting, _unclosed, _huge)


@cache
def documents() -> tuple[Hostile, ...]:
    cases = tuple(c for family in FAMILIES for c in family())
    names = [c.name for c in cases]
    assert len(set(names)) == len(names), "hostile case names must be unique"
    return cases


# ------------------------------------------------------------------ containers for the CLI
@dataclass(frozen=True)
class Expected:  # a record the CLI must account for, once
    id: str
    outcome: str = "doc"  # "doc" (written, or rejected by the cleaner) or "reject:REASON"


BAD_VALUES = {"number": 12345, "float": 3.5, "list": ["가나다"], "object": {"k": "가"}, "bool": True, "null": None}
# The JSONL reader's documented rules: an integer id is used as text, a null id or url is
# as good as a missing one; every other wrongly typed field is a reject.
FIELD_OUTCOME = {("id", "number"): "doc", ("id", "null"): "doc", ("url", "null"): "doc"}


def jsonl_lines(docs: list[tuple[str, str]], prefix: str) -> list[tuple[bytes, str]]:
    """(line, outcome) for good documents, wrongly typed fields and broken lines, with
    blank lines between them (outcome "blank": not records)."""
    good = [json.dumps({"id": f"{prefix}/{n}", "text": t}, ensure_ascii=False).encode() for n, t in docs]
    out = [(line, "doc") for line in good]
    for fld, (kind, value) in ((f, kv) for f in ("id", "url", "text") for kv in BAD_VALUES.items()):
        obj = {"id": f"{prefix}/bad-{fld}-{kind}", "url": "https://example.com/x", "text": articles()[0][1][:300], fld: value}
        out.append((json.dumps(obj, ensure_ascii=False).encode(), FIELD_OUTCOME.get((fld, kind), "reject:bad-field")))
    out += [(raw, "reject:malformed") for raw in _broken_lines(good[0])]
    out += [(b"\xef\xbb\xbf" + good[-1], "doc"), (good[-2] + b"\r", "doc"), (b"{}", "reject:bad-field")]
    random.Random(SEED).shuffle(out)
    return [x for pair in zip(out, [(b"", "blank"), (b"  \t", "blank")] * len(out)) for x in pair]


def _broken_lines(good: bytes) -> list[bytes]:
    text = json.loads(good)["text"]
    bad_utf8 = json.dumps({"id": "bad-utf8", "text": text[:80]}, ensure_ascii=False).encode()
    return [b"{broken", b"[1, 2, 3]", b"null", '"가나다"'.encode(), b"12345", good[: len(good) // 2],
            bad_utf8[:30] + b"\xff\xfe\xc3\x28" + bad_utf8[30:],
            json.dumps({"text": text[:50] + "\x00"}).encode().replace(b"\\u0000", b"\x00")]


def line_id(line: bytes, source: str, n: int) -> str:
    """The id a JSONL record gets: its "id" field (string or integer), else source:line."""
    try:
        value = json.loads(line).get("id")
    except (ValueError, AttributeError):
        value = None
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else f"{source}:{n}"


def jsonl_file(source: str, lines: list[tuple[bytes, str]]) -> tuple[bytes, list[Expected]]:
    data = b"".join(line + b"\n" for line, _ in lines)
    return data, [Expected(line_id(x, source, n), o) for n, (x, o) in enumerate(lines, 1) if o != "blank"]


def cut_expected(source: str, lines: list[tuple[bytes, str]], recovered: bytes) -> list[Expected]:
    """The records of a JSONL stream cut off where ``recovered`` (what a decoder still
    gives) ends: every complete line, then one "truncated" reject."""
    n = recovered.count(b"\n")
    return jsonl_file(source, lines[:n])[1] + [Expected(f"{source}:{n + 1}", "reject:truncated")]


def cut_stream(data: bytes, codec: str) -> tuple[bytes, bytes]:
    """(``data`` compressed with gzip or zstd — flushed every 4 KB — and cut halfway,
    what the decompressor alone still recovers from the cut stream)."""
    import zstandard

    if codec == "gzip":
        cut = (packed := gzip.compress(data, mtime=0))[: len(packed) // 2]
        return cut, zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut)
    obj = zstandard.ZstdCompressor(level=3).compressobj()
    packed = b"".join(obj.compress(data[i:i + 4096]) + obj.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
                      for i in range(0, len(data), 4096)) + obj.flush()
    return packed[: len(packed) // 2], zstandard.ZstdDecompressor().decompressobj().decompress(packed[: len(packed) // 2])


def warc_record(n: int, body: bytes, content_type: str = "text/html") -> tuple[str, bytes]:
    """(record id, a WARC/1.0 response record with an HTTP response around ``body``)."""
    rid = f"<urn:uuid:{n:08d}-0000-4000-8000-000000000000>"
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: {rid}\r\nWARC-Date: 2025-01-01T00:00:00Z\r\n"
            f"WARC-Target-URI: https://example.com/{n}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return rid, head + http + b"\r\n\r\n"


CHARSETS = ("", "; charset=utf-8", "; charset=euc-kr", "; charset=iso-8859-1", "; charset=utf-16", "; charset=x-unknown")


def warc_records(docs: list[Hostile], max_bytes: int, first: int = 1) -> list[tuple[bytes, Expected]]:
    """Byte documents as response records (with right, wrong and unknown HTTP charsets),
    and a PNG that is not text."""
    out = []
    for n, case in enumerate(docs, first):
        body = case.content() if isinstance(case.content(), bytes) else case.content().encode()
        rid, rec = warc_record(n, body, "text/html" + CHARSETS[n % len(CHARSETS)])
        too_large = len(rec) > max_bytes  # (about: the record's HTTP block is what is measured)
        out.append((rec, Expected(rid, "reject:too-large" if too_large else cli_outcome(case))))
    rid, rec = warc_record(first + len(docs), MAGIC["png"] + noise(99, 2000), "image/png")
    return out + [(rec, Expected(rid, "skip:not-html"))]


def cli_outcome(case: Hostile) -> str:
    return case.expect if case.expect in ("reject:binary", "reject:empty") else "doc"


# ------------------------------------------------------------------ rule packs
GOOD_PACK = """[pack]
id = "hostile"
version = "2025-01-01"
kind = "site"
domains = ["hostile.example"]

[[rule]]
id = "promo"
kind = "ad"
pattern = '^광고\\s*문의'
"""
REGION = b"\n[[region]]\nid = \"r\"\nkind = \"summary\"\nstart = 'a'\nend = 'b'\nsize = 3\n"


@dataclass(frozen=True)
class BadPack:
    name: str  # kind-variant; kind: toml, unknown, type, regex, regex-accepted
    data: bytes  # the .toml file
    where: tuple[str, ...]  # what the error message must name, beside the file
    attack: str = ""  # regex-accepted: a line the pattern backtracks catastrophically on


def _edit(old: str, new: str) -> bytes:
    assert old in GOOD_PACK, old
    return GOOD_PACK.replace(old, new, 1).encode()


def _regex(pattern: str) -> bytes:
    return _edit("pattern = '^광고\\s*문의'", f"pattern = '{pattern}'")


@cache
def bad_packs() -> tuple[BadPack, ...]:
    packs = [
        ("toml-unterminated-string", _edit('"2025-01-01"', '"2025-01-01'), ("line",)),
        ("toml-duplicate-key", _edit('kind = "site"', 'kind = "site"\nkind = "common"'), ("line",)),
        ("toml-broken-header", _edit("[[rule]]", "[[rule]"), ("line",)),
        ("toml-bare-word", _edit('kind = "ad"', "kind = ad"), ("line",)),
        ("toml-not-utf8", GOOD_PACK.encode("cp949"), ("cannot read",)),
        ("unknown-pack-field", _edit('kind = "site"', 'kind = "site"\ncolour = "red"'), ("pack", "colour")),
        ("unknown-rule-typo", _edit("pattern =", "patern ="), ("rule[0]", "patern")),
        ("unknown-top-table", GOOD_PACK.encode() + b"\n[extra]\nx = 1\n", ("top level", "extra")),
        ("unknown-region-field", GOOD_PACK.encode() + REGION, ("region[0]", "size")),
        ("type-version-int", _edit('"2025-01-01"', "2025-01-01"), ("pack.version",)),
        ("type-domains-str", _edit('["hostile.example"]', '"hostile.example"'), ("pack.domains",)),
        ("type-kind-unknown", _edit('kind = "ad"', 'kind = "banana"'), ("rule[0].kind",)),
        ("type-min-hits-str", _edit('kind = "ad"', 'kind = "ad"\nmin_hits = "2"'), ("rule[0].min_hits",)),
    ]
    regexes = [("nested", r"(\w+\s?)*$"), ("overlap", "(a|aa)+$"), ("nested-plus", "(x+x+)+y"),
               ("unbalanced", r"(광고\s*문의"), ("too-long", "가" * 2001)]
    packs += [(f"regex-{n}", _regex(p), ("rule[0]", "pattern")) for n, p in regexes]
    # Patterns that backtrack catastrophically in the regex engine, yet pass the load check.
    accepted = [("lazy-commas", r"(.*?,){11}p", "," * 40), ("backreference", r"(\w)\1*(?:\w|\1)+$", "가" * 40 + "!")]
    return tuple([BadPack(*p) for p in packs] + [BadPack(f"regex-accepted-{n}", _regex(p), ("rule[0]", "pattern"), a)
                                                for n, p, a in accepted])
