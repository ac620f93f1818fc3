# Included by _walk.pyx: the page's objects, made in C.
#
# Elem and Piece are dataclasses with __slots__; calling one runs its generated
# __init__, a Python function, for every element and piece of every page.  A
# Maker allocates the instance as object.__new__ does and fills each field
# through the field's slot descriptor (what __init__'s assignments do, without
# the Python frame).  bind() sets a Maker up only where the class is such a
# dataclass (its fields all slots, no __new__ or __post_init__ of its own) and
# its instances equal the constructor's; otherwise the Maker calls the class.
# Where every field holds a string, number, flag or tuple of strings (by its
# annotation), no reference cycle can pass through an instance, and the Maker
# takes it out of the garbage collector's lists, as CPython does for tuples of
# such values: a page's thousand elements are not traversed at every collection.
#
# The pieces' tag paths (html_dom.Page.piece_paths) and all elements' subtree ends
# (Page.subtree_end) are made here too, from what the walk knows: each element's
# parent and tag, and how many elements had been read when it was left.

from cpython cimport array
from cpython.object cimport PyObject, PyTypeObject, descrgetfunc, descrsetfunc
from cpython.unicode cimport PyUnicode_New, PyUnicode_CopyCharacters, PyUnicode_FindChar

cdef extern from "Python.h":
    ctypedef object (*allocfunc)(PyTypeObject *, Py_ssize_t)
    ctypedef struct cl_type "PyTypeObject":
        allocfunc tp_alloc
    Py_UCS4 PyUnicode_MAX_CHAR_VALUE(object)
    void PyObject_GC_UnTrack(object)

cdef enum:
    MAX_FIELDS = 8


cdef struct Maker:
    PyObject *cls  # a reference held by bind()'s module globals (Elem, Piece)
    bint fast
    bint untrack  # no cycle can pass through an instance
    Py_ssize_t fields
    PyObject *slots[MAX_FIELDS]  # the fields' member descriptors (held by the class)
    descrsetfunc setters[MAX_FIELDS]
    descrgetfunc getters[MAX_FIELDS]


cdef Maker elem_maker, piece_maker
ATOMIC_FIELDS = frozenset({"str", "int", "bool", "tuple[str, ...]"})  # annotations of values without references out


cdef int _set_maker(Maker *maker, object cls) except -1:
    """Read ``cls`` (a dataclass) into ``maker``: fast where its fields are slots."""
    import dataclasses, types
    names = [f.name for f in dataclasses.fields(cls)]
    maker.cls, maker.fast, maker.fields = <PyObject *>cls, False, len(names)
    maker.untrack = all(str(f.type) in ATOMIC_FIELDS for f in dataclasses.fields(cls))
    slots = [vars(cls).get(name) for name in names]
    if (len(names) > MAX_FIELDS or cls.__new__ is not object.__new__ or type(cls) is not type
            or hasattr(cls, "__post_init__")
            or not all(type(slot) is types.MemberDescriptorType for slot in slots)):
        return 0
    for i, slot in enumerate(slots):
        slot_type = type(slot)
        maker.slots[i] = <PyObject *>slot
        maker.setters[i] = (<PyTypeObject *>slot_type).tp_descr_set
        maker.getters[i] = (<PyTypeObject *>slot_type).tp_descr_get
    maker.fast = True
    return 0


cdef inline object _alloc(Maker *maker):
    return (<cl_type *>maker.cls).tp_alloc(<PyTypeObject *>maker.cls, 0)


cdef inline int _fill(Maker *maker, object obj, Py_ssize_t field, object value) except -1:
    return maker.setters[field](<object>maker.slots[field], obj, value)


cdef inline object _field(Maker *maker, object obj, Py_ssize_t field):
    """Field ``field`` of ``obj`` read through its slot: ``maker`` fills slots and ``obj``
    is an instance of exactly its class (the caller checks, :func:`_slotted`)."""
    return maker.getters[field](<object>maker.slots[field], obj, <object>maker.cls)


cdef inline bint _slotted(Maker *maker, object obj):
    return maker.fast and type(obj) is <object>maker.cls


cdef inline object _done(Maker *maker, object obj):
    if maker.untrack:
        PyObject_GC_UnTrack(obj)
    return obj


# The numbers the objects hold (element indices, depths, counts), made once for a page's
# usual range and shared: no int object is made and freed per element and piece.
cdef Py_ssize_t INTS_KEPT = 16384
cdef list _ints = list(range(INTS_KEPT))


cdef inline object _int(Py_ssize_t value):
    return _ints[value] if 0 <= value < INTS_KEPT else value


