"""Why every line went: the decision on each line (or HTML block) of one document.

:func:`explain` cleans a document and turns ``Article.blocks`` and
``Article.removed`` into :class:`Row` records, in input order:

* one row per block (a line of a text dump, a text block of a page) with the
  decision ``kept`` (body, heading), ``moved`` (to a metadata field) or
  ``removed`` (boilerplate), its kind and the rule id or heuristic reason;
* one row per piece cut off a line by a ``prefix``/``suffix`` rule (a dateline
  byline, a trailing e-mail): it shares the line number with the kept block;
* a line joined into the paragraph above it (a sentence cut by a stray line
  break) is shown with its own text, ``kept``, and the reason says so.

:func:`render_terminal` prints the rows with rich (colours by kind when the
output is a terminal, plain text otherwise); :mod:`cleaner.report` writes them
as an HTML page.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .model import BODY_KINDS, Article, Block, Removed, action_for
from .pipeline import Cleaner, prepared
from .segment import segment_text

# One colour per kind, shared by the terminal and the HTML report.
KIND_COLOURS = {
    "menu": "#d35400", "related": "#c0392b", "board": "#8e44ad", "spam": "#e91e63",
    "ui": "#2c7fb8", "copyright": "#7f8c8d", "ad": "#b7950b", "comment": "#16a085",
    "ignore": "#95a5a6", "title": "#145a32", "subtitle": "#1e8449", "section": "#117864",
    "caption": "#6c3483", "byline": "#1f618d", "summary": "#9a7d0a", "date": "#5d6d7e",
}
META_FIELDS = ("title", "subtitles", "press", "reporters", "emails", "published", "section",
               "captions", "summary", "lang", "site", "site_match", "kind")
_JOINED_INTO = re.compile(r"joined into line (\d+)")
_JOINED_WITH = re.compile(r"joined with line (\d+)")


@dataclass(slots=True)
class Row:
    """One decision: a whole line/block (``part = "line"``) or a piece cut off it."""

    n: int
    text: str
    decision: str  # kept, moved, removed
    kind: str
    reason: str
    part: str = "line"  # line, prefix, suffix


@dataclass(slots=True)
class Explanation:
    article: Article
    rows: list[Row]
    source: str  # "text" or "html"
    name: str = ""
    scopes: dict[str, str] = field(default_factory=dict, repr=False)

    def counts(self) -> dict[str, int]:
        out = {"kept": 0, "moved": 0, "removed": 0}
        for row in self.rows:
            out[row.decision] = out.get(row.decision, 0) + 1
        return out

    def metadata(self) -> dict[str, Any]:
        return {name: getattr(self.article, name) for name in META_FIELDS}

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.name, "source": self.source, "metadata": self.metadata(),
                "counts": self.counts(), "rows": [asdict(r) for r in self.rows]}


def decision_of(kind: str) -> str:
    return "kept" if kind in BODY_KINDS else action_for(kind)


def explain(cleaner: Cleaner, content: str | bytes, url: str | None = None,
            site: str | None = None, name: str = "") -> Explanation:
    """Clean ``content`` and explain every decision (raises CleanError like ``clean``)."""
    article = cleaner.clean(content, url=url, site=site, doc_id=name or None)
    text, is_html = prepared(content)
    originals = {} if is_html else _original_lines(text)
    rows = build_rows(article, rule_scopes(cleaner), originals)
    return Explanation(article, rows, "html" if is_html else "text", name)


def _original_lines(text: str) -> dict[int, str]:
    """Line number → the line's text as segmented, before any rule touched it."""
    out: dict[int, list[str]] = {}
    for block in segment_text(text):
        out.setdefault(block.n, []).append(block.text)
    return {n: " ".join(parts) for n, parts in out.items()}


def rule_scopes(cleaner: Cleaner) -> dict[str, str]:
    """Rule id → scope (line, prefix, suffix) for every loaded pack."""
    packs = [*cleaner.packs.common, *cleaner.packs.sites]
    return {rule.id: rule.scope for pack in packs for rule in pack.rules}


