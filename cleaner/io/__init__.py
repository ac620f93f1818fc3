"""Streaming inputs and atomic outputs for cleaning dumps at scale.

* :mod:`cleaner.io.sources` — files, folders, JSONL, WARC, Parquet, stdin;
  gzip/zstd by magic bytes; one :class:`Doc`, :class:`Reject` or :class:`Skip`
  (a WARC record that is no page) per record.
* :mod:`cleaner.io.sinks` — JSONL, Parquet or a folder of .txt, and the
  rejects file, each written to a temporary file and renamed when complete;
  :mod:`cleaner.io.text_sinks` — CSV, Markdown and plain text.
"""

from .items import Doc, Item, Reject, Skip
from .readers import SourceOptions, record_item
from .sources import iter_items

__all__ = ["Doc", "Item", "Reject", "SourceOptions", "Skip", "iter_items", "record_item"]
