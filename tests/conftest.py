"""Shared test fixtures: the ../shared data beside the project, one Cleaner per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
KO_NEWS = SHARED / "corpus" / "ko-news"
SEED_DUMPS = sorted(SEEDS.glob("*.txt"))  # the five seed text dumps


class ListWriter:
    """A sink for the runner that keeps what it is given (records or rejects)."""

    def __init__(self) -> None:
        self.items: list = []

    def write(self, payload) -> None:  # noqa: ANN001
        self.items.append(payload)


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSONL file the CLI wrote."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def seed_gold() -> list[tuple[str, dict]]:
    return [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted((SEEDS / "gold").glob("*.json"))]


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="session")
def generic() -> Cleaner:
    """Only the common packs and the heuristic: what a site no pack knows gets."""
    return Cleaner(site_packs=False)