def build_rows(article: Article, scopes: dict[str, str],
               originals: dict[int, str] | None = None) -> list[Row]:
    """Rows in input order: cut prefixes, the block, cut suffixes of each line."""
    cuts = [r for r in article.removed if scopes.get(r.rule, "line") != "line"]
    if not article.blocks:  # e.g. an index page: only the removal list is known
        return [_removed_row(r, "line") for r in article.removed]
    rows: list[Row] = []
    blocks = article.blocks
    by_n = {b.n: b for b in blocks if b.kind in BODY_KINDS}
    for i, block in enumerate(blocks):
        first = i == 0 or blocks[i - 1].n != block.n
        last = i + 1 == len(blocks) or blocks[i + 1].n != block.n
        if first:
            rows += [_removed_row(r, "prefix") for r in cuts if r.n == block.n and scopes[r.rule] == "prefix"]
        row = _block_row(block, by_n, originals or {})
        if row:
            rows.append(row)
        if last:
            rows += [_removed_row(r, "suffix") for r in cuts if r.n == block.n and scopes[r.rule] == "suffix"]
    return rows


def _removed_row(r: Removed, part: str) -> Row:
    return Row(r.n, r.text, r.action if r.action in ("moved", "removed") else decision_of(r.kind),
               r.kind, r.rule, part)


def _block_row(block: Block, kept: dict[int, Block], originals: dict[int, str]) -> Row | None:
    into = _JOINED_INTO.search(block.reason)
    if into and not block.text:  # its text now ends the paragraph of another line
        target = kept.get(int(into.group(1)))
        kind = target.kind if target else block.kind
        return Row(block.n, originals.get(block.n, ""), decision_of(kind), kind, block.reason)
    if not block.text:
        return None
    text = block.text
    with_ = _JOINED_WITH.search(block.reason)
    if with_ and originals.get(int(with_.group(1))):
        tail = " " + originals[int(with_.group(1))]
        text = text[: -len(tail)] if text.endswith(tail) else text
    return Row(block.n, text, decision_of(block.kind), block.kind or "undecided", block.reason)


# ---------------------------------------------------------------- terminal
TEXT_CHARS = 70  # text shown per row unless --full


def _style(row: Row) -> str:
    colour = KIND_COLOURS.get(row.kind, "")
    if row.decision == "removed":
        return f"strike {colour}".strip()
    if row.decision == "moved":
        return f"italic {colour}".strip()
    return "bold" if row.kind == "heading" else ""


def _short(text: str, full: bool) -> str:
    return text if full or len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"


def row_text(row: Row, full: bool = False):  # noqa: ANN201 - rich.text.Text
    """One row as styled rich text: number, decision, kind, text, [reason]."""
    from rich.text import Text

    out = Text(f"{row.n:>5} {row.decision:<8}{row.kind:<10}")
    if row.part != "line":
        out.append(f"({row.part}) ", style="dim")
    out.append(_short(row.text, full), style=_style(row))
    out.append(f"  [{row.reason}]", style="dim")
    return out


def header_lines(expl: Explanation) -> list[str]:
    a = expl.article
    counts = ", ".join(f"{k} {v}" for k, v in expl.counts().items())
    site = f"{a.site} (by {a.site_match})" if a.site else "none"
    notes = [f"  {r.text} not applied: {r.rule}" for r in a.removed if r.action == "not applied"]
    return [f"{expl.name or 'document'}: {expl.source}, {a.kind}; site pack: {site}; {counts}", *notes]


def footer_lines(expl: Explanation, full: bool = False) -> list[str]:
    """The metadata fields that have a value, one line each (list items indented)."""
    out = []
    for name, value in expl.metadata().items():
        if value in (None, [], "") or name in ("site", "site_match", "kind"):
            continue
        if isinstance(value, list):
            out += [f"  {name}:"] + [f"    - {_short(v, full)}" for v in value]
        else:
            out.append(f"  {name}: {_short(str(value), full)}")
    return ["metadata:", *out] if out else ["metadata: none"]


def render_terminal(expl: Explanation, console: Any = None, full: bool = False) -> None:
    """Print the explanation: coloured in a terminal, plain lines when piped."""
    from rich.console import Console

    console = console or Console(highlight=False)
    plain = not console.is_terminal
    for line in header_lines(expl):
        print(line) if plain else console.print(line, style="bold")
    for row in expl.rows:
        text = row_text(row, full)
        print(text.plain) if plain else console.print(text, soft_wrap=True)
    for line in footer_lines(expl, full):
        print(line) if plain else console.print(line, highlight=False)
