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

_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]+")
_LETTERS = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    sample = text[:SAMPLE_CHARS]
    letters = sum(map(len, _LETTERS.findall(sample)))
    if not letters:
        return None
    if sum(map(len, _HANGUL.findall(sample))) >= HANGUL_SHARE * letters:
        return "ko"
    try:
        return detect(sample)
    except LangDetectException:
        return None
