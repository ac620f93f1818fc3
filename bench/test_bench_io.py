"""Microbenchmarks of the dump path: reading, a worker's chunk, writing, the run loop."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleaner.io import SourceOptions, iter_items
from cleaner.io.sinks import JsonlSink
from cleaner.run import ChunkCleaner, InlineExecutor, make_config, run

from .corpus import build_jsonl, text_docs

PLAIN = [(n, t) for n, t in text_docs() if n != "naver__08"]  # the text dumps without the HTML table


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "dump.jsonl"
    build_jsonl(path, 5_000_000, PLAIN)
    return path


class Null:
    def __init__(self) -> None:
        self.n = 0

    def write(self, payload, position=None) -> None:  # noqa: ANN001 - a sink: record, input position
        self.n += 1


def test_read_jsonl(benchmark, dump: Path) -> None:
    benchmark.extra_info["bytes"] = dump.stat().st_size
    n = benchmark(lambda: sum(1 for _ in iter_items([str(dump)], SourceOptions())))
    assert n > 300


def test_read_gzip_jsonl(benchmark, dump: Path, tmp_path: Path) -> None:
    gz = tmp_path / "dump.jsonl.gz"
    gz.write_bytes(gzip.compress(dump.read_bytes(), compresslevel=6))
    benchmark.extra_info["bytes"] = dump.stat().st_size
    n = benchmark(lambda: sum(1 for _ in iter_items([str(gz)], SourceOptions())))
    assert n > 300


def test_worker_chunk_with_json_encoding(benchmark, dump: Path) -> None:
    items = list(iter_items([str(dump)], SourceOptions()))[:64]
    worker = ChunkCleaner(make_config(encode="json"))
    worker.run(items)  # warm
    out = benchmark(worker.run, items)
    assert all(kind == "record" for kind, _ in out)


def test_write_jsonl(benchmark, dump: Path, tmp_path: Path) -> None:
    lines = [json.dumps(json.loads(line), ensure_ascii=False) for line in dump.read_text(encoding="utf-8").splitlines()]

    def write() -> None:
        with JsonlSink(tmp_path / "out.jsonl") as sink:
            for line in lines:
                sink.write(line)
    benchmark(write)
    assert (tmp_path / "out.jsonl").stat().st_size > 1_000_000


def test_run_loop_in_process(benchmark, dump: Path) -> None:
    config = make_config(encode="json")
    executor = InlineExecutor(config)

    def once() -> int:
        out = Null()
        counts = run(iter_items([str(dump)], SourceOptions()), executor, out)
        assert counts.reconciles()
        return out.n
    benchmark.extra_info["bytes"] = dump.stat().st_size
    assert benchmark.pedantic(once, rounds=2, iterations=1) > 300
