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


cdef bint _plain_space(str line, Py_ssize_t start, Py_ssize_t end):
    """What ``segment._PLAIN_SPACE`` finds in ``line[start:end]``: a tab, another
    space than " ", or "  "."""
    cdef Py_UCS4 ch, prev = 0
    cdef Py_ssize_t i
    for i in range(start, end):
        ch = line[i]
        if ch == u" ":
            if prev == u" ":
                return True
        elif (ch == 0x09 or ch == 0x0B or ch == 0x0C or ch == 0x85 or ch == 0xA0 or ch == 0x1680
              or 0x2000 <= ch <= 0x200A or ch == 0x2028 or ch == 0x2029 or ch == 0x202F
              or ch == 0x205F or ch == 0x3000):
            return True
        prev = ch
    return False


cdef list _split_at_space_runs(str line):
    """``re.split(r"\\s{2,}", line)``: the text between runs of two or more spaces."""
    cdef Py_ssize_t n = len(line), i = 0, start = 0, run
    cdef list parts = []
    while i < n:
        if Py_UNICODE_ISSPACE(line[i]):
            run = i
            while i < n and Py_UNICODE_ISSPACE(line[i]):
                i += 1
            if i - run >= 2:
                parts.append(line[start:run])
                start = i
        else:
            i += 1
    parts.append(line[start:])
    return parts


cdef bint _folded_already(str part):
    """Whether ``" ".join(part.split())`` is ``part``: no space at its ends, and every
    space within it a single " " (the common case, which needs no word list)."""
    cdef Py_ssize_t n = len(part), i
    cdef Py_UCS4 ch
    cdef bint after_space = True  # the start counts as a space: no leading one
    for i in range(n):
        ch = part[i]
        if Py_UNICODE_ISSPACE(ch):
            if after_space or ch != u" ":
                return False
            after_space = True
        else:
            after_space = False
    return not after_space or n == 0


def pieces(str line, Py_ssize_t long_line, Py_ssize_t max_block):
    """The pieces of ``line``: see :func:`cleaner.segment.pieces_python`."""
    cdef str part
    cdef Py_ssize_t at
    line = line.strip()
    if not line:
        return []
    if len(line) <= long_line and not _plain_space(line, 0, len(line)):
        return [line]
    parts = _split_at_space_runs(line) if len(line) > long_line else [line]
    cdef list out = []
    for part in parts:
        if not _folded_already(part):
            part = " ".join(part.split())
        if len(part) <= max_block:
            if part:
                out.append(part)
            continue
        for at in range(0, len(part), max_block):
            out.append(part[at:at + max_block])
    return out


def to_cut(list lines, Py_ssize_t long_line):
    """Per line: whether :func:`pieces` has anything to cut or fold in it (see
    :func:`cleaner.segment.to_cut_python`)."""
    cdef str line
    cdef Py_ssize_t start, end
    cdef list out = []
    for line in lines:
        start, end = 0, len(line)
        while start < end and Py_UNICODE_ISSPACE(line[start]):
            start += 1
        while end > start and Py_UNICODE_ISSPACE(line[end - 1]):
            end -= 1
        out.append(end > start and (end - start > long_line or _plain_space(line, start, end)))
    return out
