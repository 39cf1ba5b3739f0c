"""The one sheet laid out: the pdf exporter's tagged story in a compact type, and a footer box with
the address of the full page and its QR code (a tagged Figure whose /Alt gives the address)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from roleexport.errors import ExportError
from roleexport.exporters.pdf.flowables import Tagged
from roleexport.exporters.pdf.keeping import KeepWhole
from roleexport.exporters.pdf.layout import body_frame, canvas_maker, fontset, template_keywords
from roleexport.exporters.pdf.metadata import info
from roleexport.exporters.pdf.settings import PdfSettings
from roleexport.exporters.pdf.story import Story
from roleexport.exporters.pdf.tagging import Tag, TaggedCanvas
from roleexport.exporters.summary.choose import box_paragraph
from roleexport.i18n import Catalogue
from roleexport.model import Document

QR_SIZE = 64.0


def compact(s: PdfSettings) -> PdfSettings:
    """The handout's settings made dense enough for one sheet, still in its faces and colours."""
    return replace(
        s,
        margin_top=40,
        margin_bottom=40,
        margin_left=46,
        margin_right=46,
        body_size=9.5,
        leading=1.3,
        h1_size=20,
        h2_size=12.5,
        h3_size=10.5,
        small_size=8,
        paragraph_space=3,
        heading_space=9,
        list_indent=12,
    )


class Sheet:
    """One layout of the summary: its page count, how many pages the front took (all of them when
    the sheet has no back section), and its bytes written on demand."""

    def __init__(self, pages: int, front_pages: int, write: Callable[[], bytes]) -> None:
        self.pages = pages
        self.front_pages = front_pages
        self._write = write

    def pdf(self) -> bytes:
        return self._write()


def lay_out(doc: Document, s: PdfSettings, folder: Path, url: str | None, t: Catalogue, back: str | None) -> Sheet:
    """Lay the summary out once (unsaved); ``back`` is the heading the back begins with, on a new page."""
    f = fontset(s, folder)
    story = Story(doc, s, f, t)
    flow = story.build()
    back_heading = _page_break_before(flow, back) if back else None
    if url:
        flow.append(_box(story, url, t, s))
    doc_info = info(doc.meta, t("summary_title", title=doc.meta.title))
    buf = io.BytesIO()
    made: list[TaggedCanvas] = []
    width = s.pagesize[0]
    frame = body_frame(s)

    def footer(canvas: TaggedCanvas, n: int, total: int) -> None:
        with canvas.artifact("Footer"):
            label = t("page_of", page=n, total=total)
            x = width - s.margin_right - stringWidth(label, f.regular, s.small_size)
            canvas.setFillColor(HexColor(s.muted_colour))
            canvas.setFont(f.regular, s.small_size)
            canvas.drawString(x, s.margin_bottom * 0.45, label)

    template = BaseDocTemplate(buf, pageTemplates=[PageTemplate("page", [frame])], **template_keywords(s, f, doc_info))
    template._doSave = 0
    try:
        template.build(flow, canvasmaker=canvas_maker(story.tagging, doc_info, footer, made))
    except LayoutError as exc:
        raise ExportError(
            f"summary: a block does not fit on a page ({str(exc).strip().splitlines()[0][:200]})"
        ) from exc
    canvas = made[-1]
    pages = canvas.getPageNumber() - 1
    front_pages = canvas.tops[id(back_heading.tag)][0] if back_heading is not None else pages

    def write() -> bytes:
        canvas.save()
        return buf.getvalue()

    return Sheet(pages, front_pages, write)


def _page_break_before(flow: list[Flowable], heading_id: str) -> Tagged:
    """Start a new page at the heading (before its room check): the back of the sheet."""
    for index, item in enumerate(flow):
        if isinstance(item, Tagged) and item.tag.block_id == heading_id:
            flow.insert(index - 1 if index and isinstance(flow[index - 1], CondPageBreak) else index, PageBreak())
            return item
        if isinstance(item, KeepWhole):  # a letter the heading leads into
            lead = item.groups[0][0] if item.groups and item.groups[0] else None
            if isinstance(lead, Tagged) and lead.tag.block_id == heading_id:
                flow.insert(index, PageBreak())
                return lead
    raise ExportError(f"summary: no heading {heading_id!r} to begin the back with")


def _box(story: Story, url: str, t: Catalogue, s: PdfSettings) -> Flowable:
    """The footer box: the words and address, and the address as a QR code, kept together."""
    text = story.paragraph(box_paragraph(url, t), story.root, story.st.body)
    figure = story.root.child("Figure", Alt=t("summary_qr_alt", url=url))
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(widget)
    qr = Tagged(drawing, Tag(figure, figure=True))
    pad = 6.0
    table = Table(
        [[text, qr]],
        colWidths=[story.width - QR_SIZE - 3 * pad, QR_SIZE + 3 * pad],
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.75, HexColor(s.rule_colour)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), pad * 1.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ]
        ),
    )
    table.spaceBefore = s.paragraph_space * 3
    return KeepTogether([Tagged(table, Tag(None))])
