"""A real Dask LocalCluster (2 worker processes) gives the same records as a local run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.io import SourceOptions, iter_items
from cleaner.run import InlineExecutor, make_config, run

from .conftest import KO_NEWS, SEED_DUMPS, ListWriter

pytest.importorskip("distributed")



@pytest.fixture(scope="module")
def client():  # noqa: ANN201
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    paths = SEED_DUMPS + sorted((KO_NEWS / "text").glob("daum__*.txt"))
    out = [{"id": p.stem, "url": None, "text": p.read_text(encoding="utf-8")} for p in paths]
    out.append({"id": "blank", "url": None, "text": "  \n "})  # rejected: empty
    return out


@pytest.fixture(scope="module")
def local(rows, tmp_path_factory) -> tuple[Path, list[dict], list[dict]]:
    """The dump as JSONL, and its records and rejects from an in-process run."""
    path = tmp_path_factory.mktemp("dask") / "dump.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out, rej = ListWriter(), ListWriter()
    counts = run(iter_items([str(path)], SourceOptions()), InlineExecutor(make_config()), out, rej)
    assert counts.reconciles() and counts.rejected == 1
    return path, out.items, rej.items


def test_clean_bag_matches_the_local_run(client, rows, local) -> None:
    import dask.bag as db

    from cleaner.dask import clean_bag, split

    bag = db.from_sequence(rows, npartitions=3)
    records, rejects = split(clean_bag(bag))
    got_records, got_rejects = client.compute([records, rejects], sync=True)
    _, want_records, want_rejects = local
    assert got_records == want_records  # record by record, in order
    assert [(r["id"], r["reason"]) for r in got_rejects] == [(r["id"], r["reason"]) for r in want_rejects]


def test_clean_dataframe_matches_the_local_run(client, rows, local) -> None:
    import dask.dataframe as dd
    import pandas as pd

    from cleaner.dask import clean_dataframe

    df = dd.from_pandas(pd.DataFrame(rows), npartitions=2)
    out = client.compute(clean_dataframe(df, content_col="text", url_col="url", id_col="id"), sync=True)
    assert len(out) == len(rows)
    cleaned = out[out["reject_reason"].isna()]
    _, want, _ = local
    got = [{k: (None if v is pd.NA else v) for k, v in row.items()} for row in cleaned.to_dict("records")]
    for key in ("id", "text", "title", "press", "published"):
        assert [g[key] for g in got] == [r[key] for r in want], key
    assert [list(g["reporters"]) for g in got] == [r["reporters"] for r in want]
    assert list(out.loc[out["reject_reason"].notna(), "reject_reason"]) == ["empty"]


def test_cli_dask_engine_writes_the_same_file(client, local, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app

    path = local[0]
    here, there = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["clean", str(path), "-o", str(here), "-j", "0", "--fail-on-reject"]).exit_code == 1
    result = runner.invoke(app, ["clean", str(path), "-o", str(there), "--engine", "dask",
                                 "--scheduler", client.scheduler.address, "--chunk-docs", "2", "--fail-on-reject"])
    assert result.exit_code == 1, result.output
    assert there.read_bytes() == here.read_bytes()
    assert "in 9, written 8, rejected 1" in result.stderr
