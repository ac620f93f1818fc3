"""Language of the body text.

Hangul is written for Korean only, so a text whose letters are mostly Hangul
is Korean without asking a model; everything else goes to langdetect, seeded
so the same text always gets the same answer (also across processes).
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect

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
    hangul = len(_NOT_HANGUL.sub("", sample))  # what is left once all else is removed
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
