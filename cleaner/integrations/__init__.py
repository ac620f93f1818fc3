"""Cleaner inside the pipelines corpus builders already run.

- :mod:`cleaner.integrations.datatrove`: :class:`CleanerExtractor`, a datatrove
  extractor step (``pip install 'ko-news-cleaner[datatrove]'``).
- :mod:`cleaner.integrations.hf`: :class:`DatasetCleaner`, a ``datasets.Dataset.map``
  function with a stable fingerprint (cached across runs).
- :mod:`cleaner.integrations.frames`: pandas ``DataFrame`` cleaning and the
  ``mapInPandas`` function for Spark.

All of them hold a :class:`LazyCleaner`: the options travel (pickled to worker
processes, hashed for caches), the rule packs are compiled once per process on
first use, and a document that cannot be cleaned gives an empty result with the
reason instead of an exception.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import RECORD_FIELDS, Article
from ..packs import RULES_DIR, pack_files
from ..press import REGISTRY_FILE
from ..pipeline import TIME_LIMIT, Cleaner

# the record fields that describe the article (not its id, URL, provenance or body)
METADATA_FIELDS = tuple(f for f in RECORD_FIELDS if f not in ("id", "url", "text", "source"))


class LazyCleaner:
    """A :class:`~cleaner.pipeline.Cleaner` built on first use from picklable options.

    Pickles (and hashes, for ``datasets`` fingerprints) as its options, the cleaner
    version and a digest of the rule-pack files, never as the compiled rules: the
    same options over the same packs give the same fingerprint in every process,
    and an edited pack gives a new one."""

    def __init__(self, rules: list[str | Path] | None = None, *, site_packs: bool = True,
                 time_limit: float | None = TIME_LIMIT) -> None:
        self.rules = [str(r) for r in rules] if rules else None
        self.site_packs = site_packs
        self.time_limit = time_limit
        self.digest = rules_digest(self.rules)
        self._cleaner: Cleaner | None = None

    @property
    def cleaner(self) -> Cleaner:
        if self._cleaner is None:
            rules = [RULES_DIR, *map(Path, self.rules)] if self.rules else None
            self._cleaner = Cleaner(rules, site_packs=self.site_packs, time_limit=self.time_limit)
        return self._cleaner

    def clean(self, content: str | bytes | None, url: str | None = None, doc_id: str | None = None) -> Article:
        """:meth:`Cleaner.try_clean`: never raises for a bad document."""
        return self.cleaner.try_clean(content, url=url or None, doc_id=doc_id)

    def __getstate__(self) -> dict[str, Any]:
        return {"rules": self.rules, "site_packs": self.site_packs, "time_limit": self.time_limit,
                "digest": self.digest, "version": __version__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.rules, self.site_packs = state["rules"], state["site_packs"]
        self.time_limit, self.digest = state["time_limit"], state["digest"]
        self._cleaner = None


def rules_digest(rules: list[str] | None) -> str:
    """SHA-1 over the names and bytes of every rule-pack file in use (bundled and
    ``rules``) and of the press registry (``rules/press.toml``)."""
    sha = hashlib.sha1()
    for path in [*sorted(pack_files([RULES_DIR, *map(Path, rules or [])])), RULES_DIR / REGISTRY_FILE]:
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def metadata_of(article: Article, fields: tuple[str, ...] = METADATA_FIELDS) -> dict[str, Any]:
    """The article's metadata fields as plain values (``removed`` as a count of lines)."""
    record = article.to_dict()
    out = {name: record[name] for name in fields if name != "removed"}
    if "removed" in fields:
        out["removed"] = len(article.removed)
    return out
