"""Optional dependencies: each heavy I/O library is an extra of the distribution,
imported only where it is needed, and its absence names the extra to install.

    pyarrow = need("pyarrow", "parquet")   # ImportError: ... pip install 'ko-news-cleaner[parquet]'
"""

from __future__ import annotations

import importlib
from types import ModuleType

DISTRIBUTION = "ko-news-cleaner"  # the name on the package index (the import package is cleaner)
WHAT = {"parquet": "Parquet input and output", "warc": "WARC input", "zstd": "zstd-compressed files",
        "dask": "the Dask engine", "datatrove": "the datatrove step", "datasets": "the datasets map function",
        "pandas": "DataFrame cleaning"}


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message says which extra brings it."""


def need(module: str, extra: str) -> ModuleType:
    """``import module``, or MissingExtra naming ``pip install 'ko-news-cleaner[extra]'``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        top = module.split(".")[0]
        raise MissingExtra(f"{WHAT.get(extra, extra)} needs {top}, which is not installed: "
                           f"pip install '{DISTRIBUTION}[{extra}]'") from exc
