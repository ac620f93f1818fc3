# cython: language_level=3, boundscheck=False, wraparound=False
"""The Hangul count of :mod:`cleaner.lang`, compiled: one pass in C over the sample
instead of a regex substitution that builds the string of its Hangul.

``hangul`` counts the characters ``lang._NOT_HANGUL`` leaves: Hangul syllables
(U+AC00-U+D7A3) and compatibility jamo (U+3131-U+318E).  ``lang.hangul_python``
is the twin this module must equal (``tests/test_lang.py``).
"""


def hangul(str text):
    """How many characters of ``text`` are Hangul syllables or compatibility jamo."""
    cdef Py_UCS4 ch
    cdef Py_ssize_t n = 0
    for ch in text:
        if 0xAC00 <= ch <= 0xD7A3 or 0x3131 <= ch <= 0x318E:
            n += 1
    return n
