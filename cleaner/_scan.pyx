# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The scans of :mod:`cleaner.scan`, compiled: one pass of C over a document's characters.

Each function gives exactly what its twin in :mod:`cleaner.scan` gives (there a
regular expression or ``str.count`` each); ``tests/test_scan.py`` holds them to
it on the corpus and on generated strings.  The characters are read in place, by
a loop made for the string's width (1, 2 or 4 bytes a character) and written
without branches per character (Korean pages mix ASCII markup and Hangul
character by character, where a branch per character range would be
mispredicted half the time): ``repair_flags`` looks each character up in a table
made once of the tests on it, the other loops join their tests so that the
compiler runs them on many characters at once.  The loops are plain C, below, so
that what vectorizes does not depend on how Cython writes a loop.
"""

from cpython.unicode cimport PyUnicode_GET_LENGTH, Py_UNICODE_ISALNUM
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.string cimport memset

cdef extern from *:
    """
    #include <string.h>
    static inline unsigned cl_in(unsigned c, unsigned lo, unsigned hi) { return c - lo <= hi - lo; }
    /* the three kinds of scan.repair_flags: scan.INVISIBLE_CHARS, CR, scan.LINE_CHARS */
    #define CL_INVISIBLE(c) (cl_in(c, 0x00, 0x00) + cl_in(c, 0x7f, 0x7f) + cl_in(c, 0x061c, 0x061c) \
        + cl_in(c, 0x200b, 0x200b) + cl_in(c, 0x200e, 0x200f) + cl_in(c, 0x202a, 0x202e) \
        + cl_in(c, 0x2060, 0x2064) + cl_in(c, 0x2066, 0x2069) + cl_in(c, 0xfeff, 0xfeff))
    #define CL_LINE(c) (cl_in(c, 0x00, 0x08) + cl_in(c, 0x0b, 0x0c) + cl_in(c, 0x0e, 0x1f) \
        + cl_in(c, 0x80, 0x9f) + cl_in(c, 0xc2, 0xf4) + cl_in(c, 0xd800, 0xdfff) + cl_in(c, 0xfffd, 0xfffd))

    /* per BMP character, what scan.repair_flags makes of it: 1 invisible, 2 CR, 4 a line
       character, 8 "&" (a line character when the text is no markup); filled once, from the
       tests above, by cl_fill_repair_table() */
    static unsigned char cl_repair_table[0x10000];
    static void cl_fill_repair_table(void) {
        for (unsigned c = 0; c < 0x10000; c++)
            cl_repair_table[c] = (CL_INVISIBLE(c) ? 1 : 0) | (c == 0x0d ? 2 : 0) | (CL_LINE(c) ? 4 : 0)
                | (c == 0x26 ? 8 : 0);
    }
    static inline int cl_repair_result(unsigned found, unsigned amp) {
        return (found & 7) | ((amp && (found & 8)) ? 4 : 0);
    }

    #define CL_COUNT_BLOCK 4096  /* characters summed in 32 bits before the sums are added up */
    #define CL_LOOKUP(ch) ((unsigned)(ch) < 0x10000 ? cl_repair_table[(unsigned)(ch)] : 0)

    /* the first "<" at or after i and before end, else end: 16 bytes of characters compared
       at once where the compiler targets SSE2 (every x86-64), one by one elsewhere */
    #if defined(__SSE2__)
    #include <emmintrin.h>
    #define CL_FIND_LT(W, T, CMPEQ, SET1, PER) \
    static inline Py_ssize_t cl_find_lt_##W(const T *s, Py_ssize_t i, Py_ssize_t end) { \
        const __m128i lt = SET1(0x3c); \
        for (; i + PER <= end; i += PER) { \
            int found = _mm_movemask_epi8(CMPEQ(_mm_loadu_si128((const __m128i *)(s + i)), lt)); \
            if (found) return i + __builtin_ctz(found) / (int)sizeof(T); \
        } \
        for (; i < end; i++) if (s[i] == 0x3c) return i; \
        return end; \
    }
    CL_FIND_LT(1, Py_UCS1, _mm_cmpeq_epi8, _mm_set1_epi8, 16)
    CL_FIND_LT(2, Py_UCS2, _mm_cmpeq_epi16, _mm_set1_epi16, 8)
    CL_FIND_LT(4, Py_UCS4, _mm_cmpeq_epi32, _mm_set1_epi32, 4)
    #else
    #define CL_FIND_LT(W, T) \
    static inline Py_ssize_t cl_find_lt_##W(const T *s, Py_ssize_t i, Py_ssize_t end) { \
        for (; i < end; i++) if (s[i] == 0x3c) return i; \
        return end; \
    }
    CL_FIND_LT(1, Py_UCS1)
    CL_FIND_LT(2, Py_UCS2)
    CL_FIND_LT(4, Py_UCS4)
    #endif

    #define CL_KERNELS(W, T) \
    /* scan.repair_flags: each character looked up in cl_repair_table (a character past the \
       BMP is none of them), four running unions so that the lookups overlap */ \
    static int cl_repair_flags_##W(const T *s, Py_ssize_t n, unsigned amp) { \
        unsigned a = 0, b = 0, c = 0, d = 0; \
        Py_ssize_t i = 0; \
        for (; i + 4 <= n; i += 4) { \
            a |= CL_LOOKUP(s[i]); b |= CL_LOOKUP(s[i + 1]); \
            c |= CL_LOOKUP(s[i + 2]); d |= CL_LOOKUP(s[i + 3]); \
        } \
        for (; i < n; i++) a |= CL_LOOKUP(s[i]); \
        return cl_repair_result(a | b | c | d, amp); \
    } \
    /* scan.plain_repairs into out (room for n): invisible characters dropped (with invisible), \
       CR LF and a lone CR made LF (with cr), as if the first were done before the second */ \
    static Py_ssize_t cl_plain_repairs_##W(const T *s, Py_ssize_t n, T *out, int invisible, int cr) { \
        Py_ssize_t m = 0, i = 0; \
        int after_cr = 0;  /* the last character written is an LF made from a CR */ \
        while (i < n) { \
            Py_ssize_t run = i;  /* up to the next character to drop or mend, copied whole */ \
            if (invisible) {  /* a coarse test first: a few of these characters, or punctuation */ \
                for (; run < n; run++) { \
                    unsigned c = s[run]; \
                    if (((c == 0x0d) + (c == 0) + (c == 0x7f) + cl_in(c, 0x061c, 0x2069) + (c == 0xfeff)) \
                            && (c == 0x0d || CL_INVISIBLE(c))) break; \
                } \
            } else { \
                while (run < n && s[run] != 0x0d) run++; \
            } \
            if (run > i) { \
                if (after_cr && s[i] == 0x0a) i++;  /* the LF of a CR LF */ \
                memcpy(out + m, s + i, (run - i) * sizeof(T)); \
                m += run - i; \
                after_cr = 0; \
            } \
            if (run == n) break; \
            if (s[run] == 0x0d && cr) { out[m++] = 0x0a; after_cr = 1; } \
            else if (s[run] == 0x0d) { out[m++] = 0x0d; after_cr = 0; } \
            i = run + 1;  /* an invisible character is dropped and leaves after_cr as it is */ \
        } \
        return m; \
    } \
    /* out: "<" count, "</" count, and 1 when some aligned block of `size` holds neither "<" nor ">" */ \
    static void cl_count_tags_##W(const T *s, Py_ssize_t n, Py_ssize_t size, Py_ssize_t *out) { \
        Py_ssize_t tags = 0, ends = 0, gap = 0; \
        for (Py_ssize_t start = 0; start < n; start += size) { \
            Py_ssize_t end = start + size < n ? start + size : n, marks = 0; \
            for (Py_ssize_t at = start; at < end; at += CL_COUNT_BLOCK) { \
                /* the last character has no next one: the fused loop stops before it */ \
                Py_ssize_t stop = at + CL_COUNT_BLOCK < end ? at + CL_COUNT_BLOCK : end; \
                Py_ssize_t fused = stop < n ? stop : n - 1; \
                unsigned opens = 0, closes = 0, seen = 0;  /* 32-bit sums: lanes the compiler packs */ \
                for (Py_ssize_t i = at; i < fused; i++) { \
                    unsigned c = s[i], open = c == 0x3c; \
                    opens += open; \
                    seen += open | (c == 0x3e); \
                    closes += open & (s[i + 1] == 0x2f); \
                } \
                for (Py_ssize_t i = fused > at ? fused : at; i < stop; i++) { \
                    opens += s[i] == 0x3c; seen += (s[i] == 0x3c) | (s[i] == 0x3e); \
                } \
                tags += opens; ends += closes; marks += seen; \
            } \
            gap |= marks == 0 && end - start == size; \
        } \
        out[0] = tags; out[1] = ends; out[2] = gap; \
    } \
    /* whether "<", an ASCII letter and `limit` characters other than "<" and ">" follow */ \
    static int cl_long_tag_##W(const T *s, Py_ssize_t n, Py_ssize_t limit) { \
        Py_ssize_t start = -1;  /* an open "<" + letter, no "<" or ">" after it yet */ \
        for (Py_ssize_t i = 0; i < n; i++) { \
            unsigned c = s[i]; \
            if (c != 0x3c && c != 0x3e) continue; \
            if (start >= 0 && i - start >= limit + 2) return 1; \
            start = (c == 0x3c && i + 1 < n && ((unsigned)s[i + 1] | 0x20) - 0x61 <= 25) ? i : -1; \
        } \
        return start >= 0 && n - start >= limit + 2; \
    } \
    /* the next "<" from i on whose next character (in any ASCII case) is marked in `first` */ \
    static Py_ssize_t cl_next_open_##W(const T *s, Py_ssize_t n, Py_ssize_t i, const unsigned char *first) { \
        for (; (i = cl_find_lt_##W(s, i, n - 1)) < n - 1; i++) { \
            unsigned c = (unsigned)s[i + 1] | 0x20; \
            if (c < 128 && first[c]) return i; \
        } \
        return n; \
    }
    CL_KERNELS(1, Py_UCS1)
    CL_KERNELS(2, Py_UCS2)
    CL_KERNELS(4, Py_UCS4)

    /* scan.key_fold: the characters beyond ASCII, Hangul syllables and CJK ideographs that
       fold to themselves (scan.KEY_SELF_RANGES; tests/test_scan.py checks each against
       unicodedata), and the zero-width ones a match key drops (normalize._ZERO_WIDTH) */
    static const unsigned cl_key_self[][2] = {
        {0x00a9, 0x00a9}, {0x00ae, 0x00ae}, {0x00b0, 0x00b1}, {0x00b7, 0x00b7}, {0x00d7, 0x00d7},
        {0x00f7, 0x00f7}, {0x119e, 0x119e}, {0x2010, 0x2010}, {0x2013, 0x2015}, {0x2018, 0x2019},
        {0x201c, 0x201d}, {0x2020, 0x2022}, {0x2030, 0x2030}, {0x203b, 0x203b}, {0x2190, 0x2199},
        {0x223c, 0x223c}, {0x2500, 0x25ff}, {0x2605, 0x2606}, {0x3001, 0x3003}, {0x3008, 0x3011},
        {0x3041, 0x3096}, {0x30a1, 0x30fa}};
    static inline int cl_key_kept(unsigned c) {
        for (unsigned k = 0; k < sizeof cl_key_self / sizeof cl_key_self[0]; k++)
            if (cl_in(c, cl_key_self[k][0], cl_key_self[k][1])) return 1;
        return 0;
    }
    #define CL_KEY_DROPPED(c) (CL_INVISIBLE(c) || (c) == 0x200c || (c) == 0x200d || (c) == 0x00ad)
    /* the key of s[start:*end] into out (room for n - start), its length returned: *end is n,
       or, at a character of no known fold, the position after the last space or line feed
       before it (start when none) */
    #define CL_KEY_FOLD(W, T) \
    static Py_ssize_t cl_key_fold_##W(const T *s, Py_ssize_t start, Py_ssize_t n, T *out, Py_ssize_t *end) { \
        Py_ssize_t m = 0, cut_in = start, cut_out = 0; \
        for (Py_ssize_t i = start; i < n; i++) { \
            unsigned c = s[i]; \
            if (CL_KEY_DROPPED(c)) continue; \
            if (c < 0x80) { \
                if (c == 0x20 || c == 0x0a) { cut_in = i + 1; cut_out = m + 1; } \
                c += (c - 0x41u <= 25u) ? 32 : 0; \
            } else if (!cl_in(c, 0xac00, 0xd7a3) && !cl_in(c, 0x4e00, 0x9fff) && !cl_key_kept(c)) { \
                *end = cut_in; \
                return cut_out; \
            } \
            out[m++] = (T)c; \
        } \
        *end = n; \
        return m; \
    }
    CL_KEY_FOLD(1, Py_UCS1)
    CL_KEY_FOLD(2, Py_UCS2)
    CL_KEY_FOLD(4, Py_UCS4)
    """
    ctypedef unsigned char Py_UCS1
    ctypedef unsigned short Py_UCS2
    int PyUnicode_READY(object) except -1
    int PyUnicode_KIND(object)
    void *PyUnicode_DATA(object)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index) nogil
    void cl_fill_repair_table() nogil
    int cl_repair_flags_1(const Py_UCS1 *s, Py_ssize_t n, unsigned amp) nogil
    int cl_repair_flags_2(const Py_UCS2 *s, Py_ssize_t n, unsigned amp) nogil
    int cl_repair_flags_4(const Py_UCS4 *s, Py_ssize_t n, unsigned amp) nogil
    Py_ssize_t cl_plain_repairs_1(const Py_UCS1 *s, Py_ssize_t n, Py_UCS1 *out, int invisible, int cr) nogil
    Py_ssize_t cl_plain_repairs_2(const Py_UCS2 *s, Py_ssize_t n, Py_UCS2 *out, int invisible, int cr) nogil
    Py_ssize_t cl_plain_repairs_4(const Py_UCS4 *s, Py_ssize_t n, Py_UCS4 *out, int invisible, int cr) nogil
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    void cl_count_tags_1(const Py_UCS1 *s, Py_ssize_t n, Py_ssize_t size, Py_ssize_t *out) nogil
    void cl_count_tags_2(const Py_UCS2 *s, Py_ssize_t n, Py_ssize_t size, Py_ssize_t *out) nogil
    void cl_count_tags_4(const Py_UCS4 *s, Py_ssize_t n, Py_ssize_t size, Py_ssize_t *out) nogil
    bint cl_long_tag_1(const Py_UCS1 *s, Py_ssize_t n, Py_ssize_t limit) nogil
    bint cl_long_tag_2(const Py_UCS2 *s, Py_ssize_t n, Py_ssize_t limit) nogil
    bint cl_long_tag_4(const Py_UCS4 *s, Py_ssize_t n, Py_ssize_t limit) nogil
    Py_ssize_t cl_next_open_1(const Py_UCS1 *s, Py_ssize_t n, Py_ssize_t i, const unsigned char *first) nogil
    Py_ssize_t cl_next_open_2(const Py_UCS2 *s, Py_ssize_t n, Py_ssize_t i, const unsigned char *first) nogil
    Py_ssize_t cl_next_open_4(const Py_UCS4 *s, Py_ssize_t n, Py_ssize_t i, const unsigned char *first) nogil
    Py_ssize_t cl_key_fold_1(const Py_UCS1 *s, Py_ssize_t start, Py_ssize_t n, Py_UCS1 *out, Py_ssize_t *end) nogil
    Py_ssize_t cl_key_fold_2(const Py_UCS2 *s, Py_ssize_t start, Py_ssize_t n, Py_UCS2 *out, Py_ssize_t *end) nogil
    Py_ssize_t cl_key_fold_4(const Py_UCS4 *s, Py_ssize_t start, Py_ssize_t n, Py_UCS4 *out, Py_ssize_t *end) nogil


cl_fill_repair_table()


cdef inline int _kind(object text) except -1:
    """The width of ``text``'s characters (1, 2 or 4 bytes), its data made ready first
    (any str, a subclass too: ``numpy.str_`` is one)."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    PyUnicode_READY(text)
    return PyUnicode_KIND(text)


