"""Throughput benchmark: cleaner against its peers, and text dumps at scale.

    python -m bench                      # HTML peers on ko-news, 200 MB text-dump runs
    python -m bench --quick              # a smoke run: short timings, 20 MB dumps
    python -m bench --corpus zyte        # peers on the Zyte pages too (31 MB, slow for some)
    python -m bench --rss-1gb            # also peak memory over a 1 GB JSONL dump (minutes)

Prints: a table per HTML corpus (pages/s, MB/s, peak RSS, char-bigram F1
where gold exists), quality on the text seeds, the text-dump runs (one core,
1 vs 2 workers, N vs 4N documents), and each target of the issue, met or not.
Peers run one at a time, each in a fresh process (see bench/peers.py), in turn
for --rounds rounds; a peer's rate is its fastest pass in its best round, and
the range over the rounds is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cleaner import accel
from cleaner.score import Pooled, score_document

from .corpus import Corpus, build_jsonl, seed_gold, text_docs
from .peers import CORPORA, PEERS
from .throughput import ROOT, RunResult, clean_dump, parallel_capacity, repeat_file


def pooled_f1(outputs: list[str], corpus: Corpus) -> tuple[float | None, int]:
    """Pooled char-bigram F1 over the pages that have gold, and how many they are."""
    pairs = [(p.name, out, p.gold_body) for p, out in zip(corpus.pages, outputs) if p.gold_body is not None]
    return (_pooled(pairs), len(pairs)) if pairs else (None, 0)


def _pooled(pairs: list[tuple[str, str, list[str]]]) -> float:
    """(name, output, gold body paragraphs) → pooled char-bigram F1 (cleaner.score)."""
    return Pooled([score_document(name, {"text": out}, {"body": body}) for name, out, body in pairs]).f1


def run_peer(name: str, corpus_key: str, seconds: float) -> dict:
    cmd = [sys.executable, "-m", "bench.peers", name, corpus_key, "--seconds", str(seconds)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"name": name, "error": (proc.stderr.strip().splitlines() or ["failed"])[-1][:120]}
    return json.loads(proc.stdout)


def peers_table(corpus_key: str, seconds: float, peers: list[str], rounds: int = 1) -> dict[str, dict]:
    """Each peer ``rounds`` times, in turn (cleaner, trafilatura, …, cleaner, …), so
    that all of them meet the same spells of load; a peer's best round is kept."""
    corpus = CORPORA[corpus_key]()
    print(f"\n## {corpus.name}: {len(corpus.pages)} pages, {corpus.bytes / 1e6:.1f} MB; per CPU second "
          f"of one core, fastest pass, best of {rounds} round{'s' if rounds > 1 else ''}")
    runs: dict[str, list[dict]] = {name: [] for name in peers}
    for _ in range(rounds):
        for name in peers:
            runs[name].append(run_peer(name, corpus_key, seconds))
    results = {name: max(rs, key=lambda r: r.get("pages_per_s", 0.0)) for name, rs in runs.items()}
    head = f"{'extractor':12} {'pages/s':>9} {'range':>13} {'MB/s':>8} {'peak RSS MB':>12} {'F1':>7} {'gold':>5}"
    print(head + "\n" + "-" * len(head))
    for name, r in results.items():
        if "error" in r:
            print(f"{name:12} skipped: {r['error']}")
            continue
        rates = [x["pages_per_s"] for x in runs[name] if "error" not in x]
        spread = f"{min(rates):.0f}-{max(rates):.0f}"
        f1, n = pooled_f1(r["outputs"], corpus) if name != "selectolax" else (None, 0)
        f1_text = f"{f1:7.3f}" if f1 is not None else f"{'-':>7}"
        print(f"{name:12} {r['pages_per_s']:9.1f} {spread:>13} {r['mb_per_s']:8.2f} {r['peak_rss_mb']:12.0f} "
              f"{f1_text} {n:>5}")
    print("(selectolax: bare parse, no extraction; peak RSS includes interpreter, libraries and corpus)")
    return results


def text_quality() -> None:
    from cleaner import Cleaner

    cleaner = Cleaner()
    pages = seed_gold()
    cleaned = _pooled([(name, cleaner.clean(text).text, body) for name, text, body in pages])
    kept = _pooled(pages)
    print(f"\n## text seeds: {len(pages)} dumps with gold")
    print(f"cleaner F1 {cleaned:.3f}   keep-everything baseline F1 {kept:.3f}")


