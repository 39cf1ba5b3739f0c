"""Pages in other languages: every word roleexport adds follows the page's language.

The catalogues are checked as data (every English key translated, same placeholders, sorted,
grouped); a Spanish, a French, a German and a Brazilian Portuguese career page
(tests/fixtures/i18n) are built once in every format and read back with independent tools: the
narration, the SSML (lxml, and espeak-ng's phonemes), both PDFs (poppler), the EPUB's
navigation, landmarks and package (zipfile, lxml, EPUBCheck), the web page (html5lib), the DAISY
book's NCC (lxml). No English generated word may appear in them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import tomllib
import warnings
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import html5lib
import pytest
from lxml import etree

from roleexport import api, i18n
from roleexport.build import BuildRequest, build_source
from roleexport.exporters import ExportOptions
from roleexport.i18n import catalogue, for_page
from roleexport.styles import Style, StyleError
from tests.conftest import ROOT, fixture_path
from tests.epubcheck_runner import describe, run_epubcheck
from tests.pdf_checks import tool

CATALOGUES = Path(i18n.__file__).parent
LANGUAGES = ["de", "es", "fr", "pt"]
FORMATS = ("pdf", "epub", "ssml", "narration", "audio", "readaloud", "html", "daisy")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"


def _messages(language: str) -> dict[str, str]:
    data = tomllib.loads((CATALOGUES / f"{language}.toml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


# ---------------------------------------------------------------------------- catalogues as data


def test_the_five_languages_have_catalogues() -> None:
    assert i18n.languages() == ["de", "en", "es", "fr", "pt"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_english_key_is_translated(language: str) -> None:
    english, own = _messages("en"), _messages(language)
    missing = sorted(set(english) - set(own))
    assert not missing, f"{language}.toml lacks {missing}: translate them (en.toml has them)"
    assert not sorted(set(own) - set(english)), f"{language}.toml has keys en.toml does not"
    for key, message in own.items():
        wanted = i18n.placeholders(english[key])
        used = i18n.placeholders(message)
        # a plural's "one" form may say the number in words ("its only heading")
        assert used <= wanted if key.endswith("_one") else used == wanted, (key, message)
        if key != "date_first_of_month":  # empty in most languages: CLDR's long form is right
            assert message.strip(), key


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_catalogue_files_are_sorted_and_grouped(language: str) -> None:
    """Sorted by key, each group of keys under a comment, so a missing translation is easy to spot."""
    text = (CATALOGUES / f"{language}.toml").read_text(encoding="utf-8")
    keys = re.findall(r"^(\w+) = ", text, re.MULTILINE)
    assert keys == sorted(keys) and len(keys) == len(_messages(language))
    for group in text.strip().split("\n\n"):
        assert group.lstrip().startswith("#"), f"{language}.toml: a group without a comment:\n{group}"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en-US", "March 1, 2025"),
        ("en-GB", "1 March 2025"),
        ("es-ES", "1 de marzo de 2025"),
        ("es-MX", "1 de marzo de 2025"),
        ("fr-FR", "1er mars 2025"),
        ("fr-CA", "1er mars 2025"),
        ("de-DE", "1. März 2025"),
        ("pt-BR", "1 de março de 2025"),
    ],
)
def test_dates_in_the_page_locale(lang: str, expected: str) -> None:
    assert catalogue(lang).date(dt.date(2025, 3, 1)) == expected


def test_only_the_first_of_the_month_is_1er() -> None:
    assert catalogue("fr").date(dt.date(2025, 3, 2)) == "2 mars 2025"


def test_numbers_and_plurals_follow_the_locale() -> None:
    assert catalogue("es").plural("a11y_headings", 6500) == "el índice recoge los 6.500 encabezados"
    assert (
        catalogue("en-US")
        .plural("a11y_pages", 1, edition="x")
        .startswith("Page breaks and a page list follow the 1 page ")
    )
    assert (
        catalogue("de")
        .plural("a11y_pages", 2, edition="x")
        .startswith("Seitenumbrüche und eine Seitenliste folgen den 2 Seiten")
    )


def _style(tmp_path: Path, text: str) -> Style:
    from roleexport.styles import load_style

    path = tmp_path / "custom.toml"
    path.write_text(text, encoding="utf-8")
    return load_style(str(path))


def test_a_style_overrides_any_label(tmp_path: Path) -> None:
    style = _style(
        tmp_path,
        'base = "default"\n[speech]\nquestion_label = "Q"\n[labels]\nspeech_section = "Part"\n'
        '[labels.es]\ncontents = "Contenido"\npage_of = "Hoja {page}/{total}"\n',
    )
    spanish, french = for_page("es-ES", style), for_page("fr-FR", style)
    assert spanish("contents") == "Contenido" and french("contents") == "Table des matières"
    assert spanish("page_of", page=1, total=2) == "Hoja 1/2"
    assert spanish("speech_section") == french("speech_section") == "Part"
    assert spanish("speech_question") == "Q"  # the [speech] label of styles written before catalogues
    assert spanish("speech_answer") == "Respuesta."


@pytest.mark.parametrize(
    ("table", "complaint"),
    [
        ('[labels]\nno_such_key = "x"\n', "no message 'no_such_key'"),
        ('[labels]\npage_of = "Page {page} of {pages}"\n', "uses pages"),
        ("[labels]\ncontents = 3\n", "must be a string"),
    ],
)
def test_a_wrong_override_is_one_clear_error(tmp_path: Path, table: str, complaint: str) -> None:
    with pytest.raises(StyleError, match=complaint):
        for_page("es", _style(tmp_path, table))


def test_a_language_without_a_catalogue_is_english_with_one_warning(tmp_path: Path) -> None:
    source = tmp_path / "nl.md"
    source.write_text(
        "---\ntitle: Verpleegkundige\nlang: nl-NL\n---\n\n## Taken\n\nZorg verlenen.\n\n## Wat verdien je?\n\nGenoeg.\n"
    )
    result = build_source(source, BuildRequest(tmp_path / "out", ("narration", "ssml", "epub", "pdf")))
    assert not result.failures, result.failures
    about = [w for w in result.warnings if "no catalogue" in w]
    assert len(about) == 1 and "'nl-NL'" in about[0] and about[0].startswith(str(source)), result.warnings
    script = (tmp_path / "out" / "nl" / "nl.txt").read_text(encoding="utf-8")
    assert "Section: Taken." in script and "Question: Wat verdien je?" in script


# ---------------------------------------------------------------------------- the sample pages


@dataclass(frozen=True)
class Built:
    """One sample page built in every format."""

    lang: str
    folder: Path
    slug: str

    def file(self, suffix: str) -> Path:
        return self.folder / f"{self.slug}{suffix}"


@dataclass(frozen=True)
class Sample:
    """A sample page and what its language prints where roleexport writes words."""

    name: str
    lang: str
    footer: str
    updated: str
    placeholder: str


SAMPLES = {
    "es": Sample(
        "enfermera", "es-ES", "Página {n} de {total}", "Actualizado el 1 de marzo de 2025", "[Imagen: Una enfermera"
    ),
    "fr": Sample(
        "technicien", "fr-FR", "Page {n} sur {total}", "Mis à jour le 1er mars 2025", "[Image : Un technicien"
    ),
    "de": Sample(
        "elektroniker", "de-DE", "Seite {n} von {total}", "Aktualisiert am 1. März 2025", "[Bild: Eine Elektronikerin"
    ),
    "pt": Sample(
        "analista", "pt-BR", "Página {n} de {total}", "Atualizado em 1 de março de 2025", "[Imagem: Uma analista"
    ),
}
PAGES = {lang: sample.name for lang, sample in SAMPLES.items()}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The sample pages, each built once per run in every format."""
    out = tmp_path_factory.mktemp("i18n")
    pages: dict[str, Built] = {}
    for lang, name in PAGES.items():
        result = build_source(fixture_path("i18n", f"{name}.md"), BuildRequest(out, FORMATS, options=ExportOptions()))
        assert not result.failures, result.failures
        assert sorted(result.built) == sorted(FORMATS)
        assert not [w for w in result.warnings if "no catalogue" in w or "no glyph" in w], result.warnings
        pages[lang] = Built(lang, out / result.slug, result.slug)
    return pages


