"""Which steps of the pipeline run compiled, and the switch back to pure Python.

Every compiled step (a Cython module ``cleaner/**/_*.pyx``, built at install time
where a C compiler is) has a pure-Python twin that stays the reference: the
compiled step must give exactly what its twin gives, and the tests compare them
on every corpus page, dump and seed.  A module loads its compiled twin with
:func:`load` and asks :func:`use` before each call::

    _c = accel.load("html walk", "cleaner.html._walk", check=_self_check)

    def walk(...):
        c = accel.use(_c)
        if c is not None:
            return c.walk(...)
        return walk_python(...)

``CLEANER_PURE=1`` in the environment (or the older ``CLEANER_PURE_PYTHON=1``)
runs every step in Python; :func:`pure` does the same for a block of code, for
the tests that compare both paths in one process.  :func:`steps` tells, per step,
whether it runs compiled and if not why (not built, switched off, failed its
self-check): ``cleaner --version`` prints it.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType

PURE_ENV = ("CLEANER_PURE", "CLEANER_PURE_PYTHON")
PURE = any(os.environ.get(name, "") not in ("", "0") for name in PURE_ENV)

_on = not PURE  # compiled steps in use (pure() turns this off for a block)
_steps: dict[str, str] = {}  # step → "compiled" or why not
_modules: dict[str, str] = {}  # compiled module name → its step
_used: set[str] = set()  # compiled modules that use() has handed out


def load(step: str, module: str, check: Callable[[ModuleType], bool] | None = None) -> ModuleType | None:
    """The compiled module for ``step``, or None: not built, switched off by the
    environment, or ``check(module)`` (a self-check against the Python twin on a
    probe) failed or raised.  The outcome is recorded for :func:`steps`."""
    if PURE:
        _steps[step] = "python (CLEANER_PURE is set)"
        return None
    try:
        compiled = importlib.import_module(module)
    except ImportError:
        _steps[step] = f"python ({module} is not built)"
        return None
    try:
        ok = check is None or check(compiled)
    except Exception:  # noqa: BLE001 - e.g. a stale build: whatever fails, the Python twin is there
        ok = False
    _steps[step] = "compiled" if ok else f"python ({module} failed its self-check)"
    if ok:
        _modules[compiled.__name__] = step
    return compiled if ok else None


def use(compiled: ModuleType | None) -> ModuleType | None:
    """``compiled`` when compiled steps are in use, else None."""
    if compiled is None or not _on:
        return None
    _used.add(compiled.__name__)
    return compiled


@contextmanager
def pure() -> Iterator[None]:
    """Run every step in Python inside the block (for tests comparing the two paths;
    not for threads that clean concurrently)."""
    global _on
    saved, _on = _on, False
    try:
        yield
    finally:
        _on = saved


def steps() -> dict[str, str]:
    """Per compiled step: "compiled", or "python (why)"; every module that has a
    compiled twin is imported first, so the list is complete."""
    for module in _TWINS:
        importlib.import_module(module)
    return dict(sorted(_steps.items()))


def all_compiled() -> bool:
    return all(state == "compiled" for state in steps().values())


def used() -> set[str]:
    """The steps whose compiled module has run in this process (CI checks that a
    build that should be compiled is also used, not silently passed by)."""
    return {_modules[name] for name in _used}


# the modules that load a compiled twin (steps() imports them so that each records its state)
_TWINS = ("cleaner.html.dom", "cleaner.heuristic", "cleaner.segment", "cleaner.scan", "cleaner.lang", "cleaner.speech")
