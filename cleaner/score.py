"""Scoring against gold files in the format of ``shared/GOLD.md``.

* precision / recall / F1 over character bigrams of the body with all white
  space removed (fair to Korean without a tokenizer);
* leaked: gold boilerplate lines (or HTML boilerplate blocks) of which half or
  more is present in the output body, beyond what the expected body itself
  contains (a photo caption that repeats a body sentence is not a leak when
  only the body sentence is output);
* lost: expected body paragraphs of which less than half is present;
* metadata: exact match of title, press and reporters after white-space
  normalisation.

"Present" is measured by character coverage: a position of a gold line counts
as present when a run of ``PRESENCE_NGRAM`` characters through it also occurs
in the output (lines shorter than that must occur whole).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PRESENCE_NGRAM = 4
PRESENT_SHARE = 0.5
META_FIELDS = ("title", "press", "reporters")
NOT_BOILERPLATE = frozenset({"body", "heading", "ignore"})


def squash(text: str) -> str:
    return "".join(text.split())


def bigrams(text: str) -> Counter[str]:
    s = squash(text)
    return Counter(s[i:i + 2] for i in range(len(s) - 1))


def ngram_set(text: str, n: int = PRESENCE_NGRAM) -> set[str]:
    s = squash(text)
    return {s[i:i + n] for i in range(len(s) - n + 1)}


def presence(line: str, output: str, grams: set[str] | None = None) -> float:
    """Share of ``line``'s characters found in ``output`` (see module docstring)."""
    s = squash(line)
    if not s:
        return 1.0
    n = PRESENCE_NGRAM
    if len(s) < n:
        return 1.0 if s in squash(output) else 0.0
    grams = ngram_set(output) if grams is None else grams
    covered = [False] * len(s)
    for i in range(len(s) - n + 1):
        if s[i:i + n] in grams:
            covered[i:i + n] = [True] * n
    return sum(covered) / len(s)


@dataclass
class DocScore:
    name: str
    overlap: int = 0  # bigrams in common
    predicted: int = 0  # bigrams in output
    expected: int = 0  # bigrams in gold body
    boilerplate: int = 0
    leaked: list[str] = field(default_factory=list)
    paragraphs: int = 0
    lost: list[str] = field(default_factory=list)
    meta_ok: dict[str, bool] = field(default_factory=dict)
    meta_got: dict[str, Any] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.overlap / self.predicted if self.predicted else float(not self.expected)

    @property
    def recall(self) -> float:
        return self.overlap / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def boilerplate_texts(gold: dict[str, Any]) -> list[str]:
    """Gold's non-body texts: labelled lines (text gold) or ``boilerplate`` (HTML gold)."""
    if "lines" in gold:
        return [ln["text"] for ln in gold["lines"] if ln["label"] not in NOT_BOILERPLATE]
    return list(gold.get("boilerplate", []))


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, list):
        return [" ".join(str(v).split()) for v in value]
    return value


def score_document(name: str, record: dict[str, Any], gold: dict[str, Any]) -> DocScore:
    """Score one output record (``Article.to_dict()``) against one gold file."""
    text = record.get("text") or ""
    body = gold.get("body", [])
    pred, exp = bigrams(text), bigrams("".join(body))
    doc = DocScore(name, sum((pred & exp).values()), sum(pred.values()), sum(exp.values()))
    grams, gold_grams = ngram_set(text), ngram_set("\n".join(body))
    boiler = boilerplate_texts(gold)
    doc.boilerplate = len(boiler)
    doc.leaked = [b for b in boiler
                  if presence(b, text, grams) - presence(b, "", gold_grams) >= PRESENT_SHARE]
    doc.paragraphs = len(body)
    doc.lost = [p for p in body if presence(p, text, grams) < PRESENT_SHARE]
    for key in META_FIELDS:
        if key in gold:
            got = record.get(key)
            doc.meta_got[key] = got
            doc.meta_ok[key] = _norm(got) == _norm(gold[key]) or (not got and not gold[key])
    return doc


@dataclass
class Pooled:
    docs: list[DocScore]

    def _sum(self, attr: str) -> int:
        return sum(getattr(d, attr) for d in self.docs)

    @property
    def precision(self) -> float:
        return self._sum("overlap") / max(1, self._sum("predicted"))

    @property
    def recall(self) -> float:
        return self._sum("overlap") / max(1, self._sum("expected"))

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def leaked_share(self) -> float:
        return sum(len(d.leaked) for d in self.docs) / max(1, self._sum("boilerplate"))

    @property
    def lost_share(self) -> float:
        return sum(len(d.lost) for d in self.docs) / max(1, self._sum("paragraphs"))

    def meta_accuracy(self, key: str) -> float | None:
        marks = [d.meta_ok[key] for d in self.docs if key in d.meta_ok]
        return sum(marks) / len(marks) if marks else None


def load_gold(gold_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    return [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(gold_dir.glob("*.json"))]


def input_for(gold_name: str, gold: dict[str, Any], inputs: Path) -> Path:
    """The input document of a gold file: its ``file`` field, else NAME.html / NAME.txt."""
    if gold.get("file"):
        return inputs / gold["file"]
    for suffix in (".html", ".htm", ".txt"):
        if (inputs / f"{gold_name}{suffix}").is_file():
            return inputs / f"{gold_name}{suffix}"
    raise FileNotFoundError(f"no input for gold {gold_name} in {inputs}")


def format_table(pooled: Pooled, label: str = "cleaner") -> str:
    """A plain-text table: one row per document, then the pooled row."""
    head = f"{'document':32} {'P':>6} {'R':>6} {'F1':>6} {'leaked':>9} {'lost':>9}  metadata"
    rows = [head, "-" * len(head)]
    for d in pooled.docs:
        meta = " ".join(f"{k}={'ok' if v else 'X'}" for k, v in d.meta_ok.items())
        rows.append(f"{d.name[:32]:32} {d.precision:6.3f} {d.recall:6.3f} {d.f1:6.3f} "
                    f"{len(d.leaked):>4}/{d.boilerplate:<4} {len(d.lost):>4}/{d.paragraphs:<4}  {meta}")
    rows.append("-" * len(head))
    meta = " ".join(f"{k}={acc:.2f}" for k in META_FIELDS
                    if (acc := pooled.meta_accuracy(k)) is not None)
    rows.append(f"{'POOLED ' + label:32} {pooled.precision:6.3f} {pooled.recall:6.3f} {pooled.f1:6.3f} "
                f"{pooled.leaked_share:>9.1%} {pooled.lost_share:>9.1%}  {meta}")
    return "\n".join(rows)
