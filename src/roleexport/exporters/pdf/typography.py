"""Spacing rules of the page's language for the text the PDF sets.

French puts a no-break space before ``: ; ? !`` and inside guillemets. Where the source (or a
catalogue message) has a space there, it becomes U+00A0, so the mark never starts a line;
where the source has none, none is added. The narrow no-break space (U+202F) the catalogue
and careful sources use cannot be set: ReportLab breaks lines at it and the text face has no
glyph for it, so it is set as U+00A0 in every language ("24 000 €" too).
"""

from __future__ import annotations

import re

from roleexport.i18n import primary

_FRENCH_SPACE = re.compile(r"[ \u2009\u202f\u00a0]+(?=[:;?!»])|(?<=«)[ \u2009\u202f\u00a0]+")


def typeset(text: str, lang: str) -> str:
    """``text`` with the spacing rules of ``lang`` applied."""
    if primary(lang) == "fr":
        text = _FRENCH_SPACE.sub("\u00a0", text)
    return text.replace("\u202f", "\u00a0")
