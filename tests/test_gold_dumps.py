"""Whole-page text dumps of every ko-news gold article (a naive scraper's text of
the page, made by ../shared/tools/textify.py): pooled scores as GOLD.md scores
them, at the targets of issue 15 (``python -m bench.quality --dumps`` prints them)."""

from __future__ import annotations

import pytest

from bench.corpus import gold_page_dumps
from cleaner import Cleaner
from cleaner.score import Pooled, score_document

F1_MIN, LEAKED_MAX, LOST_MAX = 0.95, 0.03, 0.02  # with the site packs
F1_MIN_GENERIC = 0.93  # site packs disabled


@pytest.fixture(scope="module")
def pages():
    return gold_page_dumps()


def _pooled(pages, engine: Cleaner) -> Pooled:
    return Pooled([score_document(p.name, engine.clean(p.dump).to_dict(), p.gold) for p in pages])


def test_every_full_gold_article_has_a_dump(pages):
    assert len(pages) == 42
    assert all(p.dump.count("\n") > 10 for p in pages)


def test_dumps_with_site_packs(pages, cleaner):
    pooled = _pooled(pages, cleaner)
    assert pooled.f1 >= F1_MIN
    assert pooled.leaked_share <= LEAKED_MAX
    assert pooled.lost_share <= LOST_MAX


def test_dumps_without_site_packs(pages):
    pooled = _pooled(pages, Cleaner(site_packs=False))
    assert pooled.f1 >= F1_MIN_GENERIC
    assert pooled.leaked_share <= LEAKED_MAX
    assert pooled.lost_share <= LOST_MAX
