"""Which parts of the page the one-sheet summary keeps, and how it is cut to fit.

The style lists sections by words of their heading (``sections``), how many of them go on the
front (``front``; the rest on the back) and how many list items each section keeps (``items``,
a table by the same words). ``Cut`` is the state of the cutting: the layout asks it to give up
one more thing at a time on the side that overflows, in the order a reader loses least: list
items from the end of the longest list, then whole paragraphs from the end of the longest
section, then whole sections from the end. Nothing is ever cut inside a sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from roleexport.i18n import Catalogue
from roleexport.model import (
    Block,
    BlockQuote,
    BulletList,
    Document,
    Emph,
    Fact,
    Facts,
    Heading,
    Inline,
    Letter,
    Link,
    ListItem,
    OrderedList,
    Paragraph,
    QuestionAnswer,
    Text,
)
from roleexport.styles import Style, StyleError, check_table
from roleexport.walk import inline_text

Listing = BulletList | OrderedList | Facts


@dataclass(frozen=True)
class SummarySettings:
    """The style's ``[summary]`` table."""

    sections: tuple[str, ...] = ("at a glance", "duties", "qualifications", "outlook")
    """Sections kept, in this order, each the first H2 whose heading contains the words (any case)."""
    front: int = 2
    """How many of ``sections`` (the first ones) go on the front; the rest begin the back."""
    items: tuple[tuple[str, int], ...] = ()
    """The most list items (or facts) a section's lists keep, by its words in ``sections``."""
    default_items: int = 6
    """The same for a section ``items`` does not name."""

    def items_for(self, term: str) -> int:
        return dict(self.items).get(term, self.default_items)


def summary_settings(style: Style) -> SummarySettings:
    """The ``[summary]`` table checked as the CLI checks a style (unknown keys with a "did you
    mean", wrong types), then the values' own limits."""
    check_table(style, "summary")
    table: Mapping[str, Any] = style.section("summary")
    where = style.folder / f"{style.name}.toml"
    sections = table.get("sections", SummarySettings.sections)
    if not sections or not all(isinstance(s, str) and s.strip() for s in sections):
        raise StyleError("[summary] sections must be a list of heading words", path=where)
    front = table.get("front", SummarySettings.front)
    if front < 0:
        raise StyleError(f"[summary] front must be 0 or more sections, not {front!r}", path=where)
    items = table.get("items", SummarySettings.default_items)
    named = dict(items) if isinstance(items, Mapping) else {"default": items}
    for key, value in named.items():
        if value < 1:
            raise StyleError(f"[summary.items] {key} must be a whole number of at least 1, not {value!r}", path=where)
    default = named.pop("default", SummarySettings.default_items)
    return SummarySettings(tuple(s.strip().lower() for s in sections), front, tuple(sorted(named.items())), default)


@dataclass
class Section:
    """One H2 section of the page and what of its body is kept."""

    term: str
    heading: Heading | None
    """None for the body of a page without sections."""
    body: tuple[Block, ...]
    front: bool = True
    """On the front of the sheet (one of the first sections the style lists), else on the back."""


def sections(doc: Document, chosen: SummarySettings, t: Catalogue) -> list[Section]:
    """The sections the style names, in the style's order; a page without sections keeps its body."""
    if not any(isinstance(b, Heading) and b.level == 2 for b in doc.blocks):
        body = [b for b in doc.blocks if not (isinstance(b, Heading) and b.level == 1)]
        if body and isinstance(body[0], Paragraph) and not doc.meta.summary:
            body = body[1:]  # the first paragraph is already the summary sentence
        return [Section(t("summary_items"), None, tuple(body))] if body else []
    found: list[tuple[Heading, tuple[Block, ...]]] = []
    current: tuple[Heading, list[Block]] | None = None
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level <= 2:
            if current is not None:
                found.append((current[0], tuple(current[1])))
            current = (block, []) if block.level == 2 else None
        elif current is not None:
            current[1].append(block)
    if current is not None:
        found.append((current[0], tuple(current[1])))
    kept: list[Section] = []
    taken: set[str] = set()
    for n, term in enumerate(chosen.sections):
        for heading, content in found:
            if heading.id not in taken and term in " ".join(inline_text(heading.children).lower().split()):
                taken.add(heading.id)
                kept.append(Section(term, heading, content, front=n < chosen.front))
                break
    return kept


