"""The run loop: read items, send chunks to an executor, write what comes back.

The loop keeps a bounded number of chunks in flight (``window``), so memory
stays flat however large the input is.  With ``ordered=True`` records are
written in input order (finished chunks wait for earlier ones); otherwise as
they finish.  Every item read comes back as exactly one record or one reject,
and :class:`Counts` checks that they reconcile.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Protocol

from ..io.items import Item
from .work import Outcome

CHUNK_DOCS = 64  # documents per chunk sent to a worker …
CHUNK_BYTES = 1 << 20  # … or this many bytes of content, whichever comes first
POLL_SECONDS = 0.2  # how often the executor's watchdog runs while waiting


class Executor(Protocol):
    def room(self) -> bool: ...
    def submit(self, chunk_id: int, items: list[Item]) -> None: ...
    def collect(self, timeout: float) -> list[tuple[int, list[Outcome]]]: ...
    def close(self, abort: bool = False) -> None: ...


class Writer(Protocol):
    def write(self, payload: Any) -> None: ...


@dataclass
class Counts:
    """What a run read and what became of it."""

    read: int = 0  # input items (documents and unreadable records)
    written: int = 0
    rejected: int = 0
    bytes: int = 0  # content bytes of the items written or rejected so far
    reasons: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    def reconciles(self) -> bool:
        return self.read == self.written + self.rejected

    def summary(self) -> str:
        reasons = ", ".join(f"{r} {n}" for r, n in self.reasons.most_common())
        rate = self.bytes / 1e6 / self.seconds if self.seconds else 0.0
        return (
            f"in {self.read}, written {self.written}, rejected {self.rejected}"
            + (f" ({reasons})" if reasons else "")
            + f"; {self.bytes / 1e6:.1f} MB in {self.seconds:.1f}s, {rate:.1f} MB/s"
        )


def chunked(items: Iterable[Item], max_docs: int, max_bytes: int) -> Iterator[tuple[list[Item], int]]:
    """Group items into (chunk, content bytes), by count and by size."""
    chunk: list[Item] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += item.size
        if len(chunk) >= max_docs or size >= max_bytes:
            yield chunk, size
            chunk, size = [], 0
    if chunk:
        yield chunk, size


class _Emitter:
    """Writes outcomes to the sinks, in chunk order when ``ordered``."""

    def __init__(self, out: Writer, rejects: Writer | None, counts: Counts, ordered: bool,
                 on_update: Callable[[Counts], None] | None) -> None:
        self.out, self.rejects, self.counts, self.ordered = out, rejects, counts, ordered
        self.on_update = on_update
        self.waiting: dict[int, tuple[list[Outcome], int]] = {}
        self.next_id = 0

    def add(self, chunk_id: int, outcomes: list[Outcome], nbytes: int) -> None:
        if not self.ordered:
            self._write(outcomes, nbytes)
            return
        self.waiting[chunk_id] = (outcomes, nbytes)
        while self.next_id in self.waiting:
            self._write(*self.waiting.pop(self.next_id))
            self.next_id += 1

    def _write(self, outcomes: list[Outcome], nbytes: int) -> None:
        self.counts.bytes += nbytes
        for kind, payload in outcomes:
            if kind == "record":
                self.out.write(payload)
                self.counts.written += 1
            else:
                if self.rejects is not None:
                    self.rejects.write(payload)
                self.counts.rejected += 1
                self.counts.reasons[payload["reason"]] += 1
        if self.on_update is not None:
            self.on_update(self.counts)


class _Feeder:
    """Submits chunks while the executor has room and the window allows."""

    def __init__(self, chunks: Iterator[tuple[list[Item], int]], executor: Executor, counts: Counts) -> None:
        self.chunks, self.executor, self.counts = chunks, executor, counts
        self.in_flight: dict[int, int] = {}  # chunk id → content bytes
        self.next_id = 0
        self.more = True

    def fill(self, allowed: Callable[[], bool]) -> None:
        while self.more and self.executor.room() and allowed():
            got = next(self.chunks, None)
            if got is None:
                self.more = False
                return
            items, nbytes = got
            self.counts.read += len(items)
            self.in_flight[self.next_id] = nbytes
            self.executor.submit(self.next_id, items)
            self.next_id += 1


def run(
    items: Iterable[Item],
    executor: Executor,
    out: Writer,
    rejects: Writer | None = None,
    *,
    ordered: bool = True,
    window: int = 8,
    chunk_docs: int = CHUNK_DOCS,
    chunk_bytes: int = CHUNK_BYTES,
    on_update: Callable[[Counts], None] | None = None,
) -> Counts:
    """Clean every item through ``executor``; write records to ``out``, rejects to ``rejects``.

    ``window`` bounds the chunks read but not yet written.  ``on_update`` is
    called with the counts after each chunk is written (for progress bars).
    """
    counts = Counts()
    emitter = _Emitter(out, rejects, counts, ordered, on_update)
    feeder = _Feeder(chunked(items, chunk_docs, chunk_bytes), executor, counts)
    while True:
        feeder.fill(lambda: len(feeder.in_flight) + len(emitter.waiting) < window)
        if not feeder.in_flight:
            break
        for chunk_id, outcomes in executor.collect(POLL_SECONDS):
            emitter.add(chunk_id, outcomes, feeder.in_flight.pop(chunk_id))
    counts.seconds = time.perf_counter() - counts.started
    if not counts.reconciles():
        raise RuntimeError(f"counts do not reconcile: {counts.summary()}")
    return counts
