"""Make written text speakable the way a careful human reader would say it, in the page's language.

Three passes over a run of text: ``symbols.prepare`` turns ranges, counts with a plus and
approximations into words ("4–8" → "4 to 8"); the language's ``rules`` (tables in
``<lang>.toml``: units, money, times, dates, ratios, fractions, abbreviations, letters) turn
what they recognise into ``Saying`` pieces that keep the written form; ``symbols.finish``
says or drops the symbols left. The result is a list of plain strings and sayings, which the
speech plan turns into its segments.
"""

from __future__ import annotations

from functools import cache

from roleexport.speech.normalise.rules import Piece, Rule, rules_for
from roleexport.speech.normalise.symbols import finish, prepare, speakable
from roleexport.speech.normalise.tables import tables_for
from roleexport.speech.terms import Saying

__all__ = ["Piece", "normalise", "speakable"]


@cache
def _rules(lang: str) -> tuple[Rule, ...]:
    return tuple(rules_for(tables_for(lang)))


def _apply(rule: Rule, pieces: list[Piece], lang: str) -> list[Piece]:
    out: list[Piece] = []
    tables = tables_for(lang)
    for piece in pieces:
        if isinstance(piece, Saying):
            out.append(piece)
            continue
        position = 0
        for match in rule.pattern.finditer(piece):
            said = rule.say(match, tables)
            if said is None:
                continue
            out.append(piece[position : match.start()])
            out.extend(said)
            position = match.end()
        out.append(piece[position:])
    return [p for p in out if p != ""]


def normalise(text: str, lang: str) -> list[Piece]:
    """``text`` as plain strings (symbols said in words) and sayings (said by a rule)."""
    pieces: list[Piece] = [prepare(text)]
    for rule in _rules(lang):
        pieces = _apply(rule, pieces, lang)
    tables = tables_for(lang)
    out: list[Piece] = []
    for n, piece in enumerate(pieces):
        if isinstance(piece, Saying):
            out.append(piece)
        elif _between_sayings(pieces, n) and piece.strip() in ("–", "—", "-") and tables.has_words:
            out.append(f" {tables.word('to')} ")  # "Mon.–Fri.", "Jan.–Mar."
        else:
            out.append(finish(piece, tables.symbols))
    return out


def _between_sayings(pieces: list[Piece], n: int) -> bool:
    return 0 < n < len(pieces) - 1 and isinstance(pieces[n - 1], Saying) and isinstance(pieces[n + 1], Saying)
