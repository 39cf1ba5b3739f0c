"""What a layout did so that no page is nearly empty: kept with the page map, so a later build of
the same page lays it out once. No ReportLab here: a cached build reads these without it."""

from __future__ import annotations

from typing import NamedTuple


class Break(NamedTuple):
    """Where to start a page: before top-level flowable ``at``, before group ``group`` of the
    letter there, or inside the paragraph or table there, after its first ``keep`` points (whole
    lines or rows)."""

    at: int
    group: int | None = None
    keep: float | None = None


Plan = tuple[bool, Break | None]
"""What ``layout.render`` settled on: whether the space before headings is tightened, and where
a page break is added (or None)."""
