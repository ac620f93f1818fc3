"""Draft a site pack from a dump of one site (``cleaner learn``).

CCNet-style cross-document frequency: every document is cut into lines (text
dumps) or text blocks (HTML pages); a line is normalised with
:func:`cleaner.normalize.match_key`, white space collapsed, edge punctuation
stripped and digit runs folded to ``0``.  The *support* of a line is the number
of documents that contain it.  A line is drafted as boilerplate when it is in
at least ``MIN_SHARE`` of the documents and in at least ``MIN_DOCS`` of them.

Quoted sentences and wire stories.  The same article often sits in a dump
several times (the same wire story on several pages, a page saved twice), and
a quote may be repeated in follow-up stories, so a full sentence can recur in
many documents without being boilerplate.  Two guards:

* documents that share half or more of their paragraphs (Jaccard of their sets
  of sentence-like lines of ``STORY_LINE_CHARS`` or more >= ``STORY_JACCARD``;
  shorter lines are left out because most-read lists of headlines, the same on
  every page of a day, would make all pages one story) are one *story*, and
  every threshold is applied to stories as well as to documents, so copies of
  one article count once;
* a sentence-like line (``SENTENCE_MIN_CHARS`` or longer and ending like a
  Korean sentence: 다/요/죠/까 or a full stop) needs ``SENTENCE_SHARE`` of
  the stories, not ``MIN_SHARE``: boilerplate sentences ("무단 전재 및
  재배포 금지합니다.") are on nearly every page, a quote is not.

Lines that a document gives as its headline (HTML ``<title>``/og:title, a
JSONL ``title`` field) are never drafted: a related-article list repeats the
headlines of other pages of the dump.  Lines that the bundled common packs
already remove are left out, and so are lines made half of digits (dates,
times, counters: the pipeline reads them as metadata).  Kinds are guesses
from the line's shape, for a person to review.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .normalize import match_key
from .packs import EDGE_PUNCT, PackSet, safe_match
from .vocab import is_sentence

MIN_SHARE = 0.3  # of documents (and of stories)
MIN_DOCS = 3
SENTENCE_SHARE = 0.8  # of stories, for sentence-like lines
SENTENCE_MIN_CHARS = 20
STORY_LINE_CHARS = 50  # sentence-like lines this long are paragraphs: they identify a story
STORY_JACCARD = 0.5
PAIR_DF_CAP = 64  # lines in more documents than this do not propose story pairs
MIN_KEY_CHARS = 2  # shorter folded lines ("|", "·") are never drafted
NUMERIC_SHARE = 0.5  # lines this much digits are dates or counters: never drafted
MAX_LINE_CHARS = 300  # longer lines are article text, not boilerplate
FINGERPRINT_SHARE = 0.8  # of documents whose raw text must contain a fingerprint
FINGERPRINT_MIN_CHARS = 6
MAX_FINGERPRINTS = 3

_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_RANKED = re.compile(r"^\d{1,2}\s")
_COPYRIGHT = re.compile(r"(?:ⓒ|©|\(c\)|copyright|저작권|무단\s*전재|재배포)", re.I)
_FOOTER = re.compile(r"(?:주소|등록번호|발행인|편집인|대표전화|사업자\s*등록|청소년\s*보호)")
_EDGE_CLASS = "[" + "".join("\\" + c if c in "[]\\^-" else c for c in EDGE_PUNCT) + "]*"  # packs.EDGE_PUNCT
_REGEX_META = set(".^$*+?{}[]()|\\")


@dataclass(slots=True)
class Doc:
    """One document of the dump: its lines, its raw text's match key, its headline."""

    id: str
    lines: list[str]
    raw_key: str
    titles: set[str] = field(default_factory=set)  # folded headline keys
    url: str | None = None


@dataclass(slots=True)
class Line:
    """A folded line and where it occurs."""

    key: str
    spellings: Counter = field(default_factory=Counter)  # display text → count
    docs: set[int] = field(default_factory=set)
    stories: set[int] = field(default_factory=set)
    kind: str = ""

    @property
    def text(self) -> str:
        return self.spellings.most_common(1)[0][0]

    @property
    def literal(self) -> bool:
        """All spellings fold to one match key (digits included): a `lines` rule."""
        return len({_line_key(t) for t in self.spellings}) == 1


def _line_key(text: str) -> str:
    return match_key(" ".join(text.split())).strip(EDGE_PUNCT)


