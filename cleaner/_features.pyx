# cython: language_level=3, boundscheck=False, wraparound=False
"""The line shapes of :mod:`cleaner.heuristic`, compiled: one pass in C over each
line's key instead of a Python regex substitution, a space count, two end tests
and a bullet test per line.

Per key, ``shapes`` gives what ``heuristic.shape_python`` gives: the characters
other than " ", the non-letters (what ``heuristic._NON_LETTER``, ``[^\\w\\s]|[\\d_]``,
matches: a character that is neither a word character nor a space, or a digit,
or "_"), whether it ends a sentence (``vocab.ends_sentence``), whether it ends
like a verb without a stop (``vocab.ends_like_verb`` when it ends no sentence)
and whether it opens with a bullet (``heuristic.bulleted``).  Python's ``re``
reads ``\\w`` as ``str.isalnum()`` or "_", ``\\s`` as ``str.isspace()`` and ``\\d``
as ``str.isdecimal()``; the same C predicates (``Py_UNICODE_ISALNUM``,
``Py_UNICODE_ISSPACE``, ``Py_UNICODE_ISDECIMAL``) are used here (ASCII from a
table built with them, Hangul syllables, all letters, skipped).  The character
sets of the end and bullet tests are the caller's (strings of single
characters from :mod:`cleaner.vocab` and :mod:`cleaner.heuristic`).
``heuristic.shape_python`` is the twin this module must equal
(``tests/test_features.py``).
"""

from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISSPACE


cdef extern from "Python.h":
    # the characters of a str read straight from its buffer (its kind read once, not per character)
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)


cdef bint _non_letter(Py_UCS4 ch):
    return ch == u"_" or Py_UNICODE_ISDECIMAL(ch) or not (Py_UNICODE_ISALNUM(ch) or Py_UNICODE_ISSPACE(ch))


# the answer for each ASCII character, filled from _non_letter itself
cdef unsigned char _ASCII[128]
for _c in range(128):
    _ASCII[_c] = _non_letter(_c)


cdef class _Sets:
    """The character sets of the end and bullet tests."""
    cdef str closers, stops, verb_stops, verb_endings, bullets

    def __init__(self, str closers, str stops, str verb_stops, str verb_endings, str bullets):
        self.closers, self.stops, self.verb_stops = closers, stops, verb_stops
        self.verb_endings, self.bullets = verb_endings, bullets


cdef tuple _shape(str key, _Sets sets):
    cdef Py_ssize_t n = len(key), i, spaces = 0, non = 0, end
    cdef int kind = PyUnicode_KIND(key)
    cdef void* data = PyUnicode_DATA(key)
    cdef Py_UCS4 ch
    cdef bint sentence, clause = False
    for i in range(n):
        ch = PyUnicode_READ(kind, data, i)
        if ch < 128:
            if ch == u" ":
                spaces += 1
            else:
                non += _ASCII[ch]
        elif 0xAC00 <= ch <= 0xD7A3:  # a Hangul syllable: a letter
            continue
        elif _non_letter(ch):
            non += 1
    end = n  # the key with its closing quotes and brackets stripped: key[:end]
    while end > 0 and PyUnicode_READ(kind, data, end - 1) in sets.closers:
        end -= 1
    sentence = end > 0 and PyUnicode_READ(kind, data, end - 1) in sets.stops
    if not sentence:
        while end > 0 and PyUnicode_READ(kind, data, end - 1) in sets.verb_stops:
            end -= 1
        clause = end > 0 and PyUnicode_READ(kind, data, end - 1) in sets.verb_endings
    return (n - spaces, non, sentence, clause, _bulleted(key, kind, data, n, sets.bullets))


cdef bint _bulleted(str key, int kind, void* data, Py_ssize_t n, str bullets):
    """``heuristic.BULLET`` (``^(?:[bullets]|\\d{1,2}[.)]\\s)``) matches at the start."""
    if n == 0:
        return False
    cdef Py_UCS4 first = PyUnicode_READ(kind, data, 0)
    if first in bullets:
        return True
    if not Py_UNICODE_ISDECIMAL(first):
        return False
    if (n > 3 and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, 1))  # two digits, then ". " or ") "
            and _closes_number(PyUnicode_READ(kind, data, 2)) and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, 3))):
        return True
    return n > 2 and _closes_number(PyUnicode_READ(kind, data, 1)) and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, 2))


cdef inline bint _closes_number(Py_UCS4 ch):
    return ch == u"." or ch == u")"


def shapes(list keys, str closers, str stops, str verb_stops, str verb_endings, str bullets):
    """Per key: (characters other than " ", non-letters, ends a sentence, ends like a
    verb without a stop, opens with a bullet); see :func:`cleaner.heuristic.shape_python`."""
    cdef _Sets sets = _Sets(closers, stops, verb_stops, verb_endings, bullets)
    cdef str key
    return [_shape(key, sets) for key in keys]


cdef inline bint _nav_separator(Py_UCS4 ch, str separators):
    """What ``heuristic._NAV_SPLIT`` splits at: a space (``\\s``) or one of ``separators``."""
    return Py_UNICODE_ISSPACE(ch) or ch in separators


def menu_bar(str key, str separators, frozenset nav_words, str firsts, Py_ssize_t longest, Py_ssize_t min_nav,
             double share):
    """Whether at least ``min_nav`` of the words of ``key`` (split at spaces and
    ``separators``), and at least ``share`` of them, are in ``nav_words`` (none longer
    than ``longest``, each opening with one of ``firsts``); see
    :func:`cleaner.heuristic.menu_bar_python`.  The words are counted first; a word
    is looked up only while enough of them may still be navigation words, and only
    when its length and first character allow."""
    cdef Py_ssize_t n = len(key), i = 0, start, words = 0, nav = 0, other = 0, needed
    cdef int kind = PyUnicode_KIND(key)
    cdef void* data = PyUnicode_DATA(key)
    cdef bint inside = False
    for i in range(n):  # the words: runs of characters between separators
        if _nav_separator(PyUnicode_READ(kind, data, i), separators):
            inside = False
        elif not inside:
            inside = True
            words += 1
    if words < min_nav:  # too few words, even were all of them navigation words
        return False
    i = 0
    while i < n:
        while i < n and _nav_separator(PyUnicode_READ(kind, data, i), separators):
            i += 1
        start = i
        while i < n and not _nav_separator(PyUnicode_READ(kind, data, i), separators):
            i += 1
        if i == start:
            break
        if i - start <= longest and PyUnicode_READ(kind, data, start) in firsts and key[start:i] in nav_words:
            nav += 1
        else:
            other += 1
            if words - other < min_nav or words - other < words * share:  # not enough left to be one
                return False
    return nav >= min_nav and nav >= share * words
