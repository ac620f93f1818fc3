# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The walk of :mod:`cleaner.html.dom`, compiled: the same pieces, read off lexbor's C tree.

The Python walker pays for Python objects at every node (selectolax builds a
``LexborNode``, a tag string and an attribute dict for each).  This module
follows lexbor's child and sibling links in C and makes Python objects only for
what the walk keeps: tag names (one per tag id, cached with what the walk's
rules say of the tag), the class, id and style values, the elements, and each
piece's text, made once from a buffer where its text nodes were decoded, white
space collapsed and characters counted (``_walk_text.pxi``).  The elements and
pieces are filled in through their slots (``_walk_page.pxi``), and the pieces'
tag paths and the elements' subtree ends are made at the end of the walk.  The class and id
names are looked up in the vocabulary by C twins of ``token_groups`` and
``boundary`` (``_walk_names.pxi``), which :mod:`cleaner.html.dom` also asks for
names met elsewhere.  What the walk
decides (block boundaries, concept groups, hidden and link flags, the pieces)
follows ``html_dom._Walker`` step for step, with that module's tables and helper
functions (``bind`` takes them); ``tests/test_html_walk.py`` holds the two
walkers to the same output page by page, and each C twin to its Python twin.

How lexbor is reached: selectolax links lexbor into its own extension module
and exports its symbols; ``bind`` looks the functions below up there with
``dlsym`` (nothing is linked at build time).  The one struct this module reads
itself is a text node's string (``lxb_dom_character_data_t``: the node, then a
``lexbor_str_t``); before the module is used, :mod:`cleaner.html.dom` checks the
node's layout against lexbor's functions (``layout_matches``) and the string
against selectolax's reading (``probe_text``).
"""

from libc.stdint cimport uintptr_t
from libc.stdlib cimport malloc, realloc, free
from libc.string cimport memcmp
from cpython.unicode cimport PyUnicode_DecodeUTF8

cdef extern from *:
    """
    #include <dlfcn.h>
    #include <stdint.h>
    #include <stddef.h>
    /* lexbor's lxb_dom_node_t (lexbor/dom/interfaces/node.h): its size places a text
       node's string; its fields are read only by layout_matches() */
    typedef struct {
        void *events;
        uintptr_t local_name, prefix, ns;
        void *owner_document, *next, *prev, *parent, *first_child, *last_child, *user;
        int type;
    } cl_node;
    /* lxb_dom_character_data_t: the node, then its lexbor_str_t (data, length) */
    typedef struct { cl_node node; unsigned char *data; size_t length; } cl_text;
    typedef const unsigned char *(*cl_name_fn)(void *, size_t *);
    typedef void *(*cl_step_fn)(void *);
    typedef uintptr_t (*cl_id_fn)(void *);
    typedef int (*cl_type_fn)(void *);  /* lxb_dom_node_type_t, an enum */
    static void *cl_open(const char *path) { return dlopen(path, RTLD_NOW | RTLD_NOLOAD); }
    static void *cl_sym(void *lib, const char *name) { return lib ? dlsym(lib, name) : NULL; }
    """
    ctypedef struct cl_node:
        uintptr_t local_name
        void *next
        void *parent
        void *first_child
        int type
    ctypedef struct cl_text:
        unsigned char *data
        size_t length
    ctypedef const unsigned char *(*cl_name_fn)(void *, size_t *)
    ctypedef void *(*cl_step_fn)(void *)
    ctypedef uintptr_t (*cl_id_fn)(void *)
    ctypedef int (*cl_type_fn)(void *)
    void *cl_open(const char *path)
    void *cl_sym(void *lib, const char *name)

cdef enum:
    ELEMENT = 1      # LXB_DOM_NODE_TYPE_ELEMENT
    TEXT = 3         # LXB_DOM_NODE_TYPE_TEXT
    TAG_TEXT = 2     # LXB_TAG__TEXT
    TAG_IDS = 0xc7   # LXB_TAG__LAST_ENTRY: ids below are lexbor's own tags, one name each

# lexbor's functions, looked up by bind()
cdef cl_step_fn first_child = NULL    # lxb_dom_node_first_child_noi
cdef cl_step_fn next_sibling = NULL   # lxb_dom_node_next_noi
cdef cl_id_fn tag_id = NULL           # lxb_dom_node_tag_id_noi
cdef cl_type_fn node_type = NULL     # lxb_dom_node_type_noi
cdef cl_name_fn element_name = NULL   # lxb_dom_element_qualified_name
cdef cl_step_fn first_attr = NULL     # lxb_dom_element_first_attribute_noi
cdef cl_step_fn next_attr = NULL      # lxb_dom_element_next_attribute_noi
cdef cl_name_fn attr_name = NULL      # lxb_dom_attr_qualified_name
cdef cl_name_fn attr_value = NULL     # lxb_dom_attr_value_noi


cdef struct TagRule:  # what the walk's rules say of a tag
    bint br  # ends the run
    bint enter  # an element that is read (not skipped, not a comment)
    bint block  # html_dom.BLOCK_TAGS
    bint link
    int heading  # 1-6 for h1-h6, else 0


cdef TagRule _rules[TAG_IDS]  # per lexbor tag id, where _tag_names holds its name
cdef list _tag_names = [None] * TAG_IDS  # tag id → name, filled as met
cdef list _groups_memo = [None] * TAG_IDS  # tag id → {class/id names: element_groups(tag, names)}
cdef Py_ssize_t GROUPS_KEPT = 8192  # names remembered in all (the bound of element_groups' own cache)
cdef Py_ssize_t _groups_count = 0

# The walk's rules, from cleaner.html.dom (set by bind())
cdef object Elem, Piece, element_groups, hidden_by, tidy_python, match_key_python
cdef frozenset SKIP_TAGS, BLOCK_TAGS
cdef dict HEADINGS
cdef Py_ssize_t CHECK_EVERY = 4096, CJK_WEIGHT = 2, PATH_LEVELS = 12, MAX_NAMES_CHARS = 512
cdef Py_UCS4 cjk_from[8]
cdef Py_UCS4 cjk_to[8]
cdef int cjk_ranges = 0
cdef Py_UCS4 cjk_low = 0  # the lowest code point of any range
cdef Py_UCS4 plain_from[8]
cdef Py_UCS4 plain_to[8]
cdef Py_UCS4 plain_chars[128]
cdef int plain_ranges = 0, plain_count = 0
cdef dict _hidden_classes = {}  # class string → hidden by its class (the same few recur)
cdef dict _hidden_styles = {}  # style string → hidden by its style
cdef Py_ssize_t HIDDEN_VALUES_KEPT = 65536, HIDDEN_VALUE_CHARS = 512

include "_walk_text.pxi"
include "_walk_page.pxi"
include "_walk_names.pxi"


def bind(str library, object html_dom) -> None:
    """Look lexbor's functions up in selectolax's extension module (the file
    ``library``, already loaded) and take the walk's rules from ``html_dom``.
    Raises ``ImportError`` when a function is not there."""
    global first_child, next_sibling, tag_id, node_type, element_name
    global first_attr, next_attr, attr_name, attr_value
    cdef void *lib = cl_open(library.encode())
    if lib == NULL:
        raise ImportError(f"{library} is not loaded")
    first_child = <cl_step_fn>cl_sym(lib, b"lxb_dom_node_first_child_noi")
    next_sibling = <cl_step_fn>cl_sym(lib, b"lxb_dom_node_next_noi")
    tag_id = <cl_id_fn>cl_sym(lib, b"lxb_dom_node_tag_id_noi")
    node_type = <cl_type_fn>cl_sym(lib, b"lxb_dom_node_type_noi")
    element_name = <cl_name_fn>cl_sym(lib, b"lxb_dom_element_qualified_name")
    first_attr = <cl_step_fn>cl_sym(lib, b"lxb_dom_element_first_attribute_noi")
    next_attr = <cl_step_fn>cl_sym(lib, b"lxb_dom_element_next_attribute_noi")
    attr_name = <cl_name_fn>cl_sym(lib, b"lxb_dom_attr_qualified_name")
    attr_value = <cl_name_fn>cl_sym(lib, b"lxb_dom_attr_value_noi")
    if not (first_child and next_sibling and tag_id and node_type and element_name
            and first_attr and next_attr and attr_name and attr_value):
        raise ImportError(f"lexbor's functions are not exported by {library}")
    _bind_rules(html_dom)


cdef int _bind_rules(object html_dom) except -1:
    global Elem, Piece, element_groups, hidden_by, tidy_python, match_key_python
    global SKIP_TAGS, BLOCK_TAGS, HEADINGS, CHECK_EVERY, CJK_WEIGHT, PATH_LEVELS, MAX_NAMES_CHARS
    global cjk_ranges, cjk_low, plain_ranges, plain_count
    Elem, Piece = html_dom.Elem, html_dom.Piece
    element_groups = html_dom.element_groups.__wrapped__  # (uncached: _groups keeps its own memo)
    hidden_by, tidy_python, match_key_python = html_dom.hidden_by, html_dom.tidy, html_dom.match_key
    SKIP_TAGS, BLOCK_TAGS, HEADINGS = html_dom.SKIP_TAGS, html_dom.BLOCK_TAGS, html_dom.HEADINGS
    CHECK_EVERY, CJK_WEIGHT = html_dom.CHECK_EVERY, html_dom.CJK_WEIGHT
    PATH_LEVELS, MAX_NAMES_CHARS = html_dom.PATH_LEVELS, html_dom.MAX_NAMES_CHARS
    if len(html_dom.CJK_RANGES) > 8:
        raise ImportError("more CJK ranges than _walk holds")
    for i, (low, high) in enumerate(html_dom.CJK_RANGES):
        cjk_from[i], cjk_to[i] = low, high
    cjk_ranges = len(html_dom.CJK_RANGES)
    cjk_low = min(low for low, _ in html_dom.CJK_RANGES)
    if len(html_dom.PLAIN_KEY_RANGES) > 8 or len(html_dom.PLAIN_KEY_CHARS) > 128:
        raise ImportError("more plain characters than _walk holds")
    for i, (low, high) in enumerate(html_dom.PLAIN_KEY_RANGES):
        plain_from[i], plain_to[i] = low, high
    for i, ch in enumerate(html_dom.PLAIN_KEY_CHARS):
        plain_chars[i] = ord(ch)
    plain_ranges, plain_count = len(html_dom.PLAIN_KEY_RANGES), len(html_dom.PLAIN_KEY_CHARS)
    _bind_names(html_dom)
    _bind_folds(html_dom)
    _set_maker(&elem_maker, Elem)
    _set_maker(&piece_maker, Piece)
    _tag_names[:] = [None] * TAG_IDS  # the rules may have changed
    _forget_groups()
    _hidden_classes.clear()
    _hidden_styles.clear()
    return 0


def layout_matches(size_t node, size_t parent) -> bool:
    """Whether the node struct this module reads (lexbor's ``lxb_dom_node_t``, before
    a text node's string) says what lexbor's own functions say of ``node``."""
    cdef cl_node *n = <cl_node *>node
    return (n.local_name == tag_id(<void *>node) and n.type == node_type(<void *>node)
            and n.first_child == first_child(<void *>node) and n.next == next_sibling(<void *>node)
            and <size_t>n.parent == parent)


def probe_text(size_t node, size_t utf8_length) -> str | None:
    """The text of a text node as this module reads it (``None`` for other nodes, or
    where the string's length is not ``utf8_length``, read before the string itself):
    compared with selectolax's ``text_content`` before the module is used."""
    cdef cl_text *text = <cl_text *>node
    if tag_id(<void *>node) != TAG_TEXT or node_type(<void *>node) != TEXT:
        return None
    if text.length != utf8_length:
        return None
    if text.data == NULL or not text.length:
        return ""
    return _decode(text.data, text.length)


cdef inline str _decode(const unsigned char *data, size_t length):
    return PyUnicode_DecodeUTF8(<const char *>data, length, "replace")  # as selectolax reads


cdef str _tag(void *node, TagRule *rule):
    """An element's name as selectolax gives it (``node.tag``), and what the walk's
    rules say of it.  lexbor's own tags are lower case in HTML; a name in another
    case (SVG's ``foreignObject``) is read each time rather than cached."""
    cdef size_t length = 0
    cdef uintptr_t id_ = tag_id(node)
    cdef const unsigned char *name
    if id_ < TAG_IDS and _tag_names[id_] is not None:
        rule[0] = _rules[id_]
        return _tag_names[id_]
    name = element_name(node, &length)
    tag = _decode(name, length) if name != NULL else ""
    rule[0] = _rule_of(tag)
    if id_ < TAG_IDS and tag == tag.lower():
        _tag_names[id_], _rules[id_] = tag, rule[0]
    return tag


cdef TagRule _rule_of(str tag) except *:
    """html_dom._Walker's tests on a tag name, made once per tag."""
    cdef TagRule rule
    rule.br = tag == "br"
    rule.enter = not rule.br and bool(tag) and tag[0] not in "-!" and tag not in SKIP_TAGS
    rule.block = tag in BLOCK_TAGS
    rule.link = tag == "a"
    rule.heading = HEADINGS.get(tag, 0)
    return rule


cdef tuple _groups(void *node, str tag, str names):
    """element_groups(tag, names), remembered per lexbor tag id in a dict keyed by the
    names alone (no key tuple, no recency list to keep: the call's own cache costs more)."""
    global _groups_count
    cdef uintptr_t id_ = tag_id(node)
    cdef dict memo
    if id_ >= TAG_IDS or _tag_names[id_] is not tag:  # a name not cached for its id
        return element_groups(tag, names)
    memo = _groups_memo[id_]
    if memo is None:
        memo = _groups_memo[id_] = {}
    found = memo.get(names)
    if found is None:
        found = element_groups(tag, names)
        if _groups_count >= GROUPS_KEPT:  # bounded as element_groups' cache is
            _forget_groups()
            memo = _groups_memo[id_] = {}
        memo[names] = found
        _groups_count += 1
    return found


cdef int _forget_groups() except -1:
    global _groups_count
    _groups_memo[:] = [None] * TAG_IDS
    _groups_count = 0
    return 0


cdef str _names(str cls, str id_):
    """html_dom.names_of."""
    names = f"{cls} {id_}" if cls and id_ else cls or id_ or ""
    return names[:MAX_NAMES_CHARS] if len(names) > MAX_NAMES_CHARS else names


def names_of(cls, id_) -> str:
    """html_dom.names_of in C."""
    return _names(cls, id_)


cdef inline bint _name_is(const unsigned char *name, size_t length, const char *want, size_t size):
    return length == size and memcmp(name, want, size) == 0


cdef bint _hidden(bint attribute, str cls, str style) except -1:
    """html_dom.hidden_by, its answers for a class or style string remembered."""
    if attribute:
        return True
    if cls and _remembered(_hidden_classes, cls, True):
        return True
    return bool(style) and _remembered(_hidden_styles, style, False)


cdef bint _remembered(dict known, str value, bint is_class) except -1:
    """hidden_by of one class (``is_class``) or style string, looked up in ``known`` first."""
    answer = known.get(value)
    if answer is None:
        answer = hidden_by(False, value, None) if is_class else hidden_by(False, None, value)
        if len(value) <= HIDDEN_VALUE_CHARS:  # long ones are rare and would fill the memory
            if len(known) > HIDDEN_VALUES_KEPT:
                known.clear()
            known[value] = answer
    return answer


cdef struct Open:  # an element being read: what leaving it needs
    void *node
    Py_ssize_t idx, parent, depth, owner, heading
    bint block, hidden, link
    int kind  # index into _Walk.kinds


cdef class _Walk:
    cdef list elems, pieces, keys, kinds, tags
    cdef object check
    cdef dict forced, marked
    cdef set watch
    cdef Py_ssize_t link_chars, owner, links, hidden, heading
    cdef int kind
    cdef Run text  # the run of text being read
    cdef Open *stack
    cdef Py_ssize_t size, top
    cdef Placed *placed  # per element: parent and subtree end
    cdef Py_ssize_t placed_size

    def __cinit__(self):
        self.stack, self.placed, self.text.buf = NULL, NULL, NULL
        self.text.size = 0
        _clear(&self.text)

    def __dealloc__(self):
        free(self.stack)
        free(self.placed)
        free(self.text.buf)

    cdef int push(self, Open item) except -1:
        cdef Open *grown
        if self.top == self.size:
            self.size = self.size * 2 + 64
            grown = <Open *>realloc(self.stack, self.size * sizeof(Open))
            if grown == NULL:
                raise MemoryError()
            self.stack = grown
        self.stack[self.top] = item
        self.top += 1
        return 0

    cdef int place(self, Py_ssize_t idx, Py_ssize_t parent) except -1:
        cdef Placed *grown
        if idx >= self.placed_size:
            self.placed_size = self.placed_size * 2 + 256
            grown = <Placed *>realloc(self.placed, self.placed_size * sizeof(Placed))
            if grown == NULL:
                raise MemoryError()
            self.placed = grown
        self.placed[idx].parent, self.placed[idx].end = parent, idx + 1
        return 0

    cdef int run(self, void *root) except -1:
        """Read ``root`` and everything below it in document order (html_dom._Walker.visit)."""
        cdef void *node = root
        cdef void *child
        cdef Py_ssize_t parent = -1, depth = 0, seen = 0
        cdef Open item
        cdef TagRule rule
        while True:
            seen += 1
            if seen % CHECK_EVERY == 0:
                self.check("reading the page")
            if tag_id(node) == TAG_TEXT:
                if node_type(node) == TEXT:
                    self.add_text(<cl_text *>node)
            elif node_type(node) == ELEMENT:
                tag = _tag(node, &rule)
                if rule.br:
                    self.flush()
                elif rule.enter:
                    self.enter(node, tag, &rule, parent, depth, &item)
                    child = first_child(node)
                    if child != NULL:  # read the children first
                        self.push(item)
                        node, parent, depth = child, item.idx, depth + 1
                        continue
                    self.leave(&item)
            while self.top:  # the node is done: on to its next sibling, closing finished elements
                child = next_sibling(node)
                if child != NULL:
                    node = child
                    break
                self.top -= 1
                item = self.stack[self.top]
                node, parent, depth = item.node, item.parent, item.depth
                self.leave(&item)
            else:
                return 0

    cdef int add_text(self, cl_text *text) except -1:
        cdef Py_ssize_t visible
        if text.data == NULL or not text.length:
            return 0
        visible = _put_utf8(&self.text, text.data, text.length)
        if self.links:
            self.link_chars += visible
        return 0

    cdef int enter(self, void *node, str tag, TagRule *rule, Py_ssize_t parent, Py_ssize_t depth,
                   Open *item) except -1:
        """Record an element and open it (html_dom._Walker.enter)."""
        cdef size_t length = 0
        cdef const unsigned char *name
        cdef const unsigned char *value
        cdef void *attr = first_attr(node)
        cdef bint has_attrs = attr != NULL, has_hidden = False
        cdef str cls = None, id_ = None, style = None, kind = ""
        cdef Py_ssize_t idx = len(self.elems)
        while attr != NULL:
            name = attr_name(attr, &length)
            if name != NULL:
                if _name_is(name, length, b"class", 5):
                    value = attr_value(attr, &length)
                    cls = _decode(value, length) if value != NULL else None
                elif _name_is(name, length, b"id", 2):
                    value = attr_value(attr, &length)
                    id_ = _decode(value, length) if value != NULL else None
                elif _name_is(name, length, b"style", 5):
                    value = attr_value(attr, &length)
                    style = _decode(value, length) if value != NULL else None
                elif _name_is(name, length, b"hidden", 6):
                    has_hidden = True
            attr = next_attr(attr)
        names = _names(cls, id_)
        groups, named = _groups(node, tag, names)
        self.elems.append(_new_elem(tag, parent, depth, groups))
        self.tags.append(tag)
        self.place(idx, parent)
        if self.watch or self.forced:
            mem_id = <size_t>node
            if self.watch and mem_id in self.watch:
                self.marked[mem_id] = idx
            kind = self.forced.get(mem_id, "") if self.forced else ""
        item.hidden = _hidden(has_hidden, cls, style) if has_attrs else False
        item.link = rule.link
        item.block = rule.block or named or bool(kind) or item.hidden
        item.node, item.idx, item.parent, item.depth = node, idx, parent, depth
        item.owner, item.heading, item.kind = self.owner, self.heading, self.kind
        if item.block:
            self.flush()
            self.owner = idx
        if kind:
            self.kinds.append(kind)
            self.kind = len(self.kinds) - 1
        if rule.heading:
            self.heading = rule.heading
        self.hidden += item.hidden
        self.links += item.link
        return 0

    cdef int leave(self, Open *item) except -1:
        if item.block:
            self.flush()  # before the flags drop: the run belongs to this element
        self.links -= item.link
        self.hidden -= item.hidden
        self.owner, self.kind, self.heading = item.owner, item.kind, item.heading
        self.placed[item.idx].end = len(self.elems)
        return 0

    cdef int flush(self) except -1:
        """Close the run into a piece (html_dom._Walker.flush); a run of white space
        only gives no piece there either."""
        cdef Py_ssize_t link_chars = self.link_chars
        cdef Counts counts
        self.link_chars = 0
        if not self.text.length or self.owner < 0:
            _clear(&self.text)
            return 0
        text = _take(&self.text, &counts)
        if not text:
            return 0
        self.pieces.append(_new_piece(
            text, self.owner, counts.chars, min(link_chars, counts.chars),
            counts.chars + (CJK_WEIGHT - 1) * counts.cjk, self.heading, self.hidden > 0, self.kinds[self.kind]))
        self.keys.append(_key(text, &counts))
        return 0


def walk(size_t root, object page, dict forced, set watch, object check) -> None:
    """Walk the subtree at lexbor node address ``root`` (a selectolax ``mem_id``)
    into ``page``, as :func:`cleaner.html.dom.walk` does, with every piece's tag
    path and match key and every element's subtree end (``page._piece_paths``,
    ``page._keys``, ``page._ends``)."""
    cdef _Walk walker = _Walk()
    walker.elems, walker.pieces, walker.marked = page.elems, page.pieces, page.marked
    walker.forced, walker.watch, walker.check = forced, watch, check
    walker.kinds, walker.tags, walker.keys = [""], [], []
    walker.owner, walker.kind = -1, 0
    walker.run(<void *>root)
    walker.flush()
    count = len(walker.elems)
    page._piece_paths = _piece_paths(walker.placed, walker.tags, count, walker.pieces)
    page._ends = _subtree_ends(walker.placed, count)
    page._keys = walker.keys
