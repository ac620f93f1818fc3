"""Cleaning on a Dask cluster: bag and dataframe helpers, and the CLI's executor.

    >>> import dask.bag as db, json
    >>> from cleaner.dask import clean_bag, split
    >>> bag = db.read_text("dumps/*.jsonl.gz").map(json.loads)
    >>> records, rejects = split(clean_bag(bag))

Each Dask worker builds one Cleaner per configuration and reuses it for
every partition.  Dask runs tasks on threads, where SIGALRM cannot stop a
document: the time bound there is the Cleaner's cooperative ``time_limit``
(checked between pipeline steps), not a hard one.
"""

from __future__ import annotations

import pickle
import threading
from typing import Any, Iterable

from .io.items import Item, Reject, Skip
from .io.readers import SourceOptions, record_item
from .run.work import ChunkCleaner, Outcome, WorkConfig, make_config

_CLEANERS: dict[bytes, ChunkCleaner] = {}
_LOCK = threading.Lock()


def clean_chunk(config: WorkConfig, items: list[Item]) -> list[Outcome]:
    """Clean a list of items with this process's Cleaner for ``config`` (a Dask task)."""
    return _worker(config).run(items)


def _worker(config: WorkConfig) -> ChunkCleaner:
    key = pickle.dumps(config)
    with _LOCK:
        worker = _CLEANERS.get(key)
        if worker is None:
            worker = _CLEANERS[key] = ChunkCleaner(config)
    return worker


# -- bags ----------------------------------------------------------------------------------


def clean_bag(bag: Any, config: WorkConfig | None = None, options: SourceOptions | None = None) -> Any:
    """A bag of outcome dicts, one per element: a record (``Article.to_dict()``) or a
    reject (``{"id", "source", "reason", "detail"}``; see :func:`is_reject`).

    Elements are dicts with the fields of ``options`` (as JSONL records: id,
    url and text/html/content) or bare str/bytes documents.  Elements without
    an id get ``bag:PARTITION:N`` (N 1-based within the partition).
    """
    import dask.bag as db
    from dask import delayed

    config = config or make_config()
    options = options or SourceOptions()
    parts = bag.to_delayed()
    cleaned = [delayed(_clean_elements)(p, i, config, options) for i, p in enumerate(parts)]
    return db.from_delayed(cleaned)


def _clean_elements(elements: Iterable[Any], partition: int, config: WorkConfig,
                    options: SourceOptions) -> list[dict[str, Any]]:
    plain = SourceOptions(max_bytes=options.max_bytes)  # for str/bytes elements: the text field
    items = [_element_item(e, f"bag:{partition}:{n}", options, plain) for n, e in enumerate(elements, 1)]
    return [payload for _, payload in clean_chunk(config, items)]


def _element_item(element: Any, fallback_id: str, options: SourceOptions, plain: SourceOptions) -> Item:
    if isinstance(element, dict):
        return record_item(element, fallback_id, "bag", options)
    if isinstance(element, (str, bytes)):
        return record_item({"text": element}, fallback_id, "bag", plain)
    return Reject(fallback_id, "bag", "bad-field", f"element must be a dict, str or bytes, got {type(element).__name__}")


def is_reject(outcome: dict[str, Any]) -> bool:
    """True for a reject dict from :func:`clean_bag` (records have no "reason")."""
    return "reason" in outcome


def is_record(outcome: dict[str, Any]) -> bool:
    return "reason" not in outcome


def split(outcomes: Any) -> tuple[Any, Any]:
    """(records, rejects) bags; compute both in one ``dask.compute`` to clean once."""
    return outcomes.filter(is_record), outcomes.filter(is_reject)


# -- dataframes ----------------------------------------------------------------------------


def clean_dataframe(df: Any, content_col: str = "text", url_col: str | None = None,
                    id_col: str | None = None, config: WorkConfig | None = None) -> Any:
    """A dataframe with one row per input row (same index): the record fields
    (``Article.to_dict()``), plus ``reject_reason`` and ``reject_detail``, which
    are null for cleaned rows.  Without ``id_col`` the id is the row's index.
    Columns are Arrow-typed (:func:`frame_schema`), so ``to_parquet`` works as is."""
    config = config or make_config()
    meta = _arrow_frame([], None)
    return df.map_partitions(_clean_frame, content_col, url_col, id_col, config, meta=meta)


