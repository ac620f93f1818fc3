# Included by _walk.pyx: a run of text as the walk gathers it, in C.
#
# html_dom._Walker joins a run's text nodes, tidies the result with
# normalize.tidy (white space collapsed, entities left over decoded) and counts
# its characters and weight (html_dom.text_weight).  Here the text nodes are
# decoded from lexbor's UTF-8 straight into one buffer, white space collapsed as
# they come, and the counts kept on the way: a piece's text is made once, at the
# end.  A run holding "&" goes through normalize.tidy after all (entities are
# rare and their decoding stays in Python).  The run also notes whether all its
# characters are plain (html_dom.PLAIN_KEY_RANGES and PLAIN_KEY_CHARS) or fold
# into plain ones (html_dom.PLAIN_KEY_FOLDS, "…" → "..."): such a piece's match
# key is its text so folded and lower-cased, without a call to
# normalize.match_key.  tidy, tidy_utf8 and match_key below are the
# Python-callable twins that tests/test_html_walk.py holds equal to
# normalize.tidy and normalize.match_key (the weights the walk makes are held to
# html_dom.text_weight's by the walks' own equality).

from cpython.unicode cimport PyUnicode_FromKindAndData, PyUnicode_4BYTE_KIND, Py_UNICODE_ISSPACE


cdef struct Run:
    Py_UCS4 *buf
    Py_ssize_t length, size
    Py_ssize_t spaces  # the single spaces put between words
    Py_ssize_t cjk  # Hangul/Han/kana characters (html_dom.CJK_RANGES)
    bint space  # white space since the last character kept
    bint amp  # an "&": entities may be left to decode
    bint plain  # every character kept is its own match key (A-Z lower-cased), or one of fold_chars
    bint folds  # one of fold_chars
    bint upper  # an A-Z


cdef inline bint _is_cjk(Py_UCS4 ch) noexcept:
    cdef int r
    if ch < cjk_low:
        return False
    for r in range(cjk_ranges):
        if cjk_from[r] <= ch <= cjk_to[r]:
            return True
    return False


cdef enum:
    SPACE_MAX = 0x3000  # the last white space character str.split() knows (ideographic space)


cdef inline bint _space(Py_UCS4 ch) noexcept:
    """``ch.isspace()`` (str.split()'s white space); Hangul and Han are past SPACE_MAX."""
    return ch <= SPACE_MAX and Py_UNICODE_ISSPACE(ch)


# html_dom.PLAIN_KEY_FOLDS: characters whose match key is a run of plain ones ("…" → "...")
cdef Py_UCS4 fold_chars[8]
cdef int fold_count = 0
cdef dict _folds = {}


cdef int _bind_folds(object html_dom) except -1:
    global fold_count, _folds
    if len(html_dom.PLAIN_KEY_FOLDS) > 8:
        raise ImportError("more folded characters than _walk holds")
    _folds = dict(html_dom.PLAIN_KEY_FOLDS)
    for i, ch in enumerate(_folds):
        fold_chars[i] = ord(ch)
    fold_count = len(_folds)
    return 0


cdef inline bint _folded(Py_UCS4 ch) noexcept:
    cdef int i
    for i in range(fold_count):
        if fold_chars[i] == ch:
            return True
    return False


cdef inline void _note_plain(Py_UCS4 ch, bint *plain, bint *folds) noexcept:
    """Whether ``ch`` keeps a text plain: a plain character, or one of fold_chars (noted in ``folds``)."""
    if plain[0] and not _plain(ch):
        if _folded(ch):
            folds[0] = True
        else:
            plain[0] = False


cdef inline bint _plain(Py_UCS4 ch) noexcept:
    """Whether ``ch`` is a plain character (its own match key, or A-Z)."""
    cdef int i
    for i in range(plain_ranges):
        if plain_from[i] <= ch <= plain_to[i]:
            return True
    for i in range(plain_count):
        if plain_chars[i] == ch:
            return True
    return False


cdef int _reserve(Run *run, Py_ssize_t more) except -1:
    cdef Py_UCS4 *grown
    cdef Py_ssize_t size
    if run.length + more <= run.size:
        return 0
    size = max(run.size * 2, run.length + more + 256)
    grown = <Py_UCS4 *>realloc(run.buf, size * sizeof(Py_UCS4))
    if grown == NULL:
        raise MemoryError()
    run.buf, run.size = grown, size
    return 0


cdef inline bint _put(Run *run, Py_UCS4 ch) noexcept:
    """Add one character (room for two is reserved); whether it is not white space."""
    if _space(ch):
        run.space = True
        return False
    if run.space and run.length:
        run.buf[run.length] = 32
        run.length += 1
        run.spaces += 1
    run.space = False
    run.buf[run.length] = ch
    run.length += 1
    run.cjk += _is_cjk(ch)
    run.amp = run.amp or ch == 38
    run.upper = run.upper or 65 <= ch <= 90
    _note_plain(ch, &run.plain, &run.folds)
    return True


