"""A Common Crawl-style WARC: pages become records with their provenance, everything
else is skipped with a reason (not rejected), and the run exits 0.  Every record
written validates against the published JSON Schema."""

from __future__ import annotations

import gzip
import json
import re
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import RECORD_SCHEMA, SCHEMA_VERSION
from cleaner.cli import app

ROOT = Path(__file__).resolve().parent.parent
KO_NEWS = ROOT.parent / "shared" / "corpus" / "ko-news" / "html"
PAGES = ["chosun__01.html", "mk__01.html", "naver__04.html"]
DATE = "2026-03-02T11:22:33Z"
runner = CliRunner()


def _record(kind: str, uri: str, block: bytes, content_type: str) -> bytes:
    """One WARC/1.1 record, gzip-compressed on its own (as Common Crawl writes them)."""
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: {DATE}\r\n" + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
            + f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n").encode()
    return gzip.compress(head + block + b"\r\n\r\n")


def _response(uri: str, status: str, headers: dict[str, str], body: bytes, gzip_body: bool = False) -> bytes:
    if gzip_body:
        body = gzip.compress(body)
        headers = {**headers, "Content-Encoding": "gzip"}
    lines = "".join(f"{k}: {v}\r\n" for k, v in {**headers, "Content-Length": str(len(body))}.items())
    http = f"HTTP/1.1 {status}\r\n{lines}\r\n".encode() + body
    return _record("response", uri, http, "application/http; msgtype=response")


def _request(uri: str) -> bytes:
    http = f"GET / HTTP/1.1\r\nHost: {uri.split('/')[2]}\r\nUser-Agent: CCBot/2.0\r\n\r\n".encode()
    return _record("request", uri, http, "application/http; msgtype=request")


