"""Vocabularies grouped by concept: one place to look, easy to extend.

Line vocabularies that decide a line (menus, UI strings, spam words) are data in
the rule packs (``rules/*.toml``); what is here is what the code itself needs:
character classes for the heuristic and class/id token groups for HTML.  Text vocabularies are lower-case NFKC.  Class/id token
groups are used by the HTML segmenter; a token matches when it occurs as a
substring of a class or id (``article-related-list`` hits ``related``).
"""

from __future__ import annotations

import re

# --- Class/id tokens by concept, for HTML blocks (see cleaner.html).
TOKENS_NAVIGATION = ("nav", "menu", "gnb", "lnb", "snb", "breadcrumb", "skip", "header", "footer", "sitemap", "topbar")
TOKENS_RELATED = ("related", "relate", "recommend", "popular", "ranking", "rank", "most", "hot", "newslist", "news_list", "list_news", "other", "more", "aside", "sidebar", "side", "widget", "issue")
TOKENS_SHARE = ("share", "sns", "social", "print", "font", "scrap", "bookmark", "like", "reaction", "emotion", "util", "tool")
TOKENS_COMMENT = ("comment", "reply", "cmt", "disqus", "talk")
TOKENS_AD = ("ad", "ads", "advert", "banner", "sponsor", "promotion", "promo", "dable", "taboola", "outbrain", "criteo")
TOKENS_COPYRIGHT = ("copyright", "copy", "license", "footer")
TOKENS_CAPTION = ("caption", "figcaption", "photo_desc", "img_desc", "desc", "figure")
TOKENS_BYLINE = ("byline", "reporter", "writer", "author", "journalist", "email")
TOKENS_BODY = ("article", "content", "body", "text", "story", "news_view", "article_body", "dic_area", "articlebody")

# --- Patterns shared by several steps.
HANGUL = re.compile(r"[\uac00-\ud7a3]")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A sentence ends with ., ?, ! (optionally closed by quotes or brackets); a clause
# ends like a Korean verb (다/요/죠/까) even where the full stop was lost.
_CLOSERS = "\"'”’」』)\\]"
SENTENCE_END = re.compile(f"[.?!。][{_CLOSERS}]*$")
VERB_END = re.compile(f"(?:다|요|죠|까|니다|습니다)[.?!…]?[{_CLOSERS}]*$")