cdef Py_ssize_t _put_str(Run *run, str text) except -1:
    """Add ``text``; its characters that are not white space."""
    cdef Py_ssize_t visible = 0
    cdef Py_UCS4 ch
    _reserve(run, 2 * len(text))
    for ch in text:
        visible += _put(run, ch)
    return visible


cdef Py_ssize_t _put_utf8(Run *run, const unsigned char *data, size_t size) except -1:
    """Add UTF-8 text; its characters that are not white space.  Text that is not
    well-formed UTF-8 is decoded by Python (U+FFFD for what is broken) instead."""
    cdef Run saved
    cdef Py_ssize_t visible = 0
    cdef size_t i = 0
    cdef Py_UCS4 ch
    cdef unsigned char b
    _reserve(run, 2 * <Py_ssize_t>size)
    saved = run[0]
    while i < size:
        b = data[i]
        if b < 0x80:
            ch, i = b, i + 1
        elif 0xC2 <= b <= 0xDF and i + 1 < size and _cont(data[i + 1]):
            ch, i = ((b & 0x1F) << 6) | (data[i + 1] & 0x3F), i + 2
        elif 0xE0 <= b <= 0xEF and i + 2 < size and _cont(data[i + 1]) and _cont(data[i + 2]) \
                and not (b == 0xE0 and data[i + 1] < 0xA0) and not (b == 0xED and data[i + 1] > 0x9F):
            ch, i = ((b & 0x0F) << 12) | ((data[i + 1] & 0x3F) << 6) | (data[i + 2] & 0x3F), i + 3
        elif 0xF0 <= b <= 0xF4 and i + 3 < size and _cont(data[i + 1]) and _cont(data[i + 2]) \
                and _cont(data[i + 3]) and not (b == 0xF0 and data[i + 1] < 0x90) \
                and not (b == 0xF4 and data[i + 1] > 0x8F):
            ch = ((b & 0x07) << 18) | ((data[i + 1] & 0x3F) << 12) | ((data[i + 2] & 0x3F) << 6) \
                | (data[i + 3] & 0x3F)
            i += 4
        else:  # broken: start this text over, decoded as selectolax decodes it
            run[0] = saved
            return _put_str(run, _decode(data, size))
        visible += _put(run, ch)
    return visible


cdef inline bint _cont(unsigned char b) noexcept:
    return b & 0xC0 == 0x80


cdef inline void _clear(Run *run) noexcept:
    run.length = run.spaces = run.cjk = 0
    run.space = run.amp = run.upper = run.folds = False
    run.plain = True


cdef struct Counts:  # of a piece's text
    Py_ssize_t chars  # not a space
    Py_ssize_t cjk
    bint plain, folds, upper  # as in Run


cdef str _take(Run *run, Counts *counts):
    """The run's text as normalize.tidy gives it, and its counts; the run is cleared."""
    cdef str text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, run.buf, run.length) if run.length else ""
    cdef bint amp = run.amp
    counts.chars, counts.cjk, counts.plain, counts.upper = run.length - run.spaces, run.cjk, run.plain, run.upper
    counts.folds = run.folds
    _clear(run)
    if amp:
        tidied = tidy_python(text)
        if tidied != text:
            text = tidied
            _count(text, counts)
    return text


cdef int _count(str text, Counts *counts) except -1:
    """The counts of a piece's text, read off the text itself."""
    cdef Py_UCS4 ch
    counts.chars, counts.cjk, counts.plain, counts.upper = len(text) - text.count(" "), 0, True, False
    counts.folds = False
    for ch in text:
        counts.cjk += _is_cjk(ch)
        _note_plain(ch, &counts.plain, &counts.folds)
        counts.upper = counts.upper or 65 <= ch <= 90
    return 0


cdef str _key(str text, Counts *counts):
    """normalize.match_key(text): a plain text's is the text with fold_chars folded, lower-cased."""
    if not counts.plain:
        return match_key_python(text)
    if counts.folds:
        for ch, fold in _folds.items():
            text = text.replace(ch, fold)
    return text.lower() if counts.upper else text


cdef str _tidied(str text, Counts *counts):
    cdef Run run
    run.buf, run.size = NULL, 0
    _clear(&run)
    try:
        _put_str(&run, text)
        return _take(&run, counts)
    finally:
        free(run.buf)


def tidy(str text) -> str:
    """normalize.tidy in C (entities still decoded by it)."""
    cdef Counts counts
    return _tidied(text, &counts)


def tidy_utf8(bytes data) -> str:
    """normalize.tidy of ``data`` decoded (``errors="replace"``), read as the walk reads a text node."""
    cdef Run run
    cdef Counts counts
    run.buf, run.size = NULL, 0
    _clear(&run)
    try:
        _put_utf8(&run, data, len(data))
        return _take(&run, &counts)
    finally:
        free(run.buf)


def match_key(str text) -> str:
    """normalize.match_key of a piece's text (tidied: the walk keys only its pieces), as the walk makes it."""
    cdef Counts counts
    text = _tidied(text, &counts)
    return _key(text, &counts)

