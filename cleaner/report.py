"""A self-contained HTML page for one explanation (``cleaner explain --html``).

The page shows the document line by line (block by block for HTML input):
kept text plain, moved text in the colour of its kind with a dashed underline,
removed text struck through in the colour of its kind.  Every piece carries a
tooltip (``title`` attribute and a CSS hover box) with decision, kind and
reason, and ``data-decision`` / ``data-kind`` attributes for scripts.  A legend
and the metadata panel (title, subtitles, press, reporters, e-mails, date,
section, captions, summary, language, site pack and how it matched) sit beside
it.  Runs of ``COLLAPSE_MIN`` or more lines removed as one kind (a page's menus
above the article) fold into one expandable ``<details>`` line, and the header
links to the first body line.  No script, no external resource.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from .explain import KIND_COLOURS, Explanation, Row
from .model import DROP_KINDS, META_KINDS

STRIKE_PX = 2  # thickness of the strike-through line
COLLAPSE_MIN = 3  # consecutive lines removed as one kind that fold into one expandable line
FIRST_BODY_ID = "first-body"
_META_LABELS = (
    ("title", "title"), ("subtitles", "subtitles"), ("press", "press"),
    ("reporters", "reporters"), ("emails", "e-mails"), ("published", "date"),
    ("section", "section"), ("captions", "captions"), ("summary", "summary"),
    ("lang", "language"), ("kind", "document kind"),
)


def _css() -> str:
    kinds = "\n".join(f".k-{k} {{ --c: {c}; }}" for k, c in sorted(KIND_COLOURS.items()))
    return f"""
