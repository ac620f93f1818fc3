"""Resumable runs (``cleaner clean --resume``): what a killed run finished, and where.

A run with a plain (uncompressed) JSONL output file keeps a journal next to
its temporary output, ``.OUT.PID.resume.tmp``: after each chunk is written,
the outputs are flushed and one line is appended, ``OUT_BYTES REJ_BYTES
RUNS``, where the byte counts are the sizes of the temporary output and
rejects files at that point and RUNS are the input positions of that chunk
(``a-b`` ranges, end excluded).  A position is an item's index in the stream
of every input item, in order, so it is unique within a run whatever the
ids (which can repeat across files).

A resumed run picks the stale journal that covers the most items (a
truncated last line is ignored), keeps its outputs up to the recorded byte
counts (every record written before that checkpoint; anything after it,
such as a half-written line, is dropped and cleaned again) and skips the
recorded positions.  The journal and the temporary files are removed once
the output is committed.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from ..io.compress import COMPRESSED_SUFFIXES
from ..io.sinks import tmp_path
from .runner import Counts

HEADER = "cleaner-resume 1 rejects={}\n"
COPY_BYTES = 1 << 20


class Ranges:
    """A set of input positions, as sorted, merged half-open ranges."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.ends, start)  # first range that may touch [start, end)
        j = bisect.bisect_right(self.starts, end)  # ranges from i to j-1 touch it
        if i < j:
            start, end = min(start, self.starts[i]), max(end, self.ends[j - 1])
        self.starts[i:j], self.ends[i:j] = [start], [end]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def __len__(self) -> int:
        return sum(e - s for s, e in zip(self.starts, self.ends))

    def runs(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends))


def runs_of(positions: list[int]) -> list[tuple[int, int]]:
    """Consecutive positions as (start, end) runs."""
    runs: list[tuple[int, int]] = []
    for p in positions:
        if runs and runs[-1][1] == p:
            runs[-1] = (runs[-1][0], p + 1)
        else:
            runs.append((p, p + 1))
    return runs


def journal_path(out: Path, pid: int) -> Path:
    return out.with_name(f".{out.name}.{pid}.resume.tmp")


def resumable(out: Path | None, rejects: Path | None) -> bool:
    """Only plain JSONL files can be cut at a byte offset and appended to."""
    names = [p.name.lower() for p in (out, rejects) if p is not None]
    return out is not None and not any(n.endswith(COMPRESSED_SUFFIXES) for n in names)


class Journal:
    """The journal a run keeps while it writes (see the module docs)."""

    def __init__(self, out: Path, with_rejects: bool) -> None:
        self.path = journal_path(out, os.getpid())
        self.file = open(self.path, "w", encoding="ascii")  # noqa: SIM115 - closed in close()
        self.file.write(HEADER.format(int(with_rejects)))
        self.file.flush()
        self.kept = False

    def checkpoint(self, out_bytes: int, rej_bytes: int, runs: list[tuple[int, int]]) -> None:
        spans = ",".join(f"{a}-{b}" for a, b in runs)
        self.file.write(f"{out_bytes} {rej_bytes} {spans}\n")
        self.file.flush()

    def keep(self) -> None:
        """Leave the journal in place on close (an interrupted run, for ``--resume``)."""
        self.kept = True

    def close(self) -> None:
        self.file.close()
        if not self.kept:
            self.path.unlink(missing_ok=True)


@dataclass
class Saved:
    """What one stale journal says a killed run finished."""

    pid: int
    done: Ranges = field(default_factory=Ranges)
    out_bytes: int = 0
    rej_bytes: int = 0


def read_journal(path: Path, pid: int, with_rejects: bool) -> Saved | None:
    """The journal's last complete checkpoint, or None if it is not for these options."""
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")[:-1]  # the last piece has no newline: cut off
    if not lines or lines[0].decode("ascii", "replace") + "\n" != HEADER.format(int(with_rejects)):
        return None
    saved = Saved(pid)
    for line in lines[1:]:
        out_bytes, rej_bytes, spans = line.decode("ascii").split(" ")
        for span in filter(None, spans.split(",")):
            a, b = span.split("-")
            saved.done.add(int(a), int(b))
        saved.out_bytes, saved.rej_bytes = int(out_bytes), int(rej_bytes)
    return saved


