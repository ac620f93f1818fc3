"""Issue 12's property: every CLI run's counts reconcile, and no record is lost or duplicated.

Random mixes of good and hostile records (empty, binary, wrongly typed, malformed JSON,
surrogate and repeated ids, integer ids, bad URLs, markup nested too deeply, too large,
blank lines) in a JSONL dump, beside a WARC with good records and ones whose
Content-Length is too short, go through ``cleaner clean``.  Every input record must come
out exactly once, as a record or a reject, under the id it went in with, and the summary
must say in = written + rejected.  (A dump in which no record has a content field at
all stops the run with exit 2 instead: the --content-field is taken to be wrong.)
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import read_jsonl
from .test_io_sources import html_page, warc_record
from .test_reliability_inputs import ARTICLE, _short_length

MAX_BYTES = 60_000
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
DEEP = "<html><body>" + "<b>" * 7000 + "<p>본문</p>" * 3 + "</body></html>"  # too-complex, under MAX_BYTES
LINE_KINDS = {  # kind → (JSON line for uid, whether its id is the uid)
    "good": lambda u: ({"id": u, "text": ARTICLE + u}, True),
    "empty": lambda u: ({"id": u, "text": "  "}, True),
    "binary": lambda u: ({"id": u, "text": "\x00\x01\x02" * 50}, True),
    "wrong-type": lambda u: ({"id": u, "text": 7}, True),
    "no-content": lambda u: ({"id": u, "body": ARTICLE}, True),
    "surrogate-id": lambda u: ({"id": "\udfff" + u, "text": ARTICLE}, False),
    "repeated-id": lambda u: ({"id": "same", "text": ARTICLE}, False),
    "int-id": lambda u: ({"id": int(u[1:]), "text": ARTICLE}, False),
    "bad-url": lambda u: ({"id": u, "url": "http://[bad", "text": ARTICLE}, True),
    "deep": lambda u: ({"id": u, "html": DEEP}, True),
    "too-large": lambda u: ({"id": u, "text": "가" * (MAX_BYTES // 3 + 10)}, True),  # over MAX_BYTES in UTF-8
}
KINDS = [*LINE_KINDS, "malformed", "blank"]


def _jsonl(kinds: list[str], path: Path) -> list[str]:
    """Write the dump; the ids its records must come out under."""
    lines, ids = [], []
    for n, kind in enumerate(kinds, 1):
        uid = f"u{n}"
        if kind == "blank":
            lines.append("")
            continue
        if kind == "malformed":
            lines.append('{"id": "' + uid + '", "text": ')
            ids.append(f"{path}:{n}")
            continue
        obj, _ = LINE_KINDS[kind](uid)
        lines.append(json.dumps(obj, ensure_ascii=True))
        ids.append(str(obj["id"]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def _warc(kinds: list[bool], path: Path) -> list[str]:
    """Per-record gzip WARC; False entries get a Content-Length 30 bytes short."""
    members, ids = [], []
    for i, good in enumerate(kinds):
        record, rid = warc_record(f"https://news.example.kr/{i}", html_page(i))
        members.append(gzip.compress(record if good else _short_length(record, 30)))
        ids.append(rid)
    path.write_bytes(b"".join(members))
    return ids


@SETTINGS
@given(lines=st.lists(st.sampled_from(KINDS), min_size=1, max_size=14),
       warc=st.lists(st.booleans(), max_size=5))
def test_counts_reconcile_and_every_record_comes_out_once(tmp_path_factory, lines: list[str],
                                                           warc: list[bool]) -> None:
    folder = tmp_path_factory.mktemp("mix")
    (folder / "in").mkdir()
    expected = _jsonl(lines, folder / "in" / "dump.jsonl")
    if warc:
        expected += _warc(warc, folder / "in" / "crawl.warc.gz")
    out, rejects = folder / "out.jsonl", folder / "rejects.jsonl"
    result = CliRunner().invoke(app, ["clean", str(folder / "in"), "-o", str(out), "--rejects", str(rejects),
                                      "-j", "0", "--max-bytes", str(MAX_BYTES), "--chunk-docs", "3",
                                      "--fail-on-reject"])
    if not warc and "no-content" in lines and set(lines) <= {"no-content", "blank"}:  # no content field at all
        assert result.exit_code == 2 and "no record has a content field" in result.stderr, result.output
        assert not out.exists() and not rejects.exists()
        return
    records, rejected = read_jsonl(out), read_jsonl(rejects)
    assert result.exit_code == (1 if rejected else 0), result.output
    m = re.search(r"in (\d+), written (\d+), rejected (\d+)", result.stderr)
    assert m and (int(m[1]), int(m[2]), int(m[3])) == (len(expected), len(records), len(rejected))
    assert Counter(r["id"] for r in [*records, *rejected]) == Counter(expected)
