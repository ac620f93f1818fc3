# cython: language_level=3, boundscheck=False, wraparound=False
"""The character counts of :mod:`cleaner.heuristic`, compiled: one pass in C over
each line's key instead of a Python regex substitution per line.

``non_letters`` counts what ``heuristic._NON_LETTER`` (``[^\\w\\s]|[\\d_]``) matches:
a character that is neither a word character nor a space, or a digit, or "_".
Python's ``re`` reads ``\\w`` as ``str.isalnum()`` or "_", ``\\s`` as
``str.isspace()`` and ``\\d`` as ``str.isdecimal()``; the same C predicates
(``Py_UNICODE_ISALNUM``, ``Py_UNICODE_ISSPACE``, ``Py_UNICODE_ISDECIMAL``) are
used here (ASCII from a table built with them, Hangul syllables, all letters,
skipped).  ``heuristic.non_letters_python`` is the twin this module must equal
(``tests/test_features.py``).
"""

from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISSPACE


cdef bint _non_letter(Py_UCS4 ch):
    return ch == u"_" or Py_UNICODE_ISDECIMAL(ch) or not (Py_UNICODE_ISALNUM(ch) or Py_UNICODE_ISSPACE(ch))


# the answer for each ASCII character, filled from _non_letter itself
cdef unsigned char _ASCII[128]
for _c in range(128):
    _ASCII[_c] = _non_letter(_c)


cdef Py_ssize_t _non_letters(str text):
    cdef Py_UCS4 ch
    cdef Py_ssize_t n = 0
    for ch in text:
        if ch < 128:
            n += _ASCII[ch]
        elif 0xAC00 <= ch <= 0xD7A3:  # a Hangul syllable: a letter
            continue
        elif _non_letter(ch):
            n += 1
    return n


def non_letters(list texts):
    """Per text, how many of its characters are no letter (digits and "_" included)."""
    cdef str text
    return [_non_letters(text) for text in texts]
