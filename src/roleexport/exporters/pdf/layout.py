"""The page frame around the story, and one PDF written in one layout pass.

Running head and page numbers are drawn as pagination artifacts; the page count for "Page N
of M" is known when the canvas saves, so the footer is drawn then. The canvas saves only when
the bytes are first asked for: the EPUB's page map needs the layout, not the file.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageBreak, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from roleexport.errors import ExportError
from roleexport.exporters.pdf import fonts as fontmod
from roleexport.exporters.pdf.flowables import Tagged
from roleexport.exporters.pdf.fonts import FontSet
from roleexport.exporters.pdf.keeping import KeepWhole
from roleexport.exporters.pdf.metadata import CREATOR, PRODUCER, Info, info, xmp_stream
from roleexport.exporters.pdf.remedies import Break, Plan
from roleexport.exporters.pdf.settings import PdfSettings
from roleexport.exporters.pdf.story import Story
from roleexport.exporters.pdf.structure import Tagging
from roleexport.exporters.pdf.tagging import Tag, TaggedCanvas
from roleexport.exporters.pdf.typography import typeset
from roleexport.i18n import Catalogue, catalogue
from roleexport.model import Document
from roleexport.styles import resolve


class Rendered:
    """One laid-out PDF: where its pages start (block id, characters into that block's text), and
    its bytes, written on first use."""

    def __init__(
        self,
        pages: int,
        starts: tuple[tuple[str, int], ...],
        write: Callable[[], bytes],
        fill: tuple[float, ...] = (),
        plan: Plan = (False, None),
        drawn: bool = True,
    ) -> None:
        self.pages, self.starts, self.fill, self.drawn = pages, starts, fill, drawn
        """``fill``: how much of each page's frame the content reaches down to (0 to 1)."""
        self.plan = plan
        """The remedies the layout took (``render``), so a later build of the same page lays out once."""
        self._write: Callable[[], bytes] | None = write
        self._pdf = b""

    @property
    def pdf(self) -> bytes:
        if self._write is not None:
            self._pdf, self._write = self._write(), None
        return self._pdf


def body_frame(s: PdfSettings) -> Frame:
    """The one frame of a page: the paper inside the margins, no padding."""
    width, height = s.pagesize
    return Frame(
        s.margin_left,
        s.margin_bottom,
        width - s.margin_left - s.margin_right,
        height - s.margin_top - s.margin_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )


def template_keywords(s: PdfSettings, f: FontSet, doc_info: Info) -> dict[str, Any]:
    """What ReportLab's document template is told for every tagged PDF of a page (handout,
    large print, summary): its metadata, reproducible and compressed output, the first font."""
    return {
        "pagesize": s.pagesize,
        "title": doc_info.title,
        "author": doc_info.author,
        "subject": doc_info.subject,
        "creator": CREATOR,
        "producer": PRODUCER,
        "lang": doc_info.lang,
        "invariant": 1,
        "pageCompression": 1,
        "displayDocTitle": 1,
        "initialFontName": f.regular,
        "initialFontSize": s.body_size,
    }


def canvas_maker(
    tagging: Tagging,
    doc_info: Info,
    late: Callable[[TaggedCanvas, int, int], None],
    made: list[TaggedCanvas],
    measuring: bool = False,
) -> Callable[..., TaggedCanvas]:
    """The canvas every tagged PDF of a page is drawn on: the page's date as its timestamp (same
    bytes every build), XMP metadata, the outline shown, ``late`` drawn at save once the page
    count is known; each canvas made is appended to ``made`` (the build keeps it unsaved)."""

    def make(*args: Any, **kw: Any) -> TaggedCanvas:
        canvas = TaggedCanvas(*args, tagging=tagging, **kw)
        stamp = canvas._doc._timeStamp
        stamp.YMDhms = doc_info.date.timetuple()[:6]
        stamp.dhh = stamp.dmm = 0
        canvas.extra_catalog["Metadata"] = xmp_stream(doc_info)
        canvas.showOutline()
        canvas.late = late
        canvas.measuring = measuring
        made.append(canvas)
        return canvas

    return make


class _Template(BaseDocTemplate):
    """One frame per page; running head from page 2 and "Page N of M" as pagination artifacts."""

    def __init__(self, buf: io.BytesIO, s: PdfSettings, f: FontSet, doc_info: Info, head: str, cat: Catalogue) -> None:
        self.s, self.f, self.head, self.cat = s, f, head, cat
        frame = body_frame(s)
        super().__init__(
            buf,
            pageTemplates=[PageTemplate("page", [frame], onPage=self._decorate)],
            **template_keywords(s, f, doc_info),
        )

    def _decorate(self, canvas: TaggedCanvas, _doc: Any) -> None:
        """The running head (role title and a rule) from page 2 on."""
        s = self.s
        width, height = s.pagesize
        n = canvas.getPageNumber()
        size = s.small_size
        muted = HexColor(s.muted_colour)
        if n > 1:
            with canvas.artifact("Header"):
                y = height - s.margin_top * 0.55
                _draw_runs(canvas, self.f, s.margin_left, y, self.head, size, muted)
                canvas.setStrokeColor(HexColor(s.rule_colour))
                canvas.setLineWidth(0.5)
                canvas.line(s.margin_left, y - size * 0.7, width - s.margin_right, y - size * 0.7)

    def footer(self, canvas: TaggedCanvas, n: int, total: int) -> None:
        """The "Page N of M" footer, drawn when the document is saved and M is known."""
        s = self.s
        with canvas.artifact("Footer"):
            label = typeset(self.cat("page_of", page=n, total=total), self.cat.lang)
            x = s.pagesize[0] - s.margin_right - stringWidth(label, self.f.regular, s.small_size)
            _draw_runs(canvas, self.f, x, s.margin_bottom * 0.45, label, s.small_size, HexColor(s.muted_colour))


def _draw_runs(canvas: TaggedCanvas, f: FontSet, x: float, y: float, text: str, size: float, colour: Any) -> None:
    """A line of text in the text face, with fallback fonts where it lacks a glyph."""
    canvas.setFillColor(colour)
    for fallback, run in f.drawable(text, f.regular):
        font = fallback or f.regular
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)


