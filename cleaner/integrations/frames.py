"""pandas and Spark: a DataFrame of pages in, a DataFrame of records out.

    import pandas as pd
    from cleaner.integrations.frames import clean_frame

    records = clean_frame(pd.read_parquet("pages.parquet"), content="html", url="url")

Spark (the same function per partition, with ``mapInPandas``)::

    from cleaner.integrations.frames import SPARK_SCHEMA, spark_partitions

    out = df.mapInPandas(spark_partitions(content="html", url="url"), schema=SPARK_SCHEMA)

No row raises: a page that cannot be cleaned gives an empty text, ``kind``
"rejected" and the reason in ``reject``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from . import METADATA_FIELDS, LazyCleaner, metadata_of

_LISTS = ("subtitles", "reporters", "emails", "captions", "summary", "keywords")
FRAME_COLUMNS = ("text", *METADATA_FIELDS)
# the columns of clean_frame's output as a Spark DDL schema (``removed``: the number of lines removed)
SPARK_SCHEMA = ", ".join(
    f"{c} array<string>" if c in _LISTS else f"{c} int" if c == "removed" else f"{c} string"
    for c in FRAME_COLUMNS)


def clean_frame(frame: Any, content: str = "text", url: str | None = "url", *,
                cleaner: LazyCleaner | None = None) -> Any:
    """One output row per input row (same index) with the columns ``FRAME_COLUMNS``."""
    import pandas as pd

    lazy = cleaner or LazyCleaner()
    urls = frame[url] if url and url in frame.columns else [None] * len(frame)
    rows = [_row(lazy, c, u) for c, u in zip(frame[content], urls)]
    return pd.DataFrame(rows, index=frame.index, columns=list(FRAME_COLUMNS))


def spark_partitions(content: str = "text", url: str | None = "url",
                     cleaner: LazyCleaner | None = None) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The function for Spark's ``DataFrame.mapInPandas`` (schema: ``SPARK_SCHEMA``)."""
    lazy = cleaner or LazyCleaner()

    def clean_batches(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            yield clean_frame(batch, content, url, cleaner=lazy).reset_index(drop=True)

    return clean_batches


def _row(lazy: LazyCleaner, content: Any, url: Any) -> dict[str, Any]:
    article = lazy.clean(content if isinstance(content, (str, bytes)) else None,
                         url=url if isinstance(url, str) else None)
    return {"text": article.text, **metadata_of(article)}