body {{ font: 15px/1.6 system-ui, "Noto Sans CJK KR", "Malgun Gothic", sans-serif;
       margin: 0; color: #222; background: #fff; }}
header {{ padding: 12px 20px; border-bottom: 1px solid #ddd; }}
h1 {{ font-size: 20px; margin: 0; }} h2 {{ font-size: 16px; margin: 0 0 8px; }}
.wrap {{ display: flex; gap: 20px; padding: 12px 20px; align-items: flex-start; }}
main {{ flex: 3; min-width: 0; }} aside {{ flex: 1; min-width: 260px; }}
.panel {{ border: 1px solid #ddd; border-radius: 6px; padding: 10px 12px; margin-bottom: 12px; }}
.line {{ display: flex; gap: 10px; padding: 1px 0; }}
.line:hover {{ background: #f6f6f6; }}
.ln {{ color: #999; min-width: 3em; text-align: right; user-select: none; }}
.pieces {{ flex: 1; }}
.piece {{ position: relative; }}
.piece.removed {{ color: var(--c); text-decoration: line-through;
                  text-decoration-color: var(--c); text-decoration-thickness: {STRIKE_PX}px; }}
.piece.moved {{ color: var(--c); text-decoration: underline dashed var(--c); }}
.piece.kept.k-heading {{ font-weight: bold; }}
.piece:hover::after {{ content: attr(data-tip); position: absolute; left: 0; top: 1.6em;
  z-index: 10; background: #333; color: #fff; padding: 2px 6px; border-radius: 4px;
  font-size: 12px; white-space: nowrap; text-decoration: none; }}
.tag {{ color: #888; font-size: 12px; margin-left: 6px; }}
details.run > summary {{ color: var(--c); cursor: pointer; padding: 1px 0 1px 4.2em; font-size: 13px; }}
.line:target {{ background: #fff6d5; }}
.chip {{ display: inline-block; margin: 2px 6px 2px 0; }}
dl {{ margin: 0; }} dt {{ font-weight: bold; margin-top: 6px; }} dd {{ margin: 0 0 0 10px; }}
{kinds}
"""


def _tip(row: Row) -> str:
    part = f" ({row.part} cut)" if row.part != "line" else ""
    return f"{row.decision}{part} · {row.kind} · {row.reason}"


def _piece(row: Row) -> str:
    tip = escape(_tip(row))
    return (f'<span class="piece {row.decision} k-{escape(row.kind)}" data-decision="{row.decision}" '
            f'data-kind="{escape(row.kind)}" data-part="{row.part}" title="{tip}" '
            f'data-tip="{tip}">{escape(row.text)}</span>')


def _line(n: int, rows: list[Row], first_body: bool = False) -> str:
    pieces = " ".join(_piece(r) for r in rows)
    tags = ", ".join(dict.fromkeys(f"{r.decision} {r.kind}" for r in rows))
    title = escape("\n".join(_tip(r) for r in rows))
    anchor = f' id="{FIRST_BODY_ID}"' if first_body else ""
    return (f'<div class="line"{anchor} data-n="{n}" title="{title}"><span class="ln">{n}</span>'
            f'<span class="pieces">{pieces}<span class="tag">{escape(tags)}</span></span></div>')


def _legend() -> str:
    chips = ['<span class="chip"><span class="piece kept k-body">body</span> kept</span>',
             '<span class="chip"><span class="piece kept k-heading">heading</span> kept</span>']
    for kind in sorted(META_KINDS):
        chips.append(f'<span class="chip"><span class="piece moved k-{kind}">{kind}</span> moved</span>')
    for kind in sorted(DROP_KINDS):
        chips.append(f'<span class="chip"><span class="piece removed k-{kind}">{kind}</span> removed</span>')
    return '<div class="panel legend"><h2>Legend</h2>' + "".join(chips) + "</div>"


def _value(value: object) -> str:
    if isinstance(value, list):
        return "".join(f"<dd>{escape(str(v))}</dd>" for v in value) or "<dd>—</dd>"
    return f"<dd>{escape(str(value)) if value not in (None, '') else '—'}</dd>"


def _metadata(expl: Explanation) -> str:
    meta = expl.metadata()
    items = [f"<dt>{label}</dt>{_value(meta[name])}" for name, label in _META_LABELS]
    site = f"{meta['site']} (matched by {meta['site_match']})" if meta["site"] else "none"
    items.append(f"<dt>site pack</dt><dd>{escape(site)}</dd>")
    return '<div class="panel meta"><h2>Metadata</h2><dl>' + "".join(items) + "</dl></div>"


def _removed_kind(rows: list[Row]) -> str | None:
    """The kind a line was removed as, when all of it was removed as one kind."""
    kinds = {r.kind for r in rows}
    return kinds.pop() if len(kinds) == 1 and all(r.decision == "removed" for r in rows) else None


def _is_body(rows: list[Row]) -> bool:
    return any(r.decision == "kept" and r.kind == "body" for r in rows)


def _lines(expl: Explanation) -> tuple[str, int | None]:
    """The document's lines as HTML, runs of one removed kind folded; the first body line's number."""
    grouped = [(n, list(rows)) for n, rows in groupby(expl.rows, key=lambda r: r.n)]
    first = next((n for n, rows in grouped if _is_body(rows)), None)
    out = []
    for kind, run in groupby(grouped, key=lambda line: _removed_kind(line[1])):
        run = list(run)
        html = "".join(_line(n, rows, n == first) for n, rows in run)
        if kind is None or len(run) < COLLAPSE_MIN:
            out.append(html)
        else:
            label = f"{len(run)} lines removed as {kind} ({run[0][0]}–{run[-1][0]})"
            out.append(f'<details class="run k-{escape(kind)}"><summary>{escape(label)}</summary>{html}</details>')
    return "".join(out), first


def render_html(expl: Explanation) -> str:
    """The whole page as a string."""
    body, first = _lines(expl)
    jump = f' · <a href="#{FIRST_BODY_ID}">first body line ({first})</a>' if first is not None else ""
    counts = ", ".join(f"{k} {v}" for k, v in expl.counts().items())
    unit = "block" if expl.source == "html" else "line"
    name = escape(expl.name or "document")
    return f"""<!doctype html>
<html lang="ko"><head><meta charset="utf-8">
<title>cleaner explain: {name}</title><style>{_css()}</style></head>
<body><header><h1>cleaner explain: {name}</h1>
<p>{escape(expl.source)} input, one row per {unit}; {escape(counts)}{jump}</p></header>
<div class="wrap"><main class="doc">{body}</main>
<aside>{_legend()}{_metadata(expl)}</aside></div></body></html>
"""
