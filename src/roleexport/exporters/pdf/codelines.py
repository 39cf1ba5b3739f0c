"""Code for print: every line as written, and a line longer than the measure wrapped, never clipped.

ReportLab's ``XPreformatted`` sets each source line as one printed line however long it is, so
a long line ran off the page. Here a line is cut where it no longer fits (after the last space
past its indentation when there is one, else after the last character that fits) and each
continuation is indented by the width of a continuation mark, which the flowable draws as an
artifact: the printed text shows where a line goes on, and the text read aloud has it once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import ParaLines
from reportlab.platypus.xpreformatted import _getFragLines

from roleexport.exporters.pdf.fonts import has_glyph

TAB_STOP = 4
"""CommonMark's tab stop: a tab in code advances to the next multiple of 4 columns."""
MARKS = ("↪", "→")
"""The continuation mark, the first of these the code face has (else ``>``)."""


def expand_tabs(code: str) -> str:
    """Tabs as spaces to the next CommonMark tab stop, line by line (leading spaces kept)."""
    return "\n".join(line.expandtabs(TAB_STOP) for line in code.split("\n"))


def continuation_mark(font: str) -> str:
    return next((mark for mark in MARKS if has_glyph(font, mark)), ">")


def mark_indent(font: str, size: float) -> float:
    """How far a continuation line is indented: the mark and a space."""
    return float(stringWidth(continuation_mark(font) + " ", font, size))


@dataclass(frozen=True, slots=True)
class _Unit:
    """One character of a source line in its fragment's font, or a zero-width tagging marker."""

    frag: Any
    text: str
    width: float


def break_code(frags: list[Any], first: float, later: float, indent: float) -> Any:
    """Paragraph fragments of preformatted code → ReportLab's broken-line structure (kind 1).

    ``first`` and ``later`` are the measures of a paragraph's first and later lines; a
    continuation line has ``indent`` less. Continuation lines carry ``continued = True``.
    """
    lines: list[Any] = []
    measure = first
    for source_line in _getFragLines(frags):
        pieces = list(_wrap(_units(source_line), measure, later - indent))
        for n, piece in enumerate(pieces):
            lines.append(_para_line(piece or [_Unit(source_line[0], "", 0.0)], measure if n == 0 else later - indent))
            lines[-1].continued = n > 0
            measure = later
    return ParaLines(kind=1, lines=lines)


def _units(line: list[Any]) -> list[_Unit]:
    units: list[_Unit] = []
    for frag in line:
        if getattr(frag, "cbDefn", None) is not None:
            units.append(_Unit(frag, "", 0.0))
            continue
        for ch in frag.text:
            units.append(_Unit(frag, ch, stringWidth(ch, frag.fontName, frag.fontSize)))
    return units


def _wrap(units: list[_Unit], first: float, later: float) -> Iterator[list[_Unit]]:
    """Cut one source line into printed lines: at least one character each, none wider than the measure."""
    start, measure = 0, first
    while True:
        total, i, space, seen_text = 0.0, start, None, False
        while i < len(units):
            unit = units[i]
            if total > 0 and total + unit.width > measure + 1e-6:
                break
            total += unit.width
            if unit.text == " " and seen_text:
                space = i
            elif unit.text:
                seen_text = True
            i += 1
        if i >= len(units):
            yield units[start:]
            return
        cut = space + 1 if space is not None else i
        yield units[start:cut]
        start, measure = cut, later


def _para_line(units: list[_Unit], measure: float) -> Any:
    words: list[Any] = []
    for unit in units:
        if words and words[-1].rx_source is unit.frag and unit.text:
            words[-1].text += unit.text
        else:
            word = unit.frag.clone(text=unit.text)
            word.rx_source = unit.frag
            words.append(word)
    width = sum(u.width for u in units)
    size = max(w.fontSize for w in words)
    extents = [getAscentDescent(w.fontName, w.fontSize) for w in words]
    return ParaLines(
        extraSpace=measure - width,
        wordCount=len(words),
        words=words,
        fontSize=size,
        ascent=max(a for a, _ in extents),
        descent=min(d for _, d in extents),
        currentWidth=width,
        preformatted=True,
    )
