"""Rule packs: TOML data files, validated on load.

A pack describes a site's boilerplate (or, for ``kind = "common"``, boilerplate
shared by many Korean sites).  It never runs code: patterns are regular
expressions run by the ``regex`` engine with a time limit, and patterns with
nested quantifiers, the usual cause of catastrophic backtracking, are refused
on load.  Every error names the file and the field.

The format is documented in ``rules/README.md``.
"""

from __future__ import annotations

import dataclasses  # Rule has a member named field
import re as stdre
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .html.pack import validate_html_table
from .model import KINDS
from .normalize import compact_key, match_key
from .press import REGISTRY_FILE, read_toml, registry as press_registry
from .safety import unsafe

def _bundled_rules() -> Path:
    """rules/ beside the package in a checkout, cleaner/_rules in an installed wheel."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "rules"
    return checkout if (checkout / "common.toml").is_file() else here / "_rules"


RULES_DIR = _bundled_rules()


def with_bundled(rules: list[Path] | None) -> list[Path] | None:
    """The bundled ``rules/`` folder and the user's extra pack files or folders
    (None when there are none: the loader then takes the bundled packs alone)."""
    return [RULES_DIR, *rules] if rules else None


MATCH_TIMEOUT = 0.05  # seconds of its thread's CPU one pattern may spend on one line
SCHEDULING_RETRIES = 3  # a limit hit while the thread waited for a core is tried again, longer
CPU_SHARE = 0.5  # … unless the thread itself spent at least this share of the limit
MAX_PATTERN_CHARS = 2000
MAX_RULES = 1000
# Each term enters the pack combination's RE2 set as a pattern that allows separators
# between its letters, which costs by the letter: 100 terms of 8 letters beside the bundled
# packs take ~1.5 s to compile, 100 of 12 exceed the set's memory (rulebook.RE2_MAX_MEM)
MAX_PACK_TERMS = 100  # terms in all the rules of one pack …
MAX_PACK_TERM_CHARS = 800  # … and their letters
MAX_LINES = 10_000  # entries of one `lines` rule (a hash table: cheap, but bounded)
MAX_TERM_CHARS = 100
SCOPES = ("line", "prefix", "suffix")
FIELDS = ("press", "reporter", "email", "section", "date")  # metadata a rule may capture
LEADS = ("title", "subtitles")
EDGE_PUNCT = " .:·|[]()<>-_/*•"
_ID = stdre.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_DATE = stdre.compile(r"^\d{4}-\d{2}-\d{2}$")

PACK_KEYS = {"id", "name", "version", "kind", "domains", "fingerprints", "min_fingerprints",
             "press", "lead", "description", "priority", "press_registry"}
RULE_KEYS = {"id", "kind", "pattern", "terms", "lines", "field", "min_hits", "scope", "max_chars",
             "unless_sentence", "note"}
REGION_KEYS = {"id", "kind", "start", "end", "max_lines", "note"}
FIXTURE_KEYS = {"path", "url", "title", "press", "reporters", "section", "kind",
                "must_contain", "must_not_contain", "note"}
TOP_KEYS = {"pack", "rule", "region", "fixture", "html"}


class PackError(ValueError):
    """A rule pack that cannot be used; the message names file and field."""


@dataclass(slots=True)
class Rule:
    id: str  # "pack/rule"
    kind: str
    pattern: Any = None  # compiled regex or None
    terms: tuple[str, ...] = ()
    lines: frozenset[str] = frozenset()
    field: str = ""  # metadata field that receives the whole line (press, section)
    values: dict[str, str] = dataclasses.field(default_factory=dict)  # a line's key → the field's value
    min_hits: int = 1
    scope: str = "line"
    max_chars: int = 0
    unless_sentence: bool = False

    def match(self, key: str) -> Any:
        """Return a regex match, True (terms or lines hit), or None; raises
        TimeoutError when the pattern runs out of time (see :func:`safe_match`)."""
        if self.max_chars and len(key) > self.max_chars:
            return None
        if self.pattern is not None:
            return cpu_timed_search(self.pattern, key)
        if self.lines:
            return True if key.strip(EDGE_PUNCT) in self.lines else None
        compact = compact_key(key)
        hits = sum(compact.count(t) for t in self.terms)
        return True if hits >= self.min_hits else None


@dataclass(slots=True)
class Region:
    id: str
    kind: str
    start: Any
    end: Any
    max_lines: int = 30


@dataclass(slots=True)
class Pack:
    id: str
    name: str
    version: str
    path: Path
    kind: str = "site"  # "site" or "common"
    domains: tuple[str, ...] = ()
    fingerprints: tuple[Any, ...] = ()
    min_fingerprints: int = 1
    press: tuple[str, ...] = ()
    lead: str = "title"
    priority: int = 0  # common packs apply in descending priority
    rules: list[Rule] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    fixtures: list[dict[str, Any]] = field(default_factory=list)
    html: dict[str, Any] = field(default_factory=dict)

    def owns(self, host: str) -> bool:
        return any(host == d or host.endswith("." + d) for d in self.domains)


# ---------------------------------------------------------------- validation
def _fail(path: Path, where: str, msg: str) -> PackError:
    return PackError(f"{path}: {where}: {msg}")


def _get(table: dict, key: str, kind: type, path: Path, where: str, default: Any = None) -> Any:
    if key not in table:
        if default is None:
            raise _fail(path, f"{where}.{key}", "is required")
        return default
    value = table[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise _fail(path, f"{where}.{key}", f"must be {kind.__name__}, got {type(value).__name__}")
    return value


def _strings(table: dict, key: str, path: Path, where: str) -> tuple[str, ...]:
    values = _get(table, key, list, path, where, [])
    if not all(isinstance(v, str) and v for v in values):
        raise _fail(path, f"{where}.{key}", "must be a list of non-empty strings")
    return tuple(values)


def _unknown(table: dict, allowed: set[str], path: Path, where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise _fail(path, where, f"unknown field(s) {', '.join(extra)}")


def compile_pattern(source: str, path: Path, where: str) -> Any:
    """Compile a pack pattern, refusing ones that could backtrack catastrophically."""
    if len(source) > MAX_PATTERN_CHARS:
        raise _fail(path, where, f"pattern longer than {MAX_PATTERN_CHARS} characters")
    refused = unsafe(source)
    if refused:
        raise _fail(path, where, refused)
    try:
        return regex.compile(source, regex.IGNORECASE | regex.V0)
    except regex.error as exc:
        raise _fail(path, where, f"bad regular expression: {exc}") from None


def safe_match(rule: Rule, key: str) -> Any:
    """``rule.match(key)``, where a pattern that runs out of time decides nothing."""
    try:
        return rule.match(key)
    except TimeoutError:
        return None


def timed_search(pattern: Any, text: str, timeout: float = MATCH_TIMEOUT) -> bool:
    """Whether ``pattern`` occurs in ``text``; a search that runs out of time finds nothing."""
    try:
        return cpu_timed_search(pattern, text, timeout) is not None
    except TimeoutError:
        return False


def cpu_timed_search(pattern: Any, text: str, timeout: float = MATCH_TIMEOUT) -> Any:
    """``pattern.search(text)``, raising TimeoutError only when this thread itself spent the time.

    The regex engine's limit is wall-clock time, which also runs while the thread waits
    for a core or the GIL; then whether a rule matched would depend on what else runs
    (one Cleaner shared by threads gave different records for the same document).  A
    limit hit with less than CPU_SHARE of it spent in this thread's CPU time is such a
    wait: the search is run again with a longer limit, so the answer depends on the
    pattern and the text alone.  (The first try is not measured, so the usual search,
    which ends in microseconds, costs no clock reads; a limit hit there is measured on
    the retry.)"""
    try:
        return pattern.search(text, timeout=timeout)  # the usual case: no clock is read at all
    except TimeoutError:
        pass
    for attempt in range(SCHEDULING_RETRIES):  # measured now: was the time this thread's own?
        started = time.thread_time()
        try:
            return pattern.search(text, timeout=timeout * 4 ** attempt)
        except TimeoutError:
            if time.thread_time() - started >= CPU_SHARE * timeout or attempt == SCHEDULING_RETRIES - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _kind(table: dict, path: Path, where: str) -> str:
    kind = _get(table, "kind", str, path, where)
    if kind not in KINDS:
        raise _fail(path, f"{where}.kind", f"{kind!r} is not one of {', '.join(sorted(KINDS))}")
    return kind


def _rule(table: dict, pack_id: str, path: Path, where: str) -> Rule:
    _unknown(table, RULE_KEYS, path, where)
    rid = _get(table, "id", str, path, where)
    if not _ID.match(rid):
        raise _fail(path, f"{where}.id", "use lower-case letters, digits, '.', '_' or '-'")
    has_pattern, terms = "pattern" in table, _strings(table, "terms", path, where)
    lines = _strings(table, "lines", path, where)
    _check_terms(terms, MAX_PACK_TERMS, path, f"{where}.terms")
    _check_terms(lines, MAX_LINES, path, f"{where}.lines")
    if has_pattern + bool(terms) + bool(lines) != 1:
        raise _fail(path, where, "give exactly one of 'pattern', 'terms' or 'lines'")
    scope = _get(table, "scope", str, path, where, "line")
    if scope not in SCOPES or (not has_pattern and scope != "line"):
        raise _fail(path, f"{where}.scope", f"must be one of {SCOPES} ('line' for terms/lines)")
    fld = _get(table, "field", str, path, where, "")
    if fld and fld not in FIELDS:
        raise _fail(path, f"{where}.field", f"must be one of {', '.join(FIELDS)}")
    pattern = None
    if has_pattern:
        pattern = compile_pattern(_get(table, "pattern", str, path, where), path,
                                  f"{where} (id {rid!r}).pattern")
    return Rule(
        id=f"{pack_id}/{rid}", kind=_kind(table, path, where), pattern=pattern,
        terms=tuple(compact_key(match_key(t)) for t in terms),
        lines=frozenset(match_key(t).strip(EDGE_PUNCT) for t in lines), field=fld,
        min_hits=_get(table, "min_hits", int, path, where, 1), scope=scope,
        max_chars=_get(table, "max_chars", int, path, where, 0),
        unless_sentence=_get(table, "unless_sentence", bool, path, where, False),
    )


def _check_term_budget(rules: list, path: Path) -> None:
    """All the terms of a pack, counted before any is compiled (see MAX_PACK_TERMS)."""
    terms = [t for r in rules if isinstance(r, dict) and isinstance(r.get("terms"), list)
             for t in r["terms"] if isinstance(t, str)]
    if len(terms) > MAX_PACK_TERMS:
        raise _fail(path, "rule[*].terms", f"{len(terms)} terms in all, more than {MAX_PACK_TERMS}")
    chars = sum(len(t) for t in terms)
    if chars > MAX_PACK_TERM_CHARS:
        raise _fail(path, "rule[*].terms", f"{chars} characters of terms in all, more than {MAX_PACK_TERM_CHARS}")


def _check_terms(terms: tuple[str, ...], limit: int, path: Path, where: str) -> None:
    if len(terms) > limit:
        raise _fail(path, where, f"{len(terms)} entries, more than {limit}")
    long = next((t for t in terms if len(t) > MAX_TERM_CHARS), None)
    if long is not None:
        raise _fail(path, where, f"an entry longer than {MAX_TERM_CHARS} characters: {long[:40]!r}…")


def _region(table: dict, pack_id: str, path: Path, where: str) -> Region:
    _unknown(table, REGION_KEYS, path, where)
    rid = _get(table, "id", str, path, where)
    return Region(
        id=f"{pack_id}/{rid}", kind=_kind(table, path, where),
        start=compile_pattern(_get(table, "start", str, path, where), path, f"{where}.start"),
        end=compile_pattern(_get(table, "end", str, path, where), path, f"{where}.end"),
        max_lines=_get(table, "max_lines", int, path, where, 30),
    )


def _fixture(table: dict, path: Path, where: str) -> dict[str, Any]:
    _unknown(table, FIXTURE_KEYS, path, where)
    _get(table, "path", str, path, where)
    for key in ("must_contain", "must_not_contain", "reporters"):
        _strings(table, key, path, where)
    return dict(table)


def _head(meta: dict, path: Path) -> dict[str, Any]:
    _unknown(meta, PACK_KEYS, path, "pack")
    pid = _get(meta, "id", str, path, "pack")
    if not _ID.match(pid):
        raise _fail(path, "pack.id", "use lower-case letters, digits, '.', '_' or '-'")
    version = _get(meta, "version", str, path, "pack")
    if not _DATE.match(version):
        raise _fail(path, "pack.version", "must be a date YYYY-MM-DD (the layout it describes)")
    kind = _get(meta, "kind", str, path, "pack", "site")
    lead = _get(meta, "lead", str, path, "pack", "title")
    if kind not in ("site", "common"):
        raise _fail(path, "pack.kind", "must be 'site' or 'common'")
    if lead not in LEADS:
        raise _fail(path, "pack.lead", f"must be one of {LEADS}")
    return {"id": pid, "version": version, "kind": kind, "lead": lead}


def parse_pack(data: dict[str, Any], path: Path) -> Pack:
    """Validate a parsed TOML document and build a :class:`Pack`."""
    _unknown(data, TOP_KEYS, path, "top level")
    meta = _get(data, "pack", dict, path, "top level")
    head = _head(meta, path)
    pid = head["id"]
    rules = _get(data, "rule", list, path, "top level", [])
    if len(rules) > MAX_RULES:
        raise _fail(path, "rule", f"more than {MAX_RULES} rules")
    _check_term_budget(rules, path)
    pack = Pack(
        id=pid, name=_get(meta, "name", str, path, "pack", pid), version=head["version"],
        path=path, kind=head["kind"], lead=head["lead"],
        domains=tuple(d.lower() for d in _strings(meta, "domains", path, "pack")),
        fingerprints=tuple(compile_pattern(p, path, f"pack.fingerprints[{i}]")
                           for i, p in enumerate(_strings(meta, "fingerprints", path, "pack"))),
        min_fingerprints=_get(meta, "min_fingerprints", int, path, "pack", 1),
        press=_strings(meta, "press", path, "pack"),
        priority=_get(meta, "priority", int, path, "pack", 0),
        rules=[_rule(r, pid, path, f"rule[{i}]") for i, r in enumerate(rules)],
        regions=[_region(r, pid, path, f"region[{i}]")
                 for i, r in enumerate(_get(data, "region", list, path, "top level", []))],
        fixtures=[_fixture(f, path, f"fixture[{i}]")
                  for i, f in enumerate(_get(data, "fixture", list, path, "top level", []))],
        html=validate_html_table(_get(data, "html", dict, path, "top level", {}), path),
    )
    if pack.press:  # the press name alone on a line is the site's signature
        names = {match_key(p).strip(EDGE_PUNCT): p for p in pack.press}  # as the pack spells them
        pack.rules.append(Rule(id=f"{pid}/press-name", kind="byline", field="press",
                               lines=frozenset(names), values=names))
    if _get(meta, "press_registry", bool, path, "pack", False):
        pack.rules += [registry_rule(pid), press_prefix_rule(pid), wire_credit_rule(pid)]
    _check_unique(pack)
    return pack


MIN_LINE_NAME = 3  # a registry spelling this long (spaces aside) alone on a line names the press


def registry_rule(pack_id: str) -> Rule:
    """An outlet's name alone on a line (a signature, a wire credit such as a closing
    "연합뉴스") is a byline naming the press, by its canonical name (rules/press.toml)."""
    names: dict[str, str] = {}
    for outlet in press_registry().outlets:
        for spelling in (outlet.name, *outlet.aliases):
            key = match_key(spelling).strip(EDGE_PUNCT)
            if len("".join(key.split())) >= MIN_LINE_NAME or spelling == outlet.name:
                names.setdefault(key, outlet.name)
    return Rule(id=f"{pack_id}/press-name", kind="byline", field="press",
                lines=frozenset(names), values=names)


def _names_pattern(wire_only: bool = False) -> str:
    """Registered outlets' canonical names as a pattern alternative, longest first."""
    names = {match_key(o.name) for o in press_registry().outlets if o.wire or not wire_only}
    return "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))


