"""Executors: where chunks of items are cleaned.

All executors share one small interface, used by :func:`cleaner.run.runner.run`:
``room()`` (may another chunk be submitted?), ``submit(chunk_id, items)``,
``collect(timeout)`` (finished chunks as ``(chunk_id, outcomes)``) and
``close(abort)``.

:class:`ProcessPool` runs one worker process per core.  Each worker builds
its Cleaner once, gets chunks through its own queue and answers through its
own pipe, and writes into shared memory when it starts each document.  A
document that overruns the time bound is stopped inside the worker by
SIGALRM; if the worker does not come back (stuck in C code, signals blocked)
the watchdog kills it, the document becomes a "timeout" reject, a fresh
worker is started and the rest of its chunks are sent again.  A worker that
dies (segfault, out of memory) is handled the same way, with reason "crash".
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from ..io.items import Item
from .work import ChunkCleaner, Outcome, WorkConfig, now

PREFETCH = 2  # chunks queued per worker: one being cleaned, one waiting
KILL_GRACE = 2.0  # seconds past the time bound before a worker is killed (at least)
MAX_UNEXPLAINED_DEATHS = 3  # workers dying outside any document: give up after this many


class WorkerError(RuntimeError):
    """Workers cannot start, or keep dying outside any document: the run cannot go on."""


class InlineExecutor:
    """Cleans each chunk in this process, as it is submitted (``--workers 0``).

    The time bound is SIGALRM in this process (main thread only); there is
    no watchdog to stop a document stuck in C code.
    """

    def __init__(self, config: WorkConfig) -> None:
        self.worker = ChunkCleaner(config)
        self.done: deque[tuple[int, list[Outcome]]] = deque()

    def room(self) -> bool:
        return not self.done

    def submit(self, chunk_id: int, items: list[Item]) -> None:
        self.done.append((chunk_id, self.worker.run(items)))

    def collect(self, timeout: float) -> list[tuple[int, list[Outcome]]]:  # noqa: ARG002
        out = list(self.done)
        self.done.clear()
        return out

    def close(self, abort: bool = False) -> None:
        pass


@dataclass
class _Slot:
    """One worker process and the chunks it holds, oldest first."""

    index: int
    process: Any
    queue: Any
    conn: Connection
    chunks: deque = field(default_factory=deque)  # (chunk_id, items)


class ProcessPool:
    """A pool of worker processes with per-document time bounds (see module docs)."""

    def __init__(self, config: WorkConfig, workers: int, *, kill_grace: float = KILL_GRACE,
                 context: str | None = None) -> None:
        self.config = config
        self.kill_grace = kill_grace  # a stuck worker is killed after timeout + max(grace, timeout)
        # forkserver: workers start from a clean process (safe with the progress bar's thread)
        self.ctx = mp.get_context(context or ("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"))
        self.state = self.ctx.RawArray("d", 2 * workers)  # per worker: doc start time, doc index
        self.restarts = 0  # workers replaced after a timeout or a crash
        self.unexplained = 0  # deaths while no document was being cleaned
        self.slots = [self._spawn(i) for i in range(workers)]

    def _spawn(self, index: int) -> _Slot:
        self.state[2 * index], self.state[2 * index + 1] = 0.0, -1.0
        queue = self.ctx.Queue()
        reader, writer = self.ctx.Pipe(duplex=False)
        process = self.ctx.Process(
            target=worker_main, args=(index, self.config, queue, writer, self.state),
            name=f"cleaner-worker-{index}", daemon=True,
        )
        process.start()
        writer.close()
        return _Slot(index, process, queue, reader)

    def room(self) -> bool:
        return any(len(s.chunks) < PREFETCH for s in self.slots)

    def submit(self, chunk_id: int, items: list[Item]) -> None:
        slot = min(self.slots, key=lambda s: len(s.chunks))
        slot.chunks.append((chunk_id, items))
        slot.queue.put((chunk_id, items))

    def collect(self, timeout: float) -> list[tuple[int, list[Outcome]]]:
        """Finished chunks; waits up to ``timeout`` seconds, then checks on the workers."""
        conns = {s.conn: s for s in self.slots}
        done = []
        for ready in wait([*conns, *(s.process.sentinel for s in self.slots)], timeout):
            if ready in conns:
                done.extend(self._receive(conns[ready]))
        for slot in list(self.slots):
            problem = self._problem(slot)
            if problem:
                slot.process.kill()
                slot.process.join()
                done.extend(self._drain(slot))
                self._recover(slot, *problem)
        return done

    def _receive(self, slot: _Slot) -> list[tuple[int, list[Outcome]]]:
        try:
            chunk_id, outcomes = slot.conn.recv()
        except (EOFError, OSError):
            return []  # the worker died; collect() recovers it
        if chunk_id == "init-error":
            raise WorkerError(f"worker could not start: {outcomes}")
        expected, _ = slot.chunks.popleft()
        assert expected == chunk_id, (expected, chunk_id)
        return [(chunk_id, outcomes)]

    def _drain(self, slot: _Slot) -> list[tuple[int, list[Outcome]]]:
        """Results a dead worker sent before it died (its pipe's write end is closed)."""
        done = []
        while slot.chunks and slot.conn.poll():
            got = self._receive(slot)
            if not got:
                break
            done.extend(got)
        return done

    def _problem(self, slot: _Slot) -> tuple[str, str] | None:
        if not slot.process.is_alive():
            return "crash", f"worker exited with code {slot.process.exitcode}"
        started, limit = self.state[2 * slot.index], self.config.timeout
        if limit and started > 0 and now() - started > limit + max(self.kill_grace, limit):
            return "timeout", f"over {limit:g}s; worker killed"
        return None

    def _recover(self, slot: _Slot, reason: str, detail: str) -> None:
        """Replace a dead or killed worker; the document it was on becomes a reject."""
        doc_index = int(self.state[2 * slot.index + 1])
        slot.conn.close()
        slot.queue.cancel_join_thread()
        slot.queue.close()
        if slot.chunks and doc_index >= 0:
            chunk_id, items = slot.chunks[0]
            items = list(items)
            items[doc_index] = items[doc_index].rejected(reason, detail)  # a Doc: workers time only those
            slot.chunks[0] = (chunk_id, items)
        else:
            self.unexplained += 1
            if self.unexplained > MAX_UNEXPLAINED_DEATHS:
                raise WorkerError(f"workers keep dying outside any document: {detail}")
        self.restarts += 1
        self.slots[self.slots.index(slot)] = self._spawn(slot.index)
        for chunk_id, items in slot.chunks:
            self.submit(chunk_id, items)

    def close(self, abort: bool = False) -> None:
        """Stop the workers: let them finish (at most 5 s), or kill them if ``abort``."""
        for slot in self.slots:
            if not abort:
                try:
                    slot.queue.put(None)
                except (ValueError, OSError):  # a queue already closed by _recover
                    pass
        for slot in self.slots:
            slot.process.join(timeout=0 if abort else 5)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            slot.conn.close()
            slot.queue.cancel_join_thread()
            slot.queue.close()


def worker_main(index: int, config: WorkConfig, queue: Any, conn: Connection, state: Any) -> None:
    """A worker process: build the Cleaner once, then clean chunks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _exit_with_parent()
    try:
        worker = ChunkCleaner(config)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which stops the run
        conn.send(("init-error", f"{type(exc).__name__}: {exc}"))
        return

    def started(i: int) -> None:
        state[2 * index + 1] = float(i)
        state[2 * index] = now()

    try:
        while (task := queue.get()) is not None:
            chunk_id, items = task
            outcomes = worker.run(items, on_doc=started)
            state[2 * index] = 0.0
            state[2 * index + 1] = -1.0
            conn.send((chunk_id, outcomes))
    except (EOFError, OSError):  # the parent is gone: nobody to work for
        return


def _exit_with_parent() -> None:
    """End this worker as soon as the run that started it is gone (``kill -9``, a crash).
    Waiting for its next chunk, a worker would wait forever: it holds its queue's write
    end itself, so no end of file comes (and it kept the forkserver and the run's stderr
    alive with it); in the middle of a chunk it would finish work nobody will read."""
    parent = mp.parent_process()
    if parent is not None:
        threading.Thread(target=_wait_then_exit, args=(parent.sentinel,), name="parent-watch", daemon=True).start()


def _wait_then_exit(sentinel: int) -> None:
    wait([sentinel])
    os._exit(0)
