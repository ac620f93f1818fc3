"""cleaner inside other pipelines: pickling, process pools, datatrove, HF datasets, pandas."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from cleaner import Cleaner, clean
from cleaner.decode import decode_bytes
from cleaner.integrations import LazyCleaner

ROOT = Path(__file__).resolve().parent.parent
KO_NEWS = ROOT.parent / "shared" / "corpus" / "ko-news"

def _article_pages(n: int) -> list[Path]:
    """The first ``n`` ko-news pages whose gold is an article of three paragraphs or more."""
    golds = (json.loads(g.read_text()) for g in sorted((KO_NEWS / "gold").glob("*.json")))
    return [KO_NEWS / g["file"] for g in golds if g["kind"] == "article" and len(g.get("body") or ()) >= 3][:n]


PAGES = _article_pages(6) if (KO_NEWS / "gold").is_dir() else []
pytestmark = pytest.mark.skipif(not PAGES, reason="needs ../shared/corpus/ko-news")


def _gold_url(page: Path) -> str | None:
    gold = KO_NEWS / "gold" / f"{page.stem}.json"
    return json.loads(gold.read_text())["url"] if gold.exists() else None


def test_a_cleaner_pickles_and_cleans_the_same_after() -> None:
    cleaner = Cleaner(site_packs=False)
    copy = pickle.loads(pickle.dumps(cleaner))
    html = PAGES[0].read_bytes()
    assert copy.packs.sites == [] and copy.clean(html).text == cleaner.clean(html).text


def test_process_pool_map_over_cleaner_clean() -> None:
    cleaner = Cleaner()
    pages = [p.read_bytes() for p in PAGES[:3]]
    with ProcessPoolExecutor(2) as pool:
        texts = [a.text for a in pool.map(cleaner.clean, pages)]
    assert texts == [cleaner.clean(p).text for p in pages] and all(texts)


@pytest.mark.parametrize("content", ["", "   \n", b"\x00\x01\x02" * 100, None])
def test_try_clean_returns_an_empty_article_with_the_reason(content) -> None:
    article = Cleaner().try_clean(content, doc_id="x")
    assert (article.text, article.kind, article.id) == ("", "rejected", "x")
    assert article.reject in ("empty", "binary") and article.to_dict()["reject"] == article.reject


def test_lazy_cleaner_pickles_without_compiled_rules_and_hashes_by_its_packs(tmp_path: Path) -> None:
    lazy = LazyCleaner()
    lazy.clean("오늘은 맑다.")  # builds the cleaner
    assert pickle.dumps(lazy) == pickle.dumps(LazyCleaner())  # the compiled rules do not travel
    extra = tmp_path / "mine.toml"
    extra.write_text('id = "mine"\nversion = "2026-11-27"\n[[rules]]\nid = "x"\nkind = "spam"\nmatch = "광고문의"\n')
    assert LazyCleaner([extra]).digest != lazy.digest


# -- datatrove -------------------------------------------------------------------------------

def test_datatrove_pipeline_reader_cleaner_writer(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.integrations.datatrove import CleanerExtractor

    inp = tmp_path / "in"
    inp.mkdir()
    rows = [{"id": p.stem, "text": decode_bytes(p.read_bytes())[0], "url": _gold_url(p)} for p in PAGES]
    rows.append({"id": "blank", "text": " \n ", "url": None})
    (inp / "pages.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    executor = LocalPipelineExecutor(
        [JsonlReader(str(inp)), CleanerExtractor(), JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=1, workers=1, logging_dir=str(tmp_path / "logs"))
    stats = executor.run()
    out = {d["id"]: d for line in (tmp_path / "out").glob("*.jsonl")
           for d in map(json.loads, line.read_text().splitlines())}
    assert "blank" not in out and len(out) == len(PAGES)
    for row in rows[:-1]:
        expected = clean(row["text"], url=row["url"])
        doc = out[row["id"]]
        assert doc["text"] == expected.text and doc["text"]
        meta = doc["metadata"]
        assert (meta["title"], meta["press"], meta["published"]) == (expected.title, expected.press, expected.published)
        assert meta["url"] == row["url"] and meta["kind"] == "article"
        assert (meta["hostname"], meta["canonical_url"]) == (expected.hostname, expected.canonical_url)
    assert any(d["metadata"]["hostname"] for d in out.values())
    step = next(s for s in stats.stats if "cleaner" in s.name)
    assert step.stats["reject/empty"].total == 1 and step.stats["kind/article"].total == len(PAGES)


def test_datatrove_warm_up_with_empty_text_does_not_raise() -> None:
    pytest.importorskip("datatrove")
    from cleaner.integrations.datatrove import CleanerExtractor

    assert CleanerExtractor().extract("") == ""


# -- HF datasets -----------------------------------------------------------------------------

_MAP_SCRIPT = """
import json, os, sys
from datasets import Dataset
from cleaner.integrations.hf import DatasetCleaner
ds = Dataset.from_json(sys.argv[1], cache_dir=sys.argv[2])
out = ds.map(DatasetCleaner(content_column="html"), batched=True, batch_size=2, num_proc=2)
print(json.dumps({"fingerprint": out._fingerprint, "files": [f["filename"] for f in out.cache_files],
                  "titles": list(out["title"])}))
"""


def test_dataset_map_num_proc_2_twice_hits_the_cache(tmp_path: Path) -> None:
    pytest.importorskip("datasets")
    data = tmp_path / "pages.jsonl"
    data.write_text("".join(json.dumps({"html": decode_bytes(p.read_bytes())[0], "url": _gold_url(p)},
                                       ensure_ascii=False) + "\n" for p in PAGES[:4]))
    env = {**os.environ, "HF_HOME": str(tmp_path / "hf"), "HF_DATASETS_OFFLINE": "1"}
    runs = []
    for _ in range(2):  # two processes: the fingerprint must not depend on the process
        done = subprocess.run([sys.executable, "-c", _MAP_SCRIPT, str(data), str(tmp_path / "cache")],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        runs.append((json.loads(done.stdout.splitlines()[-1]), done.stderr))
        if len(runs) == 1:
            stamps = {f: os.stat(f).st_mtime_ns for f in runs[0][0]["files"]}
    (first, first_log), (second, log) = runs
    assert "Map (num_proc=2)" in first_log
    assert second["fingerprint"] == first["fingerprint"] and second["files"] == first["files"]
    assert {f: os.stat(f).st_mtime_ns for f in second["files"]} == stamps  # read, not rewritten
    assert "Map (num_proc=2)" not in log  # no map ran the second time
    assert second["titles"] == [clean(p.read_bytes(), url=_gold_url(p)).title for p in PAGES[:4]]


# -- pandas / Spark --------------------------------------------------------------------------

def test_clean_frame_and_spark_partitions() -> None:
    pd = pytest.importorskip("pandas")
    from cleaner.integrations.frames import FRAME_COLUMNS, clean_frame, spark_partitions

    frame = pd.DataFrame({"html": [decode_bytes(PAGES[0].read_bytes())[0], "", None]}, index=[7, 8, 9])
    out = clean_frame(frame, content="html", url=None)
    assert list(out.index) == [7, 8, 9] and tuple(out.columns) == FRAME_COLUMNS
    assert out.loc[7, "text"] == clean(PAGES[0].read_bytes()).text
    assert out.loc[8, "reject"] == out.loc[9, "reject"] == "empty"
    batches = list(spark_partitions(content="html", url=None)(iter([frame[:1], frame[1:]])))
    assert [len(b) for b in batches] == [1, 2] and batches[0].loc[0, "text"] == out.loc[7, "text"]
