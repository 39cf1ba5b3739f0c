"""Every word roleexport adds to a page, in the page's language.

Generated words (speech labels, "Page N of M", navigation labels, placeholders) are never
written inline in an exporter: an exporter asks ``for_page(doc.meta.lang, style)`` for a
catalogue and calls it with a key. Catalogues are TOML tables in this package (``en.toml``,
one file per language, keyed by the BCP 47 primary subtag), English filling a missing language
or key; a style's ``[labels]`` table (and ``[labels.<language>]``) overrides any message by key.
Dates and numbers in messages are formatted by Babel with CLDR data for the page's full tag,
so ``en-GB`` gets "1 March 2025" where ``en-US`` gets "March 1, 2025".
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from roleexport.diagnostics import warn
from roleexport.styles import StyleError

if TYPE_CHECKING:
    from babel import Locale

    from roleexport.styles import Style

FALLBACK = "en"

LEGACY: Mapping[tuple[str, str], str] = {
    ("speech", "section_label"): "speech_section",
    ("speech", "subsection_label"): "speech_subsection",
    ("speech", "question_label"): "speech_question",
    ("speech", "answer_cue"): "speech_answer",
    ("speech", "letter_start"): "speech_letter_start",
    ("speech", "letter_end"): "speech_letter_end",
    ("speech", "quote_start"): "speech_quote_start",
    ("speech", "quote_end"): "speech_quote_end",
    ("speech", "image_label"): "speech_image",
    ("epub", "contents_label"): "contents",
    ("epub", "landmarks_label"): "epub_landmarks",
    ("epub", "pages_label"): "epub_pages",
    ("epub", "start_label"): "epub_start",
}
"""Labels that styles set in their format's table before catalogues existed: still honoured,
as overrides for every language (``[labels]`` is the place for new styles)."""


def primary(lang: str) -> str:
    """The primary language subtag of a BCP 47 tag (``es-MX`` → ``es``)."""
    return lang.split("-")[0].lower()


ONE_IS_ONE = frozenset({"en", "de", "es", "it", "nl", "sv"})
"""Languages whose CLDR cardinal rule makes a whole number "one" exactly when it is 1 (in
every region: "i = 1 and v = 0", or "n = 1"); others (French, Portuguese: 0 and 1) ask Babel."""
LATIN_DIGITS = frozenset({"en", "de", "es", "fr", "pt", "it", "nl", "sv"})
"""Languages whose every locale writes 0-999 in ASCII digits with no mark, as ``str`` does."""


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The messages of one language, English filling any gap, for one page's locale."""

    lang: str
    """The catalogue's language (a primary subtag such as ``es``), ``en`` when the page's has none."""
    messages: Mapping[str, str]
    locale_tag: str = FALLBACK
    """The page's own BCP 47 tag, for Babel (dates, numbers, plural forms)."""

    def __call__(self, key: str, /, **values: object) -> str:
        """The message ``key`` with its ``{placeholders}`` filled in (whole numbers in the locale's digits)."""
        shown = {k: self.number(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in values.items()}
        return self.messages[key].format(**shown)

    def plural(self, key: str, count: int, /, **values: object) -> str:
        """``key_one`` or ``key_other``, as the language's CLDR plural rule says for ``count``."""
        if primary(self.locale_tag) in ONE_IS_ONE:  # the same answer without loading Babel
            one = count == 1
        else:
            one = self._locale().plural_form(count) == "one"
        return self(f"{key}_{'one' if one else 'other'}", count=count, **values)

    def number(self, value: float) -> str:
        """A number as the page's locale writes it ("6,500", "6.500", "6 500")."""
        if type(value) is int and 0 <= value < 1000 and primary(self.locale_tag) in LATIN_DIGITS:
            return str(value)  # no separator to place: Babel need not be loaded for "12 headings"
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=self._locale()))

    def date(self, day: dt.date) -> str:
        """A date as the page's locale writes it in full ("March 1, 2025", "1 de marzo de 2025").

        Where CLDR's long form misses a convention (French "1er"), the catalogue's
        ``date_first_of_month`` pattern is used for the first day of a month.
        """
        from babel.dates import format_date

        first = self.messages.get("date_first_of_month", "")
        pattern = first if day.day == 1 and first else "long"
        return str(format_date(day, pattern, locale=self._locale()))

    def iso_date(self, iso: str) -> str:
        """An ISO date ("2025-03-01", a page's ``updated``) written as ``date`` writes it; anything
        else as written."""
        try:
            day = dt.date.fromisoformat(iso[:10])
        except ValueError:
            return iso
        return self.date(day)

    def join(self, items: list[str]) -> str:
        """ "a, b and c" in the catalogue's words."""
        if len(items) < 2:
            return "".join(items)
        return self("list_and", items=self("list_separator").join(items[:-1]), last=items[-1])

    def overridden(self, overrides: Mapping[str, str]) -> Catalogue:
        """The catalogue with some messages replaced (a style's labels)."""
        return replace(self, messages={**self.messages, **overrides}) if overrides else self

    def _locale(self) -> Locale:
        return _locale(self.locale_tag, self.lang)


