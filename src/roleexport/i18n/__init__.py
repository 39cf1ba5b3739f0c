"""Every word roleexport adds to a page, in the page's language.

Generated words (speech labels, "Page N of M", navigation labels, placeholders) are never
written inline in an exporter: an exporter asks ``catalogue(doc.meta.lang)`` for a message by
key. Catalogues are TOML tables in this package (``en.toml``, one file per language, keyed by
the BCP 47 primary subtag); English is the fallback for a missing language or key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

FALLBACK = "en"


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The messages of one language, English filling any gap."""

    lang: str
    """The catalogue's language (a primary subtag such as ``es``), ``en`` when the page's has none."""
    messages: Mapping[str, str]

    def __call__(self, key: str, /, **values: object) -> str:
        """The message ``key`` with its ``{placeholders}`` filled in."""
        return self.messages[key].format(**values)


def _table(language: str) -> dict[str, str]:
    resource = files(__package__) / f"{language}.toml"
    if not resource.is_file():
        return {}
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


@cache
def catalogue(lang: str) -> Catalogue:
    """The catalogue for a BCP 47 tag (``es-MX`` → ``es``), falling back to English."""
    primary = lang.split("-")[0].lower()
    own = _table(primary) if primary != FALLBACK else {}
    english = _table(FALLBACK)
    return Catalogue(primary if own else FALLBACK, {**english, **own})


def has_catalogue(lang: str) -> bool:
    """Whether a language has its own catalogue (else its generated words are English)."""
    primary = lang.split("-")[0].lower()
    return primary == FALLBACK or bool(_table(primary))
