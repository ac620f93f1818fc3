"""Command line: a thin layer over the library.

    cleaner clean samples/ -o out.jsonl        # pages and dumps → one JSON record each
    cleaner explain samples/003_*.txt          # why each line was kept, moved or removed
    cleaner learn DUMP --site ID -o ID.toml    # draft a site pack from a dump of one site
    cleaner rules list                         # the rule packs

Quality against gold is scored by ``python -m bench.quality``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .io.readers import CONTENT_FIELDS
from .pipeline import MAX_INPUT_BYTES
from .run.runner import CHUNK_DOCS

app = typer.Typer(
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish, PowerShell
    no_args_is_help=True,
    rich_markup_mode=None,  # click's plain help: no "<bool>" or "<list[str]>" type labels, plain text to pipe
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Clean Korean news pages and text dumps: article text, metadata, and what was removed.",
)
FLAG = ""  # the metavar of a flag: no "<bool>" after it in the help


def _print_version(value: bool) -> None:
    if value:
        from . import __version__, accel

        typer.echo(f"cleaner {__version__}")
        for step, state in accel.steps().items():
            typer.echo(f"  {step}: {state}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", "-V", callback=_print_version, is_eager=True, metavar=FLAG,
                                 help="Print the version, which steps run compiled, and exit."),
) -> None:
    """Clean Korean news pages and text dumps: article text, metadata, and what was removed."""


@app.command()
def clean(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Files or folders (.html/.htm/.txt pages, .jsonl, .warc, .parquet; .gz/.zst read by magic bytes); '-' reads stdin."),
    output: Optional[str] = typer.Option(None, "-o", "--output", metavar="FILE|DIR|-", help="Output file or folder; '-' or none: standard output. The format follows the name: *.parquet Parquet, *.csv CSV, *.md Markdown, a folder or a path ending in '/' one .txt per document, else JSONL (.gz/.zst compressed)."),
    to: Optional[str] = typer.Option(None, "--to", metavar="FORMAT", help="Output format: jsonl, parquet, csv, md or txt (default: from --output; a name that says another format is an error). To standard output: jsonl, csv, md or txt (texts one after another)."),
    rejects: Optional[Path] = typer.Option(None, "--rejects", metavar="FILE", help="JSONL with a record (id, source, reason, detail) for every input that could not be cleaned."),
    input_format: str = typer.Option("auto", "--format", metavar="FORMAT", help="Input format: auto (from name, then content), doc, jsonl, warc or parquet."),
    id_field: str = typer.Option("id", "--id-field", metavar="FIELD", help="JSONL/Parquet field holding the document id (default id; missing: path:line)."),
    url_field: str = typer.Option("url", "--url-field", metavar="FIELD", help="JSONL/Parquet field holding the URL."),
    content_field: Optional[list[str]] = typer.Option(None, "--content-field", metavar="FIELD", help="JSONL/Parquet field holding the HTML or text (repeatable, first present wins; default: text, html, content)."),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", metavar="PATH", help="Extra rule-pack file or folder (repeatable)."),
    site: Optional[str] = typer.Option(None, "--site", metavar="ID", help="Use this site pack for every document."),
    url: Optional[str] = typer.Option(None, "--url", metavar="URL", help="URL for documents that have none (picks the site pack by domain)."),
    no_site_packs: bool = typer.Option(False, "--no-site-packs", metavar=FLAG, help="Generic rules and heuristic only."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", metavar="N", help="Worker processes (default: all cores; 0: clean in this process)."),
    ordered: bool = typer.Option(True, "--ordered/--unordered", metavar=FLAG, help="Write records in input order, or as they finish."),
    timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS", help="Seconds one document may take; over it, it becomes a 'timeout' reject. A worker that does not stop (stuck in C code) is killed after timeout + max(2, timeout) s and replaced. 0: no bound."),
    max_bytes: int = typer.Option(MAX_INPUT_BYTES, "--max-bytes", metavar="BYTES", help="Largest document, in bytes; larger ones become 'too-large' rejects."),
    quiet: bool = typer.Option(False, "--quiet", "-q", metavar=FLAG, help="No progress bar (it is also off when stderr is not a terminal)."),
    engine: str = typer.Option("local", "--engine", metavar="ENGINE", help="local (worker processes) or dask (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://host:8786 (default: a local cluster)."),
    chunk_docs: int = typer.Option(CHUNK_DOCS, "--chunk-docs", metavar="N", help="Documents per chunk sent to a worker (a chunk also ends at 1 MiB of content)."),
    keep_fields: Optional[str] = typer.Option(None, "--keep-fields", metavar="A,B", help="JSONL/Parquet fields copied to each record's 'source' (default: every other field holding a number or a short string; '' for none). WARC records always carry warc_date, target_uri, http_status and content_type there."),
    fail_on_reject: bool = typer.Option(False, "--fail-on-reject", metavar=FLAG, help="Exit 1 when any input was rejected (default: 0; skipped WARC records never count)."),
    resume: bool = typer.Option(False, "--resume", metavar=FLAG, help="Carry on a run that was killed: keep what it wrote to its leftover temporary files (records and rejects up to its last checkpoint, taken after every chunk), skip those inputs (by position in the input stream) and clean the rest. Give the same inputs and options as the killed run. An output that is already complete is left as it is. Needs an uncompressed JSONL output file (-o) and rejects file."),
) -> None:
    """Clean documents and dumps: one record per document, and counts that reconcile.

    Counts (in = written + rejected + skipped) go to stderr.  Skipped: WARC records that are no pages
    (requests, metadata, redirects, 404s, robots.txt, images).  Exit code: 0 done, 1 some rejected
    with --fail-on-reject, 2 usage or configuration error, 3 environment (disk full, read-only or
    missing folder, closed stdin/stdout, output locked by another run), 130 interrupted, 141 stdout
    closed by its reader.
    """
    from .run.command import CleanOptions, clean_command

    opts = CleanOptions(
        paths=paths, output=output, to=to, rejects=rejects, input_format=input_format,
        id_field=id_field, url_field=url_field, content_fields=tuple(content_field or CONTENT_FIELDS),
        rules=list(rules or []), site=site, url=url, site_packs=not no_site_packs, workers=workers,
        ordered=ordered, timeout=timeout or None, max_bytes=max_bytes, quiet=quiet, engine=engine,
        scheduler=scheduler, chunk_docs=chunk_docs, resume=resume, fail_on_reject=fail_on_reject,
        keep_fields=None if keep_fields is None else tuple(f.strip() for f in keep_fields.split(",") if f.strip()),
    )
    raise typer.Exit(clean_command(opts))


from .cli_tools import register as _register_tools  # noqa: E402 - explain, learn, rules

_register_tools(app)

if __name__ == "__main__":  # pragma: no cover
    app()
