"""Build the unseen-publisher dump fixtures from their labelled sources.

Each ``src/NAME.src`` holds one line of the dump per line, prefixed by its gold
label code and ``|`` (``B|…`` body, ``M|…`` menu; ``-|`` an empty line the
crawler left); ``B|line||paragraph`` gives a body line whose expected paragraph
is shorter (a dateline prefix or a trailing e-mail cut, as GOLD.md says).  ``python tests/data/unseen_dumps/build.py`` writes ``NAME.txt``
(the dump as a crawler saved it) and ``NAME.json`` (GOLD.md gold as for HTML pages:
the expected ``body`` and the ``boilerplate`` texts of eight or more characters,
so a lone ``1`` of a ranking or a ``0`` of a like counter is not scored as a
leak whenever the article has that digit).  A header line
``#title=…``/``#press=…``/``#reporters=a,b`` fills the metadata fields.
"""
import json
from pathlib import Path

LABELS = {"B": "body", "H": "heading", "T": "title", "S": "subtitle", "Y": "byline", "D": "date",
          "C": "caption", "N": "section", "M": "menu", "R": "related", "U": "ui", "P": "copyright",
          "X": "comment", "A": "ad", "I": "ignore", "Q": "summary"}
HERE = Path(__file__).parent
BODY = ("body", "heading")
MIN_BOILERPLATE = 8  # characters (no white space) of a boilerplate text that is scored, as in HTML gold


def build(src: Path) -> None:
    lines, gold = [], {"file": src.stem + ".txt", "lines": []}
    for raw in src.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            key, _, value = raw[1:].partition("=")
            gold[key] = value.split(",") if key == "reporters" else value
            continue
        code, _, text = raw.partition("|")
        text, _, expected = text.partition("||")
        lines.append(text)  # an empty line keeps its white space (get_text() without strip)
        if code != "-" and text.strip():
            gold["lines"].append({"n": len(lines), "label": LABELS[code], "text": (expected or text).strip()})
    labelled = gold.pop("lines")
    gold["body"] = [ln["text"] for ln in labelled if ln["label"] in BODY]
    gold["boilerplate"] = [ln["text"] for ln in labelled
                           if ln["label"] not in (*BODY, "ignore") and len("".join(ln["text"].split())) >= MIN_BOILERPLATE]
    (HERE / gold["file"]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (HERE / f"{src.stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for path in sorted((HERE / "src").glob("*.src")):
        build(path)
