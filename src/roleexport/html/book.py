"""The tree split into content documents as a ``Layout`` says, with every id indexed.

A layout is the policy a packaging format passes in: its dialect, where to cut the tree into
files, how a file is named, how a link to an id in some file is written, and the empty
document each part is written into. The EPUB cuts at every top-level section and links
``part-02.xhtml#id``; the web page is one file linking ``#id``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lxml import etree

from roleexport import walk
from roleexport.html.markup import Dialect, clean
from roleexport.i18n import Catalogue
from roleexport.model import Block, Document, Heading, Inline


@dataclass
class Chapter:
    """One content document."""

    file_name: str
    title: str
    html: etree._Element
    body: etree._Element
    """Where the content goes: ``<body>``, or the ``<main>`` of a page with landmarks."""


Spans = Mapping[str, tuple[tuple[str, tuple[Inline, ...]], ...]]
"""Block id → (id, inlines) of each of its sentences."""

Shell = Callable[[Document, str, str], Chapter]
"""(document, file name, part heading or "") → an empty content document."""


def link_in_file(file_name: str, ident: str) -> str:
    """A link that names its file (a book of several documents)."""
    return f"{file_name}#{ident}"


def link_in_page(file_name: str, ident: str) -> str:
    """A link within the one page."""
    return f"#{ident}"


@dataclass(frozen=True)
class Layout:
    """How a format wants the tree split, named, linked and wrapped."""

    dialect: Dialect
    shell: Shell
    cat: Catalogue
    """The page's catalogue: the words the writer adds (image placeholders), in its language."""
    split_level: int | None = None
    """Parts start at headings of this level or higher; None: one document."""
    file_name: Callable[[int], str] = lambda n: f"part-{n:02d}.xhtml"
    """The name of part ``n`` (from 1)."""
    link: Callable[[str, str], str] = link_in_file
    """(file name, id) → href."""
    label: str = "HTML"
    """The format's name in warnings."""
    sentences: Spans = field(default_factory=dict)
    """Block id → (id, inlines) of each sentence, each written as a ``<span id>`` inside the
    block (read-along formats highlight sentence by sentence; see ``speech.written``)."""


@dataclass
class Book:
    """The content documents, and where each tree id ended up (for links, contents and page breaks)."""

    layout: Layout
    chapters: list[Chapter]
    file_of: dict[str, str] = field(default_factory=dict)
    headings: list[tuple[int, str, str]] = field(default_factory=list)
    """(level, text, href) of every heading in reading order: the contents list."""

    @property
    def dialect(self) -> Dialect:
        return self.layout.dialect

    def href(self, block_id: str) -> str:
        return self.layout.link(self.file_of[block_id], block_id)

    def element(self, block_id: str) -> etree._Element | None:
        """The element carrying a tree id, if the book has one."""
        file_name = self.file_of.get(block_id)
        for chapter in self.chapters:
            if chapter.file_name == file_name:
                found = chapter.body.xpath("descendant-or-self::*[@id=$id]", id=block_id)
                return found[0] if found else None
        return None


def split(blocks: tuple[Block, ...], level: int | None) -> list[tuple[Block, ...]]:
    """Blocks cut before every heading of ``level`` or higher (the first part keeps the title)."""
    if level is None:
        return [blocks] if blocks else []
    parts: list[list[Block]] = [[]]
    for block in blocks:
        if isinstance(block, Heading) and block.level <= level and parts[-1]:
            parts.append([])
        parts[-1].append(block)
    return [tuple(p) for p in parts if p]


def document(dialect: Dialect, doc: Document, file_name: str, heading: str) -> Chapter:
    """An empty document titled "heading - page title" (the page title alone for the first part)."""
    html = dialect.h("html")
    dialect.set_lang(html, doc.meta.lang)
    head = dialect.h("head", parent=html)
    if dialect.html5:
        dialect.h("meta", {"charset": "utf-8"}, head)
    else:  # XHTML 1.0 knows no <meta charset>
        dialect.h("meta", {"http-equiv": "Content-Type", "content": "text/html; charset=utf-8"}, head)
    dialect.h("title", parent=head).text = clean(f"{heading} - {doc.meta.title}" if heading else doc.meta.title)
    body = dialect.h("body", parent=html)
    return Chapter(file_name, heading or doc.meta.title, html, body)


def build(doc: Document, layout: Layout) -> Book:
    """Every content document, with ids indexed (a page with no blocks gets one empty part)."""
    from roleexport.html.writer import Writer

    book = Book(layout, chapters=[])
    parts = split(doc.blocks, layout.split_level) or [()]
    names = [layout.file_name(n) for n in range(1, len(parts) + 1)]
    for name, part in zip(names, parts, strict=True):
        book.file_of.update({node.id: name for node in walk.iter_blocks(part)})
    for n, (name, part) in enumerate(zip(names, parts, strict=True)):
        first = part[0] if part else None
        heading = (
            " ".join(walk.inline_text(first.children, layout.cat).split()) if isinstance(first, Heading) and n else ""
        )
        chapter = layout.shell(doc, name, heading)
        Writer(book, chapter).blocks(part)
        book.chapters.append(chapter)
    return book
