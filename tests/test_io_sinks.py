"""Outputs: JSONL, Parquet and .txt folders, written atomically."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cleaner import Cleaner
from cleaner.io.sinks import JsonlSink, ParquetSink, TxtDirSink, output_format, parquet_row, txt_name

from .conftest import SEED_DUMPS, read_jsonl



@pytest.fixture(scope="module")
def records(cleaner: Cleaner) -> list[dict]:
    out = [cleaner.clean(p.read_bytes(), doc_id=f"dump.jsonl:{i}").to_dict() for i, p in enumerate(SEED_DUMPS)]
    assert len(out) == 5 and all(r["text"] for r in out)
    return out


def test_jsonl_appears_only_on_commit(tmp_path: Path, records) -> None:
    path = tmp_path / "out.jsonl"
    with JsonlSink(path) as sink:
        for r in records:
            sink.write(json.dumps(r, ensure_ascii=False))
        assert not path.exists()  # still a temporary file
    assert read_jsonl(path) == records
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_failed_run_leaves_neither_output_nor_temporary_file(tmp_path: Path, records) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("previous run\n")
    with pytest.raises(KeyboardInterrupt):
        with JsonlSink(path) as sink:
            sink.write(records[0])
            raise KeyboardInterrupt
    assert path.read_text() == "previous run\n"  # the old output is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_gzip_jsonl_output(tmp_path: Path, records) -> None:
    path = tmp_path / "out.jsonl.gz"
    with JsonlSink(path) as sink:
        for r in records:
            sink.write(r)
    assert [json.loads(x) for x in gzip.decompress(path.read_bytes()).splitlines()] == records


def test_parquet_round_trip(tmp_path: Path, records) -> None:
    path = tmp_path / "out.parquet"
    with ParquetSink(path) as sink:
        for r in records:
            sink.write(r)
        assert not path.exists()
    assert pq.read_table(path).to_pylist() == [parquet_row(r) for r in records]  # source: JSON text


def test_parquet_under_a_compressed_name_is_still_parquet(tmp_path: Path, records) -> None:
    path = tmp_path / "out.parquet.zst"  # Parquet compresses its columns; no outer frame is added
    with ParquetSink(path) as sink:
        for r in records:
            sink.write(r)
    assert pq.read_table(path).to_pylist() == [parquet_row(r) for r in records]  # source: JSON text


def test_parquet_abort_removes_the_temporary_file(tmp_path: Path, records) -> None:
    with pytest.raises(RuntimeError):
        with ParquetSink(tmp_path / "out.parquet") as sink:
            sink.write(records[0])
            raise RuntimeError("stop")
    assert list(tmp_path.iterdir()) == []


def test_txt_folder_has_one_file_per_record(tmp_path: Path, records) -> None:
    folder = tmp_path / "txt"
    with TxtDirSink(folder) as sink:
        for r in records:
            sink.write(r)
    files = sorted(folder.iterdir())
    assert len(files) == len(records)
    by_name = {p.name: p.read_text(encoding="utf-8") for p in files}
    # names carry the input position (here the order of writing), so repeated ids cannot collide
    assert by_name[txt_name("dump.jsonl:3", 3)] == records[3]["text"] + "\n"
    assert txt_name("a/b:1", 0) != txt_name("a_b_1", 0)  # unsafe characters cannot collide


def test_output_format_from_path(tmp_path: Path) -> None:
    assert output_format(None) == "jsonl"
    assert output_format("x.parquet") == "parquet"
    assert output_format("x.jsonl.zst") == "jsonl"
    assert output_format(str(tmp_path)) == "txt"
    assert output_format("new-folder/") == "txt"
    assert output_format("x.jsonl", "parquet") == "parquet"
