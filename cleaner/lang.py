"""Language of the body text.

Hangul is written for Korean only, so a text whose letters are mostly Hangul
is Korean without asking a model; everything else goes to langdetect, seeded
so the same text always gets the same answer (also across processes).
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect

from . import accel

DetectorFactory.seed = 0
SAMPLE_CHARS = 1500  # of the body: enough for the script test and for langdetect
HANGUL_SHARE = 0.4  # of letters

_NOT_HANGUL = re.compile(r"[^\uac00-\ud7a3\u3131-\u318e]+")  # Hangul syllables and jamo are letters
_LETTERS = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """"ko" when Hangul is ``HANGUL_SHARE`` of the sample's letters, else langdetect's
    answer (None: no letters, or langdetect has none).  A sample whose Hangul alone
    is that share of all its characters is Korean without counting the letters."""
    sample = text[:SAMPLE_CHARS]
    hangul = hangul_count(sample)
    if hangul and hangul >= HANGUL_SHARE * len(sample):  # letters are at most all the characters
        return "ko"
    letters = sum(map(len, _LETTERS.findall(sample)))
    if not letters:
        return None
    if hangul >= HANGUL_SHARE * letters:
        return "ko"
    try:
        return detect(sample)
    except LangDetectException:
        return None


def hangul_python(text: str) -> int:
    """How many characters of ``text`` are Hangul syllables or compatibility jamo (what
    ``_NOT_HANGUL`` leaves); the reference twin of ``cleaner._lang.hangul``."""
    return len(_NOT_HANGUL.sub("", text))


def hangul_count(text: str) -> int:
    """:func:`hangul_python`, compiled where built (:mod:`cleaner.accel`)."""
    compiled = accel.use(_compiled)
    return compiled.hangul(text) if compiled is not None else hangul_python(text)


def _self_check(module) -> bool:  # noqa: ANN001
    return all(module.hangul(text) == hangul_python(text) for text in _PROBE)


# syllables, jamo, the characters just outside both ranges, Latin, a lone surrogate, nothing
_PROBE = ("한국어 기사", "ㄱㄴㅎ ㆎ", "\uabff\uac00\ud7a3\ud7a4\u3130\u3131\u318e\u318f", "abc 123", "\ud800", "")
_compiled = accel.load("hangul count", "cleaner._lang", check=_self_check)
