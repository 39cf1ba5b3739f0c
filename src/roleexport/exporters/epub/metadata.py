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
from roleexport.i18n import Catalogue
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

    def name(self, cat: Catalogue) -> str:
        """How ``dc:source`` names it."""
        return cat("pdf_edition", title=self.title, edition=self.edition)


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


def summary(doc: Document, edition: PrintEdition | None, cat: Catalogue, narrated_minutes: int = 0) -> str:
    """The ``schema:accessibilitySummary``: what a reader can rely on in this booklet, in the
    page's language; ``narrated_minutes`` when the booklet is also read aloud (read-along)."""
    blocks = list(walk.iter_blocks(doc.blocks))
    inlines = _inlines(doc)
    kinds = {type(b) for b in blocks}
    count = len(walk.headings(doc))
    structure = [cat.plural("a11y_headings", count) if count else cat("a11y_toc")]
    if kinds & {BulletList, OrderedList}:
        structure.append(cat("a11y_lists"))
    if Facts in kinds:
        structure.append(cat("a11y_facts"))
    if QuestionAnswer in kinds:
        structure.append(cat("a11y_questions"))
    if Letter in kinds:
        structure.append(cat("a11y_letter"))
    opening = "a11y_reading_narrated" if narrated_minutes else "a11y_reading"
    sentences = [cat(opening, title=doc.meta.title, structure=cat.join(structure))]
    expanded = {n.term for n in inlines if isinstance(n, Abbr) and n.expansion}
    if expanded:
        sentences.append(cat.plural("a11y_abbreviations", len(expanded)))
    if any(isinstance(n, Lang) for n in inlines):
        sentences.append(cat("a11y_foreign"))
    if any(isinstance(n, Image) for n in inlines):
        sentences.append(cat("a11y_images"))
    if edition:
        sentences.append(cat.plural("a11y_pages", edition.pages, edition=edition.edition))
    if narrated_minutes:
        sentences.append(cat("a11y_narrated", minutes=narrated_minutes))
        sentences.append(cat("a11y_no_video"))
    else:
        sentences.append(cat("a11y_no_media"))
    return " ".join(sentences)


def describe(
    book: epub.EpubBook,
    doc: Document,
    modified: dt.datetime,
    edition: PrintEdition | None,
    certified_by: str,
    cat: Catalogue,
) -> None:
    """Fill the package metadata of ``book`` (its words from the page's catalogue ``cat``)."""
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
        book.add_metadata("DC", "source", edition.name(cat), {"id": "print-edition"})
        add_meta(book, "source-of", "pagination", refines="#print-edition")

    add_meta(book, "schema:accessMode", "textual")
    add_meta(book, "schema:accessModeSufficient", "textual")
    for feature in FEATURES + (PAGE_FEATURES if edition else ()):
        add_meta(book, "schema:accessibilityFeature", feature)
    add_meta(book, "schema:accessibilityHazard", "none")
    add_meta(book, "schema:accessibilitySummary", summary(doc, edition, cat))
    add_meta(book, "dcterms:conformsTo", CONFORMS_TO, id="conformance")
    add_meta(book, "a11y:certifiedBy", certified_by, refines="#conformance")
