"""Builds the one compiled module, ``cleaner.html._walk`` (the HTML walk over lexbor's C
tree); everything else is declared in pyproject.toml.

The module is optional: without Cython or a C compiler the build goes on without
it and :mod:`cleaner.html.dom` walks pages in Python, with the same output.
"""

from setuptools import Extension, setup

from pathlib import Path

try:
    from Cython.Build import cythonize
except ImportError:  # a build without Cython (pip's --no-build-isolation): pure Python
    cythonize = None

if cythonize is None or not Path("cleaner/html/_walk.pyx").is_file():
    extensions = []
else:
    extensions = cythonize([Extension("cleaner.html._walk", ["cleaner/html/_walk.pyx"])],
                           compiler_directives={"language_level": "3"}, build_dir="build/cython")
    for extension in extensions:
        extension.optional = True  # a failed compile warns and leaves it out (cythonize drops the flag)

setup(ext_modules=extensions)
