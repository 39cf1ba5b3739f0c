"""Content tree → speech plan: the units a listener hears, in order, with their pauses.

A unit is one block's worth of speech (a heading announcement, a paragraph, a list item, a
fact, a cue such as "Answer."), tagged with the id of the block it comes from so that marks,
chapters and per-block audio clips (read-along media overlays) can point back at the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, assert_never

from roleexport.diagnostics import warn
from roleexport.i18n import Catalogue, catalogue, for_page
from roleexport.model import (
    Abbr,
    Block,
    BlockQuote,
    BulletList,
    Code,
    CodeBlock,
    Document,
    Emph,
    Fact,
    Facts,
    Heading,
    Image,
    Inline,
    Lang,
    Letter,
    LineBreak,
    Link,
    OrderedList,
    Paragraph,
    QuestionAnswer,
    Strong,
    Table,
    Term,
    Text,
    ThematicBreak,
)
from roleexport.settings import from_table
from roleexport.speech.normalise import normalise, plural_suffix, reconsidered, slash_between, speakable
from roleexport.speech.terms import Saying, saying
from roleexport.styles import Style
from roleexport.walk import inline_text

# ---------------------------------------------------------------------------- segments


@dataclass(frozen=True, slots=True)
class Words:
    """Words said as they stand (symbols already made speakable)."""

    text: str


@dataclass(frozen=True, slots=True)
class Said:
    """An abbreviation or term, said as its pronunciation says."""

    saying: Saying


@dataclass(frozen=True, slots=True)
class Stress:
    """Emphasised words (the page's bold or italics)."""

    children: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class Foreign:
    """Words in another language (BCP 47 ``lang``)."""

    lang: str
    children: tuple[Segment, ...]


Segment = Words | Said | Stress | Foreign


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: SSML ``<s>``, one intonation unit for the engine."""

    segments: tuple[Segment, ...]


Role = Literal["heading", "question", "cue", "paragraph", "item", "fact", "row", "code", "pause"]
"""What a unit is: renderings differ by role (a heading is stressed and marked, a pause is silence)."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One block's speech.

    ``label`` is announced before the sentences ("Section", "Question"); ``group`` is the id
    of the list or fact group an item belongs to; pauses are in milliseconds; ``title`` is a
    heading's written text (chapter titles); ``level`` a heading's level. In a built plan
    only ``pause_before`` is set: the silence between the previous unit and this one.
    """

    block_id: str
    role: Role
    sentences: tuple[Sentence, ...]
    label: str = ""
    group: str = ""
    level: int = 0
    title: str = ""
    pause_before: int = 0
    pause_after: int = 0


@dataclass(frozen=True, slots=True)
class Plan:
    """A page's speech: its language and its units in reading order."""

    lang: str
    title: str
    units: tuple[Unit, ...]
    guesses: tuple[Saying, ...] = ()
    """What was said by a rule rather than a lexicon entry, first occurrence of each, in order."""

    def chapters(self) -> list[tuple[int, Unit]]:
        """(unit index, heading unit) of every H2, a question set at that level included: one
        audio chapter each, so the chapters are the outline's H2s."""
        return [(i, u) for i, u in enumerate(self.units) if u.role in ("heading", "question") and u.level == 2]


# ---------------------------------------------------------------------------- settings


LABELS = {
    "section_label": "speech_section",
    "subsection_label": "speech_subsection",
    "question_label": "speech_question",
    "answer_cue": "speech_answer",
    "letter_start": "speech_letter_start",
    "letter_end": "speech_letter_end",
    "quote_start": "speech_quote_start",
    "quote_end": "speech_quote_end",
    "image_label": "speech_image",
    "image_none": "speech_image_none",
}
"""Each spoken label and the catalogue message it comes from."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What is announced and how long pauses are: the words from the page's catalogue (see
    ``roleexport.i18n``; English by default), the rest from the style's ``[speech]`` table."""

    announce_headings: bool = True
    section_label: str = "Section"
    subsection_label: str = "Subsection"
    question_label: str = "Question"
    answer_cue: str = "Answer."
    letter_start: str = "Letter begins."
    letter_end: str = "Letter ends."
    quote_start: str = "Quote."
    quote_end: str = "End of quote."
    image_label: str = "Image"
    image_none: str = "no description"
    heading_pause_before: int = 900
    heading_pause_after: int = 500
    paragraph_pause: int = 450
    item_pause: int = 250
    scene_break_pause: int = 1200

    @classmethod
    def from_table(cls, table: Mapping[str, Any], cat: Catalogue | None = None) -> Settings:
        """Settings from a style table and the page's catalogue (whose words win over the
        table's, since the catalogue already carries the style's label overrides); unknown
        keys are ignored, wrong types refused."""
        settings = from_table(cls, table, "speech")
        if cat is None:
            return settings
        labels: dict[str, Any] = {name: cat(key) for name, key in LABELS.items()}
        return replace(settings, **labels)

    @classmethod
    def for_page(cls, doc: Document, style: Style) -> Settings:
        """The settings a page is spoken with: its language's words, the style's pauses."""
        return cls.from_table(style.section("speech"), for_page(doc.meta.lang, style))

    def label(self, level: int) -> str:
        """The word announced before a heading of ``level`` (none for the page title)."""
        if not self.announce_headings or level <= 1:
            return ""
        return self.section_label if level == 2 else self.subsection_label


# ---------------------------------------------------------------------------- sentences

# a sentence ends before a capital or digit, also after an opening quote or Spanish "¿", "¡"
BOUNDARY = re.compile(r"(?<=[.!?])([\"”’»)]?)\s+(?=[\"“‘«(¿¡]?\s?[A-Z0-9À-ÖØ-Þ])")
NUMBERS = re.compile(r"\d[\d,.]*")
"""Sayings that differ only in their numbers ("20%", "35%") are one guess in the report."""
ENDS_BEFORE_TERM = re.compile(r"[.!?][\"”’)]?\s+$")
STARTS_SENTENCE = re.compile(r"\s+[\"“‘«(¿¡]?[A-ZÀ-ÖØ-Þ]")
SENTENCE_FINAL_RULES = ("letters", "time")
"""Rules whose sayings may end a sentence with their own full stop ("U.S.", "5 p.m."), besides
the abbreviations the language's table marks (``Saying.final``: "etc." but not "e.g.")."""
CLOSED = re.compile(r"[.!?:;,…]['\"”’)]*\s*$")


class _Planner:
    def __init__(self, doc: Document, settings: Settings) -> None:
        self.terms: dict[str, Term] = {t.written: t for t in doc.terms}
        self.settings = settings
        self.cat = catalogue(doc.meta.lang)  # image placeholders in chapter titles
        self.lang = doc.meta.lang
        self.units: list[Unit] = []
        self.guesses: dict[str, Saying] = {}

    # ------------------------------------------------------------------ inlines

    def segments(self, inlines: tuple[Inline, ...]) -> list[Segment | None]:
        """Segments in order; ``None`` marks a hard line break (a sentence boundary)."""
        out: list[Segment | None] = []
        for node in inlines:
            match node:
                case Text(text="/"):
                    out.append(Words("/"))  # said by ``slashes`` once its neighbours are known
                case Text(text=t):
                    for piece in normalise(t, self.lang):
                        if isinstance(piece, str):
                            out.append(Words(piece))
                        else:
                            self.guesses.setdefault(f"{piece.rule} {NUMBERS.sub('0', piece.written)}", piece)
                            out.append(Said(piece))
                case Code(text=t):
                    out.append(Words(speakable(t, self.lang)))
                case Abbr(text=t, term=key):
                    out.append(self.term(out, t, key))
                case Emph(children=c) | Strong(children=c):
                    out.append(Stress(self._within(c)))
                case Lang(lang=lang, children=c):
                    out.append(Foreign(lang, self._within(c)))
                case Link(children=c):
                    out.extend(self.segments(c))
                case LineBreak():
                    out.append(None)
                case Image(alt=alt):
                    described = speakable(alt, self.lang) or self.settings.image_none
                    out.append(Words(f" {self.settings.image_label}: {described}. "))
                case _:
                    assert_never(node)
        return self.slashes(out)

    def term(self, out: list[Segment | None], text: str, key: str) -> Said:
        """A known term, unless the words before it make it a unit or a number ("1 TB",
        "Title IV"): then the rule's saying, which takes the number from the words before."""
        previous = out[-1] if out else None
        if isinstance(previous, Words):
            found = reconsidered(previous.text, text, self.lang)
            if found is not None:
                taken, said = found
                out[-1] = Words(previous.text[: len(previous.text) - taken])
                self.guesses.setdefault(f"{said.rule} {NUMBERS.sub('0', said.written)}", said)
                return Said(said)
        return Said(saying(text, self.terms.get(key), plural_suffix(self.lang)))

    def slashes(self, out: list[Segment | None]) -> list[Segment | None]:
        """A "/" alone between two terms ("PaO₂/FiO₂", "RN/LPN") said as "over" or "or"."""
        for n in range(1, len(out) - 1):
            seg, left, right = out[n], out[n - 1], out[n + 1]
            if isinstance(seg, Words) and seg.text == "/" and isinstance(left, Said) and isinstance(right, Said):
                out[n] = Words(slash_between(left.saying, right.saying, self.lang))
        return [Words(" ") if isinstance(s, Words) and s.text == "/" else s for s in out]

    def _within(self, inlines: tuple[Inline, ...]) -> tuple[Segment, ...]:
        """Segments inside emphasis or another language: a line break there is a word space
        (the sentence is not cut in the middle of a stressed phrase, nor its words glued)."""
        return tuple(Words(" ") if seg is None else seg for seg in self.segments(inlines))

    def sentences(self, inlines: tuple[Inline, ...]) -> tuple[Sentence, ...]:
        """Split at sentence ends and hard line breaks; each sentence closed with punctuation.

        A sentence also ends at a full stop before a term ("area. ECMO use …") and after an
        abbreviation that can end one ("… and so on etc. The next …").
        """
        done: list[list[Segment]] = []
        current: list[Segment] = []
        segments = _joined(self.segments(inlines))
        for n, seg in enumerate(segments):
            if seg is None:
                done.append(current)
                current = []
            elif isinstance(seg, Words):
                text = seg.text
                previous = segments[n - 1] if n else None
                if current and _ends_sentence(previous) and STARTS_SENTENCE.match(text):
                    done.append(current)
                    current = []
                pieces = BOUNDARY.split(text)
                # split() keeps the captured closing quote: pieces are text, quote, text, quote…
                current.append(Words(pieces[0]))
                for i in range(1, len(pieces), 2):
                    current.append(Words(pieces[i]))
                    done.append(current)
                    current = [Words(pieces[i + 1])]
                following = segments[n + 1] if n + 1 < len(segments) else None
                if ENDS_BEFORE_TERM.search(text) and _starts_capital(following):
                    done.append(current)
                    current = []
            else:
                current.append(seg)
        done.append(current)
        return tuple(s for s in (_tidy(parts) for parts in done) if s is not None)

    # ------------------------------------------------------------------ blocks

    def add(self, unit: Unit) -> None:
        """Keep a unit that says something; a heading with nothing to say ("→") is kept when
        it has a label, so the listener still hears a section start and it gets its chapter."""
        if unit.sentences or unit.role == "pause" or (unit.role in ("heading", "question") and unit.label):
            self.units.append(unit)

    def cue(self, block_id: str, text: str, group: str = "") -> None:
        if text:
            self.add(
                Unit(block_id, "cue", (Sentence((Words(text),)),), group=group, pause_after=self.settings.item_pause)
            )

    def heading(self, heading: Heading, role: Role = "heading", label: str | None = None) -> None:
        s = self.settings
        self.add(
            Unit(
                heading.id,
                role,
                self.sentences(heading.children),
                label=s.label(heading.level) if label is None else label,
                level=heading.level,
                title=" ".join(inline_text(heading.children, self.cat).split()),
                pause_before=s.heading_pause_before if self.units else 0,
                pause_after=s.heading_pause_after,
            )
        )

    def block(self, block: Block, role: Role = "paragraph", group: str = "") -> None:
        s = self.settings
        match block:
            case Heading():
                self.heading(block)
            case Paragraph(id=bid, children=c):
                pause = s.item_pause if role == "item" else s.paragraph_pause
                self.add(Unit(bid, role, self.sentences(c), group=group, pause_after=pause))
            case BulletList(items=items) | OrderedList(items=items):
                for item in items:
                    self.item(item.id, item.blocks, block.id)
            case Facts(id=fid, items=facts):
                for fact in facts:
                    self.fact(fact, fid)
            case QuestionAnswer(id=qid, question=q, answer=answer):
                self.heading(q, "question", s.question_label if s.announce_headings else "")
                self.cue(qid, s.answer_cue)
                for inner in answer:
                    self.block(inner)
            case Letter(id=lid, blocks=inner):
                self.cue(lid, s.letter_start)
                for b in inner:
                    self.block(b)
                self.cue(lid, s.letter_end)
            case BlockQuote(id=qid, blocks=inner):
                self.cue(qid, s.quote_start)
                for b in inner:
                    self.block(b)
                self.cue(qid, s.quote_end)
            case CodeBlock(id=cid, text=t):
                lines = tuple(Sentence((Words(line.strip()),)) for line in t.splitlines() if line.strip())
                self.add(Unit(cid, "code", lines, pause_after=s.paragraph_pause))
            case Table(id=tid, rows=rows):
                self.table(tid, rows)
            case ThematicBreak(id=hid):
                self.add(Unit(hid, "pause", (), pause_after=s.scene_break_pause))
            case _:
                assert_never(block)

    def item(self, item_id: str, blocks: tuple[Block, ...], group: str) -> None:
        """A list item: its first paragraph is the item's unit; nested lists follow as items."""
        first = True
        for inner in blocks:
            if first and isinstance(inner, Paragraph):
                self.add(
                    Unit(
                        item_id,
                        "item",
                        self.sentences(inner.children),
                        group=group,
                        pause_after=self.settings.item_pause,
                    )
                )
            else:
                self.block(inner, "item", group)
            first = False

    def fact(self, fact: Fact, group: str) -> None:
        """'Typical education: Bachelor's degree …' as one unit; further value blocks follow."""
        label = self.sentences(fact.label)
        value = list(fact.value)
        head: tuple[Sentence, ...] = ()
        first = value[0] if value else None
        if isinstance(first, Paragraph):
            head = self.sentences(first.children)
            value.pop(0)
        joined = _join_label(label, head)
        self.add(Unit(fact.id, "fact", joined, group=group, pause_after=self.settings.item_pause))
        for b in value:
            self.block(b, "item", group)

    def table(self, table_id: str, rows: tuple[tuple[Any, ...], ...]) -> None:
        """Each body row read as 'header: cell, header: cell.' so cells keep their meaning."""
        header = rows[0] if rows and all(c.header for c in rows[0]) else None
        body = rows[1:] if header is not None else rows
        for n, row in enumerate(body, start=1):
            parts: list[Inline] = []
            for i, cell in enumerate(row):
                if i:
                    parts.append(Text(", "))
                if header is not None and i < len(header) and inline_text(header[i].children).strip():
                    parts.extend((*header[i].children, Text(": ")))
                parts.extend(cell.children)
            self.add(
                Unit(
                    f"{table_id}-r{n}",
                    "row",
                    self.sentences(tuple(parts)),
                    group=table_id,
                    pause_after=self.settings.item_pause,
                )
            )


def _first_said(seg: Segment | None) -> str:
    match seg:
        case Words(text=t):
            return t.lstrip()[:1]
        case Said(saying=s):
            return s.written[:1]
        case Stress(children=c) | Foreign(children=c):
            return _first_said(c[0]) if c else ""
        case None:
            return ""
        case _:
            assert_never(seg)


def _starts_capital(seg: Segment | None) -> bool:
    first = _first_said(seg)
    return bool(first) and (first.isupper() or first.isdigit())


def _ends_sentence(seg: Segment | None) -> bool:
    return (
        isinstance(seg, Said)
        and seg.saying.written.endswith(".")
        and (seg.saying.final or seg.saying.rule in SENTENCE_FINAL_RULES)
    )


def _joined(segments: list[Segment | None]) -> list[Segment | None]:
    """Adjacent words as one run with single spaces, so a sentence end is found across them."""
    out: list[Segment | None] = []
    for seg in segments:
        if isinstance(seg, Words) and out and isinstance(out[-1], Words):
            out[-1] = Words(out[-1].text + seg.text)
        else:
            out.append(seg)
    return [Words(re.sub(r"\s+", " ", s.text)) if isinstance(s, Words) else s for s in out]


def _tidy(parts: list[Segment]) -> Sentence | None:
    """Trim a sentence, drop it if it says nothing, and close it with a full stop if open."""
    while parts and isinstance(parts[0], Words) and not parts[0].text.strip():
        parts.pop(0)
    while parts and isinstance(parts[-1], Words) and not parts[-1].text.strip():
        parts.pop()
    if not parts:
        return None
    if isinstance(parts[0], Words):  # no sentence starts with a stray ",", ":" or "." (read as "colon")
        parts[0] = Words(parts[0].text.lstrip().lstrip(",;:.").lstrip())
    first = parts[0]
    if isinstance(first, Said) and first.saying.how == "alias" and first.saying.said[:1].islower():
        said = first.saying.said
        parts[0] = Said(replace(first.saying, said=said[:1].upper() + said[1:]))
    if isinstance(parts[-1], Words):
        parts[-1] = Words(parts[-1].text.rstrip())
    if not CLOSED.search(spoken_text(parts)):
        parts.append(Words("."))
    return Sentence(tuple(p for p in parts if not (isinstance(p, Words) and not p.text)))


def _join_label(label: tuple[Sentence, ...], value: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
    """'Label' + 'value…' → 'Label: value…' (the label's closing full stop becomes a colon)."""
    if not label:
        return value
    last = list(label[-1].segments)
    if isinstance(last[-1], Words) and last[-1].text.endswith("."):
        last[-1] = Words(last[-1].text[:-1])
    if not value:
        return (*label[:-1], Sentence(tuple(last) + (Words("."),)))
    first = value[0].segments
    merged = Sentence((*last, Words(": "), *first))
    return (*label[:-1], merged, *value[1:])


# ---------------------------------------------------------------------------- spoken text


def spoken_text(segments: tuple[Segment, ...] | list[Segment], engine: bool = False) -> str:
    """What is said for these segments: as a person reads it, or (``engine``) exactly what an
    engine without SSML is given (spelled letters marked so it says them as letters)."""
    out: list[str] = []
    previous: Segment | None = None
    for seg in segments:
        match seg:
            case Words(text=t):
                text = t
            case Said(saying=s):
                text = s.engine_said if engine else s.said
            case Stress(children=c) | Foreign(children=c):
                text = spoken_text(c, engine)
            case _:
                assert_never(seg)
        beside_saying = isinstance(seg, Said) or isinstance(previous, Said)
        if beside_saying and out and out[-1][-1:].isalnum() and text[:1].isalnum():
            text = " " + text  # a saying next to a written word ("0" then "$1") stays a word of its own
        out.append(text)
        previous = seg
    return "".join(out)


def _capitalised(text: str) -> str:
    """A sentence starting with an alias ("eck-mo use has grown") starts with a capital."""
    return text[:1].upper() + text[1:]


def sentence_text(sentence: Sentence, engine: bool = False) -> str:
    """One sentence as ``unit_text`` says it: single spaces, a capital first."""
    return _capitalised(" ".join(spoken_text(sentence.segments, engine).split()))


def unit_text(unit: Unit, engine: bool = False) -> str:
    """A unit's words as spoken: its label announced, then its sentences (``engine``: as
    given to an engine without SSML, see ``spoken_text``)."""
    body = " ".join(sentence_text(s, engine) for s in unit.sentences)
    if not body:  # a heading with nothing to say is still announced ("Section.")
        return f"{unit.label}." if unit.label else ""
    return f"{unit.label}: {body}" if unit.label else body


def sentence_starts(unit: Unit, engine: bool = True) -> list[int]:
    """Where each sentence starts in ``unit_text(unit, engine)``, in characters (the first at 0,
    with the label): what a clip's word timings are matched against to time its sentences."""
    starts: list[int] = []
    position = len(unit.label) + 2 if unit.label else 0
    for sentence in unit.sentences:
        starts.append(position if starts else 0)
        position += len(sentence_text(sentence, engine)) + 1
    return starts


def sentence_splitter(doc: Document) -> Callable[[tuple[Inline, ...]], tuple[Sentence, ...]]:
    """The planner's own sentence split of a run of inlines, with the page's terms: so written
    sentences can be cut where the spoken ones end (``speech.written``)."""
    return _Planner(doc, Settings()).sentences


def _merge_pauses(units: list[Unit]) -> tuple[Unit, ...]:
    """One pause between two units, the longer of the two asked for, carried by the later one.

    So a paragraph's pause and the pause before the next heading are not added up, and every
    rendering sees exactly one gap.
    """
    out: list[Unit] = []
    carried = 0
    for unit in units:
        if unit.role == "pause":  # a scene break lengthens the next gap, it adds none of its own
            carried = max(carried, unit.pause_after)
            out.append(replace(unit, pause_before=0, pause_after=0))
            continue
        gap = max(carried, unit.pause_before) if out else 0
        carried = unit.pause_after
        out.append(replace(unit, pause_before=gap, pause_after=0))
    return tuple(out)


_RECENT: list[tuple[Document, Settings, Plan]] = []
"""The last pages' plans in this process: a build hands the same tree to every format, and the
SSML, narration, audio, read-along and DAISY formats all speak it (the plan is immutable)."""
RECENT_PLANS = 4


def build_plan(doc: Document, settings: Settings | None = None) -> Plan:
    """The page's speech plan (made once per tree and settings in a process; its report of
    guessed sayings is warned on every call, so each build that asks hears it)."""
    settings = settings or Settings()
    plan = next((p for d, s, p in _RECENT if d is doc and s == settings), None)
    if plan is None:
        planner = _Planner(doc, settings)
        for block in doc.blocks:
            planner.block(block)
        plan = Plan(doc.meta.lang, doc.meta.title, _merge_pauses(planner.units), tuple(planner.guesses.values()))
        _RECENT.insert(0, (doc, settings, plan))
        del _RECENT[RECENT_PLANS:]
    for message in guess_report(plan):
        warn(message)
    return plan


REPORTED = 12
"""How many tokens a report line names before "and N more"."""


def _listed(tokens: list[str]) -> str:
    shown = ", ".join(tokens[:REPORTED])
    return shown + (f" and {len(tokens) - REPORTED} more" if len(tokens) > REPORTED else "")


def guess_report(plan: Plan) -> list[str]:
    """One line for the tokens spelled because no lexicon knows them, one for the rest said
    by rule: what an author should check, and where to change it."""
    spelled = [g.written for g in plan.guesses if g.rule == "letters"]
    ruled = [f"{g.written} ({g.rule}: {g.said})" for g in plan.guesses if g.rule != "letters"]
    lines = []
    if spelled:
        lines.append(f"said letter by letter: {_listed(spelled)}; add them to lexicon.pls to change")
    if ruled:
        lines.append(f"said by rule: {_listed(ruled)}; add them to lexicon.pls to change")
    return lines


def script_lines(plan: Plan) -> list[str]:
    """The plan as a person reads it: one line a unit, a blank line where speech pauses
    between paragraphs or sections (none between the items of one list)."""
    lines: list[str] = []
    previous_group = ""
    for unit in plan.units:
        text = unit_text(unit)
        if lines and not (unit.group and unit.group == previous_group):
            lines.append("")
        if text:
            lines.append(text)
        previous_group = unit.group
    return lines
