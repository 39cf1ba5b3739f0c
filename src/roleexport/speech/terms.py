"""How one occurrence of a term is said, from the term's single source of truth.

A term with a lexicon alias is said as the alias (``<sub alias>`` in SSML); a term marked
``spell_out`` (every all-capitals abbreviation without a lexicon entry, or a lexicon alias of
spaced letters such as "C C P") is said letter by letter (``<say-as interpret-as="characters">``);
a term with phonemes only keeps its written form for engines without a lexicon. A plural
("CCPs") is said as the letters or alias plus "'s", since a bare "s" after spelled letters
would be read as one more letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from roleexport.model import Pronunciation, Term
from roleexport.speech.letters import SUBSCRIPTS, engine_letters, letters_said, looks_spelled

SPACED = re.compile(r"^(?:\S+ )+\S$")
"""An alias ending in a single letter or digit ("P A C", "aitch-vac R") is letters at the end."""


@dataclass(frozen=True, slots=True)
class Saying:
    """One term occurrence: ``written`` as on the page, ``said`` as the engine gets it."""

    written: str
    said: str
    how: str
    """``spell`` (letter by letter), ``alias`` (say ``said`` instead) or ``plain`` (as written)."""
    phoneme: str | None = None
    alphabet: str | None = None
    rule: str = ""
    """The normaliser's rule that made this saying ("unit", "letters" …); "" for a lexicon term."""
    letters: bool = False
    """``said`` holds spelled letters ("P A C O 2"), which an engine must say as letters."""
    final: bool = False
    """The written form's own full stop may end a sentence ("etc.", "Main St."), unlike "e.g."."""

    @property
    def engine_said(self) -> str:
        """``said`` as given to espeak-ng: a lone capital "A" (always a letter in a saying, as
        in "A B G" or "M and A") marked so it is the letter, not the article "uh"."""
        return engine_letters(self.said)


def spelled(written: str) -> str:
    """Letters and digits one by one, as a listener hears a spelled abbreviation."""
    return " ".join(c.upper() for c in written.translate(SUBSCRIPTS) if c.isalnum())


def saying(text: str, term: Term | None, plural_s: str = "'s") -> Saying:
    """How to say ``text``, an occurrence of ``term`` (possibly with a plural ``s``, said after
    spelled letters as ``plural_s``: the page language's, "'s" in English and German)."""
    pron = term.pronunciation if term is not None else Pronunciation()
    written = term.written if term is not None else text
    plural = text != written and text.startswith(written) and text[len(written) :] == "s"
    suffix = plural_s if plural else ""
    if pron.alias:
        # a word takes a plain plural ("see-paps"); letters keep the apostrophe ("V P N's")
        said = pron.alias + ("s" if plural and not SPACED.match(pron.alias) else suffix)
        return Saying(text, said, "alias", pron.phoneme, pron.alphabet)
    if pron.spell_out:
        if plural:
            return Saying(text, spelled(written) + suffix, "alias", letters=True)
        return Saying(text, spelled(written), "spell")
    if not pron.phoneme and looks_spelled(written):
        # a page's own abbreviation no lexicon knows ("SvO2"): spelled, never the engine's guess
        if plural:
            return Saying(text, letters_said(written) + suffix, "alias", letters=True)
        return Saying(text, letters_said(written), "spell", letters=True)
    return Saying(text, text, "plain", pron.phoneme, pron.alphabet)
