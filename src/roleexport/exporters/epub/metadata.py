"""What the package document says about the booklet: bibliographic data and accessibility claims.

The accessibility summary is written from what this book really contains (counted from the
tree and the built XHTML), so it never promises page numbers without a page-list, or
abbreviation expansions a page does not have.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ebooklib import epub

from roleexport import walk
from roleexport.exporters.epub.package import add_meta, identifier
from roleexport.model import Abbr, BulletList, Document, Facts, Image, Lang, Letter, OrderedList, QuestionAnswer

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability")
# printPageNumbers as the issue and older reading systems know it; pageBreakMarkers is its newer name.
PAGE_FEATURES = ("pageNavigation", "printPageNumbers", "pageBreakMarkers")


@dataclass(frozen=True)
class PrintEdition:
    """The printed handout the page-list follows (``edition`` as the page map names it)."""

    title: str
    edition: str
    pages: int

    @property
    def name(self) -> str:
        """How ``dc:source`` names it."""
        return f"{self.title}: printed handout ({self.edition})"


def _inlines(doc: Document) -> list[object]:
    """Every inline node of the document (nested ones included)."""
    found: list[object] = []
    stack: list[object] = []
    for block in walk.iter_blocks(doc.blocks):
        for attr in ("children", "label"):
            stack.extend(getattr(block, attr, ()))
        for row in getattr(block, "rows", ()):
            for cell in row:
                stack.extend(cell.children)
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(getattr(node, "children", ()))
    return found


def summary(doc: Document, edition: PrintEdition | None) -> str:
    """The ``schema:accessibilitySummary``: what a reader can rely on in this booklet."""
    blocks = list(walk.iter_blocks(doc.blocks))
    inlines = _inlines(doc)
    kinds = {type(b) for b in blocks}
    structure = [
        f"all {len(walk.headings(doc))} headings are in the table of contents"
        if walk.headings(doc)
        else "the table of contents leads to the text"
    ]
    if kinds & {BulletList, OrderedList}:
        structure.append("lists are marked up as lists")
    if Facts in kinds:
        structure.append("the key facts are a list of terms and descriptions")
    if QuestionAnswer in kinds:
        structure.append("each question is a heading followed by its answer")
    if Letter in kinds:
        structure.append("the sample letter is set off as a quotation")
    sentences = [
        f"{doc.meta.title} is a text-only booklet that reads in the order of the printed page; "
        + (", ".join(structure[:-1]) + " and " if len(structure) > 1 else "")
        + structure[-1]
        + "."
    ]
    expanded = {n.term for n in inlines if isinstance(n, Abbr) and n.expansion}
    if expanded:
        sentences.append(f"{len(expanded)} abbreviations carry their expansions.")
    if any(isinstance(n, Lang) for n in inlines):
        sentences.append("Passages in another language are marked with their language.")
    if any(isinstance(n, Image) for n in inlines):
        sentences.append("Images are not included; their descriptions are part of the text.")
    if edition:
        sentences.append(
            f"Page breaks and a page list follow the {edition.pages} pages of the printed handout ({edition.edition})."
        )
    sentences.append(
        "There is no audio, video, animation or flashing content, and the reading app's font, size, "
        "spacing and colour settings apply throughout."
    )
    return " ".join(sentences)


def describe(
    book: epub.EpubBook, doc: Document, modified: dt.datetime, edition: PrintEdition | None, certified_by: str
) -> None:
    """Fill the package metadata of ``book``."""
    meta = doc.meta
    book.set_identifier(identifier(meta.publisher, meta.slug))
    book.set_title(meta.title)
    book.set_language(meta.lang)
    book.set_unique_metadata("OPF", "generator", "", {"name": "generator", "content": "roleexport"})
    if meta.publisher:
        book.add_metadata("DC", "publisher", meta.publisher)
        book.add_metadata("DC", "creator", meta.publisher, {"id": "creator"})
    if meta.summary:
        book.add_metadata("DC", "description", meta.summary)
    if meta.category:
        book.add_metadata("DC", "subject", meta.category)
    if meta.updated:  # a real date only: the fallback stamp must not pass as a publication date
        book.add_metadata("DC", "date", modified.strftime("%Y-%m-%d"))
    if edition:
        book.add_metadata("DC", "source", edition.name, {"id": "print-edition"})
        add_meta(book, "source-of", "pagination", refines="#print-edition")

    add_meta(book, "schema:accessMode", "textual")
    add_meta(book, "schema:accessModeSufficient", "textual")
    for feature in FEATURES + (PAGE_FEATURES if edition else ()):
        add_meta(book, "schema:accessibilityFeature", feature)
    add_meta(book, "schema:accessibilityHazard", "none")
    add_meta(book, "schema:accessibilitySummary", summary(doc, edition))
    add_meta(book, "dcterms:conformsTo", CONFORMS_TO, id="conformance")
    add_meta(book, "a11y:certifiedBy", certified_by, refines="#conformance")
