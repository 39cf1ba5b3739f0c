"""Flowables that tag what they draw: the ``Tagged`` proxy and paragraphs that keep line-end spaces."""

from __future__ import annotations

import itertools
from typing import Any

from reportlab.lib.abag import ABag
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.paragraph import FragLine, ParaLines
from reportlab.platypus.xpreformatted import XPreformatted

from roleexport.exporters.pdf.codelines import break_code, continuation_mark, mark_indent
from roleexport.exporters.pdf.hyphenation import SOFT_HYPHEN
from roleexport.exporters.pdf.tagging import HYPHEN_LABEL, MARK_CALLBACK, Tag, TaggedCanvas


class TaggedParagraph(Paragraph):
    """A Paragraph that keeps the space at each line end in the text it draws.

    Paragraph drops it, so text read per structure element would glue the last word of a
    line to the first of the next ("systemsduring"). A space is drawn (invisibly, at the line
    end) wherever the paragraph's full text has one, so a long word or URL broken across lines
    stays one word. Split parts share ``rx_full``, the unsplit paragraph's text, and
    ``rx_cursor``, how much of it earlier parts have drawn (parts are drawn in order).

    A hyphen the layout adds where a word breaks at a soft hyphen is not in that text: it is
    drawn as an artifact, so the word reads whole (hyphenation.py).
    """

    def __init__(self, text: str | None, *args: Any, **kw: Any) -> None:
        super().__init__(text, *args, **kw)
        if text is not None:  # read before layout, which ends the heads of broken words in a hyphen
            self.full_text()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split as ReportLab does, but never leave a page on the first half of a broken word.

        When the page's last line would end in a hyphen, a line or two fewer stay on it, if at
        least two still do (the next page starts with the whole word).
        """
        if "blPara" not in self.__dict__:
            self.wrap(availWidth, availHeight)
        lines, leading = self.blPara.lines, self.style.leading
        fit = int(availHeight / leading)
        if fit < len(lines):
            if fit + 1 == len(lines):  # ReportLab keeps a widow company
                fit -= 1
            kept = fit
            while kept > 2 and kept > fit - 2 and _ends_in_hyphen(lines[kept - 1]):
                kept -= 1
            if kept < fit and not _ends_in_hyphen(lines[kept - 1]):
                availHeight = kept * leading + 1e-6
        parts: list[Flowable] = super().split(availWidth, availHeight)
        return parts

    def full_text(self) -> str:
        if "rx_full" not in self.__dict__:
            self.rx_full = _norm(self.getPlainText().replace(SOFT_HYPHEN, ""))
            self.rx_cursor = [0]
        return str(self.rx_full)

    def drawn(self) -> int:
        """Characters of the paragraph's text that earlier parts drew."""
        self.full_text()
        return int(self.rx_cursor[0])

    def tree_offset(self) -> int:
        """``drawn()`` in the tree's text: without the printed-only runs (link addresses) before it."""
        drawn, full, pos = self.drawn(), self.full_text(), 0
        skipped = 0
        for printed in getattr(self, "rx_printed_only", ()):
            found = full.find(printed, pos)
            if found < 0 or found >= drawn:
                break
            skipped += min(len(printed) + 1, drawn - found + 1)  # with the space before it
            pos = found + len(printed)
        return drawn - skipped

    def drawPara(self, debug: int = 0) -> None:
        original: Any = self.__dict__["blPara"]
        layout = _with_frags(original)
        full = self.full_text()
        pos = self.drawn()
        measuring = getattr(self.canv, "measuring", False)  # the cursor only, no text (render, draw=False)
        patched = []
        for line in layout.lines:
            text = _line_text(line)
            if _added_hyphen(text, full, pos):
                text, line = text[:-1], line if measuring else _hyphen_as_artifact(line)
            found = full.find(text, pos) if text else pos
            pos = (found if found >= 0 else pos) + len(text)
            if pos < len(full) and full[pos] == " ":
                pos += 1
                line = line if measuring else _spaced(line)
            patched.append(line)
        self.rx_cursor[0] = pos
        if measuring:
            return
        self.blPara = layout.clone(lines=patched)
        try:
            super().drawPara(debug)
        finally:
            self.blPara = original