def _english_phrases(lang: str) -> list[str]:
    """Every phrase of English that roleexport generates and the language says differently.

    The literal pieces of each English message (placeholders cut out), kept when the page's
    own message for that key does not contain them ("Pages" is French too).
    """
    english, own = _messages("en"), _messages(lang)
    phrases: set[str] = set()
    for key, message in english.items():
        for piece in re.split(r"\{\w+\}|[.,;:()\[\]]", message):
            piece = piece.strip()
            if re.search(r"[A-Za-z]{2,}", piece) and piece not in own[key] and key != "date_first_of_month":
                phrases.add(piece)
    return sorted(phrases)


def _assert_no_english(text: str, lang: str, where: str) -> None:
    found = [p for p in _english_phrases(lang) if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text)]
    assert not found, f"English generated words in the {where}: {found}"


def test_the_english_phrases_are_found_in_an_english_page(tmp_path: Path) -> None:
    """The check below can fail: run on an English page, it finds the generated English words."""
    source = tmp_path / "en.md"
    source.write_text("---\ntitle: Nurse\nlang: en-US\n---\n\n## Duties\n\nCare.\n\n## What is the pay?\n\nFair.\n")
    assert not build_source(source, BuildRequest(tmp_path / "out", ("narration",))).failures
    script = (tmp_path / "out" / "en" / "en.txt").read_text(encoding="utf-8")
    with pytest.raises(AssertionError, match="Section.*|Question"):
        _assert_no_english(script, "es", "narration")


