"""The compiled steps (:mod:`cleaner.accel`) against their pure-Python twins.

The pure-Python pipeline is the reference: with every compiled step on, each
document must give exactly what it gives with every step in Python
(``accel.pure()``, the in-process form of ``CLEANER_PURE=1``): the record
(``Article.to_dict()``) and every block's text, kind and reason.  Checked on
every page, dump and seed the project has (``bench.corpus.every_document``),
with and without site packs, and on generated documents (hypothesis).

CI sets ``CLEANER_REQUIRE_COMPILED=1``: there a step that was not built, or
was built and never ran, fails the run instead of passing slower in Python.
"""

from __future__ import annotations

import os
import shutil
import sysconfig

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from bench.corpus import every_document
from cleaner import Cleaner, accel

from .test_properties import PIECES

CLEANERS = {"packs": Cleaner(time_limit=None), "generic": Cleaner(site_packs=False, time_limit=None)}
DOCUMENTS = every_document()
REQUIRED = os.environ.get("CLEANER_REQUIRE_COMPILED", "") not in ("", "0")


def outcome(cleaner: Cleaner, content: str | bytes, url: str | None = None) -> dict:
    """The record and the blocks' decisions: everything the two paths must agree on."""
    article = cleaner.try_clean(content, url=url)
    record = article.to_dict()
    record["blocks"] = [(b.text, b.kind, b.reason) for b in article.blocks or []]
    return record


def both_ways(cleaner: Cleaner, content: str | bytes, url: str | None = None) -> tuple[dict, dict]:
    compiled = outcome(cleaner, content, url)
    with accel.pure():
        python = outcome(cleaner, content, url)
    return compiled, python


def _compiler() -> bool:
    compiler = (sysconfig.get_config_var("CC") or "").split()
    return bool(compiler) and shutil.which(compiler[0]) is not None


def test_every_step_is_built_where_a_compiler_is() -> None:
    if not _compiler() and not REQUIRED:
        pytest.skip("no C compiler: every step runs in Python")
    if accel.PURE and not REQUIRED:
        pytest.skip("CLEANER_PURE is set")
    states = accel.steps()
    assert states and all(state == "compiled" for state in states.values()), states


@pytest.mark.skipif(not REQUIRED, reason="CLEANER_REQUIRE_COMPILED is not set (CI sets it)")
def test_every_compiled_step_runs() -> None:
    """Cleaning the corpus goes through every compiled step (a step that is built but
    bypassed would leave the speed-up on paper)."""
    assert accel.all_compiled(), accel.steps()
    kinds = {name.split("/")[0]: (content, url) for name, content, url in reversed(DOCUMENTS)}
    for cleaner in CLEANERS.values():
        for content, url in kinds.values():  # one document of each kind: pages, dumps, seeds …
            cleaner.try_clean(content, url=url)
    assert accel.used() == set(accel.steps()), f"never ran: {set(accel.steps()) - accel.used()}"


def test_pure_switch_runs_python() -> None:
    with accel.pure():
        assert all(accel.use(module) is None for module in _loaded())
    assert all(accel.use(module) is module for module in _loaded())


def _loaded() -> list:
    import sys

    return [sys.modules[name] for name in accel._modules if name in sys.modules]


@pytest.mark.slow
@pytest.mark.parametrize("label", sorted(CLEANERS))
@pytest.mark.parametrize("name,content,url", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_compiled_equals_python_on_every_document(label: str, name: str, content: str | bytes,
                                                  url: str | None) -> None:
    compiled, python = both_ways(CLEANERS[label], content, url)
    assert compiled == python, [k for k in python if compiled.get(k) != python[k]]


# generated documents: text dumps of boilerplate and article lines, and the same lines as pages
TAGS = ["p", "div", "li", "td", "h2", "span", "em", "figcaption", "a"]
CLASSES = ["", "article-body", "nav", "related", "copyright", "caption", "byline", "ad", "share", "blind"]
lines = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=60)), min_size=1, max_size=30)


@st.composite
def pages(draw: st.DrawFn) -> str:
    parts = []
    for line in draw(lines):
        tag, cls = draw(st.sampled_from(TAGS)), draw(st.sampled_from(CLASSES))
        attr = f' class="{cls}"' if cls else ""
        parts.append(f"<{tag}{attr}>{line}</{tag}>" if draw(st.booleans()) else f"{line}<br>")
    return f"<html><head><title>{draw(st.sampled_from(PIECES))}</title></head><body>{''.join(parts)}</body></html>"


@seed(20261127)
@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(lines.map("\n".join), pages()))
def test_compiled_equals_python_on_generated_documents(document: str) -> None:
    compiled, python = both_ways(CLEANERS["packs"], document)
    assert compiled == python


def test_the_command_says_when_it_runs_in_python(tmp_path, monkeypatch, capsys) -> None:
    """A machine without a compiler still cleans, slower, and the command says so."""
    from cleaner.run.command import _note_python_steps

    monkeypatch.setattr(accel, "_steps", {"html walk": "python (cleaner.html._walk is not built)"})
    monkeypatch.setattr(accel, "_TWINS", ())
    _note_python_steps()
    assert "note: running in pure Python, slower (html walk not compiled" in capsys.readouterr().err
    monkeypatch.setattr(accel, "_steps", {"html walk": "compiled"})
    _note_python_steps()
    assert capsys.readouterr().err == ""
