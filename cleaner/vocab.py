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
REPORTER_TITLES = ("기자", "특파원", "선임기자", "논설위원", "객원기자", "인턴기자", "통신원", "에디터",
                   "수석기자", "전문기자", "대기자", "수습기자", "사진기자", "영상기자", "취재기자",
                   "수석논설위원", "객원논설위원", "논설실장", "논설주간", "논설고문", "상임논설고문",
                   "주필", "편집위원", "칼럼니스트", "선임에디터", "PD", "앵커", "기상캐스터", "캐스터",
                   "아나운서", "리포터")
# --- English words that open a phrase after "By" and no romanised name ("By the way", "By all means").
NOT_LATIN_NAMES = ("the", "a", "an", "all", "far", "now", "then", "way", "means", "default", "contrast",
                   "comparison", "phone", "email", "mail", "car", "bus", "train", "air", "hand", "me", "us",
                   "him", "her", "them", "this", "that", "day", "night", "design", "order", "request", "law")
# --- A reporter's or contributor's bio under the article ("홍길동 기자는 10년째 … 취재하고 있습니다.",
# "필자는 한빛대 교수로 … 연구하고 있다."): who writes (the opening) and what they do (the verbs).
BIO_WRITERS = ("필자는", "글쓴이는")
BIO_VERBS = ("취재하고", "취재해", "취재한다", "취재합니다", "담당하고", "담당한다", "담당합니다", "맡고",
             "연구하고", "연구한다", "쓰고", "다루고", "출입하고", "활동하고", "활동 중", "일하고", "역임",
             "년째", "재직")
# --- A reporter's role printed before the name ("인턴 홍길동", "디자이너 김은경", "글·사진 홍길동").
REPORTER_ROLES = ("인턴", "디자이너", "그래픽", "사진", "글", "영상", "편집", "취재", "기획", "구성",
                  "정리", "촬영", "일러스트", "글·사진", "사진·글", "영상취재", "영상편집", "진행")
# --- Desks, never a reporter: a stem and a unit ("디지털뉴스부", "온라인뉴스팀", "편집국", "사회부").
DESK_STEMS = ("뉴스", "디지털", "온라인", "편집", "보도", "취재", "사회", "정치", "경제", "국제", "문화",
              "산업", "금융", "증권", "체육", "연예", "스포츠", "사진", "영상", "기획", "특별", "전국",
              "지역", "외신", "생활", "과학", "탐사", "기동", "사건", "미래", "라이프", "인터넷", "모바일",
              "콘텐츠", "데이터", "글로벌", "엔터", "에디터", "오피니언", "논설", "공동")
DESK_UNITS = ("부", "팀", "국", "실", "센터", "본부", "데스크", "취재단", "룸")
# --- Opinion pieces by an outside contributor ("[기고]"), whose byline is "NAME POSITION"
# ("홍길동 소방청장 직무대행", "김철수 서울대 교수"): the tags, and how a position ends.
OPINION_TAGS = ("기고", "특별기고", "기고문", "시론", "칼럼", "포럼", "시평", "논단", "기고칼럼", "오피니언",
                "독자기고", "전문가칼럼", "발언대", "기자수첩", "데스크칼럼", "광장", "세상읽기")
POSITION_ENDINGS = ("장", "관", "교수", "대표", "위원", "의원", "변호사", "박사", "작가", "대행", "연구원",
                    "이사", "고문", "주필", "시인", "소설가", "평론가", "칼럼니스트", "컨설턴트", "회계사",
                    "노무사", "세무사", "의사", "약사", "기자", "특파원", "목사", "신부", "스님", "대사")
# --- Portals: they host other outlets' stories and write none (no press, no reporter).
PORTALS = ("네이버", "naver", "다음", "daum", "네이트", "nate", "zum", "줌", "카카오", "kakao", "구글", "google",
           "msn", "yahoo", "야후")
# --- Words that stand before a reporter's title in prose and are no name ("담당 기자", "현장 기자").
# How an outlet's name ends ("충청한빛일보", "동네소식", "한빛데일리"): a name of four or more
# syllables so ending, declared as the author, is the outlet, not a person.
OUTLET_ENDINGS = ("일보", "신문", "뉴스", "방송", "타임스", "타임즈", "저널", "미디어", "닷컴", "통신",
                  "데일리", "투데이", "포스트", "소식", "매거진", "신보", "경제")
MIN_OUTLET_NAME_CHARS = 4
# A site's own account, not a person: the author a CMS shows when no reporter is set.
SITE_ACCOUNTS = frozenset({"관리자", "운영자", "최고관리자", "웹마스터", "편집자", "admin", "administrator",
                           "webmaster", "editor", "master", "root", "guest"})
NOT_NAMES = frozenset({"담당", "해당", "현장", "외신", "방송", "신문", "본지", "전문", "다른", "모든", "우리",
                       "여러", "현지", "출입", "공동", "선임", "수석", "종군", "취재", "사진", "영상", "인턴",
                       "수습", "객원", "일선", "한국", "미국", "일본", "중국", "북한", "기자", "그래픽",
                       "디자이너", "특파원", "편집", "소속", "당시", "이날", "관련", "국내", "해외", "각국",
                       "스포츠", "연예", "정치", "경제", "사회", "문화", "담당기자", "저희", "본사",
                       "확대", "축소", "보기", "더보기", "제공", "출처", "기사", "원문", "목록", "닫기",
                       "크게", "작게", "인쇄", "공유", "저장", "설정", "자료", "캡처", "전체"}) | SITE_ACCOUNTS

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
# A pull quote repeats a sentence of the article in large type: a design element, not body.
TOKENS_PULL_QUOTE = ("pullquote", "pull-quote", "pull_quote")
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
# Each a string of single characters (the compiled line shapes of cleaner.heuristic read them so).
CLOSERS = "\"'”’」』)] "
STOPS = ".?!。"
VERB_STOPS = ".?!…"  # stripped (after the closers) before a verb ending is looked for
VERB_ENDINGS = "다요죠까"
_STOPS, _VERB_ENDINGS = tuple(STOPS), tuple(VERB_ENDINGS)


def ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSERS).endswith(_STOPS)


def ends_like_verb(text: str) -> bool:
    return text.rstrip(CLOSERS).rstrip(VERB_STOPS).endswith(_VERB_ENDINGS)


def is_sentence(text: str) -> bool:
    """Ends like a sentence: a full stop, or a Korean verb ending whose stop was lost."""
    return ends_sentence(text) or ends_like_verb(text)
