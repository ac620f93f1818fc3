"""The shortcuts of metadata assembly read as the plain readings they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import byline
from cleaner.press import _SQUASH, _WORD_AFTER, _rest_after, registry
from cleaner.normalize import match_key


def _leading_by_every_name(text: str) -> str | None:
    """Registry.leading trying every registered name, longest first."""
    reg = registry()
    key = match_key(text).lstrip(" @")
    squashed = _SQUASH.sub("", key)
    for name in sorted(reg._keys, key=len, reverse=True):
        if squashed.startswith(name):
            rest = _rest_after(key, name)
            if rest is not None and not _WORD_AFTER.match(rest):
                return reg._keys[name]
    return None


_SPELLINGS = sorted({s for o in registry().outlets for s in (o.name, *o.aliases)})


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_SPELLINGS), st.sampled_from(["", " ", "  ", "@", "·"]),
       st.sampled_from(["", " 무단전재 금지", "대", " All rights reserved", "=대전, 홍길동 기자]", "TV"]))
def test_leading_looks_only_at_names_with_the_texts_first_letter(name: str, before: str, after: str) -> None:
    text = before + name + after
    assert registry().leading(text) == _leading_by_every_name(text)


def test_leading_finds_nothing_in_an_empty_text() -> None:
    assert registry().leading("") is None and registry().leading(" @ ") is None


def test_names_in_hands_out_a_list_of_its_own() -> None:
    names = byline.names_in("박성민 기자, 이권효 기자")
    assert names == ["박성민", "이권효"]
    names.append("홍길동")
    assert byline.names_in("박성민 기자, 이권효 기자") == ["박성민", "이권효"]
