"""Where a word of the page's language may break at a line end: soft hyphens from pyphen's dictionaries.

A ragged-right handout on a narrow measure leaves wide gaps where a long word moves whole to
the next line ("perfusionist", "extracorpórea", "responsabilités"). Soft hyphens (U+00AD) at the
breaks the language's hyphenation dictionary allows let ReportLab break such a word, drawing a
hyphen at the line end; unbroken, a soft hyphen draws nothing. The drawn hyphen is not text:
the tagging canvas marks it as an artifact (flowables.py), so the structure tree and copied text
keep the whole word.

Only plain words are touched: letters, perhaps joined by hyphens or apostrophes, with
punctuation around them. Web and mail addresses, code, numbers, acronyms and words with inner
capitals ("JavaScript") stay whole, as do words shorter than ``MIN_WORD`` letters. A language
pyphen has no dictionary for is not hyphenated.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"
MIN_WORD = 6
"""Letters a word needs before it may break (shorter words gain little and read worse broken)."""
LEFT, RIGHT = 2, 3
"""The fewest letters left before a break and carried over after it."""

_TOKEN = re.compile(r"(\s+)")
_WORD = re.compile(r"[\W_]*?([^\W\d_]+(?:[-'’][^\W\d_]+)*)[\W_]*")
_PART = re.compile(r"[^\W\d_]+")


@cache
def _dictionary(lang: str) -> pyphen.Pyphen | None:
    """pyphen's dictionary for a BCP 47 tag (``es-MX`` → ``es``, ``pt-BR`` → ``pt_BR``), or None."""
    found = pyphen.language_fallback(lang.replace("-", "_")) if lang else None
    return pyphen.Pyphen(lang=found, left=LEFT, right=RIGHT) if found else None


def hyphenate(text: str, lang: str) -> str:
    """``text`` with soft hyphens where the dictionary of ``lang`` allows its words to break."""
    dic = _dictionary(lang)
    if dic is None or SOFT_HYPHEN in text:
        return text  # the author placed the breaks already
    # a word that ends a run of markup before spaces is kept whole where the run ends (markup.py)
    return "".join(_word(t, dic) if i % 2 == 0 else t for i, t in enumerate(_TOKEN.split(text)))


@lru_cache(maxsize=65536)
def _word(token: str, dic: pyphen.Pyphen) -> str:
    found = _WORD.fullmatch(token)
    if found is None:
        return token  # an address, a number, code: anything that is not a word
    start, end = found.span(1)
    parts = _PART.sub(lambda m: _inserted(m.group(0), dic), found.group(1))
    return token[:start] + parts + token[end:]


@lru_cache(maxsize=65536)
def _inserted(part: str, dic: pyphen.Pyphen) -> str:
    """One run of letters with its breaks; an acronym or a name with inner capitals ("JavaScript") stays whole."""
    if len(part) < MIN_WORD or any(c.isupper() for c in part[1:]):
        return part
    return str(dic.inserted(part, hyphen=SOFT_HYPHEN))