def fontset(s: PdfSettings, folder: Path) -> FontSet:
    """Register the style's fonts (paths relative to the style's folder or the shipped styles)."""
    paths = {
        "regular": s.font_regular,
        "bold": s.font_bold,
        "italic": s.font_italic,
        "bold_italic": s.font_bold_italic,
        "mono": s.font_mono,
    }
    return fontmod.register(
        {k: resolve(folder, p) for k, p in paths.items()}, [resolve(folder, p) for p in s.fallback_fonts]
    )


QUARTER = 0.25
"""No page but the only one holds less than this share of a page."""


class _Attempt:
    """One layout: the canvas (unsaved), its buffer, how full each page is, and of the top-level
    flowables only what a remedy needs. The flowables themselves are most of a layout's memory
    on a long page: ReportLab lets each go once it is drawn, and no attempt keeps them, so a
    second layout does not double the memory."""

    def __init__(
        self, canvas: TaggedCanvas, buf: io.BytesIO, s: PdfSettings, headings: int, firsts: tuple[First, ...]
    ) -> None:
        self.canvas, self.buf, self.s = canvas, buf, s
        self.headings = headings
        """Bookmarked (heading) flowables at the top level."""
        self.firsts = firsts
        """Where a page could start (``_firsts``)."""
        self.pages = canvas.getPageNumber() - 1
        self.top = top = s.pagesize[1] - s.margin_top
        self.frame = s.pagesize[1] - s.margin_top - s.margin_bottom
        self.fill = tuple((top - canvas.lowest.get(i, top)) / self.frame for i in range(self.pages))

    @property
    def last_short(self) -> bool:
        """Whether the last page is nearly empty (and not the only page)."""
        return self.pages > 1 and self.fill[-1] < QUARTER


