"""A ``datasets.Dataset.map`` function whose fingerprint is stable, so the map is cached.

    from datasets import load_dataset
    from cleaner.integrations.hf import DatasetCleaner

    ds = load_dataset("json", data_files="pages.jsonl", split="train")
    ds = ds.map(DatasetCleaner(content_column="html"), batched=True, num_proc=2)

``datasets`` fingerprints a map by hashing the function; a closure over a
:class:`~cleaner.pipeline.Cleaner` cannot be hashed (compiled RE2 sets), so no
map over it was ever cached.  :class:`DatasetCleaner` hashes as its options, the
cleaner version and a digest of the rule packs: the same call over the same data
hits the cache in a new process, and editing a rule pack invalidates it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..pipeline import TIME_LIMIT
from . import METADATA_FIELDS, LazyCleaner, metadata_of


class DatasetCleaner:
    """Cleans a batch (``batched=True``) or one example: writes the clean text to
    ``text_column`` and the metadata fields beside it (``prefix`` before their names)."""

    def __init__(self, content_column: str = "text", url_column: str | None = "url", *,
                 text_column: str = "text", prefix: str = "", fields: tuple[str, ...] = METADATA_FIELDS,
                 rules: list[str | Path] | None = None, site_packs: bool = True,
                 time_limit: float | None = TIME_LIMIT) -> None:
        self.content_column, self.url_column, self.text_column = content_column, url_column, text_column
        self.prefix, self.fields = prefix, tuple(fields)
        self.lazy = LazyCleaner(rules, site_packs=site_packs, time_limit=time_limit)

    def __call__(self, example: dict[str, Any]) -> dict[str, Any]:
        content = example[self.content_column]
        if isinstance(content, list):  # a batch: columns of equal length
            urls = example.get(self.url_column) if self.url_column else None
            rows = [self._row(c, urls[i] if urls else None) for i, c in enumerate(content)]
            return {key: [row[key] for row in rows] for key in rows[0]} if rows else {}
        return self._row(content, example.get(self.url_column) if self.url_column else None)

    def _row(self, content: Any, url: Any) -> dict[str, Any]:
        article = self.lazy.clean(content, url=url if isinstance(url, str) else None)
        meta = metadata_of(article, self.fields)
        return {self.text_column: article.text, **{self.prefix + k: v for k, v in meta.items()}}
