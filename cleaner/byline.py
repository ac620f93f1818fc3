"""The byline grammar: people's names in a reporter line, without their titles.

    홍길동 기자 hong@x.com        → 홍길동          (a name, then a title)
    박성민기자 , 이권효기자         → 박성민, 이권효    (several, in order)
    인턴 박경흠 디자이너 김은경      → 박경흠, 김은경    (a role, then a name)
    머니투데이방송 유찬 기자         → 유찬             (the outlet before the name)
    디지털뉴스부 / 편집국 / MoneyS  → nothing          (a desk or the outlet is no person)

Titles, roles, desks and words that are no name are vocabularies of
:mod:`cleaner.vocab`; outlets come from the press registry (:mod:`cleaner.press`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import vocab
from .press import registry
from .vocab import EMAIL, is_sentence


def _alternation(words: tuple[str, ...]) -> str:
    """Longest first, so "선임기자" wins over "기자"; a space matches any spacing."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in ordered)


NAME = r"[가-힣]{2,4}"
_TITLES = _alternation(vocab.REPORTER_TITLES)
_ROLES = _alternation(vocab.REPORTER_ROLES)
# a name standing alone as a word, then a title that ends there ("기자단", "기자입니다" are no byline)
_TITLE_AFTER = re.compile(  # … and the "name" is not where a title starts ("상임논설고문" is no 상임)
    rf"(?<![가-힣])(?!(?:{_TITLES})(?![가-힣]))({NAME})\s*(?:{_TITLES})(?![가-힣a-zA-Z])", re.I)
_SHARED_TITLE = re.compile(  # "박성민·이권효 기자": several names, one title
    rf"(?<![가-힣])({NAME}(?:\s*[·,]\s*{NAME})+)\s*(?:{_TITLES})(?![가-힣a-zA-Z])", re.I)
_ROLE_BEFORE = re.compile(rf"(?<![가-힣])(?:{_ROLES})(?:\s*[=:]\s*|\s+)({NAME})(?![가-힣])")
_TITLE_TAIL = re.compile(rf"\s*(?:{_TITLES})\s*$", re.I)
_BY = re.compile(r"^\s*(?:by|글|기고)\s+", re.I)
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_DESK = re.compile(rf"(?:{_alternation(vocab.DESK_STEMS)}).*(?:{_alternation(vocab.DESK_UNITS)})$")
_SEGMENT = re.compile(r"\s*[|｜]\s*")
_LEFTOVER = re.compile(r"[\s\[\]()<>{}【】=,·/:;.\-_'\"]+")
_PLACE = re.compile(r"(?<![가-힣])[가-힣]{1,8}\s*=|=\s*[가-힣]{1,8}\s*,")  # a place: "세종=", "=대전,"
MAX_NAME_CHARS = 30  # a declared author value longer than this is no name
MAX_NAME_WORDS = 4  # … or of more words than this
MAX_BYLINE_CHARS = 80  # a printed byline is short
_DIGIT = re.compile(r"\d")
# English-style bylines: "By Kim Ha-eun", "By 윤서진 Reporter", "글 Kim Ha-eun 기자", "Kim Ha-eun reporter";
# a romanised name is 2-3 words and opens with no English word of prose ("By the way").
_LATIN_NAME = (rf"(?!(?:{'|'.join(vocab.NOT_LATIN_NAMES)})\s)[A-Za-z][a-z]{{1,11}}(?:[ -][A-Za-z][a-z]{{1,11}}){{1,2}}")
_ENGLISH = re.compile(rf"^\s*(?:(?:by|글)\s+({_LATIN_NAME}|{NAME})(?:\s*(?:{_TITLES}|reporter|correspondent))?"
                      rf"|({_LATIN_NAME})\s*(?:기자|특파원|reporter|correspondent))\s*$", re.I)


def is_desk(text: str) -> bool:
    """A desk or team ("디지털뉴스부", "온라인 뉴스팀", "편집국"), never a reporter."""
    return bool(_DESK.search("".join(text.split())))


