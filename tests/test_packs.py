"""Rule packs: validation errors name the file and the field; every fixture of
every bundled pack holds (fundus-style: each field of a fixture is checked)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from cleaner import Cleaner, PackError
from cleaner.packs import RULES_DIR, PackSet, load_pack, pack_files

from .conftest import SHARED

HEADER = '[pack]\nid = "mysite"\nversion = "2025-01-01"\n'


def write(tmp_path: Path, body: str, name: str = "mysite.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body,field", [
    ('[pack\nid=', "bad TOML"),
    ('[pack]\nversion = "2025-01-01"\n', "pack.id"),
    ('[pack]\nid = "x"\nversion = "yesterday"\n', "pack.version"),
    (HEADER + 'colour = "blue"\n', "pack: unknown field(s) colour"),
    (HEADER + 'domains = "x.com"\n', "pack.domains"),
    (HEADER + '[[rule]]\nid = "a"\nkind = "junk"\npattern = "x"\n', "rule[0].kind"),
    (HEADER + '[[rule]]\nid = "a"\nkind = "menu"\n', "rule[0]: give exactly one"),
    (HEADER + '[[rule]]\nid = "a"\nkind = "menu"\npattern = "(unclosed"\n', "rule[0].bad regular expression"),
    (HEADER + '[[rule]]\nid = "a"\nkind = "menu"\npattern = "(a+)+$"\n', "rule[0].nested quantifier"),
    (HEADER + '[[rule]]\nid = "a"\nkind = "menu"\npattern = "^(\\\\w*\\\\s?)*$"\n', "rule[0].nested quantifier"),
    (HEADER + '[[rule]]\nid = "a"\nkind = "menu"\npattern = "x"\nmax_chars = "ten"\n', "rule[0].max_chars"),
    (HEADER + '[[rule]]\nid = "a"\nkind = "menu"\npattern = "x"\nscope = "middle"\n', "rule[0].scope"),
    (HEADER + '[[rule]]\nid = "a"\nkind = "menu"\npattern = "x"\n[[rule]]\nid = "a"\nkind = "ui"\npattern = "y"\n', "duplicate id"),
    (HEADER + '[[rule]]\nid = "a"\nkind = "menu"\npattern = "x"\nexec = "rm -rf /"\n', "unknown field(s) exec"),
    (HEADER + '[[region]]\nid = "r"\nkind = "summary"\nstart = "a"\n', "region[0].end"),
])
def test_invalid_pack_names_file_and_field(tmp_path, body, field):
    path = write(tmp_path, body)
    with pytest.raises(PackError) as err:
        load_pack(path)
    message = str(err.value)
    assert str(path) in message
    where, _, what = field.partition(".")
    assert where in message and what in message


def test_duplicate_pack_id_across_files(tmp_path):
    write(tmp_path, HEADER, "a.toml")
    write(tmp_path, HEADER, "b.toml")
    with pytest.raises(PackError, match="already defined"):
        PackSet.load([tmp_path])


def test_user_pack_is_used_and_wins_by_domain(tmp_path):
    write(tmp_path, HEADER + 'domains = ["example.kr"]\n[[rule]]\nid = "promo"\nkind = "ad"\n'
                    'pattern = "^지금 구독하면 한 달 무료"\n')
    cleaner = Cleaner([RULES_DIR, tmp_path])
    text = "정부가 새 정책을 발표했다고 23일 밝혔다. 시행은 다음 달부터다.\n지금 구독하면 한 달 무료"
    article = cleaner.clean(text, url="https://www.example.kr/news/1")
    assert (article.site, article.site_match) == ("mysite", "domain")
    assert [r.rule for r in article.removed] == ["mysite/promo"]


@pytest.mark.parametrize("press", ["예시경제", "(주)예시경제"])
def test_the_press_name_alone_on_a_line_is_the_press(tmp_path, press):
    """Lines are matched with edge punctuation stripped, and so are the pack's names."""
    write(tmp_path, HEADER + f'domains = ["example.kr"]\npress = ["{press}"]\n')
    cleaner = Cleaner([RULES_DIR, tmp_path])
    text = f"정부가 새 정책을 발표했다고 23일 밝혔다. 시행은 다음 달부터다.\n[{press}]"
    article = cleaner.clean(text, url="https://www.example.kr/news/1")
    assert [r.rule for r in article.removed] == ["mysite/press-name"]
    assert article.press == press


def test_slow_pattern_cannot_hang_a_run(tmp_path):
    """A backtracking pattern the static check lets through is stopped by the time limit."""
    write(tmp_path, HEADER + '[[rule]]\nid = "slow"\nkind = "menu"\npattern = "^(?:[a-z,]*,)+x$"\n')
    cleaner = Cleaner([RULES_DIR, tmp_path], site_packs=True)
    start = time.perf_counter()
    article = cleaner.clean("a," * 40 + "\n" + "정부가 새 정책을 발표했다고 23일 밝혔다는 소식이 전해졌다.", site="mysite")
    assert time.perf_counter() - start < 5
    assert "정부가 새 정책을" in article.text


def _fixtures():
    for path in pack_files([RULES_DIR]):
        pack = load_pack(path)
        for i, fx in enumerate(pack.fixtures):
            yield pytest.param(pack, fx, id=f"{pack.id}[{i}]")


CHECKED = {"path", "url", "title", "press", "reporters", "section", "kind", "must_contain",
           "must_not_contain", "note"}


@pytest.mark.parametrize("pack,fixture", list(_fixtures()))
def test_pack_fixture(cleaner, pack, fixture):
    assert set(fixture) <= CHECKED, "a fixture field this test does not check"
    data = (SHARED / fixture["path"]).read_bytes()
    article = cleaner.clean(data, url=fixture.get("url"))
    if pack.kind == "site":
        assert article.site == pack.id
    for key in ("title", "press", "reporters", "section", "kind"):
        if key in fixture:
            assert getattr(article, key) == fixture[key], key
    for snippet in fixture.get("must_contain", []):
        assert snippet in article.text
    for snippet in fixture.get("must_not_contain", []):
        assert snippet not in article.text


def test_every_site_pack_is_versioned_and_has_a_fixture_or_domain():
    packs = PackSet.load()
    assert len(packs.sites) >= 10
    for pack in packs.sites:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", pack.version)
        assert pack.domains, pack.id
