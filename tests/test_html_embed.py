"""Articles held in page data (Arc/Fusion, JSON-LD articleBody, __NEXT_DATA__), on small
pages written like the real ones: the visible markup has no article text."""

from __future__ import annotations

import json

from cleaner import Cleaner
from cleaner.html.extract import extract_blocks

PARAGRAPHS = [
    "정부가 내년도 예산안을 국회에 제출했다. 총지출은 올해보다 3.2% 늘어난 677조원 규모로, "
    "2년 연속 3%대 증가율에 그쳤다.",
    "기획재정부는 29일 국무회의에서 이 같은 내용의 2025년 예산안을 의결했다고 밝혔다. 재정적자는 "
    "국내총생산(GDP) 대비 2.9%로 관리 목표인 3% 안에 들어왔다.",
    "정부는 건전재정 기조를 유지하면서도 저소득층 생계급여와 청년 일자리 등 민생 예산은 늘렸다고 "
    "설명했다. 예산안은 다음 달 2일 국회에 제출된다.",
]

FUSION_STORY = {
    "_id": "ABCDEF1234567890",
    "type": "story",
    "headlines": {"basic": "내년 예산 677조원…건전재정 기조 유지"},
    "first_publish_date": "2024-08-29T01:30:00.000Z",
    "credits": {"by": [{"type": "author", "name": "김민국"}]},
    "taxonomy": {"primary_section": {"name": "경제"}},
    "content_elements": [
        {"type": "text", "content": PARAGRAPHS[0]},
        {"type": "image", "url": "https://images.example/a.jpg", "caption": "최상목 부총리가 예산안을 설명하고 있다. /뉴시스"},
        {"type": "text", "content": f"<b>{PARAGRAPHS[1][:8]}</b>{PARAGRAPHS[1][8:]}"},
        {"type": "raw_html", "content": "<div class='ad'>광고</div>"},
        {"type": "header", "content": "민생 예산 늘려", "level": 3},
        {"type": "text", "content": PARAGRAPHS[2]},
    ],
}

FUSION_PAGE = f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>내년 예산 677조원…건전재정 기조 유지 - 조선일보</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="조선일보">
<script type="application/javascript" id="fusion-metadata">
window.Fusion=window.Fusion||{{}};Fusion.arcSite="chosun";Fusion.contextPath="/pf";
Fusion.globalContent={json.dumps(FUSION_STORY, ensure_ascii=False)};
Fusion.globalContentConfig={{"source":"content-api","query":{{}}}};
</script></head>
<body><div id="fusion-app"><header><nav><a href="/">홈</a> <a href="/politics/">정치</a>
<a href="/economy/">경제</a></nav></header><main><div class="article-body"></div></main>
<footer>Copyright © 조선일보 All rights reserved.</footer></div></body></html>"""


def test_fusion_global_content_gives_the_body() -> None:
    blocks, article = extract_blocks(FUSION_PAGE, "https://www.chosun.com/economy/2024/08/29/ABC/")
    texts = [b.text for b in blocks if not b.kind]
    assert texts[0] == PARAGRAPHS[0]
    assert PARAGRAPHS[1] in texts and PARAGRAPHS[2] in texts and "민생 예산 늘려" in texts
    assert not any("광고" in t for t in texts)
    captions = [b.text for b in blocks if b.kind == "caption"]
    assert captions == ["최상목 부총리가 예산안을 설명하고 있다. /뉴시스"]
    assert all(b.tag == "data:fusion" for b in blocks if b.kind != "title")
    assert article.published == "2024-08-29T10:30:00+09:00"  # UTC in the data, Korea time out
    assert article.reporters == ["김민국"] and article.section == "경제"


def test_fusion_page_through_the_pipeline(generic: Cleaner) -> None:
    article = generic.clean(FUSION_PAGE.encode("utf-8"))
    assert article.kind == "article"
    assert article.paragraphs[0] == PARAGRAPHS[0]
    assert "예산안을 설명하고 있다" not in article.text
    assert article.title == "내년 예산 677조원…건전재정 기조 유지"
    assert article.press == "조선일보"


JSON_LD_PAGE = """<html><head><meta charset="utf-8"><title>속보</title>
<script type="application/ld+json">{ld}</script></head>
<body><div id="app"><p>자바스크립트를 켜 주세요.</p><ul><li><a href="/a">다른 기사 제목 하나</a></li>
<li><a href="/b">다른 기사 제목 둘</a></li></ul></div></body></html>"""


def test_json_ld_article_body_when_the_markup_is_empty() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "예산안 의결",
          "datePublished": "2024-08-29T10:30:00+09:00", "articleBody": "\n\n".join(PARAGRAPHS),
          "author": [{"@type": "Person", "name": "김민국 기자"}],
          "publisher": {"@type": "Organization", "name": "예시일보"}}
    blocks, article = extract_blocks(JSON_LD_PAGE.format(ld=json.dumps(ld, ensure_ascii=False)))
    assert [b.text for b in blocks if not b.kind] == PARAGRAPHS
    assert article.title == "예산안 의결" and article.press == "예시일보"
    assert article.reporters == ["김민국"]
    assert article.published == "2024-08-29T10:30:00+09:00"


def test_next_data_html_body() -> None:
    data = {"props": {"pageProps": {"article": {
        "title": "예산안 의결", "summary": "짧은 요약",
        "content": "".join(f"<p>{p}</p>" for p in PARAGRAPHS)}}}}
    page = ('<html><head><meta property="og:title" content="예산안 의결"></head><body><div id="__next">'
            '<a href="/">홈</a></div><script id="__NEXT_DATA__" type="application/json">'
            + json.dumps(data, ensure_ascii=False) + "</script></body></html>")
    blocks, _ = extract_blocks(page)
    assert [b.text for b in blocks if not b.kind] == PARAGRAPHS


def test_visible_body_wins_over_a_teaser_in_data() -> None:
    """A page whose markup holds the article keeps it even when JSON-LD has a short articleBody."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    ld = {"@type": "NewsArticle", "headline": "예산안 의결", "articleBody": PARAGRAPHS[0]}
    page = (f'<html><head><script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
            f'</head><body><h1>예산안 의결</h1><article class="story">{body}</article></body></html>')
    blocks, _ = extract_blocks(page)
    assert not any(b.tag.startswith("data:") for b in blocks)
    assert sum(1 for b in blocks if not b.kind) == len(PARAGRAPHS) * 2


def test_entities_in_a_plain_json_ld_body_are_decoded() -> None:
    """A CMS that HTML-escapes the JSON-LD body: the paragraphs read as printed."""
    escaped = [p.replace("“", "&quot;").replace("”", "&quot;") + " R&amp;D 예산도 늘었다." for p in PARAGRAPHS]
    ld = {"@type": "NewsArticle", "headline": "예산안 &quot;의결&quot;", "articleBody": "\n\n".join(escaped)}
    blocks, article = extract_blocks(JSON_LD_PAGE.format(ld=json.dumps(ld, ensure_ascii=False)))
    body = [b.text for b in blocks if not b.kind]
    assert body and all("&quot;" not in t and "&amp;" not in t for t in body)
    assert all(t.endswith("R&D 예산도 늘었다.") for t in body)
    assert article.title == '예산안 "의결"'
