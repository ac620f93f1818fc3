"""The HTML path: a page → text blocks in reading order, and the page's metadata.

:func:`extract_blocks` is called by :meth:`cleaner.pipeline.Cleaner.clean` with
the decoded, repaired page.  Steps:

1. parse (selectolax/lexbor) and walk the body into pieces (:mod:`cleaner.html.dom`);
2. metadata: the pack's ``[html]`` selectors, then ``<meta>`` / JSON-LD, then
   the printed headline and dateline, then htmldate (:mod:`cleaner.html.meta`);
3. index pages (section lists, home pages, widgets, search results) get
   ``kind = "index"`` and no body: the pack says so, or the page does not
   declare itself an article and holds headlines but no prose;
4. the main content: the pack's ``body`` selectors, else the density scorer
   (:mod:`cleaner.html.score`); a fragment (no ``<head>``) is all content;
5. when the visible page holds less article text than its data (JSON-LD
   ``articleBody``, ``__NEXT_DATA__``, the Next.js App Router stream
   ``self.__next_f``, ``Fusion.globalContent``), the data is the body
   (:mod:`cleaner.html.embed`, :mod:`cleaner.html.flight`); with neither,
   trafilatura is the fallback.

Blocks outside the main content, and blocks inside it that sit in a
boilerplate element (class/id tokens of :mod:`cleaner.vocab`, a pack ``drop``
selector), are decided here with a reason starting ``html:``.  The rest stay
undecided for the text rules and the heuristic of the pipeline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import compress, repeat
from operator import contains
from typing import Any

from . import dom as html_dom, embed as html_embed, meta as html_meta, pack as html_pack, score as html_score
from .. import accel, vocab
from .dom import Page, Piece, parse, text_weight, walk
from .describe import describe
from ..model import Article, Block
from ..normalize import compact_key, match_key
from ..packs import Pack
from ..press import registry

INDEX_MIN_HEADLINES = 5  # headline links on a page that holds no prose: an index page
INDEX_MIN_PROSE = 200  # an article's best container holds this much prose (weighted characters)
INDEX_TEASER_RATIO = 2.0  # … or teasers (summaries under headline links) outweigh that prose this much
HEADLINE_WEIGHT = 20  # a piece outside the body this heavy is a related link, lighter a menu item
EMBED_RATIO = 2.0  # data wins when it holds this many times the visible container's text
BYLINE_MAX_CHARS = 40  # a byline outside the body this short may name the reporter
BYLINE_WINDOW = 8  # … when it stands at most this many pieces before or after the body
TITLE_SIMILAR = 0.8  # share of the headline a piece must cover to be the headline
HEAD_CHARS_PER_TITLE_CHAR = 2.5  # a key this many times the headline is first compacted only so far
BOLD_LINE_MAX_CHARS = 80  # a wholly bold line this short may be a subhead (layout.MAX_HEADING_CHARS)
KIND_ORDER = ("comment", "ad", "related", "menu", "ui", "copyright", "caption", "byline")
_COPYRIGHT = re.compile(r"(?:©|ⓒ|\(c\)|copyright|저작권자|무단\s*(?:전재|복제|배포)|all rights reserved)", re.I)
# characters one of which every _COPYRIGHT match holds, with every character re.I takes for them
# ("(" of "(c)", "p" of "copyright", "v" of "all rights reserved", Ⓒ for ⓒ): a quick test first
_COPYRIGHT_CHARS = re.compile("[©ⓒⒸ(pPvV저무]")
_DATELINE = re.compile(  # a printed dateline, of publication or of an edit
    html_meta.dateline_label(vocab.DATELINE_PUBLISHED + vocab.DATELINE_UPDATED) + r"\s*\d{4}[.\-/]")
_FRAGMENT = re.compile(r"<head[\s>]|<title[\s>]|<meta\s", re.I)
FRAGMENT_SCAN_CHARS = 200_000  # a page without a head, title or meta tag in these is a fragment


def extract_blocks(text: str, url: str | None = None, pack: Pack | None = None,
                   check: Callable[[str], None] | None = None,
                   soup: bool = False) -> tuple[list[Block], Article]:
    """Blocks of the page in reading order, and an Article with the page's metadata;
    ``check`` (the document's deadline) is called during the long steps and may raise.
    ``soup``: the page lost its end tags and they were put back by guess
    (:func:`cleaner.pipeline.end_tag_soup`), so a site pack's body selectors, which
    describe the intact layout, are not used (its drop selectors still are)."""
    check = check or (lambda step: None)
    table: dict[str, Any] = pack.html if pack else {}
    tree = parse(text)
    bodies = html_pack.body_nodes(tree, table.get("body", [])) if table.get("body") and not soup else []
    forced = html_pack.forced_kinds(tree, table.get("drop", {})) if table.get("drop") else {}
    check("parsing the page")
    page = walk(tree, forced, {n.mem_id for n in bodies}, check)
    check("reading the page")
    heads = html_meta.head_nodes(tree)
    metas, objects = html_meta.meta_tags(tree, heads), html_meta.json_ld(tree, heads)
    ld = html_meta.ld_article(objects)
    fragment = not _FRAGMENT.search(text, 0, FRAGMENT_SCAN_CHARS)
    article = Article(url=url)
    _metadata(article, tree, page, (metas, heads), ld, pack, fragment)
    index = html_pack.is_index(tree, url, table) if table else None
    containers = [page.marked[n.mem_id] for n in bodies if n.mem_id in page.marked]
    scores = html_score.score_page(page) if index is None and not containers else None
    if scores is not None and not bodies and not fragment:
        index = _index_reason(page, html_meta.declared_type(metas, objects), scores)
    if index is not None:
        article.kind = "index"
        return _all_decided(page, f"html: index page ({index})"), article
    blocks = _body_blocks(page, containers, scores, fragment, tree, text, objects, article)
    _mark_bold_lines(tree, blocks)
    check("choosing the article")
    if article.published is None and not fragment:  # last resort: htmldate's guess, a bare date
        article.published = html_meta.searched_date(text)
    return _with_title(blocks, article.title), article


# ---------------------------------------------------------------- main content
def _body_blocks(page: Page, containers: list[int], scores: html_score.Scores | None, fragment: bool,
                 tree: Any, text: str, objects: list[dict[str, Any]], article: Article) -> list[Block]:
    if containers:
        return _decide_pieces(page, containers, "site pack body")
    choice = html_score.choose_container(page, headline_piece(page, article.title), scores)
    if fragment and (choice.container < 0 or page.elems[choice.container].tag in ("body", "html")):
        return _decide_pieces(page, [_root(page)], "fragment")
    visible = choice.totals[choice.container] if choice.container >= 0 else 0.0
    embedded = html_embed.find(tree, objects)
    if embedded is not None and text_weight(" ".join(
            t for t, k in embedded.paragraphs if not k)) > EMBED_RATIO * max(visible, 0.0):
        _embedded_meta(article, embedded.meta)
        return _embedded_blocks(embedded)
    if choice.container >= 0:
        return _decide_pieces(page, [choice.container], "density scorer")
    return _fallback_blocks(text)


def _root(page: Page) -> int:
    return next((i for i, e in enumerate(page.elems) if e.tag == "body"), 0)


def _decide_pieces(page: Page, containers: list[int], how: str) -> list[Block]:
    """One block per piece; pieces outside the containers or inside boilerplate are decided."""
    blocks = to_blocks(page)
    holder = _holders(page, containers)
    held = [i for i, c in enumerate(holder) if c >= 0]
    first, last = (held[0], held[-1]) if held else (len(holder), -1)
    grouped, elems, pieces = page.nearest_grouped(), page.elems, page.pieces
    inner = f"html: class/id tokens in the main content ({how})"
    outer = f"html: outside the main content ({how})"
    for i, (piece, block, inside) in enumerate(zip(pieces, blocks, holder)):
        if _marked(block, piece):
            continue
        j = grouped[piece.elem]  # the innermost boilerplate element, -1 for none
        if inside < 0:
            block.decide(_outside_kind(piece, elems[j].groups if j >= 0 else (), i < first), outer)
        elif j > inside:  # below the container
            block.decide(_group_kind(elems[j].groups, piece), inner)
    for i in _byline_window(first, last, len(pieces)):
        piece = pieces[i]
        if holder[i] < 0 and not (piece.hidden or piece.forced):
            _byline_fields(blocks[i], piece)
    return blocks


def _byline_window(first: int, last: int, count: int) -> list[int]:
    """Indices of the pieces that stand at most ``BYLINE_WINDOW`` pieces before or after
    the first piece of the body (``first``), or at most that many after its last (``last``)."""
    near = {*range(first - BYLINE_WINDOW, first + BYLINE_WINDOW + 1), *range(last, last + BYLINE_WINDOW + 1)}
    return sorted(i for i in near if 0 <= i < count)


def _holders(page: Page, containers: list[int]) -> list[int]:
    """Per piece: the first of ``containers`` that holds it (``Page.inside``), or -1.
    A container's subtree is a run of element indices, so each test is a range check."""
    spans = [(c, page.subtree_end(c)) for c in containers if 0 <= c < len(page.elems)]
    elems = [p.elem for p in page.pieces]
    if len(spans) == 1:
        (c, end), = spans
        return [c if c <= e < end else -1 for e in elems]
    return [next((c for c, end in spans if c <= e < end), -1) for e in elems]


def _marked(block: Block, piece: Piece) -> bool:
    """Decide a piece that the page or its site pack already marks: hidden, or
    taken by a drop selector; whether it was one."""
    if piece.hidden:
        block.decide("ignore", "html: hidden element")
    elif piece.forced:
        block.decide(piece.forced, "html: site pack drop selector")
    return piece.hidden or bool(piece.forced)


def _group_kind(groups: tuple[str, ...], piece: Piece) -> str:
    if not groups:
        return ""
    if "caption" in groups:  # a photo credit (ⓒ, 저작권자) inside a caption is part of the caption
        return "caption"
    if is_copyright(piece.text):
        return "copyright"
    return _first_kind(groups)


def is_copyright(text: str) -> bool:
    """Whether ``text`` holds a copyright notice (©, (c), 무단 전재 …)."""
    return _COPYRIGHT_CHARS.search(text) is not None and _COPYRIGHT.search(text) is not None


@lru_cache(maxsize=1024)
def _first_kind(groups: tuple[str, ...]) -> str:
    """The kind an element named by ``groups`` gives its text (``KIND_ORDER`` first)."""
    return next((k for k in KIND_ORDER if k in groups), groups[0])


def _outside_kind(piece: Piece, groups: tuple[str, ...], before_body: bool) -> str:
    """A kind for a piece outside the main content: tokens first (``groups``: those of
    its innermost boilerplate element, ``Page.nearest_grouped``), then its shape."""
    if groups:
        return _group_kind(groups, piece)
    text = piece.text
    if is_copyright(text):
        return "copyright"
    if len(text) <= BYLINE_MAX_CHARS * 2 and _DATELINE.search(text):
        return "date"
    if len(text) <= BYLINE_MAX_CHARS and html_meta.byline_reporters(text):
        return "byline"
    if before_body and piece.heading and html_score.link_density(piece) < 0.5:
        return "subtitle"
    heavy = piece.weight >= HEADLINE_WEIGHT
    return "related" if heavy else "menu"


def _byline_fields(block: Block, piece: Piece) -> None:
    if block.kind == "byline" and len(piece.text) <= BYLINE_MAX_CHARS:
        names = html_meta.byline_reporters(piece.text)
        if names:
            block.fields["reporter"] = names[0]


def _mark_bold_lines(tree: Any, blocks: list[Block]) -> None:
    """An undecided short block whose whole text is bold (``<p><strong>소제목</strong></p>``,
    a bold subhead) gets ``>strong`` at the end of its tag path, where its text sits:
    the layout step reads such a line as a possible in-article heading."""
    short = {compact_key(b.key): b for b in blocks if not b.kind and len(b.key) <= BOLD_LINE_MAX_CHARS}
    if not short:
        return
    for node in tree.css("strong, b"):
        block = short.get(compact_key(match_key(node.text() or "")))
        if block is not None and not block.tag.endswith((">strong", ">b")):
            block.tag += ">strong"


BLOCK_FIELDS = ("text", "key", "n", "kind", "reason", "fields", "tag", "link_density")  # Block's, in order


def to_blocks(page: Page) -> list[Block]:
    """A block of every piece, numbered from 1, with its tag path and link density:
    :func:`to_blocks_python`, in C where the walk is built (``cleaner.html._walk.blocks``
    fills each Block through its slots)."""
    compiled = accel.use(html_dom._compiled)
    if compiled is not None:
        return compiled.blocks(Block, page.pieces, page.keys(), page.piece_paths())
    return to_blocks_python(page)


def to_blocks_python(page: Page) -> list[Block]:
    """:func:`to_blocks` in Python (the reference of ``cleaner.html._walk.blocks``).
    Block's fields are given by position (``BLOCK_FIELDS``): keywords cost a third of
    the time here."""
    return [Block(p.text, key, n, "", "", {}, path, round(html_score.link_density(p), 3))
            for n, (p, key, path) in enumerate(zip(page.pieces, page.keys(), page.piece_paths()), start=1)]


# ---------------------------------------------------------------- index pages
def _index_reason(page: Page, declared: str | None, scores: html_score.Scores) -> str | None:
    """Why the page is an index page (headlines and teasers, no article prose), or None."""
    if declared == "article":
        return None
    headlines = sum(1 for p in page.pieces if not p.hidden and html_score.is_headline(p))
    if headlines < INDEX_MIN_HEADLINES:
        return None
    choice, teasers = html_score.choose_container(page, None, scores), scores.teasers
    mass = sum(p.weight for i, p in enumerate(page.pieces)
               if choice.container >= 0 and not p.hidden and i not in teasers
               and page.inside(p.elem, choice.container) and html_score.is_prose(p))
    if mass < INDEX_MIN_PROSE:
        return f"{headlines} headline links, {mass:.0f} weighted characters of prose in the best container"
    listed = sum(page.pieces[i].weight for i in teasers)
    if listed > INDEX_TEASER_RATIO * mass:
        return f"teasers ({listed:.0f}) outweigh the best container's prose ({mass:.0f})"
    return None


def _all_decided(page: Page, reason: str) -> list[Block]:
    """An index page's blocks: none is the body; hidden ones are ignored and a site
    pack's drop selectors decide as on an article page, the rest by their tokens and shape."""
    blocks = to_blocks(page)
    grouped, elems = page.nearest_grouped(), page.elems
    for piece, block in zip(page.pieces, blocks):
        if not _marked(block, piece):
            j = grouped[piece.elem]
            block.decide(_outside_kind(piece, elems[j].groups if j >= 0 else (), False), reason)
    return blocks


# ---------------------------------------------------------------- other sources
def _embedded_blocks(embedded: html_embed.Embedded) -> list[Block]:
    blocks = []
    for text, kind in embedded.paragraphs:
        block = Block(text=text, key=match_key(text), n=len(blocks) + 1, tag=f"data:{embedded.source}")
        if kind:
            block.decide(kind, f"html: {embedded.source} data")
        else:
            block.reason = f"html: article body from {embedded.source} data"
        blocks.append(block)
    return blocks


def _embedded_meta(article: Article, meta: dict[str, Any]) -> None:
    article.title = article.title or meta.get("title")
    article.published = article.published or html_meta.to_kst(meta.get("published"))
    article.reporters = article.reporters or list(meta.get("reporters", []))
    article.section = article.section or meta.get("section")


def _fallback_blocks(text: str) -> list[Block]:
    """trafilatura's extraction, one block per line, when nothing else found a body
    (none without the ``trafilatura`` extra: ``pip install 'ko-news-cleaner[trafilatura]'``)."""
    try:
        import trafilatura
    except ImportError:
        return []
    extracted = trafilatura.extract(text, include_comments=False, include_tables=True) or ""
    blocks = []
    for line in extracted.split("\n"):
        line = " ".join(line.split())
        if line:
            blocks.append(Block(text=line, key=match_key(line), n=len(blocks) + 1,
                                tag="trafilatura", reason="html: trafilatura fallback"))
    return blocks


# ---------------------------------------------------------------- headline
def headline_piece(page: Page, title: str | None) -> int | None:
    """Index of the piece that prints the headline (a heading first), or None; the
    page keeps the answer (``Page.headlines``): the metadata step asks it of the title
    it settles on, and the main-content step asks again."""
    if not title:
        return None
    if title not in page.headlines:
        page.headlines[title] = _headline_piece(page, title)
    return page.headlines[title]


def _headline_piece(page: Page, title: str) -> int | None:
    want = compact_key(match_key(title))
    if not want:
        return None
    shortest = TITLE_SIMILAR * len(want)
    a, b, c = _probes(want) or ("", "", "")  # "" is in every key
    keys = page.keys()
    holding = compress(range(len(keys)), map(contains, keys, repeat(a)))  # the keys holding a, found in C
    found = [i for i in holding  # the rest of _same_key's quick tests first
             if len(key := keys[i]) >= shortest and b in key and c in key and not page.pieces[i].hidden
             and _same_key(key, want)]
    return next((i for i in found if page.pieces[i].heading), found[0] if found else None)


def _same_key(key: str, want: str, probes: str = "") -> bool:
    """Whether a match key prints the headline ``want`` (its key without non-word
    characters); ``probes``: :func:`_probes` of ``want``, a quick test first."""
    if len(key) < TITLE_SIMILAR * len(want):
        return False  # too short to cover the headline (removing characters only shortens it)
    for ch in probes:
        if ch not in key:
            return False
    if _too_long(key, len(want)):
        return False
    have = compact_key(key)
    if not have or not want:
        return False
    return have == want or (min(len(have), len(want)) >= TITLE_SIMILAR * max(len(have), len(want))
                            and (have in want or want in have))


def _too_long(key: str, wanted: int) -> bool:
    """Whether the compact form of ``key`` is too long to print a headline ``wanted``
    characters long (``wanted`` under ``TITLE_SIMILAR`` of it), told by compacting only
    its head when the key is long: the compact head is the compact key's own head."""
    cut = math.ceil(HEAD_CHARS_PER_TITLE_CHAR * wanted)
    return len(key) > cut and TITLE_SIMILAR * len(compact_key(key[:cut])) > wanted


def _probes(want: str) -> str:
    """A few characters of the compact headline ``want`` that every key :func:`_same_key`
    accepts holds, so that most keys are ruled out without being compacted.  An accepted
    key's compact form holds all of ``want``, or is a run of it at least ``need`` long:
    either way it holds ``want[len(want) - need:need]``, where the probes are taken."""
    need = math.ceil(TITLE_SIMILAR * len(want))
    first, last = len(want) - need, need - 1
    return want[first] + want[(first + last) // 2] + want[last] if 0 <= first <= last else ""


def _with_title(blocks: list[Block], title: str | None) -> list[Block]:
    """Decide the headline block; add one from the metadata when the page prints none."""
    if not title:
        return blocks
    want = compact_key(match_key(title))
    probes = _probes(want)
    first = probes[:1]  # ("" is in every key) a quick test before the call
    found = [b for b in blocks[:_title_window(blocks)] if first in b.key and _same_key(b.key, want, probes)]
    for block in found:  # a page may print its headline twice (a sticky bar, the article head)
        block.decide("title", "html: headline")
    if found:
        return blocks
    head = Block(text=title, key=match_key(title), n=0, tag="meta:title",
                 kind="title", reason="html: headline from page metadata")
    out = [head, *blocks]
    for n, block in enumerate(out, start=1):
        block.n = n
    return out


def _title_window(blocks: list[Block]) -> int:
    """The headline is looked for before the first undecided block, and a little beyond."""
    first = next((i for i, b in enumerate(blocks) if not b.kind), len(blocks))
    return first + 3


# ---------------------------------------------------------------- metadata
def _metadata(article: Article, tree: Any, page: Page, head: tuple[dict[str, str], list[Any]],
              ld: dict[str, Any], pack: Pack | None, fragment: bool) -> None:
    """``head``: the page's meta tags and its meta and link elements (html_meta.head_nodes)."""
    metas, heads = head
    table = pack.html if pack else {}
    values = lambda key: html_meta.pack_values(tree, table.get(key, []), heads)  # noqa: E731 - queried as read
    article.title = next(values("title"), None) or (
        None if fragment else html_meta.page_title(tree, metas, ld))
    article.published = _published(values("date"), metas, ld, page)
    article.press = _press(next(values("press"), None), metas, ld, pack,
                           html_meta.page_urls(article.url, tree, metas, heads))
    article.title = html_meta.strip_name(article.title, [metas.get("og:site_name"), article.press])
    article.title = _printed_title(page, article.title)
    names = list(values("reporter"))
    article.reporters = (html_meta.reporters_from(names) if names
                         else html_meta.declared_reporters(metas, ld) or html_meta.author_link_names(tree))
    article.section = next(values("section"), None) or html_meta.declared_section(metas, ld)
    describe(article, tree, metas, ld, heads)


def _printed_title(page: Page, title: str | None) -> str | None:
    """The headline as printed on the page, when a heading there says the declared one;
    else the longest segment of a declared title that adds a site name the page does
    not print ('경북일보 - 제목', '제목 | 섹션 | 사이트'), when the page prints that segment."""
    i = headline_piece(page, title)
    if i is None and title and len(parts := html_meta.title_segments(title)) > 1:
        longest = max(parts, key=len)
        if (i := headline_piece(page, longest)) is not None:
            title = longest
    return html_meta.prefer_printed(title, page.pieces[i].text) if i is not None else title


def _published(picked: Iterable[str], metas: dict[str, str], ld: dict[str, Any], page: Page) -> str | None:
    """The pack's date selectors (``picked``: their values, read up to the first date),
    then meta tags and JSON-LD, then a printed Korean dateline."""
    for value in picked:
        if (iso := html_meta.to_kst(value)) is not None:
            return iso
    return html_meta.declared_date(metas, ld) or html_meta.printed_date(
        [p.text for p in page.pieces if not p.hidden])


def _press(picked: str | None, metas: dict[str, str], ld: dict[str, Any],
           pack: Pack | None, urls: list[str]) -> str | None:
    """The publishing outlet by its canonical name (:mod:`cleaner.press`): the pack's
    press selectors (``picked``: their first value), the registered owner of the page's
    host, the pack's press, then what the page declares.  A syndicated story's own
    outlet is read later, from its byline (:func:`cleaner.meta.assemble`)."""
    table = pack.html if pack else {}
    if picked:
        name = picked.split("|")[0].strip()
        return registry().canonical(name) or html_pack.press_name(name, table)
    host = next((p for p in map(registry().by_host, urls) if p), None)
    declared = html_meta.declared_press(metas, ld)
    mapped = table.get("press_names", {}).get(declared) if declared else None
    return host or mapped or (pack.press[0] if pack and pack.press else None) or declared
