"""The ``pdf`` format: a print-ready, tagged (PDF/UA-1) handout and a large-print edition.

``<slug>.pdf`` is US Letter unless the style or ``--paper`` says A4; ``<slug>-large-print.pdf``
uses the style's ``[pdf.large_print]`` overrides. Each file is laid out once per process
(cached), so the EPUB's page map and the PDF share one layout; the page map is also kept in the
build's cache folder for later builds (pagecache.py).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from roleexport.exporters import ExportOptions
from roleexport.exporters.pdf import pagecache
from roleexport.model import Document
from roleexport.pagemap import PageMap, PageStart
from roleexport.styles import Style

if TYPE_CHECKING:
    from roleexport.exporters.pdf.layout import Rendered
    from roleexport.exporters.pdf.settings import PdfSettings


class PdfExporter:
    """Both PDFs of a page."""

    name = "pdf"
    description = "Tagged PDF/UA-1 handout (Letter or A4) and a large-print edition"
    requires: frozenset[str] = frozenset()

    def outputs(self, doc: Document) -> list[str]:
        slug = doc.meta.slug
        return [f"{slug}.pdf", f"{slug}-large-print.pdf"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        regular, large = self.outputs(doc)
        files = {
            regular: _rendered(doc, style, options.paper, False).pdf,
            large: _rendered(doc, style, options.paper, True).pdf,
        }
        if options.cache_dir is not None:  # an EPUB built later need not lay the handout out again
            pagecache.store(
                options.cache_dir,
                doc,
                pagecache.key(doc, style, options.paper),
                self._page_map(doc, style, options.paper),
            )
        return files

    def page_map(self, doc: Document, style: Style, options: ExportOptions) -> PageMap:
        """Where each page of the regular handout starts, in the tree's terms (for the EPUB page-list).

        Each page maps to the innermost text-bearing block its first body text belongs to (a
        heading, a question's heading, a paragraph, also one inside a list item or the letter,
        a fact's label) and to how many characters of that block's whitespace-normalised text
        come before the page start (0 when the block starts the page). Taken from the build's
        cache folder when an earlier build laid out the same handout.
        """
        if options.cache_dir is None:
            return self._page_map(doc, style, options.paper)
        key = pagecache.key(doc, style, options.paper)
        found = pagecache.load(options.cache_dir, doc, key)
        if found is None:
            found = self._page_map(doc, style, options.paper)
            pagecache.store(options.cache_dir, doc, key, found)
        return found

    @staticmethod
    def _page_map(doc: Document, style: Style, paper: str | None) -> PageMap:
        rendered = _rendered(doc, style, paper, False)
        pages = tuple(PageStart(i + 1, block, offset) for i, (block, offset) in enumerate(rendered.starts) if block)
        return PageMap(edition=f"print-{_settings(style, paper, False).paper}", pages=pages)


def _settings(style: Style, paper: str | None, large: bool) -> PdfSettings:
    from roleexport.exporters.pdf.settings import settings

    return settings(style, paper, large)


_RENDERED: OrderedDict[tuple[object, ...], Rendered] = OrderedDict()


def _rendered(doc: Document, style: Style, paper: str | None, large: bool) -> Rendered:
    """One edition laid out and written, cached per process by (tree, style digest, paper, edition)."""
    from roleexport.exporters.pdf.layout import render

    key = (doc, style.digest, str(style.folder), paper, large)
    if key in _RENDERED:
        _RENDERED.move_to_end(key)
        return _RENDERED[key]
    result = _RENDERED[key] = render(doc, _settings(style, paper, large), style.folder)
    if len(_RENDERED) > 8:
        _RENDERED.popitem(last=False)
    return result


def clear_cache() -> None:
    """Forget cached layouts (tests rebuild from scratch to check reproducibility)."""
    _RENDERED.clear()
