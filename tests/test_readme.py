"""Every command and Python example the README shows runs as shown.

The fenced ``bash`` and ``python`` blocks of README.md run in a scratch folder that
holds the files they name (``samples/``, ``page.html``, ``dump.jsonl.gz``,
``crawl.warc.gz``, ``pages/pages.jsonl``), with ``cleaner`` meaning this checkout's
``python -m cleaner``.  Install, test and benchmark commands (``pip install …``,
``python -m pytest``, ``python -m bench …``) are left to CI and the benchmarks.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KO_NEWS = ROOT.parent / "shared" / "corpus" / "ko-news" / "html"
NOT_RUN = ("pip ", "python -m pip", "python -m pytest", "python -m bench", "python setup.py")
_FENCE = re.compile(r"```(bash|python)\n(.*?)```", re.S)
pytestmark = pytest.mark.skipif(not KO_NEWS.is_dir(), reason="needs ../shared/corpus/ko-news")


def readme_blocks(language: str) -> list[str]:
    return [body for lang, body in _FENCE.findall((ROOT / "README.md").read_text()) if lang == language]


def readme_commands() -> list[str]:
    """Each shell command of the README's bash blocks, without the parts left to CI."""
    commands = []
    for block in readme_blocks("bash"):
        for line in block.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            parts = [p for p in line.split(" && ") if p and not p.startswith(NOT_RUN)]
            if parts and not line.startswith("#"):
                commands.append(" && ".join(parts))
    return commands


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A folder with every file the README's examples name."""
    from tests.test_provenance import _request, _response

    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "samples", work / "samples")
    shutil.copy(KO_NEWS / "news1__01.html" if (KO_NEWS / "news1__01.html").exists() else KO_NEWS / "chosun__01.html",
                work / "page.html")
    rows = [{"id": p.stem, "text": p.read_text(), "dump": "seeds", "license": "test"}
            for p in sorted((work / "samples").glob("*.txt"))]
    (work / "dump.jsonl.gz").write_bytes(gzip.compress("".join(
        json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()))
    uri = "https://news.example.kr/1"
    (work / "crawl.warc.gz").write_bytes(_request(uri) + _response(
        uri, "200 OK", {"Content-Type": "text/html; charset=utf-8"}, (KO_NEWS / "chosun__01.html").read_bytes()))
    (work / "pages").mkdir()
    pages = [{"id": p.stem, "text": p.read_bytes().decode("utf-8", "replace"), "url": f"https://example.kr/{p.stem}"}
             for p in sorted(KO_NEWS.glob("chosun__0[1-3].html"))]
    (work / "pages" / "pages.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pages))
    return work


def _env(work: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "HF_HOME": str(work / "hf"), "HF_DATASETS_OFFLINE": "1"}


def test_the_readme_has_commands_and_examples() -> None:
    assert len(readme_commands()) >= 8 and len(readme_blocks("python")) >= 4
    assert any(c.startswith("cleaner clean samples/ -o out.jsonl") for c in readme_commands())


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_runs(workdir: Path, command: str) -> None:
    script = f'cleaner() {{ "{sys.executable}" -m cleaner "$@"; }}\n{command}\n'
    done = subprocess.run(["bash", "-c", script], cwd=workdir, env=_env(workdir), capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, f"{command}\n{done.stderr[-2000:]}"


@pytest.mark.parametrize("index", range(len(readme_blocks("python"))))
def test_readme_python_example_runs(workdir: Path, index: int) -> None:
    code = readme_blocks("python")[index]
    done = subprocess.run([sys.executable, "-c", code], cwd=workdir, env=_env(workdir), capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"{code}\n{done.stderr[-3000:]}"
