"""A datatrove extractor step: HTML (or a text dump) in ``doc.text``, clean text out.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerExtractor

    LocalPipelineExecutor([WarcReader("crawl/"), CleanerExtractor(), JsonlWriter("out/")]).run()

The URL is read from ``doc.metadata["url"]`` (datatrove's readers put it there);
cleaner's metadata (title, press, reporters, published, canonical URL …) is
written back into ``doc.metadata``; every document is counted in the step's stats
by its kind (``kind/article``, ``kind/index`` …) and every reject by its reason
(``reject/empty`` …).  Documents with no body are dropped, as datatrove's own
extractors do.  The step pickles as its options (datatrove ships steps to
worker processes) and compiles the rule packs once per process.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.utils.typeshelper import StatHints

from ..model import Article
from ..pipeline import TIME_LIMIT
from . import METADATA_FIELDS, LazyCleaner, metadata_of


class CleanerExtractor(BaseExtractor):
    """cleaner as a datatrove step (see the module docstring)."""

    name = "🧹 cleaner"

    def __init__(self, rules: list[str | Path] | None = None, *, site_packs: bool = True,
                 timeout: float | None = TIME_LIMIT, url_key: str = "url", metadata_prefix: str = "",
                 fields: tuple[str, ...] = METADATA_FIELDS, keep_empty: bool = False) -> None:
        """``timeout``: seconds per document (cleaner's own bound, checked between steps);
        ``metadata_prefix``: put before every metadata key written (e.g. ``"cleaner_"``);
        ``fields``: which record fields go to ``doc.metadata``; ``keep_empty``: also
        forward documents with no body (index pages, rejects)."""
        super().__init__(timeout or 0)
        self.lazy = LazyCleaner(rules, site_packs=site_packs, time_limit=timeout)
        self.url_key, self.metadata_prefix = url_key, metadata_prefix
        self.fields, self.keep_empty = tuple(fields), keep_empty

    def extract(self, text: str) -> str:
        """The clean text of one document ("" when it cannot be cleaned, e.g. the warm-up's "")."""
        return self.lazy.clean(text).text

    def clean_document(self, doc: Any) -> Article:
        """Clean ``doc`` in place (text and metadata); the Article, for its kind and reject reason."""
        article = self.lazy.clean(doc.text, url=doc.metadata.get(self.url_key), doc_id=doc.id)
        doc.text = article.text
        prefix = self.metadata_prefix
        doc.metadata.update({prefix + k: v for k, v in metadata_of(article, self.fields).items()})
        return article

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Any:
        """Clean every document in the stream; yield those with a body (all with ``keep_empty``)."""
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                article = self.clean_document(doc)
            self.stat_update(f"reject/{article.reject}" if article.reject else f"kind/{article.kind}")
            if doc.text or self.keep_empty:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)