def library_rates() -> dict[str, float]:
    """One core, in this process, by kind of document (no I/O, no JSON): MB per CPU second."""
    from cleaner import Cleaner
    from cleaner.pipeline import looks_like_html

    cleaner = Cleaner()
    docs = text_docs()
    groups = {"plain text": [t for _, t in docs if not looks_like_html(t)],
              "HTML-looking dumps": [t for _, t in docs if looks_like_html(t)]}
    print("\n## library, one core, in process (Cleaner.clean on str, warm; MB per CPU second)")
    rates: dict[str, float] = {}
    for label, texts in groups.items():
        if not texts:
            continue
        rate = rates[label] = _rate(texts, cleaner.clean)
        print(f"{label:20} {len(texts):3} docs {sum(len(t.encode()) for t in texts) / 1e6:6.2f} MB  {rate:6.2f} MB/s")
    rates["all dumps"] = _rate([t for _, t in docs], cleaner.clean)
    print(f"{'all dumps (mix)':20} {len(docs):3} docs {'':9}  {rates['all dumps']:6.2f} MB/s  "
          "(the mix the JSONL runs below repeat)")
    if groups["plain text"]:
        rates["floor"] = text_floor(groups["plain text"])
        print(f"{'floor, plain text':20} {len(groups['plain text']):3} docs {'':9}  {rates['floor']:6.2f} MB/s  "
              "(split into lines, one RE2 search a line for the common packs' terms and lines)")
    return rates


def _rate(texts: list[str], work) -> float:  # noqa: ANN001 - a function of one text
    """MB per CPU second of ``work`` over ``texts``, warm, at least 3 passes and 2 s."""
    for t in texts:
        work(t)
    size, started, passes = sum(len(t.encode()) for t in texts), time.process_time(), 0
    while passes < 3 or time.process_time() - started < 2:
        for t in texts:
            work(t)
        passes += 1
    return passes * size / 1e6 / (time.process_time() - started)


def text_floor(texts: list[str]) -> float:
    """The least a line-by-line text cleaner costs: split each dump into lines and run one
    RE2 search a line, for the bundled common packs' spam terms and boilerplate lines as
    one alternation (MB per CPU second)."""
    import re2

    from cleaner import Cleaner

    common = Cleaner().packs.common
    vocabulary = [t for pack in common for rule in pack.rules for t in (*rule.terms, *rule.lines)]
    pattern = re2.compile("|".join(re2.escape(t) for t in vocabulary))

    def lines(text: str) -> None:
        for line in text.split("\n"):
            pattern.search(line)

    return _rate(texts, lines)


def dump_runs(dump_mb: float, rss_1gb: bool, workdir: Path) -> dict[str, RunResult]:
    small = workdir / "n.jsonl"
    docs_n, bytes_n = build_jsonl(small, int(dump_mb * 1e6 / 4))
    big = workdir / "4n.jsonl"
    repeat_file(small, big, 4)
    print(f"\n## text dumps (JSONL of the seeds and ko-news/text, repeated): N = {docs_n} docs "
          f"{bytes_n / 1e6:.0f} MB, 4N = {4 * docs_n} docs {4 * bytes_n / 1e6:.0f} MB")
    print(f"machine check: 2 CPU-bound processes run {parallel_capacity(2):.2f}x as fast as 1 "
          "(2.00 on two idle cores)")
    runs = {
        "one core (-j 0), 4N": clean_dump("4n", big, 4 * docs_n, 4 * bytes_n, 0, workdir),
        "1 worker (-j 1), 4N": clean_dump("4n", big, 4 * docs_n, 4 * bytes_n, 1, workdir),
        "2 workers (-j 2), 4N": clean_dump("4n", big, 4 * docs_n, 4 * bytes_n, 2, workdir),
        "2 workers (-j 2), N": clean_dump("n", small, docs_n, bytes_n, 2, workdir),
    }
    if rss_1gb:
        huge = workdir / "1gb.jsonl"
        times = max(1, round(1e9 / bytes_n))
        repeat_file(small, huge, times)
        runs["2 workers (-j 2), 1 GB"] = clean_dump("1gb", huge, times * docs_n, times * bytes_n, 2, workdir)
        huge.unlink()
    head = (f"{'run':24} {'docs':>9} {'MB':>7} {'wall s':>8} {'MB/s':>7} {'CPU s':>8} {'MB/CPU-s':>9} "
            f"{'tree RSS MB':>12} {'max proc MB':>12}")
    print(head + "\n" + "-" * len(head))
    for label, r in runs.items():
        print(f"{label:24} {r.docs:9} {r.content_mb:7.0f} {r.seconds:8.1f} {r.mb_per_s:7.2f} {r.cpu_seconds:8.1f} "
              f"{r.mb_per_cpu_s:9.2f} {r.tree_peak_mb:12.0f} {r.process_peak_mb:12.0f}")
    return runs


