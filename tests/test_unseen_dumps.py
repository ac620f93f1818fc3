"""Whole-page text dumps of publishers the project has never seen, written here
(invented text in the shapes of real pages: a local-newspaper CMS, a broadcaster's
script, a radio interview, a sports wire, WordPress, a print copy, rankings of
teaser sentences, bilingual menus, blank-line and collapsed crawler shapes).
Fixtures: ``tests/data/unseen_dumps`` (``src/*.src`` are the labelled sources,
``build.py`` writes each dump and its gold)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.score import Pooled, score_document

DATA = Path(__file__).parent / "data" / "unseen_dumps"
GOLDS = sorted(DATA.glob("*.json"))
F1_MIN, LEAKED_MAX, LOST_MAX = 0.97, 0.02, 0.01  # pooled, with or without site packs
DUMP_F1_MIN = 0.9  # every dump alone


def _score(engine: Cleaner, gold_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    record = engine.clean((DATA / gold["file"]).read_text(encoding="utf-8")).to_dict()
    return score_document(gold_path.stem, record, gold)


def test_the_fixtures_are_built_from_their_sources(tmp_path, monkeypatch):
    """Each dump and gold is what build.py makes of its labelled source."""
    sys.path.insert(0, str(DATA))
    try:
        import build
    finally:
        sys.path.remove(str(DATA))
    monkeypatch.setattr(build, "HERE", tmp_path)
    for src in sorted((DATA / "src").glob("*.src")):
        build.build(src)
        for made in (tmp_path / f"{src.stem}.txt", tmp_path / f"{src.stem}.json"):
            assert made.read_text(encoding="utf-8") == (DATA / made.name).read_text(encoding="utf-8"), made.name
    assert len(GOLDS) == len(list((DATA / "src").glob("*.src"))) >= 20


@pytest.mark.parametrize("site_packs", [True, False])
def test_pooled_scores(site_packs):
    pooled = Pooled([_score(Cleaner(site_packs=site_packs), g) for g in GOLDS])
    assert pooled.f1 >= F1_MIN
    assert pooled.leaked_share <= LEAKED_MAX
    assert pooled.lost_share <= LOST_MAX


@pytest.mark.parametrize("gold_path", GOLDS, ids=[g.stem for g in GOLDS])
def test_each_dump(cleaner, gold_path):
    doc = _score(cleaner, gold_path)
    assert doc.f1 >= DUMP_F1_MIN
    assert not doc.lost
    assert not doc.leaked


def _removed(cleaner: Cleaner, name: str) -> dict[str, tuple[str, str]]:
    article = cleaner.clean((DATA / f"{name}.txt").read_text(encoding="utf-8"))
    return {r.text: (r.kind, r.rule) for r in article.removed}


def test_the_publisher_lines_of_a_footer_are_site_furniture(cleaner):
    cut = _removed(cleaner, "local_cms")
    for line in ("청소년보호책임자 : 이현주", "등록번호 : 강원 아 00123", "발행인 : 최동혁", "대표전화 : 033-123-4567"):
        assert cut[line] == ("copyright", "common/publisher-info")


def test_a_ranking_of_lone_numbers_and_teaser_sentences_is_a_list(cleaner):
    """``1`` / a sentence / ``2`` / a sentence …: the numbers mark the list."""
    cut = _removed(cleaner, "teaser_sentences")
    assert cut["제약업계가 올해 연구개발 투자를 지난해보다 12% 늘린 것으로 나타났다."][0] == "related"
    assert cut["3"][0] == "related"


def test_leads_under_the_closing_byline_and_a_list_header_are_not_the_article(cleaner):
    for name in ("unnumbered_leads", "byline_no_email"):
        article = cleaner.clean((DATA / f"{name}.txt").read_text(encoding="utf-8"))
        gold = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
        assert article.paragraphs == gold["body"], name


def test_a_bulleted_list_between_paragraphs_is_the_article(cleaner):
    article = cleaner.clean((DATA / "bullets_in_body.txt").read_text(encoding="utf-8"))
    assert "- 육아휴직 기간 최대 1년 6개월로 연장" in article.paragraphs
    assert "- 저출생 대책 예산 20조원 넘었다" not in article.paragraphs  # the related list under the byline


def test_a_print_copy_of_a_small_page_is_dropped(cleaner):
    """The page's menus are few, but its publisher lines make it a whole page."""
    article = cleaner.clean((DATA / "print_copy.txt").read_text(encoding="utf-8"))
    gold = json.loads((DATA / "print_copy.json").read_text(encoding="utf-8"))
    assert article.paragraphs == gold["body"]


def test_captions_closed_by_a_credit_or_a_photographer_email(cleaner):
    assert _removed(cleaner, "local_cms")["옛 남산초등학교 전경. 청강군 제공"] == ("caption", "common/credit-caption")
    cut = _removed(cleaner, "sports_osen")
    caption = "[OSEN=대전, 민경수 기자] 한결이 역투하고 있다. 2024.07.21 / rumi@osen.co.kr"
    assert cut[caption][0] == "caption"


