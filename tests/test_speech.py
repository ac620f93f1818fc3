"""Speech in articles (issue 11, classes 3 and 4): interview transcripts, Q&A and
broadcast scripts, on pages of publishers no pack knows (site packs disabled).

The pages in ``tests/data/speech`` are invented, written in the style of Korean
broadcaster and newspaper pages: a TV news page whose script is one ``<div>`` cut
by ``<br>`` (``[앵커]`` / ``[리포트]``), one in ``<p>`` paragraphs (``◀ 앵커 ▶``,
``▶ 인터뷰 :``), a radio interview transcript (``▷ 이름 > …``), a text dump of a
live report (``[앵커]`` / ``[기자]``), and a newspaper Q&A (``Q.`` / ``A.``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.normalize import match_key
from cleaner.speech import speaker_turn

DATA = Path(__file__).parent / "data" / "speech"


def clean_page(generic, name: str):  # noqa: ANN001, ANN201
    return generic.clean((DATA / name).read_bytes())


def removed_by(article, rule: str) -> list[str]:  # noqa: ANN001
    return [r.text for r in article.removed if r.rule == rule]


def body_kinds(article) -> dict[str, str]:  # noqa: ANN001
    return {b.text: b.kind for b in article.blocks if b.text}


# ---------------------------------------------------------------- speaker turns
@pytest.mark.parametrize("line, who", [
    ("▷ 김현정 > 안녕하세요. 오늘 첫 순서입니다.", "김현정"),
    ("◆ 홍길동 > 네, 그렇습니다.", "홍길동"),
    ("▷이름 : 그 얘기는 처음 듣습니다.", "이름"),
    ("▶홍길동 : 그렇게 보시면 됩니다.", "홍길동"),
    ("◆ 이영수: 저는 반대합니다.", "이영수"),
    ("◇사회자=오늘은 청년 주거 문제를 짚어보겠습니다.", "사회자"),
    ("◇ 앵커 김영수(이하 김영수): 연결돼 있습니까?", "앵커 김영수(이하 김영수)"),
    ("Q. 첫 악역이다.", "q"), ("A: 제안을 받고 고민했어요.", "a"),
    ("Q2. 다음 작품은?", "q"), ("▲사회자=토론을 시작하겠습니다.", "사회자"), ("문) 최근 근황은?", "q"), ("답) 잘 지내고 있습니다.", "a"),
    ("- \"처음에는 믿기지 않았어요.\"", "-a"), ("― 첫 악역인데 부담은 없었나", "-q"),
])
def test_speaker_turns_are_recognised(line, who):
    turn = speaker_turn(match_key(line))
    assert turn is not None and turn.who == who


@pytest.mark.parametrize("line", [
    "A씨는 지난달 경찰에 고소장을 냈다.",  # an anonymised person, not an answer
    "문의는 시청 민원실로 하면 된다.",
    "▶ 폭염 특보 전국으로 확대",
])
def test_lines_that_are_no_speaker_turns(line):
    assert speaker_turn(match_key(line)) is None


@pytest.mark.parametrize("line", ["- 시장 \"민생이 먼저다\"", "- \"일자리 늘리겠다\" 시장 신년사 발표했다."])
def test_dashed_headlines_are_no_answers(line):
    """A dash and a headline with a quotation in it: at most a question, never a quoted answer."""
    assert not speaker_turn(match_key(line)).answer


# ---------------------------------------------------------------- broadcast scripts
def test_tv_script_in_one_div_markers_removed_narration_kept(generic):
    article = clean_page(generic, "tv_script.html")
    assert removed_by(article, "common/speaker-marker") == ["[앵커]", "[리포트]"]
    assert all(r.kind == "ignore" for r in article.removed if r.rule == "common/speaker-marker")
    text = article.text
    assert "[앵커]" not in text and "[리포트]" not in text
    for narration in ("한낮 기온이 35도를 넘어선 서울 도심,", "오후 5시 기준 전력 수요는 9만 3천여 메가와트,",
                      "김민수 기자가 보도합니다."):
        assert narration in article.paragraphs
        assert body_kinds(article)[narration] == "body"  # narration, not an in-article heading
    assert "[이영희/서울 마포구 : \"밖에 잠깐만 서 있어도 숨이 턱턱 막혀요. 이런 더위는 처음인 것 같아요.\"]" in article.paragraphs
    assert article.paragraphs[-1].startswith("정부는 다음 주 초까지")


def test_sign_off_is_a_byline_that_names_the_reporter(generic):
    article = clean_page(generic, "tv_script.html")
    assert "김민수입니다" not in article.text
    assert removed_by(article, "common/sign-off") == ["KBS 뉴스 김민수입니다."]
    assert article.reporters == ["김민수"]
    credits = [r for r in article.removed if r.rule == "common/broadcast-credits"]
    assert [(r.text, r.kind) for r in credits] == [("촬영기자:이성훈/영상편집:정지영/그래픽:박미래", "ignore")]
    assert not article.captions  # a production credit is no photo caption, and names no reporter


def test_tv_script_in_paragraphs_with_interview_markers(generic):
    article = clean_page(generic, "tv_script_p.html")
    assert removed_by(article, "common/speaker-marker") == ["◀ 앵커 ▶", "◀ 리포트 ▶"]
    assert removed_by(article, "common/speaker-label") == ["▶ 인터뷰 : 한지수 / 곤충학 박사", "▶ 스탠딩 : 정다은 / 기자"]
    paragraphs = article.paragraphs
    assert "한지수 / 곤충학 박사" not in paragraphs  # a speaker's label, not spoken words
    for kept in ("밤 11시, 서울의 한 아파트 단지", "잦은 비로 물웅덩이가 곳곳에 생기면서",
                 "“가을 모기는 실내로 들어오려는 습성이 강해서 방충망 틈새나 배수구를 먼저 막는 게 중요합니다.”",
                 "<최민호/아파트 주민> “밤마다 두세 번은 깨요. 창문을 닫아도 어디로 들어오는지 모르겠어요.”",
                 "“보건당국은 이달 말까지 모기 매개 감염병 주의보를 유지하기로 했습니다.”"):
        assert kept in paragraphs
    assert body_kinds(article)["밤 11시, 서울의 한 아파트 단지"] == "body"
    assert "MBC뉴스 정다은입니다." not in article.text
    assert article.reporters == ["정다은"]
    assert "영상취재" not in article.text


def test_text_dump_of_a_live_report(generic):
    article = clean_page(generic, "tv_script_dump.txt")
    assert article.title == "태풍 북상에 남해안 ‘비상’…항구마다 피항 어선 가득"  # markers are looked past
    assert removed_by(article, "common/speaker-marker") == ["[앵커]", "[기자]"]
    paragraphs = article.paragraphs
    assert paragraphs[0].startswith("제11호 태풍이") and paragraphs[-1] == "지자체는 오늘 밤 해안가 주민들에게 대피를 권고할 예정입니다."
    for kept in ("항구마다 피항한 어선들로 가득 찼는데요,", "최대 순간풍속은 초속 40미터 안팎,", "네, 경남 통영항에 나와 있습니다."):
        assert kept in paragraphs
    assert any(p.startswith("[배경수 / 통영 어민 : ") for p in paragraphs)
    assert article.reporters == ["오지훈"] and article.press == "누리뉴스TV"
    assert article.emails == ["jihoon@nuri.example"]
    assert "태풍 대비 행동요령" not in article.text  # the related list under it is still removed
    assert [r.kind for r in article.removed if "제보를 기다립니다" in r.text] == ["ad"]  # the tip line


def test_marker_before_text_is_cut_and_the_text_kept(generic):
    dump = "\n".join([
        "[앵커] 올해 김장철 배춧값이 지난해보다 30% 넘게 올랐습니다. 이유가 뭔지 박소연 기자가 취재했습니다.",
        "【 기자 】 경기도 이천의 한 배추밭입니다. 수확을 앞둔 배추가 누렇게 말라 있습니다.",
        "인터뷰> 김순자 / 배추 재배 농민 : \"여름 내내 비가 안 와서 절반은 못 쓰게 됐어요.\"",
        "정부는 비축 물량을 풀어 가격 안정에 나설 계획입니다. 누리TV 뉴스 박소연입니다.",
    ])
    article = generic.clean(dump)
    assert article.paragraphs == [
        "올해 김장철 배춧값이 지난해보다 30% 넘게 올랐습니다. 이유가 뭔지 박소연 기자가 취재했습니다.",
        "경기도 이천의 한 배추밭입니다. 수확을 앞둔 배추가 누렇게 말라 있습니다.",
        "김순자 / 배추 재배 농민 : \"여름 내내 비가 안 와서 절반은 못 쓰게 됐어요.\"",
        "정부는 비축 물량을 풀어 가격 안정에 나설 계획입니다.",
    ]
    assert removed_by(article, "common/speaker-marker-prefix") == ["[앵커]", "【 기자 】", "인터뷰>"]
    assert removed_by(article, "common/sign-off-suffix") == ["누리TV 뉴스 박소연입니다."]
    assert article.reporters == ["박소연"]


def test_script_without_sign_off_runs_to_its_last_sentence(generic):
    dump = "\n".join([
        "<앵커>",
        "새벽 배송을 하던 50대 기사가 배송 도중 쓰러져 숨졌습니다. 심야 노동의 안전 기준이 없다는 지적이 나옵니다.",
        "<기자>",
        "새벽 3시, 경기도의 한 물류센터 앞",
        "배송 차량 수십 대가 줄지어 짐을 싣습니다.",
        "<김도현/노동안전연구소 연구위원> : 심야 노동은 그 자체로 발암 요인으로 분류됩니다. 휴게 기준이 필요합니다.",
        "현행법상 야간 노동 건강진단은 있지만,",
        "노동부는 실태 조사에 착수했습니다.",
        "· 택배 노조 파업 예고",
        "· 심야 배송 금지법 발의",
        "· 배달 라이더 사고 잇따라",
    ])
    article = generic.clean(dump)
    kinds = body_kinds(article)
    for narration in ("새벽 3시, 경기도의 한 물류센터 앞", "현행법상 야간 노동 건강진단은 있지만,"):
        assert kinds[narration] == "body"  # narration, not an in-article heading
    assert article.paragraphs[-1] == "노동부는 실태 조사에 착수했습니다."


@pytest.mark.parametrize("handoff, reporter", [
    ("폭우 피해 현장을 정하늘 기자가 보도합니다.", "정하늘"),
    ("현장에 나가 있는 취재기자 연결합니다. 오세진 기자!", "오세진"),
    ("워싱턴 연결합니다. 이도윤 특파원!", "이도윤"),
    ("한서연 기자입니다.", "한서연"),
])
def test_anchor_hand_off_names_the_reporter(generic, handoff, reporter):
    dump = "\n".join([
        "[앵커]",
        "밤사이 중부지방에 시간당 50밀리미터가 넘는 폭우가 쏟아져 피해가 잇따랐습니다.",
        handoff,
        "[리포트]",
        "하천 옆 산책로가 흙탕물에 잠겼습니다. 주차된 차량 수십 대도 물에 떠내려갔습니다.",
        "당국은 오늘 밤까지 비가 이어질 것으로 보고 비상근무를 유지하고 있습니다.",
    ])
    article = generic.clean(dump)
    assert handoff in article.text  # the anchor's words stay in the body
    assert article.reporters == [reporter]


# ---------------------------------------------------------------- transcripts and Q&A
def test_radio_interview_transcript_fully_kept(generic):
    article = clean_page(generic, "radio_interview.html")
    turns = [p for p in article.paragraphs if p.startswith(("▷", "◆"))]
    assert len(turns) == 13
    for short in ("◆ 문태호 > 네, 안녕하세요.", "▷ 윤서진 > 38도요?", "◆ 문태호 > 그렇습니다.", "◆ 문태호 > 고맙습니다."):
        assert short in turns
    assert "문화평론가" not in article.text  # the list of other interviews beside it


def test_newspaper_q_and_a_fully_kept(generic):
    article = clean_page(generic, "qa_interview.html")
    qa = [p for p in article.paragraphs if p.startswith(("Q.", "A."))]
    assert qa == ["Q. 첫 악역이다.",
                  "A. 제안을 받고 일주일 정도 고민했어요. 제가 가진 얼굴로 이 인물을 설득할 수 있을지 확신이 없었거든요.",
                  "Q. 결국 출연을 결심한 이유는",
                  "A. 대본 마지막 회를 읽고 나서요. 악역이지만 그 사람 나름의 논리가 있더라고요.",
                  "Q. 촬영장 분위기는 어땠나", "A. 정말 좋았어요.", "Q. 다음 목표는",
                  "A. 코미디요. 사람들을 웃기는 게 제일 어렵더라고요."]
    assert all(body_kinds(article)[p] == "body" for p in qa)
    assert article.reporters == ["윤가람"]


def test_round_table_in_a_text_dump(generic):
    turns = ["◇사회자=청년 주거 문제, 어디서부터 풀어야 합니까?",
             "◆김교수=공급이 먼저입니다.",
             "◆박대표=저는 생각이 다릅니다. 공급보다 임대료 부담을 먼저 덜어야 합니다.",
             "◇사회자=구체적으로요?",
             "◆박대표=월세 지원을 늘려야죠.",
             "◆김교수=그건 단기 처방입니다."]
    dump = "\n".join(["청년 주거 좌담회", "좌담회는 지난 10일 서울 중구 본사 회의실에서 열렸다. 참석자들의 발언을 정리했다.",
                      *turns, "정리=한지민 기자"])
    article = generic.clean(dump)
    assert [p for p in article.paragraphs if p[0] in "◇◆"] == turns


def test_dashed_interview_without_names(generic):
    lead = "소설가 한지원(52)이 10년 만에 장편을 냈다. 제주 바닷가 마을의 세 자매 이야기다. 출간을 앞두고 그를 만났다."
    qa = ["- 10년 만의 장편이다", "- \"쓰는 데 7년, 고치는 데 3년이 걸렸어요.\"",
          "- 왜 제주인가", "- \"어머니 고향이에요.\"",
          "- 다음 작품은", "- \"아직 비밀입니다.\""]
    article = generic.clean("\n".join([lead, *qa]))
    assert article.paragraphs == [lead, *qa]


def test_radio_dump_with_unstopped_turns_then_a_list_of_headlines(generic):
    """Turns with ▶ and a colon (some without a stop) stay body; the headline list
    right after the transcript, shaped like turns too, is still removed."""
    turns = ["▶ 김태현/진행자: 오늘 첫 손님 모셨습니다. 한국교통연구원 오민재 박사님 나와 계십니다.",
             "▶ 오민재/박사: 네, 안녕하세요.",
             "▶ 김태현/진행자: 요즘 출퇴근길 지하철 혼잡도가 심각하다고요",
             "▶ 오민재/박사: 출근 시간대 일부 구간은 혼잡도가 200%를 넘습니다. 사람이 서 있기도 힘든 수준이죠.",
             "▶ 김태현/진행자: 대책은 없습니까?",
             "▶ 오민재/박사: 열차를 늘리는 것만으로는 한계가 있고, 출근 시간을 분산하는 정책이 같이 가야 합니다."]
    related = ["▶ 속보 : 지하철 2호선 운행 재개", "▶ 단독 : 출근길 혼잡 대책 발표", "▶ 교통 : 버스 노선 개편안 확정"]
    article = generic.clean("\n".join(["<김태현의 아침 정치쇼>", *turns, *related]))
    assert article.paragraphs == turns
    assert [r.kind for r in article.removed if r.text in related] == ["related"] * 3


# ---------------------------------------------------------------- real lists stay out
def test_bulleted_headline_list_is_still_removed(generic):
    """A guard: a list of headlines that look like speaker turns (a label and a
    colon, a name and a quotation) is a list of other articles, not a transcript."""
    article_text = [
        "서울시가 다음 달부터 폭염 취약계층을 위한 무더위 쉼터 운영 시간을 밤 9시까지 늘린다.",
        "시는 구청과 주민센터 등 1200여 곳을 쉼터로 지정하고 냉방비를 지원한다고 밝혔다.",
    ]
    related = ["▶ 단독 : 폭염 특보 전국으로 확대", "▶ 날씨 : 주말 날씨는?", "▷ 홍길동 \"국민 뜻 따르겠다\"",
               "◆ 경제 : 전기요금 또 오르나?", "◆ 사회 : 쪽방촌의 여름나기"]
    article = generic.clean("\n".join([*article_text, *related]))
    assert article.paragraphs == article_text
    assert {r.kind for r in article.removed} == {"related"}


def test_dash_quote_headlines_stay_a_list(generic):
    """A guard: quoted headlines after a dash, no stop inside the quotes, are no answers."""
    article_text = ["군은 이번 훈련에 병력 3000여 명과 장비 200여 대를 동원한다고 밝혔다.",
                    "훈련은 다음 달 3일부터 열흘 동안 강원 지역에서 진행된다."]
    related = ["- \"민생이 먼저다\"", "- \"공천 원칙 지킨다\"", "- \"야당과 대화하겠다\""]
    article = generic.clean("\n".join([*article_text, *related]))
    assert article.paragraphs == article_text


def test_bulleted_list_inside_an_html_article_is_still_removed(generic):
    """A guard on the HTML path: bulleted headlines at the foot of the article body,
    one list linked and one not, shaped like speaker turns, stay out of the body."""
    paragraphs = ["서울시가 다음 달부터 폭염 취약계층을 위한 무더위 쉼터 운영 시간을 밤 9시까지 늘린다.",
                  "시는 구청과 주민센터 등 1200여 곳을 쉼터로 지정하고 냉방비를 지원한다고 밝혔다.",
                  "쉼터 위치는 시 누리집과 지도 앱에서 확인할 수 있다."]
    linked = ["▷ 폭염 : 온열질환자 벌써 1천 명", "▷ 날씨 : 주말에도 찜통더위", "▷ 전력 : 예비율 한 자릿수"]
    plain = ["◆ 속보 : 쪽방촌 냉방기 지원 확대", "◆ 단독 : 무더위 쉼터 절반은 평일만", "◆ 사회 : 야외 노동 멈춤 기준 논의"]
    html = ("<html><head><title>무더위 쉼터 밤 9시까지 연장</title></head><body><article><h1>무더위 쉼터 밤 9시까지 연장</h1>"
            "<div class='article-body'>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "<p>" + "<br>".join(f"<a href='/n/{i}'>{t}</a>" for i, t in enumerate(linked)) + "</p>"
            + "".join(f"<p>{t}</p>" for t in plain) + "</div></article></body></html>")
    article = generic.clean(html)
    assert article.paragraphs == paragraphs



@pytest.mark.parametrize("line, rule", [
    ("▶ 인터뷰 전문 보기", "common/related-arrow"),  # a link to the full interview, not a marker
    ("▶ 인터뷰 : 홍길동 / 시민", "common/speaker-label"),  # a label alone: name / role, no words
    ("▶ 스탠딩 : 김민수 / 기자", "common/speaker-label"),
    ("▶ 인터뷰 : 홍길동 / 시민 : \"너무 더워요.\"", "common/speaker-marker-prefix"),  # words follow: cut
])
def test_arrow_lines_between_paragraphs(generic, line, rule):
    article = generic.clean("\n".join(["오늘 서울 낮 기온이 35도까지 오르며 올여름 들어 가장 더웠습니다.", line,
                                       "내일도 무더위는 이어지겠습니다. 건강 관리에 유의하셔야겠습니다."]))
    assert [r.rule for r in article.removed] == [rule]


MARKERS = ["[앵커]", "[기자]", "[리포트]", "【 앵커멘트 】", "◀ 앵커 ▶", "◀ 리포트 ▶", "<앵커 멘트>", "<기자 멘트>",
           "<앵커>", "[앵커 멘트]", "【 기자 】", "〈앵커〉"]
SCRIPT = ["오늘 서울 낮 기온이 35도까지 오르며 올여름 들어 가장 더웠습니다.",
          "내일도 무더위는 이어지겠습니다. 건강 관리에 유의하셔야겠습니다."]


@pytest.mark.parametrize("marker", MARKERS)
def test_a_marker_alone_is_removed_and_recorded(generic, marker):
    article = generic.clean("\n".join([SCRIPT[0], marker, SCRIPT[1]]))
    assert article.paragraphs == SCRIPT
    assert [(r.text, r.kind, r.rule) for r in article.removed] == [(marker, "ignore", "common/speaker-marker")]


@pytest.mark.parametrize("marker", MARKERS)
def test_a_marker_before_text_is_cut(generic, marker):
    article = generic.clean("\n".join([f"{marker} {SCRIPT[0]}", SCRIPT[1]]))
    assert article.paragraphs == SCRIPT
    assert [(r.text, r.rule) for r in article.removed] == [(marker, "common/speaker-marker-prefix")]


def test_a_turn_pattern_matches_only_lines_opening_with_its_quick_test_character() -> None:
    from cleaner import speech
    from cleaner.vocab import DIALOGUE_DASHES

    tails = ["1. 네.", ". 네", ") 답변", "] 네", "문) 네", "  네", "ㅁ. 네", "답변: 네", "질문> 네"]
    for c in range(0x10000):
        for tail in tails:
            key = chr(c) + tail
            if speech._QA_TURN.match(key):
                assert chr(c) in speech._QA_FIRST, key
            if speech._DASH.match(key):
                assert chr(c) in DIALOGUE_DASHES, key
    for key in ["[문] 네", "q. 네", "a: 네", "문) 네", "답) 네", "질문. 네", "답변: 네", "- 질문", "― \"네.\""]:
        assert speech.speaker_turn(key) is not None, key
