"""Every ko-news dev gold page (../shared/corpus/ko-news/gold, GOLD.md scoring): the
pooled body figures hold at the targets of issue 11, with and without site packs,
and no index or no-body page gets a body.  A regression on the gold fails here."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.score import DocScore, Pooled, input_for, load_gold, score_document

from .conftest import KO_NEWS

GOLD = KO_NEWS / "gold"
NO_BODY_KINDS = ("index-page", "no-body")
# (minimum F1, maximum leaked share, maximum lost share) of the pooled pages
TARGETS = {True: (0.99, 0.01, 0.01), False: (0.97, 0.01, 0.02)}

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="no ko-news gold beside the project")


def _scored(site_packs: bool) -> list[tuple[DocScore, dict, str]]:
    engine = Cleaner(site_packs=site_packs)
    out = []
    for name, gold in load_gold(GOLD):
        article = engine.clean(input_for(name, gold, KO_NEWS).read_bytes(), url=gold.get("url"))
        out.append((score_document(name, article.to_dict(), gold), gold, article.text))
    return out


@pytest.fixture(scope="module", params=[True, False], ids=["site-packs", "generic"])
def scored(request: pytest.FixtureRequest) -> tuple[bool, list[tuple[DocScore, dict, str]]]:
    return request.param, _scored(request.param)


def test_pooled_body_figures(scored) -> None:  # noqa: ANN001
    site_packs, rows = scored
    pooled = Pooled([doc for doc, _, _ in rows])
    f1, leaked, lost = TARGETS[site_packs]
    lost_lines = [f"{d.name}: {p[:60]}" for d, _, _ in rows for p in d.lost]
    assert pooled.f1 >= f1
    assert pooled.leaked_share <= leaked, [f"{d.name}: {b[:60]}" for d, _, _ in rows for b in d.leaked]
    assert pooled.lost_share <= lost, lost_lines


def test_index_and_no_body_pages_have_no_body(scored) -> None:  # noqa: ANN001
    _, rows = scored
    with_body = [doc.name for doc, gold, text in rows if gold.get("kind") in NO_BODY_KINDS and text]
    assert not with_body