@dataclass
class ResumeState:
    """Where a resumed run starts: the best stale checkpoint, and the files to remove."""

    out: Path
    rejects: Path | None
    saved: Saved | None = None
    stale: list[Path] = field(default_factory=list)
    complete: bool = False  # the output exists and no run of it was left unfinished

    @property
    def done(self) -> Ranges:
        return self.saved.done if self.saved else Ranges()


def find_state(out: Path, rejects: Path | None) -> ResumeState:
    """Look for what earlier runs of this output left behind (not this process's files)."""
    state = ResumeState(out, rejects)
    pids = _stale_pids(out)
    for pid in sorted(pids):
        state.stale += [p for p in _files_of(out, rejects, pid) if p.exists()]
        saved = _usable(out, rejects, pid)
        if saved and (state.saved is None or len(saved.done) > len(state.saved.done)):
            state.saved = saved
    state.complete = not pids and out.exists()
    return state


def _stale_pids(out: Path) -> set[int]:
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(\d+)\.(?:resume\.)?tmp$")
    folder = out.parent if str(out.parent) else Path(".")
    found = {int(m[1]) for name in os.listdir(folder) if (m := pattern.match(name))}
    found.discard(os.getpid())
    return found


def _files_of(out: Path, rejects: Path | None, pid: int) -> list[Path]:
    files = [journal_path(out, pid), tmp_path(out, pid)]
    return files + ([tmp_path(rejects, pid)] if rejects else [])


def _usable(out: Path, rejects: Path | None, pid: int) -> Saved | None:
    """A stale journal whose outputs hold at least what it recorded."""
    journal, out_tmp = journal_path(out, pid), tmp_path(out, pid)
    if not journal.exists() or not out_tmp.exists():
        return None
    try:
        saved = read_journal(journal, pid, rejects is not None)
    except (OSError, ValueError):
        return None
    if saved is None or out_tmp.stat().st_size < saved.out_bytes:
        return None
    if rejects and (not tmp_path(rejects, pid).exists() or tmp_path(rejects, pid).stat().st_size < saved.rej_bytes):
        return None
    return saved


def copy_lines(src: Path, nbytes: int, dest: BinaryIO) -> Iterator[bytes]:
    """Copy the whole lines in the first ``nbytes`` of ``src`` to ``dest``, yielding each one.

    A checkpoint always ends on a line; a line cut off there is dropped anyway.
    """
    with open(src, "rb", buffering=COPY_BYTES) as f:
        left = nbytes
        while left > 0 and (line := f.readline(left)).endswith(b"\n"):
            left -= len(line)
            dest.write(line)
            yield line


def restore(state: ResumeState, out: BinaryIO, rejects: BinaryIO | None) -> Counts:
    """Write the kept records and rejects to the new outputs; the counts they stand for."""
    counts = Counts()
    saved = state.saved
    if saved is None:
        return counts
    counts.written = sum(1 for _ in copy_lines(tmp_path(state.out, saved.pid), saved.out_bytes, out))
    counts.read = len(saved.done)
    if rejects is not None and state.rejects is not None:
        for line in copy_lines(tmp_path(state.rejects, saved.pid), saved.rej_bytes, rejects):
            payload = json.loads(line)
            counts.add_reject(payload, skipped=bool(payload.get("skipped")))
    else:
        counts.rejected = counts.read - counts.written
        counts.reasons["resumed"] += counts.rejected
    return counts


def complete_counts(state: ResumeState) -> Counts:
    """The counts of an output that is already complete (it is left as it is)."""
    counts = Counts()
    counts.written = _count_lines(state.out)
    if state.rejects is not None and state.rejects.exists():
        with open(state.rejects, "rb") as f:
            for line in f:
                if line.strip():
                    payload = json.loads(line)
                    counts.add_reject(payload, skipped=bool(payload.get("skipped")))
    counts.read = counts.written + counts.rejected + counts.skipped
    return counts


def _count_lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(COPY_BYTES), b""))


def remove_stale(state: ResumeState) -> None:
    for path in state.stale:
        path.unlink(missing_ok=True)