def is_portal(text: str) -> bool:
    """A portal's name ("네이버", "네이버 뉴스", "Daum"): it hosts stories, it writes none."""
    words = text.lower().split()
    return bool(words) and words[0] in vocab.PORTALS


def is_person(name: str) -> bool:
    """A plausible reporter's name: no desk, no outlet (registered, or named like one:
    "충청한빛일보") or portal, no word of prose."""
    return (bool(name) and name not in vocab.NOT_NAMES and not is_desk(name)
            and not is_portal(name) and not registry().is_outlet(name) and not _outlet_like(name))


def _outlet_like(name: str) -> bool:
    squashed = "".join(name.split())
    return len(squashed) >= vocab.MIN_OUTLET_NAME_CHARS and squashed.endswith(vocab.OUTLET_ENDINGS)


BYLINE_CACHE = 4096  # texts whose reading is kept: the press and the reporters steps read the same lines


def names_in(text: str) -> list[str]:
    """Names of a byline text, in order: ``NAME TITLE`` and ``ROLE NAME`` forms, or an
    English-style byline's one name (``By Kim Ha-eun``, ``Kim Ha-eun reporter``)."""
    return list(_names_in(text))


def _cue_words(words: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A quick screen for the words of a byline: the words without case in one
    case-sensitive alternation (fast: no case folding); the words with case, folded
    and without spaces, to look for in the folded and squashed text."""
    plain = tuple(w for w in words if w.upper() == w.lower())
    cased = tuple("".join(w.casefold().split()) for w in words if w not in plain)
    return re.compile(_alternation(plain)), cased


# every name pattern below needs a title or a role word, or an English byline's "by" / "글"
_CUE, _CASED_CUES = _cue_words(vocab.REPORTER_TITLES + vocab.REPORTER_ROLES + ("reporter", "correspondent"))


def _may_name(text: str) -> bool:
    """Whether ``text`` may hold a name for :func:`_names_in`: a title or role word, or
    a leading "by" (a necessary condition, checked before the name patterns run)."""
    if _CUE.search(text) or _BY.match(text):
        return True
    folded = "".join(text.casefold().split())
    return any(word in folded for word in _CASED_CUES)


def _without_addresses(text: str) -> str:
    """``text`` with its e-mail addresses and URLs blanked (each pattern runs only when
    the text holds the character it needs)."""
    if "@" in text:
        text = EMAIL.sub(" ", text)
    if "://" in text or "www." in text.casefold():
        text = _URL.sub(" ", text)
    return text


@lru_cache(maxsize=BYLINE_CACHE)
def _names_in(text: str) -> tuple[str, ...]:
    text = _without_addresses(text)
    if not _may_name(text):
        return ()
    english = _ENGLISH.match(text)
    if english:
        return tuple(n for n in [english.group(1) or english.group(2)] if is_person(n))
    found = [(m.start(1), m.group(1)) for m in _TITLE_AFTER.finditer(text)]
    found += [(m.start(1) + i, name) for m in _SHARED_TITLE.finditer(text)
              for i, name in enumerate(_shared_names(text, m))]
    found += [(m.start(1), m.group(1)) for m in _ROLE_BEFORE.finditer(text)]
    return tuple(_unique(name for _, name in sorted(found) if is_person(name)))


_PLACE_FIRST = re.compile(r"=\s*$")


def _shared_names(text: str, m: re.Match[str]) -> list[str]:
    """The names of "박성민·이권효 기자"; in "[OSEN=대전, 홍길동 기자]" the word after '='
    and before a comma is the dateline's place."""
    names = re.split(r"\s*[·,]\s*", m.group(1))
    place = _PLACE_FIRST.search(text, 0, m.start(1)) and m.group(1)[len(names[0]):].lstrip().startswith(",")
    return names[1:] if place else names


_LISTED = re.compile(r"\s*[,·]\s*")


def listed(value: str | None) -> list[str]:
    """The names of a captured reporter field that lists several ("홍길동, 김철수")."""
    return [n for n in _LISTED.split(value or "") if n]


@lru_cache(maxsize=BYLINE_CACHE)
def is_byline(text: str) -> bool:
    """The whole text is a byline: names with titles or roles, e-mails, a dateline
    place, the outlet's name and punctuation, and nothing else."""
    if len(text) > MAX_BYLINE_CHARS or not _names_in(text):
        return False
    if _ENGLISH.match(text):
        return True
    rest = _URL.sub(" ", EMAIL.sub(" ", text))
    rest = _ROLE_BEFORE.sub(" ", _TITLE_AFTER.sub(" ", _SHARED_TITLE.sub(" ", rest)))
    rest = _PLACE.sub(" ", rest)
    words = [w for w in _LEFTOVER.split(rest) if w and w not in vocab.REPORTER_ROLES]
    return all(registry().is_outlet(w) for w in words) or registry().is_outlet(" ".join(words))


def byline_outlet(text: str) -> str | None:
    """The registered outlet a printed byline opens with ("스포츠조선 홍길동 기자",
    "[OSEN=대전, 홍길동 기자]"): the outlet that wrote the story."""
    return registry().leading(text.lstrip(" [(【<")) if is_byline(text) else None


def byline_names(text: str, strict: bool) -> list[str]:
    """Names in a printed block: each ``|``-separated segment that is a byline
    (``strict``), or any short segment that names people with a title."""
    names: list[str] = []
    for segment in _segments(text):
        if len(segment) <= MAX_BYLINE_CHARS and (not strict or is_byline(segment)):
            names += names_in(segment)
    return _unique(names) if names else names


def _segments(text: str) -> list[str]:
    """``text`` split at its bars ('홍길동 기자 | 입력 2026.11.27'); a text without a bar
    is one segment, not given to the pattern."""
    return _SEGMENT.split(text) if "|" in text or "｜" in text else [text]


_OPINION = re.compile(rf"[\[(<【]\s*(?:{_alternation(vocab.OPINION_TAGS)})\s*[\])>】]")
_CONTRIBUTOR = re.compile(
    rf"^({NAME})(?:\s+[^\s]{{1,12}}){{0,3}}?\s*[^\s]*(?:{_alternation(vocab.POSITION_ENDINGS)})\.?$")
MAX_CONTRIBUTOR_CHARS = 30  # "홍길동 한국대 경영학과 교수"


def is_opinion(title: str | None) -> bool:
    """A headline tagged as an outside contributor's piece ("… [기고]", "[시론] …")."""
    return bool(title and _OPINION.search(title))


def contributor(text: str) -> str | None:
    """The writer of an opinion piece from a line "NAME POSITION" ("김승룡 소방청장 직무대행")."""
    if len(text) > MAX_CONTRIBUTOR_CHARS or len(text.split()) < 2:
        return None
    m = _CONTRIBUTOR.match(text.strip())
    return m.group(1) if m and is_person(m.group(1)) else None


def declared_names(values: list[str]) -> list[str]:
    """Reporter names from author fields (``<meta name=author>``, JSON-LD authors):
    no e-mail, URL or title; a desk or the outlet is dropped; several in order."""
    names: list[str] = []
    for value in values:
        for segment in _segments(EMAIL.sub("", value) if "@" in value else value):  # (an e-mail's @)
            if not segment.strip() or "://" in segment:
                continue
            parts = names_in(segment) or [p for p in re.split(r"\s*[,;/·]\s*", _BY.sub("", segment)) if p]
            for part in parts:
                name = _TITLE_TAIL.sub("", " ".join(part.split())).strip(" ()[]")
                if _plain_name(name) and is_person(name):
                    names.append(name)
    return _unique(names)


def _plain_name(name: str) -> bool:
    """A declared value that reads as a name: short, a few words, no digits, no sentence."""
    return (1 < len(name) <= MAX_NAME_CHARS and len(name.split()) <= MAX_NAME_WORDS
            and not _DIGIT.search(name) and not is_sentence(name))


def _unique(values) -> list[str]:  # noqa: ANN001 - any iterable of str
    return list(dict.fromkeys(v for v in values if v))