@dataclass(frozen=True, slots=True)
class First:
    """A tagged flowable a page could start with: its top-level index, its group of the letter
    (or None), its tag, and the space it asks for above it."""

    index: int
    group: int | None
    tag: Tag
    space_before: float


def _firsts(flow: list[Flowable]) -> Iterator[First]:
    """Each tagged flowable a page could start with: a top-level one after the first, or the
    first of a group of the letter."""
    for index, item in enumerate(flow):
        if index == 0:
            continue
        firsts: list[tuple[Flowable, int | None]] = [(item, None)]
        if isinstance(item, KeepWhole):
            firsts = [(group[0], g if g else None) for g, group in enumerate(item.groups) if group]
        for first, group in firsts:
            if isinstance(first, Tagged):
                yield First(index, group, first.tag, first.getSpaceBefore())


def render(
    doc: Document,
    s: PdfSettings,
    folder: Path,
    cat: Catalogue | None = None,
    plan: Plan | None = None,
    draw: bool = True,
) -> Rendered:
    """Lay out and write one PDF, its generated words from ``cat`` (else the page language's
    catalogue); a nearly empty last page is pulled back or given more content.

    First the space before headings is tightened (down to the style's ``heading_space_min``) when
    that can save what the last page holds; else a heading (or any block) on the page before
    starts the last page, or a long paragraph there breaks earlier, so both keep at least a
    quarter of a page. Each remedy is one more layout (at most ``TRIES`` places are tried), kept
    only when every page then holds at least a quarter. ``plan``, the remedies an earlier layout
    of the same tree and settings settled on (``Rendered.plan``, kept in the cache folder), is
    laid out at once: layout is deterministic, so that one layout is the one the remedies keep.
    Without ``draw`` only the page starts, fill and plan are made (paragraphs draw no text: the
    same pages, a quarter less time), and the PDF cannot be written.
    """
    cat = cat or catalogue(doc.meta.lang)
    # Streams are Flate-compressed only: ASCII85 on top makes them 25 % larger and costs time.
    rl_config.useA85 = 0
    f = fontset(s, folder)
    if plan is not None:
        tightened, moved = plan
        best = _attempt(doc, replace(s, heading_space=s.heading_space_min) if tightened else s, f, cat, moved, draw)
    else:
        best, moved = _attempt(doc, s, f, cat, None, draw), None
        if best.last_short and _tightening_may_pull_back(best, s):
            tight = _attempt(doc, replace(s, heading_space=s.heading_space_min), f, cat, None, draw)
            if tight.pages < best.pages and not tight.last_short:
                best = tight
        if best.last_short:
            for earlier in _earlier_breaks(best)[:TRIES]:
                tried = _attempt(doc, best.s, f, cat, earlier, draw)
                if tried.pages == best.pages and min(tried.fill) >= QUARTER:
                    best, moved = tried, earlier
                    break
        plan = (best.s is not s, moved)
    canvas = best.canvas
    starts = tuple(canvas.first_text.get(i, ("", 0)) for i in range(best.pages))
    if canvas.measuring:  # nothing to write: the canvas and its pages are let go now
        return Rendered(best.pages, starts, _measured_only, best.fill, plan, draw)

    def write() -> bytes:
        canvas.save()
        return best.buf.getvalue()

    return Rendered(best.pages, starts, write, best.fill, plan, draw)


def _measured_only() -> bytes:
    raise ExportError("internal error: a PDF laid out only to be measured was asked for its bytes")


def _tightening_may_pull_back(attempt: _Attempt, s: PdfSettings) -> bool:
    """Whether tightening the space before every heading saves about what the last page holds."""
    saved = (s.heading_space - s.heading_space_min) * attempt.headings
    return saved >= attempt.fill[-1] * attempt.frame


TRIES = 3
"""How many places to start the last page earlier are tried, best first (each is one layout)."""


