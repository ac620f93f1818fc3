"""The worker side of a run: clean a chunk of items, each under a time bound.

:class:`WorkConfig` is what every worker receives (it must pickle): a factory
that builds the :class:`~cleaner.pipeline.Cleaner` once per worker, the
per-document time bound, and how records are encoded.  :func:`clean_chunk`
turns a list of items into one outcome per item, in order:
``("record", payload)``, ``("reject", reject_dict)`` or ``("skip", skip_dict)``.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from ..io.items import Doc, Item, Reject, Skip
from ..model import CleanError
from ..pipeline import Cleaner

Outcome = tuple[str, Any]  # ("record", dict or JSON line) | ("reject", dict)


class DocTimeout(BaseException):
    """Raised in a worker by SIGALRM when a document exceeds the time bound.

    A BaseException, so library code that catches Exception cannot swallow it.
    """


@dataclass(frozen=True)
class WorkConfig:
    """Everything a worker needs; picklable, so it can go to processes or a cluster."""

    factory: Callable[[], Cleaner]  # e.g. functools.partial(Cleaner, rules, site_packs=True)
    timeout: float | None = 30.0  # seconds per document; None or 0 for no bound
    site: str | None = None  # force this site pack for every document
    url: str | None = None  # URL for documents that have none
    encode: str = "dict"  # "dict": records as dicts; "json": as JSON lines (str); "markdown": dicts with Markdown


class ChunkCleaner:
    """One Cleaner and its settings, reused for every chunk a worker gets."""

    def __init__(self, config: WorkConfig) -> None:
        self.config = config
        self.cleaner = config.factory()
        self.alarm = bool(config.timeout) and threading.current_thread() is threading.main_thread()
        if self.alarm:
            signal.signal(signal.SIGALRM, _on_alarm)

    def run(self, items: list[Item], on_doc: Callable[[int], None] | None = None) -> list[Outcome]:
        """One outcome per item; ``on_doc(i)`` is called as document i starts."""
        out: list[Outcome] = []
        for i, item in enumerate(items):
            if isinstance(item, Reject):
                out.append(("skip" if isinstance(item, Skip) else "reject", item.to_dict()))
                continue
            if on_doc is not None:
                on_doc(i)
            out.append(self.clean_one(item))
        return out

    def clean_one(self, doc: Doc) -> Outcome:
        """Clean one document; every failure becomes a reject with a reason."""
        try:
            record = self._timed(doc)
        except CleanError as exc:
            return "reject", _reject(doc, exc.reason, exc.detail)
        except DocTimeout:
            return "reject", _reject(doc, "timeout", f"over {self.config.timeout:g}s")
        except Exception as exc:  # noqa: BLE001 - a bug on one page must not end the run
            return "reject", _reject(doc, "error", f"{type(exc).__name__}: {exc}"[:300])
        if self.config.encode == "json":
            return "record", json.dumps(record, ensure_ascii=False)
        return "record", record

    def _timed(self, doc: Doc) -> dict[str, Any]:
        if not self.alarm:
            return self._clean(doc)
        signal.setitimer(signal.ITIMER_REAL, self.config.timeout)
        try:
            return self._clean(doc)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def _clean(self, doc: Doc) -> dict[str, Any]:
        url = doc.url or self.config.url
        article = self.cleaner.clean(doc.content, url=url, site=self.config.site, doc_id=doc.id,
                                     charset=doc.charset)
        if doc.provenance:
            article.source = doc.provenance
        record = article.to_dict()
        if self.config.encode == "markdown":
            from ..io.text_sinks import MARKDOWN_KEY, to_markdown

            record[MARKDOWN_KEY] = to_markdown(article)
        return record


def _on_alarm(signum: int, frame: Any) -> None:  # noqa: ARG001 - signal handler signature
    raise DocTimeout()


def _reject(doc: Doc, reason: str, detail: str) -> dict[str, Any]:
    return doc.rejected(reason, detail).to_dict()


def now() -> float:
    """The clock shared by workers and the watchdog (monotonic, system-wide on Linux)."""
    return time.monotonic()


def make_config(
    rules: list | None = None,
    *,
    site_packs: bool = True,
    max_bytes: int | None = None,
    timeout: float | None = 30.0,
    site: str | None = None,
    url: str | None = None,
    encode: str = "dict",
) -> WorkConfig:
    """A WorkConfig for the bundled packs plus ``rules`` (extra files or folders).

    Sources refuse documents over ``max_bytes`` as they read them; the
    Cleaner checks the same bound the same way (bytes as given, a str as its
    UTF-8), so both agree.  The Cleaner's cooperative ``time_limit`` is the time
    bound too: it is what applies where SIGALRM cannot (threads, e.g. Dask workers).
    """
    from functools import partial

    from ..packs import with_bundled
    from ..pipeline import MAX_INPUT_BYTES

    dirs = with_bundled(rules)
    factory = partial(Cleaner, dirs, site_packs=site_packs, max_bytes=max_bytes or MAX_INPUT_BYTES,
                      time_limit=timeout or None)
    return WorkConfig(factory=factory, timeout=timeout or None, site=site, url=url, encode=encode)
