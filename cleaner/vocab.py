"""Vocabularies grouped by concept: one place to look, easy to extend.

Line vocabularies that decide a line (menus, UI strings, spam words) are data in
the rule packs (``rules/*.toml``); what is here is what the code itself needs:
character classes for the heuristic and class/id token groups for HTML.  Text vocabularies are lower-case NFKC.  Class/id token
groups are used by the HTML segmenter (:mod:`cleaner.html.dom`).  A class or id
is cut into words at ``-``, ``_``, digits and camelCase humps; a group token
matches a word equal to it, and a token of ``SUBSTRING_MIN`` or more letters also
matches inside a longer name (``articleRelatedList`` and ``relatednews`` both hit
``related``; ``photo`` does not hit ``hot``, nor ``header`` hit ``ad``).
"""

from __future__ import annotations

import re

# --- Words of a site's navigation bar ("홈 | 정치 | 경제 | 사회 | 로그인").
NAV_WORDS = frozenset({
    "홈", "home", "뉴스", "전체", "전체기사", "최신", "정치", "경제", "사회", "국제", "세계", "문화",
    "연예", "스포츠", "오피니언", "사설", "칼럼", "포토", "영상", "비디오", "it", "과학", "산업", "증권",
    "부동산", "금융", "생활", "라이프", "건강", "여행", "교육", "지역", "전국", "랭킹", "많이본",
    "로그인", "로그아웃", "회원가입", "마이페이지", "구독", "검색", "메뉴", "닫기", "이전", "다음",
    "목록", "더보기", "공지", "공지사항", "고객센터", "이용약관", "개인정보처리방침", "광고문의",
    "제휴문의", "회사소개", "english", "日本語", "中文",
})

# --- Printed datelines ("입력 2024.01.02 10:00") and reporters' titles ("홍길동 기자"),
# read by the HTML path (cleaner.html, cleaner.html.meta); a space matches any spacing.
DATELINE_PUBLISHED = ("입력", "최초 입력", "등록", "게재", "송고", "발행", "승인", "작성")  # when it came out
DATELINE_UPDATED = ("수정", "업데이트")  # a later edit: a dateline, never the published date
REPORTER_TITLES = ("기자", "특파원", "선임기자", "논설위원", "객원기자", "인턴기자", "통신원", "에디터")

# --- Speech: who is speaking in an interview, a Q&A or a broadcast script (cleaner.speech;
# the broadcast markers and sign-offs themselves are rules in rules/common.toml).
TURN_BULLETS = "▷▶►◆◇■□●○◎◈▲△▪•·"  # a speaker's name may stand after one of these: ▷ 김현정 > / ▲사회자=
SPEAKER_SEPARATORS = ">〉》:="  # … then one of these, then what the speaker said ("=" only after a bullet)
QA_LABELS = ("q", "a", "문", "답", "질문", "답변")  # Q. … / A. … / Q1. … / 문) … / 답) …
DIALOGUE_DASHES = "-–—―"  # an interview with no names: - 질문 … / - "답변 …" (a dash and a whole quotation)
HANDOFF_VERBS = ("보도합니다", "보도했습니다", "전해드립니다", "전합니다", "전해 드립니다", "취재했습니다",
                 "알아봤습니다", "짚어봤습니다", "정리했습니다", "다녀왔습니다", "만나봤습니다")  # 홍길동 기자가 …
HANDOFF_CALLS = ("연결합니다", "연결해 보겠습니다", "연결하겠습니다", "불러보겠습니다")  # … 연결합니다. 홍길동 기자!
HANDOFF_TITLES = ("기자", "특파원", "캐스터")  # the reporter handed to (a subset of REPORTER_TITLES)

# --- Class/id tokens by concept, for HTML blocks (see cleaner.html.dom).
SUBSTRING_MIN = 6  # group tokens this long also match inside longer class/id names
TOKENS_NAVIGATION = ("nav", "navi", "navbar", "navigation", "menu", "gnb", "lnb", "snb", "breadcrumb",
                     "breadcrumbs", "skip", "skipnav", "header", "masthead", "footer", "sitemap",
                     "topbar", "toolbar", "pagination", "paging", "pager", "tabmenu", "login",
                     "search", "subscribe", "newsletter", "signup", "cookie", "consent", "gdpr")
TOKENS_RELATED = ("related", "relate", "relation", "recommend", "recommended", "popular", "ranking",
                  "rank", "most", "hot", "hotissue", "newslist", "news_list", "list_news", "more", "aside",
                  "sidebar", "side", "issue", "trending", "readmore", "linked", "outbrain",
                  "also", "latest", "teaser", "promo_list", "tags", "tag", "keyword",
                  "keywords", "rail", "topics")
TOKENS_SHARE = ("share", "sharing", "sns", "social", "print", "font", "fontsize", "scrap",
                "bookmark", "like", "reaction", "reactions", "emotion", "util", "utility", "tool",
                "tools", "btn", "button", "facebook", "twitter", "kakao", "subscription", "audio",
                "tts", "translate", "zoom")
TOKENS_COMMENT = ("comment", "comments", "reply", "replies", "cmt", "disqus", "talk", "livere",
                  "respond", "discussion")
TOKENS_AD = ("ad", "ads", "adv", "advert", "advertisement", "adsbygoogle", "banner", "sponsor",
             "sponsored", "promotion", "promo", "dable", "taboola", "outbrain", "criteo", "doubleclick",
             "commercial", "partner", "affiliate", "googlead", "adslot", "adunit", "dfp")
TOKENS_COPYRIGHT = ("copyright", "copyrights", "license", "rights")
TOKENS_CAPTION = ("caption", "figcaption", "photo_desc", "img_desc", "desc", "credit",
                  "photocredit", "imgcaption", "wp-caption-text")
TOKENS_BYLINE = ("byline", "reporter", "writer", "author", "journalist", "email", "profile", "bio",
                 "dateline", "date", "time", "timestamp", "published", "datestamp")
TOKENS_HIDDEN = ("blind", "sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden",
                 "screen_out", "skip", "skipnav", "a11y-hidden")  # whole class names: text no one sees
MODIFIER_PREFIXES = ("tag", "tags", "category", "categories", "format", "status", "type", "postid",
                     "has", "is", "with", "no", "not", "logged", "one", "two", "three", "js",
                     "template", "single", "layout", "theme", "lang", "show", "hide", "level")
TOKENS_DECK = ("summary", "subtitle", "subhead", "lead", "deck", "dek", "standfirst", "headline",
               "title", "caption")  # inline elements so named are blocks of their own


# --- Patterns shared by several steps.
HANGUL = re.compile(r"[\uac00-\ud7a3]")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A sentence ends with ., ?, ! (optionally closed by quotes or brackets); a clause
# ends like a Korean verb (다/요/죠/까) even where the full stop was lost.
CLOSERS = "\"'”’」』)] "
_STOPS = (".", "?", "!", "。")
_VERB_ENDINGS = ("다", "요", "죠", "까")


def ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSERS).endswith(_STOPS)


def ends_like_verb(text: str) -> bool:
    return text.rstrip(CLOSERS).rstrip(".?!…").endswith(_VERB_ENDINGS)


def is_sentence(text: str) -> bool:
    """Ends like a sentence: a full stop, or a Korean verb ending whose stop was lost."""
    return ends_sentence(text) or ends_like_verb(text)
