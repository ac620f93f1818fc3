"""Cleaning many documents: chunked worker processes, time bounds, ordered output.

* :mod:`cleaner.run.runner` — the run loop and :class:`Counts`;
* :mod:`cleaner.run.pool` — :class:`ProcessPool` (one Cleaner per worker
  process, watchdog) and :class:`InlineExecutor`;
* :mod:`cleaner.run.work` — what a worker does with a chunk;
* :mod:`cleaner.run.command` — the ``cleaner clean`` command.
"""

from .pool import InlineExecutor, ProcessPool
from .runner import Counts, run
from .work import ChunkCleaner, WorkConfig, make_config

__all__ = ["ChunkCleaner", "Counts", "InlineExecutor", "ProcessPool", "WorkConfig", "make_config", "run"]