def fold(text: str) -> str:
    """The counting key: match key, white space collapsed, edges stripped, digits → 0."""
    return _DIGITS.sub("0", _line_key(text))


def _numeric(text: str) -> bool:
    """Dates, times and counters ("2016-09-18 03:00:00"): metadata, not boilerplate."""
    chars = len(text) - text.count(" ")
    return len(_DIGIT.findall(text)) >= NUMERIC_SHARE * max(chars, 1)


def sentence_like(key: str) -> bool:
    return len(key) >= SENTENCE_MIN_CHARS and is_sentence(key)


def count_lines(docs: list[Doc]) -> dict[str, Line]:
    """Folded key → Line with the documents that hold it (each document counted once)."""
    lines: dict[str, Line] = {}
    for i, doc in enumerate(docs):
        for text in doc.lines:
            key = fold(text)
            if len(key) < MIN_KEY_CHARS or len(key) > MAX_LINE_CHARS or _numeric(text):
                continue
            line = lines.setdefault(key, Line(key))
            line.spellings[text] += 1
            line.docs.add(i)
    return lines


def story_line(key: str) -> bool:
    """A paragraph of article text, long enough to tell one story from another (headlines
    in most-read lists are shorter, and would make every page of a day one story)."""
    return len(key) >= STORY_LINE_CHARS and sentence_like(key)


def assign_stories(docs: list[Doc], lines: dict[str, Line]) -> list[int]:
    """Story id per document: union of documents whose paragraph lines overlap."""
    sents = [set() for _ in docs]
    for key, line in lines.items():
        if story_line(key):
            for d in line.docs:
                sents[d].add(key)
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in _story_pairs(lines):
        union = len(sents[a] | sents[b])
        if union and len(sents[a] & sents[b]) / union >= STORY_JACCARD:
            parent[find(a)] = find(b)
    return [find(i) for i in range(len(docs))]


