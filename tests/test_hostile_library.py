"""Every hostile document (tests/hostile.py) through ``Cleaner(time_limit, max_bytes)``:
an Article or a CleanError with a reason, never another exception, never longer than
the time bound plus a margin; no control characters left in the text that it did not
have to keep; mislabelled Korean pages read as Korean; spam spellings removed.

Each case runs in a forked child, so a document stuck in C code is killed (after
``HANG_SECONDS`` of wall time) instead of stalling the suite, and a crash cannot take
pytest down.  The bound is judged on the CPU time the cleaning took in its thread, the
clock ``time_limit`` itself counts, so a loaded machine cannot fail a case.  Known
failures are listed in ``test_hostile_xfail.tsv`` (strict xfail).  The small cases run
two at a time, then the "huge" ones one at a time (so that their timing is their own),
the known overruns last, all together (each is killed when it hangs).
"""

from __future__ import annotations

import fnmatch
import gc
import hashlib
import multiprocessing as mp
import re
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

import ftfy
import pytest

from cleaner import Cleaner, CleanError
from cleaner.normalize import compact_key, match_key

from . import hostile

LIMIT = 3.0  # Cleaner(time_limit=...): seconds per document
MAX_BYTES = 8 << 20  # Cleaner(max_bytes=...): the 20 MB cases must be refused
MARGIN = 5.0  # allowed overrun of LIMIT in CPU seconds (the deadline is checked between steps)
HANG_SECONDS = 60.0  # wall time after which a child is killed as hung, however loaded the machine
JOBS = 2  # children at a time
CHUNK = 12  # small cases per child (forking a large process costs tens of ms)
MIN_HANGUL = 0.5  # share of the letters of a Korean text that are Hangul
XFAIL_FILE = Path(__file__).with_name("test_hostile_xfail.tsv")
# Never needed in extracted text: C0/C1 controls (but \t \n), zero-width space, word
# joiner and invisible operators, BOM, bidi embeddings/overrides/isolates, Arabic mark.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069\u061c]")
BIDI_MARK = re.compile("[\u200e\u200f]")  # LRM/RLM: only beside right-to-left letters
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Markup in article text: tags with the names pages are built of (a story may quote one).
MARKUP = re.compile(r"</?(?:div|span|p|a|img|script|iframe|meta|link|ul|li|table|td|tr|input|button|form|"
                    r"section|article|header|footer|nav|h[1-6])(?:\s[^<>]{0,300})?/?>", re.I)
MAX_TAGS = 3  # more tags than this in a text: the page's markup leaked into it


def xfails(suite: str) -> dict[str, str]:
    """name glob → reason, for one suite (library, cli, pack) of the xfail TSV."""
    rows = [line.split("\t") for line in XFAIL_FILE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {glob: reason for s, glob, reason in rows if s == suite}


def params(cases, suite: str) -> list:
    """pytest params of ``cases``, known failures of ``suite`` marked strict xfail."""
    known = xfails(suite)
    out = []
    for case in cases:
        reason = next((r for g, r in known.items() if fnmatch.fnmatchcase(case.name, g)), None)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(case, marks=marks, id=case.name))
    return out


@dataclass
class Outcome:
    status: str  # article | error (CleanError) | exception | overrun | died
    seconds: float  # CPU seconds of the cleaning thread (wall seconds for overrun and died)
    reason: str = ""  # CleanError reason or exception type
    detail: str = ""
    chars: int = 0
    hangul: float = 0.0
    mojibake: bool = False
    forbidden: str = ""
    spam_left: bool = False
    tags: int = 0  # markup tags in the text


def hangul_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum("\uac00" <= ch <= "\ud7a3" for ch in letters) / max(1, len(letters))


def stray_controls(text: str) -> str:
    """Escaped list of the characters in ``text`` that it should not have kept."""
    found = set(FORBIDDEN.findall(text))
    found |= {m for line in text.split("\n") if not RTL.search(line) for m in BIDI_MARK.findall(line)}
    return ", ".join(sorted(f"U+{ord(ch):04X}" for ch in found))


def judge(case: hostile.Hostile, article, seconds: float) -> Outcome:
    text = article.text
    return Outcome(
        "article", seconds, chars=len(text), hangul=hangul_share(text),
        mojibake="\ufffd" in text or ftfy.is_bad(text[:100_000]), forbidden=stray_controls(text),
        spam_left=bool(case.spam) and compact_key(match_key(case.spam)) in compact_key(match_key(text)),
        tags=len(MARKUP.findall(text[:200_000])),
    )