cdef object _new_elem(str tag, Py_ssize_t parent, Py_ssize_t depth, object groups):
    """``Elem(tag, parent, depth, groups)`` (no tuple of arguments on the way)."""
    if not elem_maker.fast:
        return Elem(tag, parent, depth, groups)
    obj = _alloc(&elem_maker)
    _fill(&elem_maker, obj, 0, tag)
    _fill(&elem_maker, obj, 1, _int(parent))
    _fill(&elem_maker, obj, 2, _int(depth))
    _fill(&elem_maker, obj, 3, groups)
    return _done(&elem_maker, obj)


cdef object _new_piece(str text, Py_ssize_t elem, Py_ssize_t chars, Py_ssize_t link_chars, Py_ssize_t weight,
                       Py_ssize_t heading, bint hidden, str forced):
    """``Piece(text, elem, chars, link_chars, weight, heading, hidden, forced)``."""
    if not piece_maker.fast:
        return Piece(text, elem, chars, link_chars, weight, heading, hidden, forced)
    obj = _alloc(&piece_maker)
    _fill(&piece_maker, obj, 0, text)
    _fill(&piece_maker, obj, 1, _int(elem))
    _fill(&piece_maker, obj, 2, _int(chars))
    _fill(&piece_maker, obj, 3, _int(link_chars))
    _fill(&piece_maker, obj, 4, _int(weight))
    _fill(&piece_maker, obj, 5, _int(heading))
    _fill(&piece_maker, obj, 6, hidden)
    _fill(&piece_maker, obj, 7, forced)
    return _done(&piece_maker, obj)


def maker_fills(cls) -> tuple[bool, bool]:
    """Whether the walk would fill ``cls``'s instances through their slots, and take them
    out of the garbage collector's lists (for the tests)."""
    cdef Maker maker
    _set_maker(&maker, cls)
    return maker.fast, maker.fast and maker.untrack


def make_elem(tag, parent, depth, groups):
    """An Elem as the walk makes it (for the tests)."""
    return _new_elem(tag, parent, depth, groups)


def make_piece(text, elem, chars, link_chars, weight, heading, hidden, forced):
    """A Piece as the walk makes it (for the tests)."""
    return _new_piece(text, elem, chars, link_chars, weight, heading, hidden, forced)


cdef struct Placed:  # an element as the tag paths and subtree ends need it
    Py_ssize_t parent, end


