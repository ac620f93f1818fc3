"""Whole-page text dumps (a scraper's ``get_text("\\n")``): the article region is
found among menus, rankings, teaser lists and footers (cleaner.region).  The
dumps are written here, invented text in the shape of real Korean news pages."""

from __future__ import annotations

from cleaner import Cleaner, classify, heuristic, region
from cleaner.segment import segment_text

ARTICLE = [
    "한빛시가 다음 달부터 시내버스 전 노선에 전기버스 120대를 새로 투입한다고 3일 밝혔다.",
    "시는 올해 예산 480억원을 들여 낡은 경유 버스를 모두 바꾸고, 차고지 네 곳에 급속 충전기 60기를 설치하기로 했다.",
    "김영수 한빛시 교통국장은 \"전기버스 도입으로 도심 미세먼지 배출량이 해마다 12%가량 줄어들 것으로 본다\"고 말했다.",
    "운수업계는 충전 시간 탓에 배차 간격이 길어질 수 있다며 우려를 나타냈다. 한 업체 관계자는 \"겨울철 배터리 효율이 떨어지는 문제도 풀어야 한다\"고 지적했다.",
    "시는 이에 대해 노선별 운행 거리를 다시 짜고, 심야 시간대 충전을 늘려 배차 간격을 지금 수준으로 유지하겠다고 설명했다.",
    "한빛시는 2030년까지 마을버스와 공공기관 업무용 차량도 모두 전기차나 수소차로 바꿀 계획이다.",
]
TITLE = "한빛시, 시내버스 120대 전기버스로…미세먼지 12% 줄인다"
MENU = ["본문 바로가기", "로그인", "회원가입", "구독신청", "전체기사", "정치", "경제", "사회", "국제",
        "문화", "연예", "스포츠", "오피니언", "포토", "영상", "지역", "교육", "날씨", "기획연재", "뉴스레터",
        "검색", "메뉴 열기", "기자 구독", "이슈 키워드", "많이 찾는 뉴스", "지면보기"]
HEAD = [TITLE, "입력 2025.03.03 10:12", "수정 2025.03.03 11:40", "이가람 기자", "페이스북", "트위터",
        "카카오톡", "링크복사", "글자크기", "인쇄"]
RANKING = ["많이 본 뉴스", "댓글순", "추천순",
           "1 [오늘의 시선/한지민]봄철 산불, 예방이 먼저다",
           "2 국회 예산안 처리 또 늦어지나…여야 '네 탓' 공방",
           "3 \"집값 바닥 찍었다\"…수도권 아파트 거래 석 달째 늘어",
           "4 프로야구 개막 앞두고 시범경기 매진 행렬",
           "5 [단독]시외버스 요금 내년 5% 오른다"]
