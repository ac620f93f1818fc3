# Included by _walk.pyx: html_dom.token_groups and html_dom.boundary for class/id
# names in ASCII (nearly all), in C.
#
# A page's class and id names are looked up in the vocabulary once per name (the
# answers are cached), but a page from a site not seen before brings dozens of new
# names, and the Python functions take some 10 us each.  Here a name's words are
# cut out by a scanner that follows html_dom._WORDS, the whole parts and words are
# looked up in one dict (token -> the groups it names, as bits), and the long
# tokens are found inside each part by their first character.  What is not ASCII
# gets None: html_dom asks its Python twin.

from cpython.unicode cimport PyUnicode_DATA

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object)

cdef enum:
    MAX_GROUPS = 31
    MAX_LONG = 512


cdef struct Long:  # a token that also counts inside a longer name
    const char *text  # held by _long_texts
    Py_ssize_t length
    unsigned int bit


cdef list _group_names = []  # the groups, in html_dom.TOKEN_GROUPS order
cdef dict _token_bits = {}  # token -> its groups as bits
cdef list _long_texts = []  # the long tokens' bytes (Long.text points into them)
cdef Long _longs[MAX_LONG]  # sorted by first character
cdef Py_ssize_t _long_from[128]  # first character -> its tokens in _longs
cdef Py_ssize_t _long_to[128]
cdef frozenset _modifier_prefixes = frozenset(), _deck_tokens = frozenset()
cdef bint _names_bound = False


cdef int _bind_names(object html_dom) except -1:
    """Take the vocabulary from html_dom; leave the twins unbound (None for every
    name) where a token is not lower-case ASCII or a long one holds white space."""
    global _group_names, _token_bits, _long_texts, _modifier_prefixes, _deck_tokens, _names_bound
    cdef Py_ssize_t i
    _names_bound = False
    groups = [group for group, _ in html_dom.TOKEN_GROUPS]
    tokens = [t for _, ts in html_dom.TOKEN_GROUPS for t in ts]
    longs = sorted(((t.encode("ascii"), 1 << groups.index(group))
                    for group, ts in html_dom.LONG_TOKENS for t in ts if t.isascii()), key=lambda x: x[0])
    if (len(groups) > MAX_GROUPS or len(longs) > MAX_LONG or len(set(groups)) != len(groups)
            or not all(t.isascii() and t == t.lower() and t and not any(c.isspace() for c in t) for t in tokens)
            or not all(p.isascii() for p in html_dom.vocab.MODIFIER_PREFIXES)):
        return 0
    _group_names = groups
    _token_bits = {}
    for group, ts in html_dom.TOKEN_GROUPS:
        for t in ts:
            _token_bits[t] = _token_bits.get(t, 0) | (1 << groups.index(group))
    _long_texts = [text for text, _ in longs]
    for c in range(128):
        _long_from[c] = _long_to[c] = 0
    for i, (text, bit) in enumerate(longs):
        _longs[i].text, _longs[i].length, _longs[i].bit = <const char *>text, len(text), bit
        if _long_to[text[0]] == 0:
            _long_from[text[0]] = i
        _long_to[text[0]] = i + 1
    _modifier_prefixes = frozenset(html_dom.vocab.MODIFIER_PREFIXES)
    _deck_tokens = frozenset(html_dom.vocab.TOKENS_DECK)
    _names_bound = True
    return 0


cdef inline bint _lower_char(unsigned char c) noexcept:
    return 97 <= c <= 122


cdef inline bint _upper_char(unsigned char c) noexcept:
    return 65 <= c <= 90


cdef str _ascii_lower(const unsigned char *data, Py_ssize_t length):
    cdef str out = PyUnicode_New(length, 127)
    cdef unsigned char *to = <unsigned char *>PyUnicode_DATA(out)
    cdef Py_ssize_t i
    for i in range(length):
        to[i] = data[i] + 32 if _upper_char(data[i]) else data[i]
    return out


cdef Py_ssize_t _word_end(const unsigned char *s, Py_ssize_t i, Py_ssize_t n) noexcept:
    """The end of the word html_dom._WORDS finds at ``i`` ([a-z]+ | [A-Z][a-z]+ |
    [A-Z]+ not followed by [a-z]), or ``i`` where none starts there."""
    cdef Py_ssize_t j = i
    if _lower_char(s[i]):
        while j < n and _lower_char(s[j]):
            j += 1
        return j
    if not _upper_char(s[i]):
        return i
    if i + 1 < n and _lower_char(s[i + 1]):
        j = i + 1
        while j < n and _lower_char(s[j]):
            j += 1
        return j
    while j < n and _upper_char(s[j]):
        j += 1
    if j < n and _lower_char(s[j]):
        j -= 1  # the last capital starts the next word
    return j