def press_prefix_rule(pack_id: str) -> Rule:
    """An outlet's name in brackets opening a paragraph ("[서울경제] …", "[매일경제 대전] …"):
    a byline naming the press, cut off the paragraph."""
    pattern = regex.compile(rf"^\[(?P<press>{_names_pattern()})(?:\s*[가-힣]{{1,8}})?\]\s*")
    return Rule(id=f"{pack_id}/press-prefix", kind="byline", pattern=pattern, scope="prefix")


def wire_credit_rule(pack_id: str) -> Rule:
    """A news agency's name after the last sentence of a paragraph ("…말했다. 연합뉴스"):
    the credit of a wire story reprinted by another outlet, cut off as a byline."""
    pattern = regex.compile(rf"(?<=[.!?。\"'”’)])\s*(?P<press>{_names_pattern(wire_only=True)})\s*$")
    return Rule(id=f"{pack_id}/trailing-wire-credit", kind="byline", pattern=pattern, scope="suffix", max_chars=2000)


def _check_unique(pack: Pack) -> None:
    seen: set[str] = set()
    for i, item in enumerate([*pack.rules, *pack.regions]):
        if item.id in seen:
            raise _fail(pack.path, f"rule/region {i}", f"duplicate id {item.id!r}")
        seen.add(item.id)


