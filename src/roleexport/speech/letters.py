"""Abbreviations no lexicon knows: said letter by letter, never left to the engine's guess.

espeak-ng guesses at a capitalised token it does not know ("ICU" as "eye-koo", "APRV" as
"ap-erv"), so a token that looks like an abbreviation (two or more capitals, at least half
its letters capitals: RRT, SpO2, PhD, iOS, IPv6; or a number with capitals: 3D, 6E) is
spelled. Digits inside are said one by one, a number at the end as a number ("B12", "SpO2").
Words in capitals for emphasis ("APPLY NOW TODAY") are a run of three or more such words
separated by spaces alone (a list has commas) and are left as words.
"""

from __future__ import annotations

import re

SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹", "01234567890123456789")
TOKEN = re.compile(r"(?<![\w'’.-])([A-Za-z0-9₀-₉]*[A-Z][A-Za-z0-9₀-₉]*?)(s?)(?![\w-]|\.\w)")
SHOUTED = re.compile(r"\b[A-Z]{2,}(?: [A-Z]{2,}){2,}\b")
TRAILING_NUMBER = re.compile(r"^(.*?[A-Za-z])(\d+)$")


def looks_spelled(token: str) -> bool:
    """Whether a capitalised token is an abbreviation to spell (see the module docstring)."""
    plain = token.translate(SUBSCRIPTS)
    letters = [c for c in plain if c.isalpha()]
    uppers = sum(c.isupper() for c in letters)
    if not letters or not plain.isalnum() or not plain.isascii():
        return False
    if uppers >= 2 and 2 * uppers >= len(letters):
        return True
    return any(c.isdigit() for c in plain) and uppers >= 1 and len(letters) <= 2  # O2, B12, 3D, 6E, T1


def letters_said(token: str) -> str:
    """ "PaCO₂" → "P A C O 2", "B12" → "B 12", "H1N1" → "H 1 N 1"."""
    plain = token.translate(SUBSCRIPTS)
    tail = ""
    found = TRAILING_NUMBER.match(plain)
    if found and not any(c.isdigit() for c in found.group(1)):
        plain, tail = found.group(1), found.group(2)
    said = " ".join(c.upper() if c.isalpha() else c for c in plain if c.isalnum())
    return f"{said} {tail}" if tail else said


def shouted_spans(text: str) -> list[tuple[int, int]]:
    """Where the text shouts (three or more words in capitals in a row): words, not letters."""
    return [m.span() for m in SHOUTED.finditer(text)]


def engine_letters(said: str) -> str:
    """Spelled letters as espeak-ng says them as letters: a lone "A" is read as the article
    "uh", "A-" as the letter."""
    return re.sub(r"(?<![\w-])A(?![\w'-])", "A-", said)
