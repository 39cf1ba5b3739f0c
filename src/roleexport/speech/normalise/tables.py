"""The normaliser's tables for a page language: data files, one per language, with regional spellings.

``en.toml`` holds English; ``[spelling.en-GB]`` turns "liters" into "litres" for a British
page; ``es``, ``fr``, ``de`` and ``pt`` hold the others, with their number formats (``[numbers]``:
"32.000", "1 200,50"), the gender a number takes before a noun ("una hora", "doscientas
personas", "eine Stunde") and how a clock time is said ("14 h 30", "14.30 Uhr"). A language
without a table gets none of the word rules (only letter spelling and symbol clean-up, which
need no words), so a page is never read with another language's words: its voice reads the
symbols (the build warns once that the page has no catalogue).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any


@dataclass(frozen=True, slots=True)
class Tables:
    """Everything the rules need to say a page's symbols in its language."""

    lang: str
    number_lang: str
    """num2words' language code (``en``, ``es`` …)."""
    units: dict[str, tuple[str, str]] = field(default_factory=dict)
    units_attached: dict[str, tuple[str, str]] = field(default_factory=dict)
    per: dict[str, str] = field(default_factory=dict)
    currencies: dict[str, tuple[str, str]] = field(default_factory=dict)
    multipliers: dict[str, str] = field(default_factory=dict)
    abbreviations: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    before_number: dict[str, str] = field(default_factory=dict)
    cents: dict[str, tuple[str, str]] = field(default_factory=dict)
    months: tuple[str, ...] = ()
    day_first: bool = False
    after_name: dict[str, str] = field(default_factory=dict)
    symbols: dict[str, str] = field(default_factory=dict)
    fractions: dict[int, tuple[str, str]] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
    time: dict[str, str] = field(default_factory=dict)
    date: dict[str, str] = field(default_factory=dict)
    """How a numeric date is said, where not as English does: ``template``, ``day_1`` ("premier")."""
    units_bare: frozenset[str] = frozenset()
    ratio_words: frozenset[str] = frozenset()
    sentence_final: frozenset[str] = frozenset()
    roman_after: frozenset[str] = frozenset()
    group: tuple[str, ...] = (",",)
    """Thousands separators ("32,000"; "32.000", "1 200" elsewhere)."""
    decimal: str = "."
    in_words: bool = False
    """Numbers a rule says are given in words ("treinta y dos mil euros"), not left as digits for
    the engine (English voices read "32,000" right; others misread "1 200,50")."""
    decimal_digits: bool = False
    """The digits after the decimal mark are said one by one ("zwei Komma fünf null")."""
    feminine_nouns: frozenset[str] = frozenset()
    feminine: tuple[tuple[str, str], ...] = ()
    """Number words before a feminine noun (pattern, replacement): "uno" → "una"."""
    feminine_ordinal: tuple[tuple[str, str], ...] = ()
    """An ordinal made feminine by its mark ("2.ª": "segundo" → "segunda")."""
    range_start: tuple[tuple[str, str], ...] = ()
    """The first number of a range ("1 bis 2": "eins" → "ein")."""
    before_noun: tuple[tuple[str, str], ...] = ()
    """Number words before any noun: "veintiuno" → "veintiún", "eins" → "ein"."""
    time_separators: tuple[str, ...] = ()
    """Between hours and minutes besides ":" ("14h30", "9 h 30")."""
    time_suffixes: tuple[str, ...] = ()
    """After a time ("14:30 Uhr"); with one, "." separates hours and minutes too ("14.30 Uhr")."""
    ordinal_suffixes: dict[str, str] = field(default_factory=dict)
    """Written after a number to make it an ordinal, and its gender ("1.º" m, "2.ª" f, "1er" m)."""
    letters: dict[str, str] = field(default_factory=dict)
    """Letters a voice would read as a word when alone, said by their names ("Y" → "i griega")."""
    off: frozenset[str] = frozenset()
    """English-only rules a language does not use ("meridiem", "decade", "ordinal")."""

    @property
    def has_words(self) -> bool:
        return bool(self.words)

    def word(self, key: str) -> str:
        return self.words.get(key, key)