def _norm(text: str) -> str:
    return " ".join(text.split())


def _line_text(line: Any) -> str:
    if isinstance(line, tuple):
        return _norm(" ".join(line[1]))
    return _norm("".join(f.text for f in line.words if not hasattr(f, "cbDefn")))


def _spaced(line: Any) -> Any:
    if isinstance(line, tuple):  # (extra space, words) from Paragraph, + (width,) from XPreformatted
        extra, words, *rest = line
        return (extra, [*words[:-1], words[-1] + " "], *rest) if words else line
    frags = [f for f in line.words if not hasattr(f, "cbDefn")]
    if not frags:
        return line
    space = frags[-1].clone(text=" ", link=[], us_lines=[])
    return line.clone(words=[*line.words, space])


def _added_hyphen(text: str, full: str, pos: int) -> bool:
    """Whether a line ends in a hyphen the layout added (a soft hyphen's break), not one of the text's."""
    if len(text) < 2 or not text.endswith("-"):
        return False
    head = full.find(text[:-1], pos)
    real = full.find(text, pos)
    return head >= 0 and (real < 0 or head < real)


def _ends_in_hyphen(line: Any) -> bool:
    """Whether a laid-out line (words, or frags) ends in a hyphen."""
    if isinstance(line, tuple):
        return bool(line[1]) and str(line[1][-1]).endswith("-")
    texts = [f.text for f in line.words if f.text and not hasattr(f, "cbDefn")]
    return bool(texts) and str(texts[-1]).endswith("-")


def _with_frags(layout: Any) -> Any:
    """A simple layout (one style, lines of words) with a line ending in a hyphen, as frag lines.

    ReportLab lays a paragraph of one plain run out as words, fastest; drawn from frag lines it
    looks the same, and the hyphen at a break can become a frag of its own.
    """
    if layout.kind != 0 or not any(words and words[-1].endswith("-") for _, words in layout.lines):
        return layout
    lines = [
        FragLine(
            extraSpace=extra,
            wordCount=len(words),
            words=[layout.clone(text=" ".join(words))],
            fontSize=layout.fontSize,
            ascent=layout.ascent,
            descent=layout.descent,
            lineBreak=False,
        )
        for extra, words in layout.lines
    ]
    return ParaLines(kind=1, lines=lines)


def _hyphen_as_artifact(line: Any) -> Any:
    """The line with its added end hyphen as a frag of its own between artifact markers."""
    words = list(line.words)
    last = max((i for i, f in enumerate(words) if f.text and not hasattr(f, "cbDefn")), default=-1)
    if last < 0 or not words[last].text.endswith("-"):
        return line
    frag = words[last]
    hyphen = frag.clone(text="-")
    marks = [
        frag.clone(text="", cbDefn=ABag(kind="onDraw", name=MARK_CALLBACK, label=label))
        for label in (HYPHEN_LABEL, "c")
    ]
    head = [frag.clone(text=frag.text[:-1])] if len(frag.text) > 1 else []
    words[last : last + 1] = [*head, marks[0], hyphen, marks[1]]
    return line.clone(words=words)


