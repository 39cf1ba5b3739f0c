"""Blocks kept on one page: the letter whole when that costs little paper, its last lines together.

ReportLab's ``KeepTogether`` moves a group to the next page whenever it does not fit, however
much of the page that leaves blank. A handout should not waste a third of a page to keep a
letter whole, nor print a letter's last line alone on a page: ``KeepWhole`` moves only when the
blank it leaves is small, and otherwise the letter breaks between its groups of paragraphs.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus.flowables import KeepTogether


class KeepWhole(KeepTogether):
    """Groups of flowables kept on one page when they fit on one and moving them leaves at most
    ``blank`` (a share of the frame) empty; else they break between groups."""

    def __init__(self, groups: list[list[Flowable]], blank: float) -> None:
        self.groups = groups
        self.blank = blank
        super().__init__(self._kept())

    def _kept(self) -> list[Flowable]:
        return [g[0] if len(g) == 1 else KeepTogether(g) for g in self.groups if g]

    def lead(self, flowables: list[Flowable]) -> None:
        """Put ``flowables`` (the heading over the letter) in front, kept with the first group."""
        self.groups[0][:0] = flowables
        self._content = self._kept()

    def break_before(self, group: int) -> None:
        """Start a new page before group ``group`` (the layout asked for an earlier break)."""
        from reportlab.platypus import PageBreak

        self.groups.insert(group, [PageBreak()])
        self.blank = 0.0
        self._content = self._kept()

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content: list[Any] = list(self._content)
        frame = getattr(self, "_frame", None)
        full = float(frame._height) if frame is not None else aH
        at_top = bool(getattr(frame, "_atTop", False))
        if self._H > aH:  # an action first: ReportLab adds the first part returned without splitting it
            move = self._H <= full and aH <= self.blank * full and not at_top
            content.insert(0, self.FrameBreak() if move else self.NullActionFlowable())
        return content