def pair(value: str) -> tuple[str, str]:
    one, _, many = value.partition("|")
    return one, many or one


def _respelled(value: str, spelling: dict[str, str]) -> str:
    if not spelling:
        return value
    return re.sub(r"[A-Za-z]+", lambda m: spelling.get(m.group(0), m.group(0)), value)


def _read(primary: str) -> dict[str, Any]:
    resource = files("roleexport.speech.normalise") / f"{primary}.toml"
    if not resource.is_file():
        return {}
    return tomllib.loads(resource.read_text(encoding="utf-8"))


@cache
def tables_for(lang: str) -> Tables:
    """The tables for a BCP 47 tag ("en-GB"): its language's file, its region's spellings."""
    primary = lang.split("-")[0].lower() or "en"
    data = _read(primary)
    if not data:
        return Tables(lang, primary)
    region = next((k for k in data.get("spelling", {}) if k.lower() == lang.lower()), None)
    spelling: dict[str, str] = data.get("spelling", {}).get(region, {}) if region else {}

    regional: dict[str, str] = next((v for k, v in data.get("region", {}).items() if k.lower() == lang.lower()), {})
    order = regional.get("date_order", data.get("months", {}).get("date_order", "month-day"))

    def pairs(name: str) -> dict[str, tuple[str, str]]:
        return {k: pair(_respelled(v, spelling)) for k, v in data.get(name, {}).items()}

    def plain(name: str) -> dict[str, str]:
        return {k: _respelled(v, spelling) for k, v in data.get(name, {}).items() if isinstance(v, str)}

    return Tables(
        lang=lang,
        number_lang=regional.get("number_lang", primary),
        units=pairs("units"),
        units_attached=pairs("units_attached"),
        per=plain("per"),
        currencies=pairs("currencies"),
        multipliers=plain("multipliers"),
        abbreviations=plain("abbreviations"),
        titles=plain("titles"),
        before_number=plain("before_number"),
        cents=pairs("cents"),
        months=tuple(data.get("months", {}).get("names", [])),
        day_first=order == "day-month",
        after_name=plain("after_name"),
        symbols=plain("symbols"),
        fractions={int(k): pair(v) for k, v in data.get("fractions", {}).items()},
        words=plain("words"),
        time=plain("time"),
        date=plain("date"),
        ratio_words=frozenset(w.lower() for w in data.get("ratio", {}).get("ratio_words", [])),
        units_bare=frozenset(data.get("units_bare", {}).get("said", [])),
        sentence_final=frozenset(data.get("sentence_final", {}).get("written", [])),
        roman_after=frozenset(data.get("roman", {}).get("after", [])),
        **_numbers(data.get("numbers", {})),
        time_separators=tuple(data.get("time", {}).get("separators", [])),
        time_suffixes=tuple(data.get("time", {}).get("suffixes", [])),
        ordinal_suffixes=dict(data.get("ordinals", {})),
        letters=plain("letters"),
        off=frozenset(data.get("rules", {}).get("off", [])),
    )


def _numbers(table: dict[str, Any]) -> dict[str, Any]:
    """The ``[numbers]`` table as Tables fields (absent keys keep the English defaults)."""
    found: dict[str, Any] = {}
    if "group" in table:
        found["group"] = tuple(table["group"])
    for key in ("decimal", "in_words", "decimal_digits"):
        if key in table:
            found[key] = table[key]
    if "feminine_nouns" in table:
        found["feminine_nouns"] = frozenset(w.lower() for w in table["feminine_nouns"])
    for key in ("feminine", "feminine_ordinal", "range_start", "before_noun"):
        if key in table:
            found[key] = tuple(table[key].items())
    return found
