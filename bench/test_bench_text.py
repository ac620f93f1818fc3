"""Microbenchmarks of the text hot path (run: pytest bench --benchmark-enable)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.decode import decode_bytes
from cleaner.pipeline import looks_like_html

from .corpus import KO_NEWS, text_docs

DOCS = dict(text_docs())


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    engine = Cleaner()
    for text in DOCS.values():  # warm: rule books compiled, profiles loaded
        engine.clean(text)
    return engine


def test_clean_typical_text_dump(benchmark, cleaner: Cleaner) -> None:
    text = DOCS["000_8be511db6ff8feec"]
    article = benchmark(cleaner.clean, text)
    assert article.text and article.kind == "article"


def test_clean_all_plain_text_dumps(benchmark, cleaner: Cleaner) -> None:
    texts = [t for t in DOCS.values() if not looks_like_html(t)]
    benchmark.extra_info["bytes"] = sum(len(t.encode()) for t in texts)
    out = benchmark(lambda: [cleaner.clean(t).text for t in texts])
    assert len(out) == len(texts) and sum(map(bool, out)) >= len(texts) - 2


def test_clean_large_html_table_dump(benchmark, cleaner: Cleaner) -> None:
    text = DOCS["naver__08"]  # 0.8 MB crawler export: an HTML table of articles
    article = benchmark.pedantic(cleaner.clean, args=(text,), rounds=3, iterations=1)
    assert article.text


@pytest.mark.parametrize("page,codec", [("mk__01.html", "utf-8"), ("naver__04.html", "cp949")])
def test_decode_page_bytes(benchmark, page: str, codec: str) -> None:
    path = KO_NEWS / "html" / page
    if not path.is_file():
        pytest.skip(f"{page} not in the corpus")
    text, used = benchmark(decode_bytes, path.read_bytes())
    assert text and used == codec


# the line features (cleaner._features) and their Python twin, on every line of the plain-text dumps
@pytest.fixture(scope="module")
def dump_keys() -> list[str]:
    from cleaner.normalize import match_key

    return [match_key(line) for t in DOCS.values() if not looks_like_html(t) for line in t.split("\n") if line.strip()]


def test_match_key_compiled(benchmark) -> None:
    from cleaner import normalize, scan

    if not scan.key_folds():
        pytest.skip("cleaner._scan is not built here")
    texts = list(DOCS.values())
    keys = benchmark(lambda: list(map(normalize.match_key, texts)))
    assert keys == list(map(normalize._folded_key, (normalize._plain_folded(t.replace("ⓒ", "©")) for t in texts)))


def test_match_key_python(benchmark) -> None:
    from cleaner import accel, normalize

    texts = list(DOCS.values())
    with accel.pure():
        keys = benchmark(lambda: list(map(normalize.match_key, texts)))
    assert len(keys) == len(texts) and all(k == k.lower() for k in keys)


def test_shapes_compiled(benchmark, dump_keys: list[str]) -> None:
    from cleaner import heuristic

    if heuristic._features is None:
        pytest.skip("cleaner._features is not built here")
    shapes = benchmark(heuristic.shapes, dump_keys)
    assert shapes == list(map(heuristic.shape_python, dump_keys))


def test_shapes_python(benchmark, dump_keys: list[str]) -> None:
    from cleaner import heuristic

    shapes = benchmark(lambda: list(map(heuristic.shape_python, dump_keys)))
    assert len(shapes) == len(dump_keys) and any(s[2] for s in shapes)


def test_menu_bar_compiled(benchmark, dump_keys: list[str]) -> None:
    from cleaner import heuristic

    if heuristic._features is None:
        pytest.skip("cleaner._features is not built here")
    bars = benchmark(lambda: list(map(heuristic._menu_bar, dump_keys)))
    assert bars == list(map(heuristic.menu_bar_python, dump_keys))


def test_menu_bar_python(benchmark, dump_keys: list[str]) -> None:
    from cleaner import heuristic

    bars = benchmark(lambda: list(map(heuristic.menu_bar_python, dump_keys)))
    assert len(bars) == len(dump_keys)


def test_turn_openings_compiled(benchmark, dump_keys: list[str]) -> None:
    from cleaner import speech

    if speech._compiled is None:
        pytest.skip("cleaner._speech is not built here")
    opens = benchmark(speech.may_open_turns, dump_keys)
    assert opens == speech.may_open_turns_python(dump_keys)


def test_turn_openings_python(benchmark, dump_keys: list[str]) -> None:
    from cleaner import speech

    opens = benchmark(speech.may_open_turns_python, dump_keys)
    assert len(opens) == len(dump_keys) and not all(opens)


def test_rule_candidates_of_every_dump_line(benchmark, cleaner: Cleaner, dump_keys: list[str]) -> None:
    """The rule screen of the hot path: both RE2 sets of the common rules on each line."""
    book = cleaner._book(None)[0]
    found = benchmark(lambda: [book.candidates(k) for k in dump_keys])
    assert any(lines or cuts for lines, cuts in found)


# the segment pieces (cleaner._segment) and their Python twin, on the long or oddly spaced dump lines
@pytest.fixture(scope="module")
def cut_lines() -> list[str]:
    from cleaner import segment
    from cleaner.normalize import match_key

    lines = [line for t in DOCS.values() if not looks_like_html(t) for line in t.split("\n")]
    cut = [line for line, flag in zip(lines, segment.to_cut_python(lines)) if flag]
    return cut + [match_key(line) for line in cut]  # segment_text cuts each line and its key


def test_pieces_compiled(benchmark, cut_lines: list[str]) -> None:
    from cleaner import segment

    if segment._compiled is None:
        pytest.skip("cleaner._segment is not built here")
    compiled = segment._compiled
    out = benchmark(lambda: [compiled.pieces(line, segment.LONG_LINE, segment._MAX_BLOCK) for line in cut_lines])
    assert out == [segment.pieces_python(line) for line in cut_lines]


def test_pieces_python(benchmark, cut_lines: list[str]) -> None:
    from cleaner import segment

    out = benchmark(lambda: [segment.pieces_python(line) for line in cut_lines])
    assert sum(map(len, out)) > len(cut_lines)  # long lines are cut into several pieces


# the Hangul count of the language step (cleaner._lang) and its Python twin, on each dump's sample
@pytest.fixture(scope="module")
def samples() -> list[str]:
    from cleaner.lang import SAMPLE_CHARS

    return [t[:SAMPLE_CHARS] for t in DOCS.values() if not looks_like_html(t)]


def test_hangul_count_compiled(benchmark, samples: list[str]) -> None:
    from cleaner import lang

    if lang._compiled is None:
        pytest.skip("cleaner._lang is not built here")
    counts = benchmark(lambda: [lang._compiled.hangul(s) for s in samples])
    assert counts == [lang.hangul_python(s) for s in samples]


def test_hangul_count_python(benchmark, samples: list[str]) -> None:
    from cleaner import lang

    counts = benchmark(lambda: [lang.hangul_python(s) for s in samples])
    assert all(counts)


# the byline grammar on short lines of a page's head and tail (uncached: a new page's lines are new)
BYLINE_LINES = ["홍길동 기자 hong@hani.co.kr", "입력 2025.02.04 15:31", "이메일로 기사공유", "디자이너 김은경",
                "아시아/호주 | 세계 | 연합뉴스", "By Kim Ha-eun", "‘1인당 최대 20만원’ 지원금 신청하세요"] * 20


def test_byline_names_uncached(benchmark) -> None:
    from cleaner.byline import _names_in

    out = benchmark(lambda: [_names_in.__wrapped__(line) for line in BYLINE_LINES])
    assert ("홍길동",) in out and ("김은경",) in out