def _items(block: Block) -> int:
    return len(block.items) if isinstance(block, BulletList | OrderedList | Facts) else 0


class Cut:
    """What is kept of the chosen sections; ``cut()`` gives up the next thing.

    Every list (a list, nested ones too, or a group of facts) keeps a number of its first items
    (at first its section's limit from the style), every run of blocks (a section's body, a list
    item's blocks, a letter, an answer) a number of its first blocks, and each side of the sheet a
    number of its first sections. A cut may be asked for on one side only: the side that overflows.
    """

    def __init__(self, chosen: list[Section], settings: SummarySettings) -> None:
        self.sections = chosen
        self.dropped: set[int] = set()
        self.kept_items: dict[str, int] = {}
        self.kept_blocks: dict[str, int] = {}
        self.cap = {b.id: settings.items_for(s.term) for s in chosen for b in _walk(s.body)}

    def kept(self, front: bool | None = None) -> list[Section]:
        """The sections still printed, on one side or (None) both."""
        return [s for i, s in enumerate(self.sections) if i not in self.dropped and (front is None or s.front is front)]

    def back_start(self) -> str | None:
        """The heading the back begins with, when both sides have a section; else None."""
        front, back = self.kept(True), self.kept(False)
        if front and back and back[0].heading is not None:
            return back[0].heading.id
        return None

    def _items_kept(self, block: Block) -> int:
        return self.kept_items.get(block.id, min(self.cap.get(block.id, 1), _items(block)))

    def _blocks_kept(self, key: str, blocks: tuple[Block, ...]) -> int:
        return self.kept_blocks.get(key, len(blocks))

    def _visible(
        self, front: bool | None = None
    ) -> tuple[list[tuple[int, str]], list[tuple[int, str, tuple[Block, ...]]]]:
        """The lists (kept items, id) and runs of blocks (kept blocks, key, blocks) now printed."""
        lists: list[tuple[int, str]] = []
        runs: list[tuple[int, str, tuple[Block, ...]]] = []

        def run(key: str, blocks: tuple[Block, ...]) -> None:
            kept = self._blocks_kept(key, blocks)
            runs.append((kept, key, blocks))
            for block in blocks[:kept]:
                visit(block)

        def visit(block: Block) -> None:
            match block:
                case BulletList() | OrderedList():
                    kept = self._items_kept(block)
                    lists.append((kept, block.id))
                    for item in block.items[:kept]:
                        run(item.id, item.blocks)
                case Facts():
                    kept = self._items_kept(block)
                    lists.append((kept, block.id))
                    for fact in block.items[:kept]:
                        run(fact.id, fact.value)
                case Letter() | BlockQuote():
                    run(block.id, block.blocks)
                case QuestionAnswer():
                    run(block.id, block.answer)

        for section in self.kept(front):
            run(_key(section), section.body)
        return lists, runs

    def cut(self, front: bool | None = None) -> bool:
        """Give up one more thing (on the front, the back, or None: anywhere); False when nothing
        is left to give up there. A side's last section is never given up, nor the sheet's."""
        lists, runs = self._visible(front)
        longest = max(((kept, i, key) for i, (kept, key) in enumerate(lists) if kept > 1), default=None)
        if longest is not None:
            kept, _, key = longest
            self.kept_items[key] = kept - 1
            return True
        run = max(((kept, i, key, blocks) for i, (kept, key, blocks) in enumerate(runs) if kept > 1), default=None)
        if run is not None:
            kept, _, key, blocks = run
            kept -= 1
            while kept > 1 and isinstance(blocks[kept - 1], Heading):
                kept -= 1  # a subheading never ends what is kept
            self.kept_blocks[key] = kept
            return True
        side = self.kept(front)
        if len(side) > 1:
            self.dropped.add(self.sections.index(side[-1]))
            return True
        return False

    def document(self, doc: Document, t: Catalogue) -> Document:
        """The summary's tree: title, summary sentence, the kept sections, notes where something was cut."""
        blocks: list[Block] = [_title(doc)]
        sentence = _sentence(doc)
        if sentence:
            blocks.append(Paragraph("summary-sentence", sentence))
        for section in self.kept():
            if section.heading is not None:
                blocks.append(section.heading)
            blocks.extend(self._run(_key(section), section.body, section.term, t))
        dropped = [_name(s) for i, s in enumerate(self.sections) if i in self.dropped]
        if dropped:
            blocks.append(_note("summary-also", t("summary_also", sections=", ".join(dropped))))
        return Document(doc.meta, doc.terms, tuple(blocks))

    def _run(self, key: str, blocks: tuple[Block, ...], term: str, t: Catalogue) -> tuple[Block, ...]:
        kept = self._blocks_kept(key, blocks)
        out: list[Block] = []
        for block in blocks[:kept]:
            out.append(self._shape(block, term, t))
            total, items = _items(block), self._items_kept(block)
            if items < total:
                out.append(_note(f"{block.id}-more", _more(t, total - items, term, block)))
        if kept < len(blocks):
            out.append(_note(f"{key}-more", t("summary_more_text")))
        return tuple(out)

    def _shape(self, block: Block, term: str, t: Catalogue) -> Block:
        match block:
            case BulletList():
                items = block.items[: self._items_kept(block)]
                return BulletList(block.id, tuple(ListItem(i.id, self._run(i.id, i.blocks, term, t)) for i in items))
            case OrderedList():
                items = block.items[: self._items_kept(block)]
                shaped = tuple(ListItem(i.id, self._run(i.id, i.blocks, term, t)) for i in items)
                return OrderedList(block.id, block.start, shaped)
            case Facts():
                facts = block.items[: self._items_kept(block)]
                return Facts(block.id, tuple(Fact(f.id, f.label, self._run(f.id, f.value, term, t)) for f in facts))
            case Letter():
                return Letter(block.id, self._run(block.id, block.blocks, term, t))
            case BlockQuote():
                return BlockQuote(block.id, self._run(block.id, block.blocks, term, t))
            case QuestionAnswer():
                return QuestionAnswer(block.id, block.question, self._run(block.id, block.answer, term, t))
        return block

    def report(self) -> list[str]:
        """What was cut, for the warning."""
        out: list[str] = []
        lists, runs = self._visible()
        cut_items = sum(1 for kept, key in lists if kept < self._total_items(key))
        dropped_items = sum(self._total_items(key) - kept for kept, key in lists)
        if dropped_items:
            out.append(f"{dropped_items} list items from {cut_items} lists")
        dropped_blocks = sum(len(blocks) - kept for kept, _, blocks in runs)
        if dropped_blocks:
            out.append(f"{dropped_blocks} paragraphs or blocks")
        out.extend(f"section {_name(s)!r}" for i, s in enumerate(self.sections) if i in self.dropped)
        return out

    def _total_items(self, key: str) -> int:
        for section in self.sections:
            for block in _walk(section.body):
                if block.id == key:
                    return _items(block)
        return 0


