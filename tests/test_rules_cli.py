"""`cleaner rules list|show|check`, and validation of users' rule packs
(--rules DIR): every error names the file and the rule or field."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import app
from cleaner.packs import MATCH_TIMEOUT, PackError, load_pack

from .conftest import KO_NEWS, ROOT, simple_html_lines

HEAD = '[pack]\nid = "mine"\nname = "My site"\nversion = "2025-01-01"\n'


def _pack(tmp_path: Path, body: str, head: str = HEAD, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(head + body, encoding="utf-8")
    return path


def _rule(pattern: str, rid: str = "slow") -> str:
    return f"[[rule]]\nid = \"{rid}\"\nkind = \"menu\"\npattern = '{pattern}'\n"


# ---------------------------------------------------------------- list / show
def test_list_is_plain_when_not_a_terminal():
    result = CliRunner().invoke(app, ["rules", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split("\t") == ["id", "kind", "version", "domains", "fingerprints", "rules", "path"]
    rows = {ln.split("\t")[0]: ln.split("\t") for ln in lines[1:]}
    assert rows["common"][1] == "common" and rows["common"][6].endswith("common.toml")
    assert rows["donga"][3] == "donga.com" and rows["donga"][2] == "2016-09-18"


def test_list_includes_user_packs(tmp_path):
    _pack(tmp_path, '[[rule]]\nid = "a"\nkind = "menu"\nlines = ["메뉴"]\n',
          head=HEAD + 'domains = ["example.com"]\nfingerprints = ["example\\\\.com"]\n')
    result = CliRunner().invoke(app, ["rules", "list", "--rules", str(tmp_path)])
    row = next(ln.split("\t") for ln in result.output.splitlines() if ln.startswith("mine\t"))
    assert row[1:6] == ["site", "2025-01-01", "example.com", "1", "1"]


def test_show_a_pack():
    result = CliRunner().invoke(app, ["rules", "show", "common"])
    assert result.exit_code == 0, result.output
    version = tomllib.loads((ROOT / "rules" / "common.toml").read_text(encoding="utf-8"))["pack"]["version"]
    assert "common: " in result.output and f"version {version}" in result.output
    assert "common/dateline-byline\tbyline\tprefix\t-\tpattern " in result.output
    result = CliRunner().invoke(app, ["rules", "show", "donga"])
    assert "domains: donga.com" in result.output and "fingerprints (need 1):" in result.output


def test_show_unknown_pack():
    result = CliRunner().invoke(app, ["rules", "show", "nope"])
    assert result.exit_code == 2 and "no pack with id 'nope'" in result.output


# ---------------------------------------------------------------- validation of user packs
@pytest.mark.parametrize("pattern", [
    r"(a+)+", r"^(\w*)*$", r"(?:x{2,}y?)+",  # nested quantifiers
])
def test_nested_quantifier_refused(tmp_path, pattern):
    path = _pack(tmp_path, _rule(pattern))
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert str(path) in str(err.value) and "rule[0] (id 'slow').pattern" in str(err.value)
    assert "nested quantifier" in str(err.value)


@pytest.mark.parametrize("pattern", [
    r"^(a|aa)+$", r"(?:ab|a|b)*", r"(가|가나|나)+", r"(?P<x>뉴스|뉴스1|1)+", r"(a|a){2,}",
])
def test_overlapping_alternation_refused(tmp_path, pattern):
    path = _pack(tmp_path, _rule("ok", "first").replace("'ok'", "'^ok$'") + _rule(pattern))
    with pytest.raises(PackError) as err:
        load_pack(path)
    msg = str(err.value)
    assert str(path) in msg and "rule[1] (id 'slow').pattern" in msg and "overlap" in msg


def test_fingerprint_and_region_patterns_are_checked_too(tmp_path):
    fp = _pack(tmp_path, "", head=HEAD + "fingerprints = ['(a|aa)+']\n", name="fp.toml")
    with pytest.raises(PackError, match=r"fp\.toml: pack\.fingerprints\[0\]: repeated alternation"):
        load_pack(fp)
    region = _pack(tmp_path, '[[region]]\nid = "r"\nkind = "menu"\nstart = "(x+)*"\nend = "y"\n', name="rg.toml")
    with pytest.raises(PackError, match=r"rg\.toml: region\[0\]\.start: nested quantifier"):
        load_pack(region)


@pytest.mark.parametrize("body,where,message", [
    ('[[rule]]\nid = "a"\nkind = "menu"\nlines = ["x"]\ncolour = "red"\n', "rule[0]", "unknown field(s) colour"),
    ('[[rule]]\nid = "a"\nkind = "menu"\nlines = "x"\n', "rule[0].lines", "must be list, got str"),
    ('[[rule]]\nid = "a"\nkind = "menu"\nlines = ["x"]\nmax_chars = "10"\n', "rule[0].max_chars", "must be int"),
    ('[[rule]]\nid = "a"\nkind = "menu"\nlines = ["x"]\nmin_hits = true\n', "rule[0].min_hits", "must be int, got bool"),
    ('[[rule]]\nid = "a"\nkind = "junk"\nlines = ["x"]\n', "rule[0].kind", "'junk' is not one of"),
    ('[[rule]]\nid = "a"\nkind = "menu"\npattern = "(unclosed"\n', "rule[0] (id 'a').pattern", "bad regular expression"),
    ('[[rule]]\nid = "a"\nkind = "menu"\n', "rule[0]", "give exactly one of"),
    ('[[rule]]\nid = "a"\nkind = "menu"\nterms = ["x"]\nscope = "prefix"\n', "rule[0].scope", "must be one of"),
    ("[extra]\nx = 1\n", "top level", "unknown field(s) extra"),
])
def test_bad_fields_name_file_and_field(tmp_path, body, where, message):
    path = _pack(tmp_path, body)
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert f"{path}: {where}: " in str(err.value) and message in str(err.value)


@pytest.mark.parametrize("head,where", [
    ('[pack]\nid = "mine"\nversion = "2025-01-01"\nlang = "ko"\n', "pack: unknown field(s) lang"),
    ('[pack]\nid = "mine"\nversion = "yesterday"\n', "pack.version: must be a date"),
    ('[pack]\nid = "Mine Site"\nversion = "2025-01-01"\n', "pack.id: use lower-case"),
    ('[pack]\nid = "mine"\nversion = "2025-01-01"\ndomains = "a.com"\n', "pack.domains: must be list"),
    ('[pack]\nid = "mine"\n', "pack.version: is required"),
])
def test_bad_pack_head(tmp_path, head, where):
    path = _pack(tmp_path, "", head=head)
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert str(err.value).startswith(f"{path}: {where}")


def test_bad_toml_names_the_file(tmp_path):
    path = _pack(tmp_path, '[[rule]\nid = "a"\n')
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert str(err.value).startswith(f"{path}: bad TOML: ")


def test_cli_refuses_a_bad_user_pack(tmp_path):
    path = _pack(tmp_path, _rule(r"(a|aa)+"))
    for args in (["rules", "list"], ["explain", str(KO_NEWS / "text" / "naver__04.txt")]):
        result = CliRunner().invoke(app, [*args, "--rules", str(tmp_path)])
        assert result.exit_code == 2
        assert f"error: {path}: rule[0] (id 'slow').pattern: repeated alternation" in result.output


# ---------------------------------------------------------------- run-time limit
SLOW = r"^([a-z]|a)+$"  # overlapping class and literal: not refused on load, exponential at run time


def test_slow_pattern_is_not_caught_on_load_but_times_out(tmp_path):
    rule = load_pack(_pack(tmp_path, _rule(SLOW))).rules[0]
    started = time.perf_counter()
    with pytest.raises(TimeoutError):
        rule.match("a" * 40 + "!")
    assert time.perf_counter() - started < 20 * MATCH_TIMEOUT


def test_slow_patterns_cannot_hang_clean(tmp_path):
    _pack(tmp_path, _rule(SLOW) + '[[region]]\nid = "r"\nkind = "menu"\nstart = \'^([a-z]|a)+$\'\nend = "끝"\n',
          head=HEAD + "fingerprints = ['^([a-z]|a)+$']\n")
    cleaner = Cleaner([learn_rules_dir(), tmp_path])
    lines = ["a" * 40 + "!"] * 20 + ["정부는 12일 국무회의를 열고 내년도 예산안을 의결했다고 밝혔다."]
    started = time.perf_counter()
    article = cleaner.clean("\n".join(lines))
    elapsed = time.perf_counter() - started
    # 20 lines × (rule + region) × MATCH_TIMEOUT, plus the fingerprint once: far below a hang
    assert elapsed < 60 * MATCH_TIMEOUT + 2, elapsed
    assert all(b.reason != "mine/slow" for b in article.blocks)
    assert "예산안을 의결했다" in article.text


def learn_rules_dir() -> Path:
    from cleaner.packs import RULES_DIR

    return RULES_DIR


# ---------------------------------------------------------------- rules check
@pytest.fixture(scope="module")
def donga_text_dump(tmp_path_factory) -> Path:
    """The donga pages as a crawler's text dump: one text block per line."""
    folder = tmp_path_factory.mktemp("donga-text")
    for page in sorted((KO_NEWS / "html").glob("donga__0[1-7].html")):
        lines = simple_html_lines(page.read_text(encoding="utf-8"))
        (folder / f"{page.stem}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_check_a_draft_on_samples(donga_text_dump, tmp_path):
    draft = tmp_path / "donga.toml"
    result = CliRunner().invoke(app, ["learn", str(donga_text_dump), "--site", "donga", "-o", str(draft)])
    assert result.exit_code == 0, result.output
    from cleaner.cli_tools import check_cleaners, check_pack

    report = check_pack(draft, [donga_text_dump])
    assert report["documents"] == 7 and report["matched"] == 7 and not report["errors"]
    menu = report["rules"]["donga/menu-lines"]
    assert menu["docs"] == 7 and menu["lines"] > 300 and len(menu["examples"]) == 3
    related = report["rules"]["donga/related-lines"]
    # most-read headlines: the text path's region step (cleaner.region) already cuts them from
    # these whole-page dumps, so the pack's rule changes few body lines (over 50 before it did)
    assert related["lines"] > 100 and related["was_body"] < 10
    _, _, with_pack = check_cleaners(draft)
    article = with_pack.clean((donga_text_dump / "donga__03.txt").read_bytes(), site="donga")
    assert "통합씨름협회가 이번 추석장사씨름대회에 내건 슬로건이다." in article.text
    assert "“국민들은 작은 선수가 큰 선수를 이기는 것을" in article.text
    assert "본문바로가기" not in article.text and "오늘의 화제뉴스" not in article.text


def test_check_cli_output(donga_text_dump, tmp_path):
    draft = tmp_path / "donga.toml"
    CliRunner().invoke(app, ["learn", str(donga_text_dump), "--site", "donga", "-o", str(draft)])
    result = CliRunner().invoke(app, ["rules", "check", str(draft), "--samples", str(donga_text_dump)])
    assert result.exit_code == 0, result.output
    assert "pack donga: 7 documents cleaned, pack selected in 7, 0 could not be cleaned" in result.output
    row = next(ln.split("\t") for ln in result.output.splitlines() if ln.startswith("donga/menu-lines\t"))
    assert int(row[1]) > 300 and row[2] == "7"


def test_check_a_bad_pack(tmp_path):
    path = _pack(tmp_path, _rule(r"(a+)+"))
    result = CliRunner().invoke(app, ["rules", "check", str(path), "--samples", str(tmp_path)])
    assert result.exit_code == 2 and str(path) in result.output