def test_the_headline_above_a_label_and_the_byline(cleaner):
    """A local CMS prints ``기자명`` between the headline and the reporter's name."""
    article = cleaner.clean((DATA / "local_cms.txt").read_text(encoding="utf-8"))
    assert article.title == "청강군, 폐교 3곳 청년 창업공간으로 바꾼다"


def test_an_appeal_for_support_and_a_marked_caption_above_its_credit(cleaner):
    cut = _removed(cleaner, "promo_sentences")
    assert cut["여러분의 후원이 더 깊은 기사를 만듭니다."] == ("ad", "common/support-appeal")
    assert cut["▲ 주민자치회가 고친 공동 부엌 내부."] == ("caption", "region: a marked line above a photo credit")


def test_a_marked_list_in_the_text_is_no_caption(cleaner):
    text = ("정부가 내년 예산안의 주요 사업을 발표했다. 청년과 노인 지원이 크게 늘었다.\n"
            "▲ 청년 월세 지원 확대\n"
            "▲ 기초연금 인상\n"
            "기획재정부는 국회 심의를 거쳐 12월 초 예산을 확정할 계획이라고 밝혔다.")
    assert "▲ 청년 월세 지원 확대" in cleaner.clean(text).paragraphs


def test_captions_by_their_shape(cleaner):
    """Captions with no photographer byline: a stock or archive credit, a provider
    alone on its line, a noun phrase saying what the photo shows."""
    cut = _removed(cleaner, "captions_mixed")
    assert cut["사진은 지난 3일 서울 관악구의 한 원룸 밀집 지역 모습. [한빛뉴스 자료사진]"][0] == "caption"
    assert cut["국토교통부 제공"] == ("caption", "common/provider-credit")
    assert cut["게티이미지뱅크"] == ("caption", "common/stock-photo-credit")
    assert cut["국토교통부 청사 전경."] == ("caption", "common/scene-caption")


@pytest.mark.parametrize("line", ["그는 사진은 남는다고 말했다.", "정부는 예산을 제공했다.", "달라진 교실 모습"])
def test_sentences_and_headings_are_no_captions(cleaner, line):
    text = ("정부가 내년부터 청년 주거 지원을 크게 늘리기로 했다고 3일 밝혔다. 지원 대상도 두 배로 넓어진다.\n"
            f"{line}\n국토교통부는 월세 지원 한도를 월 20만원에서 30만원으로 올리고 소득 기준을 완화한다고 설명했다.")
    assert all(r.kind != "caption" for r in cleaner.clean(text).removed)


def test_indented_wire_copy_is_unwrapped_but_indented_page_furniture_is_not_glued(cleaner):
    """``get_text()`` keeps a template's indentation: menu lines indented, the
    article's paragraphs flush.  Only a full line is a wrapped one."""
    from cleaner.segment import segment_text
    furniture = segment_text("      본문 글씨 키우기\n청강군이 폐교 3곳을 청년 창업공간으로 고쳐 쓰기로 했다.\n"
                             "      SNS 기사보내기\n군은 2026년까지 리모델링을 마친다고 밝혔다.\n      로그인\n"
                             "입주 청년은 3년 동안 임대료를 내지 않는다.")
    assert [b.text for b in furniture][:2] == ["본문 글씨 키우기", "청강군이 폐교 3곳을 청년 창업공간으로 고쳐 쓰기로 했다."]
    wire = segment_text("    청강군이 학생 수 감소로 문을 닫은 폐교 3곳을 청년 \n창업공간으로 고쳐 쓰기로 했다.\n"
                        "    군은 옛 남산초등학교와 북천중학교를 2026년까지 \n리모델링한다고 1일 밝혔다.\n"
                        "    입주 대상은 만 19~39세 청년 창업자로, 군은 해마다 \n20팀을 뽑는다.")
    assert [b.text for b in wire][0] == "청강군이 학생 수 감소로 문을 닫은 폐교 3곳을 청년 창업공간으로 고쳐 쓰기로 했다."


def test_a_dump_hard_wrapped_with_no_indentation(cleaner):
    """A page saved hard-wrapped at a fixed width (lynx/w3m -dump, fold): its
    paragraphs are joined again instead of reading as short menu items."""
    import textwrap
    gold = json.loads((DATA / "local_cms.json").read_text(encoding="utf-8"))
    lines = (DATA / gold["file"]).read_text(encoding="utf-8").splitlines()
    wrapped = "\n".join(part for line in lines for part in (textwrap.wrap(line, 38) or [""]))
    doc = score_document("wrapped", cleaner.clean(wrapped).to_dict(), gold)
    assert doc.f1 >= DUMP_F1_MIN


def test_an_op_ed_disclaimer_with_no_byline_above(cleaner):
    """The signature under an op-ed is the only byline; the site's note under it is no text."""
    lines = (DATA / "column_signature.txt").read_text(encoding="utf-8").splitlines()
    top = lines.index("장도윤 한빛대 교수·지역개발학")
    article = cleaner.clean("\n".join(lines[:top] + lines[top + 1:]))
    assert "외부 필자의 원고" not in article.text