def load_pack(path: Path) -> Pack:
    return parse_pack(read_toml(path, PackError), path)


# ---------------------------------------------------------------- the set
@dataclass(slots=True)
class PackSet:
    """Common packs (always applied) and site packs (chosen per document)."""

    common: list[Pack]
    sites: list[Pack]
    notes: list[str] = field(default_factory=list)  # warnings for the user (a domain taken over)

    @classmethod
    def load(cls, dirs: list[Path] | None = None, sites: bool = True) -> "PackSet":
        common: list[Pack] = []
        site_packs: list[Pack] = []
        ids: dict[str, Path] = {}
        for path in pack_files(dirs or [RULES_DIR]):
            pack = load_pack(path)
            if pack.id in ids:
                raise PackError(f"{path}: pack.id: {pack.id!r} already defined in {ids[pack.id]}")
            ids[pack.id] = path
            (common if pack.kind == "common" else site_packs).append(pack)
        common.sort(key=lambda p: -p.priority)
        notes = take_over_domains(site_packs)
        return cls(common=common, sites=site_packs if sites else [], notes=notes)

    def get(self, pack_id: str) -> Pack:
        for pack in self.sites:
            if pack.id == pack_id:
                return pack
        raise KeyError(f"no site pack with id {pack_id!r}")

    def for_host(self, host: str) -> Pack | None:
        """The site pack whose domain ``host`` (lower-case) is, or is under."""
        return next((p for p in self.sites if host and p.owns(host)), None)


