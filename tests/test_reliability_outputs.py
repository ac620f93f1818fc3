"""Issue 12, as a user hits it: output targets, per-record isolation, folder names,
runs stepping on each other, messages and exit codes (classes 1, 2, 3, 7 and 8).

Each test names the class of the issue it covers.  Subprocess runs use ``python -m
cleaner`` from this checkout; in-process runs use the Typer app with ``-j 0``.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import SEED_DUMPS, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ("서울시는 12일 시청에서 새 교통 정책을 발표했다. 시민 수천 명이 설명회에 참석했다고 시는 밝혔다.\n"
           "정책은 내년 1월부터 시행되며 버스 노선 30개가 바뀐다. 시는 의견을 더 듣겠다고 덧붙였다.")
runner = CliRunner()


def invoke(*args: str):  # noqa: ANN201
    return runner.invoke(app, ["clean", *args])


def cli(*args: str, **kw) -> subprocess.CompletedProcess:  # noqa: ANN003
    return subprocess.run([sys.executable, "-m", "cleaner", "clean", *args], cwd=ROOT, capture_output=True,
                          timeout=120, **kw)


def jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def big_dump(path: Path, n: int, varied: bool = False) -> Path:
    """``n`` copies of a seed dump; ``varied``: each with a paragraph of its own (it does not compress)."""
    text = SEED_DUMPS[0].read_text(encoding="utf-8")
    return jsonl(path, [{"id": i, "text": text + (_paragraph(i) if varied else "")} for i in range(n)])


def _paragraph(seed: int) -> str:
    import random

    rng = random.Random(seed)
    words = ("".join(chr(0xAC00 + rng.randrange(11172)) for _ in range(rng.randint(2, 5))) for _ in range(150))
    return "\n" + " ".join(words) + "라고 밝혔다."


# ------------------------------------------------------------ 1. output targets
def test_1_fifo_output_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = invoke(str(jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE}])), "-o", str(fifo), "-j", "0")
    reader.join(30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO: not renamed over
    assert json.loads(got[0])["id"] == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.fifo"]  # no journal, lock or temp


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_1_device_output_stays_a_device(tmp_path: Path) -> None:
    """A /dev/null made in a temp dir (the real one is never touched): as root, the old
    rename replaced the device node with a regular file."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    source = jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE}])
    for fmt in ("jsonl", "parquet"):
        result = invoke(str(source), "-o", str(null), "--to", fmt, "-j", "0", "--rejects", str(null))
        assert result.exit_code == 0, result.output
        assert stat.S_ISCHR(os.stat(null).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "null"]


def test_1_an_output_that_is_an_input_or_the_rejects_file_is_refused(tmp_path: Path) -> None:
    source = jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE}])
    before = source.read_bytes()
    same = invoke(str(source), "-o", str(source), "-j", "0")
    assert same.exit_code == 2 and "is also an input" in same.stderr
    inside = invoke(str(tmp_path), "-o", str(tmp_path / "txt") + "/", "-j", "0")
    assert inside.exit_code == 2 and "inside the input folder" in inside.stderr
    shared = invoke(str(source), "-o", str(tmp_path / "o.jsonl"), "--rejects", str(tmp_path / "o.jsonl"), "-j", "0")
    assert shared.exit_code == 2 and "is the output file" in shared.stderr
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


