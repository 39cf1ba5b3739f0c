"""Make written text speakable the way a careful human reader would say it, in the page's language.

Three passes over a run of text: ``symbols.prepare`` turns ranges, counts with a plus and
approximations into words ("4–8" → "4 to 8"); the language's ``rules`` (tables in
``<lang>.toml``: units, money, times, dates, ratios, fractions, abbreviations, letters) turn
what they recognise into ``Saying`` pieces that keep the written form; ``symbols.finish``
says or drops the symbols left. The result is a list of plain strings and sayings, which the
speech plan turns into its segments.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from roleexport.speech.letters import SUBSCRIPTS
from roleexport.speech.normalise.rules import Piece, Rule, rules_for
from roleexport.speech.normalise.symbols import finish, prepare
from roleexport.speech.normalise.symbols import speakable as _speakable
from roleexport.speech.normalise.tables import tables_for
from roleexport.speech.terms import Saying

__all__ = ["Piece", "normalise", "plural_suffix", "reconsidered", "slash_between", "speakable"]


def plural_suffix(lang: str) -> str:
    """What follows spelled letters for a plural ("V P N's"; Spanish and French say the letters
    alone, "las U C I"): the language's ``plural_s``, else English's."""
    tables = tables_for(lang)
    return tables.words.get("plural_s", "'s") if tables.has_words else "'s"


@cache
def _rules(lang: str) -> tuple[Rule, ...]:
    return tuple(rules_for(tables_for(lang)))


SCRIPT_DIGITS = frozenset("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹")


def _inside_a_word(text: str, match: re.Match[str]) -> bool:
    """A match that starts or ends inside a word ("A0¼", "the7:30") is left alone: a saying
    never splits a written word (the SSML keeps written words whole)."""
    found, start, end = match.group(0), match.start(), match.end()
    if all(c in SCRIPT_DIGITS for c in found):
        return False  # a sub- or superscript ends the word it is written on ("SpO₂" in "theSpO₂")
    return bool(found) and (
        (start > 0 and _word(text[start - 1]) and _word(found[0]))
        or (end < len(text) and _word(text[end]) and _word(found[-1]))
    )


def _word(char: str) -> bool:
    """A character of a word: a letter, a digit or a combining mark ("֑")."""
    return char.isalnum() or unicodedata.category(char)[0] == "M"


def _apply(rule: Rule, pieces: list[Piece], lang: str) -> list[Piece]:
    out: list[Piece] = []
    tables = tables_for(lang)
    for piece in pieces:
        if isinstance(piece, Saying):
            out.append(piece)
            continue
        if rule.needs is not None and not rule.needs.search(piece):
            out.append(piece)
            continue
        position = 0
        for match in rule.pattern.finditer(piece):
            if _inside_a_word(piece, match):
                continue
            said = rule.say(match, tables)
            if said is None:
                continue
            out.append(piece[position : match.start()])
            out.extend(said)
            position = match.end()
        out.append(piece[position:])
    return [p for p in out if p != ""]


def speakable(text: str, lang: str = "en") -> str:
    """Text said by the passes that need no rule (code, alt text), in the words of ``lang``."""
    tables = tables_for(lang)
    return _speakable(text, tables.words, tables.symbols)


def normalise(text: str, lang: str) -> list[Piece]:
    """``text`` as plain strings (symbols said in words) and sayings (said by a rule)."""
    tables = tables_for(lang)
    pieces: list[Piece] = [prepare(text, tables.words)]
    for rule in _rules(lang):
        pieces = _apply(rule, pieces, lang)
    out: list[Piece] = []
    for n, piece in enumerate(pieces):
        if isinstance(piece, Saying):
            out.append(replace(piece, said=piece.said.translate(SUBSCRIPTS)))
        elif _between_sayings(pieces, n) and piece.strip() in ("–", "—", "-") and tables.has_words:
            out.append(f" {tables.word('to')} ")  # "Mon.–Fri.", "Jan.–Mar."
        else:
            if n + 1 < len(pieces) and piece.endswith(":"):  # "key:" glued to a saying is no colon
                piece = piece[:-1] + " "
            out.append(finish(piece, tables.symbols))
    return out


def _between_sayings(pieces: list[Piece], n: int) -> bool:
    return 0 < n < len(pieces) - 1 and isinstance(pieces[n - 1], Saying) and isinstance(pieces[n + 1], Saying)


ROMAN = re.compile(r"[IVXL]+")
RECONSIDERED = ("unit", "number")
"""Rules that may take a known term by its context: "1 TB" is a size, not tuberculosis;
"Title IV" is a number, not intravenous."""


def reconsidered(before: str, written: str, lang: str) -> tuple[int, Saying] | None:
    """A term read by a rule in the light of the text just before it: (how many characters
    of ``before`` the saying takes, the saying), or None when the term stays a term."""
    tables = tables_for(lang)
    unit = written.split("/")[0] in tables.units or written in tables.units_attached
    if not (unit and before.rstrip()[-1:].isdigit()) and not (ROMAN.fullmatch(written) and before.endswith(" ")):
        return None
    tail = before[-24:]
    pieces = normalise(tail + written, lang)
    last = pieces[-1] if pieces else None
    if not isinstance(last, Saying) or last.rule not in RECONSIDERED or not last.written.endswith(written):
        return None
    taken = len(last.written) - len(written)
    if taken > len(tail) or not tail.endswith(last.written[:taken]):
        return None
    return taken, last


def slash_between(left: Saying, right: Saying, lang: str) -> str:
    """What "/" between two terms says: "over" between two clinical values ("PaO₂/FiO₂"),
    "or" between alternatives ("RN/LPN")."""
    tables = tables_for(lang)
    values = all(s.letters or s.how == "spell" for s in (left, right)) and all(
        any(c.isdigit() for c in s.said) for s in (left, right)
    )
    return f" {tables.word('over' if values else 'or')} " if tables.has_words else " "