def _story_pairs(lines: dict[str, Line]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for key, line in lines.items():
        if story_line(key) and 2 <= len(line.docs) <= PAIR_DF_CAP:
            ds = sorted(line.docs)
            pairs.update((a, b) for i, a in enumerate(ds) for b in ds[i + 1:])
    return pairs


def frequent(docs: list[Doc], lines: dict[str, Line], story: list[int], min_share: float = MIN_SHARE,
             min_docs: int = MIN_DOCS) -> list[Line]:
    """The boilerplate candidates, most supported first (fewer than ``min_docs``
    distinct stories in the dump: none, since nothing can be told apart);
    ``story``: :func:`assign_stories` of the documents."""
    n_stories = len(set(story))
    titles = set().union(*(d.titles for d in docs)) if docs else set()
    out = []
    for key, line in lines.items():
        line.stories = {story[d] for d in line.docs}
        share = SENTENCE_SHARE if sentence_like(key) else min_share
        need_docs = max(min_docs, share * len(docs))
        need_stories = max(min_docs, share * n_stories)
        if len(line.docs) >= need_docs and len(line.stories) >= need_stories and key not in titles:
            out.append(line)
    out.sort(key=lambda ln: (-len(ln.docs), ln.key))
    return out


def guess_kind(key: str) -> str:
    """A kind for a drafted line, from its shape (a guess for a person to review)."""
    if _COPYRIGHT.search(key) or _FOOTER.search(key):
        return "copyright"
    if _RANKED.match(key):
        return "related"
    if sentence_like(key):
        return "ui"
    if len(key.replace(" ", "")) >= 15 or key.count(" ") >= 3:
        return "related"
    return "menu"


def drop_known(lines: list[Line], packs: PackSet | None = None) -> tuple[list[Line], int]:
    """Leave out lines a common pack already decides; return the rest and how many went."""
    packs = packs or PackSet.load(sites=False)
    rules = [r for p in packs.common for r in p.rules if r.scope == "line"]
    keep = []
    for line in lines:
        key = match_key(" ".join(line.text.split()))
        if not any(safe_match(r, key) for r in rules):
            keep.append(line)
    return keep, len(lines) - len(keep)


def line_pattern(line: Line) -> str:
    """An anchored regex for a line whose digits vary: digit runs become \\d+."""
    parts = _DIGITS.split(_line_key(line.text))
    return f"^{_EDGE_CLASS}" + r"\d+".join(escape(p) for p in parts) + f"{_EDGE_CLASS}$"


def escape(text: str) -> str:
    """Escape only what is special in a pattern (readable in the TOML)."""
    return "".join("\\" + ch if ch in _REGEX_META else ch for ch in text)


def fingerprints(docs: list[Doc], lines: list[Line], hint: str = "") -> list[str]:
    """Escaped patterns of the most frequent distinctive literal lines that also stand
    in the raw text of most documents (fingerprints are searched in the raw text)."""
    scored = []
    for line in lines:
        key = _line_key(line.text)
        if not line.literal or len(key.replace(" ", "")) < FINGERPRINT_MIN_CHARS:
            continue
        raw = sum(1 for d in docs if key in d.raw_key)
        if raw >= FINGERPRINT_SHARE * len(docs):
            scored.append((bool(hint) and hint in key, raw, len(key), key))
    scored.sort(reverse=True)
    return [escape(key) for *_, key in scored[:MAX_FINGERPRINTS]]

# ---------------------------------------------------------------- reading a dump
DUMP_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
_TITLE_SPLIT = re.compile(r"\s+[:|\-–—]\s+")


def html_lines(html: str, url: str | None = None) -> list[str]:
    """The text blocks the cleaner reads off a page (none where it refuses the
    markup: what it would reject teaches nothing)."""
    from .model import CleanError
    from .pipeline import html_blocks

    try:
        blocks, _ = html_blocks(html, url)
    except CleanError:
        return []
    return [b.text for b in blocks if b.text]


def page_titles(html: str) -> set[str]:
    """Folded headline keys of a page: <title> (before ' : ', ' | ', ' - ') and og:title."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    found = []
    node = tree.css_first("title")
    if node:
        found.append(node.text())
    for meta in tree.css('meta[property="og:title"], meta[name="title"]'):
        found.append(meta.attributes.get("content") or "")
    keys = {fold(t) for t in found if t.strip()}
    keys |= {fold(_TITLE_SPLIT.split(t.strip())[0]) for t in found if t.strip()}
    return {k for k in keys if k}


def page_url(html: str) -> str | None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for css, attr in (('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content")):
        node = tree.css_first(css)
        if node and (node.attributes.get(attr) or "").startswith("http"):
            return node.attributes[attr]
    return None


def make_doc(doc_id: str, content: str | bytes, url: str | None = None,
             title: str | None = None, splitter=None) -> Doc:  # noqa: ANN001
    """One document from raw content (text dump or HTML page), read as the cleaner
    reads it (``splitter``: another way to cut a page into lines, for tests)."""
    from .pipeline import FINGERPRINT_WINDOW, prepared
    from .segment import segment_text

    text, is_html = prepared(content)
    head, tail = text[:FINGERPRINT_WINDOW], text[-FINGERPRINT_WINDOW // 5:]
    doc = Doc(doc_id, [], match_key(head + "\n" + tail), url=url)
    if is_html:
        doc.lines = splitter(text) if splitter else html_lines(text, url)
        doc.titles = page_titles(text)
        doc.url = url or page_url(text)
    else:
        doc.lines = [b.text for b in segment_text(text)]
    if title:
        doc.titles.add(fold(title))
    return doc


def read_dump(paths: list, splitter=None) -> list[Doc]:  # noqa: ANN001
    """Documents from folders of .txt/.html/.htm files, single files, and JSONL files
    whose records hold the page in ``html`` or ``text`` (optional ``url``, ``title``)."""
    from pathlib import Path

    docs: list[Doc] = []
    for raw in paths:
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in DUMP_SUFFIXES) \
            if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() == ".jsonl":
                docs += _jsonl_docs(f, splitter)
            else:
                docs.append(make_doc(str(f), f.read_bytes(), splitter=splitter))
    return docs


def _jsonl_docs(path, splitter) -> list[Doc]:  # noqa: ANN001
    import json

    docs = []
    with open(path, encoding="utf-8") as fh:
        for i, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            rec = json.loads(raw)
            content = rec.get("html") or rec.get("text") or ""
            if isinstance(content, str) and content.strip():
                docs.append(make_doc(f"{path}:{i}", content, rec.get("url"), rec.get("title"), splitter))
    return docs


# ---------------------------------------------------------------- the draft
@dataclass(slots=True)
class Draft:
    site: str
    name: str
    domains: list[str]
    fingerprints: list[str]
    lines: list[Line]  # drafted lines, each with its kind
    n_docs: int
    n_stories: int
    known: int  # frequent lines left out because a common pack decides them


def registrable_domain(host: str) -> str:
    """news.donga.com → donga.com; www.hankyung.co.kr → hankyung.co.kr."""
    labels = host.lower().strip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


_SECOND_LEVEL = {"co", "or", "go", "ne", "re", "pe", "ac", "com", "net", "org"}


def infer_domains(docs: list[Doc]) -> list[str]:
    from urllib.parse import urlsplit

    hosts = Counter(registrable_domain(urlsplit(d.url).hostname or "") for d in docs if d.url)
    hosts.pop("", None)
    return [h for h, _ in hosts.most_common(3)]


def learn(docs: list[Doc], site: str, name: str | None = None, domains: list[str] | None = None,
          min_share: float = MIN_SHARE, min_docs: int = MIN_DOCS, packs: PackSet | None = None) -> Draft:
    """Draft a site pack from the documents of one site."""
    counted = count_lines(docs)
    story = assign_stories(docs, counted)
    candidates = frequent(docs, counted, story, min_share, min_docs)
    drafted, known = drop_known(candidates, packs)
    for line in drafted:
        line.kind = guess_kind(line.key)
    domains = list(domains or infer_domains(docs))
    hint = domains[0].split(".")[0] if domains else ""
    return Draft(site, name or site, domains, fingerprints(docs, drafted, hint), drafted,
                 len(docs), len(set(story)), known)


def toml_str(text: str) -> str:
    """A TOML basic string (control characters and DEL escaped)."""
    out = []
    for ch in text:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _support(line: Line, draft: Draft) -> str:
    return f"{len(line.docs)}/{draft.n_docs} docs, {len(line.stories)}/{draft.n_stories} stories"


def _header(draft: Draft) -> list[str]:
    return [
        f"# Draft site pack {draft.site!r}, written by `cleaner learn` on {date.today().isoformat()}",
        f"# from {draft.n_docs} documents ({draft.n_stories} stories).  Review before use: kinds are",
        "# guesses from the shape of each line.  support = documents (stories) holding the line;",
        f"# drafted when in >= {MIN_SHARE:.0%} of documents and >= {MIN_DOCS} documents by default",
        f"# (sentence-like lines: >= {SENTENCE_SHARE:.0%} of stories).  Left out: {draft.known}"
        " frequent lines that the common packs already decide.",
        "", "[pack]", f"id = {toml_str(draft.site)}", f"name = {toml_str(draft.name)}",
        f"version = {toml_str(date.today().isoformat())}",
        "domains = [" + ", ".join(toml_str(d) for d in draft.domains) + "]",
        "fingerprints = [" + ", ".join(toml_str(f) for f in draft.fingerprints) + "]",
        f"min_fingerprints = {min(2, max(1, len(draft.fingerprints)))}",
    ]


def to_toml(draft: Draft) -> str:
    """The draft as a rule pack: one `lines` rule per kind, one `pattern` rule per line
    whose digits vary; support counts as comments."""
    out = _header(draft)
    for kind in sorted({ln.kind for ln in draft.lines}):
        literal = [ln for ln in draft.lines if ln.kind == kind and ln.literal]
        if literal:
            lo, hi = min(len(ln.docs) for ln in literal), max(len(ln.docs) for ln in literal)
            out += ["", f"# support: {lo}-{hi} of {draft.n_docs} documents, {len(literal)} lines",
                    "[[rule]]", f'id = "{kind}-lines"', f'kind = "{kind}"', "lines = ["]
            out += [f"  {toml_str(ln.text)},  # {_support(ln, draft)}" for ln in literal]
            out.append("]")
        varying = [ln for ln in draft.lines if ln.kind == kind and not ln.literal]
        for i, ln in enumerate(varying, start=1):
            out += ["", f"# support: {_support(ln, draft)}; e.g. {ln.text[:60]!r}", "[[rule]]",
                    f'id = "{kind}-pattern-{i}"', f'kind = "{kind}"', f"pattern = {toml_str(line_pattern(ln))}"]
    return "\n".join(out) + "\n"


def check_draft(text: str, path=None):  # noqa: ANN001, ANN201 - Path, Pack
    """Parse and validate drafted TOML as ``load_pack`` would; raises PackError."""
    import tomllib
    from pathlib import Path

    from .packs import parse_pack

    return parse_pack(tomllib.loads(text), Path(path or "<draft>"))
