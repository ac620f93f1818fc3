# cython: language_level=3, boundscheck=False, wraparound=False
"""The pieces of a long dump line (:func:`cleaner.segment.pieces_python`), compiled.

A crawler that collapses an article onto one line keeps its paragraph breaks as
runs of two or more spaces; :mod:`cleaner.segment` cuts such lines there.  The
Python twin does it with ``re.split(r"\\s{2,}")``, ``" ".join(part.split())`` per
part and slices of ``max_block`` characters; this module finds the runs in one
pass in C, and a part that holds no other space than single " " (most) is kept
as it is instead of split into words and joined again.  Python's ``re`` reads ``\\s`` as ``str.isspace()``, which is what
``str.strip()`` and ``str.split()`` use too: the C predicate here is the same
(``Py_UNICODE_ISSPACE``).  ``tests/test_features.py`` holds the two twins to the
same output.
"""

from cpython.unicode cimport Py_UNICODE_ISSPACE


cdef extern from "Python.h":
    # the characters of a str read straight from its buffer (its kind read once, not per character)
    int PyUnicode_KIND(object text)
    void* PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void* data, Py_ssize_t index)


cdef inline bint _space(Py_UCS4 ch):
    """``str.isspace()`` of one character; a Hangul syllable (most of a Korean line) is
    none without a look in the Unicode tables."""
    if 0xAC00 <= ch <= 0xD7A3:
        return False
    return Py_UNICODE_ISSPACE(ch)


cdef bint _plain_space(str line, Py_ssize_t start, Py_ssize_t end):
    """What ``segment._PLAIN_SPACE`` finds in ``line[start:end]``: a tab, another
    space than " ", or "  "."""
    cdef Py_UCS4 ch, prev = 0
    cdef Py_ssize_t i
    cdef int kind = PyUnicode_KIND(line)
    cdef void* data = PyUnicode_DATA(line)
    for i in range(start, end):
        ch = PyUnicode_READ(kind, data, i)
        if ch == u" ":
            if prev == u" ":
                return True
        elif (ch == 0x09 or ch == 0x0B or ch == 0x0C or ch == 0x85 or ch == 0xA0 or ch == 0x1680
              or 0x2000 <= ch <= 0x200A or ch == 0x2028 or ch == 0x2029 or ch == 0x202F
              or ch == 0x205F or ch == 0x3000):
            return True
        prev = ch
    return False


cdef void _cut_at_space_runs(str line, list out, Py_ssize_t max_block):
    """The parts of ``re.split(r"\\s{2,}", line)`` (``line`` stripped), each folded and
    sliced by :func:`_add`; one pass finds the runs and whether a part holds a lone
    space other than " " (the only thing its fold changes: its ends are no spaces)."""
    cdef Py_ssize_t n = len(line), i = 0, start = 0, run
    cdef int kind = PyUnicode_KIND(line)
    cdef void* data = PyUnicode_DATA(line)
    cdef Py_UCS4 ch
    cdef bint odd = False  # a lone space other than " " in the current part
    while i < n:
        ch = PyUnicode_READ(kind, data, i)
        if not _space(ch):
            i += 1
            continue
        run = i
        while i < n and _space(PyUnicode_READ(kind, data, i)):
            i += 1
        if i - run >= 2:
            _add(out, line[start:run], not odd, max_block)
            start, odd = i, False
        elif ch != u" ":
            odd = True
    _add(out, line[start:], not odd, max_block)


cdef void _add(list out, str part, bint folded, Py_ssize_t max_block):
    """``part`` folded (``" ".join(part.split())`` unless ``folded``), in slices of
    ``max_block``; nothing for an empty part."""
    cdef Py_ssize_t at
    if not folded:
        part = " ".join(part.split())
    if len(part) <= max_block:
        if part:
            out.append(part)
        return
    for at in range(0, len(part), max_block):
        out.append(part[at:at + max_block])


def pieces(str line, Py_ssize_t long_line, Py_ssize_t max_block):
    """The pieces of ``line``: see :func:`cleaner.segment.pieces_python`."""
    line = line.strip()
    if not line:
        return []
    if len(line) <= long_line and not _plain_space(line, 0, len(line)):
        return [line]
    cdef list out = []
    if len(line) > long_line:
        _cut_at_space_runs(line, out, max_block)
    else:  # a short line with a space to fold (a tab, another space than " ", "  ")
        _add(out, line, False, max_block)
    return out


def to_cut(list lines, Py_ssize_t long_line):
    """Per line: whether :func:`pieces` has anything to cut or fold in it (see
    :func:`cleaner.segment.to_cut_python`)."""
    cdef str line
    cdef Py_ssize_t start, end
    cdef int kind
    cdef void* data
    cdef list out = []
    for line in lines:
        start, end = 0, len(line)
        kind, data = PyUnicode_KIND(line), PyUnicode_DATA(line)
        while start < end and _space(PyUnicode_READ(kind, data, start)):
            start += 1
        while end > start and _space(PyUnicode_READ(kind, data, end - 1)):
            end -= 1
        out.append(end > start and (end - start > long_line or _plain_space(line, start, end)))
    return out
