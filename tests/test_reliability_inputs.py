"""Issue 12, as a user hits it: stalls, silent loss and threads (classes 4, 5 and 6).

The deep-nesting page is bounded by the library alone (no worker, no watchdog); the
thread test runs every shared page and dump through one Cleaner in a thread pool.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
import time
from multiprocessing.pool import ThreadPool
from pathlib import Path

import pytest
import zstandard
from typer.testing import CliRunner

from cleaner import Cleaner, CleanError
from cleaner.cli import app
from cleaner.io.items import Doc, Reject
from cleaner.io.readers import SourceOptions
from cleaner.io.sources import iter_items, read_stream
from cleaner.packs import RULES_DIR, PackError, PackSet

from .conftest import KO_NEWS, SEED_DUMPS, SHARED, read_jsonl
from .test_io_sources import html_page, warc_record

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ("정부는 12일 국무회의를 열고 내년도 예산안을 의결했다고 밝혔다. 예산은 지난해보다 3% 늘었다.\n"
           "기획재정부는 복지와 교육 분야에 예산을 더 배정했다고 설명했다. 국회 심의는 다음 달 시작된다.")
BOUND_SECONDS = 5.0  # the bound for the deep page, by the library alone (it takes ~0.2 s)


# ------------------------------------------------------------ 4. stalls
@pytest.mark.parametrize("shape", ["nested-divs", "open-formatting"])
def test_4_a_deeply_nested_page_is_refused_quickly_by_the_library(shape: str) -> None:
    """~200k nested elements kept clean() in lexbor for ~230 s, past any time check."""
    if shape == "nested-divs":
        page = "<html><body>" + "<div>" * 199_000 + f"<p>{ARTICLE}</p>" + "</div>" * 199_000 + "</body></html>"
    else:  # distinct attributes defeat the parser's own limit on repeated formatting elements
        page = "<html><body>" + "".join(f"<b class=c{i}>" for i in range(20_000)) + f"<p>{ARTICLE}</p>" * 200
    started = time.perf_counter()
    with pytest.raises(CleanError) as err:
        Cleaner(time_limit=None).clean(page)
    assert err.value.reason == "too-complex"
    assert time.perf_counter() - started < BOUND_SECONDS


def test_4_ordinary_nesting_is_not_refused() -> None:
    page = "<html><body>" + "<div><section>" * 60 + f"<p>{ARTICLE}</p>" + "</section></div>" * 60 + "</body></html>"
    assert "예산안을 의결했다" in Cleaner().clean(page).text


def test_4_a_fifo_in_an_input_folder_is_a_reject_not_a_hang(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "stuck.txt")
    (folder / "page.txt").write_text(ARTICLE, encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    run = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(folder), "-o", str(tmp_path / "o.jsonl"),
                          "--rejects", str(rejects), "-j", "0", "--fail-on-reject"], cwd=ROOT, capture_output=True,
                         timeout=120)
    assert run.returncode == 1, run.stderr
    assert [(r["id"], r["reason"]) for r in read_jsonl(rejects)] == [(str(folder / "stuck.txt"), "unreadable")]
    assert len(read_jsonl(tmp_path / "o.jsonl")) == 1


def _user_pack(tmp_path: Path, rule: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    path = folder / "mine.toml"
    path.write_text('[pack]\nid = "mine"\nversion = "2025-01-01"\nkind = "common"\n\n[[rule]]\nid = "r"\n'
                    f'kind = "spam"\n{rule}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("pattern", [r"(?=.*기자)(?:\w+\s?){1,30}$", r"(?:[가-힣]{1,9}){1,9}광고", r"(?=.*광고).+홍보$"])
def test_4_a_lookahead_or_bounded_nested_repeat_pack_is_refused_at_load(tmp_path: Path, pattern: str) -> None:
    path = _user_pack(tmp_path, f"pattern = '{pattern}'")
    with pytest.raises(PackError) as err:
        PackSet.load([RULES_DIR, path.parent])
    assert str(err.value).startswith(f"{path}: rule[0] (id 'r').pattern: ")


def test_4_a_200k_term_pack_is_refused_at_load_not_minutes_later(tmp_path: Path) -> None:
    terms = ", ".join(f'"광고{i}"' for i in range(200_000))
    path = _user_pack(tmp_path, f"terms = [{terms}]")
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["clean", str(SEED_DUMPS[0]), "--rules", str(path), "-j", "0"])
    assert result.exit_code == 2
    assert f"error: {path}: rule[*].terms: 200000 terms in all" in result.stderr
    assert time.perf_counter() - started < BOUND_SECONDS


def test_4_look_arounds_are_screened_by_re2_not_run_on_every_line() -> None:
    """A look-around pattern used to be 'always a candidate' (RE2 has none), run by the
    backtracking engine on every line; without its look-arounds RE2 screens it."""
    from cleaner.rulebook import PatternSet, without_lookarounds

    assert without_lookarounds(r"(?<![가-힣])광고(?=\s|$)") == "광고"
    assert without_lookarounds(r"[(?=]x(?!y)") == "[(?=]x"  # a class is not a group
    patterns = PatternSet([r"(?<![가-힣])광고(?=\s|$)"])
    assert patterns.always == []
    assert patterns.matches("기사와 무관한 문장") == [] and patterns.matches("유료 광고") == [0]


# ------------------------------------------------------------ 5. silent loss
def _short_length(record: bytes, by: int) -> bytes:
    """The record with its WARC Content-Length ``by`` bytes too small."""
    m = re.search(rb"Content-Length: (\d+)\r\n\r\nHTTP", record)
    return record[: m.start(1)] + str(int(m[1]) - by).encode() + record[m.end(1):]


@pytest.mark.parametrize("pack", [bytes, gzip.compress], ids=["plain", "gzip-per-record"])
def test_5_a_too_short_content_length_loses_only_its_record(tmp_path: Path, pack) -> None:  # noqa: ANN001
    records = [warc_record(f"https://news.example.kr/{i}", html_page(i)) for i in range(4)]
    data = [r for r, _ in records]
    data[1] = _short_length(data[1], 40)
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(pack(d) for d in data))
    items = list(iter_items([str(path)]))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Doc", records[0][1]), ("Reject", records[1][1]), ("Doc", records[2][1]), ("Doc", records[3][1])]
    assert items[1].reason == "truncated"


def test_5_an_unreadable_subfolder_is_a_reject(tmp_path: Path, monkeypatch) -> None:
    """(As root no folder is unreadable, so the listing error is injected where os.walk meets it.)"""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path):  # noqa: ANN001, ANN202
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_items([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Doc", "Reject"]
    assert (items[1].id, items[1].reason) == (str(tmp_path / "locked"), "unreadable")


def test_5_a_bad_url_is_ignored_with_a_note_and_a_bad_url_option_is_a_usage_error(tmp_path: Path) -> None:
    article = Cleaner().clean(ARTICLE, url="http://[bad")
    assert "예산안을 의결했다" in article.text
    assert article.url == "http://[bad" and article.site is None
    assert article.notes and article.notes[0].startswith("url ignored")
    result = CliRunner().invoke(app, ["clean", str(SEED_DUMPS[0]), "--url", "http://[bad", "-j", "0"])
    assert result.exit_code == 2 and "--url" in result.stderr


def test_5_a_malformed_url_inside_a_page_costs_nothing() -> None:
    """A page's own og:url or canonical link that cannot be parsed (``http://[bad``)
    is read as no URL by every step (pack choice, press by host, hostname)."""
    html = ("<html><head><meta property='og:url' content='http://[bad/x'>"
            "<link rel='canonical' href='http://[bad/y'><title>예산안</title></head><body><article>"
            + "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n") if line.strip()) + "</article></body></html>")
    article = Cleaner().clean(html)
    assert "예산안을 의결했다" in article.text
    assert article.site is None and article.hostname is None


def test_5_a_zstd_long_window_dump_is_read(tmp_path: Path) -> None:
    params = zstandard.ZstdCompressionParameters.from_level(3, window_log=31, enable_ldm=True)
    raw = "".join(json.dumps({"id": i, "text": ARTICLE}, ensure_ascii=False) + "\n" for i in range(50)).encode()
    buf = io.BytesIO()
    with zstandard.ZstdCompressor(compression_params=params).stream_writer(buf, closefd=False) as w:
        w.write(raw)
    assert zstandard.get_frame_parameters(buf.getvalue()).window_size == 1 << 31  # what --long=31 writes
    items = list(read_stream(io.BufferedReader(io.BytesIO(buf.getvalue())), "dump.jsonl.zst", SourceOptions()))
    assert [type(i) for i in items] == [Doc] * 50


# ------------------------------------------------------------ 6. threads
def _shared_documents() -> list[tuple[str, bytes]]:
    paths = [*sorted((KO_NEWS / "html").glob("*.html")), *sorted((KO_NEWS / "text").glob("*")),
             *SEED_DUMPS, *sorted((SHARED / "corpus" / "zyte" / "html").glob("*.html.gz"))]
    return [(p.name, gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()) for p in paths]


def _outcome(cleaner: Cleaner, content: bytes) -> str:
    try:
        return json.dumps(cleaner.clean(content).to_dict(), ensure_ascii=False, sort_keys=True)
    except CleanError as exc:
        return f"reject {exc.reason}"


def test_6_one_cleaner_shared_by_threads_gives_the_same_records() -> None:
    """8 threads on 2 cores used to change some records (a wall-clock regex limit fired
    while a thread waited for a core); every shared page and dump, twice over."""
    docs = _shared_documents()
    assert len(docs) > 200
    cleaner = Cleaner()
    alone = [_outcome(cleaner, content) for _, content in docs]
    with ThreadPool(8) as pool:
        for _ in range(2):
            shared = pool.map(lambda d: _outcome(cleaner, d[1]), docs, chunksize=1)
            assert [n for (n, _), a, b in zip(docs, alone, shared) if a != b] == []
