"""Score cleaner on any set with gold in the GOLD.md format and print a table.

    python -m bench.quality                       # the seeds: ../shared/seeds + seeds/gold
    python -m bench.quality --inputs DIR --gold DIR [--no-site-packs] [--details]

The same scoring is available as ``cleaner score``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cleaner import Cleaner
from cleaner.score import Pooled, format_table, input_for, load_gold, score_document

from .corpus import SEEDS


def evaluate(inputs: Path, gold_dir: Path, cleaner: Cleaner) -> Pooled:
    docs = []
    for name, gold in load_gold(gold_dir):
        path = input_for(name, gold, inputs)
        record = cleaner.clean(path.read_bytes(), url=gold.get("url"), doc_id=name).to_dict()
        docs.append(score_document(name, record, gold))
    return Pooled(docs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", type=Path, default=SEEDS)
    ap.add_argument("--gold", type=Path, default=None, help="default: INPUTS/gold")
    ap.add_argument("--no-site-packs", action="store_true", help="generic rules and heuristic only")
    ap.add_argument("--details", action="store_true", help="list leaked and lost lines")
    args = ap.parse_args(argv)
    gold = args.gold or args.inputs / "gold"
    pooled = evaluate(args.inputs, gold, Cleaner(site_packs=not args.no_site_packs))
    label = "generic only" if args.no_site_packs else "with site packs"
    print(format_table(pooled, label))
    if args.details:
        for d in pooled.docs:
            for text in d.leaked:
                print(f"LEAKED {d.name}: {text[:90]}")
            for text in d.lost:
                print(f"LOST   {d.name}: {text[:90]}")
            for k, ok in d.meta_ok.items():
                if not ok:
                    print(f"META   {d.name}: {k} = {d.meta_got[k]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
