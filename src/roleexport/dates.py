"""The one date a build writes into its files, so the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
import os

from roleexport.model import Metadata

FALLBACK_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""Used when the page has no ``updated`` date and SOURCE_DATE_EPOCH is not set."""


def document_date(meta: Metadata) -> dt.datetime:
    """The page's ``updated`` day, else SOURCE_DATE_EPOCH, else ``FALLBACK_DATE`` (all UTC)."""
    if meta.updated:
        try:
            day = dt.date.fromisoformat(meta.updated[:10])
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        except ValueError:
            pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return FALLBACK_DATE
