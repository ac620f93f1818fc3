# cython: language_level=3, boundscheck=False, wraparound=False
"""The quick test of :func:`cleaner.speech.speaker_turn`, compiled: for every line of
a document at once, whether it may open a speaker turn, in C instead of a slice,
two membership tests and a pattern search per line in Python.

A line may open a turn when its first character is one a Q&A label or a dialogue
dash opens with (``firsts``; an empty line counts, as ``"" in firsts`` does in
Python), or when one of ``separators`` stands among its first ``reach``
characters.  ``speech.may_open_turns_python`` is the twin this module must equal
(``tests/test_features.py``).
"""


cdef extern from "Python.h":
    # the characters of a str read straight from its buffer (its kind read once, not per character)
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)


cdef enum:
    MAX_SEPARATORS = 16  # separators the quick test holds at most


cdef bint _may_open(str key, str firsts, Py_UCS4* separators, int count, Py_ssize_t reach):
    cdef Py_ssize_t n = len(key), i
    cdef int kind = PyUnicode_KIND(key), k
    cdef void* data = PyUnicode_DATA(key)
    cdef Py_UCS4 ch
    if n == 0 or PyUnicode_READ(kind, data, 0) in firsts:
        return True
    for i in range(min(n, reach)):
        ch = PyUnicode_READ(kind, data, i)
        if 0xAC00 <= ch <= 0xD7A3:  # a Hangul syllable (most of a line): no separator
            continue
        for k in range(count):
            if ch == separators[k]:
                return True
    return False


def may_open_turns(list keys, str firsts, str separators, Py_ssize_t reach):
    """Per key: whether it may open a speaker turn (see the module's docstring)."""
    cdef Py_UCS4 chars[MAX_SEPARATORS]
    cdef int count = len(separators), k
    if count > MAX_SEPARATORS:
        raise ValueError(f"at most {MAX_SEPARATORS} separators")
    for k in range(count):
        chars[k] = separators[k]
    cdef str key
    return [_may_open(key, firsts, chars, count, reach) for key in keys]
