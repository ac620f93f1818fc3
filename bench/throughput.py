"""Text-dump throughput through the real command line: one core, scaling, peak memory.

Each run is ``python -m cleaner.cli clean DUMP -o OUT -j N -q`` in a fresh
process, timed wall-clock from start to exit (startup included), with the
resident memory and CPU time of the whole process tree (parent, forkserver,
workers) sampled every 50 ms.  The counts line printed
by the run is checked to reconcile.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_COUNTS = re.compile(r"in (\d+), written (\d+), rejected (\d+)")


@dataclass
class RunResult:
    label: str
    workers: int
    docs: int
    content_mb: float
    seconds: float  # wall clock, startup included
    cpu_seconds: float  # CPU time of the whole process tree (parent, forkserver, workers)
    tree_peak_mb: float  # largest sum of RSS over the process tree
    process_peak_mb: float  # largest RSS of any one process
    counts: tuple[int, int, int]

    @property
    def mb_per_s(self) -> float:
        return self.content_mb / self.seconds

    @property
    def mb_per_cpu_s(self) -> float:
        return self.content_mb / self.cpu_seconds if self.cpu_seconds else float("nan")


def clean_dump(label: str, dump: Path, docs: int, content_bytes: int, workers: int, out_dir: Path) -> RunResult:
    """Clean ``dump`` with ``-j workers`` in a subprocess; time it and watch its memory."""
    out = out_dir / f"out-{label}-j{workers}.jsonl"
    cmd = [sys.executable, "-m", "cleaner.cli", "clean", str(dump), "-o", str(out), "-j", str(workers), "-q"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree_peak, process_peak, cpu = _watch(proc)
    seconds = time.perf_counter() - started
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    m = _COUNTS.search(stderr)
    if proc.returncode not in (0, 1) or not m:
        raise RuntimeError(f"run failed ({proc.returncode}): {stderr[-2000:]}")
    counts = (int(m[1]), int(m[2]), int(m[3]))
    if counts[0] != docs or counts[0] != counts[1] + counts[2]:
        raise RuntimeError(f"counts do not reconcile with {docs} documents: {m[0]}")
    out.unlink(missing_ok=True)
    return RunResult(label, workers, docs, content_bytes / 1e6, seconds, cpu, tree_peak, process_peak, counts)


def _watch(proc: subprocess.Popen) -> tuple[float, float, float]:
    """Sample ``proc`` and its descendants until it exits, every 50 ms:
    (peak RSS of the tree in MB, peak RSS of one process in MB, CPU seconds of the tree)."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil is in the bench extra
        proc.wait()
        return float("nan"), float("nan"), float("nan")
    root = psutil.Process(proc.pid)
    tree = process = 0
    cpu: dict[int, float] = {}  # last CPU time seen per process (workers, forkserver, parent)
    while proc.poll() is None:
        sizes = []
        for member in _members(root, psutil):
            try:
                sizes.append(member.memory_info().rss)
                times = member.cpu_times()
                cpu[member.pid] = max(cpu.get(member.pid, 0.0), times.user + times.system)
            except psutil.Error:
                continue
        tree, process = max(tree, sum(sizes)), max(process, max(sizes, default=0))
        time.sleep(0.05)
    return tree / 2**20, process / 2**20, sum(cpu.values())


def _members(root, psutil) -> list:  # noqa: ANN001
    try:
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def repeat_file(src: Path, dst: Path, times: int) -> None:
    """``dst`` = ``src`` written ``times`` times over (exactly times × the documents)."""
    with open(dst, "wb") as out:
        for _ in range(times):
            with open(src, "rb") as f:
                shutil.copyfileobj(f, out, 1 << 22)


_SPIN = "x = 0\nfor i in range(20_000_000):\n    x += i\n"


def parallel_capacity(processes: int = 2) -> float:
    """How much faster ``processes`` CPU-bound Python processes finish than one, run for run
    (2.0 on two idle cores): the ceiling the machine offers the 1-vs-2-worker comparison."""
    def spin(n: int) -> float:
        started = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(n)]
        for p in procs:
            p.wait()
        return time.perf_counter() - started
    return processes * spin(1) / spin(processes)