TEASERS = [  # headline, then a lead cut at a fixed length mid-sentence
    "주말 나들이객 몰린 해안도로…곳곳 정체",
    "따뜻한 날씨가 이어진 주말 동해안 해안도로에 나들이 차량이 몰리면서 곳곳에서 정체가 빚어졌다. 경찰은 오후 들어 차량이",
    "청년 월세 지원 신청 첫날 접속 폭주",
    "정부의 청년 월세 지원 사업 신청 첫날 누리집 접속이 몰리며 한때 서비스가 멈췄다. 국토교통부는 신청 기간을 두 달로 늘",
    "항만 자동화 시범사업 첫 삽…2028년 완공",
    "부산항 신항에 무인 크레인과 자율주행 운반차를 들이는 항만 자동화 시범사업이 첫 삽을 떴다. 사업비는 모두 3200억원으로",
    "도서관 야간 개방 확대…직장인 호응",
    "시립도서관 다섯 곳이 평일 밤 11시까지 문을 여는 야간 개방을 시작하자 퇴근길 직장인들의 발길이 이어지고 있다. 도서관 측",
]
CARD_LEADS = [
    "지난 주말 한빛천 둔치에 봄꽃이 일제히 피면서 상춘객 수만 명이 몰렸다. 시는 다음 주까지 둔치 주차장을 무료로 열고"
    " 임시 화장실 20곳을 더 설치하기로 했다. 꽃길 야간 조명은 밤 10시까지 켜 둔다.",
    "한빛시립미술관이 개관 20주년을 맞아 소장품 300여 점을 한꺼번에 선보이는 특별전을 연다. 전시는 6월 말까지"
    " 이어지며 관람료는 받지 않는다. 미술관은 주말마다 작가와의 대화 시간도 마련했다.",
    "도심 하천 세 곳에서 멸종위기종인 수달 가족이 잇따라 발견됐다. 환경단체는 하천 복원 사업 10년 만의 성과라고"
    " 평가했다. 시는 서식지 주변 산책로 일부를 밤에는 닫기로 했다.",
]
FOOTER = ["회사소개", "광고안내", "제휴문의", "개인정보처리방침", "청소년보호정책", "이용약관", "고충처리인",
          "한빛일보 서울시 중구 세종대로 1 대표전화 02-000-0000", "Copyright ⓒ 한빛일보. All rights reserved."]


def _page(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part)


def test_whole_page_keeps_the_article_and_cuts_the_page_around_it(cleaner: Cleaner) -> None:
    article = cleaner.clean(_page(MENU, HEAD, ARTICLE, ["이가람 기자 garam@hanbit.example"], RANKING, FOOTER))
    assert article.paragraphs == ARTICLE
    assert article.title == TITLE
    assert article.reporters == ["이가람"]
    cut = {r.text: r for r in article.removed}
    assert cut["전체기사"].kind == "menu" and cut["전체기사"].rule.startswith("region: outside")


def test_a_ranking_list_is_cut_wherever_it_stands(cleaner: Cleaner) -> None:
    """Numbered headline lines in sequence, even between paragraphs of an already-cut dump."""
    text = _page(ARTICLE[:3], RANKING[3:], ARTICLE[3:])
    article = cleaner.clean(text)
    assert article.paragraphs == ARTICLE
    kinds = {r.text: (r.kind, r.rule) for r in article.removed}
    assert kinds[RANKING[4]] == ("related", "region: item of a numbered list of 5 headlines")


def test_a_numbered_paragraph_is_no_ranking(cleaner: Cleaner) -> None:
    numbered = [f"{i} {p}" for i, p in enumerate(ARTICLE[:3], start=1)]
    assert cleaner.clean(_page(numbered, ARTICLE[3:])).paragraphs == numbered + ARTICLE[3:]


def _cards() -> list[str]:
    """Teaser cards with complete leads: a headline, then its lead."""
    return [line for n, lead in enumerate(CARD_LEADS) for line in (f"[포토]{n + 1}월의 한빛 풍경", lead)]


def test_teaser_lists_after_the_article_are_cut(cleaner: Cleaner) -> None:
    article = cleaner.clean(_page(MENU, HEAD, ARTICLE, ["함께 볼만한 뉴스"], TEASERS, _cards(), FOOTER))
    assert article.paragraphs == ARTICLE
    assert not any(t[:20] in article.text for t in TEASERS + CARD_LEADS)


def test_a_second_copy_of_the_article_is_dropped(cleaner: Cleaner) -> None:
    """A print or e-mail copy hidden in the page: the first complete copy stays."""
    article = cleaner.clean(_page(MENU, HEAD, ARTICLE, ["이메일 보내기", "인쇄하기"], ARTICLE, RANKING, FOOTER))
    assert article.paragraphs == ARTICLE
    copies = [r for r in article.removed if r.rule.startswith("region: a copy of line")]
    assert len(copies) == len(ARTICLE)


