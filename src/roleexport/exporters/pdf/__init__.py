"""The ``pdf`` format: a print-ready, tagged (PDF/UA-1) handout and a large-print edition.

``<slug>.pdf`` is US Letter unless the style or ``--paper`` says A4; ``<slug>-large-print.pdf``
uses the style's ``[pdf.large_print]`` overrides. Layout runs twice per file (the first pass
counts pages for "Page N of M"); the first pass is cached per process, so the EPUB's page
map and the PDF share one layout.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from roleexport.exporters import ExportOptions
from roleexport.model import Document
from roleexport.pagemap import PageMap, PageStart
from roleexport.styles import Style

if TYPE_CHECKING:
    from roleexport.exporters.pdf.layout import Rendered


class PdfExporter:
    """Both PDFs of a page."""

    name = "pdf"
    description = "Tagged PDF/UA-1 handout (Letter or A4) and a large-print edition"

    def outputs(self, doc: Document) -> list[str]:
        slug = doc.meta.slug
        return [f"{slug}.pdf", f"{slug}-large-print.pdf"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        regular, large = self.outputs(doc)
        return {
            regular: _final(doc, style, options.paper, False),
            large: _final(doc, style, options.paper, True),
        }

    def page_map(self, doc: Document, style: Style, options: ExportOptions) -> PageMap:
        """Where each page of the regular handout starts, in the tree's terms (for the EPUB page-list).

        Each page maps to the innermost text-bearing block its first body text belongs to (a
        heading, a paragraph, also inside a list item or the letter, a fact's label), and to how
        many characters of that block's whitespace-normalised text precede the page start.
        """
        first = _first_pass(doc, style, options.paper, False)
        pages = tuple(PageStart(i + 1, block, offset) for i, (block, offset) in enumerate(first.starts) if block)
        paper = _settings(style, options.paper, False).paper
        return PageMap(edition=f"print-{paper}", pages=pages)


def _settings(style: Style, paper: str | None, large: bool):  # type: ignore[no-untyped-def]
    from roleexport.exporters.pdf.settings import settings

    return settings(style, paper, large)


_FIRST_PASSES: OrderedDict[tuple[object, ...], Rendered] = OrderedDict()


def _first_pass(doc: Document, style: Style, paper: str | None, large: bool) -> Rendered:
    """The counting pass, cached per process by (tree, style digest, paper, edition)."""
    from roleexport.exporters.pdf.layout import render

    key = (doc, style.digest, str(style.folder), paper, large)
    if key in _FIRST_PASSES:
        _FIRST_PASSES.move_to_end(key)
        return _FIRST_PASSES[key]
    result = _FIRST_PASSES[key] = render(doc, _settings(style, paper, large), style.folder)
    if len(_FIRST_PASSES) > 8:
        _FIRST_PASSES.popitem(last=False)
    return result


def clear_cache() -> None:
    """Forget cached layouts (tests rebuild from scratch to check reproducibility)."""
    _FIRST_PASSES.clear()


def _final(doc: Document, style: Style, paper: str | None, large: bool) -> bytes:
    from roleexport.exporters.pdf.layout import render

    first = _first_pass(doc, style, paper, large)
    return render(doc, _settings(style, paper, large), style.folder, total=first.pages).pdf