def _metadata(uri: str) -> bytes:
    return _record("metadata", uri, b"fetchTimeMs: 120\r\ncharset-detected: UTF-8\r\n", "application/warc-fields")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> tuple[Path, list[str]]:
    """warcinfo; per page request, response (gzip-encoded bodies) and metadata; a redirect,
    a 404, robots.txt and an image, each with its request."""
    parts = [_record("warcinfo", "", b"software: test\r\nformat: WARC File Format 1.1\r\n",
                     "application/warc-fields")]
    uris = []
    for i, name in enumerate(PAGES):
        uri = f"https://news.example.kr/article/{i}"
        charset = "euc-kr" if name.startswith("naver") else "utf-8"
        parts += [_request(uri), _response(uri, "200 OK", {"Content-Type": f"text/html; charset={charset}"},
                                           (KO_NEWS / name).read_bytes(), gzip_body=i % 2 == 0), _metadata(uri)]
        uris.append(uri)
    others = [("https://news.example.kr/old", "301 Moved Permanently",
               {"Location": "https://news.example.kr/article/0", "Content-Type": "text/html"}, b"<a href=/>moved</a>"),
              ("https://news.example.kr/gone", "404 Not Found", {"Content-Type": "text/html"},
               "<html><body><p>요청하신 페이지를 찾을 수 없습니다. 주소를 확인해 주세요.</p></body></html>".encode()),
              ("https://news.example.kr/robots.txt", "200 OK", {"Content-Type": "text/plain"},
               b"User-agent: *\nDisallow: /search\n"),
              ("https://news.example.kr/photo.jpg", "200 OK", {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff\xe0" * 50)]
    for uri, status, headers, body in others:
        parts += [_request(uri), _response(uri, status, headers, body)]
    path = tmp_path_factory.mktemp("cc") / "CC-MAIN-test.warc.gz"
    path.write_bytes(b"".join(parts))
    return path, uris


@pytest.fixture(scope="module")
def run(crawl, tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("out")
    out, rej = out_dir / "out.jsonl", out_dir / "rej.jsonl"
    result = runner.invoke(app, ["clean", str(crawl[0]), "-o", str(out), "--rejects", str(rej), "-j", "0"])
    read = lambda p: [json.loads(x) for x in p.read_text().splitlines()]  # noqa: E731
    return result, read(out), read(rej)


def test_only_the_html_responses_become_records(crawl, run) -> None:
    result, records, _ = run
    assert result.exit_code == 0, result.output
    assert [r["url"] for r in records] == crawl[1]
    assert all(r["text"] and "\ufffd" not in r["text"] for r in records)


def test_every_record_carries_warc_date_status_type_and_target(crawl, run) -> None:
    for record in run[1]:
        source = record["source"]
        assert (source["warc_date"], source["http_status"], source["target_uri"]) == (DATE, 200, record["url"])
        assert source["content_type"].startswith("text/html") and source["warc_record_id"] == record["id"]


def test_skips_are_counted_with_reasons_apart_from_rejects(run) -> None:
    result, _, rejects = run
    reasons = sorted(r["reason"] for r in rejects)
    assert all(r["skipped"] for r in rejects)
    assert reasons == sorted(["warc-warcinfo", *["warc-request"] * 7, *["warc-metadata"] * 3,
                              "redirect", "http-404", "robots.txt", "not-html"])
    m = re.search(r"in (\d+), written (\d+), rejected (\d+), skipped (\d+) \((.*)\)", result.stderr)
    assert m and tuple(map(int, m.groups()[:4])) == (18, 3, 0, 15), result.stderr
    assert "warc-request 7" in m[5] and "http-404 1" in m[5] and "redirect 1" in m[5]


def test_a_reject_fails_the_run_only_with_fail_on_reject(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("   ")
    assert runner.invoke(app, ["clean", str(empty), "-j", "0"]).exit_code == 0
    assert runner.invoke(app, ["clean", str(empty), "-j", "0", "--fail-on-reject"]).exit_code == 1


def test_jsonl_fields_are_kept_under_source(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    row = {"id": "a", "text": "(서울=뉴스1) 홍길동 기자 = 오늘 서울은 맑고 따뜻했다.", "dump": "CC-MAIN-2025-05",
           "license": "cc-by", "score": 0.9, "html": "<p>x</p>"}
    dump.write_text(json.dumps(row, ensure_ascii=False) + "\n")
    default = runner.invoke(app, ["clean", str(dump), "-j", "0"])
    assert json.loads(default.stdout)["source"] == {"dump": "CC-MAIN-2025-05", "license": "cc-by", "score": 0.9}
    chosen = runner.invoke(app, ["clean", str(dump), "-j", "0", "--keep-fields", "license,html"])
    assert json.loads(chosen.stdout)["source"] == {"license": "cc-by", "html": "<p>x</p>"}
    none = runner.invoke(app, ["clean", str(dump), "-j", "0", "--keep-fields", ""])
    assert json.loads(none.stdout)["source"] == {}


def test_every_written_record_validates_against_the_published_schema(run, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(RECORD_SCHEMA.read_text())
    assert schema["schema_version"] == SCHEMA_VERSION
    validator = jsonschema.Draft202012Validator(schema)
    out = tmp_path / "seeds.jsonl"
    result = runner.invoke(app, ["clean", str(ROOT / "samples"), str(KO_NEWS), "-o", str(out), "-j", "0"])
    records = [json.loads(x) for x in out.read_text().splitlines()] + run[1]
    assert result.exit_code == 0 and len(records) > 60
    for record in records:
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, (record["id"], errors[:3])
    assert any(r["canonical_url"] and r["image"] and r["keywords"] for r in records)  # the new fields are filled


def test_new_metadata_fields_in_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    assert runner.invoke(app, ["clean", str(KO_NEWS / "chosun__01.html"), "-o", str(out), "-j", "0"]).exit_code == 0
    row = pq.read_table(out).to_pylist()[0]
    assert row["hostname"] == "news.chosun.com" and row["canonical_url"].startswith("http://news.chosun.com/")
    assert row["image"] and row["description"] and "조선일보" in row["keywords"]


def test_a_misframed_response_is_truncated_and_the_skips_and_provenance_after_it_hold(tmp_path: Path) -> None:
    """WARC framing (issue 12) with skips and provenance (issue 13): a response whose
    Content-Length is 40 bytes short is a 'truncated' reject, and reading resyncs at the
    next record, so the records after it are still skipped with their reasons and the
    next page still carries its WARC provenance."""
    from cleaner.io import Doc, Reject, Skip, iter_items

    page = "<html><body><p>오늘 서울 도심에서 시민 축제가 열렸다. 주최 측은 만 명이 모였다고 밝혔다.</p></body></html>"
    uris = [f"https://news.example.kr/article/{i}" for i in range(2)]
    responses = [_response(u, "200 OK", {"Content-Type": "text/html; charset=utf-8"}, page.encode()) for u in uris]
    raw = gzip.decompress(responses[0])
    m = re.search(rb"Content-Length: (\d+)\r\n\r\nHTTP", raw)
    short = gzip.compress(raw[: m.start(1)] + str(int(m[1]) - 40).encode() + raw[m.end(1):])
    parts = [_request(uris[0]), short, _metadata(uris[0]), _request(uris[1]), responses[1], _metadata(uris[1])]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(parts))
    items = list(iter_items([str(path)]))
    kinds = [type(i).__name__ if not isinstance(i, Reject) else f"{type(i).__name__}:{i.reason}" for i in items]
    assert kinds == ["Skip:warc-request", "Reject:truncated", "Skip:warc-metadata", "Skip:warc-request", "Doc",
                     "Skip:warc-metadata"]
    assert all(isinstance(i, Skip) for i in (items[0], items[2], items[3], items[5]))
    doc = items[4]
    assert isinstance(doc, Doc) and doc.url == uris[1]
    assert (doc.provenance["warc_date"], doc.provenance["http_status"], doc.provenance["target_uri"]) == (
        DATE, 200, uris[1])