@pytest.mark.parametrize("lang", PAGES)
def test_narration_is_all_in_the_page_language(built: dict[str, Built], lang: str) -> None:
    script = built[lang].file(".txt").read_text(encoding="utf-8")
    _assert_no_english(script, lang, "narration")
    cat = catalogue(lang)
    for key in ("speech_section", "speech_question", "speech_subsection"):
        assert f"\n{cat(key)}: " in script, key
    assert f"\n{cat('speech_answer')}\n" in script
    assert f"\n{cat('speech_letter_start')}\n" in script and f"\n{cat('speech_letter_end')}" in script
    assert f"\n{cat('speech_image')}: " in script


SAID = {
    "es": ["Unos treinta y dos mil euros brutos al año", "ronda los treinta y dos mil euros", "la U C I"],
    "fr": ["Environ vingt-quatre mille euros brut par an", "dépasser trente-deux mille euros"],
    "de": [
        "Etwa zweitausendneunhundert Euro brutto",
        "Meist sieben Uhr bis sechzehn Uhr",
        "im Umkreis von zehn bis fünfzig Kilometer",
        "mit zweihundertdreißig Volt und vierhundert Volt",
        "um zwölf Uhr dreißig",
        "achttausend bis zwölftausend Euro",
    ],
    "pt": [
        "Cerca de cinco mil reais por mês",
        "Das nove horas às dezoito horas",
        "Às catorze e trinta",
        "custam de quinze mil a trinta mil reais",
        "ganha de nove mil a doze mil reais",
    ],
}


@pytest.mark.parametrize("lang", PAGES)
def test_narration_says_money_times_and_ranges_in_the_page_language(built: dict[str, Built], lang: str) -> None:
    """The speech normaliser's tables of the page's language: no amount or time is left in
    digits with the language's separators for the voice to misread."""
    script = " ".join(built[lang].file(".txt").read_text(encoding="utf-8").split())
    for said in SAID[lang]:
        assert said in script, (said, script[:600])
    assert not re.search(r"\d[.,\u00a0 ]\d{3}|\d:\d\d|[€$]", script), script


@pytest.mark.parametrize(
    ("text", "lang", "said"),
    [
        ("$12.50 a shift", "en-US", "12 dollars 50 cents a shift"),
        ("32.000 € a year", "nl-NL", "32.000 € a year"),  # no table: its voice reads them
        ("de 1 a 2 h", "es-ES", "de una a dos horas"),
        ("1–2 kg", "es-ES", "de uno a dos kilos"),
        ("200–300 personas", "es-ES", "de doscientas a trescientas personas"),
        ("1–2 Stunden", "de-DE", "ein bis zwei Stunden"),
        ("21 h y 200 personas", "es-ES", "veintiuna horas y 200 personas"),
        ("1 h 05", "fr-CA", "une heure cinq"),
        ("9 Uhr", "de-AT", "neun Uhr"),
        ("14h30", "pt-PT", "catorze e trinta"),
        ("16 GB", "pt-PT", "dezasseis gigabytes"),
        ("16 GB", "pt-BR", "dezesseis gigabytes"),
    ],
)
def test_the_normaliser_follows_the_page_language(text: str, lang: str, said: str) -> None:
    from roleexport.speech.normalise import normalise
    from roleexport.speech.terms import Saying

    pieces = normalise(text, lang)
    assert " ".join("".join(p.said if isinstance(p, Saying) else p for p in pieces).split()) == said


