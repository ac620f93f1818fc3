"""The run loop: read items, send chunks to an executor, write what comes back.

The loop keeps a bounded number of chunks in flight (``window``), so memory
stays flat however large the input is.  With ``ordered=True`` records are
written in input order (finished chunks wait for earlier ones); otherwise as
they finish.  Every item read comes back as exactly one record or one reject,
and :class:`Counts` checks that they reconcile.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, Callable, Container, Iterable, Iterator, Protocol

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
    def write(self, payload: Any, position: int | None = None) -> None: ...


@dataclass
class Counts:
    """What a run read and what became of it."""

    read: int = 0  # input items (documents and unreadable records)
    written: int = 0
    rejected: int = 0
    skipped: int = 0  # records that are no documents (WARC requests, redirects, 404s …): not rejects
    bytes: int = 0  # content bytes of the items written or rejected so far
    reasons: Counter = field(default_factory=Counter)
    skip_reasons: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0

    def add_reject(self, payload: dict[str, Any], skipped: bool = False) -> None:
        """Count a reject, or a skip (``skipped``), by its reason."""
        if skipped:
            self.skipped += 1
            self.skip_reasons[payload["reason"]] += 1
        else:
            self.rejected += 1
            self.reasons[payload["reason"]] += 1

    def reconciles(self) -> bool:
        return self.read == self.written + self.rejected + self.skipped

    def summary(self) -> str:
        reasons = ", ".join(f"{r} {n}" for r, n in self.reasons.most_common())
        skips = ", ".join(f"{r} {n}" for r, n in self.skip_reasons.most_common())
        rate = self.bytes / 1e6 / self.seconds if self.seconds else 0.0
        return (
            f"in {self.read}, written {self.written}, rejected {self.rejected}"
            + (f" ({reasons})" if reasons else "")
            + (f", skipped {self.skipped} ({skips})" if self.skipped else "")
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


class _Positions:
    """The items whose input position is not in ``skip``; remembers the positions handed out."""

    def __init__(self, items: Iterable[Item], skip: Container[int] | None) -> None:
        self.items, self.skip = items, skip
        self.pending: deque[int] = deque()

    def __iter__(self) -> Iterator[Item]:
        for pos, item in enumerate(self.items):
            if self.skip is None or pos not in self.skip:
                self.pending.append(pos)
                yield item

    def take(self, n: int) -> list[int]:
        """The positions of the next ``n`` items handed out (one chunk)."""
        return [self.pending.popleft() for _ in range(n)]


class _Emitter:
    """Writes outcomes to the sinks, in chunk order when ``ordered``.

    ``checkpoint(positions)`` is called after each chunk is written, with
    the input positions of its items.
    """

    def __init__(self, out: Writer, rejects: Writer | None, counts: Counts, ordered: bool,
                 on_update: Callable[[Counts], None] | None,
                 checkpoint: Callable[[list[int]], None] | None = None) -> None:
        self.out, self.rejects, self.counts, self.ordered = out, rejects, counts, ordered
        self.on_update, self.checkpoint = on_update, checkpoint
        self.waiting: dict[int, tuple[list[Outcome], int, list[int]]] = {}
        self.next_id = 0

    def add(self, chunk_id: int, outcomes: list[Outcome], nbytes: int, positions: list[int]) -> None:
        if not self.ordered:
            self._write(outcomes, nbytes, positions)
            return
        self.waiting[chunk_id] = (outcomes, nbytes, positions)
        while self.next_id in self.waiting:
            self._write(*self.waiting.pop(self.next_id))
            self.next_id += 1

    def _write(self, outcomes: list[Outcome], nbytes: int, positions: list[int]) -> None:
        self.counts.bytes += nbytes
        for (kind, payload), position in zip(outcomes, positions):
            if kind == "record":
                self.out.write(payload, position)
                self.counts.written += 1
            else:
                if self.rejects is not None:
                    self.rejects.write(payload)
                self.counts.add_reject(payload, skipped=kind == "skip")
        if self.checkpoint is not None:
            self.checkpoint(positions)
        if self.on_update is not None:
            self.on_update(self.counts)


class _Feeder:
    """Submits chunks while the executor has room and the window allows."""

    def __init__(self, chunks: Iterator[tuple[list[Item], int]], executor: Executor, counts: Counts,
                 positions: _Positions) -> None:
        self.chunks, self.executor, self.counts, self.positions = chunks, executor, counts, positions
        self.in_flight: dict[int, tuple[int, list[int]]] = {}  # chunk id → content bytes, positions
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
            self.in_flight[self.next_id] = (nbytes, self.positions.take(len(items)))
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
    skip: Container[int] | None = None,
    checkpoint: Callable[[list[int]], None] | None = None,
    counts: Counts | None = None,
) -> Counts:
    """Clean every item through ``executor``; write records to ``out``, rejects to ``rejects``.

    ``window`` bounds the chunks read but not yet written.  ``on_update`` is
    called with the counts after each chunk is written (for progress bars).
    For resumed runs (:mod:`cleaner.run.resume`): items whose input position
    (index in ``items``) is in ``skip`` are passed over, ``checkpoint`` gets
    the positions of each chunk once it is written, and ``counts`` holds what
    an earlier run already did.
    """
    counts = counts or Counts()
    positions = _Positions(items, skip)
    emitter = _Emitter(out, rejects, counts, ordered, on_update, checkpoint)
    feeder = _Feeder(chunked(positions, chunk_docs, chunk_bytes), executor, counts, positions)
    while True:
        feeder.fill(lambda: len(feeder.in_flight) + len(emitter.waiting) < window)
        if not feeder.in_flight:
            break
        for chunk_id, outcomes in executor.collect(POLL_SECONDS):
            emitter.add(chunk_id, outcomes, *feeder.in_flight.pop(chunk_id))
    counts.seconds = time.perf_counter() - counts.started
    if not counts.reconciles():
        raise RuntimeError(f"counts do not reconcile: {counts.summary()}")
    return counts
