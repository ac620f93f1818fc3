"""The generic density heuristic, for blocks that no rule decided.

In the spirit of jusText, tuned for Korean: length is counted in characters,
not words (jusText's word thresholds drop most Korean paragraphs); a
paragraph ends with a full stop, while a verb ending with no stop (…나선다,
…할까) is headline style unless the clause is long; lists, menu bars and
link-like lines are boilerplate shapes.  Each block first gets a class
of its own (good, near, short, bad); speech is then read as such (transcripts
and broadcast scripts, :mod:`cleaner.speech`) before runs of bulleted lines are
judged as lists; then the short and near ones are revised by their neighbours.
Blocks decided by a rule keep their decision; metadata blocks (captions,
bylines, dates) are transparent to the context.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Literal

from . import accel, speech
from .model import BODY_KINDS, META_KINDS, Block
from .vocab import CLOSERS, HANGUL, NAV_WORDS, STOPS, VERB_ENDINGS, VERB_STOPS, ends_like_verb, ends_sentence

Cls = Literal["good", "near", "short", "bad"]

# Thresholds, in characters.
SHORT_CHARS = 8  # below this a block says too little to judge alone
GOOD_CHARS = 25  # a sentence at least this long is article text
LONG_CLAUSE_CHARS = 60  # a verb-final clause this long is text though its stop is missing
LONG_PROSE_CHARS = 140  # prose this long is text even without a final stop
MAX_LINK_DENSITY = 0.5  # HTML: more link text than this is navigation
MIN_LETTER_SHARE = 0.5  # letters (Hangul, Latin, Han) among non-space characters
MIN_SENTENCE_LETTER_SHARE = 0.3  # the same for a line that ends like a sentence (figures)
MIN_LIST_RUN = 3  # bulleted lines in a row that are judged together
MIN_NAV_WORDS = 3  # navigation words that make a line a menu bar …
NAV_SHARE = 0.6  # … when they are at least this share of its words

_BULLET_FIRST = "-–—·•∙◦▪▫■□◆◇○●▷▶►☞※*"  # the bullets; a list may also be numbered (1. / 2))
BULLET = re.compile(rf"^(?:[{re.escape(_BULLET_FIRST)}]|\d{{1,2}}[.)]\s)\s*")


def bulleted(key: str) -> bool:
    """Whether ``key`` opens with a bullet (``BULLET``); the first character is looked
    at before the pattern runs."""
    first = key[:1]
    return bool(first) and (first in _BULLET_FIRST or first.isdecimal()) and BULLET.match(key) is not None


_LINKISH = re.compile(r"(?:https?://|www\.|\.(?:com|co\.kr|kr|net|org)(?:/|\s|$))")


def _linkish(text: str) -> bool:
    """Whether ``_LINKISH`` is found in ``text``; each of its forms holds "." or "://",
    looked for first (a plain string test, cheaper than the pattern's scan)."""
    return ("." in text or "://" in text) and _LINKISH.search(text) is not None


_NON_LETTER = re.compile(r"[^\w\s]|[\d_]")  # few in prose: cheaper to count than letters
_DIGIT = re.compile(r"\d")
_NAV_SEPARATORS = "|·/>»,"  # a menu bar's words stand between these and spaces
_NAV_SPLIT = re.compile(rf"[\s{re.escape(_NAV_SEPARATORS)}]+")


def own_class(block: Block, shape: Shape | None = None) -> tuple[Cls, str]:
    """Classify one block by its own features; return the class and why.
    ``shape``: :func:`shape_python` of its key, when known (:func:`shapes`)."""
    text = block.key
    chars, non_letters, sentence, clause, bullet = shape or shape_python(text)
    if block.link_density > MAX_LINK_DENSITY and chars < LONG_PROSE_CHARS * 2:
        return "bad", f"link density {block.link_density:.2f}"
    if chars < SHORT_CHARS:
        return "short", f"{chars} chars"
    letters = chars - non_letters
    if letters < (MIN_SENTENCE_LETTER_SHARE if sentence else MIN_LETTER_SHARE) * chars:
        return "bad", f"letters {letters}/{chars}"
    if not sentence and _menu_bar(text):
        return "bad", "menu bar"
    if not sentence and bullet:
        return "short", "bulleted line"
    if chars < GOOD_CHARS * 2 and _linkish(text):  # short lines only: no scan of a paragraph
        return "bad", "link-like"
    if sentence and chars >= GOOD_CHARS:
        return "good", f"sentence, {chars} chars"
    if clause and chars >= LONG_CLAUSE_CHARS:
        return "good", f"clause without a full stop, {chars} chars"
    if chars >= LONG_PROSE_CHARS and _prose(text):
        return "good", f"prose, {chars} chars"
    if sentence:
        return "near", f"short sentence, {chars} chars"
    return "short", f"no sentence end, {chars} chars"


# What the heuristic reads of a line's key, found in one pass (:func:`shapes`): its
# characters other than " ", its non-letters (digits, "_" and punctuation: few in
# prose, so cheaper to count than letters), whether it ends a sentence, whether it
# ends like a verb without a stop (a clause: 다/요/까 with no stop, headline style),
# and whether it opens with a bullet.
Shape = tuple[int, int, bool, bool, bool]


def shape_python(key: str) -> Shape:
    """The :data:`Shape` of one key; the reference twin of ``cleaner._features.shapes``."""
    sentence = ends_sentence(key)
    return (len(key) - key.count(" "), len(key) - len(_NON_LETTER.sub("", key)), sentence,
            not sentence and ends_like_verb(key), bulleted(key))


def shapes(keys: list[str]) -> list[Shape]:
    """:func:`shape_python` of each key, compiled where built (:mod:`cleaner.accel`)."""
    compiled = accel.use(_features)
    return list(map(shape_python, keys)) if compiled is None else _compiled_shapes(compiled, keys)


def _compiled_shapes(module, keys: list[str]) -> list[Shape]:  # noqa: ANN001
    return module.shapes(keys, CLOSERS, STOPS, VERB_STOPS, VERB_ENDINGS, _BULLET_FIRST)


def menu_bar_python(text: str) -> bool:
    """A line made mostly of navigation words (홈 | 정치 | 경제 | 로그인); the reference
    twin of ``cleaner._features.menu_bar``."""
    words = list(filter(None, _NAV_SPLIT.split(text)))
    nav = sum(map(NAV_WORDS.__contains__, words))
    return nav >= MIN_NAV_WORDS and nav >= NAV_SHARE * len(words)


def _menu_bar(text: str) -> bool:
    """:func:`menu_bar_python`, compiled where built (:mod:`cleaner.accel`)."""
    compiled = accel.use(_features)
    return menu_bar_python(text) if compiled is None else _compiled_menu_bar(compiled, text)


def _compiled_menu_bar(module, text: str) -> bool:  # noqa: ANN001
    return module.menu_bar(text, _NAV_SEPARATORS, NAV_WORDS, _NAV_FIRSTS, _LONGEST_NAV_WORD, MIN_NAV_WORDS, NAV_SHARE)


_LONGEST_NAV_WORD = max(map(len, NAV_WORDS))
_NAV_FIRSTS = "".join(sorted({word[0] for word in NAV_WORDS}))  # what a navigation word opens with


def _self_check(module) -> bool:  # noqa: ANN001
    return ([_compiled_menu_bar(module, key) for key in _PROBE] == list(map(menu_bar_python, _PROBE))
            and _compiled_shapes(module, list(_PROBE)) == list(map(shape_python, _PROBE)))


# letters, digits of several scripts, spaces of several kinds, marks, "_", punctuation, a lone
# surrogate; sentence ends, verb ends, bullets and numbered items
_PROBE = ("기사 본문입니다.", "2024.03.02 15:20 | 조회 1,234", "a_b\u00a0c\u3000d\u0663\u00b2", "e\u0301 \ud800 ©®", "",
          "- 항목", "12. 둘째", "1) 첫째", "123. 셋", "“말했다.” ", "나선다…", "○ 할까?)", "1.\u3000가",
          "홈 | 정치 | 경제 | 로그인", "홈·뉴스, 기사 본문 목록")
_features = accel.load("line features", "cleaner._features", check=_self_check)


def _prose(text: str) -> bool:
    """Long text made mostly of words rather than digits (Korean or not)."""
    return len(_DIGIT.findall(text)) < 0.3 * len(text) and (
        bool(HANGUL.search(text)) or text.count(" ") > 10
    )


def classify(blocks: list[Block], sentences: list[bool] | None = None) -> list[Cls | None]:
    """Give every undecided block a heuristic class; decided blocks get None.
    ``sentences``: a list as long as ``blocks`` that gets, at each undecided block,
    whether its key ends a sentence (read off its shape, for :mod:`cleaner.region`)."""
    classes: list[Cls | None] = [None] * len(blocks)
    undecided = [i for i, block in enumerate(blocks) if not block.kind]
    bullets = [False] * len(blocks)
    for i, shape in zip(undecided, shapes([blocks[i].key for i in undecided])):  # found in one call
        block = blocks[i]
        cls, why = own_class(block, shape)
        block.reason = f"{block.reason}; heuristic: {why}" if block.reason else f"heuristic: {why}"
        classes[i], bullets[i] = cls, shape[4]
        if sentences is not None:
            sentences[i] = shape[2]
    spoken = speech.mark_transcripts(blocks, classes, undecided)
    speech.mark_script(blocks, classes)
    _list_runs(blocks, classes, spoken, bullets)
    return classes


def _list_runs(blocks: list[Block], classes: list[Cls | None], spoken: set[int], bullets: list[bool]) -> None:
    """A run of bulleted lines is judged as one list: when most of its items are
    headlines rather than sentences, the whole run is a list of other articles.
    (A lone bulleted line is left to the context: between paragraphs it is a heading.)
    Speaker turns of a transcript (``spoken``, :func:`cleaner.speech.mark_transcripts`)
    are no list items.  ``bullets``: per block, whether it is bulleted (:func:`bulleted`)."""
    run: list[int] = []  # positions of consecutive bulleted undecided lines
    for i, cls in enumerate(classes):
        if cls is not None and bullets[i] and i not in spoken:
            run.append(i)
        elif run:
            _judge_list(blocks, classes, run)
            run = []
    if run:
        _judge_list(blocks, classes, run)


def _judge_list(blocks: list[Block], classes: list[Cls | None], run: list[int]) -> None:
    """A run of bulleted lines whose items are mostly headline-like is a list: all "bad"."""
    if len(run) >= MIN_LIST_RUN and sum(classes[k] != "good" for k in run) * 2 >= len(run):
        for k in run:
            if classes[k] != "bad":
                classes[k] = "bad"
                blocks[k].reason += f"; in a list of {len(run)} headline-like items"


def revise(blocks: list[Block], classes: list[Cls | None]) -> list[Cls | None]:
    """Revise short and near blocks by the nearest judged neighbours (jusText's second pass)."""
    verdicts = [(cls if cls in ("good", "bad") else None) if cls is not None else _DECIDED.get(block.kind, "bad")
                for block, cls in zip(blocks, classes)]
    judged = [i for i, verdict in enumerate(verdicts) if verdict is not None]
    out = list(classes)
    for i, cls in enumerate(classes):
        if cls not in ("short", "near"):
            continue
        before, after = _nearest(verdicts, judged, i)
        if cls == "near":
            good = "good" in (before, after)
        else:
            good = before == "good" and after == "good"
        out[i] = "good" if good else "bad"
        blocks[i].reason += f"; context {before or 'edge'}/{after or 'edge'}"
    return out


# What a block says to its neighbours (its verdict): good or bad, or None when it is
# looked past.  Short and near blocks are looked past; a block a rule or the page
# decided says good when it is text (body, heading), nothing when it is metadata
# (captions, bylines, dates) or ignored (a speaker marker, a copy), and bad when it
# is boilerplate: the kinds not listed here.
_DECIDED: dict[str, str | None] = {**dict.fromkeys(BODY_KINDS, "good"), **dict.fromkeys(META_KINDS), "ignore": None}


def _nearest(verdicts: list[str | None], judged: list[int], i: int) -> tuple[str | None, str | None]:
    """The nearest verdicts before and after position ``i``, which has none itself;
    ``judged``: the positions that have one, in order (a binary search, not a walk)."""
    k = bisect_left(judged, i)  # judged[k - 1] < i < judged[k]
    return (verdicts[judged[k - 1]] if k else None), (verdicts[judged[k]] if k < len(judged) else None)


def guess_kind(block: Block) -> str:
    """The boilerplate kind of a block the heuristic rejected, from its shape."""
    text = block.key
    if BULLET.match(text) or _linkish(text) or block.link_density > MAX_LINK_DENSITY:
        return "related"
    return "menu" if len(text) < 20 else "ui"