cdef list _piece_paths(Placed *placed, list tags, Py_ssize_t count, list pieces):
    """Each piece's tag path (html_dom.Page.piece_paths): its element's path as
    html_dom._tag_paths makes it (``html`` left out, the last PATH_LEVELS levels), each
    from its parent's, made for the elements that hold pieces and their ancestors only."""
    cdef list paths = [None] * count, out = []
    cdef Py_ssize_t *levels = <Py_ssize_t *>malloc((count + 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t *chain = <Py_ssize_t *>malloc((count + 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t i, j, top
    if levels == NULL or chain == NULL:
        free(levels)
        free(chain)
        raise MemoryError()
    try:
        for i in range(count):
            levels[i] = NOT_MADE
        for piece in pieces:
            i = _field(&piece_maker, piece, 1) if _slotted(&piece_maker, piece) else piece.elem
            top, j = 0, i
            while j >= 0 and levels[j] == NOT_MADE:  # up to the nearest element whose path is made
                chain[top], top, j = j, top + 1, placed[j].parent
            while top:  # and down again, each path from its parent's
                top -= 1
                _make_path(placed, tags, paths, levels, chain[top])
            out.append(paths[i])
        return out
    finally:
        free(levels)
        free(chain)


cdef enum:
    NOT_MADE = -2  # below any level (the root's path, "", is at level -1)


cdef int _make_path(Placed *placed, list tags, list paths, Py_ssize_t *levels, Py_ssize_t i) except -1:
    """Element ``i``'s path and level, from its parent's (made already)."""
    cdef Py_ssize_t parent = placed[i].parent, level
    tag = tags[i]
    path, level = (paths[parent], levels[parent]) if parent >= 0 else ("", -1)
    if tag != "html":
        path, level = (_child_path(path, tag, level + 1 >= PATH_LEVELS), level + 1) if level >= 0 else (tag, 0)
        if level >= PATH_LEVELS:
            level -= 1
    paths[i], levels[i] = path, level
    return 0


cdef str _child_path(str path, str tag, bint trim):
    """``path>tag``, without its first level where ``trim``."""
    cdef Py_ssize_t start = PyUnicode_FindChar(path, 62, 0, len(path), 1) + 1 if trim else 0
    if trim and start == 0:  # the path is one level: tag is what is left
        return tag
    cdef Py_ssize_t kept = len(path) - start
    cdef Py_UCS4 widest = max(PyUnicode_MAX_CHAR_VALUE(path), PyUnicode_MAX_CHAR_VALUE(tag))
    cdef str out = PyUnicode_New(kept + 1 + len(tag), widest)
    PyUnicode_CopyCharacters(out, 0, path, start, kept)
    PyUnicode_CopyCharacters(out, kept, ">", 0, 1)
    PyUnicode_CopyCharacters(out, kept + 1, tag, 0, len(tag))
    return out


cdef array.array _ends_kind = array.array("q")  # what the ends are made as: 64-bit numbers


cdef object _subtree_ends(Placed *placed, Py_ssize_t count):
    """The elements' subtree ends, in one array (no int object per element)."""
    cdef array.array ends = array.clone(_ends_kind, count, False)
    cdef Py_ssize_t i
    for i in range(count):
        ends.data.as_longlongs[i] = placed[i].end
    return ends


# The blocks of a page (cleaner.html.extract.to_blocks): a Block per piece, filled
# through Block's slots like the elements and pieces.  Block is not this module's
# (cleaner.model), so the caller hands the class and the maker is set up for it when
# it is first given (or another one).
cdef Maker block_maker
cdef object _block_cls = None
cdef object _round = round  # Python's: the rounding of a float to 3 places, as to_blocks_python does


cdef inline object _link_density(Py_ssize_t link_chars, Py_ssize_t chars):
    """extract.to_blocks_python's link density: none, all, or the ratio rounded to 3 places."""
    if not link_chars or not chars:
        return 0.0
    if link_chars == chars:
        return 1.0
    return _round(link_chars / <double>chars, 3)


def blocks(object cls, list pieces, list keys, list paths) -> list:
    """``cleaner.html.extract.to_blocks_python``: ``cls`` (Block) of every piece, numbered
    from 1, with its match key (``keys``), its tag path (``paths``: Page.piece_paths) and its
    link density; its fields text, key, n, kind, reason, fields, tag, link_density."""
    global _block_cls
    cdef Py_ssize_t n, count = len(pieces)
    if cls is not _block_cls:
        _set_maker(&block_maker, cls)
        _block_cls = cls
    if len(keys) != count or len(paths) != count:
        raise ValueError("a key and a path per piece")
    cdef list out = [None] * count
    for n in range(count):
        piece = pieces[n]
        if _slotted(&piece_maker, piece):  # Piece's fields: text, elem, chars, link_chars, …
            text = _field(&piece_maker, piece, 0)
            density = _link_density(_field(&piece_maker, piece, 3), _field(&piece_maker, piece, 2))
        else:
            text, density = piece.text, _link_density(piece.link_chars, piece.chars)
        if not block_maker.fast:
            out[n] = cls(text, keys[n], n + 1, "", "", {}, paths[n], density)
            continue
        obj = _alloc(&block_maker)
        _fill(&block_maker, obj, 0, text)
        _fill(&block_maker, obj, 1, keys[n])
        _fill(&block_maker, obj, 2, _int(n + 1))
        _fill(&block_maker, obj, 3, "")
        _fill(&block_maker, obj, 4, "")
        _fill(&block_maker, obj, 5, {})
        _fill(&block_maker, obj, 6, paths[n])
        _fill(&block_maker, obj, 7, density)
        out[n] = _done(&block_maker, obj)
    return out


def nearest_grouped(list elems) -> list:
    """``cleaner.html.dom.Page.nearest_grouped_python``: per element, itself or its nearest
    ancestor with boilerplate ``groups``, -1 for none (parents come first).  Each element's
    groups are read as asked: html_score.veto_groups clears some after the walk."""
    cdef Py_ssize_t i, parent, count = len(elems)
    cdef bint slotted
    cdef Py_ssize_t *near = <Py_ssize_t *>malloc((count + 1) * sizeof(Py_ssize_t))
    if near == NULL:
        raise MemoryError()
    try:
        for i in range(count):
            elem = elems[i]
            slotted = _slotted(&elem_maker, elem)  # Elem's fields: tag, parent, depth, groups
            if (_field(&elem_maker, elem, 3) if slotted else elem.groups):
                near[i] = i
            else:
                parent = _field(&elem_maker, elem, 1) if slotted else elem.parent
                near[i] = near[parent] if 0 <= parent < i else -1
        return [near[i] for i in range(count)]
    finally:
        free(near)
