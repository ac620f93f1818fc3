"""CLI conventions: version, -h, plain help, completion, standard output, CSV and
Markdown, format checks, a wrong content field, the progress total, missing extras."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner
from cleaner.cli import app
from cleaner.extras import MissingExtra, need
from cleaner.io.readers import SourceOptions
from cleaner.run.inputs import known_total

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples").glob("*.txt"))
runner = CliRunner()
PARAGRAPH = "정부는 올해 하반기 경제정책 방향을 발표하면서 내수 회복을 위한 대책을 함께 내놓았다. 업계는 대체로 환영하는 분위기다."
ARTICLE = (f"{PARAGRAPH}\n\n소비 진작책의 효과\n\n{PARAGRAPH.replace('정부는', '기획재정부는')}\n\n"
           f"{PARAGRAPH.replace('업계는', '전문가들은')}\n")


def test_version_and_short_help() -> None:
    version = runner.invoke(app, ["--version"])
    first, *steps = version.stdout.strip().splitlines()
    assert version.exit_code == 0 and first == f"cleaner {cleaner.__version__}"
    assert steps and all(": compiled" in s or ": python (" in s for s in steps)  # which steps run compiled
    short = runner.invoke(app, ["clean", "-h"])
    assert short.exit_code == 0 and "--fail-on-reject" in short.stdout


@pytest.mark.parametrize("command", [[], ["clean"], ["explain"], ["learn"], ["rules", "check"]])
def test_help_has_no_type_labels_after_flags(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "<bool>" not in result.stdout and "Usage:" in result.stdout


def test_shell_completion_is_offered() -> None:
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_dash_output_writes_jsonl_or_text_to_stdout(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    jsonl = runner.invoke(app, ["clean", str(SEEDS[0]), "-o", "-", "-j", "0"])
    assert jsonl.exit_code == 0 and json.loads(jsonl.stdout)["text"]
    text = runner.invoke(app, ["clean", str(SEEDS[0]), "-o", "-", "--to", "txt", "-j", "0"])
    assert text.stdout.strip() == json.loads(jsonl.stdout)["text"]
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_csv_output_has_a_header_and_a_row_per_record(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["clean", *map(str, SEEDS), "-o", str(out), "-j", "0"]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == len(SEEDS) and all(r["text"] for r in rows)
    assert int(rows[0]["removed"]) > 0 and any("; " in r["emails"] + r["reporters"] or r["press"] for r in rows)


def test_markdown_output_keeps_title_and_headings(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("경제 회복 기대감 커져\n\n" + ARTICLE)
    out = tmp_path / "out.md"
    assert runner.invoke(app, ["clean", str(page), "-o", str(out), "-j", "0"]).exit_code == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "# 경제 회복 기대감 커져" and "## 소비 진작책의 효과" in lines
    stdout = runner.invoke(app, ["clean", str(page), "-o", "-", "--to", "md", "-j", "0"]).stdout
    assert stdout == out.read_text()


def test_wrong_content_field_fails_fast(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text("".join(json.dumps({"id": i, "body": PARAGRAPH}, ensure_ascii=False) + "\n" for i in range(500)))
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", str(dump), "-o", str(out), "-j", "0"])
    assert result.exit_code == 2 and "--content-field" in result.stderr and not out.exists()
    right = runner.invoke(app, ["clean", str(dump), "-o", str(out), "-j", "0", "--content-field", "body"])
    assert right.exit_code == 0 and len(out.read_text().splitlines()) == 500


def test_a_few_records_without_content_are_rejects_not_a_usage_error(tmp_path: Path) -> None:
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"id": 1, "note": "x"}) + "\n" + json.dumps({"id": 2, "text": PARAGRAPH},
                                                                           ensure_ascii=False) + "\n")
    result = runner.invoke(app, ["clean", str(dump), "-j", "0"])
    assert result.exit_code == 0 and "written 1, rejected 1" in result.stderr


def test_progress_total_is_known_for_pages_only(tmp_path: Path) -> None:
    opts = SourceOptions()
    assert known_total([str(ROOT / "samples")], opts) == len(SEEDS)
    assert known_total([str(SEEDS[0]), str(SEEDS[1])], opts) == 2
    (tmp_path / "d.jsonl").write_text("{}\n")
    assert known_total([str(tmp_path)], opts) is None and known_total(["-"], opts) is None


def test_a_missing_extra_is_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if pyarrow were not installed
    with pytest.raises(MissingExtra, match=r"pip install 'ko-news-cleaner\[parquet\]'"):
        need("pyarrow.parquet", "parquet")
    result = runner.invoke(app, ["clean", str(SEEDS[0]), "-o", str(tmp_path / "o.parquet"), "-j", "0"])
    assert result.exit_code == 2 and "ko-news-cleaner[parquet]" in result.stderr


def test_a_missing_reader_extra_stops_the_run_naming_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)
    warc = tmp_path / "x.warc"
    warc.write_bytes(b"WARC/1.0\r\n")
    result = runner.invoke(app, ["clean", str(warc), "-j", "0"])
    assert result.exit_code == 2 and "ko-news-cleaner[warc]" in result.stderr
