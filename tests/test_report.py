"""The HTML report of `cleaner explain --html`: structure, and a real render in
headless Chromium (screenshot pixels and the dumped DOM)."""

from __future__ import annotations

import json
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.explain import KIND_COLOURS, explain
from cleaner.model import DROP_KINDS, META_KINDS
from cleaner.report import COLLAPSE_MIN, FIRST_BODY_ID, render_html

from .conftest import SEEDS

CHROMIUM = Path("/usr/bin/chromium")
SEED_001 = SEEDS / "001_cf5fbeec96a7a50c.txt"
SEED_003 = SEEDS / "003_2239e8daf2a06e6c.txt"
META_NAMES = ("title", "subtitles", "press", "reporters", "e-mails", "date", "section",
              "captions", "summary", "language", "site pack")


def _page(cleaner, seed: Path) -> str:
    from cleaner.report import render_html

    return render_html(explain(cleaner, seed.read_bytes(), name=seed.name))


def _gold(seed: Path) -> dict:
    return json.loads((SEEDS / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))


def test_every_line_has_a_tooltip_and_removed_text_is_struck(cleaner):
    tree = LexborHTMLParser(_page(cleaner, SEED_003))
    lines = tree.css("main .line")
    nonempty = [t for t in SEED_003.read_text(encoding="utf-8").split("\n") if t.strip()]
    assert len(lines) == len(nonempty)
    for line in lines:
        assert line.attributes.get("title")
        for piece in line.css(".piece"):
            tip = piece.attributes["title"]
            assert piece.attributes["data-kind"] in tip and tip == piece.attributes["data-tip"]
    spam = tree.css('main .piece[data-decision="removed"]')
    assert [p.text() for p in spam] == ["티파티카지노", "hanantway@dqdt.shop", "바오슬롯 프리미어카지노 소닉카지노 산타카지노 토르카지노"]
    assert all("spam · spam/" in p.attributes["title"] for p in spam)
    prefix = tree.css_first('main .line[data-n="10"] .piece[data-part="prefix"]')
    assert prefix.text() == "(서울=뉴스1) 한재준 기자 =" and prefix.attributes["data-kind"] == "byline"


def test_legend_and_metadata_panel(cleaner):
    html = _page(cleaner, SEED_003)
    tree = LexborHTMLParser(html)
    legend = {p.attributes["data-kind"] if "data-kind" in p.attributes else p.text()
              for p in tree.css(".legend .piece")}
    assert legend >= DROP_KINDS | META_KINDS
    labels = [dt.text() for dt in tree.css(".meta dt")]
    assert all(name in labels for name in META_NAMES)
    meta = tree.css_first(".meta").text()
    assert "뉴스1" in meta and "한재준" in meta and "news1 (matched by fingerprint)" in meta
    for kind, colour in KIND_COLOURS.items():
        assert f".k-{kind} {{ --c: {colour}; }}" in html
    assert "line-through" in html


def test_page_is_self_contained(cleaner):
    tree = LexborHTMLParser(_page(cleaner, SEED_003))
    assert not tree.css("script, link, img, iframe")
    assert all(not n.attributes.get("src") for n in tree.css("*"))
    assert all((n.attributes.get("href") or "#").startswith("#") for n in tree.css("*"))  # in-page links only


