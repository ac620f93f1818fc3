"""`cleaner clean --resume`: the journal, recovering a killed run's files, and a real SIGKILL."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.io.sinks import tmp_path
from cleaner.run.resume import HEADER, Ranges, copy_lines, find_state, journal_path, restore, runs_of

from .conftest import SEED_DUMPS, read_jsonl

SEEDS = SEED_DUMPS
runner = CliRunner()


def test_ranges_merge_and_contain() -> None:
    done = Ranges()
    for a, b in [(5, 7), (0, 2), (2, 3), (10, 12), (6, 11)]:
        done.add(a, b)
    assert done.runs() == [(0, 3), (5, 12)]
    assert len(done) == 10
    assert [p in done for p in (0, 2, 3, 4, 5, 11, 12)] == [True, True, False, False, True, True, False]
    assert runs_of([3, 4, 5, 9, 11, 12]) == [(3, 6), (9, 10), (11, 13)]


def test_recovery_keeps_the_checkpointed_lines_and_drops_a_cut_off_one(tmp_path: Path) -> None:
    """A killed run: 3 items checkpointed (2 records, 1 reject), then a half-written line."""
    out, rej, pid = tmp_path / "out.jsonl", tmp_path / "rej.jsonl", 999_999
    r0, r2 = b'{"id": "a", "text": "x"}\n', b'{"id": "a", "text": "y"}\n'  # the same id twice
    j1 = b'{"id": "b", "source": "in.jsonl", "reason": "malformed", "detail": "line 2"}\n'
    tmp_path_out, tmp_path_rej = tmp_path_of(out, pid), tmp_path_of(rej, pid)
    tmp_path_out.write_bytes(r0 + r2 + b'{"id": "c", "te')
    tmp_path_rej.write_bytes(j1)
    journal_path(out, pid).write_text(
        HEADER.format(1) + f"{len(r0)} 0 0-1\n{len(r0 + r2)} {len(j1)} 1-3\n{len(r0 + r2) + 9} 0 3-",
        encoding="ascii")
    state = find_state(out, rej)
    assert not state.complete and state.saved is not None and state.saved.pid == pid
    assert state.done.runs() == [(0, 3)]  # the cut-off journal line is ignored
    assert sorted(state.stale) == sorted([tmp_path_out, tmp_path_rej, journal_path(out, pid)])
    new_out, new_rej = io.BytesIO(), io.BytesIO()
    counts = restore(state, new_out, new_rej)
    assert new_out.getvalue() == r0 + r2 and new_rej.getvalue() == j1
    assert (counts.read, counts.written, counts.rejected) == (3, 2, 1)
    assert counts.reasons == {"malformed": 1}


def tmp_path_of(path: Path, pid: int) -> Path:
    assert tmp_path(path, pid).name == f".{path.name}.{pid}.tmp"  # what AtomicFile writes
    return tmp_path(path, pid)


def test_copy_lines_drops_a_line_cut_at_the_offset(tmp_path: Path) -> None:
    src = tmp_path / "x"
    src.write_bytes(b"one\ntwo\nthree\n")
    dest = io.BytesIO()
    assert list(copy_lines(src, 10, dest)) == [b"one\n", b"two\n"]
    assert dest.getvalue() == b"one\ntwo\n"


def test_resume_needs_a_plain_jsonl_output(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": SEEDS[0].read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
    for out in ("out.parquet", "out.jsonl.gz"):
        result = runner.invoke(app, ["clean", str(src), "-o", str(tmp_path / out), "--resume", "-j", "0"])
        assert result.exit_code == 2 and "--resume" in result.stderr, result.output
    assert not (tmp_path / "out.parquet").exists()


def make_dump(path: Path, n: int) -> None:
    """``n`` seed documents with distinct ids, and bad lines (rejects) spread among them."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    lines = [json.dumps({"id": f"d{i}", "text": texts[i % len(texts)]}, ensure_ascii=False) for i in range(n)]
    for at in (3, n // 3, 2 * n // 3, n - 2):
        lines.insert(at, '{"id": "broken", "text": ')
        lines.insert(at + 1, json.dumps({"id": f"typed{at}", "text": 7}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_finished_output_is_left_as_it_is(tmp_path: Path) -> None:
    src, out, rej = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    make_dump(src, 6)
    args = ["clean", str(src), "-o", str(out), "--rejects", str(rej), "-j", "0", "-q", "--fail-on-reject"]
    first = runner.invoke(app, args)
    assert first.exit_code == 1, first.output
    before = out.read_bytes(), rej.read_bytes()
    again = runner.invoke(app, [*args, "--resume"])
    assert again.exit_code == 1, again.output
    assert (out.read_bytes(), rej.read_bytes()) == before
    assert re.search(r"in 14, written 6, rejected 8", again.stderr), again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl", "rej.jsonl"]


def test_a_killed_run_resumes_to_the_same_output(tmp_path: Path) -> None:
    """SIGKILL a real run mid-way, resume it: same records and rejects, in the same order."""
    src = tmp_path / "in" / "dump.jsonl"
    src.parent.mkdir()
    make_dump(src, 400)
    ref_out, ref_rej = tmp_path / "ref.jsonl", tmp_path / "ref-rej.jsonl"
    ref = runner.invoke(app, ["clean", str(src), "-o", str(ref_out), "--rejects", str(ref_rej), "-j", "0", "-q", "--fail-on-reject"])
    assert ref.exit_code == 1, ref.output
    folder = tmp_path / "out"
    folder.mkdir()
    out, rej = folder / "out.jsonl", folder / "rej.jsonl"
    cmd = [sys.executable, "-m", "cleaner.cli", "clean", str(src), "-o", str(out), "--rejects", str(rej),
           "--workers", "1", "--ordered", "-q", "--fail-on-reject"]
    killed = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    wait_for_lines(tmp_path_of(out, killed.pid), killed)
    os.kill(killed.pid, signal.SIGKILL)
    killed.communicate(timeout=30)
    assert killed.returncode == -signal.SIGKILL
    assert not out.exists() and not rej.exists()
    state = find_state(out, rej)  # what --resume will keep: a checkpointed prefix of the reference
    kept = io.BytesIO()
    restore(state, kept, io.BytesIO())
    kept_records = [json.loads(line) for line in kept.getvalue().splitlines()]
    assert 0 < len(kept_records) < len(read_jsonl(ref_out))  # killed mid-way
    assert kept_records == read_jsonl(ref_out)[: len(kept_records)]
    resumed = subprocess.run([*cmd, "--resume"], stderr=subprocess.PIPE, text=True, timeout=120)
    assert resumed.returncode == 1, resumed.stderr
    assert read_jsonl(out) == read_jsonl(ref_out)
    assert read_jsonl(rej) == read_jsonl(ref_rej)
    assert "in 408, written 400, rejected 8" in resumed.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["out.jsonl", "rej.jsonl"]  # stale files removed


def wait_for_lines(path: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until ``path`` holds a complete line (the first chunk was written)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if path.exists() and b"\n" in path.read_bytes():
            return
        time.sleep(0.02)
    raise AssertionError(f"no output lines before the run ended: {proc.poll()}")
