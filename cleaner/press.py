"""The registry of Korean news outlets (``rules/press.toml``): canonical names.

A page names its outlet in many spellings: ``og:site_name`` ("KBS뉴스",
"머니투데이 뉴스"), a JSON-LD publisher ("MBC NEWS"), a copyright line
("Copyright ⓒ 스포츠조선 All rights reserved"), a byline ("[OSEN=대전, 홍길동 기자]"),
a Twitter handle ("@SBS8NEWS"), its host name.  :class:`Registry` maps each to
the outlet's usual short name (GOLD.md "Metadata policy"): :meth:`Registry.canonical`
for a whole name, :meth:`Registry.leading` for a name that opens a text,
:meth:`Registry.by_host` for a web host.  The file is validated on load; an
error names the file and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .normalize import match_key
from .urls import host_of

REGISTRY_FILE = "press.toml"  # in the rules folder; not a rule pack
ENTRY_KEYS = {"name", "aliases", "domains", "wire", "note"}
_SQUASH = re.compile(r"[\s@_·\-]+")
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")
_WORD_AFTER = re.compile(r"[\w가-힣]")  # a name that runs on is another word ("중앙대")
# a generic tail a site adds to its name: "KBS뉴스", "YTN NEWS", "머니S뉴스"
_GENERIC_TAIL = re.compile(r"(?:뉴스|news|닷컴|\.com|온라인|online|홈페이지)$")


class RegistryError(ValueError):
    """The press registry cannot be used; the message names file and field."""


def name_key(text: str) -> str:
    """A name as compared: NFKC, lower case, no spaces, '@', '_', '·' or '-'."""
    return _SQUASH.sub("", match_key(text)).strip(".")


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    wire: bool = False


@dataclass(slots=True)
class Registry:
    outlets: list[Outlet]
    path: Path
    _keys: dict[str, str] = field(default_factory=dict)  # name key → canonical name
    _hosts: dict[str, str] = field(default_factory=dict)  # domain → canonical name
    _longest: dict[str, list[str]] = field(default_factory=dict)  # first character → name keys, longest first

    def __post_init__(self) -> None:
        for outlet in self.outlets:
            for spelling in (outlet.name, *outlet.aliases):
                self._keys.setdefault(name_key(spelling), outlet.name)
            for domain in outlet.domains:
                self._hosts[domain] = outlet.name
        for name in sorted(self._keys, key=len, reverse=True):
            self._longest.setdefault(name[:1], []).append(name)

    @property
    def names(self) -> list[str]:
        return [o.name for o in self.outlets]

    def canonical(self, name: str | None) -> str | None:
        """The canonical name of a whole name ("KBS NEWS" → "KBS"), or None if unknown;
        a generic tail is tried off ("YTN 뉴스" → "YTN" even when not listed)."""
        if not name:
            return None
        key = name_key(name)
        if key in self._keys:
            return self._keys[key]
        short = _GENERIC_TAIL.sub("", key)
        return self._keys.get(short) if short and short != key else None

    def leading(self, text: str) -> str | None:
        """The outlet whose name opens ``text`` as a word of its own
        ("스포츠조선 All rights reserved" → 스포츠조선; "중앙대" names none)."""
        key = match_key(text).lstrip(" @")
        squashed = _SQUASH.sub("", key)
        for name in self._opening(squashed[:1]):
            if squashed.startswith(name):
                rest = _rest_after(key, name)
                if rest is not None and not _WORD_AFTER.match(rest):
                    return self._keys[name]
        return None

    def _opening(self, first: str) -> list[str]:
        """The name keys that may open a text starting with ``first``, longest first."""
        return self._longest.get(first, []) + self._longest.get("", []) if first else self._longest.get("", [])

    def by_host(self, url_or_host: str | None) -> str | None:
        """The outlet of a web host or URL (the longest registered domain it is under)."""
        host = _host(url_or_host)
        while host and "." in host:
            if host in self._hosts:
                return self._hosts[host]
            host = host.split(".", 1)[1]
        return None

    def by_email(self, address: str) -> str | None:
        """The outlet of a reporter's e-mail address (hong@sportschosun.com → 스포츠조선)."""
        return self.by_host(address.rsplit("@", 1)[-1]) if "@" in address else None

    def is_outlet(self, text: str | None) -> bool:
        return bool(text) and self.canonical(text) is not None


def _rest_after(key: str, squashed_name: str) -> str | None:
    """What follows the name in ``key`` (spaces and '@' … skipped while matching)."""
    i = matched = 0
    while i < len(key) and matched < len(squashed_name):
        if _SQUASH.match(key[i]):
            i += 1
            continue
        if key[i] != squashed_name[matched]:
            return None
        i, matched = i + 1, matched + 1
    return key[i:] if matched == len(squashed_name) else None


