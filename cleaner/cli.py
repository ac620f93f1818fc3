"""Command line: a thin layer over the library.

    cleaner clean samples/ -o out.jsonl      # text dumps and HTML pages → JSON records
    cleaner score samples/ --gold ../shared/seeds/gold
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .model import CleanError
from .packs import PackError
from .pipeline import Cleaner

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Clean Korean news pages and text dumps: article text, metadata, and what was removed.",
)

DOC_SUFFIXES = (".txt", ".html", ".htm")


@app.callback()
def main() -> None:
    """Clean Korean news pages and text dumps: article text, metadata, and what was removed."""


def _documents(paths: list[str]):  # noqa: ANN202 - iterator of (id, bytes)
    for raw in paths:
        if raw == "-":
            yield "stdin", sys.stdin.buffer.read()
            continue
        path = Path(raw)
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.suffix.lower() in DOC_SUFFIXES):
                yield str(f), f.read_bytes()
        elif path.is_file():
            yield str(path), path.read_bytes()
        else:
            raise typer.BadParameter(f"{raw}: no such file or folder", param_hint="PATH")


def load_cleaner(rules: list[Path] | None, no_site_packs: bool) -> Cleaner:
    from .packs import RULES_DIR

    dirs = [RULES_DIR, *rules] if rules else None
    try:
        return Cleaner(dirs, site_packs=not no_site_packs)
    except PackError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


@app.command()
def clean(
    paths: list[str] = typer.Argument(..., help="Files or folders of .txt/.html pages; '-' reads stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="JSONL output (default: stdout)."),
    rejects: Optional[Path] = typer.Option(None, "--rejects", help="JSONL of documents that could not be cleaned, with the reason."),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", help="Extra rule-pack file or folder (repeatable)."),
    site: Optional[str] = typer.Option(None, "--site", help="Use this site pack for every document."),
    url: Optional[str] = typer.Option(None, "--url", help="Source URL (picks the site pack by domain)."),
    no_site_packs: bool = typer.Option(False, "--no-site-packs", help="Generic rules and heuristic only."),
) -> None:
    """Clean documents; write one JSON record per document."""
    cleaner = load_cleaner(rules, no_site_packs)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    rej = rejects.open("w", encoding="utf-8") if rejects else None
    written = rejected = 0
    for doc_id, data in _documents(paths):
        try:
            record = cleaner.clean(data, url=url, site=site, doc_id=doc_id).to_dict()
        except CleanError as exc:
            rejected += 1
            if rej:
                rej.write(json.dumps({"id": doc_id, "reason": exc.reason, "detail": exc.detail}, ensure_ascii=False) + "\n")
            continue
        written += 1
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    typer.echo(f"in {written + rejected}, written {written}, rejected {rejected}", err=True)
    raise typer.Exit(1 if rejected else 0)


if __name__ == "__main__":  # pragma: no cover
    app()
