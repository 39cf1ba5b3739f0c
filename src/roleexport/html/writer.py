"""Blocks and inlines as semantic HTML elements.

Sections nest as the outline does (``<section aria-labelledby>`` per heading; ``<div
class="section">`` in XHTML 1.0). Every heading, paragraph, list item, fact label and
question/answer carries its block's id from the tree, so page breaks, the contents, media
overlays and links can point into the text by the tree's ids. Nothing from the source ever
becomes active markup: text is text, links are only the safe targets the reader let
through, and no attribute comes from the source but ``href``, ``title`` (abbreviation
expansions) and ``lang``. Every match ends in ``assert_never``, so a new node type is a type
error here rather than text that silently vanishes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, assert_never

from lxml import etree

from roleexport import walk
from roleexport.diagnostics import warn
from roleexport.html.markup import clean
from roleexport.model import (
    Abbr,
    Block,
    BlockQuote,
    BulletList,
    Code,
    CodeBlock,
    Emph,
    Facts,
    Heading,
    Image,
    Inline,
    Lang,
    Letter,
    LineBreak,
    Link,
    ListItem,
    OrderedList,
    Paragraph,
    QuestionAnswer,
    Strong,
    Table,
    TableCell,
    Text,
    ThematicBreak,
)
from roleexport.xmltext import append_text

if TYPE_CHECKING:
    from roleexport.html.book import Book, Chapter


def add_text(parent: etree._Element, text: str) -> None:
    """Append text after whatever ``parent`` already holds, minus what XML cannot hold."""
    append_text(parent, clean(text))


class Writer:
    """Renders one content document's blocks; sections open and close as heading levels go."""

    def __init__(self, book: Book, chapter: Chapter) -> None:
        self.book = book
        self.dialect = book.dialect
        self.h = book.dialect.h
        self.chapter = chapter
        self.sections: list[tuple[int, etree._Element]] = []

    def parent(self) -> etree._Element:
        return self.sections[-1][1] if self.sections else self.chapter.body

    def open_section(self, level: int, heading_id: str, section_id: str | None = None) -> etree._Element:
        while self.sections and self.sections[-1][0] >= level:
            self.sections.pop()
        attrs = {"id": section_id} if section_id else {}
        if not self.dialect.html5:
            return self.h("div", {"class": "section"} | attrs, self.parent())
        return self.h("section", {"aria-labelledby": heading_id} | attrs, self.parent())

    def blocks(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            match block:
                case Heading():
                    section = self.open_section(block.level, block.id)
                    self.heading(block, section)
                    self.sections.append((block.level, section))
                case QuestionAnswer(question=q, answer=answer):
                    section = self.open_section(q.level, q.id, block.id)
                    section.set("class", "qa")
                    self.heading(q, section)
                    for inner in answer:
                        self.block(inner, section)
                case _:
                    self.block(block, self.parent())

    def heading(self, heading: Heading, parent: etree._Element) -> None:
        level = min(max(heading.level, 1), 6)
        self.text(heading.id, heading.children, self.h(f"h{level}", {"id": heading.id}, parent))
        text = " ".join(walk.inline_text(heading.children, self.book.layout.cat).split())
        self.book.headings.append((heading.level, text, self.book.href(heading.id)))

    def block(self, block: Block, parent: etree._Element) -> None:
        h = self.h
        match block:
            case Heading():  # a heading nested in a list or quote: shown, but opens no section
                self.heading(block, parent)
            case Paragraph(id=block_id, children=children):
                self.text(block_id, children, h("p", {"id": block_id}, parent))
            case BulletList(id=block_id, items=items):
                self.items(items, h("ul", {"id": block_id}, parent))
            case OrderedList(id=block_id, start=start, items=items):
                attrs = {"id": block_id} | ({"start": str(start)} if start != 1 and self.dialect.html5 else {})
                if start != 1 and not self.dialect.html5:  # XHTML 1.0 Strict has no 'start'
                    warn(f"{self.book.layout.label}: a list numbered from {start} is shown numbered from 1")
                self.items(items, h("ol", attrs, parent))
            case Facts(id=block_id, items=facts):
                dl = h("dl", {"id": block_id, "class": "facts"}, parent)
                for fact in facts:
                    self.inlines(fact.label, h("dt", {"id": fact.id}, dl))
                    dd = h("dd", parent=dl)
                    for inner in fact.value:
                        self.block(inner, dd)
            case QuestionAnswer(id=block_id, question=q, answer=answer):
                div = h("div", {"id": block_id, "class": "qa"}, parent)
                self.heading(q, div)
                for inner in answer:
                    self.block(inner, div)
            case Letter(id=block_id, blocks=inner_blocks) | BlockQuote(id=block_id, blocks=inner_blocks):
                attrs = {"id": block_id} | ({"class": "letter"} if isinstance(block, Letter) else {})
                quote = h("blockquote", attrs, parent)
                for inner in inner_blocks:
                    self.block(inner, quote)
            case CodeBlock(id=block_id, text=text):
                h("code", parent=h("pre", {"id": block_id}, parent)).text = clean(text)
            case Table(id=block_id, rows=rows):
                self.table(block_id, rows, parent)
            case ThematicBreak(id=block_id):
                h("hr", {"id": block_id}, parent)
            case _:
                assert_never(block)

    def items(self, items: tuple[ListItem, ...], parent: etree._Element) -> None:
        for item in items:
            li = self.h("li", {"id": item.id}, parent)
            for inner in item.blocks:
                self.block(inner, li)

    def table(self, block_id: str, rows: tuple[tuple[TableCell, ...], ...], parent: etree._Element) -> None:
        h = self.h
        table = h("table", {"id": block_id}, parent)
        body_rows = rows
        if rows and all(cell.header for cell in rows[0]):
            row = h("tr", parent=h("thead", parent=table))
            for cell in rows[0]:
                self.inlines(cell.children, h("th", {"scope": "col"}, row))
            body_rows = rows[1:]
        tbody = h("tbody", parent=table)
        for cells in body_rows:
            row = h("tr", parent=tbody)
            for cell in cells:
                tag, attrs = ("th", {"scope": "row"}) if cell.header else ("td", {})
                self.inlines(cell.children, h(tag, attrs, row))

    def text(self, block_id: str, inlines: tuple[Inline, ...], parent: etree._Element) -> None:
        """A heading's or paragraph's words, as one ``<span id>`` a sentence when the layout
        asks for sentences; the spaces and line breaks between two sentences stay outside."""
        sentences = self.book.layout.sentences.get(block_id)
        if not sentences:
            self.inlines(inlines, parent)
            return
        for span_id, words in sentences:
            before, rest = leading(words)
            self.inlines(before, parent)
            self.inlines(rest, self.h("span", {"id": span_id}, parent))

    def inlines(self, inlines: tuple[Inline, ...], parent: etree._Element) -> None:
        h = self.h
        for node in inlines:
            match node:
                case Text(text=text):
                    add_text(parent, text)
                case Emph(children=children):
                    self.inlines(children, h("em", parent=parent))
                case Strong(children=children):
                    self.inlines(children, h("strong", parent=parent))
                case Code(text=text):
                    h("code", parent=parent).text = clean(text)
                case Link(target=target, children=children):
                    self.link(target, children, parent)
                case LineBreak():
                    h("br", parent=parent)
                case Abbr(text=text, expansion=expansion):
                    if expansion:
                        h("abbr", {"title": clean(expansion)}, parent).text = clean(text)
                    else:
                        add_text(parent, text)
                case Lang(lang=lang, children=children):
                    span = h("span", parent=parent)
                    self.dialect.set_lang(span, lang)
                    self.inlines(children, span)
                case Image(src=src, alt=alt):
                    label = self.book.layout.label
                    warn(f"{label}: image {src!r} is not embedded; its description is shown instead")
                    placeholder = walk.image_text(alt, self.book.layout.cat)
                    h("span", {"class": "image-description"}, parent).text = clean(placeholder)
                case _:
                    assert_never(node)

    def link(self, target: str, children: tuple[Inline, ...], parent: etree._Element) -> None:
        if target.startswith("#"):
            if target[1:] not in self.book.file_of:
                label = self.book.layout.label
                warn(f"{label}: link to {target!r} points at no heading or block; kept as text")
                self.inlines(children, parent)
                return
            target = self.book.href(target[1:])
        self.inlines(children, self.h("a", {"href": target}, parent))


def leading(inlines: tuple[Inline, ...]) -> tuple[tuple[Inline, ...], tuple[Inline, ...]]:
    """(the spaces and line breaks a sentence starts with, the rest): what goes between two
    sentences' spans rather than inside one."""
    before: list[Inline] = []
    for n, node in enumerate(inlines):
        if isinstance(node, LineBreak) or (isinstance(node, Text) and not node.text.strip()):
            before.append(node)
            continue
        if isinstance(node, Text) and node.text[:1].isspace():
            stripped = node.text.lstrip()
            return (*before, Text(node.text[: len(node.text) - len(stripped)])), (Text(stripped), *inlines[n + 1 :])
        if isinstance(node, Link):  # a link cut at a sentence's end: its space goes before it too
            spaces, rest = leading(node.children)
            if spaces and rest:
                return (*before, *spaces), (Link(node.target, rest), *inlines[n + 1 :])
        return tuple(before), inlines[n:]
    return tuple(before), ()