def targets(peers: dict[str, dict], runs: dict[str, RunResult], library: dict[str, float]) -> None:
    """The throughput targets (the compiled-core issue's for one core; the scale issue's
    for the CLI runs), met or not."""
    print("\n## targets")
    rows = []
    pps = {n: r.get("pages_per_s") for n, r in peers.items() if "error" not in r}
    if pps.get("cleaner") and pps.get("resiliparse"):
        ratio = pps["cleaner"] / pps["resiliparse"]
        rows.append(("HTML one core >= 0.5x resiliparse pages/s", f"{ratio:.2f}x", ratio >= 0.5))
    if pps.get("cleaner") and pps.get("trafilatura"):
        ratio = pps["cleaner"] / pps["trafilatura"]
        rows.append(("HTML one core >= 30x trafilatura pages/s", f"{ratio:.1f}x", ratio >= 30))
    if "plain text" in library:
        rate = library["plain text"]
        rows.append(("text dumps, Cleaner.clean one core >= 25 MB/s", f"{rate:.2f} MB/s", rate >= 25))
    if "floor" in library:
        ratio = library["plain text"] / library["floor"]
        rows.append(("text dumps, Cleaner.clean >= 0.5x the lines+RE2 floor", f"{ratio:.2f}x", ratio >= 0.5))
    if runs:
        one = runs["one core (-j 0), 4N"]
        rows.append(("text dumps one core >= 30 MB/s (wall)", f"{one.mb_per_s:.2f} MB/s", one.mb_per_s >= 30))
        if "all dumps" in library:  # the same mix of documents, in process against the CLI's whole run
            ratio = library["all dumps"] / one.mb_per_s
            rows.append(("CLI end to end (-j 0, 4N) within 1.5x of the library", f"{ratio:.2f}x", ratio <= 1.5))
        big, small = runs["2 workers (-j 2), 4N"], runs["2 workers (-j 2), N"]
        ratio = big.seconds / small.seconds
        rows.append(("4N within 4.4x of N (wall time)", f"{ratio:.2f}x", ratio <= 4.4))
        ratio = big.cpu_seconds / small.cpu_seconds
        rows.append(("4N within 4.4x of N (CPU time of the tree)", f"{ratio:.2f}x", ratio <= 4.4))
        speedup = runs["1 worker (-j 1), 4N"].seconds / runs["2 workers (-j 2), 4N"].seconds
        rows.append(("2 workers >= 1.7x one worker", f"{speedup:.2f}x", speedup >= 1.7))
        huge = runs.get("2 workers (-j 2), 1 GB")
        if huge:
            rows.append(("peak RSS for 1 GB JSONL < 500 MB (process tree)", f"{huge.tree_peak_mb:.0f} MB",
                         huge.tree_peak_mb < 500))
    for name, value, ok in rows:
        print(f"{'MET   ' if ok else 'MISSED'} {name:50} {value}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="short timings and 20 MB dumps")
    ap.add_argument("--seconds", type=float, default=None, help="minimum timed seconds per peer (default 3)")
    ap.add_argument("--rounds", type=int, default=None, help="runs of each peer, in turn (default 3; --quick 1)")
    ap.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="HTML corpora (default ko-news)")
    ap.add_argument("--peers", default=",".join(PEERS), help="comma-separated extractors")
    ap.add_argument("--dump-mb", type=float, default=None, help="size of the 4N text dump (default 200)")
    ap.add_argument("--rss-1gb", action="store_true", help="also clean a 1 GB JSONL and report peak memory")
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--skip-dumps", action="store_true")
    args = ap.parse_args(argv)
    seconds = args.seconds or (1.0 if args.quick else 3.0)
    rounds = args.rounds or (1 if args.quick else 3)
    dump_mb = args.dump_mb or (20.0 if args.quick else 200.0)
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print("cleaner's steps: " + ", ".join(f"{step} {state}" for step, state in accel.steps().items()))
    peers: dict[str, dict] = {}
    if not args.skip_peers:
        for key in args.corpus or ["ko-news"]:
            result = peers_table(key, seconds, [p for p in args.peers.split(",") if p], rounds)
            peers = peers or result  # targets use the first corpus
    text_quality()
    library = library_rates()
    runs: dict[str, RunResult] = {}
    if not args.skip_dumps:
        with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
            runs = dump_runs(dump_mb, args.rss_1gb, Path(tmp))
    targets(peers, runs, library)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
