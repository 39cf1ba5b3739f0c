"""The ``summary`` format: a one-sheet summary (front and back, at most 2 pages) a career centre hands out.

Like the O*NET and BLS summaries: the title, category and summary sentence, then the sections the
style chooses (``[summary] sections``, default at a glance, duties, qualifications, outlook), cut
to fit by the layout itself, and a footer box with the address of the full page, EPUB and audio
and its QR code. Tagged PDF/UA-1 like the handout, built from the pdf exporter's public pieces.
``<slug>-summary.pdf``, ``<slug>-summary-a4.pdf`` on A4 paper.
"""

from __future__ import annotations

from roleexport.diagnostics import warn
from roleexport.errors import ExportError
from roleexport.exporters import ExportOptions
from roleexport.i18n import for_page
from roleexport.model import Document
from roleexport.styles import Style

SHEET = 2
"""Pages of one sheet printed on both sides."""


class SummaryExporter:
    """The one-sheet summary."""

    name = "summary"
    description = "One-sheet summary (front and back) with a QR code to the full page, tagged PDF/UA-1"
    requires: frozenset[str] = frozenset()
    reads: tuple[str, ...] = ("paper",)

    def outputs(self, doc: Document) -> list[str]:
        return [f"{doc.meta.slug}-summary.pdf"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        from roleexport.exporters.pdf.settings import settings
        from roleexport.exporters.summary.choose import Cut, sections, summary_settings
        from roleexport.exporters.summary.sheet import compact, lay_out
        from roleexport.pageurl import with_page_url

        chosen = summary_settings(style)
        s = compact(settings(style, options.paper, False))
        t = for_page(doc.meta.lang, style)
        doc = with_page_url(doc, style)
        cut = Cut(sections(doc, chosen, t), chosen)
        split = False  # a page break before the back's first section, once one side is not enough
        while True:
            back = cut.back_start() if split else None
            sheet = lay_out(cut.document(doc, t), s, style.folder, doc.meta.url, t, back)
            if sheet.pages == 1 or (back is not None and sheet.pages <= SHEET):
                break
            if back is None and not split and cut.back_start() is not None:
                split = True
                continue
            if back is None and sheet.pages <= SHEET:
                break  # no back section to begin the back with: the sheet flows on
            side = None if back is None else sheet.front_pages > 1  # the front overflows, or the back
            if not (cut.cut(side) or cut.cut()):
                where = doc.meta.source_name or doc.meta.slug
                raise ExportError(
                    f"summary: {where} does not fit on one sheet even with every list cut to one item "
                    f"({sheet.pages} pages); shorten its summary sentence or facts, or list fewer sections"
                )
        dropped = cut.report()
        if dropped:
            warn(
                f"the summary of {doc.meta.slug} leaves out (the style's item limits and one sheet): {'; '.join(dropped)}"
            )
        suffix = "-a4" if s.paper == "a4" else ""
        return {f"{doc.meta.slug}-summary{suffix}.pdf": sheet.pdf()}