def test_cli_writes_the_report(tmp_path):
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["explain", str(SEED_003), "--html", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert "티파티카지노" in out.read_text(encoding="utf-8")
    assert json.loads(result.stdout)["rows"]


# ---------------------------------------------------------------- headless Chromium
def decode_png(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, channels, raw pixels) of an 8-bit RGB/RGBA non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, head = 8, [], None
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", data[pos + 8:pos + 21])
        elif kind == b"IDAT":
            idat.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = head
    assert depth == 8 and ctype in (2, 6) and interlace == 0, head
    channels = 3 if ctype == 2 else 4
    return width, height, channels, _unfilter(zlib.decompress(b"".join(idat)), width * channels, channels)


def _unfilter(raw: bytes, stride: int, bpp: int) -> bytes:
    out, prev, pos = bytearray(), bytearray(stride), 0
    while pos < len(raw):
        ftype, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if ftype == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ftype:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
                pred = left if ftype == 1 else (left + up) // 2 if ftype == 3 else _paeth(left, up, corner)
                line[i] = (line[i] + pred) & 255
        out += line
        prev = line
    return bytes(out)


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _chromium(url: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={profile}", "--window-size=1200,2000", *args, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless Chromium not installed: apt-get update && apt-get install -y chromium chromium-driver",
)


def _colour_pixels(png: tuple[int, int, int, bytes], colour: str, max_x: int, tol: int = 12) -> int:
    """Pixels of ``colour`` (#rrggbb) left of ``max_x`` (the document column)."""
    width, height, ch, px = png
    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    count = 0
    for y in range(height):
        row = px[y * width * ch:(y * width + max_x) * ch]
        count += sum(1 for i in range(0, len(row), ch) if abs(row[i] - rgb[0]) <= tol
                     and abs(row[i + 1] - rgb[1]) <= tol and abs(row[i + 2] - rgb[2]) <= tol)
    return count


def _screenshot(html: str, tmp_path: Path, name: str) -> tuple[int, int, int, bytes]:
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    shot = tmp_path / f"{name}.png"
    run = _chromium(page.as_uri(), tmp_path / f"profile-{name}", f"--screenshot={shot}")
    assert shot.exists(), run.stderr[-2000:]
    png = decode_png(shot.read_bytes())
    assert png[:2] == (1200, 2000)
    return png


@pytest.mark.browser
@needs_chromium
def test_screenshot_shows_struck_lines_in_their_colour(cleaner, tmp_path):
    """Seed 001's 21 board lines fold into one line in the board colour; opened, they
    show struck in that colour."""
    html = _page(cleaner, SEED_001)
    doc_x = 800  # the document column; the legend (every colour) is to its right
    folded = _screenshot(html, tmp_path, "folded")
    opened = _screenshot(html.replace('<details class="run', '<details open class="run'), tmp_path, "opened")
    struck = {k: _colour_pixels(folded, KIND_COLOURS[k], doc_x) for k in ("board", "menu")}
    assert 150 <= struck["board"] < 5000 and struck["menu"] >= 150, struck  # one folded line, 1 menu line
    assert _colour_pixels(opened, KIND_COLOURS["board"], doc_x) >= 5000  # 21 struck board lines
    png = folded
    absent = {k: _colour_pixels(png, KIND_COLOURS[k], doc_x) for k in ("spam", "related", "ad")}
    assert all(n < 20 for n in absent.values()), absent  # kinds that seed 001 does not have
    white = _colour_pixels(png, "#ffffff", 1200, tol=0)
    assert 0.5 < white / (1200 * 2000) < 0.98  # a page with text on it, not a blank image


@pytest.mark.browser
@needs_chromium
def test_dumped_dom_has_removed_lines_with_kinds(cleaner, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(_page(cleaner, SEED_001), encoding="utf-8")
    run = _chromium(page.as_uri(), tmp_path / "profile", "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    tree = LexborHTMLParser(run.stdout)
    shown = {}
    for line in tree.css("main .line"):
        n = int(line.attributes["data-n"])
        shown[n] = [(p.attributes["data-decision"], p.attributes["data-kind"], p.text()) for p in line.css(".piece")]
    gold = _gold(SEED_001)
    for line in gold["lines"]:
        label, pieces = line["label"], shown.get(line["n"], [])
        if label in DROP_KINDS - {"ignore"}:
            assert ("removed", label, line["text"].strip()) in pieces, (line, pieces)
        elif label in META_KINDS:
            assert any(d == "moved" and k == label for d, k, _ in pieces), (line, pieces)
        elif label in ("body", "heading"):
            assert any(d == "kept" for d, _, _ in pieces), (line, pieces)
    assert sum(1 for p in shown.values() for d, _, _ in p if d == "removed") >= 15


def test_runs_of_removed_blocks_fold_and_the_header_links_to_the_body(cleaner):
    page = SEEDS.parent / "corpus" / "ko-news" / "html" / "chosun__01.html"
    if not page.exists():
        pytest.skip("needs ../shared/corpus/ko-news")
    tree = LexborHTMLParser(render_html(explain(cleaner, page.read_bytes(), name=page.name)))
    runs = tree.css("details.run")
    assert runs and all(len(d.css(".line")) >= COLLAPSE_MIN for d in runs)
    for run in runs:  # one kind per run, named in its summary
        kinds = {p.attributes["data-kind"] for p in run.css(".piece")}
        assert len(kinds) == 1 and run.css_first("summary").text().startswith(
            f"{len(run.css('.line'))} lines removed as {kinds.pop()}")
    first = tree.css_first(f"#{FIRST_BODY_ID}")
    assert first is not None and first.css_first('.piece[data-kind="body"]') is not None
    assert tree.css_first(f'header a[href="#{FIRST_BODY_ID}"]') is not None