def take_over_domains(packs: list[Pack]) -> list[str]:
    """A domain claimed by two packs goes to the one loaded last (a user's pack, loaded
    after the bundled ones): it is dropped from the earlier pack, with a note saying so."""
    owner: dict[str, Pack] = {}
    notes: list[str] = []
    for pack in packs:
        for domain in pack.domains:
            earlier = owner.get(domain)
            if earlier is not None:
                earlier.domains = tuple(d for d in earlier.domains if d != domain)
                notes.append(f"{pack.path}: pack.domains: {domain!r} was claimed by pack {earlier.id!r} "
                             f"({earlier.path}); pack {pack.id!r} is used for it")
            owner[domain] = pack
    return notes


def pack_files(dirs: list[Path]) -> list[Path]:
    """The rule-pack files in ``dirs`` (files as given, folders searched for *.toml;
    the press registry beside the packs is no pack, :mod:`cleaner.press`)."""
    files: list[Path] = []
    for d in dirs:
        d = Path(d)
        if d.is_file():
            files.append(d)
        elif d.is_dir():  # the press registry beside the packs is no pack (cleaner.press)
            files.extend(p for p in sorted(d.rglob("*.toml")) if p.name != REGISTRY_FILE)
        else:
            raise PackError(f"{d}: no such rules file or folder")
    return files
