"""The pipeline, top to bottom: :meth:`Cleaner.clean`.

    decode → repair → site pack → segment (lines, or HTML blocks) → rules
    → heuristic classes → join broken paragraphs → headline and deck
    → context revision → headings → assemble metadata → language

A site pack's result that keeps far less body than the document's sentences
allow is checked against the generic path, and dropped for it when the generic
path keeps far more (:func:`distrust_reason`).

Every step leaves its decision and reason on the blocks; ``Article.removed``
lists every line that is not in the body, and why.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from . import classify, heuristic, layout, meta, region, speech
from .html.describe import hostname
from .lang import detect_language
from .model import Article, Block, CleanError, Removed, text_size
from .nesting import check_nesting
from .normalize import match_key, repair
from .packs import Pack, PackSet
from .rulebook import BookChain, FingerprintIndex, RuleBook
from .scan import ascii_any_case, markup_counts, raw_opens
from .segment import segment_text
from .urls import document_host, readable_url
from .vocab import is_sentence

MAX_INPUT_BYTES = 32 * 1024 * 1024  # a larger document is rejected, not cleaned
TIME_LIMIT = 30.0  # seconds (of its thread's CPU time) one document may take; then CleanError("timeout")
WALL_FACTOR = 2.0  # … and at most this many times as long by the clock
FINGERPRINT_WINDOW = 50_000  # characters scanned for site fingerprints (head and tail)


class Cleaner:
    """Loads the rule packs once; :meth:`clean` is then safe to call many times."""

    def __init__(
        self,
        rules: list[Path] | None = None,
        *,
        site_packs: bool = True,
        max_bytes: int = MAX_INPUT_BYTES,
        time_limit: float | None = TIME_LIMIT,
    ) -> None:
        """``rules``: rule-pack files or folders (default: the bundled ``rules/``);
        ``max_bytes`` and ``time_limit`` bound one document (None: no time bound).
        A Cleaner pickles as these arguments and is rebuilt from them (process
        pools, datatrove and Spark workers, ``datasets`` fingerprints)."""
        self._options = (list(rules) if rules else None, site_packs, max_bytes, time_limit)
        self.packs = PackSet.load(rules, sites=site_packs)
        self._common = RuleBook.build(self.packs.common)  # compiled once, shared by all sites
        self._books: dict[str | None, BookChain] = {None: BookChain((self._common,))}
        self._fingerprints = FingerprintIndex.build(self.packs.sites)
        self.max_bytes = max_bytes
        self.time_limit = time_limit

    def __reduce__(self) -> tuple:
        """Pickle as the constructor's arguments (compiled RE2 sets do not pickle)."""
        return _rebuilt, (self._options,)

    def try_clean(self, content: str | bytes | None, url: str | None = None, site: str | None = None,
                  doc_id: str | None = None, charset: str | None = None) -> Article:
        """:meth:`clean` that never raises CleanError: a document that cannot be cleaned
        gives an empty Article (``kind="rejected"``) with the reason in ``reject``."""
        try:
            return self.clean("" if content is None else content, url=url, site=site, doc_id=doc_id,
                              charset=charset)
        except CleanError as exc:
            return Article(kind="rejected", url=url, id=doc_id, reject=exc.reason)

    def clean(
        self,
        content: str | bytes,
        url: str | None = None,
        site: str | None = None,
        doc_id: str | None = None,
        charset: str | None = None,
    ) -> Article:
        """Clean one document (text dump or HTML page, str or bytes).  ``charset``:
        what the HTTP header declared for ``bytes`` (a WARC record's), tried after a
        strict UTF-8 reading and before the page's own declaration."""
        deadline = Deadline(self.time_limit)
        readable, notes = readable_url(url)  # a URL whose host cannot be read picks no pack
        text, is_html = self._decode(content, charset)
        key = None if is_html else match_key(text)  # folded once, for the fingerprints and the lines
        pack, how = self._pack(site, readable, text, key, is_html)
        article = self._clean_with(text, key, is_html, readable, pack, how, deadline)
        if pack is not None and how != "forced" and _suspect(article, how):
            article = self._second_opinion(article, text, key, is_html, readable, deadline)
        article.url, article.id, article.notes = url, doc_id, notes
        article.hostname = article.hostname or hostname(readable)
        return article

    def _clean_with(self, text: str, key: str | None, is_html: bool, url: str | None,
                    pack: Pack | None, how: str | None, deadline: "Deadline") -> Article:
        """The document cleaned with ``pack`` (None: the generic path alone)."""
        blocks, article = self._segment(text, key, is_html, url, pack, deadline)
        article.site, article.site_match = (pack.id, how) if pack else (None, None)
        if article.kind == "index":  # a list of articles: no body to find
            return meta.assemble(blocks, [], article)
        removed: list[Removed] = []
        self._decide(blocks, pack, removed, deadline, dump=not is_html)
        deadline.check("deciding")
        meta.assemble(blocks, removed, article)
        deadline.check("assembling the metadata")  # long on a page of 100,000s of blocks
        article.lang = detect_language(article.text or article.title or ("" if is_html else text[:2000]))
        article.blocks = blocks
        return article

    def _second_opinion(self, article: Article, text: str, key: str | None, is_html: bool,
                        url: str | None, deadline: "Deadline") -> Article:
        """The generic path's result instead of the site pack's when the pack kept far
        less body (:func:`distrust_reason`); the reason is recorded in ``removed``."""
        generic = self._clean_with(text, key, is_html, url, None, None, deadline)
        reason = distrust_reason(article, generic)
        if reason is None:
            return article
        generic.removed.insert(0, Removed(0, f"site pack {article.site}", "ignore",
                                          f"pipeline: site pack distrusted: {reason}", "not applied"))
        return generic

    def _segment(self, text: str, key: str | None, is_html: bool, url: str | None, pack: Pack | None,
                 deadline: "Deadline") -> tuple[list[Block], Article]:
        """Blocks in reading order, and an Article with what the page itself says."""
        if not is_html:
            return segment_text(text, key, deadline.check), Article()
        blocks, article = html_blocks(text, url, pack, deadline.check)
        deadline.check("segmenting")
        return blocks, article

    def _decode(self, content: str | bytes, charset: str | None) -> tuple[str, bool]:
        if not isinstance(content, (str, bytes)):
            raise CleanError("bad-type", f"expected str or bytes, got {type(content).__name__}")
        size = text_size(content)
        if size > self.max_bytes:
            raise CleanError("too-large", f"{size} bytes > limit {self.max_bytes}")
        text, is_html = prepared(content, charset)
        if not text or text.isspace():  # (what strip() would leave empty, without copying the text)
            raise CleanError("empty", "no text in document")
        return text, is_html

    def _pack(self, site: str | None, url: str | None, text: str, key: str | None,
              is_html: bool) -> tuple[Pack | None, str | None]:
        """The site pack: forced; else the pack of the document's domain (the URL's, or
        the canonical / og:url of a page), none when no pack owns that domain; else, for
        a document with no domain at all, the pack whose fingerprints in the head and
        tail of the document are strong evidence (``key``: its match key, when made)."""
        if site:
            return self.packs.get(site), "forced"
        host = document_host(url, text if is_html else None)
        if host:
            pack = self.packs.for_host(host)
            return (pack, "domain") if pack else (None, None)
        source = text if key is None else key
        head = source[:FINGERPRINT_WINDOW]
        tail = source[-FINGERPRINT_WINDOW // 5:] if len(source) > FINGERPRINT_WINDOW else ""
        window = head + "\n" + tail
        pack = self._fingerprints.best(window if key is not None else match_key(window))
        return (pack, "fingerprint") if pack else (None, None)

    def _book(self, pack: Pack | None) -> tuple[BookChain, list[Pack]]:
        """The compiled rules for a document: its site pack's (if any), then the common ones."""
        key = pack.id if pack else None
        if key not in self._books:
            self._books[key] = BookChain((RuleBook.build([pack]), self._common))  # type: ignore[list-item]
        return self._books[key], ([pack] if pack else []) + self.packs.common

    def _decide(self, blocks: list[Block], pack: Pack | None, removed: list[Removed],
                deadline: "Deadline", dump: bool = False) -> None:
        """Rules, heuristic and layout; ``dump``: a text dump, whose article region
        is found first (:mod:`cleaner.region`)."""
        book, packs = self._book(pack)
        classify.apply_packs(blocks, book, packs, removed, deadline.check)
        sentences = [False] * len(blocks) if dump else None  # which lines end a sentence, for the region
        own = heuristic.classify(blocks, sentences)
        if dump:
            region.apply(blocks, own, sentences)
        layout.join_broken(blocks, own)
        first = layout.first_body(own)  # the head lies above it; section labels below it are menus
        layout.mark_head(blocks, own, first, pack.lead if pack else "title")
        layout.demote_late_labels(blocks, first)
        final = heuristic.revise(blocks, own)
        layout.keep_short_item(blocks, own, final)
        layout.mark_headings(blocks, own, final)
        for block, cls in zip(blocks, final):
            if cls == "bad":
                block.decide(heuristic.guess_kind(block), block.reason)
        speech.capture_handoffs(blocks)
        layout.mark_bios(blocks)


def _rebuilt(options: tuple) -> Cleaner:
    """A Cleaner from its pickled constructor arguments."""
    rules, site_packs, max_bytes, time_limit = options
    return Cleaner(rules, site_packs=site_packs, max_bytes=max_bytes, time_limit=time_limit)


SUSPECT_BODY_CHARS = 300  # a site pack's body shorter than this is checked against the generic path
DISTRUST_SHARE = 0.5  # a pack that keeps less than this share of the generic body is distrusted …
DISTRUST_MIN_CHARS = 200  # … when it keeps at least this many characters less
DOMAIN_SUSPECT_SHARE = 0.25  # a domain pack's longer body is checked when under this share of the sentences


def _suspect(article: Article, how: str | None) -> bool:
    """Whether a site pack's result is checked against the generic path, from the
    document's sentences (roughly what the generic path could keep at most): a pack
    chosen by fingerprints, or one whose body is short, when it kept less than
    ``DISTRUST_SHARE`` of them; a pack of the document's domain with a longer body
    when it kept less than ``DOMAIN_SUSPECT_SHARE``.  A pack's index page is trusted
    (the pack knows the site's index pages)."""
    if article.kind == "index":
        return False
    kept = len(article.text)
    share = DISTRUST_SHARE if how == "fingerprint" or kept < SUSPECT_BODY_CHARS else DOMAIN_SUSPECT_SHARE
    most = sum(len(b.text) for b in article.blocks if len(b.key) >= heuristic.GOOD_CHARS)  # >= the sentences'
    if most - kept < DISTRUST_MIN_CHARS or kept >= share * most:
        return False  # so also for the sentences: no need to read them
    could = _sentence_chars(article.blocks)
    return could - kept >= DISTRUST_MIN_CHARS and kept < share * could


def _sentence_chars(blocks: list[Block]) -> int:
    """Characters of the blocks that read as sentences of article length."""
    return sum(len(b.text) for b in blocks if len(b.key) >= heuristic.GOOD_CHARS and is_sentence(b.key))


def distrust_reason(with_pack: Article, generic: Article) -> str | None:
    """Why the site pack's result is not trusted (it keeps far less body than the
    generic path on the same document), or None."""
    kept, generic_kept = len(with_pack.text), len(generic.text)
    if generic.kind == "index" or generic_kept - kept < DISTRUST_MIN_CHARS:
        return None
    if kept >= DISTRUST_SHARE * generic_kept:
        return None
    return (f"{with_pack.site} (by {with_pack.site_match}) kept {kept} characters of body, "
            f"the generic path {generic_kept}")


class Deadline:
    """A document's time bound, checked between steps and inside long loops.

    It counts the CPU time of the thread cleaning the document, not wall-clock time,
    so threads sharing one Cleaner (and the cores) cannot time each other's documents
    out: whether a document times out depends on the document alone.  Wall-clock time
    still bounds it, at WALL_FACTOR times the limit, for a machine so loaded that the
    thread hardly runs."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = None if seconds is None else time.thread_time() + seconds
        self.wall_at = None if seconds is None else time.perf_counter() + WALL_FACTOR * seconds

    def check(self, step: str = "") -> None:
        if self.at is not None and (time.thread_time() > self.at or time.perf_counter() > self.wall_at):
            raise CleanError("timeout", f"over the {self.seconds:g}s limit while {step or 'cleaning'}")


MAX_TAGS = 400_000  # an HTML document with more tags is refused ("too-complex")
MAX_TAG_CHARS = 65_536  # so is one with a start tag this long (the parser is quadratic in it)


def _check_markup(text: str, counts: tuple[int, int, bool] | None = None) -> None:
    """Refuse markup whose parsing alone could outlast any time bound (``counts``:
    :func:`cleaner.scan.markup_counts` of ``text``, when made already)."""
    tags, _, long_tag = counts or markup_counts(text, MAX_TAG_CHARS)
    if tags > MAX_TAGS:
        raise CleanError("too-complex", f"{tags} tags > limit {MAX_TAGS}")
    if long_tag:
        raise CleanError("too-complex", f"a start tag longer than {MAX_TAG_CHARS} characters")
    check_nesting(text, tags)


_TAG = re.compile(r"</?(?:html|head|body|div|p|br|a|span|table|tr|td|li|ul|img|script|meta|h[1-6])\b[^<>]{0,300}>", re.I)
_LEADING = " \t\r\n\f\v\ufeff\u200b\x00"  # what may stand before a page's first tag
MIN_TAGS = 5  # known HTML tags in the first MARKUP_SAMPLE characters that make a document HTML


def prepared(content: str | bytes, charset: str | None = None) -> tuple[str, bool]:
    """A document as the cleaner reads it, and whether it is an HTML page: bytes
    decoded (``charset``: the HTTP header's), literal escapes of a page saved as a
    quoted string undone, text repaired, and a text dump's stray tags stripped.
    Cleaning, ``cleaner learn`` and ``cleaner explain`` all start here."""
    from .decode import decode_bytes, looks_escaped, unescape_literals

    source = decoded = None
    if isinstance(content, bytes):
        decoded, codec = decode_bytes(content, charset)
        source = content if codec == "utf-8" and "\ufffd" not in decoded else None  # nothing replaced
        content = decoded
    if looks_escaped(content):  # a page saved as a quoted string: "<div class=\"x\">…\n…"
        content = unescape_literals(content)
    text, is_html = repaired(content)
    if is_html and source is not None and text is decoded:  # the page is its bytes, as read
        from .html.dom import known_utf8

        known_utf8(text, source)  # the parser takes them: no need to encode the page again
    return (text if is_html else strip_tags(text)), is_html


def html_blocks(text: str, url: str | None = None, pack: Pack | None = None,
                check: Callable[[str], None] | None = None) -> tuple[list[Block], Article]:
    """An HTML page's blocks and what the page says of itself (:mod:`cleaner.html`),
    after the checks and repairs of its markup; raises CleanError("too-complex")."""
    from .html.extract import extract_blocks

    counts = markup_counts(text, MAX_TAG_CHARS)  # one scan for the checks and the tag-soup test
    _check_markup(text, counts)
    closed = close_raw_elements(text)  # first: an unclosed <iframe> would hide the rest from end_tag_soup
    ended = end_tag_soup(closed, counts if closed is text else None)
    blocks, article = extract_blocks(ended, url, pack, check, soup=ended is not closed)
    _strip_leaked_markup(blocks)
    return blocks, article


def repaired(text: str) -> tuple[str, bool]:
    """``text`` repaired (:func:`cleaner.normalize.repair`), and whether it is an HTML page."""
    is_html = looks_like_html(text)
    return repair(text, markup=is_html), is_html


def looks_like_html(text: str) -> bool:
    """A document is HTML when markup starts it, a doctype or <html> tag stands near
    its start (after a server-side preamble such as JSP's ``<%@ page … %>``), or
    markup is dense in it (at least ``MIN_TAGS`` tags, and as many as lines); a
    text dump with a few links glued on stays text, and loses the tags (see
    :func:`strip_tags`).  Every test needs a ``<``: a dump without one in its
    first 20,000 characters is text at once."""
    if text.find("<", 0, MARKUP_SAMPLE) < 0:
        return False
    head = text[:HEAD_CHARS].lstrip(_LEADING).lower()
    if head.startswith(("<!doctype", "<html", "<?xml", "<head", "<body", "<div", "<meta", "<table", "<p>", "<p ")):
        return True
    if _PAGE_START.search(head):
        return True
    sample = text[:MARKUP_SAMPLE]
    tags = len(_TAG.findall(sample))
    return tags >= MIN_TAGS and tags >= sample.count("\n") + 1


HEAD_CHARS = 2048  # where a page's doctype or <html> tag is looked for
MARKUP_SAMPLE = 20_000  # characters where the density of markup is measured
_PAGE_START = re.compile(r"(?:^|%>|\?>)[ \t]*(?:<!doctype\s+html|<html[\s>])", re.M)


_RAW_ELEMENTS = ("title", "textarea", "iframe", "xmp", "noembed", "noframes")
# the end tags of every element whose content is raw text (these, and script, style …);
# tag names match in any ASCII case, as in HTML (re.I would read "<tıtle>" as a title)
_RAW_TEXT_ELEMENTS = ("script", "style", "noscript", "template", *_RAW_ELEMENTS)
_RAW_CLOSE = {t: re.compile(f"</{ascii_any_case(t)}") for t in _RAW_TEXT_ELEMENTS}
_MARKUP_START = re.compile(r"<[a-zA-Z!/]")
MAX_RAW_TAGS = 3  # markup inside a <title>/<iframe> … beyond this: the element was left open


def close_raw_elements(html: str) -> str:
    """Drop the opening tag of a <title>, <textarea>, <iframe> … that is never closed,
    or whose "content" up to the next closing tag is markup: a parser would read the
    rest of the page as that element's raw text."""
    cuts = []
    for start, stop, name in raw_opens(html, _RAW_ELEMENTS):
        close = _RAW_CLOSE[name].search(html, stop)
        end = close.start() if close else len(html)
        if close is None or len(_MARKUP_START.findall(html, stop, min(end, stop + 100_000))) > MAX_RAW_TAGS:
            cuts.append((start, stop))
    for a, b in reversed(cuts):
        html = html[:a] + html[b:]
    return html


SOUP_CLOSED_SHARE = 0.1  # a page that ends fewer of its elements than this share is tag soup …
SOUP_MIN_TAGS = 50  # … when it has at least this many start tags
SOUP_QUICK_SHARE = 0.3  # a page with at least this share of end tags among all its tags is no soup
_INLINE = ("a", "span", "font", "em", "strong", "b", "i", "u", "s", "small", "big", "sup", "sub", "mark",
           "cite", "q", "abbr", "label", "button")
_ENDED_BY_BLOCKS = ("p", "li", "dd", "dt", "figcaption", "figure", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = ("div", "section", "article", "header", "footer", "nav", "aside", "main", "ul", "ol", "dl", "form",
           "table", *_ENDED_BY_BLOCKS)
_SOUP_TAG = re.compile(rf"<({'|'.join(_BLOCKS + _INLINE)}|br)\b", re.I)
_SOUP_COUNTED = re.compile(rf"<(/?)(?:{'|'.join(_BLOCKS + _INLINE)})\b", re.I)
_SOUP_RAW = re.compile(rf"<({'|'.join(map(ascii_any_case, _RAW_TEXT_ELEMENTS))})\b")


def end_tag_soup(html: str, counts: tuple[int, int, bool] | None = None) -> str:
    """A page that lost its end tags (tag soup) with end tags put back where a
    reader would see elements end: inline elements at the next line break or
    block, an element of the same name before the next one starts, paragraphs and
    list items at the next block.  Without them every element nests in the one
    before: one hidden element or unclosed link would span the rest of the page.
    Any other page is returned as it is (the same object).  ``counts``:
    :func:`cleaner.scan.markup_counts` of ``html``, when made already."""
    if not is_tag_soup(html, counts):
        return html
    started: dict[str, None] = {}  # elements started and not yet ended here, in order
    ended = partial(_ended, started)
    out, pos = [], 0
    while m := _SOUP_RAW.search(html, pos):  # script, style, title … up to their end tag stay as they are
        close = _RAW_CLOSE[m.group(1).lower()].search(html, m.end())
        end = close.start() if close else len(html)
        out += [_SOUP_TAG.sub(ended, html[pos:m.start()]), html[m.start():end]]
        pos = end
    return "".join(out) + _SOUP_TAG.sub(ended, html[pos:])


def is_tag_soup(html: str, counts: tuple[int, int, bool] | None = None) -> bool:
    """Fewer end tags of block and inline elements than ``SOUP_CLOSED_SHARE`` of
    their start tags (a quick count of all tags first: most pages end a third or more;
    ``counts``: :func:`cleaner.scan.markup_counts` of ``html``, when made already)."""
    tags, ends, _ = counts or markup_counts(html, MAX_TAG_CHARS)
    if ends >= SOUP_QUICK_SHARE * (tags - ends):
        return False
    seen = {"": 0, "/": 0}  # start and end tags of block and inline elements
    for m in _SOUP_COUNTED.finditer(html):
        seen[m.group(1)] += 1
    return seen[""] >= SOUP_MIN_TAGS and seen["/"] < SOUP_CLOSED_SHARE * seen[""]


def _ended(started: dict[str, None], m: re.Match[str]) -> str:
    """The start tag ``m`` with the end tags it implies before it: only of elements
    started and not ended yet (at most one end tag per start tag in all)."""
    tag = m.group(1).lower()
    if tag == "br":
        ending = [t for t in started if t in _INLINE]
    elif tag in _INLINE:
        ending = [tag] if tag in started else []
    else:
        ending = [t for t in started if t in _INLINE or t in _ENDED_BY_BLOCKS or t == tag]
    for t in ending:
        del started[t]
    if tag != "br":
        started[tag] = None
    return "".join(f"</{t}>" for t in reversed(ending)) + m.group(0)


def _strip_leaked_markup(blocks: list[Block]) -> None:
    """Markup that reached block text (an unclosed <title> or <iframe> turns the rest
    of a page into raw text) loses its tags; the words stay to be judged."""
    for block in blocks:
        if "<" in block.text and _TAG.search(block.text):
            block.text = " ".join(strip_tags(block.text).split())
            block.key = match_key(block.text)


def strip_tags(text: str) -> str:
    """Remove HTML tags (known tag names only) from a text dump."""
    return _TAG.sub("", text) if "<" in text else text


_DEFAULT: Cleaner | None = None


def clean(content: str | bytes, url: str | None = None, site: str | None = None,
          charset: str | None = None) -> Article:
    """Clean one document with the bundled rule packs (loaded once, on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT.clean(content, url=url, site=site, charset=charset)