def _walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    for block in blocks:
        yield block
        match block:
            case BulletList() | OrderedList():
                for item in block.items:
                    yield from _walk(item.blocks)
            case Facts():
                for fact in block.items:
                    yield from _walk(fact.value)
            case Letter() | BlockQuote():
                yield from _walk(block.blocks)
            case QuestionAnswer():
                yield from _walk(block.answer)


def _name(section: Section) -> str:
    return inline_text(section.heading.children) if section.heading is not None else section.term


def _key(section: Section) -> str:
    return section.heading.id if section.heading is not None else "summary-body"


def _title(doc: Document) -> Heading:
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level == 1:
            return block
    return Heading("summary-title", 1, (Text(doc.meta.title),))


def _sentence(doc: Document) -> tuple[Inline, ...]:
    """The front matter's summary sentence, else the page's first paragraph."""
    if doc.meta.summary:
        return (Text(doc.meta.summary),)
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            return block.children
        if isinstance(block, Heading) and block.level == 2:
            break
    return ()


def _more(t: Catalogue, n: int, term: str, block: Block) -> str:
    what = t("summary_facts") if isinstance(block, Facts) else term
    return t("summary_more_one") if n == 1 else t("summary_more_items", n=n, what=what)


def _note(ident: str, text: str) -> Paragraph:
    return Paragraph(ident, (Emph((Text(text),)),))


def box_paragraph(url: str, t: Catalogue) -> Paragraph:
    """The footer box's words: where the rest is, the address printed in full (and a link)."""
    return Paragraph("summary-more-at", (Text(t("summary_more_at") + " "), Link(url, (Text(url),))))
