"""The five seed dumps against their gold (../shared/seeds/gold), line by line."""

from __future__ import annotations

import pytest

from cleaner.score import PRESENT_SHARE, presence

from .conftest import SEEDS, seed_gold

GOLD = seed_gold()
BOILERPLATE = {"menu", "related", "board", "spam", "ui", "copyright", "ad", "comment",
               "title", "subtitle", "section", "caption", "byline", "summary", "date"}


def _clean(cleaner, gold):
    return cleaner.clean((SEEDS / gold["file"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name,gold", GOLD, ids=[n for n, _ in GOLD])
def test_every_body_paragraph_kept_exactly(cleaner, name, gold):
    article = _clean(cleaner, gold)
    assert article.paragraphs == gold["body"]


@pytest.mark.parametrize("name,gold", GOLD, ids=[n for n, _ in GOLD])
def test_metadata_exact(cleaner, name, gold):
    article = _clean(cleaner, gold)
    assert article.title == gold["title"]
    assert article.press == gold["press"]
    assert article.reporters == gold["reporters"]
    assert article.section == gold["section"]
    assert article.subtitles == gold["subtitles"]
    assert article.captions == gold["captions"]
    assert article.summary == gold["summary"]


def _labelled_lines():
    for name, gold in GOLD:
        for line in gold["lines"]:
            if line["label"] in BOILERPLATE:
                yield pytest.param(name, gold, line, id=f"{name}:{line['n']}:{line['label']}")


@pytest.mark.parametrize("name,gold,line", list(_labelled_lines()))
def test_no_labelled_boilerplate_line_in_text(cleaner, name, gold, line):
    article = _clean(cleaner, gold)
    body = "\n".join(gold["body"])
    leaked = presence(line["text"], article.text) - presence(line["text"], body)
    assert leaked < PRESENT_SHARE, f"{line['label']} line {line['n']} left in text"
    removed = {r.n: r for r in article.removed}
    assert line["n"] in removed, f"line {line['n']} is not recorded as removed"


@pytest.mark.parametrize("name,gold", GOLD, ids=[n for n, _ in GOLD])
def test_removed_kinds_follow_gold_labels(cleaner, name, gold):
    """Each removed line carries the gold kind (menu and ui are one family)."""
    family = {"ui": "menu"}
    article = _clean(cleaner, gold)
    kinds = {r.n: r.kind for r in article.removed if r.action in ("removed", "moved")}
    wrong = [(ln["n"], ln["label"], kinds.get(ln["n"])) for ln in gold["lines"]
             if ln["label"] in BOILERPLATE
             and family.get(kinds.get(ln["n"]), kinds.get(ln["n"])) != family.get(ln["label"], ln["label"])]
    assert not wrong


@pytest.mark.parametrize("name,gold", GOLD, ids=[n for n, _ in GOLD])
def test_generic_path_keeps_body_without_site_packs(generic, name, gold):
    """Without site packs every body paragraph is still kept."""
    article = _clean(generic, gold)
    for para in gold["body"]:
        assert presence(para, article.text) >= PRESENT_SHARE, para[:40]