class Tagged(Flowable):
    """A proxy that marks whatever its flowable draws, and wraps every part of a split."""

    def __init__(self, inner: Flowable, tag: Tag) -> None:
        super().__init__()
        self.inner = inner
        self.tag = tag

    def __getattr__(self, name: str) -> Any:
        if name in ("inner", "tag") or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.inner, name)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(aw, ah)
        return self.width, self.height

    def wrapOn(self, canv: Any, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrapOn(canv, aw, ah)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return self._parts(self.inner.split(aw, ah))

    def splitOn(self, canv: Any, aw: float, ah: float) -> list[Flowable]:
        return self._parts(self.inner.splitOn(canv, aw, ah))

    def _parts(self, parts: list[Flowable]) -> list[Flowable]:
        if isinstance(self.inner, TaggedParagraph):
            full = self.inner.full_text()
            for part in parts:
                if isinstance(part, TaggedParagraph):
                    part.rx_full, part.rx_cursor = full, self.inner.rx_cursor
        return [p if isinstance(p, Tagged) else Tagged(p, self.tag) for p in parts]

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

    def getKeepWithNext(self) -> bool:
        # handle_keepWithNext clears the flag on the proxy itself once it has grouped it
        if "keepWithNext" in self.__dict__:
            return bool(self.__dict__["keepWithNext"])
        return bool(self.inner.getKeepWithNext())

    def drawOn(self, canvas: TaggedCanvas, x: float, y: float, _sW: float = 0) -> None:
        tag = self.tag
        start = len(canvas._code)
        first = tag.parts_drawn == 0
        if first and tag.bookmark is not None:
            key, title, level = tag.bookmark
            canvas.bookmarkHorizontal(key, x, y + self.height)
            canvas.outline(key, title, level)
        if tag.block_id is not None:
            canvas.note_text(tag.block_id, self._offset())
        if first:
            tag.keeps = break_points(self.inner)
        self.inner.drawOn(canvas, x, y, _sW)
        canvas.note_extent(tag, first, x, y, self.height)
        if tag.rule is not None:
            rule = tag.rule
            canvas.saveState()
            canvas.setStrokeColor(rule.colour)
            canvas.setLineWidth(rule.width)
            canvas.line(x + rule.dx, y - rule.extend_below, x + rule.dx, y + self.height)
            canvas.restoreState()
        canvas.tag_code(start, tag)
        tag.parts_drawn += 1

    def _offset(self) -> int:
        """Characters of the block's text before this part (0 for the first part)."""
        return self.inner.tree_offset() if isinstance(self.inner, TaggedParagraph) else 0


class TaggedCode(TaggedParagraph, XPreformatted):
    """Preformatted code, drawn with the same line-end spaces as paragraphs.

    A line longer than the measure is wrapped (codelines.py): its continuations are indented
    and marked with an artifact arrow, so the printed page shows where a line goes on and the
    text read from the structure tree has each character once.
    """

    def breakLines(self, width: Any) -> Any:
        frags = self.frags
        if not frags or not hasattr(frags[0], "text"):  # empty, or a split part: its lines are already broken
            return XPreformatted.breakLines(self, width)
        widths = width if isinstance(width, list | tuple) else [width]
        style = self.style
        return break_code(frags, widths[0], widths[-1], mark_indent(style.fontName, style.fontSize))

    def drawPara(self, debug: int = 0) -> None:
        style = self.style
        lines = self.blPara.lines
        continued = [i for i, line in enumerate(lines) if getattr(line, "continued", False)]
        indent = mark_indent(style.fontName, style.fontSize)
        self._offsets = [indent if i in continued else 0.0 for i in range(len(lines))] or [0.0]
        super().drawPara(debug)
        if not continued:
            return
        canvas: TaggedCanvas = self.canv
        first_baseline = self.height - getattr(lines[0], "ascent", style.fontSize)
        with canvas.artifact():
            canvas.saveState()
            canvas.setFillColor(style.textColor)
            canvas.setFont(style.fontName, style.fontSize)
            mark = continuation_mark(style.fontName)
            for i in continued:
                canvas.drawString(style.leftIndent, first_baseline - i * style.leading, mark)
            canvas.restoreState()


def break_points(inner: Flowable) -> tuple[float, ...]:
    """Where a wrapped paragraph (whole lines, two at least on each side) or table (whole rows)
    could break, in points from its top; none for anything else."""
    if isinstance(inner, TaggedParagraph) and not isinstance(inner, TaggedCode) and hasattr(inner, "blPara"):
        leading = float(inner.style.leading)
        return tuple(keep * leading for keep in range(2, len(inner.blPara.lines) - 1))
    if isinstance(inner, Table) and getattr(inner, "_rowHeights", None):
        return tuple(itertools.accumulate(float(h) for h in inner._rowHeights[:-1]))
    return ()
