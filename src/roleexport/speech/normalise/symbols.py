"""Symbols said in words or dropped: the first and last passes of the normaliser.

Engines differ (espeak-ng reads "4–8" as "four eight", "→" as "right arrow", "a/b" as "a
slash b"), so ranges are said "4 to 8", counts with a plus "600-plus" (which fits "an
additional 120-plus cases" as well), dashes are a pause, decorative symbols are dropped, and
the symbols the language's ``[symbols]`` table names are said as words; every rendering
(SSML, narration, audio) gets the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

RANGE = re.compile(
    r"(?<![\w.,:])(?<!\d[  \u202f])(?=(\d+(?:[.,:]\d+|[  \u202f]\d{3}(?!\d))*)\s*[–‒]\s*\d)|(?<=\d)\s*[–‒]\s*(?=\d)"
)
"""Where a range starts (group 1, an empty match before its first number) and its dash."""
PLUS = re.compile(r"(?<![\w+])(\d[\d,.]*)\+(?!\w)")
DASH = re.compile(r"\s*[—―]\s*|\s+[–-]\s+|(?<=\s)[–—-](?=\s|$)|^[–—](?=\s)")
AMPERSAND = re.compile(r"\s*&\s*")
TILDE = re.compile(r"(?<![\w~])~\s*(?=\d)")
BRACKETS = re.compile(r"[\[\]{}]")
INNER_COLON = re.compile(r":(?=\S)")
"""A colon not followed by a space is no punctuation ("key:value", a split "7:30"): a gap."""
SPACES = re.compile(r"\s+")
SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:.!?])")
DOUBLE_COMMA = re.compile(r",\s*([,;:.!?])")
REPEATED = re.compile(r"([;:!?])(?:\s*[,;:])+")
DIGIT_COLON = re.compile(r"(?<=\d)\s*:(?=\s*$)")
"""A colon after a number at the end of a run ("1:" before a term) would be read "colon"."""
STRAY_COLON = re.compile(r"([(\[{,;:])\s*:+")
"""A colon after a bracket or another mark ("(:", ", :") is read "colon": dropped (a
sentence that starts with one loses it in the plan)."""
NUMBER_SIGN = re.compile(r"#(?=\s?\d)")


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


def prepare(text: str, words: Mapping[str, str] | None = None) -> str:
    """Ranges, counts with a plus and approximations in words, before the rules see them.

    ``words`` is the language's ``[words]`` table: ``from`` and ``to`` around a range ("de 10
    a 20", "10 bis 20"), ``more_than`` ("más de {n}") and ``about`` ("unos 5").
    """
    words = words or {}
    text = TILDE.sub(f"{words.get('about', 'about')} ", text)
    start, to = words.get("from", ""), words.get("to", "to")

    def said(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return f" {to} "
        already = not start or re.search(rf"(?<!\w){re.escape(start)}\s*$", text[: m.start()], re.IGNORECASE)
        return "" if already else f"{start} "  # "de 10–20" keeps its one "de"

    text = RANGE.sub(said, text)
    more = words.get("more_than", "{n}-plus")
    return PLUS.sub(lambda m: more.format(n=m.group(1)), text)


def _tidy(text: str) -> str:
    """Whitespace collapsed and stray punctuation removed, the ends' spaces kept."""
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() else ""
    body = SPACE_BEFORE_PUNCT.sub(r"\1", SPACES.sub(" ", text).strip())
    body = REPEATED.sub(r"\1", DOUBLE_COMMA.sub(r"\1", body))
    return f"{lead}{body}{tail}" if body else (" " if text.strip() == "" and text else "")


def finish(text: str, symbols: Mapping[str, str]) -> str:
    """The symbols no rule took: dashes a pause, "&" "and", the table's symbols its words."""
    text = DASH.sub(", ", text)
    text = AMPERSAND.sub(f" {symbols.get('&', 'and')} ", text)
    text = BRACKETS.sub(" ", text)  # "[Heart Center]" is said plainly; "0[0" stays two numbers
    text = INNER_COLON.sub(" ", DIGIT_COLON.sub(",", text))
    text = STRAY_COLON.sub(r"\1", text)
    if "#" in symbols:
        text = NUMBER_SIGN.sub(f" {symbols['#']} ", text)
    text = text.replace("#", " ")
    # a dropped symbol still separates what stood on either side of it ("0⠀0" is two numbers)
    if not text.isascii():
        text = "".join(" " if _decorative(c) else c for c in text)
    for symbol, word in symbols.items():
        if symbol in text and symbol != "#":
            text = text.replace(symbol, f" {word} " if word.strip() else word or " ")
    return _tidy(text)


def speakable(text: str, words: Mapping[str, str] | None = None, symbols: Mapping[str, str] | None = None) -> str:
    """Text in words by the passes that need no rule (code, alt text): ranges and "&" in the
    words of the page's language (``[words]`` and ``[symbols]``), English when it has none."""
    return finish(prepare(text, words), {"&": (symbols or {}).get("&", "and")})