def frame_schema() -> Any:
    """Arrow schema of :func:`clean_dataframe`'s output."""
    import pyarrow as pa

    from .io.sinks import record_schema

    return record_schema().append(pa.field("reject_reason", pa.string())).append(pa.field("reject_detail", pa.string()))


def _clean_frame(pdf: Any, content_col: str, url_col: str | None, id_col: str | None,
                 config: WorkConfig) -> Any:
    items = [_row_item(pdf, i, content_col, url_col, id_col) for i in range(len(pdf))]
    rows = [_frame_row(kind, payload) for kind, payload in clean_chunk(config, items)]
    return _arrow_frame(rows, pdf.index)


def _arrow_frame(rows: list[dict[str, Any]], index: Any) -> Any:
    import pandas as pd
    import pyarrow as pa

    frame = pa.Table.from_pylist(rows, schema=frame_schema()).to_pandas(types_mapper=pd.ArrowDtype)
    if index is not None:
        frame.index = index
    return frame


_ROW_FIELDS = SourceOptions(id_field="id", url_field="url", content_fields=("text",))  # a row as a record


def _row_item(pdf: Any, i: int, content_col: str, url_col: str | None, id_col: str | None) -> Item:
    row_id = pdf[id_col].iloc[i] if id_col else pdf.index[i]
    url = pdf[url_col].iloc[i] if url_col else None
    content = pdf[content_col].iloc[i]
    record = {"id": str(row_id), "url": url if isinstance(url, str) else None, "text": content}
    return record_item(record, str(row_id), "dataframe", _ROW_FIELDS)


def _frame_row(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    if kind == "record":
        from .io.sinks import parquet_row

        return {**parquet_row(payload), "reject_reason": None, "reject_detail": None}
    return {"id": payload["id"], "reject_reason": payload["reason"], "reject_detail": payload["detail"]}


# -- the CLI's executor --------------------------------------------------------------------


class DaskExecutor:
    """Sends chunks to a Dask cluster (``--engine dask``), a bounded number at a time.

    The client reads the input and writes the output; the cluster cleans.
    A chunk whose task fails (a worker lost, KilledWorker) comes back as
    "crash" rejects for each of its documents.
    """

    def __init__(self, config: WorkConfig, scheduler: str | None = None, in_flight: int | None = None) -> None:
        from .extras import need

        distributed = need("distributed", "dask")
        Client, LocalCluster = distributed.Client, distributed.LocalCluster  # noqa: N806 - classes
        self.cluster = None if scheduler else LocalCluster(processes=True, dashboard_address=None)
        self.client = Client(scheduler or self.cluster)
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.limit = in_flight or 2 * workers
        self.config = config
        self.futures: dict[Any, tuple[int, list[Item]]] = {}

    def room(self) -> bool:
        return len(self.futures) < self.limit

    def submit(self, chunk_id: int, items: list[Item]) -> None:
        future = self.client.submit(clean_chunk, self.config, items, pure=False)
        self.futures[future] = (chunk_id, items)

    def collect(self, timeout: float) -> list[tuple[int, list[Outcome]]]:
        from distributed import wait

        try:
            done = wait(list(self.futures), timeout=timeout, return_when="FIRST_COMPLETED").done
        except TimeoutError:
            return []
        return [self._result(f) for f in done]

    def _result(self, future: Any) -> tuple[int, list[Outcome]]:
        chunk_id, items = self.futures.pop(future)
        try:
            return chunk_id, future.result()
        except Exception as exc:  # noqa: BLE001 - a lost chunk becomes rejects, the run goes on
            detail = f"task failed: {type(exc).__name__}: {exc}"[:300]
            return chunk_id, [_crash(item, detail) for item in items]

    def close(self, abort: bool = False) -> None:
        if abort:
            self.client.cancel(list(self.futures))
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _crash(item: Item, detail: str) -> Outcome:
    if isinstance(item, Reject):
        return ("skip" if isinstance(item, Skip) else "reject"), item.to_dict()
    return "reject", item.rejected("crash", detail).to_dict()


__all__ = ["DaskExecutor", "clean_bag", "clean_chunk", "clean_dataframe", "frame_schema", "is_record", "is_reject", "split"]
