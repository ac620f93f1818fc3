"""Score cleaner on any set with gold in the GOLD.md format and print a table.

    python -m bench.quality                       # the seeds: ../shared/seeds + seeds/gold
    python -m bench.quality --inputs DIR --gold DIR [--no-site-packs] [--details]
    python -m bench.quality --dumps [--details]   # whole-page dumps of the ko-news gold articles

The same scoring is available as ``cleaner score``.

``--dumps``: every ko-news gold article that is a full page (42), as a naive
scraper saves it (``../shared/tools/textify.py``, loaded at run time: menus,
rankings and footers, one text block a line, no URL), scored with the page's
gold beside the HTML path, in one table: the cleaner's text path with and
without site packs, "keep everything" (the dump as it is), and the cleaner on
the HTML page itself (with its URL).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cleaner import Cleaner
from cleaner.score import Pooled, format_table, input_for, load_gold, score_document

from .corpus import SEEDS, gold_page_dumps


def evaluate(inputs: Path, gold_dir: Path, cleaner: Cleaner) -> Pooled:
    docs = []
    for name, gold in load_gold(gold_dir):
        path = input_for(name, gold, inputs)
        record = cleaner.clean(path.read_bytes(), url=gold.get("url"), doc_id=name).to_dict()
        docs.append(score_document(name, record, gold))
    return Pooled(docs)


def evaluate_dumps() -> dict[str, Pooled]:
    """The dump table's rows: label → pooled scores over the gold pages' dumps."""
    pages = gold_page_dumps()
    with_packs, generic = Cleaner(), Cleaner(site_packs=False)
    runs = {
        "text path (site packs)": lambda p: with_packs.clean(p.dump, doc_id=p.name).to_dict(),
        "text path (generic)": lambda p: generic.clean(p.dump, doc_id=p.name).to_dict(),
        "keep everything": lambda p: {"text": p.dump},
        "HTML path (site packs)": lambda p: with_packs.clean(p.html, url=p.url, doc_id=p.name).to_dict(),
    }
    return {label: Pooled([score_document(p.name, run(p), p.gold) for p in pages]) for label, run in runs.items()}


def format_dumps(rows: dict[str, Pooled]) -> str:
    """One row per run: pooled P/R/F1, leaked boilerplate and lost paragraphs (count
    and share), metadata accuracy."""
    first = next(iter(rows.values()))
    head = (f"{'dumps of ' + str(len(first.docs)) + ' gold articles':26} {'P':>6} {'R':>6} {'F1':>6} "
            f"{'leaked':>16} {'lost':>12}  {'title':>5} {'press':>5} {'report':>6}")
    lines = [head, "-" * len(head)]
    for label, pooled in rows.items():
        leaked, boiler = sum(len(d.leaked) for d in pooled.docs), sum(d.boilerplate for d in pooled.docs)
        lost, paragraphs = sum(len(d.lost) for d in pooled.docs), sum(d.paragraphs for d in pooled.docs)
        meta = " ".join(f"{pooled.meta_accuracy(k) or 0:5.2f}" for k in ("title", "press", "reporters"))
        lines.append(f"{label:26} {pooled.precision:6.3f} {pooled.recall:6.3f} {pooled.f1:6.3f} "
                     f"{leaked:>5}/{boiler:<4} {pooled.leaked_share:5.1%} {lost:>3}/{paragraphs:<3} "
                     f"{pooled.lost_share:4.1%}  {meta}")
    return "\n".join(lines)


def _print_details(pooled: Pooled) -> None:
    for d in pooled.docs:
        for text in d.leaked:
            print(f"LEAKED {d.name}: {text[:90]}")
        for text in d.lost:
            print(f"LOST   {d.name}: {text[:90]}")
        for k, ok in d.meta_ok.items():
            if not ok:
                print(f"META   {d.name}: {k} = {d.meta_got[k]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", type=Path, default=SEEDS)
    ap.add_argument("--gold", type=Path, default=None, help="default: INPUTS/gold")
    ap.add_argument("--no-site-packs", action="store_true", help="generic rules and heuristic only")
    ap.add_argument("--details", action="store_true", help="list leaked and lost lines")
    ap.add_argument("--dumps", action="store_true", help="whole-page dumps of the ko-news gold articles")
    args = ap.parse_args(argv)
    if args.dumps:
        rows = evaluate_dumps()
        print(format_dumps(rows))
        if args.details:
            _print_details(next(iter(rows.values())))
        return 0
    gold = args.gold or args.inputs / "gold"
    pooled = evaluate(args.inputs, gold, Cleaner(site_packs=not args.no_site_packs))
    label = "generic only" if args.no_site_packs else "with site packs"
    print(format_table(pooled, label))
    if args.details:
        _print_details(pooled)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
