"""The scorer (GOLD.md): bigram P/R/F1, leaked, lost, metadata."""

from __future__ import annotations

import pytest

from bench.quality import evaluate
from cleaner import Cleaner
from cleaner.score import Pooled, bigrams, presence, score_document

from .conftest import SEEDS

GOLD = {
    "title": "제목", "press": "뉴스1", "reporters": ["홍길동"],
    "body": ["가나다라마바사.", "아자차카타파하."],
    "lines": [{"n": 1, "label": "title", "text": "제목"}, {"n": 2, "label": "menu", "text": "메뉴 건너뛰기"},
              {"n": 3, "label": "body", "text": "가나다라마바사."}, {"n": 4, "label": "body", "text": "아자차카타파하."},
              {"n": 5, "label": "spam", "text": "바카라사이트 추천"}],
}


def test_bigrams_ignore_white_space():
    assert bigrams("가 나\n다") == bigrams("가나다")
    assert sum(bigrams("가나다").values()) == 2


def test_perfect_output():
    doc = score_document("d", {"text": "가나다라마바사.\n아자차카타파하.", "title": "제목", "press": "뉴스1",
                               "reporters": ["홍길동"]}, GOLD)
    assert (doc.precision, doc.recall, doc.f1) == (1.0, 1.0, 1.0)
    assert doc.leaked == [] and doc.lost == []
    assert doc.meta_ok == {"title": True, "press": True, "reporters": True}


def test_leaked_lost_and_wrong_metadata():
    doc = score_document("d", {"text": "가나다라마바사.\n바카라사이트 추천", "title": "다른 제목", "press": "뉴스1",
                               "reporters": []}, GOLD)
    assert doc.leaked == ["바카라사이트 추천"]
    assert doc.lost == ["아자차카타파하."]
    assert doc.precision < 1.0 and doc.recall < 1.0
    assert doc.meta_ok == {"title": False, "press": True, "reporters": False}


def test_presence_is_share_of_characters():
    assert presence("가나다라마바사", "가나다라 마바사") == 1.0
    assert presence("가나다라마바사아자차", "가나다라마") == pytest.approx(5 / 10)
    assert presence("가나다라", "전혀 다른 글") == 0.0


def test_pooled_scores_sum_over_documents():
    a = score_document("a", {"text": "가나다라마바사.\n아자차카타파하."}, GOLD)
    b = score_document("b", {"text": ""}, GOLD)
    pooled = Pooled([a, b])
    assert pooled.precision == 1.0
    assert pooled.recall == pytest.approx(0.5)
    assert pooled.lost_share == pytest.approx(0.5)


def test_seed_set_scores_through_the_bench_entry_point():
    pooled = evaluate(SEEDS, SEEDS / "gold", Cleaner())
    assert len(pooled.docs) == 5
    assert pooled.f1 >= 0.99
    assert pooled.leaked_share == 0.0 and pooled.lost_share == 0.0
