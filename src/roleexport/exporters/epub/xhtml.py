"""The content tree as EPUB 3 XHTML content documents, built with lxml (escaped by construction).

The book is split into one document per top-level section (a heading of ``split_level`` or
higher), so reading apps start each part on a fresh screen. Sections nest as the outline
does (``<section aria-labelledby>`` per heading). Every heading, paragraph, list item, fact
label and question/answer carries its block's id from the tree, so page breaks, the nav and
a later read-aloud EPUB (media overlays) can point into the text by the tree's ids.
Nothing from the source ever becomes active markup: text is text, links are only the safe
targets the reader let through, and no attribute comes from the source but ``href``,
``title`` (abbreviation expansions) and ``lang``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from roleexport import walk
from roleexport.diagnostics import warn
from roleexport.i18n import Catalogue, catalogue
from roleexport.model import (
    Abbr,
    Block,
    BlockQuote,
    BulletList,
    Code,
    CodeBlock,
    Document,
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

XHTML = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP = {None: XHTML, "epub": EPUB_NS}

# Characters XML 1.0 cannot carry (lxml refuses them): dropped rather than failing the build.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def h(tag: str, attrib: dict[str, str] | None = None, parent: etree._Element | None = None) -> etree._Element:
    """An XHTML element (``epub:`` prefixed attribute names go to the OPS namespace)."""
    attrs = {(f"{{{EPUB_NS}}}{k[5:]}" if k.startswith("epub:") else k): v for k, v in (attrib or {}).items()}
    if parent is None:
        return etree.Element(f"{{{XHTML}}}{tag}", attrs, nsmap=NSMAP)
    return etree.SubElement(parent, f"{{{XHTML}}}{tag}", attrs)


def clean(text: str) -> str:
    """Text safe for XML 1.0."""
    return _NOT_XML.sub("", text)


def add_text(parent: etree._Element, text: str) -> None:
    """Append text after whatever ``parent`` already holds, minus what XML cannot hold."""
    append_text(parent, clean(text))


def set_lang(element: etree._Element, lang: str) -> None:
    """Both ``lang`` and ``xml:lang``, as EPUB reading systems read either."""
    element.set("lang", lang)
    element.set(XML_LANG, lang)


@dataclass
class Chapter:
    """One XHTML content document of the spine."""

    file_name: str
    title: str
    html: etree._Element
    body: etree._Element


@dataclass
class Book:
    """The content documents, and where each tree id ended up (for links, nav and page breaks)."""

    chapters: list[Chapter]
    file_of: dict[str, str] = field(default_factory=dict)
    headings: list[tuple[int, str, str]] = field(default_factory=list)
    """(level, text, href) of every heading in reading order: the nav's toc."""

    def href(self, block_id: str) -> str:
        return f"{self.file_of[block_id]}#{block_id}"

    def element(self, block_id: str) -> etree._Element | None:
        """The element carrying a tree id, if the book has one."""
        file_name = self.file_of.get(block_id)
        for chapter in self.chapters:
            if chapter.file_name == file_name:
                found = chapter.body.xpath("descendant-or-self::*[@id=$id]", id=block_id)
                return found[0] if found else None
        return None


def split(blocks: tuple[Block, ...], level: int) -> list[tuple[Block, ...]]:
    """Blocks cut before every heading of ``level`` or higher (the first part keeps the title)."""
    parts: list[list[Block]] = [[]]
    for block in blocks:
        if isinstance(block, Heading) and block.level <= level and parts[-1]:
            parts.append([])
        parts[-1].append(block)
    return [tuple(p) for p in parts if p]


def build(doc: Document, stylesheet: str, split_level: int = 2, cat: Catalogue | None = None) -> Book:
    """Every content document of the book, with ids indexed (a page with no blocks gets one empty
    part); generated words (image placeholders) from ``cat``, else the page language's catalogue."""
    cat = cat or catalogue(doc.meta.lang)
    book = Book(chapters=[])
    parts = split(doc.blocks, split_level) or [()]
    names = [f"part-{n:02d}.xhtml" for n in range(1, len(parts) + 1)]
    for name, part in zip(names, parts, strict=True):
        book.file_of.update({node.id: name for node in walk.iter_blocks(part)})
    for n, (name, part) in enumerate(zip(names, parts, strict=True)):
        first = part[0] if part else None
        heading = " ".join(walk.inline_text(first.children, cat).split()) if isinstance(first, Heading) and n else ""
        chapter = _document(doc, name, heading)
        h("link", {"rel": "stylesheet", "type": "text/css", "href": stylesheet}, chapter.html[0])
        _Writer(doc, book, chapter, cat).blocks(part)
        book.chapters.append(chapter)
    return book