def test_article_at_the_very_end_of_the_dump(cleaner: Cleaner) -> None:
    article = cleaner.clean(_page(MENU, RANKING, FOOTER, HEAD, ARTICLE))
    assert article.paragraphs == ARTICLE
    assert article.title == TITLE


def test_article_at_the_very_start_of_the_dump(cleaner: Cleaner) -> None:
    tail = ["이가람 기자", "ⓒ 한빛일보 무단전재 및 재배포 금지", "기자 구독", "이 시각 주요뉴스"]
    article = cleaner.clean(_page(ARTICLE, tail, RANKING, MENU, _cards(), FOOTER))
    assert article.paragraphs == ARTICLE
    assert not any(item in article.text for item in MENU + FOOTER)


RELATED = ["다른 도시도 전기버스 늘린다", "충전소 부족 여전…운수업계 한숨", "수소버스 시범 운행 1년 성적표",
           "버스 준공영제 10년, 남은 과제", "배터리 화재 대책 마련 서둘러야", "시내버스 노선 개편안 공개"]


def _with_links(paragraphs: list[str]) -> list[str]:
    """Each paragraph followed by two related-article links, as a roundup prints them."""
    out = []
    for i, p in enumerate(paragraphs):
        out += [p, f"▶관련기사: {RELATED[i]}", f"▶관련기사: {RELATED[-i - 1]} 논란"]
    return out


def test_a_short_lead_before_related_links_stays(cleaner: Cleaner) -> None:
    """The lead paragraph weighs less than the two links after it; the region
    grows across such in-article furniture."""
    article = cleaner.clean(_page(MENU, HEAD, _with_links(ARTICLE), FOOTER))
    assert article.paragraphs == ARTICLE


def test_teaser_cards_above_the_dateline_give_way_to_the_article_below_it() -> None:
    """Full teaser cards (headline, complete lead) above the page's dateline outweigh
    a roundup of short paragraphs with related links; the dateline decides."""
    cards = []
    for n, lead in enumerate(CARD_LEADS * 2):
        cards += [f"[오늘의 사진]{n + 1}월의 풍경", lead]
    roundup = [" ".join(ARTICLE[i:i + 2]) for i in range(0, len(ARTICLE), 2)]
    blocks = segment_text(_page(MENU, cards, MENU[:10], HEAD, _with_links(roundup), FOOTER))
    book, packs = Cleaner()._book(None)
    classify.apply_packs(blocks, book, packs, [])  # the dateline is the common pack's
    found = region.find(blocks, heuristic.classify(blocks))
    assert found is not None
    assert (blocks[found.start].text, blocks[found.end - 1].text) == (roundup[0], roundup[-1])


def test_an_already_cut_dump_keeps_its_lines() -> None:
    """A crawler's article (few lines outside the core) is not a whole page."""
    blocks = segment_text(_page([TITLE], ARTICLE, ["사진=한빛시 제공", "이가람 기자"]))
    found = region.find(blocks, heuristic.classify(blocks))
    assert found is not None and not found.whole_page


def test_a_whole_page_is_one() -> None:
    blocks = segment_text(_page(MENU, HEAD, ARTICLE, RANKING, FOOTER))
    found = region.find(blocks, heuristic.classify(blocks))
    assert found is not None and found.whole_page
    assert blocks[found.start].text == ARTICLE[0] and blocks[found.end - 1].text == ARTICLE[-1]


def test_a_copyright_line_ends_the_article(cleaner: Cleaner) -> None:
    """A portal's note under the copyright line is a sentence, but not the article."""
    notes = ["Copyright ⓒ 한빛일보. All rights reserved. 무단 전재 및 재배포 금지.",
             "기사의 섹션 정보는 해당 언론사의 분류를 따르고 있습니다. 언론사는 개별 기사를 2개 이상 섹션으로"
             " 중복 분류할 수 있습니다."]
    article = cleaner.clean(_page(MENU, HEAD, ARTICLE + CARD_LEADS, notes, RANKING, FOOTER))
    assert article.paragraphs == ARTICLE + CARD_LEADS