# ------------------------------------------------------------ 2. one record cannot end the run
@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "txt", "csv", "md", "stdout"])
def test_2_surrogate_ids_and_non_utf8_file_names_are_written(tmp_path: Path, fmt: str) -> None:
    """Every sink (issue 13 added CSV, Markdown and ``-o -``) writes what a record holds."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dump.jsonl").write_text(
        '{"id": "\\udfff", "url": "https://x.kr/\\ud800", "text": %s}\n{"id": "ok", "text": %s}\n'
        % (json.dumps(ARTICLE), json.dumps(ARTICLE)), encoding="utf-8")
    (Path(os.fsdecode(bytes(folder) + b"/\xff\xfe.txt"))).write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / ("out" if fmt == "txt" else f"out.{fmt}")
    target = "-" if fmt == "stdout" else str(out) + ("/" if fmt == "txt" else "")
    result = invoke(str(folder), "-o", target, "-j", "0")
    assert result.exit_code == 0, result.output
    assert "written 3, rejected 0" in result.stderr
    if fmt == "stdout":  # written directly: no lock file (nor temporary file) named after "-"
        assert [json.loads(x)["id"] for x in result.stdout.splitlines()][:2] == ["\udfff", "ok"]
        assert not list(ROOT.glob(".-*"))
    elif fmt == "csv":
        rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines(keepends=True)))
        assert [r[0] for r in rows[1:3]] == ["\\udfff", "ok"]  # the surrogate as its escape
    elif fmt == "md":
        assert out.read_text(encoding="utf-8").count("버스 노선 30개가 바뀐다") == 3
    elif fmt == "jsonl":
        ids = [r["id"] for r in read_jsonl(out)]
        assert ids[:2] == ["\udfff", "ok"] and ids[2].endswith("\udcff\udcfe.txt")  # round-trips as JSON escapes
    elif fmt == "parquet":
        assert pq.read_table(out).column("id").to_pylist()[:2] == ["\ufffd", "ok"]
    else:
        assert len(list(out.iterdir())) == 3


# ------------------------------------------------------------ 3. folder output never overwrites
def test_3_repeated_ids_get_a_file_each(tmp_path: Path) -> None:
    rows = [{"id": 1, "text": ARTICLE}, {"id": "1", "text": ARTICLE}, {"id": "1", "text": ARTICLE.replace("30개", "45개")},
            {"id": "a/b", "text": ARTICLE}, {"id": "a_b", "text": ARTICLE}]
    out = tmp_path / "out"
    result = invoke(str(jsonl(tmp_path / "in.jsonl", rows)), "-o", f"{out}/", "-j", "0")
    assert result.exit_code == 0 and "written 5" in result.stderr
    files = sorted(out.iterdir())
    assert len(files) == 5
    assert sum("45개" in p.read_text(encoding="utf-8") for p in files) == 1


# ------------------------------------------------------------ 7. runs stepping on each other
def _start_live_run(tmp_path: Path) -> tuple[subprocess.Popen, Path, Path]:
    dump = big_dump(tmp_path / "big.jsonl", 4000)
    out = tmp_path / "out" / "o.jsonl"
    out.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(dump), "-o", str(out), "-j", "1", "-q"],
                            cwd=ROOT, stderr=subprocess.PIPE)
    tmp = out.parent / f".o.jsonl.{proc.pid}.tmp"
    deadline = time.monotonic() + 60
    while not tmp.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read().decode()
    return proc, dump, out


def test_7_a_resume_cannot_take_over_a_live_run(tmp_path: Path) -> None:
    proc, dump, out = _start_live_run(tmp_path)
    try:
        live_files = sorted(p.name for p in out.parent.iterdir())
        for extra in ([], ["--resume"]):
            second = cli(str(dump), "-o", str(out), "-j", "0", "-q", *extra)
            assert second.returncode == 3, second.stderr
            assert b"another run is writing" in second.stderr and b"Traceback" not in second.stderr
        assert sorted(p.name for p in out.parent.iterdir()) == live_files  # nothing of the live run deleted
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
        resumed = cli(str(dump), "-o", str(out), "-j", "0", "-q", "--resume")  # the owner is gone: it resumes
        assert resumed.returncode == 0, resumed.stderr
        assert len(read_jsonl(out)) == 4000
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)


# ------------------------------------------------------------ 8. messages and exit codes
@pytest.fixture()
def tiny_disk(tmp_path: Path):  # noqa: ANN201
    """A folder on a 64 KiB tmpfs (root), else None (the test then uses RLIMIT_FSIZE)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    yield mount if ok.returncode == 0 else None
    if ok.returncode == 0:
        subprocess.run(["umount", str(mount)], check=False)


def _file_limit() -> None:
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet"])
def test_8_a_full_disk_is_one_line_exit_3_and_no_temporary_file(tmp_path: Path, tiny_disk, name: str) -> None:
    dump = big_dump(tmp_path / "big.jsonl", 300, varied=True)
    folder = tiny_disk or tmp_path / "limited"
    folder.mkdir(exist_ok=True)
    run = cli(str(dump), "-o", str(folder / name), "-j", "1", "-q",
              preexec_fn=None if tiny_disk else _file_limit)
    assert run.returncode == 3, run.stderr
    message = run.stderr.decode().strip()
    assert message.startswith("error: cannot write") and "\n" not in message, message
    assert list(folder.iterdir()) == []