def test_the_default_lexicon_respells_in_english_only(tmp_path: Path) -> None:
    """ "see-pap" and "eye-so" are English respellings: a Spanish page says the terms its own
    way (lexicon.es.pls) or spells them; the folder's own lexicon still wins in any language."""
    from roleexport.reader import read_source
    from roleexport.speech.terms import saying

    def said(lang: str) -> dict[str, str]:
        source = tmp_path / f"{lang}.md"
        source.write_text(f"---\ntitle: T\nlang: {lang}\n---\n\nCPAP, ISO, PEEP, AWS y HVAC.\n", encoding="utf-8")
        doc = read_source(source)
        return {t.written: saying(t.written, t).said for t in doc.terms}

    assert said("en-US") == {"CPAP": "see-pap", "ISO": "eye-so", "PEEP": "peep", "AWS": "A W S", "HVAC": "aitch-vac"}
    assert said("es-ES") == {"CPAP": "cepap", "ISO": "iso", "PEEP": "P E E P", "AWS": "A W S", "HVAC": "H V A C"}
    (tmp_path / "lexicon.pls").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<lexicon xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" '
        'version="1.0" alphabet="ipa" xml:lang="es-ES"><lexeme><grapheme>PEEP</grapheme><alias>pip</alias></lexeme>'
        "</lexicon>\n",
        encoding="utf-8",
    )
    assert said("es-ES")["PEEP"] == "pip"


def test_code_and_alt_text_are_said_in_the_page_language() -> None:
    """Code and an image's description get no rule, but their ranges and "&" are the page's words."""
    from roleexport.model import Code, Image, Metadata, Paragraph, Text
    from roleexport.model import Document as Doc
    from roleexport.speech.plan import build_plan, unit_text

    blocks = (Paragraph("p", (Code("10–20 & 30"), Text(" y "), Image("x.png", "turnos 8–12 & guardias"))),)
    plan = build_plan(Doc(Metadata(title="T", slug="t", lang="es-ES"), (), blocks))
    said = " ".join(unit_text(u) for u in plan.units if u.block_id == "p")
    assert "de 10 a 20 y 30" in said.lower() and "de 8 a 12 y guardias" in said, said


@pytest.mark.parametrize("lang", PAGES)
def test_ssml_is_all_in_the_page_language(built: dict[str, Built], lang: str) -> None:
    root = etree.parse(str(built[lang].file(".ssml"))).getroot()
    assert root.get(XML_LANG) == SAMPLES[lang].lang
    _assert_no_english(" ".join(root.itertext()), lang, "SSML")
    # the passage in English keeps its own language
    passages = root.findall(".//{http://www.w3.org/2001/10/synthesis}lang")
    assert [p.get(XML_LANG) for p in passages] == ["en"]


def _espeak(*args: str) -> str:
    """espeak-ng's phonemes (``-q -x``) with stress marks, pauses and word gaps left out."""
    done = subprocess.run(["espeak-ng", "-q", "-x", *args], capture_output=True, text=True, check=True, timeout=300)
    return re.sub(r"[\s'ˈ,ˌ_!|:;%=]", "", done.stdout)


