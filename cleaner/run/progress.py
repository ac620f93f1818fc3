"""A progress line on stderr: documents, MB, MB/s, rejects, elapsed time."""

from __future__ import annotations

import sys
import time

from .runner import Counts


class ProgressBar:
    """A rich progress display, or nothing when disabled (not a TTY, or --quiet)."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.bar = None
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.completed:,.0f} docs"),
                TextColumn("{task.fields[mb]:,.1f} MB"),
                TextColumn("{task.fields[rate]:,.1f} MB/s"),
                TextColumn("{task.fields[rejected]:,} rejected"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            self.task = self.bar.add_task("clean", total=None, mb=0.0, rate=0.0, rejected=0)
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
        done = counts.written + counts.rejected
        self.bar.update(self.task, completed=done, mb=mb, rate=mb / elapsed, rejected=counts.rejected)