def clean_one(cleaner: Cleaner, case: hostile.Hostile) -> Outcome:
    content, start = case.content(), time.thread_time()
    try:
        return judge(case, cleaner.clean(content), time.thread_time() - start)
    except CleanError as exc:
        return Outcome("error", time.thread_time() - start, exc.reason, exc.detail[:300])
    except BaseException as exc:  # noqa: BLE001 - the point is to see it
        return Outcome("exception", time.thread_time() - start, type(exc).__name__, traceback.format_exc()[-3000:])


def _child(cleaner: Cleaner, cases: list[hostile.Hostile], conn) -> None:  # noqa: ANN001
    for case in cases:
        conn.send(clean_one(cleaner, case))
    conn.close()


def run_all(cleaner: Cleaner, cases: list[hostile.Hostile]) -> dict[str, Outcome]:
    """Every case's outcome: the small ones first, ``JOBS`` children of CHUNK cases at a time
    (while the parent is small: forking a big process is slow); then the "huge" ones one at
    a time, so that their timing is their own; last the known overruns, all together."""
    slow = {g for g, reason in xfails("library").items() if reason.startswith("overrun")}
    known = [c for c in cases if any(fnmatch.fnmatchcase(c.name, g) for g in slow)]
    huge = [c for c in cases if c.kind == "huge" and c not in known]
    rest = [c for c in cases if c not in known and c not in huge]
    gc.freeze()  # the children's collections then skip the parent's objects (and its pages stay shared)
    try:
        done = run_cases(cleaner, rest, jobs=JOBS, chunk=CHUNK)
        return done | run_cases(cleaner, huge, jobs=1) | run_cases(cleaner, known, jobs=max(1, len(known)))
    finally:
        gc.unfreeze()


@dataclass
class _Child:
    proc: object
    conn: object
    cases: list  # not yet reported; the first is being cleaned
    since: float  # when it started


def run_cases(cleaner: Cleaner, cases: list[hostile.Hostile], jobs: int, chunk: int = 1) -> dict[str, Outcome]:
    """Clean the cases in forked children (``jobs`` at a time, ``chunk`` cases each); a case
    past the bound is killed, and the rest of its chunk goes to a new child."""
    ctx, queue = mp.get_context("fork"), [cases[i:i + chunk] for i in range(0, len(cases), chunk)]
    running: list[_Child] = []
    done: dict[str, Outcome] = {}
    while queue or running:
        while queue and len(running) < jobs:
            running.append(_start(ctx, cleaner, queue.pop(0)))
        wait([child.conn for child in running], timeout=0.05)
        for child in list(running):
            leftover = _poll(child, done)
            if leftover is not None:
                running.remove(child)
                child.proc.join()
                queue[:0] = [leftover] if leftover else []
    return done


def _start(ctx, cleaner: Cleaner, cases: list[hostile.Hostile]) -> _Child:  # noqa: ANN001
    for case in cases:
        case.content()  # built in the parent; fork shares it
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(cleaner, cases, writer), daemon=True)
    proc.start()
    writer.close()
    return _Child(proc, reader, list(cases), time.perf_counter())


def _poll(child: _Child, done: dict[str, Outcome]) -> list | None:
    """None while the child works on; else the cases it did not get to (maybe none)."""
    while child.conn.poll():
        try:
            out = child.conn.recv()
        except EOFError:
            return _lost(child, done, "died", f"exit code {child.proc.exitcode}")
        case = child.cases.pop(0)
        done[case.name] = out
        hostile.forget(case)
        child.since = time.perf_counter()
        if not child.cases:
            return []
    if time.perf_counter() - child.since > HANG_SECONDS:
        child.proc.kill()
        return _lost(child, done, "overrun", "killed")
    return None


def _lost(child: _Child, done: dict[str, Outcome], status: str, detail: str) -> list:
    case = child.cases.pop(0)
    done[case.name] = Outcome(status, time.perf_counter() - child.since, detail=detail)
    hostile.forget(case)
    return child.cases


@pytest.fixture(scope="module")
def outcomes(request) -> dict[str, Outcome]:
    """Outcomes of the cases this session selected (all of them in a full run)."""
    selected = {item.callspec.params["case"].name for item in request.session.items
                if getattr(item, "callspec", None) and isinstance(item.callspec.params.get("case"), hostile.Hostile)}
    cases = [c for c in hostile.documents() if c.name in selected]
    return run_all(warm_cleaner(), cases)