def test_espeak_speaks_the_spanish_ssml_with_the_spanish_voice(built: dict[str, Built]) -> None:
    """espeak-ng (``espeak-ng -q -x -m -v es``, and the wheel's libespeak-ng the audio uses) reads
    the Spanish SSML with the Spanish voice: "Sección" as Spanish gives it, not English's
    "Section"; the salary "32.000 €" (twice on the page) as the phonemes espeak-ng gives
    "treinta y dos mil euros" written out."""
    ssml = built["es"].file(".ssml")
    assert '<sub alias="treinta y dos mil euros">32.000 €</sub>' in ssml.read_text(encoding="utf-8")
    heard = _espeak("-m", "-v", "es", "-f", str(ssml))
    salary = _espeak("-v", "es", "treinta y dos mil euros")
    section, question = _espeak("-v", "es", "Sección"), _espeak("-v", "es", "Pregunta")
    assert heard.count(salary) == 2, (salary, heard[:400])
    assert heard.count(section) == 5 and heard.count(question) == 2  # the five sections, two questions
    assert _espeak("-v", "en", "Section") not in heard and _espeak("-v", "en", "Question") not in heard
    assert _espeak("-v", "en", "thirty two thousand euros") not in heard
    done = subprocess.run(
        [sys.executable, "-m", "tests.espeak_probe", "ssml", str(ssml)],
        capture_output=True,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    report = json.loads(done.stdout)
    assert report["status"] == 0
    assert re.sub(r"[\s'ˈ,ˌ_!|:;%=]", "", report["phonemes"]).count(salary) == 2


def _pdf_text(path: Path) -> str:
    return tool("pdftotext", "-enc", "UTF-8", str(path), "-")


@pytest.mark.parametrize("lang", PAGES)
@pytest.mark.parametrize("edition", ["", "-large-print"])
def test_pdf_words_follow_the_page_language(built: dict[str, Built], lang: str, edition: str) -> None:
    path = built[lang].file(f"{edition}.pdf")
    text = _pdf_text(path)
    _assert_no_english(text, lang, f"PDF{edition}")
    pages = int(re.search(r"^Pages:\s+(\d+)", tool("pdfinfo", str(path)), re.MULTILINE).group(1))  # type: ignore[union-attr]
    footer = SAMPLES[lang].footer
    for n in range(1, pages + 1):
        page = tool("pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8", str(path), "-")
        assert footer.format(n=n, total=pages) in " ".join(page.split()), (n, page[-200:])
    assert SAMPLES[lang].updated in " ".join(text.split())
    assert SAMPLES[lang].placeholder in " ".join(text.split())


def _line_starts(text: str) -> list[str]:
    """Lines that begin with a mark French sets after a no-break space."""
    return [line for line in text.splitlines() if line.strip()[:1] in {"?", "!", ":", ";", "»"}]


def test_pdf_french_marks_never_start_a_line(built: dict[str, Built], tmp_path: Path) -> None:
    """A space before ? ! : ; (and inside « ») in a French source is a no-break space in print,
    so the mark never starts a line; the same text in English breaks there (the check can fail)."""
    for edition in ("", "-large-print"):
        assert not _line_starts(_pdf_text(built["fr"].file(f"{edition}.pdf"))), edition
    body = " ".join(["Pourquoi ? Comment ! Quand : ainsi ; « entre » et"] * 60)
    found = {}
    for lang in ("fr-FR", "en-US"):
        source = tmp_path / f"{lang}.md"
        source.write_text(f"---\ntitle: Essai\nlang: {lang}\n---\n\n{body}\n", encoding="utf-8")
        result = build_source(source, BuildRequest(tmp_path / "out", ("pdf",)))
        assert not result.failures, result.failures
        found[lang] = _line_starts(_pdf_text(tmp_path / "out" / lang.lower() / f"{lang.lower()}.pdf"))
    assert found["fr-FR"] == [] and found["en-US"], found


def _nav(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as book:
        return etree.fromstring(book.read("EPUB/nav.xhtml"))


def _opf(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as book:
        return etree.fromstring(book.read("EPUB/content.opf"))


@pytest.mark.parametrize("lang", PAGES)
@pytest.mark.parametrize("kind", ["", "-readaloud"])
def test_epub_navigation_and_landmarks_in_the_page_language(built: dict[str, Built], lang: str, kind: str) -> None:
    path = built[lang].file(f"{kind}.epub")
    nav = _nav(path)
    cat = catalogue(lang)
    words = " ".join([*nav.itertext(), *(e.get("aria-label", "") for e in nav.iter())])
    _assert_no_english(words, lang, "EPUB navigation")
    assert nav.get(XML_LANG) == nav.get("lang") == SAMPLES[lang].lang
    toc = nav.find(f".//{XHTML}nav[@id='toc']")
    assert toc is not None and toc.findtext(f"{XHTML}h1") == cat("contents")
    landmarks = nav.find(f".//{XHTML}nav[@id='landmarks']")
    assert landmarks is not None and landmarks.get("aria-label") == cat("epub_landmarks")
    assert [a.text for a in landmarks.iter(f"{XHTML}a")] == [cat("contents"), cat("epub_start")]
    pages = nav.find(f".//{XHTML}nav[@id='page-list']")
    assert pages is not None and pages.get("aria-label") == cat("epub_pages")
    opf = _opf(path)
    metas = {m.get("property"): m.text or "" for m in opf.iter(f"{OPF}meta") if m.get("property")}
    summary = metas["schema:accessibilitySummary"]
    _assert_no_english(summary, lang, "accessibility summary")
    title = opf.findtext(".//{http://purl.org/dc/elements/1.1/}title")
    assert summary.startswith(
        _before_placeholder(cat, "a11y_reading_narrated" if kind else "a11y_reading", title=title)
    )
    if kind:
        assert metas["media:narrator"].startswith(_before_placeholder(cat, "readaloud_narrator"))
    language = opf.find(".//{http://purl.org/dc/elements/1.1/}language")
    assert language is not None and language.text == SAMPLES[lang].lang


@pytest.mark.parametrize("lang", PAGES)
def test_epub_passes_epubcheck_with_its_languages(built: dict[str, Built], lang: str) -> None:
    path = built[lang].file(".epub")
    errors, warnings_, messages = run_epubcheck(path)
    assert (errors, warnings_, messages) == (0, 0, []), describe(messages)
    with zipfile.ZipFile(path) as book:
        parts = [etree.fromstring(book.read(n)) for n in book.namelist() if n.startswith("EPUB/part-")]
    assert parts and all(p.get(XML_LANG) == p.get("lang") == SAMPLES[lang].lang for p in parts)
    passages = [s for p in parts for s in p.iter(f"{XHTML}span") if s.get(XML_LANG)]
    assert [(s.get(XML_LANG), s.get("lang")) for s in passages] == [("en", "en")]
    placeholder = [s.text for p in parts for s in p.iter(f"{XHTML}span") if s.get("class") == "image-description"]
    assert placeholder and placeholder[0].startswith(_before_placeholder(catalogue(lang), "image"))


def _web_page(data: bytes) -> Any:
    """The page parsed by html5lib (strict: a parse error fails), its inlined stylesheet emptied."""
    root = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data, transport_encoding="utf-8")
    for style in root.iter("style"):
        style.text = ""
    return root


def _web_words(root: Any) -> str:
    """What a reader sees or hears of the page: its text and the labels the page adds."""
    labels = [e.get(a, "") for e in root.iter() for a in ("aria-label", "label")]
    return " ".join([*root.itertext(), *labels])


@pytest.mark.parametrize("lang", PAGES)
def test_web_page_is_all_in_the_page_language(built: dict[str, Built], lang: str) -> None:
    """Skip link, contents, the audio player (built alongside), source line, date and image
    placeholder in the page's language; no English generated word anywhere."""
    root = _web_page(built[lang].file(".html").read_bytes())
    _assert_no_english(_web_words(root), lang, "web page")
    cat = catalogue(lang)
    assert root.get("lang") == SAMPLES[lang].lang
    assert root.findtext(".//header/a") == cat("html_skip_link")
    assert root.findtext(".//nav/p") == cat("contents")
    assert root.findtext(".//figure/figcaption") == cat("html_listen")
    track = root.find(".//audio/track")
    assert track is not None and track.get("label") == cat("html_chapters") and track.get("srclang") == root.get("lang")
    assert root.findtext(".//figure/p/a") == cat("html_download_audio")
    footer = " ".join(" ".join(root.find(".//footer").itertext()).split())
    assert " ".join(_before_placeholder(cat, "source_publisher").split()) in footer
    assert SAMPLES[lang].updated in footer
    placeholders = [s.text for s in root.iter("span") if s.get("class") == "image-description"]
    assert placeholders and placeholders[0].startswith(_before_placeholder(cat, "image"))


@pytest.mark.parametrize("lang", PAGES)
def test_web_page_address_label_in_the_page_language(lang: str) -> None:
    """The source line's label for the page's ``url`` (the fixtures have none, so one is added)."""
    doc = api.read(fixture_path("i18n", f"{PAGES[lang]}.md"))
    url = "https://example.org/roles/x/"
    files = api.export(replace(doc, meta=replace(doc.meta, url=url)), "html")
    root = _web_page(files[f"{doc.meta.slug}.html"])
    footer = " ".join(" ".join(root.find(".//footer").itertext()).split())
    assert " ".join(f"{catalogue(lang)('html_web_address')} {url}".split()) in footer
    _assert_no_english(_web_words(root), lang, "web page with a url")


def _before_placeholder(cat: i18n.Catalogue, key: str, **values: object) -> str:
    """A message's words up to its first unfilled placeholder."""
    names = i18n.placeholders(cat.messages[key]) - set(values)
    return cat(key, **values, **dict.fromkeys(names, "\x00")).split("\x00")[0]


@pytest.mark.parametrize("lang", PAGES)
def test_daisy_ncc_is_all_in_the_page_language(built: dict[str, Built], lang: str) -> None:
    """The DAISY book's navigation centre (its headings, page targets and metadata) and its
    content document carry no English generated word, and say the page's language."""
    with zipfile.ZipFile(built[lang].file("-daisy.zip")) as book:
        ncc = etree.fromstring(book.read("ncc.html"))
        names = book.namelist()
        content = [etree.fromstring(book.read(n)) for n in names if n.endswith(".html") and n != "ncc.html"]
    metas = {m.get("name"): m.get("content") or "" for m in ncc.iter(f"{XHTML}meta") if m.get("name")}
    assert metas.pop("ncc:setInfo") == "1 of 1"  # DAISY 2.02's own syntax for "volume 1 of 1": not words
    _assert_no_english(" ".join([*ncc.itertext(), *metas.values()]), lang, "DAISY NCC")
    assert ncc.get(XML_LANG) == ncc.get("lang") == SAMPLES[lang].lang
    assert metas["dc:language"] == SAMPLES[lang].lang
    assert content and all(c.get(XML_LANG) == SAMPLES[lang].lang for c in content)
    _assert_no_english(" ".join(t for c in content for t in c.itertext()), lang, "DAISY text")


@pytest.mark.parametrize(
    ("lang", "text", "heard"),
    [
        ("es", "Trabajó en dos UCIs.", "Trabajó en dos U C I."),
        ("pt-BR", "Trabalhou em duas UTIs.", "Trabalhou em duas U T I."),
        ("fr", "Deux IRMs.", "Deux I R M."),
        ("de", "Zwei PKWs.", "Zwei P K W's."),
        ("en-US", "Two ICUs.", "Two I C U's."),
    ],
)
def test_a_plural_abbreviation_is_said_as_its_language_says_it(lang: str, text: str, heard: str) -> None:
    """Spanish, Portuguese and French say a plural's letters alone ("las U C I"); English and
    German add "'s" (the languages' ``plural_s``)."""
    term = re.match(r".* (\w+?)s\.$", text).group(1)  # type: ignore[union-attr]
    assert _last_line_said(lang, text, f"abbreviations:\n  {term}: X\n") == heard


@pytest.mark.parametrize(
    ("lang", "text", "heard"),
    [
        ("es", "Descanso de 1/2 hora.", "Descanso de media hora."),
        ("es", "Con ½ hora basta.", "Con media hora basta."),
        ("pt-BR", "Intervalo de 1/2 hora.", "Intervalo de meia hora."),
        ("fr", "Pause de 1/2 heure.", "Pause de une demi heure."),
        ("de", "Pause von 1/2 Stunde.", "Pause von eine halbe Stunde."),
        ("es", "Son 3/4 del total.", "Son tres cuartos del total."),  # not a half: the fraction as before
        ("en-US", "Three quarters: 3/4 of the staff.", "Three quarters: three quarters of the staff."),
    ],
)
def test_a_half_before_a_feminine_noun_is_the_language_s_own_word(lang: str, text: str, heard: str) -> None:
    assert _last_line_said(lang, text) == heard


def _last_line_said(lang: str, text: str, front_matter: str = "") -> str:
    """The narration's line for ``text``, the body of a one-paragraph page in ``lang``."""
    page = f"---\ntitle: T\nlang: {lang}\n{front_matter}---\n# T\n\n{text}\n"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = api.read_string(page)
        script = next(iter(api.export(doc, "narration").values())).decode("utf-8")
    return script.splitlines()[-1]
