"""Real crawler text dumps (../shared/corpus/ko-news/text): bylines, copyright
lines and e-mails go, article sentences stay.  Expectations written by reading
the files."""

from __future__ import annotations

import re

import pytest

from .conftest import KO_NEWS

TEXT = KO_NEWS / "text"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
COPYRIGHT = re.compile(r"ⓒ|©|무단\s*전재|재배포|Copyright|저작권자", re.I)

CASES = {
    # name: (sentences that must be kept, pieces that must be gone, reporters)
    "daum__01": (["구지은 아워홈 대표이사 부회장이 오빠 구본성 전 부회장과 언니 구미현 씨에게 밀려 결국 경영권을 잃었다.",
                  "이 때문에 아워홈 내부 분위기는 매우 어수선한 상황이다."],
                 ["정혜인 (hij@bizwatch.co.kr)", "소중한 저작물입니다"], ["정혜인"]),
    "daum__02": (["전기본 총괄위는 2030년 신재생에너지 보급 목표를 72GW(기가와트)로 제시했다."],
                 ["Copyright ⓒ 조선비즈"], []),
    "daum__03": (["1등 당첨자는 남자가 75%, 여자가 25%로 큰 차이를 보였다.",
                  "연령별로는 40대(33%)가 가장 많았다."],
                 ["socool@mt.co.kr", "세종=박광범 기자"], ["박광범"]),
    "naver__04": (["진순씨는 22세였던 1980년 5월 이후 정신을 놓았다."],
                  ["경향신문은 사원이 주인입니다", "https://www.khan.co.kr"], []),
    "naver__05": (["안인 염전해변은 동해안에서 유일하게 해안사구를 품고있는 해안이다."],
                  ["ⓒ 진재중", "▲ 동해 앞바다"], []),
    "naver__07": (["삼성전자는 신제품 노트북인 '갤럭시 북4 엣지' 출시를 앞두고 30일 서울 용산구에서 미디어 브리핑을 진행했다."],
                  ["[서울=뉴시스]이현주 기자 ="], ["이현주"]),
    "naver__01": (["보수 성향 싱크탱크 헤리티지재단 소속인 브루스 클링너 선임연구원은 16일 한국 취재단에게"
                   " 문 대통령과 트럼프 대통령에 대한 불신을 노골적으로 드러냈다."],
                  ["ficciones@hankookilbo.com", "▶한국일보", "무단 전재"], ["권경성"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_text_dump(cleaner, name):
    keep, gone, reporters = CASES[name]
    article = cleaner.clean((TEXT / f"{name}.txt").read_bytes())
    for sentence in keep:
        assert sentence in article.text
    for piece in gone:
        assert piece not in article.text
    for reporter in reporters:
        assert reporter in article.reporters
    assert not EMAIL.findall(article.text), "an e-mail address is left in the body"
    assert not [p for p in article.paragraphs if COPYRIGHT.search(p)], "a copyright line is left"


@pytest.mark.parametrize("name", ["naver__01", "naver__03"])
def test_multi_article_dumps_lose_tails_not_text(cleaner, name):
    """One article per line, paragraphs joined by double spaces: every byline e-mail
    and copyright tail goes, and most of the text stays."""
    raw = (TEXT / f"{name}.txt").read_text(encoding="utf-8")
    article = cleaner.clean(raw)
    assert not EMAIL.findall(article.text)
    assert not COPYRIGHT.search(article.text)
    assert len(article.text) > 0.7 * len(raw)
    removed_kinds = {r.kind for r in article.removed}
    assert {"byline", "copyright"} <= removed_kinds


def test_metadata_index_file_is_not_an_article(cleaner):
    """naver__02 is the tab-separated index of naver__01: no article in it."""
    article = cleaner.clean((TEXT / "naver__02.txt").read_bytes())
    assert article.text == ""
    assert article.kind == "empty"
