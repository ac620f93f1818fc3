"""cleaner.safety: repeated alternations whose branches can spell one text twice."""

from __future__ import annotations

import time

import pytest
import regex

from cleaner.packs import compile_pattern
from cleaner.safety import ambiguous_repeat, uniquely_decodable


@pytest.mark.parametrize("words,expected", [
    (["a", "aa"], False),  # aa = a·a
    (["ab", "a", "b"], False),  # ab = a·b
    (["a", "a"], False),  # a branch twice
    (["a", ""], False),  # an empty branch
    (["a", "ab"], True),  # a prefix alone is not enough
    (["0", "01", "11"], True),  # a classic code that is not prefix-free
    (["a", "ab", "bb"], True),
    (["ab", "abb", "bab"], False),  # abb·ab = ab·bab
    (["ab", "ba", "aba"], False),  # ab·aba = aba·ba
    (["뉴스", "뉴스1", "1"], False),
])
def test_sardinas_patterson(words, expected):
    assert uniquely_decodable(words) is expected


def test_sardinas_patterson_agrees_with_brute_force():
    from itertools import product

    def ambiguous(words):  # two different factorisations of some text up to 8 letters
        seen = {}
        for k in range(1, 5):
            for combo in product(range(len(words)), repeat=k):
                text = "".join(words[i] for i in combo)
                if len(text) <= 8:
                    if text in seen and seen[text] != combo:
                        return True
                    seen[text] = combo
        return False

    for words in (["a", "ab", "ba"], ["ab", "ba", "aba"], ["a", "ab", "bb"], ["01", "10", "0", "1"],
                  ["aa", "aab", "b"], ["ab", "abb", "bab"]):
        assert uniquely_decodable(words) is not ambiguous(words), words


@pytest.mark.parametrize("pattern", [r"(a|aa)+", r"^(?:ab|a|b)*$", r"(?P<n>가|가나|나)+", r"(x|X)+", r"(\.|\.\.)+"])
def test_ambiguous_repeats_found(pattern):
    assert ambiguous_repeat(pattern)


@pytest.mark.parametrize("pattern", [
    r"(a|ab)+", r"(?:\.\w+)+", r"([a-z]|a)+", r"(a|aa){2,3}", r"\(a|aa\)+", r"(?=a|aa)",
    r"^(?:사진|자료|그래픽)\s*=", r"(?:기자|특파원)+",
])
def test_unambiguous_or_unjudged_patterns_pass(pattern):
    assert ambiguous_repeat(pattern) is None


def test_refused_shapes_really_are_slow():
    """The shape refused on load backtracks exponentially in the regex engine."""
    started = time.perf_counter()
    with pytest.raises(TimeoutError):
        regex.compile(r"^(a|aa)+$").search("a" * 60 + "b", timeout=0.2)
    assert time.perf_counter() - started < 2


def test_compile_pattern_message(tmp_path):
    with pytest.raises(ValueError) as err:
        compile_pattern(r"(a|aa)+", tmp_path / "x.toml", "rule[3] (id 'r').pattern")
    assert str(err.value).startswith(f"{tmp_path / 'x.toml'}: rule[3] (id 'r').pattern: repeated alternation (a|aa)+")
