"""Command-line tools around the cleaner: explain, learn, and the rules commands.

    cleaner explain page.html --url https://…          # why every line went
    cleaner explain dump.txt --html report.html        # the same as a page
    cleaner learn dump/ --site donga -o rules/sites/donga.toml
    cleaner rules check rules/sites/donga.toml --samples dump/
    cleaner rules list
    cleaner rules show donga

Registered on the main app by :func:`register`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .learn import MIN_DOCS, MIN_SHARE
from .model import CleanError
from .packs import RULES_DIR, Pack, PackError, PackSet, load_pack, pack_files, with_bundled
from .pipeline import Cleaner

rules_app = typer.Typer(no_args_is_help=True, help="List, show and check rule packs.")

RULES_OPT = typer.Option(None, "--rules", help="Extra rule-pack file or folder (repeatable).")
EXAMPLES = 3  # example lines shown per rule by `rules check`


def register(app: typer.Typer) -> None:
    """Add explain, learn and the rules group to the main app."""
    app.command("explain")(explain_cmd)
    app.command("learn")(learn_cmd)
    app.add_typer(rules_app, name="rules")


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _cleaner(rules: list[Path] | None, no_site_packs: bool = False) -> Cleaner:
    try:
        return Cleaner(with_bundled(rules), site_packs=not no_site_packs)
    except PackError as exc:
        raise _fail(str(exc)) from None


def _is_tty() -> bool:
    return sys.stdout.isatty()


# ---------------------------------------------------------------- explain
def explain_cmd(
    file: Path = typer.Argument(..., help="A text dump (.txt) or an HTML page."),
    url: Optional[str] = typer.Option(None, "--url", help="Source URL (picks the site pack by domain)."),
    site: Optional[str] = typer.Option(None, "--site", help="Use this site pack."),
    rules: Optional[list[Path]] = RULES_OPT,
    no_site_packs: bool = typer.Option(False, "--no-site-packs", metavar="", help="Generic rules and heuristic only."),
    as_json: bool = typer.Option(False, "--json", metavar="", help="Machine-readable output: metadata, counts and one record per row."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML report here."),
    full: bool = typer.Option(False, "--full", metavar="", help="Do not shorten long lines in the terminal."),
) -> None:
    """Show why every line went: kept, moved to metadata, or removed, with kind and reason.

    One row per line of a text dump (per text block of a page) with the decision
    (kept as body or heading, moved to a metadata field, removed as boilerplate),
    the kind and the rule id or heuristic reason.  Pieces cut off a line (a
    dateline byline, a trailing e-mail) are shown under the same line number.
    """
    from .explain import explain

    if not file.is_file():
        raise _fail(f"{file}: no such file")
    cleaner = _cleaner(rules, no_site_packs)
    try:
        expl = explain(cleaner, file.read_bytes(), url=url, site=site, name=str(file))
    except CleanError as exc:
        raise _fail(f"{file}: cannot clean: {exc}", 1) from None
    except KeyError as exc:  # --site with an unknown id
        raise _fail(str(exc.args[0])) from None
    _explain_output(expl, html, as_json, full)


def _explain_output(expl, html: Path | None, as_json: bool, full: bool) -> None:  # noqa: ANN001
    from .explain import render_terminal
    from .report import render_html

    if html:
        html.write_text(render_html(expl), encoding="utf-8")
        typer.echo(f"report written to {html}", err=True)
    if as_json:
        typer.echo(json.dumps(expl.to_dict(), ensure_ascii=False, indent=1))
    else:
        render_terminal(expl, full=full)


# ---------------------------------------------------------------- learn
def learn_cmd(
    dump: list[Path] = typer.Argument(..., help="Folders of .txt/.html files, single files, or JSONL files (field html or text)."),
    site: str = typer.Option(..., "--site", help="Id of the drafted pack (lower-case)."),
    domain: Optional[list[str]] = typer.Option(None, "--domain", help="Domain of the site (repeatable); default: from the pages' URLs."),
    name: Optional[str] = typer.Option(None, "--name", help="Display name of the site (default: the id)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the draft here (default: stdout)."),
    force: bool = typer.Option(False, "--force", metavar="", help="Overwrite an existing output file."),
    min_share: float = typer.Option(MIN_SHARE, "--min-share", help="Share of the documents (and of the stories) a line must be in."),
    min_docs: int = typer.Option(MIN_DOCS, "--min-docs", help="Number of documents (and of stories) a line must be in."),
) -> None:
    """Draft a site pack from a dump of one site; review it before use.

    Lines that recur across the site's documents (support: documents holding the
    line) become `lines` or `pattern` rules, with their support as comments.
    """
    from . import learn

    docs = learn.read_dump(dump)
    if not docs:
        raise _fail("no documents found in " + ", ".join(map(str, dump)))
    if output and output.exists() and not force:
        raise _fail(f"{output} exists (use --force to overwrite)")
    draft = learn.learn(docs, site, name=name, domains=domain, min_share=min_share, min_docs=min_docs)
    text = learn.to_toml(draft)
    try:
        learn.check_draft(text, output)
    except PackError as exc:  # e.g. a bad --site id
        raise _fail(str(exc)) from None
    typer.echo(_learn_summary(draft), err=True)
    if output:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"draft written to {output}", err=True)
    else:
        typer.echo(text, nl=False)


def _learn_summary(draft) -> str:  # noqa: ANN001 - learn.Draft
    kinds: dict[str, int] = {}
    for line in draft.lines:
        kinds[line.kind] = kinds.get(line.kind, 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none"
    return (f"{draft.n_docs} documents, {draft.n_stories} stories; drafted lines: {summary}; "
            f"fingerprints {len(draft.fingerprints)}; left to common packs {draft.known}")


# ---------------------------------------------------------------- rules list / show
def _packs(rules: list[Path] | None) -> PackSet:
    try:
        return PackSet.load(with_bundled(rules), sites=True)
    except PackError as exc:
        raise _fail(str(exc)) from None


def _print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    """A rich table in a terminal, tab-separated plain text otherwise."""
    if not _is_tty():
        typer.echo("\t".join(columns))
        for row in rows:
            typer.echo("\t".join(row))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*row)
    Console().print(table)


def _pack_row(pack: Pack) -> list[str]:
    return [pack.id, pack.kind, pack.version, ", ".join(pack.domains) or "-",
            str(len(pack.fingerprints)), str(len(pack.rules)), str(pack.path)]


@rules_app.command("list")
def rules_list(rules: Optional[list[Path]] = RULES_OPT) -> None:
    """List the rule packs: id, kind, version, domains, fingerprints, rules, path."""
    packs = _packs(rules)
    rows = [_pack_row(p) for p in [*packs.common, *sorted(packs.sites, key=lambda p: p.id)]]
    _print_table("rule packs", ["id", "kind", "version", "domains", "fingerprints", "rules", "path"], rows)


def _rule_match(rule) -> str:  # noqa: ANN001 - packs.Rule
    if rule.pattern is not None:
        return f"pattern {rule.pattern.pattern}"
    if rule.lines:
        return f"{len(rule.lines)} lines, e.g. {sorted(rule.lines)[0]}"
    return f"{len(rule.terms)} terms (>= {rule.min_hits} hits)"


@rules_app.command("show")
def rules_show(pack_id: str = typer.Argument(..., help="Pack id, e.g. donga or common."),
               rules: Optional[list[Path]] = RULES_OPT) -> None:
    """Show one pack: its head (domains, fingerprints, version, path) and every rule."""
    packs = _packs(rules)
    pack = next((p for p in [*packs.common, *packs.sites] if p.id == pack_id), None)
    if pack is None:
        raise _fail(f"no pack with id {pack_id!r} (see `cleaner rules list`)")
    typer.echo(f"{pack.id}: {pack.name} ({pack.kind}, version {pack.version})\npath: {pack.path}")
    typer.echo(f"domains: {', '.join(pack.domains) or '-'}\npress: {', '.join(pack.press) or '-'}")
    fps = ", ".join(fp.pattern for fp in pack.fingerprints) or "-"
    typer.echo(f"fingerprints (need {pack.min_fingerprints}): {fps}\nlead: {pack.lead}")
    rows = [[r.id, r.kind, r.scope, r.field or "-", _rule_match(r)[:100]] for r in pack.rules]
    rows += [[g.id, g.kind, "region", "-", f"{g.start.pattern} … {g.end.pattern}"[:100]] for g in pack.regions]
    _print_table(f"rules of {pack.id}", ["id", "kind", "scope", "field", "match"], rows)


# ---------------------------------------------------------------- rules check
SAMPLE_SUFFIXES = (".txt", ".html", ".htm")


def _sample_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in SAMPLE_SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            raise _fail(f"{path}: no such file or folder")
    return files


def check_cleaners(pack_path: Path) -> tuple[Pack, Cleaner, Cleaner]:
    """The pack, a Cleaner without it and one with it (a bundled pack with the
    same id is left out of both: the draft replaces it)."""
    pack = load_pack(pack_path)
    bundled = [f for f in pack_files([RULES_DIR]) if load_pack(f).id != pack.id]
    return pack, Cleaner(bundled), Cleaner([*bundled, pack_path])


def check_pack(pack_path: Path, samples: list[Path], url: str | None = None,
               auto: bool = False) -> dict:
    """Per rule of the pack: lines removed or moved on the samples, documents, lines
    that were body without the pack, examples.  Documents that cannot be cleaned
    are listed with the reason."""
    pack, base, with_pack = check_cleaners(pack_path)
    ids = [r.id for r in pack.rules] + [g.id for g in pack.regions]
    stats = {i: {"lines": 0, "docs": 0, "was_body": 0, "examples": []} for i in ids}
    report = {"pack": pack.id, "documents": 0, "matched": 0, "errors": [], "rules": stats}
    for f in _sample_files(samples):
        data = f.read_bytes()
        try:
            kept = {b.n for b in base.clean(data, url=url).blocks if b.kind in ("body", "heading")}
            article = with_pack.clean(data, url=url, site=None if auto else pack.id)
        except (CleanError, ImportError) as exc:
            report["errors"].append({"file": str(f), "error": str(exc)})
            continue
        report["documents"] += 1
        report["matched"] += article.site == pack.id
        _count_hits(article.removed, stats, kept, pack.id)
    return report


def _count_hits(removed, stats: dict, kept: set[int], pack_id: str) -> None:  # noqa: ANN001
    seen: set[str] = set()
    for r in removed:
        if not r.rule.startswith(pack_id + "/") or r.rule not in stats:
            continue
        st = stats[r.rule]
        st["lines"] += 1
        st["was_body"] += r.n in kept
        if r.rule not in seen:
            st["docs"] += 1
            seen.add(r.rule)
        if len(st["examples"]) < EXAMPLES and r.text not in st["examples"]:
            st["examples"].append(r.text)


@rules_app.command("check")
def rules_check(
    pack: Path = typer.Argument(..., help="The rule pack to try (e.g. a draft from `cleaner learn`)."),
    samples: list[Path] = typer.Option(..., "--samples", help="Sample documents: folder or file (repeatable)."),
    url: Optional[str] = typer.Option(None, "--url", help="Source URL given to every sample."),
    auto: bool = typer.Option(False, "--auto", metavar="", help="Let domain/fingerprints pick the pack instead of forcing it."),
    as_json: bool = typer.Option(False, "--json", metavar="", help="Machine-readable output."),
) -> None:
    """Show what a pack would remove on sample documents, rule by rule.

    Per rule: lines it removed (or moved), documents, how many of those lines were
    body without the pack, and examples.  The pack is forced unless --auto.
    """
    try:
        report = check_pack(pack, samples, url=url, auto=auto)
    except PackError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print_check(report)
    if not report["documents"]:
        raise typer.Exit(1)


def _print_check(report: dict) -> None:
    typer.echo(f"pack {report['pack']}: {report['documents']} documents cleaned, "
               f"pack selected in {report['matched']}, {len(report['errors'])} could not be cleaned")
    for err in report["errors"]:
        typer.echo(f"  cannot clean {err['file']}: {err['error']}", err=True)
    rows = [[rid, str(st["lines"]), str(st["docs"]), str(st["was_body"]), " | ".join(e[:40] for e in st["examples"])]
            for rid, st in report["rules"].items()]
    _print_table("rule hits", ["rule", "lines", "docs", "was body", "examples"], rows)
