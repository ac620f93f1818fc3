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

    def write(self, payload, position=None) -> None:  # noqa: ANN001, ARG002
        self.items.append(payload)


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSONL file the CLI wrote."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody "
    "td th thead tfoot tr ul select option button caption".split())
_SKIP_TAGS = frozenset("script style noscript template svg iframe head object canvas textarea".split())


def simple_html_lines(html: str) -> list[str]:
    """A page's text blocks by a plain DOM walk (text between block-level tags,
    scripts and styles skipped): lines for tests that must not move when the HTML
    path's segmentation does."""
    from selectolax.lexbor import LexborHTMLParser

    out: list[str] = []
    buf: list[str] = []
    stack = [(LexborHTMLParser(html).root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving or node.tag in _BLOCK_TAGS:
            _flush(buf, out)
            if leaving:
                continue
            stack.append((node, True))
        if node.tag == "-text":
            buf.append(node.text_content or "")
            continue
        if node.tag in _SKIP_TAGS or node.tag.startswith(("-", "_", "!")):
            continue
        stack.extend((kid, False) for kid in reversed(list(node.iter(include_text=True))))
    _flush(buf, out)
    return out


def _flush(buf: list[str], out: list[str]) -> None:
    text = " ".join("".join(buf).split())
    if text:
        out.append(text)
    buf.clear()


def seed_gold() -> list[tuple[str, dict]]:
    return [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted((SEEDS / "gold").glob("*.json"))]


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="session")
def generic() -> Cleaner:
    """Only the common packs and the heuristic: what a site no pack knows gets."""
    return Cleaner(site_packs=False)