def test_8_missing_or_read_only_folder_closed_stdin_are_exit_3(tmp_path: Path) -> None:
    source = jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": ARTICLE}])
    missing = cli(str(source), "-o", str(tmp_path / "no" / "out.jsonl"), "-j", "0")
    assert missing.returncode == 3 and missing.stderr.decode().count("\n") == 1
    assert b"No such file or directory" in missing.stderr
    closed = subprocess.run(f"{sys.executable} -m cleaner clean - -j 0 <&-", shell=True, cwd=ROOT,
                            capture_output=True, timeout=60)
    assert closed.returncode == 3 and b"stdin is closed" in closed.stderr
    read_only = tmp_path / "ro"
    read_only.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(read_only)]).returncode == 0:
        try:
            ro = cli(str(source), "-o", str(read_only / "out.jsonl"), "-j", "0")
            assert ro.returncode == 3 and b"Read-only file system" in ro.stderr, ro.stderr
        finally:
            subprocess.run(["umount", str(read_only)], check=False)


def test_8_a_closed_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    dump = big_dump(tmp_path / "big.jsonl", 400)
    run = subprocess.run(f"{sys.executable} -m cleaner clean {dump} -j 1 -q | head -c 100 > /dev/null; "
                         "exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", cwd=ROOT,
                         capture_output=True, timeout=120)
    assert run.returncode == 141, run.stderr
    assert run.stderr == b""


def test_8_ctrl_c_says_what_was_done_and_resume_carries_on(tmp_path: Path) -> None:
    dump = big_dump(tmp_path / "big.jsonl", 3000)
    out = tmp_path / "out" / "o.jsonl"
    out.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(dump), "-o", str(out), "-j", "1",
                             "-q", "--chunk-docs", "16"], cwd=ROOT, stderr=subprocess.PIPE)
    journal = out.parent / f".o.jsonl.{proc.pid}.resume.tmp"
    deadline = time.monotonic() + 60
    while (not journal.exists() or journal.read_bytes().count(b"\n") < 3) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stderr = proc.communicate(timeout=60)[1].decode()
    assert proc.returncode == 130
    assert "interrupted after writing" in stderr and "--resume" in stderr and "Traceback" not in stderr
    assert journal.exists() and not out.exists()
    resumed = cli(str(dump), "-o", str(out), "-j", "1", "-q", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert [r["id"] for r in read_jsonl(out)] == [str(i) for i in range(3000)]
    assert sorted(p.name for p in out.parent.iterdir()) == ["o.jsonl"]


def test_8_workers_end_with_a_run_killed_outright(tmp_path: Path) -> None:
    """kill -9 of a run whose worker waits for its next chunk (the run waits on stdin,
    open and silent): the worker ends too; else it would wait forever, holding the run's
    stderr (and the forkserver) open, so the read of stderr below would never end."""
    out = tmp_path / "o.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", "-", "--format", "jsonl", "-o", str(out),
                             "-j", "1", "-q", "--chunk-docs", "1"], cwd=ROOT, stdin=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdin is not None
    for i in range(400):  # (input is read in blocks: more than one block's worth)
        proc.stdin.write(json.dumps({"id": i, "text": ARTICLE}, ensure_ascii=False).encode() + b"\n")
    proc.stdin.flush()  # then nothing: the run waits on stdin, its worker on its queue
    written = tmp_path / f".o.jsonl.{proc.pid}.tmp"  # the output being written
    deadline = time.monotonic() + 60
    while (not written.exists() or b"\n" not in written.read_bytes()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert written.exists() and b"\n" in written.read_bytes(), "the first document was never written"
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)  # ends once every process holding stderr is gone: the worker too
    assert proc.returncode == -signal.SIGKILL


def test_8_warnings_for_a_taken_over_domain_and_too_many_workers(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text('[pack]\nid = "mine"\nversion = "2025-01-01"\ndomains = ["hani.co.kr"]\n')
    source = jsonl(tmp_path / "in.jsonl", [{"id": "a", "url": "https://www.hani.co.kr/arti/1.html", "text": ARTICLE}])
    out = tmp_path / "out.jsonl"
    run = cli(str(source), "-o", str(out), "--rules", str(rules), "-j", str(os.cpu_count() * 4))
    assert run.returncode == 0, run.stderr
    assert b"warning: " in run.stderr and b"'hani.co.kr' was claimed by pack 'hani'" in run.stderr
    assert b"more than the" in run.stderr and b"cores" in run.stderr
    assert read_jsonl(out)[0]["site"] == "mine"
