"""Speech in the article: interview transcripts, Q&A and broadcast scripts.

The density heuristic reads a run of lines that open with a bullet as a list of
other articles' headlines.  But a radio interview (``▷ 김현정 > 안녕하세요.``),
a newspaper Q&A (``Q. …`` / ``A. …``) or a round table (``◇사회자=…``) is a
run of *speaker turns*: a marker naming who speaks, then what they said.  A run
of turns in which speakers come back and most turns end like sentences is a
transcript, and every turn of it is body, short answers (``◆ 홍길동 > 네.``)
included; a list of headlines has neither.

A broadcast script (TV news) is framed by markers (``[앵커]``, ``◀ 리포트 ▶``;
rules ``common/speaker-marker``) and closed by the reporter's sign-off (``KBS
뉴스 홍길동입니다.``; rule ``common/sign-off``).  Between them, narration lines
that end with a comma or with no stop at all are body, not headings.  The
anchor's hand-off (``홍길동 기자가 보도합니다.``) is spoken text, kept in the
body, and names the reporter.

Vocabularies are in :mod:`cleaner.vocab` (``TURN_BULLETS``, ``QA_LABELS``, …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import accel
from .model import BODY_KINDS, DROP_KINDS, Block
from .vocab import (DIALOGUE_DASHES, HANDOFF_CALLS, HANDOFF_TITLES, HANDOFF_VERBS, QA_LABELS,
                    SPEAKER_SEPARATORS, TURN_BULLETS, ends_sentence)

if TYPE_CHECKING:
    from .heuristic import Cls

MIN_TRANSCRIPT_TURNS = 3  # speaker turns that make a transcript …
TRANSCRIPT_SENTENCE_SHARE = 0.5  # … when at least this share of them end like sentences …
DIALOGUE_SENTENCE_SHARE = 0.8  # … (dashed interviews: this share of the quoted answers)
LONG_TURN_CHARS = 60  # a turn this long counts as a sentence though its stop is missing
MAX_SPEAKER_CHARS = 24  # a speaker's name and role (홍길동 / 한국기후연구원 연구위원) is no longer
HANDOFF_TAIL_CHARS = 60  # a hand-off is looked for in this many last characters of a paragraph
SCRIPT_MARKER_RULES = ("common/speaker-marker",)  # rules whose lines frame a broadcast script
SIGN_OFF_RULES = ("common/sign-off",)  # rules whose line closes one

_B, _S = re.escape(TURN_BULLETS), re.escape(SPEAKER_SEPARATORS.replace("=", ""))
_NAME = r"[가-힣a-z][가-힣a-z0-9·]{0,11}(?:(?:\s?/\s?|\s)[가-힣a-z0-9·]{1,12}){0,3}(?:\s?\([^()]{1,20}\))?"  # 홍길동 / 교수
_SEPARATOR = re.compile(f"[{re.escape(SPEAKER_SEPARATORS)}]")  # a quick test before _NAMED_TURN
_NAMED_TURN = re.compile(  # ▷ 김현정 > … / ◆ 홍길동 : … / ◇사회자=… / 김현정> …
    rf"^(?:(?P<bullet>[{_B}])\s*(?P<who>{_NAME})\s*[{_S}=]|(?P<bare>{_NAME})\s*[{_S}])\s*(?=\S)")
_QA_TURN = re.compile(  # Q. … / A: … / Q2. … / 문) … / [답] …
    rf"^(?:\[(?P<tag>{'|'.join(QA_LABELS)})\]|(?P<label>{'|'.join(QA_LABELS)})\s*\d{{0,2}}\s*[.:)>])\s*(?=\S)")
_DASH = re.compile(rf"^[{re.escape(DIALOGUE_DASHES)}]\s*(?=\S)")  # - … / ―… : an interviewer's question
_QA_FIRST = "[" + "".join(sorted({label[0] for label in QA_LABELS}))  # what a _QA_TURN line opens with
_QUOTED = re.compile(r"^[\"“'‘].*[\"”'’][.!?]?$")  # … or, the whole line one quotation, the answer
_TITLES = "|".join(HANDOFF_TITLES)
_HANDOFF = re.compile(  # … 홍길동 기자가 보도합니다. / … 홍길동 기자입니다. / (… 연결합니다.) 홍길동 기자!
    rf"(?:^|\s)(?P<reporter>[가-힣]{{2,4}})\s?(?:{_TITLES})(?:[이가]\s(?:[가-힣]+\s){{0,2}}(?:{'|'.join(HANDOFF_VERBS)})"
    rf"|의 보도입니다|입니다)[.!]?$"
    rf"|(?:^|(?:{'|'.join(HANDOFF_CALLS)})[.!]?\s+)(?P<called>[가-힣]{{2,4}})\s?(?:{_TITLES})!$")


_HANDOFF_TITLE = re.compile("|".join(map(re.escape, HANDOFF_TITLES)))  # what a hand-off must name


_SEPARATOR_REACH = MAX_SPEAKER_CHARS + 8  # a named turn's separator stands among these first characters


def may_open_turns_python(keys: list[str]) -> list[bool]:
    """Per key: whether :func:`speaker_turn` can find a turn in it (its quick tests
    pass: the first character a Q&A label or a dash opens with, or a speaker
    separator near the start); the reference twin of ``cleaner._speech``."""
    return [key[:1] in _QA_FIRST or key[:1] in DIALOGUE_DASHES
            or _SEPARATOR.search(key, 0, _SEPARATOR_REACH) is not None for key in keys]


def may_open_turns(keys: list[str]) -> list[bool]:
    """:func:`may_open_turns_python`, compiled where built (:mod:`cleaner.accel`)."""
    compiled = accel.use(_compiled)
    return may_open_turns_python(keys) if compiled is None else _compiled_openings(compiled, keys)


def _compiled_openings(module, keys: list[str]) -> list[bool]:  # noqa: ANN001
    return module.may_open_turns(keys, _QA_FIRST + DIALOGUE_DASHES, SPEAKER_SEPARATORS, _SEPARATOR_REACH)


def _self_check(module) -> bool:  # noqa: ANN001
    return _compiled_openings(module, list(_PROBE)) == may_open_turns_python(list(_PROBE))


# Q&A labels, dashes, named turns with each separator near and far, prose, an empty line
_PROBE = ("q. 질문", "답) 네", "- 질문", "― “답”", "▷ 김현정 > 안녕", "사회자=시작", "홍길동: 네", "기사 본문입니다.",
          "x" * 40 + ": 멀리", "", "[질문] 무엇", "a")
_compiled = accel.load("speaker turns", "cleaner._speech", check=_self_check)


@dataclass(slots=True)
class Turn:
    """One speaker turn: who speaks (a name, a Q/A label, or a dash) and what they said."""

    who: str
    said: str
    anonymous: bool = False  # a dash turn: no name (- 질문 … / - "답변 …")

    @property
    def answer(self) -> bool:
        """An anonymous answer: a dash and a whole quotation."""
        return self.anonymous and self.who == "-a"


def speaker_turn(key: str) -> Turn | None:
    """The turn a line (its match key) opens with a speaker marker, or None
    (:func:`may_open_turns_python` tells the lines that cannot open one)."""
    first = key[:1]  # the quick test before each pattern: the character it must open with
    m = _QA_TURN.match(key) if first in _QA_FIRST else None
    if m:
        label = m.group("tag") or m.group("label")
        return Turn("q" if label in ("q", "문", "질문") else "a", key[m.end():])
    m = _DASH.match(key) if first in DIALOGUE_DASHES else None
    if m:
        said = key[m.end():]
        return Turn("-a" if _QUOTED.match(said) else "-q", said, anonymous=True)
    m = _NAMED_TURN.match(key) if _SEPARATOR.search(key, 0, _SEPARATOR_REACH) else None
    if m:
        who = m.group("who") or m.group("bare")
        if len(who) <= MAX_SPEAKER_CHARS:
            return Turn(" ".join(who.split()), key[m.end():])
    return None


def mark_transcripts(blocks: list[Block], classes: list[Cls | None], undecided: list[int] | None = None) -> set[int]:
    """Classify every turn of every transcript "good" (a turn the heuristic found bad
    stays bad); return the indices of the turns made good.  ``undecided``: the
    indices whose class is not None, when the caller has them."""
    spoken: set[int] = set()
    if undecided is None:
        undecided = [i for i, cls in enumerate(classes) if cls is not None]
    for run in _turn_runs(blocks, classes, undecided):
        turns = [t for _, t in run]
        if not _is_transcript(turns):
            continue
        for k in _voiced(turns):
            i = run[k][0]
            if classes[i] == "bad":  # a link or a line of figures stays out, though it opens like a turn
                continue
            classes[i] = "good"
            blocks[i].reason += f"; speaker turn in a transcript of {len(run)} turns"
            spoken.add(i)
    return spoken


def _voiced(turns: list[Turn]) -> list[int]:
    """Positions of the turns of a transcript that are speech: a speaker who speaks
    again, or a sentence; a dash question only when an answer follows it (so a list
    of headlines right after a transcript does not join it)."""
    counts: dict[str, int] = {}
    for t in turns:
        counts[t.who] = counts.get(t.who, 0) + 1
    out = []
    for k, t in enumerate(turns):
        if t.anonymous and not t.answer:
            voiced = k + 1 < len(turns) and turns[k + 1].answer
        else:
            voiced = counts[t.who] > 1 or _sentences([t]) > 0
        if voiced:
            out.append(k)
    return out


def _turn_runs(blocks: list[Block], classes: list[Cls | None], undecided: list[int]) -> list[list[tuple[int, Turn]]]:
    """Runs of undecided speaker turns, with only body-like blocks between two turns
    (an answer's next paragraph, a speaker marker); a boilerplate block or a short
    line that is no turn ends a run.  ``undecided``: the indices whose class is not None."""
    runs: list[list[tuple[int, Turn]]] = []
    run: list[tuple[int, Turn]] = []
    opens = dict(zip(undecided, may_open_turns([blocks[i].key for i in undecided])))  # the quick test, at once
    for i, block in enumerate(blocks):
        turn = speaker_turn(block.key) if classes[i] is not None and opens[i] else None
        if turn is not None:
            run.append((i, turn))
        elif run and not _passable(block, classes[i]):
            runs.append(run)
            run = []
    return [*runs, run] if run else runs


def _passable(block: Block, cls: Cls | None) -> bool:
    """A block that may stand between two turns of one transcript."""
    if cls is None:
        return not _boilerplate(block)
    return cls in ("good", "near")


def _boilerplate(block: Block) -> bool:
    """Decided as boilerplate (a speaker marker, ``ignore``, is not)."""
    return block.kind in DROP_KINDS and block.kind != "ignore"


def _is_transcript(turns: list[Turn]) -> bool:
    """Enough turns, most of them sentences, and speakers who come back (a list of
    headlines names each "speaker" once, and its items do not end with a stop).
    With dashes (no names): quoted answers, nearly all of them sentences (a list of
    dashed headlines has no quoted sentences; questions may lack a stop)."""
    if len(turns) < MIN_TRANSCRIPT_TURNS:
        return False
    answers = [t for t in turns if t.answer]
    if answers:
        return len(answers) >= 2 and _sentences(answers) >= DIALOGUE_SENTENCE_SHARE * len(answers)
    speakers = {t.who for t in turns}
    return 2 <= len(speakers) < len(turns) and _sentences(turns) >= TRANSCRIPT_SENTENCE_SHARE * len(turns)


def _sentences(turns: list[Turn]) -> int:
    return sum(ends_sentence(t.said) or len(t.said) >= LONG_TURN_CHARS for t in turns)


def mark_script(blocks: list[Block], classes: list[Cls | None]) -> None:
    """In a broadcast script, short narration lines (``한낮 기온이 35도를 넘어선 서울
    도심,``) between the first marker and the sign-off are body: classified "good"."""
    span = _script_span(blocks, classes)
    if span is None:
        return
    for i in range(*span):
        if classes[i] in ("short", "near") and not _bulleted(blocks[i].key):
            classes[i] = "good"
            blocks[i].reason += "; narration in a broadcast script"


def _script_span(blocks: list[Block], classes: list[Cls | None]) -> tuple[int, int] | None:
    """From the first script marker to the last sign-off (or, with none, to the last
    sentence before the first boilerplate after the last marker), as a range."""
    markers = [i for i, b in enumerate(blocks) if b.reason in SCRIPT_MARKER_RULES]
    if not markers:
        return None
    sign_offs = [i for i, b in enumerate(blocks) if i > markers[0] and b.reason in SIGN_OFF_RULES]
    if sign_offs:
        return markers[0] + 1, sign_offs[-1]
    end = markers[-1]
    for i in range(markers[-1] + 1, len(blocks)):
        if classes[i] == "bad" or (classes[i] is None and _boilerplate(blocks[i])):
            break
        if classes[i] in ("good", "near"):  # a sentence: the script's last words, or a soundbite
            end = i
    return markers[0] + 1, end + 1


def _bulleted(key: str) -> bool:
    return key[:1] in TURN_BULLETS or key[:1] in DIALOGUE_DASHES


def capture_handoffs(blocks: list[Block]) -> None:
    """The reporter an anchor hands over to (``홍길동 기자가 보도합니다.``), taken
    from the end of a body paragraph as a reporter field (see :mod:`cleaner.meta`)."""
    for block in blocks:
        if block.kind not in BODY_KINDS or "reporter" in block.fields:
            continue
        key = block.key
        if not _HANDOFF_TITLE.search(key, len(key) - HANDOFF_TAIL_CHARS):  # the quick test first
            continue
        tail = key[-HANDOFF_TAIL_CHARS:]
        if len(key) > HANDOFF_TAIL_CHARS:
            tail = tail[tail.find(" ") + 1:]  # from a word's start: ^ in the pattern is one
        m = _HANDOFF.search(tail)
        if m:
            name = m.group("reporter") or m.group("called")
            block.fields["reporter"] = name