def warm_cleaner() -> Cleaner:
    """A Cleaner that has already compiled every site pack's rules and imported every
    decoder, so the forked children measure cleaning, not start-up."""
    cleaner = Cleaner(time_limit=None, max_bytes=MAX_BYTES)
    text = hostile.texts()[0][1]
    for pack in cleaner.packs.sites:
        cleaner.clean(text, site=pack.id)
    cleaner.clean(text)
    cleaner.clean(hostile.article_pages()[0][1])
    cleaner.clean("The company said on Tuesday that profits rose sharply in the third quarter.")
    cleaner.clean(hostile.as_page(hostile.ks_text(text)).encode("johab"))  # charset detection
    cleaner.time_limit = LIMIT
    return cleaner


@pytest.mark.parametrize("case", params(hostile.documents(), "library"))
def test_hostile_document(case: hostile.Hostile, outcomes: dict[str, Outcome]) -> None:
    out = outcomes[case.name]
    assert out.status not in ("exception", "died"), f"{case.name}: {out.reason}\n{out.detail}"
    assert out.status != "overrun", f"{case.name}: killed after {HANG_SECONDS:g}s of wall time (hung)"
    assert out.seconds < LIMIT + MARGIN, f"{case.name}: {out.seconds:.1f} CPU s for a {LIMIT:g}s bound"
    if out.status == "article":
        assert not out.forbidden, f"{case.name}: control characters kept: {out.forbidden}"
        assert out.tags <= MAX_TAGS, f"{case.name}: {out.tags} markup tags in the text"
    check_expectation(case, out)


def check_expectation(case: hostile.Hostile, out: Outcome) -> None:
    what, expect = f"{case.name}: {out.status} {out.reason} {out.detail[:200]}", case.expect
    if expect == hostile.KOREAN_OR_TIMEOUT:
        if (out.status, out.reason) == ("error", "timeout"):
            return
        expect = hostile.KOREAN
    if expect.startswith("reject:"):
        assert (out.status, out.reason) == ("error", expect[7:]), what
    elif expect == hostile.EMPTY:
        assert (out.status, out.reason) == ("error", "empty") or (out.status, out.chars) == ("article", 0), what
    elif expect in (hostile.KOREAN, hostile.SPAM_FREE):
        assert out.status == "article" and out.chars > 0, what
    if expect == hostile.KOREAN:
        assert out.hangul >= MIN_HANGUL, f"{case.name}: Hangul share {out.hangul:.2f} (mojibake?)"
        assert not out.mojibake, f"{case.name}: mojibake or U+FFFD left in the text"
    if expect == hostile.SPAM_FREE:
        assert not out.spam_left, f"{case.name}: spam line kept: {case.spam!r}"


def test_the_corpus_is_large_and_covers_every_family() -> None:
    cases = hostile.documents()
    assert len(cases) >= 200
    kinds = {c.kind for c in cases}
    assert kinds >= {"empty", "binary", "nul", "huge", "nesting", "unclosed", "encoding", "mojibake",
                     "scripts", "spam", "controls"}
    names = {c.name for c in cases}
    assert {"huge-page-20mb-s000", "huge-line-5mb-s000", "huge-table-180k-cells-s000"} <= names
    assert any(n.startswith("nesting-div-") for n in names) and any("iso-2022-kr" in n for n in names)


def test_the_generator_is_deterministic() -> None:
    small = [c for c in hostile.documents() if c.kind != "huge"]
    first = [hashlib.sha1(_bytes(c.build())).hexdigest() for c in small]
    assert first == [hashlib.sha1(_bytes(c.build())).hexdigest() for c in small]
    assert len(set(first)) > 0.95 * len(first)  # transformations give different documents


def test_every_xfail_names_a_case() -> None:
    names = [c.name for c in hostile.documents()]
    for glob in xfails("library"):
        assert fnmatch.filter(names, glob), f"stale line in {XFAIL_FILE.name}: {glob}"


def _bytes(content: str | bytes) -> bytes:
    """Content as bytes for hashing; str and bytes of the same text are different inputs."""
    return b"b:" + content if isinstance(content, bytes) else b"s:" + content.encode("utf-8", "surrogatepass")
