"""`cleaner explain`: every line of a document with its decision, kind and reason.

The seed test reads the gold files (../shared/seeds/gold): every boilerplate or
metadata line must show as removed/moved with the gold kind, every body/heading
line as kept.  Known classifier failures are listed in test_explain_xfail.tsv.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.explain import explain, render_terminal

from .conftest import KO_NEWS, SEEDS, seed_gold

XFAIL_FILE = Path(__file__).with_name("test_explain_xfail.tsv")
KEPT_LABELS = {"body", "heading"}
NOT_JUDGED = {"ignore"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
SEED_003 = SEEDS / "003_2239e8daf2a06e6c.txt"


def _known_failures() -> dict[tuple[str, int], str]:
    out = {}
    for raw in XFAIL_FILE.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            stem, n, reason = raw.split("\t", 2)
            out[(stem, int(n))] = reason
    return out


def _gold_cases():
    failing = _known_failures()
    for stem, gold in seed_gold():
        for line in gold["lines"]:
            if line["label"] in NOT_JUDGED:
                continue
            marks = []
            if (stem, line["n"]) in failing:
                marks = [pytest.mark.xfail(strict=True, reason=failing[(stem, line["n"])])]
            yield pytest.param(stem, line, marks=marks, id=f"{stem[:3]}-L{line['n']}-{line['label']}")


_CACHE: dict[str, object] = {}


def _explained(cleaner, stem: str):
    if stem not in _CACHE:
        path = SEEDS / f"{stem}.txt"
        _CACHE[stem] = explain(cleaner, path.read_bytes(), name=path.name)
    return _CACHE[stem]


@pytest.mark.parametrize("stem,line", list(_gold_cases()))
def test_gold_line_shown_with_its_decision(cleaner, stem, line):
    rows = [r for r in _explained(cleaner, stem).rows if r.n == line["n"]]
    assert rows, f"line {line['n']} has no row"
    shown = [(r.decision, r.kind, r.reason) for r in rows]
    if line["label"] in KEPT_LABELS:
        assert any(r.decision == "kept" for r in rows), shown
    else:
        assert all(r.decision != "kept" for r in rows), shown
        assert any(r.kind == line["label"] and r.decision in ("moved", "removed") for r in rows), shown


def test_known_failures_name_real_gold_lines():
    gold = {stem: {ln["n"] for ln in g["lines"]} for stem, g in seed_gold()}
    for stem, n in _known_failures():
        assert n in gold[stem], (stem, n)


def test_every_nonempty_line_has_a_row(cleaner):
    expl = _explained(cleaner, SEED_003.stem)
    lines = SEED_003.read_text(encoding="utf-8").split("\n")
    wanted = {i for i, text in enumerate(lines, start=1) if text.strip()}
    assert {r.n for r in expl.rows} == wanted
    assert all(r.reason for r in expl.rows)


def test_cut_prefix_shares_the_line_number(cleaner):
    rows = [r for r in _explained(cleaner, SEED_003.stem).rows if r.n == 10]
    assert [(r.part, r.decision, r.kind) for r in rows] == [
        ("prefix", "moved", "byline"), ("line", "kept", "body")]
    assert rows[0].text == "(서울=뉴스1) 한재준 기자 ="
    assert rows[0].reason == "common/dateline-byline"
    assert rows[1].text.startswith("샘 올트먼 오픈AI")


def test_joined_line_keeps_its_own_text(cleaner):
    rows = {r.n: r for r in _explained(cleaner, SEED_003.stem).rows}
    lines = SEED_003.read_text(encoding="utf-8").split("\n")
    assert rows[66].decision == "kept" and "joined into line 64" in rows[66].reason
    assert rows[66].text == lines[65].strip()
    assert rows[64].text == lines[63].strip()


def test_counts_and_metadata(cleaner):
    expl = _explained(cleaner, SEED_003.stem)
    counts = expl.counts()
    assert sum(counts.values()) == len(expl.rows)
    assert counts["removed"] == 3  # 티파티카지노, the spam e-mail, the gambling line
    meta = expl.metadata()
    assert meta["press"] == "뉴스1" and meta["reporters"] == ["한재준"]
    assert meta["site"] == "news1" and meta["site_match"] == "fingerprint"


def test_cli_plain_output_when_not_a_terminal():
    result = CliRunner().invoke(app, ["explain", str(SEED_003)])
    assert result.exit_code == 0, result.output
    assert not ANSI.search(result.output)
    assert re.search(r"^\s+1 removed spam\s+티파티카지노\s+\[spam/gambling-token\]$", result.output, re.M)
    assert re.search(r"^\s+10 moved\s+byline\s+\(prefix\) \(서울=뉴스1\) 한재준 기자 =", result.output, re.M)
    assert "site pack: news1 (by fingerprint)" in result.output
    assert "reporters:" in result.output


def test_terminal_colours_by_kind(cleaner):
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, color_system="truecolor", width=200)
    render_terminal(_explained(cleaner, SEED_003.stem), console)
    out = buf.getvalue()
    spam = next(line for line in out.splitlines() if "티파티카지노" in line)
    assert "\x1b[9;" in spam or "\x1b[9m" in spam  # struck through
    assert "38;2;233;30;99" in spam  # the spam colour #e91e63


def test_cli_json():
    result = CliRunner().invoke(app, ["explain", str(SEED_003), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["metadata"]["title"] == "올트먼·손정의 방한, 韓 기업 'AI 생태계' 핵심 파트너 '인증'"
    first = data["rows"][0]
    assert first == {"n": 1, "text": "티파티카지노", "decision": "removed", "kind": "spam",
                     "reason": "spam/gambling-token", "part": "line"}
    assert {r["decision"] for r in data["rows"]} == {"kept", "moved", "removed"}


def test_cli_no_site_packs_and_rules(tmp_path):
    result = CliRunner().invoke(app, ["explain", str(SEED_003), "--json", "--no-site-packs"])
    assert json.loads(result.output)["metadata"]["site"] is None
    bad = tmp_path / "bad.toml"
    bad.write_text('[pack]\nid = "x"\nversion = "2025-01-01"\n[[rule]]\nid = "r"\nkind = "menu"\npattern = "(a+)+"\n')
    result = CliRunner().invoke(app, ["explain", str(SEED_003), "--rules", str(tmp_path)])
    assert result.exit_code == 2
    assert str(bad) in result.output and "rule[0]" in result.output and "nested quantifier" in result.output


def test_cli_errors():
    runner = CliRunner()
    result = runner.invoke(app, ["explain", str(SEED_003), "--site", "no-such-site"])
    assert result.exit_code == 2 and "no site pack with id 'no-such-site'" in result.output
    result = runner.invoke(app, ["explain", "/nonexistent/file.txt"])
    assert result.exit_code == 2 and "no such file" in result.output


def test_explain_html_page_block_by_block(cleaner):
    pytest.importorskip("cleaner.html.extract")
    page = KO_NEWS / "html" / "donga__03.html"
    expl = explain(cleaner, page.read_bytes(), name=page.name)
    assert expl.source == "html"
    assert expl.rows and all(r.decision in ("kept", "moved", "removed") and r.reason for r in expl.rows)
    kept = " ".join(r.text for r in expl.rows if r.decision == "kept")
    assert "통합씨름협회가 이번 추석장사씨름대회에 내건 슬로건이다." in kept


def _corpus():
    return (sorted((KO_NEWS / "text").glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
            + sorted((KO_NEWS / "html").glob("*.html")))


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_rows_account_for_every_removal_and_paragraph(cleaner, path):
    expl = explain(cleaner, path.read_bytes(), name=path.name)
    shown = sorted((r.n, r.text, r.kind, r.reason) for r in expl.rows if r.decision != "kept")
    removed = sorted((r.n, r.text, r.kind, r.rule) for r in expl.article.removed)
    assert shown == removed
    kept = [r for r in expl.rows if r.decision == "kept" and "joined into line" not in r.reason]
    assert len(kept) == len(expl.article.paragraphs)