def repair_flags(text, bint markup):
    """What :func:`cleaner.normalize.repair` has to do to ``text``: ``scan.repair_flags``."""
    cdef int kind = _kind(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef unsigned amp = not markup
    if kind == 1:
        return cl_repair_flags_1(<Py_UCS1 *>data, n, amp)
    if kind == 2:
        return cl_repair_flags_2(<Py_UCS2 *>data, n, amp)
    return cl_repair_flags_4(<Py_UCS4 *>data, n, amp)


def plain_repairs(text, int flags):
    """``text`` with the repairs ``scan.repair_flags`` ``flags`` ask for that need no line
    looked at: ``scan.plain_repairs``."""
    cdef int kind = _kind(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t m, n = PyUnicode_GET_LENGTH(text)
    cdef int invisible = flags & 1, cr = flags & 2
    if not (invisible or cr):
        return text
    cdef void *out = PyMem_Malloc(max(n, 1) * kind)
    if out == NULL:
        raise MemoryError()
    try:
        if kind == 1:
            m = cl_plain_repairs_1(<Py_UCS1 *>data, n, <Py_UCS1 *>out, invisible, cr)
        elif kind == 2:
            m = cl_plain_repairs_2(<Py_UCS2 *>data, n, <Py_UCS2 *>out, invisible, cr)
        else:
            m = cl_plain_repairs_4(<Py_UCS4 *>data, n, <Py_UCS4 *>out, invisible, cr)
        return PyUnicode_FromKindAndData(kind, out, m)  # in the narrowest kind that holds it
    finally:
        PyMem_Free(out)


def key_fold(text, Py_ssize_t start=0):
    """(the match key of ``text[start:end]``, ``end``): ``scan.key_fold``."""
    cdef int kind = _kind(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t m, end, n = PyUnicode_GET_LENGTH(text)
    if not 0 <= start <= n:
        raise IndexError("start out of range")
    cdef void *out = PyMem_Malloc(max(n - start, 1) * kind)
    if out == NULL:
        raise MemoryError()
    try:
        if kind == 1:
            m = cl_key_fold_1(<Py_UCS1 *>data, start, n, <Py_UCS1 *>out, &end)
        elif kind == 2:
            m = cl_key_fold_2(<Py_UCS2 *>data, start, n, <Py_UCS2 *>out, &end)
        else:
            m = cl_key_fold_4(<Py_UCS4 *>data, start, n, <Py_UCS4 *>out, &end)
        return PyUnicode_FromKindAndData(kind, out, m), end
    finally:
        PyMem_Free(out)


def markup_counts(text, Py_ssize_t limit):
    """(``<`` count, ``</`` count, whether a start tag runs ``limit`` characters past its letter).

    Such a long tag needs ``limit + 1`` characters without ``<`` or ``>``, a run that
    holds a whole aligned block of ``(limit + 2) // 2`` (as in ``scan._long_tag``): the
    tags are followed one by one only when a block has none."""
    cdef int kind = _kind(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    cdef Py_ssize_t size = max(1, (limit + 2) // 2)
    cdef Py_ssize_t out[3]
    cdef bint long_tag
    if kind == 1:
        cl_count_tags_1(<Py_UCS1 *>data, n, size, out)
        long_tag = out[2] and cl_long_tag_1(<Py_UCS1 *>data, n, limit)
    elif kind == 2:
        cl_count_tags_2(<Py_UCS2 *>data, n, size, out)
        long_tag = out[2] and cl_long_tag_2(<Py_UCS2 *>data, n, limit)
    else:
        cl_count_tags_4(<Py_UCS4 *>data, n, size, out)
        long_tag = out[2] and cl_long_tag_4(<Py_UCS4 *>data, n, limit)
    return out[0], out[1], long_tag


cdef inline bint _word(Py_UCS4 c) noexcept:
    return Py_UNICODE_ISALNUM(c) or c == 0x5f


cdef bint _name_at(int kind, void *data, Py_ssize_t n, Py_ssize_t at, str name):
    """Whether ``name`` (lower-case ASCII) stands at ``at``, in any ASCII case, and ends a word."""
    cdef Py_ssize_t k, size = PyUnicode_GET_LENGTH(name)
    cdef long c, want
    if at + size > n:
        return False
    for k in range(size):
        c = PyUnicode_READ(kind, data, at + k)
        want = <Py_UCS4>name[k]
        if c != want and not (0x61 <= want <= 0x7a and c == want - 0x20):
            return False
    return at + size == n or not _word(PyUnicode_READ(kind, data, at + size))


def raw_opens(text, tuple names):
    """(start, end, name) of each start tag of ``names``: ``scan.raw_opens_python``."""
    cdef int kind = _kind(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i = 0, g, n = PyUnicode_GET_LENGTH(text)
    cdef unsigned char first[128]
    cdef str name
    memset(first, 0, sizeof(first))
    for name in names:
        first[ord(name[0]) & 0x7f] = 1
    out = []
    while True:
        if kind == 1:
            i = cl_next_open_1(<Py_UCS1 *>data, n, i, first)
        elif kind == 2:
            i = cl_next_open_2(<Py_UCS2 *>data, n, i, first)
        else:
            i = cl_next_open_4(<Py_UCS4 *>data, n, i, first)
        if i >= n:
            return out
        for name in names:
            if _name_at(kind, data, n, i + 1, name):
                break
        else:
            i += 1
            continue
        g = i + 1 + PyUnicode_GET_LENGTH(name)
        while g < n and PyUnicode_READ(kind, data, g) != 0x3e:
            g += 1
        if g == n:
            return out  # no ">" to end this tag, nor any after it
        out.append((i, g + 1, name))
        i = g + 1
