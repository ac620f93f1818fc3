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
# The tag paths (html_dom.Page.path) and subtree ends (Page.subtree_end) of all
# elements are made here too, from what the walk knows: each element's parent
# and tag, and how many elements had been read when it was left.

from cpython.object cimport PyObject, PyTypeObject, descrsetfunc
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
    maker.fast = True
    return 0


cdef object _make(Maker *maker, tuple values):
    """``cls(*values)``."""
    cdef Py_ssize_t i
    if not maker.fast:
        return (<object>maker.cls)(*values)
    obj = (<cl_type *>maker.cls).tp_alloc(<PyTypeObject *>maker.cls, 0)
    for i in range(maker.fields):
        maker.setters[i](<object>maker.slots[i], obj, values[i])
    if maker.untrack:
        PyObject_GC_UnTrack(obj)
    return obj


def maker_fills(cls) -> tuple[bool, bool]:
    """Whether the walk would fill ``cls``'s instances through their slots, and take them
    out of the garbage collector's lists (for the tests)."""
    cdef Maker maker
    _set_maker(&maker, cls)
    return maker.fast, maker.fast and maker.untrack


def make_elem(*values):
    """An Elem as the walk makes it (for the tests)."""
    return _make(&elem_maker, values)


def make_piece(*values):
    """A Piece as the walk makes it (for the tests)."""
    return _make(&piece_maker, values)


cdef struct Placed:  # an element as the tag paths and subtree ends need it
    Py_ssize_t parent, end


cdef list _tag_paths(Placed *placed, list tags, Py_ssize_t count):
    """html_dom._tag_paths: each element's tag path (``html`` left out), its last
    PATH_LEVELS levels, made from its parent's (parents come first)."""
    cdef list paths = [None] * count
    cdef Py_ssize_t *levels = <Py_ssize_t *>malloc((count + 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t i, parent, level
    if levels == NULL:
        raise MemoryError()
    try:
        for i in range(count):
            parent, tag = placed[i].parent, tags[i]
            path, level = (paths[parent], levels[parent]) if parent >= 0 else ("", -1)
            if tag != "html":
                path, level = (_child_path(path, tag, level + 1 >= PATH_LEVELS), level + 1) if level >= 0 else (tag, 0)
                if level >= PATH_LEVELS:
                    level -= 1
            paths[i], levels[i] = path, level
        return paths
    finally:
        free(levels)


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


cdef list _subtree_ends(Placed *placed, Py_ssize_t count):
    return [placed[i].end for i in range(count)]
