"""Rule steps: apply the packs to the blocks.

Order: whole-line rules (site pack before the common packs, first match wins);
for a line none decides, cuts (a dateline byline or a trailing e-mail is cut
off a body paragraph and recorded) and the line rules once more on what is
left; then regions (a start line, an end line, and what
lies between).  A block a rule decides keeps the rule id as its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .model import Block, Removed, action_for
from .normalize import lines_with, match_key, text_offset
from .packs import EDGE_PUNCT, FIELDS, Pack, Rule, safe_match, timed_search
from .rulebook import BookChain, line_screen
from .vocab import is_sentence



CHECK_EVERY = 256  # blocks between two looks at the clock


def apply_packs(blocks: list[Block], book: BookChain, packs: list[Pack], removed: list[Removed],
                check: Callable[[str], None] = lambda step: None) -> None:
    """Decide what the rules of ``book`` (compiled from ``packs``) decide; ``check``
    is called now and then and may raise to stop a document that runs too long."""
    for at in range(0, len(blocks), CHECK_EVERY):
        check("applying rules")
        todo = [block for block in blocks[at:at + CHECK_EVERY] if not block.kind]  # else decided by the DOM
        for block, (lines, cuts) in zip(todo, book.screen([block.key for block in todo])):
            if lines:
                _apply_lines(block, lines)  # a whole-line rule wins over a cut
            if not block.kind and cuts and _apply_cuts(block, cuts, removed) and block.text:
                _apply_lines(block, book.candidates(block.key)[0])
    if any(pack.regions for pack in packs):
        lines = _joined_keys(blocks)
        for pack in packs:
            _apply_regions(blocks, pack, lines)


def _apply_cuts(block: Block, cuts: Sequence[Rule], removed: list[Removed]) -> bool:
    """Cut bylines and the like off the ends of a line; True when anything was cut."""
    cut_any = False
    for rule in cuts:
        m = safe_match(rule, block.key)
        if not m or m.end() == m.start():
            continue
        if rule.scope == "prefix" and m.start() == 0 and m.end() < len(block.key):
            at = _offset(block, m.end())
            cut, rest = block.text[:at], block.text[at:]
        elif rule.scope == "suffix" and m.end() == len(block.key) and m.start() > 0:
            at = _offset(block, m.start())
            cut, rest = block.text[at:], block.text[:at]
        else:
            continue
        if not cut.strip():
            continue  # the span does not map back onto the text: leave the line whole
        _capture(block, m)
        removed.append(Removed(block.n, cut.strip(), rule.kind, rule.id, action_for(rule.kind)))
        block.text = rest.strip()
        block.key = match_key(block.text)
        cut_any = True
    return cut_any


def _offset(block: Block, key_offset: int) -> int:
    if len(block.text) == len(block.key):
        return key_offset
    at = text_offset(block.text, key_offset)
    return 0 if at is None else at


def _apply_lines(block: Block, rules: Sequence[Rule]) -> None:
    sentence = None
    for rule in rules:
        if rule.unless_sentence:
            if sentence is None:
                sentence = is_sentence(block.key)
            if sentence:
                continue
        m = safe_match(rule, block.key)
        if m:
            if m is not True:
                _capture(block, m)
            if rule.field:
                line = block.text.strip(EDGE_PUNCT)
                block.fields[rule.field] = rule.values.get(block.key.strip(EDGE_PUNCT), line)
            block.decide(rule.kind, rule.id)
            return


def _joined_keys(blocks: list[Block]) -> bytes | None:
    """The blocks' keys as one text, a line each, in UTF-8 (None when a key holds a
    line break: its lines could not be told apart)."""
    data = "\n".join(block.key for block in blocks).encode("utf-8", "surrogatepass")
    return data if data.count(b"\n") == len(blocks) - 1 else None


def _apply_regions(blocks: list[Block], pack: Pack, lines: bytes | None = None) -> None:
    """Each region of ``pack``: from a line its start matches to the next line its end
    matches (within ``max_lines``).  Its start pattern is tried on the lines an RE2 scan
    of ``lines`` (:func:`_joined_keys`) says it may match, or on every line."""
    for region in pack.regions:
        screen = line_screen(region.start.pattern) if lines is not None else None
        starts = range(len(blocks)) if screen is None else lines_with(screen, lines)
        after = 0  # lines before this one are inside a region found already
        for i in starts:
            if i < after:
                continue
            if timed_search(region.start, blocks[i].key):
                i = _fill_region(blocks, i + 1, region)
            after = i + 1


def _fill_region(blocks: list[Block], start: int, region) -> int:  # noqa: ANN001
    stop = min(len(blocks), start + region.max_lines)
    for j in range(start, stop):
        if timed_search(region.end, blocks[j].key):
            for block in blocks[start:j]:
                if not block.kind:
                    block.decide(region.kind, region.id)
            return j
    return start - 1  # no end found: the region does not apply


def _capture(block: Block, m) -> None:  # noqa: ANN001 - regex match
    """Keep named groups (press, reporter, email, …) as metadata, in original spelling."""
    for name, value in m.groupdict().items():
        if name in FIELDS and value:
            a, b = (_offset(block, i) for i in m.span(name))
            block.fields[name] = (block.text[a:b] if b > a else value).strip()
