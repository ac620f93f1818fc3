"""A progress line on stderr: documents, MB, MB/s, rejects, elapsed time; with a known
total (folders and lists of pages), a bar, the share done and the time left."""

from __future__ import annotations

import sys
import time

from .runner import Counts


class ProgressBar:
    """A rich progress display, or nothing when disabled (not a TTY, or --quiet)."""

    def __init__(self, enabled: bool | None = None, total: int | None = None) -> None:
        """``total``: the number of documents, when known (then a bar and an ETA)."""
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.bar = None
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(*columns(total), console=Console(stderr=True))
            self.task = self.bar.add_task("clean", total=total, mb=0.0, rate=0.0, rejected=0)
        self.started = time.perf_counter()

    def __enter__(self) -> "ProgressBar":
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def update(self, counts: Counts) -> None:
        if self.bar is None:
            return
        elapsed = max(1e-9, time.perf_counter() - self.started)
        mb = counts.bytes / 1e6
        done = counts.written + counts.rejected + counts.skipped
        self.bar.update(self.task, completed=done, mb=mb, rate=mb / elapsed, rejected=counts.rejected)


def columns(total: int | None) -> list:
    """The progress line's columns: counts and rates, and with a total a bar, percent and ETA."""
    from rich.progress import (BarColumn, MofNCompleteColumn, SpinnerColumn, TaskProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    rates = [TextColumn("{task.fields[mb]:,.1f} MB"), TextColumn("{task.fields[rate]:,.1f} MB/s"),
             TextColumn("{task.fields[rejected]:,} rejected"), TimeElapsedColumn()]
    if total is None:
        return [SpinnerColumn(), TextColumn("{task.completed:,.0f} docs"), *rates]
    return [BarColumn(), MofNCompleteColumn(), TaskProgressColumn(), *rates, TextColumn("ETA"),
            TimeRemainingColumn()]
