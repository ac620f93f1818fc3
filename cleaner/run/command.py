"""``cleaner clean``: options in, a run, counts out (the CLI is a thin layer over this).

Exit codes (:data:`EXIT_CODES`): 0 the run went through (rejects and skips
are counted, not failures), 1 some inputs were rejected and ``--fail-on-reject``
was given, 2 usage or configuration error (bad path, option, rule pack or output
target, a missing extra, a content field that no record has, a bad ``--url``),
3 environment error (the output cannot be written: disk full, read-only, no such
folder, closed stdin or stdout, another run holds the output), 130 interrupted
(Ctrl-C, SIGTERM), 141 the reader of stdout went away (``| head``).  Every error
is one line on stderr, and no temporary file is left behind, except that an
interrupted resumable run keeps its journal and temporary files for ``--resume``.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..extras import MissingExtra
from ..io.readers import CONTENT_FIELDS, SourceOptions
from ..io.sinks import (OUTPUT_FORMATS, STREAM_FORMATS, JsonlSink, is_special, make_sink, named_format,
                        output_format, writes_folder)
from ..io.sources import FORMATS, STDIN, iter_items
from ..packs import PackError, PackSet, with_bundled
from ..pipeline import MAX_INPUT_BYTES
from .inputs import NoContentField, content_field_guard, known_total
from .pool import PREFETCH, InlineExecutor, ProcessPool, WorkerError
from .progress import ProgressBar
from .resume import Journal, ResumeState, complete_counts, find_state, remove_stale, restore, resumable, runs_of
from .runner import CHUNK_DOCS, Counts, run
from .targets import LockedError, OutputLock, TargetError, check_targets
from .work import WorkConfig, make_config

EXIT_OK, EXIT_REJECTS, EXIT_USAGE, EXIT_ENV, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 3, 130, 141
EXIT_CODES = {
    EXIT_OK: "the run went through (rejects and skips are counted)",
    EXIT_REJECTS: "some inputs were rejected and --fail-on-reject was given",
    EXIT_USAGE: "usage or configuration error", EXIT_ENV: "environment error (output cannot be written)",
    EXIT_INTERRUPTED: "interrupted", EXIT_PIPE: "stdout was closed by its reader",
}
STDOUT = "-"  # as an output path: standard output


class UsageError(ValueError):
    """Bad options or configuration: exit code 2."""


class EnvError(OSError):
    """The environment does not allow the run (closed stdin or stdout): exit code 3."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM during a run, with what the run had written by then."""

    def __init__(self, counts: Counts, resumable: bool) -> None:
        super().__init__()
        self.counts, self.resumable = counts, resumable


@dataclass
class CleanOptions:
    paths: list[str]
    output: str | None = None  # None: JSONL on stdout
    to: str | None = None  # jsonl, parquet, txt (None: from the output path)
    rejects: Path | None = None
    input_format: str = "auto"
    id_field: str = "id"
    url_field: str = "url"
    content_fields: tuple[str, ...] = CONTENT_FIELDS
    rules: list[Path] = field(default_factory=list)
    site: str | None = None
    url: str | None = None
    site_packs: bool = True
    workers: int | None = None  # None: all cores; 0: in this process
    ordered: bool = True
    timeout: float | None = 30.0
    max_bytes: int = MAX_INPUT_BYTES
    quiet: bool = False
    engine: str = "local"  # local or dask
    scheduler: str | None = None
    chunk_docs: int = CHUNK_DOCS
    resume: bool = False  # pick up what a killed run of the same output left (JSONL only)
    fail_on_reject: bool = False  # exit 1 when anything was rejected
    keep_fields: tuple[str, ...] | None = None  # input fields kept under "source" (None: the default set)

    @property
    def output_format(self) -> str:
        """``--to``, else what the output path's name says (see :func:`output_format`)."""
        return output_format(self.output, self.to)

    @property
    def output_path(self) -> Path | None:
        """The output file or folder; None for standard output (no -o, or ``-o -``)."""
        return None if self.output in (None, STDOUT) else Path(self.output)


def clean_command(opts: CleanOptions) -> int:
    """Run ``cleaner clean``; print the counts to stderr; return the exit code."""
    try:
        _check(opts)
        config = _config(opts)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not opts.quiet:
        _note_python_steps()
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main else None
    try:
        counts = _run(opts, config)
    except BaseException as exc:  # noqa: BLE001 - every failure becomes one line and an exit code
        return _failed(exc, opts)
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    print(counts.summary(), file=sys.stderr)
    return EXIT_REJECTS if counts.rejected and opts.fail_on_reject else EXIT_OK


def _note_python_steps() -> None:
    """Say on stderr when steps that are compiled where a C compiler was at install time
    run in Python here (same output, slower); nothing when CLEANER_PURE asked for it."""
    from .. import accel

    slow = [step for step, state in accel.steps().items() if state != "compiled"]
    if slow and not accel.PURE:
        print(f"note: running in pure Python, slower ({', '.join(slow)} not compiled: "
              "reinstall with a C compiler; `cleaner --version` says why)", file=sys.stderr)


