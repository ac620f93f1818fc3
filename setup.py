"""Builds the compiled steps: every ``cleaner/**/_*.pyx`` (Cython) becomes the extension
module of the same dotted name (``cleaner/html/_walk.pyx`` → ``cleaner.html._walk``);
everything else is declared in pyproject.toml.

The modules are optional: without Cython or a C compiler the build goes on without
them and each step runs its pure-Python twin, with the same output, slower
(:mod:`cleaner.accel` says which steps run compiled; ``cleaner --version`` prints it).
"""

from pathlib import Path

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # a build without Cython (pip's --no-build-isolation): pure Python
    cythonize = None

SOURCES = sorted(Path("cleaner").rglob("_*.pyx"))

if cythonize is None or not SOURCES:
    extensions = []
else:
    modules = [Extension(".".join(p.with_suffix("").parts), [str(p)]) for p in SOURCES]
    extensions = cythonize(modules, compiler_directives={"language_level": "3"}, build_dir="build/cython")
    for extension in extensions:
        extension.optional = True  # a failed compile warns and leaves it out (cythonize drops the flag)

setup(ext_modules=extensions)