cdef unsigned int _words_bits(const unsigned char *s, Py_ssize_t n, frozenset deck, bint *in_deck) except? 0:
    """The groups the words of one part name (and whether one is in ``deck``)."""
    cdef unsigned int bits = 0
    cdef Py_ssize_t i = 0, end
    while i < n:
        end = _word_end(s, i, n)
        if end == i:
            i += 1
            continue
        word = _ascii_lower(s + i, end - i)
        bits |= _token_bits.get(word, 0)
        if deck is not None and word in deck:
            in_deck[0] = True
        i = end
    return bits


cdef unsigned int _long_bits(const unsigned char *low, Py_ssize_t n) noexcept:
    """The groups whose long tokens occur in a lower-cased part."""
    cdef unsigned int bits = 0
    cdef Py_ssize_t i, k
    for i in range(n):
        if low[i] >= 128:
            continue
        for k in range(_long_from[low[i]], _long_to[low[i]]):
            if i + _longs[k].length <= n and memcmp(low + i, _longs[k].text, _longs[k].length) == 0:
                bits |= _longs[k].bit
    return bits


cdef bint _is_modifier(const unsigned char *s, Py_ssize_t n) except -1:
    """html_dom._modifier: a prefix such as ``tag-`` or ``has_``, or the reader's text size."""
    cdef Py_ssize_t i
    for i in range(n):
        if s[i] == 45 or s[i] == 95:  # - or _
            if _ascii_lower(s, i) in _modifier_prefixes:
                return True
            break
    return _text_size_state(s, n)


cdef bint _text_size_state(const unsigned char *s, Py_ssize_t n) noexcept:
    """html_dom._TEXT_SIZE_STATE (font|fs|txt|text, a separator, "size", a separator,
    digits to the end; case aside, each but the digits optional)."""
    cdef Py_ssize_t i
    for prefix in (b"font", b"fs", b"txt", b"text"):
        i = len(prefix)
        if n < i or not _same_ascii(s, prefix, i):
            continue
        if i < n and (s[i] == 45 or s[i] == 95):
            i += 1
        if i + 4 <= n and _same_ascii(s + i, b"size", 4):
            i += 4
        if i < n and (s[i] == 45 or s[i] == 95):
            i += 1
        if i < n and all_digits(s + i, n - i):
            return True
    return False


cdef inline bint all_digits(const unsigned char *s, Py_ssize_t n) noexcept:
    cdef Py_ssize_t i
    for i in range(n):
        if not 48 <= s[i] <= 57:
            return False
    return True


cdef inline bint _same_ascii(const unsigned char *s, const char *lower, Py_ssize_t n) noexcept:
    """``s[:n].lower() == lower``."""
    cdef Py_ssize_t i
    for i in range(n):
        if (s[i] + 32 if _upper_char(s[i]) else s[i]) != <unsigned char>lower[i]:
            return False
    return True


def token_groups(str names):
    """html_dom.token_groups for a name in ASCII; None for any other (or before binding)."""
    cdef unsigned int bits = 0
    cdef const unsigned char *s
    cdef Py_ssize_t n, i
    cdef bint unused = False
    if not _names_bound or not PyUnicode_IS_ASCII(names):
        return None
    for part in names.split():
        s, n = <const unsigned char *>PyUnicode_DATA(part), len(part)
        if _is_modifier(s, n):
            continue
        low = _ascii_lower(s, n)
        bits |= _token_bits.get(low, 0) | _words_bits(s, n, None, &unused)
        bits |= _long_bits(<const unsigned char *>PyUnicode_DATA(low), n)
    return tuple([_group_names[i] for i in range(len(_group_names)) if bits & (1u << i)])


def boundary(str names):
    """html_dom.boundary for a name in ASCII (a word of it is a deck or headline
    token); None for any other."""
    cdef bint found = False
    if not _names_bound or not PyUnicode_IS_ASCII(names):
        return None
    for part in names.split():
        _words_bits(<const unsigned char *>PyUnicode_DATA(part), len(part), _deck_tokens, &found)
        if found:
            return True
    return False