def _host(value: str | None) -> str:
    if not value:
        return ""
    value = value.strip().lower()
    if "//" in value:
        return host_of(value)
    return value.split("/", 1)[0].split(":", 1)[0]


_COPYRIGHT_MARK = re.compile(
    r"(?:©|ⓒ|\(c\)|copyright|저작권자)\s*(?:(?:by|©|ⓒ|\(c\)|\(주\)|㈜|\d{4}(?:\s*-\s*\d{4})?)[\s.,]*)*", re.I)


def copyright_press(text: str) -> str | None:
    """The registered outlet a copyright line names ("Copyright ⓒ 스포츠조선 All rights
    reserved", "Copyright by donga.com", "<저작권자(c) 연합뉴스>"), or None."""
    for m in _COPYRIGHT_MARK.finditer(text):
        if (name := registry().leading(text[m.end():])) is not None:
            return name
    return None


# the outlet's name as a copyright line prints it: Hangul first, up to the rights clause
_PRINTED_OWNER = re.compile(
    r"(?!무단|저작|본\s?기사|이\s?기사)([가-힣][가-힣a-z0-9]{1,15}(?: [가-힣a-z0-9]{1,10})?)\s*(?=$|[.,&|<>(\[/]|무단|all\s|재배포)", re.I)


def printed_copyright_owner(text: str) -> str | None:
    """The owner a copyright line names as printed, registered or not ("저작권자 ©
    충청한빛일보 무단전재 및 재배포 금지" → 충청한빛일보; "© 동네소식24 All rights
    reserved." → 동네소식24): the outlet of a page that declares none."""
    for m in _COPYRIGHT_MARK.finditer(text):
        owner = _PRINTED_OWNER.match(text, m.end())
        if owner:
            return owner.group(1)
    return None


# ---------------------------------------------------------------- loading
def _fail(path: Path, where: str, msg: str) -> RegistryError:
    return RegistryError(f"{path}: {where}: {msg}")


def _strings(entry: dict[str, Any], key: str, path: Path, where: str) -> tuple[str, ...]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise _fail(path, f"{where}.{key}", "must be a list of non-empty strings")
    return tuple(v.strip() for v in values)


def _outlet(entry: Any, path: Path, where: str) -> Outlet:
    if not isinstance(entry, dict):
        raise _fail(path, where, "must be a table")
    extra = sorted(set(entry) - ENTRY_KEYS)
    if extra:
        raise _fail(path, where, f"unknown field(s) {', '.join(extra)}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(path, f"{where}.name", "is required (a non-empty string)")
    where = f"{where} (name {name!r})"
    domains = tuple(d.lower() for d in _strings(entry, "domains", path, where))
    for i, domain in enumerate(domains):
        if not _DOMAIN.match(domain):
            raise _fail(path, f"{where}.domains[{i}]", f"{domain!r} is not a host name (example.co.kr)")
    wire = entry.get("wire", False)
    if not isinstance(wire, bool):
        raise _fail(path, f"{where}.wire", "must be true or false")
    return Outlet(name.strip(), _strings(entry, "aliases", path, where), domains, wire)


def parse_registry(data: dict[str, Any], path: Path) -> Registry:
    """Validate a parsed registry and build it; names and domains must be unique."""
    extra = sorted(set(data) - {"press"})
    if extra:
        raise _fail(path, "top level", f"unknown field(s) {', '.join(extra)}")
    entries = data.get("press", [])
    if not isinstance(entries, list) or not entries:
        raise _fail(path, "press", "must be a non-empty array of [[press]] tables")
    outlets = [_outlet(e, path, f"press[{i}]") for i, e in enumerate(entries)]
    _check_unique(outlets, path)
    return Registry(outlets, path)


def _check_unique(outlets: list[Outlet], path: Path) -> None:
    """A spelling or domain names one outlet only."""
    owner: dict[str, str] = {}
    for i, outlet in enumerate(outlets):
        for kind, values in (("aliases", (outlet.name, *outlet.aliases)), ("domains", outlet.domains)):
            for value in values:
                key = value if kind == "domains" else name_key(value)
                if owner.setdefault(key, outlet.name) != outlet.name:
                    raise _fail(path, f"press[{i}] (name {outlet.name!r}).{kind}",
                                f"{value!r} already belongs to {owner[key]!r}")


def read_toml(path: Path, error: type[ValueError]) -> dict[str, Any]:
    """A TOML data file of the rules folder (a rule pack, this registry); a file that
    cannot be read or parsed raises ``error`` naming it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: bad TOML: {exc}") from None


def load_registry(path: Path) -> Registry:
    return parse_registry(read_toml(path, RegistryError), path)


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The bundled registry (``rules/press.toml``), loaded once."""
    from .packs import RULES_DIR

    return load_registry(RULES_DIR / REGISTRY_FILE)