def _failed(exc: BaseException, opts: CleanOptions) -> int:
    """Report a run that did not finish in one line; its exit code (re-raises what is not ours)."""
    if isinstance(exc, (UsageError, WorkerError, TargetError, MissingExtra, NoContentField)):
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(exc, BrokenPipeError) and opts.output_path is None:
        _silence_stdout()
        return EXIT_PIPE
    if isinstance(exc, OSError):
        print(f"error: {_os_error(exc, opts)}", file=sys.stderr)
        return EXIT_ENV
    if isinstance(exc, KeyboardInterrupt):
        print(_interrupted(exc), file=sys.stderr)
        return EXIT_INTERRUPTED
    raise exc


def _os_error(exc: OSError, opts: CleanOptions) -> str:
    if isinstance(exc, (LockedError, EnvError)) or exc.strerror is None:
        return str(exc.strerror or exc)
    where = exc.filename or opts.output_path or "stdout"
    return f"cannot write {where}: {exc.strerror}"


def _interrupted(exc: KeyboardInterrupt) -> str:
    if not isinstance(exc, Interrupted):
        return "interrupted before any document was written"
    c = exc.counts
    done = f"interrupted after writing {c.written} records and {c.rejected} rejects"
    if exc.resumable:
        return done + "; run the same command with --resume to carry on"
    return done + "; the output was not kept (--resume needs an uncompressed JSONL output file)"


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _check(opts: CleanOptions) -> None:
    for raw in opts.paths:
        if raw != STDIN and not os.path.exists(raw):
            raise UsageError(f"{raw}: no such file or folder")
    if opts.paths.count(STDIN) > 1:
        raise UsageError("'-' (stdin) can be given only once")
    if opts.input_format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}")
    _check_output(opts)
    if opts.engine not in ("local", "dask"):
        raise UsageError("--engine must be local or dask")
    if opts.workers is not None and opts.workers < 0:
        raise UsageError("--workers must be 0 or more")
    if opts.max_bytes <= 0 or opts.chunk_docs <= 0:
        raise UsageError("--max-bytes and --chunk-docs must be positive")
    if opts.resume and not _resumable(opts):
        raise UsageError("--resume needs an uncompressed JSONL output file (-o) and rejects file")
    _check_url(opts.url)
    try:
        output = opts.output_path
        check_targets(opts.paths, str(output) if output else None, opts.rejects,
                      folder_output=writes_folder(output, opts.output_format))
    except TargetError as exc:
        raise UsageError(str(exc)) from None


def _check_url(url: str | None) -> None:
    """A ``--url`` whose host cannot be read is a usage error (a record's bad URL is only noted)."""
    from ..urls import url_error

    if url is not None and (error := url_error(url)) is not None:
        raise UsageError(f"--url {url!r} is not a valid URL: {error}")


def _check_streams(opts: CleanOptions) -> None:
    """stdin and stdout must be open when they are used."""
    if STDIN in opts.paths and sys.stdin is None:
        raise EnvError("stdin is closed ('-' was given as an input)")
    if opts.output_path is None and sys.stdout is None:
        raise EnvError("stdout is closed: give an output file with -o")


def _check_output(opts: CleanOptions) -> None:
    """The output format is known, fits the target (standard output takes text formats
    only) and agrees with what the output's name says (``-o x.csv --to jsonl`` is an error)."""
    fmt = opts.output_format
    if fmt not in OUTPUT_FORMATS:
        raise UsageError(f"--to must be one of {', '.join(OUTPUT_FORMATS)}")
    if opts.output_path is None and fmt not in STREAM_FORMATS:
        raise UsageError(f"--to {fmt} needs an output path (-o); standard output takes {', '.join(STREAM_FORMATS)}")
    named = named_format(opts.output) if opts.output_path is not None else None
    if opts.to and named and named != opts.to:
        raise UsageError(f"-o {opts.output} says {named} but --to is {opts.to}: change one of them")


def _resumable(opts: CleanOptions) -> bool:
    out = opts.output_path
    special = any(is_special(p) for p in (out, opts.rejects) if p is not None)  # /dev/null: no journal beside it
    return opts.output_format == "jsonl" and not special and resumable(out, opts.rejects)


def _config(opts: CleanOptions) -> WorkConfig:
    """The workers' configuration; the rule packs are loaded once here to check them
    (the workers compile them)."""
    encode = {"jsonl": JsonlSink.encode, "md": "markdown"}.get(opts.output_format, "dict")
    try:
        packs = PackSet.load(with_bundled(opts.rules or None), sites=opts.site_packs)
    except PackError as exc:
        raise UsageError(str(exc)) from None
    if opts.rules:  # the bundled packs are known to compile; a user's are compiled once here
        _compiles(packs)
    for note in packs.notes:
        print(f"warning: {note}", file=sys.stderr)
    if opts.site:
        try:
            packs.get(opts.site)
        except KeyError as exc:
            raise UsageError(str(exc.args[0])) from None
    return make_config(
        opts.rules or None, site_packs=opts.site_packs, max_bytes=opts.max_bytes,
        timeout=opts.timeout, site=opts.site, url=opts.url, encode=encode,
    )


