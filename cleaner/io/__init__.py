"""Streaming inputs and atomic outputs for cleaning dumps at scale.

* :mod:`cleaner.io.sources` — files, folders, JSONL, WARC, Parquet, stdin;
  gzip/zstd by magic bytes; one :class:`Doc` or :class:`Reject` per record.
* :mod:`cleaner.io.sinks` — JSONL, Parquet or a folder of .txt, and the
  rejects file, each written to a temporary file and renamed when complete.
"""

from .items import Doc, Item, Reject
from .readers import SourceOptions, record_item
from .sources import iter_items

__all__ = ["Doc", "Item", "Reject", "SourceOptions", "iter_items", "record_item"]
