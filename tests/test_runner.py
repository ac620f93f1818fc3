"""The run loop through real worker processes: same records as in-process, time bounds,
crashes, and counts that reconcile."""

from __future__ import annotations

import json
import os
import signal
import time
from functools import partial
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.io import SourceOptions, iter_items
from cleaner.run import InlineExecutor, ProcessPool, WorkConfig, make_config, run

from .conftest import KO_NEWS, SEED_DUMPS, ListWriter



class SlowCleaner(Cleaner):
    """Sleeps (interruptibly) on a document that says SLOW."""

    def clean(self, content, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
        if "SLOW" in content:
            time.sleep(60)
        return super().clean(content, *args, **kwargs)


class StuckCleaner(Cleaner):
    """Blocks SIGALRM and sleeps on STUCK, like a page stuck inside C code."""

    def clean(self, content, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
        if "STUCK" in content:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return super().clean(content, *args, **kwargs)


class CrashCleaner(Cleaner):
    def clean(self, content, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
        if "CRASH" in content:
            os._exit(7)
        return super().clean(content, *args, **kwargs)


def texts() -> list[str]:
    """Real text dumps: the seeds and the daum dumps (few site packs, so workers warm up fast)."""
    paths = SEED_DUMPS + sorted((KO_NEWS / "text").glob("daum__*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    """A JSONL dump: every text three times, a malformed line and an empty document among them."""
    lines = [json.dumps({"id": f"t{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts() * 3)]
    lines.insert(5, '{"id": "broken", "text": ')
    lines.insert(9, json.dumps({"id": "blank", "text": "   "}))
    path = tmp_path_factory.mktemp("dump") / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def special_dump(tmp_path: Path, marker: str) -> Path:
    docs = texts()[:6]
    docs.insert(3, f"{marker}\n" + docs[0])
    path = tmp_path / "special.jsonl"
    path.write_text("".join(json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) + "\n"
                            for i, t in enumerate(docs)), encoding="utf-8")
    return path


def clean_with(executor, path: Path, ordered: bool = True, chunk_docs: int = 3):  # noqa: ANN001, ANN201
    out, rejects = ListWriter(), ListWriter()
    try:
        counts = run(iter_items([str(path)], SourceOptions()), executor, out, rejects,
                     ordered=ordered, chunk_docs=chunk_docs, window=6)
    finally:
        executor.close()
    return out.items, rejects.items, counts


def test_two_workers_give_the_same_records_as_one_process(dump: Path) -> None:
    config = make_config(encode="json")
    inline = clean_with(InlineExecutor(config), dump)
    pooled = clean_with(ProcessPool(config, 2), dump)
    assert pooled[0] == inline[0]  # same JSON lines, same order
    assert pooled[1] == inline[1]
    records, rejects, counts = pooled
    assert counts.read == 26 and counts.reconciles()
    assert (counts.written, counts.rejected) == (len(records), len(rejects)) == (24, 2)
    assert [r["reason"] for r in rejects] == ["malformed", "empty"]
    assert [json.loads(r)["id"] for r in records] == [f"t{i}" for i in range(24)]


def test_unordered_output_has_the_same_records(dump: Path) -> None:
    config = make_config()
    ordered = clean_with(InlineExecutor(config), dump)[0]
    unordered, _, counts = clean_with(ProcessPool(config, 2), dump, ordered=False, chunk_docs=2)
    assert sorted(unordered, key=lambda r: r["id"]) == sorted(ordered, key=lambda r: r["id"])
    assert counts.reconciles()


def test_a_slow_document_becomes_a_timeout_reject_and_the_rest_is_cleaned(tmp_path: Path) -> None:
    config = WorkConfig(factory=partial(SlowCleaner), timeout=0.5)
    records, rejects, counts = clean_with(ProcessPool(config, 1), special_dump(tmp_path, "SLOW"))
    assert [(r["id"], r["reason"]) for r in rejects] == [("s3", "timeout")]
    assert [r["id"] for r in records] == ["s0", "s1", "s2", "s4", "s5", "s6"]
    assert counts.reconciles() and counts.read == 7


def test_a_worker_stuck_past_the_bound_is_killed_and_replaced(tmp_path: Path) -> None:
    config = WorkConfig(factory=partial(StuckCleaner), timeout=0.3)
    pool = ProcessPool(config, 1, kill_grace=0.3)
    records, rejects, counts = clean_with(pool, special_dump(tmp_path, "STUCK"))
    assert [(r["id"], r["reason"]) for r in rejects] == [("s3", "timeout")]
    assert "worker killed" in rejects[0]["detail"]
    assert [r["id"] for r in records] == ["s0", "s1", "s2", "s4", "s5", "s6"]
    assert pool.restarts == 1 and counts.reconciles()


def test_a_crashing_document_becomes_a_crash_reject(tmp_path: Path) -> None:
    pool = ProcessPool(WorkConfig(factory=partial(CrashCleaner)), 2)
    records, rejects, counts = clean_with(pool, special_dump(tmp_path, "CRASH"))
    assert [(r["id"], r["reason"]) for r in rejects] == [("s3", "crash")]
    assert "code 7" in rejects[0]["detail"]
    assert [r["id"] for r in records] == ["s0", "s1", "s2", "s4", "s5", "s6"]
    assert counts.reconciles()


def test_in_process_time_bound_uses_the_alarm_too(tmp_path: Path) -> None:
    config = WorkConfig(factory=partial(SlowCleaner), timeout=0.3)
    _, rejects, counts = clean_with(InlineExecutor(config), special_dump(tmp_path, "SLOW"))
    assert [(r["id"], r["reason"]) for r in rejects] == [("s3", "timeout")]
    assert counts.written == 6


def test_the_http_charset_is_passed_to_decoding(monkeypatch) -> None:
    import cleaner.decode
    import cleaner.run.work as work
    from cleaner.io import Doc

    seen = []
    real = cleaner.decode.decode_bytes

    def spy(data: bytes, http_charset: str | None = None):  # noqa: ANN202
        seen.append(http_charset)
        return real(data, http_charset)

    monkeypatch.setattr(cleaner.decode, "decode_bytes", spy)
    text = texts()[0]
    doc = Doc("w1", "crawl.warc", text.encode("cp949"), "https://example.kr/1", "euc-kr", 0)
    [(kind, record)] = work.ChunkCleaner(make_config()).run([doc])
    assert seen == ["euc-kr"]
    assert kind == "record" and record["text"] and record["url"] == "https://example.kr/1"


def test_workers_bound_the_size_as_the_source_does() -> None:
    """Bytes are measured as bytes by the source and by the Cleaner alike: CP949 text
    at the bound is cleaned although its UTF-8 is half as long again, one byte over
    it is refused by the Cleaner too."""
    import cleaner.run.work as work
    from cleaner.io import Doc

    data = texts()[0].encode("cp949")
    assert len(data.decode("cp949").encode("utf-8")) > 1.3 * len(data)
    doc = Doc("w1", "crawl.warc", data, "https://example.kr/1", "euc-kr", len(data))
    [(kind, record)] = work.ChunkCleaner(make_config(max_bytes=len(data))).run([doc])
    assert kind == "record" and record["text"]
    [(kind, reject)] = work.ChunkCleaner(make_config(max_bytes=len(data) - 1)).run([doc])
    assert kind == "reject" and reject["reason"] == "too-large"
