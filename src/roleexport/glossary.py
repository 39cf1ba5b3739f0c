"""Terms shared by many pages: expansions from ``glossary.yaml``, pronunciations from ``lexicon.pls``.

Three layers, each overriding the one before: the defaults shipped inside the package
(``roleexport/defaults/``, so a page built from any folder keeps them), the two files beside
the sources, and each page's own ``abbreviations``. Together they are the single source of
truth for abbreviations: the reader puts the terms a page uses into its tree and
every exporter (EPUB ``<abbr>``, PDF ``/E``, SSML, the PLS written out) takes them from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

from roleexport.errors import SourceError
from roleexport.model import Pronunciation, Term

GLOSSARY_FILE = "glossary.yaml"
LEXICON_FILE = "lexicon.pls"
PLS_NS = "http://www.w3.org/2005/01/pronunciation-lexicon"
SPELLED = re.compile(r"^[A-Z][A-Z0-9]+$")
SPACED_LETTERS = re.compile(r"^(?:[A-Za-z0-9] )+[A-Za-z0-9]$")
"""A lexicon alias like "C C P" means "spell it out" (SSML ``say-as characters``)."""
DEFAULT_GLOSSARY = "roleexport's default glossary"
DEFAULT_LEXICON = "roleexport's default lexicon"
PAGE_LAYER = "the page's front matter"


@dataclass(frozen=True, slots=True)
class Glossary:
    """Expansions and pronunciations keyed by the written term."""

    expansions: Mapping[str, str]
    pronunciations: Mapping[str, Pronunciation]
    expansion_origins: Mapping[str, str] = field(default_factory=dict)
    """Which layer each expansion came from (a file, or the package's defaults)."""
    pronunciation_origins: Mapping[str, str] = field(default_factory=dict)

    def terms_for(self, page_abbreviations: Mapping[str, str]) -> dict[str, Term]:
        """Every term a page may use: glossary entries overridden by the page's own."""
        expansions = {**self.expansions, **page_abbreviations}
        written = set(expansions) | set(self.pronunciations)
        return {w: Term(w, expansions.get(w), self.pronunciation(w)) for w in written}

    def pronunciation(self, written: str) -> Pronunciation:
        """The lexicon's entry, else letter by letter for an all-capitals abbreviation."""
        found = self.pronunciations.get(written)
        if found is not None:
            return found
        return Pronunciation(spell_out=bool(SPELLED.match(written)))

    def origins(self, term: Term, page_abbreviations: Mapping[str, str]) -> tuple[str | None, str]:
        """Where a term's expansion (None: no layer has one) and its pronunciation came from."""
        written = term.written
        if written in page_abbreviations:
            expansion: str | None = PAGE_LAYER
        else:
            expansion = self.expansion_origins.get(written) if term.expansion else None
        if written in self.pronunciations:
            said = self.pronunciation_origins.get(written, "the lexicon")
        else:
            said = "all capitals, no lexicon entry" if term.pronunciation.spell_out else "no lexicon entry"
        return expansion, said


def load_glossary(folder: Path) -> Glossary:
    """The package's default glossary and lexicon, extended and overridden by those in a sources folder."""
    defaults = default_glossary()
    glossary_path, lexicon_path = folder / GLOSSARY_FILE, folder / LEXICON_FILE
    expansions = _load_expansions(glossary_path)
    pronunciations = load_lexicon(lexicon_path)
    return Glossary(
        {**defaults.expansions, **expansions},
        {**defaults.pronunciations, **pronunciations},
        {**defaults.expansion_origins, **_layer(expansions, str(glossary_path))},
        {**defaults.pronunciation_origins, **_layer(pronunciations, str(lexicon_path))},
    )


def _layer(terms: Iterable[str], origin: str) -> dict[str, str]:
    return dict.fromkeys(terms, origin)


@cache
def default_glossary() -> Glossary:
    """The terms that apply to any career page, shipped as package data."""
    shipped = files("roleexport") / "defaults"
    with as_file(shipped / GLOSSARY_FILE) as glossary, as_file(shipped / LEXICON_FILE) as lexicon:
        expansions, pronunciations = _load_expansions(glossary, shipped=True), load_lexicon(lexicon)
        return Glossary(
            expansions, pronunciations, _layer(expansions, DEFAULT_GLOSSARY), _layer(pronunciations, DEFAULT_LEXICON)
        )


def _load_expansions(path: Path, shipped: bool = False) -> dict[str, str]:
    """The glossary's abbreviations. The ``shipped`` one, read by every process that reads a
    page, is parsed by libyaml when PyYAML has it (a sixth of the time of the pure-Python
    parser, the same mapping); a user's file by the pure-Python one, whose error messages the
    one-line errors quote."""
    if not path.is_file():
        return {}
    import yaml  # here, not at the top: a build with nothing to read imports no YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if shipped else yaml.SafeLoader
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SourceError(f"glossary is not valid UTF-8 YAML: {exc}", path=path) from exc
    entries = (data or {}).get("abbreviations", {}) if isinstance(data, dict) else None
    if not isinstance(entries, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in entries.items()):
        raise SourceError("glossary must hold 'abbreviations:' mapping each term to its expansion", path=path)
    return {k.strip(): " ".join(v.split()) for k, v in entries.items()}


def load_lexicon(path: Path) -> dict[str, Pronunciation]:
    """A W3C PLS 1.0 lexicon: grapheme → alias, phoneme, or spelled out (an alias like "C C P")."""
    if not path.is_file():
        return {}
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"lexicon is not well-formed XML: {exc.msg}", path=path, line=exc.lineno) from exc
    alphabet = root.get("alphabet")
    ns = {"pls": PLS_NS}
    out: dict[str, Pronunciation] = {}
    for lexeme in root.iterfind("pls:lexeme", ns):
        alias = lexeme.findtext("pls:alias", namespaces=ns)
        phoneme_el = lexeme.find("pls:phoneme", ns)
        phoneme = phoneme_el.text if phoneme_el is not None else None
        alias = " ".join(alias.split()) if alias else None
        spell_out = bool(alias and SPACED_LETTERS.match(alias))
        entry = Pronunciation(
            alias=None if spell_out else alias,
            spell_out=spell_out,
            phoneme=phoneme.strip() if phoneme else None,
            alphabet=(phoneme_el.get("alphabet") or alphabet) if phoneme_el is not None else None,
        )
        for grapheme in lexeme.iterfind("pls:grapheme", ns):
            if grapheme.text and grapheme.text.strip():
                out[grapheme.text.strip()] = entry
    return out
