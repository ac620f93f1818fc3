"""`cleaner learn`: draft a site pack from a dump of one site.

The real-data test learns from the eight donga.com pages of ../shared/corpus/ko-news
(seven articles of one day, one of them saved twice, and a list page) and checks
that the draft catches the site's menus, footer and most-read lists and none of
the article sentences picked from those pages by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import learn
from cleaner.cli import app
from cleaner.model import KINDS
from cleaner.normalize import match_key
from cleaner.packs import PackSet, load_pack
from cleaner.rulebook import FingerprintIndex

from .conftest import KO_NEWS, simple_html_lines

DONGA = sorted((KO_NEWS / "html").glob("donga__*.html"))
MENU_FOOTER_RELATED = [
    "본문바로가기", "회원가입 |", "구독신청 |", "동아닷컴을 시작페이지로▶", "오피니언", "사설",
    "독자서비스센터", "PDF지면보기", "기사공유 |", "프린트 | 메일", "오늘의 화제뉴스", "동아 HOT 트렌드 뉴스",
    "주소: 서울특별시 서대문구 충정로 29 | 등록번호: 서울아00741 | 등록일자: 2009.01.16 | 발행·편집인: 박원재 |",
    "1 “가시밭길 선택한… 내 피 중의 피, 민아”",  # most-read list, rank 1 on one page …
    "4 “가시밭길 선택한… 내 피 중의 피, 민아”",  # … any rank on another: a \d+ pattern
    "손연재 갈라쇼 “깜찍하다가도 섹시미 물씬”",
]
# Real article text from those pages: paragraphs, quotes, a deck line and a headline.
ARTICLE_LINES = [
    "‘씨름이 확 바뀝니다.’",
    "걸그룹-국악 공연 접목… 관중들 환호",
    "통합씨름협회가 이번 추석장사씨름대회에 내건 슬로건이다. 협회는 이번 대회의 홍보에만 예년의 10배 이상인 3억 원가량을 쏟아부었다. 장사 결정전에 출전하는 선수들의 사진과 주특기, 승률 등 다양한 정보가 진행 무대 뒤 대형 화면에 나왔다. 선수들은 화면이 가운데로 갈라지면서 모래판으로 향했다. 마치 대형 콘서트장을 연상케 하는 무대 연출이었다.",
    "12일 규모 5.8의 역대 최강 지진이 발생한 경북 경주시에선 명절과 태풍도 잊은 채 피해 복구 작업이 이뤄지고 있다. 하지만 태풍에 따른 폭우로 2차 피해 우려도 커지고 있다.",
    "기상청 관계자는 “경주는 지진의 진원지라서 다른 곳보다 지반이 약해져 있을 가능성이 크다. 금이 간 집이나 담 등 위험한 장소를 피해야 한다”고 말했다.",
    "고령층이 젊은층보다 국민연금 혜택을 많이 받을 것이란 예상과 달리 ‘X세대’인 1970년대 중반생의 혜택이 가장 많은 셈이다.",
    "한편 피해자 김 씨는 독실한 천주교 신자로 이날 새벽 미사가 끝난 뒤 성당에 남아 혼자 기도하다 변을 당한 것으로 전해졌다.",
    "“선수를 그만둔 사람들이 그나마 국밥집이라도 차릴 수 있으면 잘나가는 거죠. 약장수, 막노동에 연예인 매니저, 어깨(건달)까지 하고 다닙니다. 성질은 순한데 덩치는 크니까요.”",
    "씨름계 안팎에서는 무엇보다 신임 회장을 갓 뽑은 통합씨름협회가 이번엔 제대로 역할을 할 수 있을지에 관심이 많다.",
    "예산 증액… 협회 통합… “룰 바꿔 기술씨름 되살려야”",  # headline of donga__02/07, in a related list of 03
    "시험인증 분야에서 100년 기업을 일구겠다는 그는 ㈜디지털이엠씨가 앞으로 세계 시험인증 시장의 강자로 군림할 날이 꼭 올 것이라는 확신에 차 있다.",
]


COMMON = PackSet.load(sites=False).common


def _decides(pack, text: str) -> list[str]:
    """Ids of the pack's rules that decide the line."""
    key = match_key(" ".join(text.split()))
    return [r.id for r in pack.rules if r.match(key)]


def _decided_with_common(pack, text: str) -> list[str]:
    """The draft works beside the common packs, which keep the lines they decide."""
    key = match_key(" ".join(text.split()))
    common = [r.id for p in COMMON for r in p.rules if r.scope == "line" and r.match(key)]
    return _decides(pack, text) + common


def _write(draft, path: Path):
    path.write_text(learn.to_toml(draft), encoding="utf-8")
    return load_pack(path)


@pytest.fixture(scope="module")
def donga_docs():
    # The simple DOM walk, so that the test does not move with the HTML path's segmentation.
    return learn.read_dump(DONGA, splitter=simple_html_lines)


@pytest.fixture(scope="module")
def donga_pack(donga_docs, tmp_path_factory):
    draft = learn.learn(donga_docs, "donga-draft", name="동아일보")
    return _write(draft, tmp_path_factory.mktemp("draft") / "donga-draft.toml")