@cache
def _locale(tag: str, language: str) -> Locale:
    """Babel's locale for a tag, else for the catalogue's language (CLDR lacks some tags)."""
    from babel import Locale, UnknownLocaleError

    for candidate in (tag, primary(tag), language, FALLBACK):
        try:
            return Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    raise AssertionError("Babel has no English locale")  # pragma: no cover - Babel always ships en


def _table(language: str) -> dict[str, str]:
    if not language.isalpha():
        return {}
    resource = files(__package__) / f"{language}.toml"
    if not resource.is_file():
        return {}
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


@cache
def _catalogue(language: str) -> tuple[str, dict[str, str]]:
    own = _table(language) if language != FALLBACK else {}
    english = _table(FALLBACK)
    return (language if own else FALLBACK), {**english, **own}


def catalogue(lang: str) -> Catalogue:
    """The catalogue for a BCP 47 tag (``es-MX`` → ``es``), falling back to English."""
    language, messages = _catalogue(primary(lang))
    return Catalogue(language, messages, lang)


def has_catalogue(lang: str) -> bool:
    """Whether a language has its own catalogue (else its generated words are English)."""
    language = primary(lang)
    return language == FALLBACK or bool(_table(language))


def languages() -> list[str]:
    """The languages with a catalogue."""
    return sorted(p.name.removesuffix(".toml") for p in files(__package__).iterdir() if p.name.endswith(".toml"))


def for_page(lang: str, style: Style) -> Catalogue:
    """The catalogue a page's exporters use: its language's, with the style's overrides.

    A language without a catalogue gets English and a warning (the build shows a message once
    per page however many formats repeat it). Overrides: the legacy labels of ``[speech]`` and
    ``[epub]``, then ``[labels]``, then ``[labels.<language>]``; an unknown key is an error.
    """
    cat = catalogue(lang)
    if not has_catalogue(lang):
        warn(
            f"no catalogue for the page's language {lang!r}: the words roleexport adds are in English, "
            f"and its voice reads numbers and symbols unaided (catalogues: {', '.join(languages())})"
        )
    return cat.overridden(style_overrides(style, cat.lang, set(cat.messages)))


def style_overrides(style: Style, language: str, known: set[str]) -> dict[str, str]:
    """The messages a style replaces for pages in ``language``."""
    found: dict[str, str] = {}
    for (table, key), message in LEGACY.items():
        value = style.section(table).get(key)
        if isinstance(value, str):
            found[message] = value
    labels = style.section("labels")
    own = labels.get(language, {})
    scopes: tuple[tuple[str, Mapping[str, object]], ...] = (
        ("[labels]", labels),
        (f"[labels.{language}]", own if isinstance(own, Mapping) else {}),
    )
    for scope, entries in scopes:
        for key, value in entries.items():
            if isinstance(value, Mapping) and scope == "[labels]":
                continue  # a language's own table, read in its turn
            if key not in known:
                raise StyleError(f"{scope} has no message {key!r} to override (see roleexport/i18n/en.toml)")
            if not isinstance(value, str):
                raise StyleError(f"{scope} {key} must be a string, not {value!r}")
            _check_placeholders(scope, key, value, known_message=catalogue(FALLBACK).messages[key])
            found[key] = value
    return found


def _check_placeholders(scope: str, key: str, value: str, known_message: str) -> None:
    """An override may use only the placeholders its message has (``{page}``, ``{total}``)."""
    allowed = placeholders(known_message)
    try:
        used = placeholders(value)
    except ValueError as exc:
        raise StyleError(f"{scope} {key} is not a valid message: {exc}") from exc
    if not used <= allowed:
        extra = ", ".join(sorted(used - allowed))
        raise StyleError(f"{scope} {key} uses {extra}; it may use only {', '.join(sorted(allowed)) or 'none'}")


def placeholders(message: str) -> set[str]:
    """The ``{names}`` a message uses."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}