def _compiles(packs: PackSet) -> None:
    """Compile the packs' rule sets as the workers will (a pack too large fails here, named)."""
    from ..rulebook import RuleBook

    try:
        RuleBook.build(packs.common)
        for pack in packs.sites:
            RuleBook.build([pack])
    except PackError as exc:
        raise UsageError(str(exc)) from None


def _run(opts: CleanOptions, config: WorkConfig) -> Counts:
    source = SourceOptions(
        format=opts.input_format, id_field=opts.id_field, url_field=opts.url_field,
        content_fields=opts.content_fields, max_bytes=opts.max_bytes, keep_fields=opts.keep_fields,
    )
    fmt = opts.output_format
    _check_streams(opts)
    with ExitStack() as stack:
        stack.enter_context(OutputLock([p for p in (opts.output_path, opts.rejects) if p]))  # not stdout
        state = find_state(opts.output_path, opts.rejects) if opts.resume else None
        if state is not None and state.complete:
            return complete_counts(state)  # nothing left to do: the output is left as it is
        journal = _journal(opts, stack)  # entered first: removed after the outputs are committed
        out = stack.enter_context(make_sink(opts.output_path, fmt))
        rejects = stack.enter_context(JsonlSink(opts.rejects)) if opts.rejects else None
        counts = _restore(state, journal, out, rejects) or Counts()
        executor, window = _executor(opts, config)
        stack.push(lambda kind, value, tb: executor.close(abort=kind is not None))
        total = known_total(opts.paths, source)
        progress = stack.enter_context(ProgressBar(False if opts.quiet else None, total=total))
        try:
            run(
                content_field_guard(iter_items(opts.paths, source), source), executor, out, rejects,
                ordered=opts.ordered,
                window=window, chunk_docs=opts.chunk_docs, on_update=progress.update,
                skip=state.done if state else None, counts=counts,
                checkpoint=_checkpointer(journal, out, rejects) if journal else None,
            )
        except KeyboardInterrupt:
            raise _interrupt(counts, journal, out, rejects) from None
    if state is not None:
        remove_stale(state)  # after the commit: until then they are what a later --resume needs
    return counts


def _interrupt(counts: Counts, journal: Journal | None, out: Any, rejects: Any) -> Interrupted:
    """Keep a resumable run's journal and temporary files, so ``--resume`` carries on from them."""
    if journal is not None:
        for keeper in (journal, out, rejects):
            if keeper is not None:
                keeper.keep()
    return Interrupted(counts, journal is not None)


def _journal(opts: CleanOptions, stack: ExitStack) -> Journal | None:
    """Every resumable run keeps a journal, so that a later ``--resume`` can pick it up."""
    if not _resumable(opts):
        return None
    journal = Journal(opts.output_path, opts.rejects is not None)
    stack.callback(journal.close)
    return journal


def _restore(state: ResumeState | None, journal: Journal | None, out: Any, rejects: Any) -> Counts | None:
    """Copy what an earlier run finished into the new outputs; its counts."""
    if state is None or journal is None:
        return None
    counts = restore(state, out.file, rejects.file if rejects else None)
    journal.checkpoint(out.flush(), rejects.flush() if rejects else 0, state.done.runs())
    return counts


def _checkpointer(journal: Journal, out: Any, rejects: Any):  # noqa: ANN202
    def checkpoint(positions: list[int]) -> None:
        journal.checkpoint(out.flush(), rejects.flush() if rejects else 0, runs_of(positions))

    return checkpoint


def _executor(opts: CleanOptions, config: WorkConfig) -> tuple[Any, int]:
    """The executor and the number of chunks that may be read ahead of the output."""
    if opts.engine == "dask":
        from ..dask import DaskExecutor

        try:
            executor = DaskExecutor(config, opts.scheduler)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler {opts.scheduler}: {exc}") from None
        return executor, 2 * executor.limit
    workers = all_cores() if opts.workers is None else opts.workers
    if workers > all_cores():
        print(f"warning: --workers {workers} is more than the {all_cores()} cores: each worker holds "
              "its own copy of the rule packs, and they only compete for the cores", file=sys.stderr)
    if workers == 0:
        return InlineExecutor(config), 1
    return ProcessPool(config, workers), 2 * PREFETCH * workers


def all_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _terminate(signum: int, frame: Any) -> None:  # noqa: ARG001
    """SIGTERM: unwind like Ctrl-C, so temporary output files are removed."""
    raise KeyboardInterrupt