def test_the_article_lines_are_really_on_the_pages(donga_docs):
    lines = {" ".join(t.split()) for d in donga_docs for t in d.lines}
    assert all(" ".join(t.split()) in lines for t in ARTICLE_LINES + MENU_FOOTER_RELATED[:-3])


@pytest.mark.parametrize("text", MENU_FOOTER_RELATED)
def test_draft_catches_menus_footer_and_lists(donga_pack, text):
    assert _decided_with_common(donga_pack, text), text


@pytest.mark.parametrize("text", ARTICLE_LINES)
def test_draft_leaves_article_text_alone(donga_pack, text):
    assert not _decides(donga_pack, text)


def test_no_long_article_paragraph_is_drafted(donga_docs, donga_pack):
    paragraphs = {t for d in donga_docs for t in d.lines if len(t) >= 80 and t.rstrip("”’\"'").endswith("다.")}
    assert len(paragraphs) > 40
    assert [t[:40] for t in paragraphs if _decides(donga_pack, t)] == []


def test_draft_head(donga_docs, donga_pack):
    assert donga_pack.domains == ("donga.com",)  # from the pages' canonical/og:url
    assert donga_pack.version == learn.date.today().isoformat()
    assert 2 <= len(donga_pack.fingerprints) <= learn.MAX_FINGERPRINTS
    assert donga_pack.min_fingerprints == 2
    index = FingerprintIndex.build([donga_pack])  # how the cleaner picks a pack for text without a URL
    assert all(index.best(doc.raw_key) is donga_pack for doc in donga_docs)


def test_rules_carry_kind_and_support(donga_docs, tmp_path):
    text = learn.to_toml(learn.learn(donga_docs, "donga-draft"))
    assert "# support: " in text and "/8 docs" in text
    pack = learn.check_draft(text)
    assert {r.kind for r in pack.rules} <= KINDS - {"body", "heading"}
    assert {r.kind for r in pack.rules} >= {"menu", "related"}


def test_lines_the_common_packs_decide_are_left_out(donga_docs):
    draft = learn.learn(donga_docs, "donga-draft")
    assert draft.known > 0
    assert not any("로그인" == ln.text.strip(" |") for ln in draft.lines)  # common/menu has it


# ---------------------------------------------------------------- synthetic dumps
MENU = ["홈", "뉴스홈", "포토뉴스", "지역소식", "로그인 전 메뉴 보기"]
FOOTER = "이 기사는 매일 아침 받아보실 수 있습니다. 구독 신청은 홈페이지에서 하시면 됩니다."
WIRE = [
    "정부는 12일 국무회의를 열고 내년도 예산안을 의결했다고 밝혔다. 총지출은 올해보다 3% 늘었다.",
    "기획재정부 관계자는 “재정 건전성을 지키면서도 민생 예산은 늘렸다”고 설명했다.",
    "예산안은 다음 달 국회에 제출되며 여야는 심사 과정에서 치열한 공방을 벌일 것으로 보인다.",
]
QUOTE = "“경제가 어렵다고 해서 원칙을 버릴 수는 없다”고 말했다."


TOPICS = ["반도체 수출", "부동산 시장", "프로야구 개막", "기후 변화", "대학 입시", "전기차 보조금",
          "항공 운임", "청년 고용", "의료 개혁", "문화재 복원"]


def _story(i: int) -> list[str]:
    """An article of its own: no paragraph is shared with another story."""
    topic = TOPICS[i]
    return [f"{topic}, 새 국면 맞나",
            f"{topic}을 둘러싼 논의가 이번 주 들어 빠르게 진행되면서 관련 업계와 전문가들의 관심이 쏠리고 있다.",
            f"전문가들은 {topic} 문제가 단기간에 해결되기는 어렵다며 장기적인 대책이 필요하다고 입을 모았다."]


