"""The ``pdf`` format: a print-ready, tagged (PDF/UA-1) handout and a large-print edition.

``<slug>.pdf`` is US Letter, and ``<slug>-large-print.pdf`` uses the style's ``[pdf.large_print]``
overrides; on A4 (the style's ``paper`` or ``--paper a4``) they are ``<slug>-a4.pdf`` and
``<slug>-large-print-a4.pdf``, so an A4 build never overwrites the Letter handouts. Each file is laid out once per process
(cached), so the EPUB's page map and the PDF share one layout; the page map is also kept in the
build's cache folder for later builds (pagecache.py).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from roleexport.exporters import ExportOptions
from roleexport.exporters.pdf import lazyregex, pagecache
from roleexport.model import Document
from roleexport.pagemap import PageMap, PageStart
from roleexport.styles import Style

lazyregex.install()  # before any module of this package imports ReportLab's platypus

if TYPE_CHECKING:
    from roleexport.exporters.pdf.layout import Rendered
    from roleexport.exporters.pdf.remedies import Plan
    from roleexport.exporters.pdf.settings import PdfSettings


class PdfExporter:
    """Both PDFs of a page."""

    name = "pdf"
    description = "Tagged PDF/UA-1 handout (Letter or A4) and a large-print edition"
    requires: frozenset[str] = frozenset()
    reads: tuple[str, ...] = ("paper",)

    def outputs(self, doc: Document) -> list[str]:
        """The Letter editions' names (see ``file_name`` for A4)."""
        return [file_name(doc.meta.slug, "letter", False), file_name(doc.meta.slug, "letter", True)]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        slug = doc.meta.slug
        regular = file_name(slug, _settings(style, options.paper, False).paper, False)
        large = file_name(slug, _settings(style, options.paper, True).paper, True)
        key = pagecache.key(doc, style, options.paper) if options.cache_dir is not None else ""
        plans = pagecache.plans(options.cache_dir, doc, key) if key else {}
        editions = {
            edition: _rendered(doc, style, options.paper, edition == "large", plans.get(edition))
            for edition in ("regular", "large")
        }
        files = {regular: editions["regular"].pdf, large: editions["large"].pdf}
        if key:  # an EPUB built later need not lay the handout out again, nor a PDF try its remedies
            page_map = self._page_map(doc, style, options.paper)
            pagecache.store(options.cache_dir, doc, key, page_map, {e: r.plan for e, r in editions.items()})
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
        rendered = _rendered(doc, style, paper, False, draw=False)
        pages = tuple(PageStart(i + 1, block, offset) for i, (block, offset) in enumerate(rendered.starts) if block)
        chosen = _settings(style, paper, False).paper
        return PageMap(edition=f"{file_name(doc.meta.slug, chosen, False)}, {PAPER_NAMES[chosen]}", pages=pages)


PAPER_NAMES = {"letter": "US Letter", "a4": "A4"}


def file_name(slug: str, paper: str, large_print: bool) -> str:
    """``<slug>[-large-print][-a4].pdf``: each paper's editions under their own names."""
    return f"{slug}{'-large-print' if large_print else ''}{'' if paper == 'letter' else '-' + paper}.pdf"


def _settings(style: Style, paper: str | None, large: bool) -> PdfSettings:
    from roleexport.exporters.pdf.settings import settings

    return settings(style, paper, large)


_RENDERED: OrderedDict[tuple[object, ...], Rendered] = OrderedDict()


def _rendered(
    doc: Document, style: Style, paper: str | None, large: bool, plan: Plan | None = None, draw: bool = True
) -> Rendered:
    """One edition laid out (and, when ``draw``, drawn, to be written), cached per process by
    (tree, style digest, paper, edition); ``plan``: the remedies an earlier layout from the same
    inputs settled on (``layout.render``). A page map needs no drawing: a drawn layout serves
    it, and a layout only measured for it gives its remedies to the drawing, which then lays
    the page out once."""
    from roleexport.exporters.pdf.layout import render
    from roleexport.i18n import for_page
    from roleexport.pageurl import with_page_url

    key = (doc, style.digest, str(style.folder), paper, large)
    found = _RENDERED.get(key)
    if found is not None and (found.drawn or not draw):
        _RENDERED.move_to_end(key)
        return found
    cat = for_page(doc.meta.lang, style)
    # the source line on page 1 gives the page's address, the style's template when the page has none
    printed = with_page_url(doc, style)
    plan = found.plan if found is not None else plan
    result = _RENDERED[key] = render(printed, _settings(style, paper, large), style.folder, cat, plan, draw)
    _RENDERED.move_to_end(key)
    if len(_RENDERED) > 8:
        _RENDERED.popitem(last=False)
    return result


def clear_cache() -> None:
    """Forget cached layouts (tests rebuild from scratch to check reproducibility)."""
    _RENDERED.clear()
