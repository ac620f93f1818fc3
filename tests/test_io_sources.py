"""Streaming sources: every format, compression by magic bytes, and bad input as rejects."""

from __future__ import annotations

import gzip
import io
import json
import sys
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from cleaner.io import Doc, Reject, SourceOptions, iter_items

KOREAN = "서울시는 오늘 새 교통 정책을 발표했다. 시민들의 반응은 엇갈렸다."


def jsonl_bytes(n: int = 20) -> bytes:
    rows = [{"id": f"d{i}", "url": f"https://news.example.kr/{i}", "text": f"{KOREAN} {i}"} for i in range(n)]
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows)


def warc_record(url: str, body: bytes, ctype: str = "text/html; charset=euc-kr") -> tuple[bytes, str]:
    """One WARC/1.0 response record, written by hand."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    rid = f"<urn:uuid:{uuid.uuid4()}>"
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: {rid}\r\nWARC-Target-URI: {url}\r\n"
        f"WARC-Date: 2025-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n", rid


def html_page(i: int) -> bytes:
    return f"<html><body><p>{KOREAN} 기사 {i}번.</p></body></html>".encode("cp949")


def kinds(items) -> list[str]:
    return [type(i).__name__ if isinstance(i, Doc) else f"{type(i).__name__}:{i.reason}" for i in items]


def test_folder_of_pages_is_walked_in_order_and_ids_are_paths(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_bytes(html_page(2))
    (tmp_path / "1.txt").write_text(KOREAN, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.md").write_text("x")
    items = list(iter_items([str(tmp_path)]))
    assert [i.id for i in items] == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.html")]
    assert items[0].content == KOREAN.encode() and items[0].size == len(KOREAN.encode())


def test_jsonl_ids_fields_malformed_lines_and_wrong_types(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "url": "https://x.kr/a", "text": KOREAN}, ensure_ascii=False),
        "{not json",
        json.dumps({"text": KOREAN}),  # no id: path:line
        "",  # blank: not a record
        json.dumps([1, 2]),
        json.dumps({"id": ["x"], "text": KOREAN}),
        json.dumps({"id": 7, "text": 42}),
        json.dumps({"id": 8, "url": 5, "text": KOREAN}),
        json.dumps({"id": 9, "title": "no content"}),
        json.dumps({"id": 10, "html": "<p>page</p>"}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_items([str(path)]))
    assert kinds(items) == ["Doc", "Reject:malformed", "Doc", "Reject:malformed", "Reject:bad-field",
                            "Reject:bad-field", "Reject:bad-field", "Reject:bad-field", "Doc"]
    assert items[0].id == "a" and items[0].url == "https://x.kr/a" and items[0].content == KOREAN
    assert items[1].id == f"{path}:2" and items[1].source == str(path)
    assert items[2].id == f"{path}:3"
    assert items[5].id == "7" and "text must be a string" in items[5].detail
    assert items[-1].id == "10" and items[-1].content == "<p>page</p>"


def test_field_names_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"doc": "k1", "link": "https://x.kr/1", "body": KOREAN}) + "\n")
    opts = SourceOptions(id_field="doc", url_field="link", content_fields=("body",))
    [doc] = iter_items([str(path)], opts)
    assert (doc.id, doc.url, doc.content) == ("k1", "https://x.kr/1", KOREAN)


@pytest.mark.parametrize("compress", [gzip.compress, zstandard.ZstdCompressor().compress])
def test_compression_is_found_by_magic_bytes_not_suffix(tmp_path: Path, compress) -> None:
    plain = tmp_path / "plain.jsonl"
    plain.write_bytes(jsonl_bytes())
    disguised = tmp_path / "disguised.jsonl"  # compressed, but named like plain JSONL
    disguised.write_bytes(compress(jsonl_bytes()))
    want = [(i.id, i.content) for i in iter_items([str(plain)])]
    assert [(i.id, i.content) for i in iter_items([str(disguised)])] == want
    assert len(want) == 20


def test_multi_frame_zstd_is_read_whole(tmp_path: Path) -> None:
    data = jsonl_bytes(30)
    cut = data.index(b"\n", len(data) // 2) + 1
    z = zstandard.ZstdCompressor()
    path = tmp_path / "dump.jsonl.zst"
    path.write_bytes(z.compress(data[:cut]) + z.compress(data[cut:]))
    assert len([i for i in iter_items([str(path)]) if isinstance(i, Doc)]) == 30


@pytest.mark.parametrize("suffix,compress", [(".gz", gzip.compress), (".zst", zstandard.ZstdCompressor().compress)])
def test_truncated_compressed_jsonl_keeps_what_was_read_and_rejects_the_rest(tmp_path: Path, suffix, compress) -> None:
    blob = compress(jsonl_bytes(2000))
    path = tmp_path / f"dump.jsonl{suffix}"
    path.write_bytes(blob[: len(blob) * 2 // 3])
    items = list(iter_items([str(path)]))
    docs, last = items[:-1], items[-1]
    assert isinstance(last, Reject) and last.reason == "truncated"
    assert last.id == f"{path}:{len(docs) + 1}"
    assert 100 < len(docs) < 2000 and all(isinstance(d, Doc) for d in docs)
    assert [d.id for d in docs] == [f"d{i}" for i in range(len(docs))]


def test_a_document_and_a_line_over_the_size_bound_are_rejects(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 5000)
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"id": "x", "text": "b" * 5000}) + "\n" + json.dumps({"id": "y", "text": "ok"}) + "\n")
    opts = SourceOptions(max_bytes=1000)
    items = list(iter_items([str(big), str(dump)], opts))
    assert kinds(items) == ["Reject:too-large", "Reject:too-large", "Doc"]
    assert items[1].id == "x" and items[2].id == "y"


def test_warc_response_records_with_http_charset_and_record_ids(tmp_path: Path) -> None:
    records = [warc_record(f"https://news.example.kr/{i}", html_page(i)) for i in range(3)]
    image, _ = warc_record("https://news.example.kr/a.png", b"\x89PNG....", ctype="image/png")
    path = tmp_path / "crawl.warc"
    path.write_bytes(records[0][0] + image + records[1][0] + records[2][0])
    items = list(iter_items([str(path)]))
    assert kinds(items) == ["Doc", "Skip:not-html", "Doc", "Doc"]  # an image is skipped, not rejected
    docs = [i for i in items if isinstance(i, Doc)]
    assert [d.id for d in docs] == [rid for _, rid in records]
    assert [d.url for d in docs] == [f"https://news.example.kr/{i}" for i in range(3)]
    assert all(d.charset == "euc-kr" for d in docs)
    assert docs[1].content == html_page(1)


@pytest.mark.parametrize("per_record_gzip", [False, True])
def test_truncated_warc_yields_records_before_the_cut_and_a_reject(tmp_path: Path, per_record_gzip) -> None:
    records = [warc_record(f"https://news.example.kr/{i}", html_page(i) * 20)[0] for i in range(30)]
    blob = b"".join(gzip.compress(r) for r in records) if per_record_gzip else b"".join(records)
    path = tmp_path / ("crawl.warc.gz" if per_record_gzip else "crawl.warc")
    path.write_bytes(blob[:-150])
    items = list(iter_items([str(path)]))
    assert kinds(items) == ["Doc"] * 29 + ["Reject:truncated"]


def test_parquet_rows_in_batches_with_ids_and_type_errors(tmp_path: Path) -> None:
    path = tmp_path / "dump.parquet"
    n = 600  # more than one batch
    table = pa.table({
        "doc_id": [f"p{i}" if i != 3 else None for i in range(n)],
        "html": [f"{KOREAN} {i}" for i in range(n)],
    })
    pq.write_table(table, path, row_group_size=250)
    opts = SourceOptions(id_field="doc_id", content_fields=("html",))
    items = list(iter_items([str(path)], opts))
    assert len(items) == n and all(isinstance(i, Doc) for i in items)
    assert items[0].id == "p0" and items[3].id == f"{path}:4" and items[-1].content == f"{KOREAN} {n - 1}"


def test_parquet_without_a_content_column_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": [1]}), path)
    assert kinds(iter_items([str(path)])) == ["Reject:bad-field"]


def test_stdin_jsonl_is_sniffed_and_streamed(monkeypatch) -> None:
    fake = io.TextIOWrapper(io.BufferedReader(io.BytesIO(gzip.compress(jsonl_bytes(5)))))
    monkeypatch.setattr(sys, "stdin", fake)
    items = list(iter_items(["-"]))
    assert [i.id for i in items] == [f"d{i}" for i in range(5)] and all(i.source == "stdin" for i in items)


def test_unreadable_garbage_after_gzip_magic_is_a_corrupt_reject(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x1f\x8b" + b"garbage" * 20)
    [item] = iter_items([str(path)])
    assert isinstance(item, Reject) and item.reason == "corrupt"


def test_an_overlong_jsonl_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"id": "huge", "text": "c" * 300_000}) + "\n" + json.dumps({"id": "next", "text": "ok"}) + "\n")
    items = list(iter_items([str(dump)], SourceOptions(max_bytes=100)))
    assert kinds(items) == ["Reject:too-large", "Doc"]
    assert items[0].id == f"{dump}:1" and "longer than" in items[0].detail
    assert items[1].id == "next"


def test_a_deeply_nested_line_is_malformed_and_reading_goes_on(tmp_path: Path) -> None:
    dump = tmp_path / "deep.jsonl"
    dump.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"id": "after", "text": "ok"}) + "\n")
    items = list(iter_items([str(dump)]))
    assert kinds(items) == ["Reject:malformed", "Doc"] and items[1].id == "after"


def test_an_unexpected_reader_error_ends_only_that_input(tmp_path: Path, monkeypatch) -> None:
    import cleaner.io.sources as sources

    def broken(stream, source, opts):  # noqa: ANN001, ANN202
        yield Doc(f"{source}:1", source, "first", size=5)
        raise RuntimeError("reader bug")

    monkeypatch.setattr(sources, "read_jsonl", broken)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.txt"
    first.write_text("{}\n")
    second.write_text(KOREAN)
    items = list(iter_items([str(first), str(second)]))
    assert kinds(items) == ["Doc", "Reject:error", "Doc"]
    assert "reader bug" in items[1].detail and items[2].id == str(second)