def _dump(tmp_path: Path, n: int = 10) -> Path:
    folder = tmp_path / "dump"
    folder.mkdir()
    for i in range(n):
        body = WIRE if i < 4 else _story(i)  # the same wire story in 4 of 10 documents
        quote = [QUOTE] if i % 2 else []  # a quote repeated in half of the stories
        visits = f"오늘 방문자 {1000 + 37 * i}명"
        lines = [*MENU, *body, *quote, FOOTER, visits]
        (folder / f"doc{i:02}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_wire_story_and_quotes_are_not_boilerplate(tmp_path):
    docs = learn.read_dump([_dump(tmp_path)])
    draft = learn.learn(docs, "synthetic")
    drafted = {ln.text for ln in draft.lines}
    assert draft.n_docs == 10 and draft.n_stories == 7  # the four wire copies are one story
    assert not drafted & set(WIRE)  # 4/10 documents but one story
    assert QUOTE not in drafted  # a sentence in 5/10 documents, 4/7 stories: below SENTENCE_SHARE
    assert FOOTER in drafted  # a sentence on every page is boilerplate
    assert {"뉴스홈", "포토뉴스", "지역소식", "로그인 전 메뉴 보기"} <= drafted


def test_digits_that_vary_become_a_pattern(tmp_path):
    docs = learn.read_dump([_dump(tmp_path)])
    path = tmp_path / "synthetic.toml"
    pack = _write(learn.learn(docs, "synthetic"), path)
    rule = next(r for r in pack.rules if r.pattern is not None)
    assert rule.pattern.search(match_key("오늘 방문자 99999명"))
    assert not rule.pattern.search(match_key("오늘 방문자가 늘었다"))
    assert "\\d+" in path.read_text(encoding="utf-8")


def test_dates_and_counters_are_not_drafted(tmp_path):
    folder = tmp_path / "dated"
    folder.mkdir()
    for i, topic in enumerate(TOPICS[:6]):
        lines = [*MENU, f"2016-09-{10 + i} 03:00:00", "2016-09-18 10:44:56", *_story(i)]
        (folder / f"d{i}.txt").write_text("\n".join(lines), encoding="utf-8")
    drafted = {ln.text for ln in learn.learn(learn.read_dump([folder]), "dated").lines}
    assert "포토뉴스" in drafted and not any(t.startswith("2016-") for t in drafted)


def test_thresholds_are_options(tmp_path):
    docs = learn.read_dump([_dump(tmp_path)])
    strict = learn.learn(docs, "synthetic", min_share=0.95, min_docs=7)  # 10 documents, 7 stories
    assert {ln.text for ln in strict.lines if ln.literal} == {*MENU, FOOTER} - {"홈"}  # "홈": too short
    assert learn.learn(docs, "synthetic", min_docs=8).lines == []  # more than there are stories


def test_too_few_stories_learn_nothing(tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    for i in range(5):  # one article saved five times
        (folder / f"c{i}.txt").write_text("\n".join([*MENU, *WIRE]), encoding="utf-8")
    draft = learn.learn(learn.read_dump([folder]), "copies")
    assert draft.n_stories == 1 and draft.lines == []


def test_jsonl_dump_with_urls_and_titles(tmp_path):
    path = tmp_path / "dump.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(6):
            body = "\n".join([*MENU, *_story(i), FOOTER])
            rec = {"url": f"https://news.example.co.kr/article/{i}", "text": body,
                   "title": "지역소식" if i == 0 else _story(i)[0]}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        fh.write("\n")
    docs = learn.read_dump([path])
    draft = learn.learn(docs, "example")
    assert len(docs) == 6 and draft.domains == ["example.co.kr"]
    assert "지역소식" not in {ln.text for ln in draft.lines}  # a headline of the dump is never drafted
    assert "포토뉴스" in {ln.text for ln in draft.lines}


def test_toml_strings_are_escaped(tmp_path):
    line = learn.Line("x")
    line.spellings["그는 \"따옴표\" \\ 백슬래시\x7f"] = 3
    line.docs, line.stories, line.kind = {0, 1, 2}, {0, 1, 2}, "menu"
    draft = learn.Draft("esc", "esc", [], [], [line], 3, 3, 0)
    pack = _write(draft, tmp_path / "esc.toml")
    assert pack.rules[0].match(match_key("그는 \"따옴표\" \\ 백슬래시\x7f"))


# ---------------------------------------------------------------- the command
def test_cli_learn_writes_a_valid_pack(tmp_path):
    dump, out = _dump(tmp_path), tmp_path / "synthetic.toml"
    runner = CliRunner()
    result = runner.invoke(app, ["learn", str(dump), "--site", "synthetic", "--domain", "example.com", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "10 documents, 7 stories" in result.output
    pack = load_pack(out)
    assert pack.id == "synthetic" and pack.domains == ("example.com",)
    again = runner.invoke(app, ["learn", str(dump), "--site", "synthetic", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    bad = runner.invoke(app, ["learn", str(dump), "--site", "Bad Id"])
    assert bad.exit_code == 2 and "pack.id" in bad.output


def test_cli_learn_on_donga_pages_by_default_path(tmp_path):
    out = tmp_path / "donga-draft.toml"
    args = ["learn", *map(str, DONGA), "--site", "donga-draft", "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    pack = load_pack(out)
    assert pack.rules and pack.domains == ("donga.com",)
    assert not [t for t in ARTICLE_LINES if _decides(pack, t)]


def test_learn_reads_documents_as_the_cleaner_does():
    """Lines are what the cleaner segments: a text dump's stray tags are gone, and a
    page whose markup the cleaner refuses (too many tags) teaches nothing."""
    from cleaner.pipeline import MAX_TAGS, prepared
    from cleaner.segment import segment_text

    dump = "속보 <span>단독</span> 헤드라인\n정부는 오늘 새 정책을 발표했다.\n<a href='/x'>많이 본 뉴스</a>"
    doc = learn.make_doc("d1", dump)
    assert doc.lines == [b.text for b in segment_text(prepared(dump)[0])]
    assert doc.lines[0] == "속보 단독 헤드라인" and not any("<" in line for line in doc.lines)
    bomb = "<html><body>" + "<b>x</b>" * (MAX_TAGS // 2 + 1) + "</body></html>"
    assert learn.make_doc("d2", bomb).lines == []
