"""The hostile corpus (tests/hostile.py) through the real CLI, in a subprocess.

One run cleans a folder of hostile documents, JSONL with bad lines (plain, gzip, and gzip
and zstd cut off halfway) and WARC (plain, per-record gzip, both cut off mid-record),
with ``--timeout`` and ``--max-bytes`` small enough to trigger.  Every input record is
predicted from what was written (one per document, per non-blank JSONL line, per WARC
record; the complete records before a cut and one "truncated" reject): the CLI must
account for each exactly once, reconcile its counts, exit 1, stay within its time
bound and under 500 MB.  Bad rule packs must stop it with exit 2 before any output.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from itertools import zip_longest
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex

from cleaner.model import RECORD_FIELDS
from cleaner.packs import RULES_DIR, PackError, PackSet

from . import hostile
from .conftest import read_jsonl
from .hostile import Expected
from .test_hostile_library import params, xfails

TIMEOUT = 2.0  # --timeout: seconds per document
MAX_BYTES = 4_000_000  # --max-bytes: the 5 MB and 20 MB documents become "too-large", the 180k-cell table (3.2 MB) is read
WORKERS = 2
KILL_AFTER = TIMEOUT + max(2.0, TIMEOUT) + 1.0  # the pool's watchdog, plus its polling
STARTUP, PER_RECORD = 20.0, 0.25  # generous: start-up and average seconds per record per worker
RSS_LIMIT_MB = 500
COUNTS = re.compile(r"^in (\d+), written (\d+), rejected (\d+)(?: \([^)]*\))?(?:, skipped (\d+))?", re.M)
READER_REASONS = {"malformed", "bad-field", "truncated", "corrupt", "not-html"}
BUG_REASONS = {"error", "crash"}  # an exception in the library, a dead worker
WRAPPER = ("import resource, subprocess, sys\n"
           "code = subprocess.call(sys.argv[1:])\n"
           "print('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)\n")


@dataclass
class Run:
    code: int
    stderr: str
    seconds: float
    peak_mb: float


def run_cli(args: list[str], limit: float, watch: bool = True) -> Run:
    """``cleaner clean ARGS`` in a subprocess; killed (with its workers) after ``limit`` s.
    The peak RSS is the largest of every process in its tree (polled), and of every
    child its wrapper reaped (getrusage)."""
    cmd = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "cleaner.cli", "clean", *args]
    start, peak = time.perf_counter(), 0
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    while proc.poll() is None and time.perf_counter() - start < limit:
        peak = max(peak, tree_peak_kb(proc.pid)) if watch else 0
        time.sleep(0.1)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    stderr = proc.communicate()[1].decode("utf-8", "replace")
    seconds = time.perf_counter() - start
    reaped = [int(m) for m in re.findall(r"^MAXRSS (\d+)$", stderr, re.M)]
    return Run(proc.returncode, stderr, seconds, max([peak, *reaped]) / 1024)


def tree_peak_kb(root: int) -> int:
    """The largest VmHWM (peak RSS, kB) among ``root`` and its descendants."""
    parents = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grew = {root}, True
    while grew:
        new = {pid for pid, ppid in parents.items() if ppid in tree} - tree
        tree |= new
        grew = bool(new)
    return max((_hwm(pid) for pid in tree), default=0)


def _hwm(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    m = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(m.group(1)) if m else 0


# ---------------------------------------------------------------- the corpus on disk
def cli_documents() -> list[hostile.Hostile]:
    """Every empty, binary and huge case, and every fifth of the others."""
    return [c for i, c in enumerate(hostile.documents()) if c.kind in ("empty", "binary", "huge") or i % 5 == 0]


def spread(cases: list[hostile.Hostile], kind: type, n: int) -> list[hostile.Hostile]:
    """``n`` small cases whose content is of type ``kind``, taken from every family in turn."""
    by_family: dict[str, list] = {}
    for c in cases:
        if isinstance(c.content(), kind) and len(c.content()) < 200_000:
            by_family.setdefault(c.kind, []).append(c)
    turns = [c for group in zip_longest(*by_family.values()) for c in group if c is not None]
    return turns[:n]


def write_documents(folder: Path, cases: list[hostile.Hostile]) -> list[Expected]:
    folder.mkdir(parents=True)
    expected = []
    for case in cases:
        content = case.content()
        data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
        path = folder / f"{case.name}.{'html' if case.html else 'txt'}"
        path.write_bytes(data)
        expected.append(Expected(str(path), document_outcome(case, data)))
        hostile.forget(case)
    return expected


def document_outcome(case: hostile.Hostile, data: bytes) -> str:
    """What the CLI must do with a document file: too large, compressed (the CLI reads .gz
    and .zst by magic bytes, so junk behind gzip magic is a corrupt stream), or as cleaned."""
    if len(data) > MAX_BYTES:
        return "reject:too-large"
    if data.startswith((b"\x1f\x8b", b"\x28\xb5\x2f\xfd")):
        return "reject:corrupt"
    return hostile.cli_outcome(case)


def write_jsonl(folder: Path, docs: list[tuple[str, str]]) -> list[Expected]:
    """Plain JSONL (with a too-large record), gzip, and gzip and zstd cut off halfway."""
    big = next(c for c in hostile.documents() if c.name.startswith("huge-line-5mb-s")).content()
    lines = hostile.jsonl_lines(docs, "plain")
    lines.append((json.dumps({"id": "plain/5mb", "text": big}, ensure_ascii=False).encode(), "reject:too-large"))
    data, expected = hostile.jsonl_file(str(folder / "hostile.jsonl"), lines)
    (folder / "hostile.jsonl").write_bytes(data)
    data, more = hostile.jsonl_file(str(folder / "hostile.jsonl.gz"), hostile.jsonl_lines(docs, "gz"))
    (folder / "hostile.jsonl.gz").write_bytes(gzip.compress(data, mtime=0))
    expected += more
    for codec, name in (("gzip", "cut.jsonl.gz"), ("zstd", "cut.jsonl.zst")):
        lines = hostile.jsonl_lines(docs, name)
        cut, recovered = hostile.cut_stream(hostile.jsonl_file("", lines)[0], codec)
        (folder / name).write_bytes(cut)
        expected += hostile.cut_expected(str(folder / name), lines, recovered)
    return expected


def write_warc(folder: Path, docs: list[hostile.Hostile]) -> list[Expected]:
    """WARC and per-record gzip WARC; and both cut off: the plain one three quarters into
    its largest record (in the body), the gzip one halfway into a middle member."""
    expected = []
    for name, first, pack, cut in (("hostile.warc", 1, bytes, 0), ("hostile.warc.gz", 1001, gzip.compress, 0),
                                   ("cut.warc", 2001, bytes, 0.75), ("cut.warc.gz", 3001, gzip.compress, 0.5)):
        records = hostile.warc_records(docs, MAX_BYTES, first)
        members = [pack(rec) for rec, _ in records]
        at = len(records) if not cut else (len(records) // 2 if pack is gzip.compress else
                                           max(range(len(records)), key=lambda i: len(members[i])))
        data = b"".join(members[:at]) + (members[at][: int(len(members[at]) * cut)] if cut else b"")
        (folder / name).write_bytes(data)
        expected += [e for _, e in records[:at]] + ([Expected(records[at][1].id, "reject:truncated")] if cut else [])
    return expected


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[Expected]]:
    root = tmp_path_factory.mktemp("hostile-cli")
    cases = cli_documents()
    texts = [(c.name, c.content()) for c in spread(cases, str, 20)]
    blobs = spread(cases, bytes, 15)
    (root / "in").mkdir()
    expected = write_jsonl(root / "in", texts) + write_warc(root / "in", blobs)
    expected += write_documents(root / "in" / "docs", cases)
    return root, expected


@pytest.fixture(scope="module")
def result(corpus) -> tuple[Run, list[dict], list[dict]]:
    root, expected = corpus
    out, rejects = root / "out" / "clean.jsonl", root / "out" / "rejects.jsonl"
    out.parent.mkdir()
    limit = STARTUP + PER_RECORD * len(expected) / WORKERS + 10 * KILL_AFTER
    run = run_cli([str(root / "in"), "-o", str(out), "--rejects", str(rejects), "--timeout", str(TIMEOUT),
                   "--max-bytes", str(MAX_BYTES), "--workers", str(WORKERS), "-q", "--fail-on-reject"], limit)
    read = lambda p: read_jsonl(p) if p.exists() else []  # noqa: E731
    return run, read(out), read(rejects)


# ---------------------------------------------------------------- the run
def test_exit_status_and_counts_reconcile(corpus, result) -> None:
    run, records, rejects = result
    assert run.code == 1, run.stderr[-3000:]
    m = COUNTS.search(run.stderr)
    assert m, f"no counts line on stderr:\n{run.stderr[-3000:]}"
    read, written, rejected, skipped = (int(g or 0) for g in m.groups())
    assert read == len(corpus[1]), "records read != records written to the input files"
    assert (written, rejected + skipped) == (len(records), len(rejects))  # skips are in the rejects file too
    assert skipped == sum(bool(r.get("skipped")) for r in rejects) == sum(e.outcome.startswith("skip:") for e in corpus[1])
    assert read == written + rejected + skipped


def test_every_input_record_is_accounted_for_exactly_once(corpus, result) -> None:
    _, records, rejects = result
    seen = Counter(r["id"] for r in records) + Counter(r["id"] for r in rejects)
    want = Counter(e.id for e in corpus[1])
    assert seen - want == Counter(), f"records nobody wrote in: {list((seen - want).items())[:10]}"
    assert want - seen == Counter(), f"records lost: {list((want - seen).items())[:10]}"


def test_rejects_carry_the_expected_reasons(corpus, result) -> None:
    _, records, rejects = result
    reasons = {r["id"]: r["reason"] for r in rejects}
    for exp in corpus[1]:
        if exp.outcome.startswith("reject:"):
            assert reasons.get(exp.id) == exp.outcome[7:], f"{exp.id}: {reasons.get(exp.id)} != {exp.outcome}"
        elif exp.outcome.startswith("skip:"):
            assert reasons.get(exp.id) == exp.outcome[5:], f"{exp.id}: {reasons.get(exp.id)} != {exp.outcome}"
        elif exp.id in reasons:
            assert reasons[exp.id] not in READER_REASONS, f"{exp.id}: a good record rejected as {reasons[exp.id]}"
    bugs = [r for r in rejects if r["reason"] in BUG_REASONS]
    assert not bugs, f"library exceptions or dead workers: {bugs[:5]}"


def test_the_run_stays_within_its_bounds(corpus, result) -> None:
    run, _, rejects = result
    timeouts = sum(r["reason"] == "timeout" for r in rejects)
    assert timeouts >= 1, "--timeout should have stopped the 180k-cell table"
    bound = STARTUP + PER_RECORD * len(corpus[1]) / WORKERS + KILL_AFTER * timeouts
    assert run.seconds < bound, f"{run.seconds:.1f}s for {len(corpus[1])} records and {timeouts} timeouts"
    assert 0 < run.peak_mb < RSS_LIMIT_MB, f"peak RSS {run.peak_mb:.0f} MB"


def test_outputs_are_whole_and_no_temporary_file_is_left(corpus, result) -> None:
    root = corpus[0]
    assert all(set(RECORD_FIELDS) <= set(r) for r in result[1])
    assert sorted(p.name for p in (root / "out").iterdir()) == ["clean.jsonl", "rejects.jsonl"]


# ---------------------------------------------------------------- one line that breaks the reader
def named(suite: str, *names: str) -> list:
    """Test names as parameters, strict xfail when listed for ``suite`` in the xfail TSV."""
    known = xfails(suite)
    return [pytest.param(n, id=n, marks=[pytest.mark.xfail(strict=True, reason=known[n])] if n in known else [])
            for n in names]


@pytest.mark.parametrize("name", named("cli", "deep-json-line"))
def test_a_deeply_nested_json_line_is_a_reject_not_a_crash(name, tmp_path) -> None:
    good = [json.dumps({"id": f"g{i}", "text": t}, ensure_ascii=False) for i, (_, t) in enumerate(hostile.articles()[:2])]
    src = tmp_path / "deep.jsonl"
    src.write_text("\n".join([good[0], "[" * 100_000 + "]" * 100_000, good[1]]) + "\n", encoding="utf-8")
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    run = run_cli([str(src), "-o", str(out), "--rejects", str(rejects), "--workers", "0", "-q", "--fail-on-reject"], 60)
    assert run.code == 1 and COUNTS.search(run.stderr), run.stderr[-2000:]
    assert [json.loads(x)["reason"] for x in rejects.read_text().splitlines()] == ["malformed"]
    assert len(out.read_text().splitlines()) == 2


# ---------------------------------------------------------------- rule packs
def pack_folder(root: Path, pack: hostile.BadPack) -> Path:
    folder = root / pack.name
    folder.mkdir()
    (folder / "pack.toml").write_bytes(pack.data)
    return folder


@pytest.mark.parametrize("pack", params(hostile.bad_packs(), "pack"))
def test_a_bad_rule_pack_is_refused_naming_file_and_field(pack, tmp_path) -> None:
    folder = pack_folder(tmp_path, pack)
    with pytest.raises(PackError) as err:
        PackSet.load([RULES_DIR, folder])
    message = str(err.value)
    assert str(folder / "pack.toml") in message, message
    for where in pack.where:
        assert where in message, f"{where!r} not named in: {message}"


def one_per_kind() -> list[hostile.BadPack]:
    """The first bad pack of each kind (toml, unknown, type, regex, regex-accepted)."""
    kinds: dict[str, hostile.BadPack] = {}
    for pack in hostile.bad_packs():
        kinds.setdefault(pack.name.rsplit("-", 1)[0] if pack.attack else pack.name.split("-")[0], pack)
    return list(kinds.values())


@pytest.fixture(scope="module")
def pack_runs(tmp_path_factory) -> dict[str, tuple[Run, Path]]:
    """name → (run, its folder): ``cleaner clean DOC --rules DIR`` for one bad pack of each kind."""
    from concurrent.futures import ThreadPoolExecutor

    root = tmp_path_factory.mktemp("hostile-packs")
    doc = root / "doc.txt"
    doc.write_text(hostile.articles()[0][1], encoding="utf-8")
    folders = {pack.name: pack_folder(root, pack) for pack in one_per_kind()}
    args = [[str(doc), "--rules", str(d), "-o", str(d / "out.jsonl"), "--rejects", str(d / "rejects.jsonl"),
             "-q", "--workers", "0"] for d in folders.values()]
    with ThreadPoolExecutor(WORKERS) as pool:
        runs = list(pool.map(lambda a: run_cli(a, 60, watch=False), args))
    return {name: (run, folders[name]) for name, run in zip(folders, runs)}


@pytest.mark.parametrize("pack", params(one_per_kind(), "pack"))
def test_the_cli_stops_on_a_bad_rule_pack_before_any_output(pack, pack_runs) -> None:
    run, folder = pack_runs[pack.name]
    assert run.code == 2, f"exit {run.code}: {run.stderr[-1000:]}"
    message = run.stderr.replace("\n", " ")
    assert str(folder / "pack.toml") in message and all(w in message for w in pack.where), message
    assert sorted(p.name for p in folder.iterdir()) == ["pack.toml"], "output written despite the bad pack"


@pytest.mark.parametrize("pack", [p for p in hostile.bad_packs() if p.attack], ids=lambda p: p.name)
def test_the_accepted_patterns_really_backtrack(pack) -> None:
    """The patterns listed as accepted-but-pathological are so: the regex engine gives up."""
    source = re.search(rb"pattern = '(.*)'", pack.data).group(1).decode()
    with pytest.raises(TimeoutError):
        regex.compile(source, regex.IGNORECASE | regex.V0).search(pack.attack, timeout=0.5)
