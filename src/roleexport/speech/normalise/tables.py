"""The normaliser's tables for a page language: data files, one per language, with regional spellings.

``en.toml`` holds English; ``[spelling.en-GB]`` turns "liters" into "litres" for a British
page. A language without a table gets none of the word rules (only letter spelling and symbol
clean-up, which need no words), so a page is never read with another language's words.
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
    units_bare: frozenset[str] = frozenset()
    ratio_words: frozenset[str] = frozenset()
    sentence_final: frozenset[str] = frozenset()
    roman_after: frozenset[str] = frozenset()

    @property
    def has_words(self) -> bool:
        return bool(self.words)

    def word(self, key: str) -> str:
        return self.words.get(key, key)


def _pair(value: str) -> tuple[str, str]:
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
        return {k: _pair(_respelled(v, spelling)) for k, v in data.get(name, {}).items()}

    def plain(name: str) -> dict[str, str]:
        return {k: _respelled(v, spelling) for k, v in data.get(name, {}).items() if isinstance(v, str)}

    return Tables(
        lang=lang,
        number_lang=primary,
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
        fractions={int(k): _pair(v) for k, v in data.get("fractions", {}).items()},
        words=plain("words"),
        time=plain("time"),
        ratio_words=frozenset(w.lower() for w in data.get("ratio", {}).get("ratio_words", [])),
        units_bare=frozenset(data.get("units_bare", {}).get("said", [])),
        sentence_final=frozenset(data.get("sentence_final", {}).get("written", [])),
        roman_after=frozenset(data.get("roman", {}).get("after", [])),
    )