def _document(doc: Document, file_name: str, heading: str) -> Chapter:
    """An empty content document titled "heading - book title" (the book title alone for the first)."""
    html = h("html")
    set_lang(html, doc.meta.lang)
    head = h("head", parent=html)
    h("meta", {"charset": "utf-8"}, head)
    h("title", parent=head).text = clean(f"{heading} - {doc.meta.title}" if heading else doc.meta.title)
    body = h("body", parent=html)
    return Chapter(file_name, heading or doc.meta.title, html, body)


# Elements whose content is text: pretty printing must not add whitespace inside them.
_PHRASING = {
    f"{{{XHTML}}}{t}"
    for t in (
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "th",
        "td",
        "pre",
        "a",
        "em",
        "strong",
        "abbr",
        "span",
        "code",
    )
}


def serialize(root: etree._Element) -> bytes:
    """An XHTML document with the HTML doctype, indented between blocks only.

    An empty text node in every text-bearing element keeps libxml2's pretty printer from
    indenting inside it, where added whitespace would change the words (``<pre>``, or two
    adjacent inlines).
    """
    for element in root.iter(*_PHRASING):
        if len(element) and element.text is None:
            element.text = ""
    data: bytes = etree.tostring(
        root, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>", pretty_print=True
    )
    return data


class _Writer:
    """Renders one chapter's blocks; sections open and close as heading levels go."""

    def __init__(self, doc: Document, book: Book, chapter: Chapter, cat: Catalogue) -> None:
        self.doc = doc
        self.cat = cat
        self.book = book
        self.chapter = chapter
        self.sections: list[tuple[int, etree._Element]] = []

    def parent(self) -> etree._Element:
        return self.sections[-1][1] if self.sections else self.chapter.body

    def open_section(self, level: int, heading_id: str, section_id: str | None = None) -> etree._Element:
        while self.sections and self.sections[-1][0] >= level:
            self.sections.pop()
        attrs = {"aria-labelledby": heading_id} | ({"id": section_id} if section_id else {})
        return h("section", attrs, self.parent())

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
        self.inlines(heading.children, h(f"h{level}", {"id": heading.id}, parent))
        text = " ".join(walk.inline_text(heading.children, self.cat).split())
        self.book.headings.append((heading.level, text, self.book.href(heading.id)))

    def block(self, block: Block, parent: etree._Element) -> None:
        match block:
            case Heading():  # a heading nested in a list or quote: shown, but opens no section
                self.heading(block, parent)
            case Paragraph(id=block_id, children=children):
                self.inlines(children, h("p", {"id": block_id}, parent))
            case BulletList(id=block_id, items=items):
                self.items(items, h("ul", {"id": block_id}, parent))
            case OrderedList(id=block_id, start=start, items=items):
                attrs = {"id": block_id} | ({"start": str(start)} if start != 1 else {})
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

    def items(self, items: tuple[ListItem, ...], parent: etree._Element) -> None:
        for item in items:
            li = h("li", {"id": item.id}, parent)
            for inner in item.blocks:
                self.block(inner, li)

    def table(self, block_id: str, rows: tuple[tuple[TableCell, ...], ...], parent: etree._Element) -> None:
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

    def inlines(self, inlines: tuple[Inline, ...], parent: etree._Element) -> None:
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
                    set_lang(span, lang)
                    self.inlines(children, span)
                case Image(src=src, alt=alt):
                    warn(f"EPUB: image {src!r} is not embedded; its description is shown instead")
                    h("span", {"class": "image-description"}, parent).text = clean(walk.image_text(alt, self.cat))

    def link(self, target: str, children: tuple[Inline, ...], parent: etree._Element) -> None:
        if target.startswith("#"):
            if target[1:] not in self.book.file_of:
                warn(f"EPUB: link to {target!r} points at no heading or block; kept as text")
                self.inlines(children, parent)
                return
            target = self.book.href(target[1:])
        self.inlines(children, h("a", {"href": target}, parent))