SECTIONS = [f"{s} {k}" for s in ("정치", "경제", "사회", "문화") for k in ("일반", "정책", "현장", "인물", "기획", "연재")]
HEADLINES = ["주말 나들이객 몰린 해안도로…곳곳 정체", "청년 월세 지원 신청 첫날 접속 폭주", "항만 자동화 시범사업 첫 삽",
             "도서관 야간 개방 확대…직장인 호응", "수달 가족 돌아온 도심 하천", "봄꽃 축제 이번 주말 절정"]


def test_a_teaser_list_with_complete_leads_under_the_article_is_cut(cleaner: Cleaner) -> None:
    """Headline and complete lead, four times under the byline: each pair weighs
    more than it costs, so only its shape tells it from the article."""
    teasers = [line for i, head in enumerate(HEADLINES[:4]) for line in (head, CARD_LEADS[i % 3])]
    page = _page(MENU, SECTIONS, HEAD, ARTICLE, ["이가람 기자", "추천 기사"], teasers, SECTIONS, FOOTER)
    assert cleaner.clean(page).paragraphs == ARTICLE


def test_an_article_with_a_heading_over_each_paragraph_stays_whole(cleaner: Cleaner) -> None:
    """Unmarked headings over single paragraphs look like a teaser list, but nothing
    sets them off from the article's lead."""
    sections = [line for head, p in zip(HEADLINES, ARTICLE[1:]) for line in (head, p)]
    page = _page(MENU, SECTIONS, HEAD, ARTICLE[:1] + sections, ["이가람 기자"], RANKING, SECTIONS,
                 ["한빛일보는 독자 여러분의 제보를 기다립니다. 제보는 누리집과 전화로 받습니다."], FOOTER)
    assert [p for p in cleaner.clean(page).paragraphs if p in ARTICLE] == ARTICLE


def test_a_credit_after_a_paragraph_keeps_it_but_a_photographers_credit_does_not(cleaner: Cleaner) -> None:
    """`… 말했다. 연합뉴스` is a paragraph with the wire's credit (the credit is cut off as a
    byline suffix, as the gold does); `… 걷고 있다. 박사진 기자` is a photo caption with its photographer's."""
    credited = ARTICLE[2] + " 연합뉴스"
    caption = "3일 한빛시청 앞 정류장에서 시민들이 새로 도입된 전기버스에 오르고 있다. 한빛시는 이날 시승 행사를 열었다. 박사진 기자"
    article = cleaner.clean(_page(ARTICLE[:2], [credited, caption, "ⓒ 한빛일보 무단전재 및 재배포 금지"]))
    # the wire's credit is cut off as a byline (GOLD.md: a closing "연합뉴스" credit) and names the press
    assert article.paragraphs == ARTICLE[:3] and article.press == "연합뉴스"


def test_the_sentence_ends_classify_hands_on_weigh_the_lines_as_read_again() -> None:
    """The region weighs a good line by whether it ends a sentence: the flags
    heuristic.classify reads off the lines' shapes give the weights the keys give."""
    from cleaner.vocab import ends_sentence

    blocks = segment_text(_page(MENU, HEAD, ARTICLE, ["“기사 끝에 따옴표로 맺은 문장이다.”", "문장이 끝나지 않은 긴 줄 " * 3],
                                RANKING, FOOTER))
    sentences = [False] * len(blocks)
    classes = heuristic.classify(blocks, sentences)
    assert sum(sentences) >= len(ARTICLE)
    assert all(sentences[i] == ends_sentence(b.key) for i, b in enumerate(blocks) if classes[i] is not None)
    labels = region._template_labels(blocks, classes)
    assert region._weights(blocks, classes, labels, sentences) == region._weights(blocks, classes, labels)
    assert region.find(blocks, classes, sentences) == region.find(blocks, classes)