def _earlier_breaks(attempt: _Attempt) -> list[Break]:
    """Where the last page could start so that both last pages hold at least a quarter of a page,
    best first.

    A heading is preferred (the section breaks earlier), else any block or a paragraph of the
    letter, taken as late as it can be so that the page before keeps as much as possible; last,
    a long paragraph or a table on the page before that breaks earlier than it must, sending its
    last lines or rows (and what follows it) on.
    """
    before = attempt.pages - 2
    last = attempt.fill[-1] * attempt.frame
    enough_before, enough_last = (QUARTER + 0.03) * attempt.frame, (QUARTER + 0.05) * attempt.frame
    candidates: list[tuple[bool, float, Break]] = []
    splits: list[tuple[float, Break]] = []
    for first in attempt.firsts:
        page, y = attempt.canvas.tops.get(id(first.tag), (-1, 0.0))
        if page != before:
            continue
        above = attempt.top - y - first.space_before  # what stays on the page before
        moved = y - attempt.canvas.lowest[before]
        if above >= enough_before and last + moved >= enough_last:
            candidates.append((first.tag.bookmark is not None, y, Break(first.index, first.group)))
        if first.group is None and first.tag.parts_drawn == 1:
            split = _split_earlier(attempt, first, y, last, enough_before, enough_last)
            if split is not None:
                splits.append((y, split))
    ordered = [c[2] for c in sorted(candidates, key=lambda c: (not c[0], c[1]))]
    return ordered + [b for _, b in sorted(splits, key=lambda c: c[0])]


def _split_earlier(
    attempt: _Attempt, first: First, y: float, last: float, enough_before: float, enough_last: float
) -> Break | None:
    """The most a paragraph (whole lines, two at least on each side) or a table (whole rows) drawn
    whole on the page before can keep there (``Tag.keeps``, noted as it was drawn) while what it
    sends on, with everything after it, fills the last page enough."""
    heights = first.tag.keeps
    lowest = attempt.canvas.lowest[attempt.pages - 2]
    for height in reversed(heights):
        bottom = y - height
        if attempt.top - bottom >= enough_before and last + bottom - lowest >= enough_last:
            return Break(first.index, keep=height + 0.5)
    return None


def _attempt(
    doc: Document, s: PdfSettings, f: FontSet, cat: Catalogue, break_before: Break | None, draw: bool = True
) -> _Attempt:
    """One layout pass (unsaved): the story built afresh, with a page break before one flowable if asked."""
    story = Story(doc, s, f, cat)
    laid = story.build()
    if break_before is not None:
        index, group, keep = break_before
        item = laid[index]
        if group is not None and isinstance(item, KeepWhole):
            item.break_before(group)
        elif keep is not None:  # the block's first lines or rows, then a new page for the rest
            width = s.pagesize[0] - s.margin_left - s.margin_right
            item.wrap(width, s.pagesize[1])
            parts = item.split(width, keep)
            if len(parts) == 2:
                laid[index : index + 1] = [parts[0], PageBreak(), parts[1]]
        else:  # before the heading's room check, if it has one
            laid.insert(index - 1 if isinstance(laid[index - 1], CondPageBreak) else index, PageBreak())
    headings = sum(1 for item in laid if isinstance(item, Tagged) and item.tag.bookmark is not None)
    firsts = tuple(_firsts(laid))
    title = cat("pdf_large_print", title=doc.meta.title) if s.large_print else doc.meta.title
    doc_info = info(doc.meta, title)
    buf = io.BytesIO()
    made: list[TaggedCanvas] = []
    template = _Template(buf, s, f, doc_info, typeset(doc.meta.title, cat.lang), cat)
    template._doSave = 0  # ReportLab's switch: build() leaves the canvas unsaved
    try:
        template.build(laid, canvasmaker=canvas_maker(story.tagging, doc_info, template.footer, made, not draw))
    except LayoutError as exc:  # a block that cannot be split and is taller than a page
        first = str(exc).strip().splitlines()[0][:200]
        raise ExportError(f"pdf: a block does not fit on a page ({first})") from exc
    return _Attempt(made[-1], buf, s, headings, firsts)
