"""`cleaner clean`: formats in and out, rejects, counts, exit codes, atomic outputs."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import cleaner.run.command as command
from cleaner.cli import app

from .conftest import SEED_DUMPS, SHARED, SEEDS as SEED_DIR, read_jsonl

SEEDS = SEED_DUMPS
runner = CliRunner()


def invoke(*args: str, input: bytes | None = None):  # noqa: A002, ANN201
    return runner.invoke(app, ["clean", *args], input=input)


def counts_line(result) -> tuple[int, int, int]:  # noqa: ANN001
    m = re.search(r"in (\d+), written (\d+), rejected (\d+)", result.stderr)
    assert m, result.output
    return int(m[1]), int(m[2]), int(m[3])


@pytest.fixture()
def dump(tmp_path: Path) -> Path:
    """A gzipped JSONL dump of the seeds plus a malformed line and a wrongly typed record."""
    lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) for p in SEEDS]
    lines[2:2] = ["{oops", json.dumps({"id": "n", "text": 3})]
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    return path


def test_clean_a_folder_exits_0_and_counts_reconcile(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = invoke(str(SEED_DIR), "-o", str(out), "-j", "0", "--quiet")
    assert result.exit_code == 0, result.output
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [str(p) for p in SEEDS]
    assert all(r["text"] for r in records)
    assert counts_line(result) == (5, 5, 0)


def test_rejects_file_and_exit_code_1_with_fail_on_reject(tmp_path: Path, dump: Path) -> None:
    out, rej = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    assert invoke(str(dump), "-o", str(out), "-j", "0").exit_code == 0  # rejects alone are no failure
    result = invoke(str(dump), "-o", str(out), "--rejects", str(rej), "-j", "0", "--fail-on-reject")
    assert result.exit_code == 1, result.output
    rejects = read_jsonl(rej)
    assert [(r["id"], r["source"], r["reason"]) for r in rejects] == [
        (f"{dump}:3", str(dump), "malformed"), ("n", str(dump), "bad-field")]
    assert all(r["detail"] for r in rejects)
    assert counts_line(result) == (7, 5, 2)
    assert len(out.read_text().splitlines()) == 5


def test_two_workers_write_the_same_file_as_one_process(tmp_path: Path, dump: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert invoke(str(dump), "-o", str(one), "-j", "0", "--fail-on-reject").exit_code == 1
    assert invoke(str(dump), "-o", str(two), "-j", "2", "--fail-on-reject").exit_code == 1
    assert two.read_bytes() == one.read_bytes()


def test_parquet_and_txt_outputs(tmp_path: Path) -> None:
    table = tmp_path / "out.parquet"
    assert invoke(str(SEED_DIR), "-o", str(table), "-j", "0").exit_code == 0
    rows = pq.read_table(table).to_pylist()
    assert [r["id"] for r in rows] == [str(p) for p in SEEDS] and all(r["text"] for r in rows)
    folder = tmp_path / "txt"
    assert invoke(str(SEED_DIR), "-o", f"{folder}/", "-j", "0").exit_code == 0
    texts = sorted(p.read_text(encoding="utf-8") for p in folder.iterdir())
    assert texts == sorted(r["text"] + "\n" for r in rows)


def test_stdin_jsonl_to_stdout() -> None:
    lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) for p in SEEDS[:2]]
    result = invoke("-", "-j", "0", input=("\n".join(lines) + "\n").encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == [p.stem for p in SEEDS[:2]]


def test_custom_field_names(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"key": "k1", "link": "https://www.news1.kr/x/1", "body": SEEDS[0].read_text()}) + "\n")
    result = invoke(str(path), "-j", "0", "--id-field", "key", "--url-field", "link", "--content-field", "body")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["id"], record["url"]) == ("k1", "https://www.news1.kr/x/1")


@pytest.mark.parametrize("args", [
    ["nope/missing.jsonl"],
    ["SEEDS", "--to", "xml"],  # (csv was unknown here before CSV output existed)
    ["SEEDS", "-o", "OUT/x.parquet", "--to", "jsonl"],  # the name says another format
    ["SEEDS", "-o", "OUT/x.csv", "--to", "md"],
    ["SEEDS", "-o", "-", "--to", "parquet"],  # not to standard output
    ["SEEDS", "--format", "xml"],
    ["SEEDS", "--site", "no-such-site"],
    ["SEEDS", "--to", "parquet"],
    ["SEEDS", "--rules", "RULE"],
])
def test_usage_and_configuration_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    bad_rule = tmp_path / "bad.toml"
    bad_rule.write_text("[pack]\nid = 'x'\nkind = 'nonsense'\n")
    args = [str(SEED_DIR) if a == "SEEDS" else str(bad_rule) if a == "RULE" else a.replace("OUT", str(tmp_path))
            for a in args]
    result = invoke(*args, "-j", "0")
    assert result.exit_code == 2, result.output
    assert "error" in result.output.lower()


def _interrupt_after(monkeypatch, n_items: int) -> None:  # noqa: ANN001
    real = command.iter_items

    def interrupted(paths, opts):  # noqa: ANN001, ANN202
        for n, item in enumerate(real(paths, opts)):
            if n == n_items:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(command, "iter_items", interrupted)


def test_an_interrupted_run_keeps_its_journal_and_resume_finishes_it(tmp_path: Path, dump: Path,
                                                                      monkeypatch) -> None:
    """Ctrl-C: exit 130, what was done on stderr, nothing under the real names, and the journal
    kept (it used to be deleted, so --resume had nothing to resume); --resume then ends the run
    with the records of an uninterrupted one."""
    out, rej = tmp_path / "out" / "records.jsonl", tmp_path / "out" / "rej.jsonl"
    out.parent.mkdir()
    args = [str(dump), "-o", str(out), "--rejects", str(rej), "-j", "0", "--chunk-docs", "1"]
    with monkeypatch.context() as m:
        _interrupt_after(m, 4)
        result = invoke(*args)
    assert result.exit_code == 130  # interrupted (SIGINT convention)
    assert "interrupted after writing" in result.stderr and "--resume" in result.stderr
    names = sorted(p.name for p in out.parent.iterdir())
    assert not out.exists() and not rej.exists()
    assert any(n.endswith(".resume.tmp") for n in names), names
    assert invoke(*args, "--resume", "--fail-on-reject").exit_code == 1  # the dump holds rejects
    whole = tmp_path / "whole.jsonl"
    invoke(str(dump), "-o", str(whole), "-j", "0")
    assert read_jsonl(out) == read_jsonl(whole)
    assert sorted(p.name for p in out.parent.iterdir()) == ["records.jsonl", "rej.jsonl"]


def test_an_interrupted_parquet_run_leaves_no_output_files(tmp_path: Path, dump: Path, monkeypatch) -> None:
    _interrupt_after(monkeypatch, 4)
    out = tmp_path / "out" / "records.parquet"
    out.parent.mkdir()
    result = invoke(str(dump), "-o", str(out), "-j", "0", "--chunk-docs", "1")
    assert result.exit_code == 130
    assert list(out.parent.iterdir()) == []


def test_a_terminated_run_leaves_no_output(tmp_path: Path) -> None:
    """SIGTERM mid-run (a real process with a worker): no output file and no lock; the
    temporary output and its journal stay, for --resume."""
    import os
    import signal
    import subprocess
    import sys
    import time

    dump = tmp_path / "in" / "big.jsonl"
    dump.parent.mkdir()
    text = SEEDS[0].read_text(encoding="utf-8")
    dump.write_text("".join(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n" for i in range(20000)))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    cmd = [sys.executable, "-m", "cleaner.cli", "clean", str(dump), "-o", str(out_dir / "o.jsonl"), "-j", "1", "-q"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    tmp = out_dir / f".o.jsonl.{proc.pid}.tmp"
    while not tmp.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read().decode()
    # the temporary output, its journal (for --resume) and the lock
    kept = sorted([tmp.name, f".o.jsonl.{proc.pid}.resume.tmp"])
    assert sorted(p.name for p in out_dir.iterdir()) == sorted([*kept, ".o.jsonl.lock"])
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGTERM)
    proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert sorted(p.name for p in out_dir.iterdir()) == kept


def test_warc_gz_pages_through_the_cli(tmp_path: Path) -> None:
    """Real cp949 and UTF-8 pages in a per-record-gzipped WARC, with an image among them."""
    pytest.importorskip("cleaner.html.extract")
    from tests.test_io_sources import warc_record

    pages = [("naver__04.html", "text/html; charset=euc-kr"), ("mk__01.html", "text/html; charset=utf-8")]
    blobs, ids = [], []
    for name, ctype in pages:
        record, rid = warc_record(f"https://example.kr/{name}", (SHARED / "corpus" / "ko-news" / "html" / name).read_bytes(), ctype)
        blobs.append(gzip.compress(record))
        ids.append(rid)
    blobs.insert(1, gzip.compress(warc_record("https://example.kr/a.png", b"\x89PNG", "image/png")[0]))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(blobs))
    out, rej = tmp_path / "out.jsonl", tmp_path / "rej.jsonl"
    result = invoke(str(path), "-o", str(out), "--rejects", str(rej), "-j", "0", "--fail-on-reject")
    assert result.exit_code == 0, result.output  # the image is skipped, not rejected
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ids
    assert [r["url"] for r in records] == [f"https://example.kr/{name}" for name, _ in pages]
    assert all(r["text"] and "\ufffd" not in r["text"] for r in records)
    assert [(json.loads(x)["reason"], json.loads(x)["skipped"]) for x in rej.read_text().splitlines()] == [
        ("not-html", True)]
