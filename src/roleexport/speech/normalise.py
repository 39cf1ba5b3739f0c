"""Make written symbols speakable the way a careful human reader would say them.

Engines differ (espeak-ng reads "4–8" as "four eight" and "→" as "right arrow"), so the
plan speaks ranges ("4 to 8"), counts with a plus ("600-plus", which fits "an additional
120-plus cases" as well) and dashes (a pause) in words and drops decorative symbols, and every
rendering (SSML, narration, audio) gets the same words.
"""

from __future__ import annotations

import re
import unicodedata

RANGE = re.compile(r"(?<=\d)\s*[–‒]\s*(?=\d)")
PLUS = re.compile(r"(?<![\w+])(\d[\d,.]*)\+(?!\w)")
DASH = re.compile(r"\s*[—―]\s*|\s+[–-]\s+")
AMPERSAND = re.compile(r"\s+&\s+")
TILDE = re.compile(r"(?<![\w~])~\s*(?=\d)")
BRACKETS = re.compile(r"[\[\]]")
SPACES = re.compile(r"\s+")
SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:.!?])")
DOUBLE_COMMA = re.compile(r",\s*([,;:.!?])")


def _decorative(char: str) -> bool:
    """Arrows, dingbats, bullets and emoji: they decorate the page and say nothing."""
    code = ord(char)
    return (
        0x2190 <= code <= 0x21FF  # arrows
        or 0x2500 <= code <= 0x27BF  # box drawing, shapes, dingbats
        or 0x2B00 <= code <= 0x2BFF  # more arrows
        or char in "•◦‣▪▫·"
        or unicodedata.category(char) == "So"
    )


def speakable(text: str) -> str:
    """The text with symbols spoken in words; whitespace collapsed but ends kept."""
    text = RANGE.sub(" to ", text)
    text = PLUS.sub(r"\1-plus", text)
    text = DASH.sub(", ", text)
    text = AMPERSAND.sub(" and ", text)
    text = TILDE.sub("about ", text)
    text = BRACKETS.sub(" ", text)  # "[Heart Center]" is said plainly; "0[0" stays two numbers
    # a dropped symbol still separates what stood on either side of it ("0⠀0" is two numbers)
    text = "".join(" " if _decorative(c) else c for c in text)
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() else ""
    body = SPACE_BEFORE_PUNCT.sub(r"\1", SPACES.sub(" ", text).strip())
    body = DOUBLE_COMMA.sub(r"\1", body)
    return f"{lead}{body}{tail}" if body else (" " if text.strip() == "" and text else "")
