"""Hyphenation in the PDF handout, read back with poppler, pikepdf and the PDF/UA-1 validator.

Pages of four fields in English, Spanish, French, German and Portuguese are set on a narrow measure, where long
words must break: the printed lines end in hyphens (``pdftotext -layout``), while the structure
tree (``pdfinfo -struct-text``), the text poppler extracts and the EPUB's page map still hold the
whole words of the tree. Large print breaks no word; headings, code and addresses never break.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import page
import pyphen
import pytest
from reportlab.lib.styles import ParagraphStyle

from roleexport import walk
from roleexport.diagnostics import RoleExportWarning
from roleexport.errors import ExportError
from roleexport.exporters import ExportOptions
from roleexport.exporters.pdf import PdfExporter, clear_cache
from roleexport.exporters.pdf.flowables import TaggedParagraph
from roleexport.exporters.pdf.hyphenation import SOFT_HYPHEN, hyphenate
from roleexport.model import (
    Code,
    Document,
    Emph,
    Fact,
    Heading,
    Inline,
    Lang,
    Link,
    Metadata,
    Paragraph,
    Strong,
    Text,
)
from roleexport.reader import read_source
from roleexport.styles import Style, load_style
from tests.conftest import fixture_path

from .pdf_checks import page_words, struct_words, tool

EXPORTER = PdfExporter()
NARROW = """base = "default"
[pdf]
hyphenate = true
margin_left = 170
margin_right = 170
[pdf.large_print]
margin_left = 150
margin_right = 150
"""
PAGES = {
    "en": ("sources", "electrician.md"),
    "es": ("i18n", "enfermera.md"),
    "fr": ("i18n", "technicien.md"),
    "de": ("i18n", "elektroniker.md"),
    "pt": ("i18n", "analista.md"),
}
FRENCH = (
    "La surveillance hémodynamique, l’anticoagulation et la circulation extracorporelle sont "
    "les responsabilités quotidiennes du perfusionniste, avec l’oxygénateur cardiopulmonaire. "
)
HEADING = "Extracorporeal cardiopulmonary responsibilities"
CODE = "initialization"
URL = "https://example.org/documentation/responsibilities"


@dataclass(frozen=True)
class Narrow:
    doc: Document
    regular: Path
    large: Path


def _rules_page() -> Document:
    """An English page with what must never break (a heading, code, an address) and a French passage."""
    sentence = (Text("The perfusionist configures "), Code(CODE), Text(" before anesthesiologists arrive; "))
    blocks = (
        Heading("rules", 1, (Text(HEADING),)),
        Paragraph("p-code", sentence * 25),
        Paragraph("p-url", (Text("Documentation accompanies "), Link(URL, (Text(URL),)), Text(" always. ")) * 8),
        Paragraph("p-fr", (Text("In French: "), Lang("fr", (Text(FRENCH * 8),)))),
    )
    return Document(Metadata(title=HEADING, slug="rules", lang="en-US"), (), blocks)


def _export(doc: Document, style: Style, folder: Path) -> Narrow:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        files = EXPORTER.export(doc, style, ExportOptions())
    paths = []
    for name in (f"{doc.meta.slug}.pdf", f"{doc.meta.slug}-large-print.pdf"):
        (folder / name).write_bytes(files[name])
        paths.append(folder / name)
    return Narrow(doc, paths[0], paths[1])


@pytest.fixture(scope="session")
def narrow_style(tmp_path_factory: pytest.TempPathFactory) -> Style:
    path = tmp_path_factory.mktemp("narrow-style") / "narrow.toml"
    path.write_text(NARROW, encoding="utf-8")
    return load_style(str(path))


@pytest.fixture(scope="session")
def narrow(narrow_style: Style, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Narrow]:
    """The three pages and the rules page on a narrow measure, each edition built once."""
    folder = tmp_path_factory.mktemp("hyphenated")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RoleExportWarning)
        docs = {lang: read_source(fixture_path(*where)) for lang, where in PAGES.items()}
    docs["rules"] = _rules_page()
    return {key: _export(doc, narrow_style, folder) for key, doc in docs.items()}


def _layout_lines(path: Path) -> list[str]:
    return [line.rstrip() for line in tool("pdftotext", "-layout", "-enc", "UTF-8", str(path), "-").splitlines()]


def _broken_heads(path: Path) -> list[str]:
    """The last words of printed lines that end in a hyphen after a letter ("respon-")."""
    return [line.split()[-1] for line in _layout_lines(path) if re.search(r"\w-$", line)]


def _added(heads: list[str], doc: Document) -> list[str]:
    """The heads whose hyphen is not the text's own: not "heart-" of "heart-lung", nor where a
    printed web address too long for a line is cut after one of its hyphens."""
    tree = walk.plain_text(doc)
    return [h for h in heads if h not in tree and "/" not in h]


@pytest.mark.parametrize("lang", PAGES)
def test_a_narrow_page_breaks_words_at_line_ends(narrow: dict[str, Narrow], lang: str) -> None:
    heads = _broken_heads(narrow[lang].regular)
    tree = walk.plain_text(narrow[lang].doc)
    added = _added(heads, narrow[lang].doc)
    assert len(added) >= 3, heads
    dictionary = pyphen.Pyphen(lang=pyphen.language_fallback(narrow[lang].doc.meta.lang.replace("-", "_")))
    words = {w.strip('.,;:()«»¿?¡!"') for w in re.split(r"[\s’'-]+", tree)}
    for head in added:
        stem = re.split(r"[’'-]", head[:-1])[-1].lstrip('(«¿¡"')
        whole = [w for w in words if w.startswith(stem) and len(w) > len(stem)]
        assert whole, f"{head} is not the start of a word of the page"
        assert any(len(stem) in dictionary.positions(w) for w in whole), f"{head}: not a break of {whole}"


@pytest.mark.parametrize("lang", [*PAGES, "rules"])
def test_the_structure_text_keeps_the_whole_words(narrow: dict[str, Narrow], lang: str) -> None:
    got, heads = struct_words(narrow[lang].regular)
    doc = narrow[lang].doc
    expected = walk.words(walk.plain_text(doc))
    title = len(walk.words(doc.meta.title))
    block = len(got) - len(expected)  # the category and source line under the title
    assert 0 <= block <= 20
    assert got[:title] == expected[:title] and got[title + block :] == expected[title:]
    assert not any(SOFT_HYPHEN in w for w in got)
    assert [text for _, text in heads] == [text for _, text in walk.outline(doc)]


@pytest.mark.parametrize("lang", PAGES)
def test_each_page_starts_where_the_page_map_says(narrow: dict[str, Narrow], narrow_style: Style, lang: str) -> None:
    """The EPUB's page map, in the tree's words, against what poppler extracts from each page."""
    built, doc = narrow[lang], narrow[lang].doc
    pages = EXPORTER.page_map(doc, narrow_style, ExportOptions())
    count = int(re.search(r"^Pages:\s+(\d+)", tool("pdfinfo", str(built.regular)), re.MULTILINE).group(1))  # type: ignore[union-attr]
    assert count >= 3 and [p.page for p in pages.pages] == list(range(1, count + 1))
    texts = {}
    for node in walk.iter_blocks(doc.blocks):
        if isinstance(node, Heading | Paragraph):
            texts[node.id] = " ".join(walk.inline_text(node.children).split())
        elif isinstance(node, Fact):
            texts[node.id] = " ".join(walk.inline_text(node.label).split())
    head = walk.words(doc.meta.title)
    for start in pages.pages[1:]:
        body = [w for w in page_words(built.regular, start.page)[len(head) :] if w not in {"•", "◦", "▪"}]
        expected = walk.words(texts[start.block_id][start.offset :])[:4]
        assert body[: len(expected)] == expected, (start, body[:8])
    assert SOFT_HYPHEN not in tool("pdftotext", "-enc", "UTF-8", str(built.regular), "-")


@pytest.mark.parametrize("lang", [*PAGES, "rules"])
def test_large_print_breaks_no_word(narrow: dict[str, Narrow], lang: str) -> None:
    lines = [line for line in _layout_lines(narrow[lang].large) if line.strip()]
    assert len(lines) > 20
    assert not _added(_broken_heads(narrow[lang].large), narrow[lang].doc)


def test_headings_code_and_addresses_never_break(narrow: dict[str, Narrow]) -> None:
    heads = _broken_heads(narrow["rules"].regular)
    assert heads, "the narrow rules page breaks its running words"
    lines = _layout_lines(narrow["rules"].regular)
    for word in HEADING.split():  # the H1 wraps on this measure, word by word
        assert any(word in line.split() for line in lines[:6]), (word, lines[:6])
    for head in heads:
        stem = head[:-1]
        assert not CODE.startswith(stem), head
        assert not any(c in stem for c in "/:."), head


def test_a_passage_breaks_by_its_own_language(narrow: dict[str, Narrow]) -> None:
    """The French passage in the English page breaks where French does, not where English would."""
    french = pyphen.Pyphen(lang="fr")
    english = pyphen.Pyphen(lang="en_US")
    words = {w.strip(".,;:") for w in re.split(r"[\s’]+", FRENCH)}
    lines = _layout_lines(narrow["rules"].regular)
    passage = lines[next(i for i, line in enumerate(lines) if "In French:" in line) :]
    breaks = []
    for head in [line.split()[-1] for line in passage if re.search(r"\w-$", line)]:
        stem = head[:-1].split("’")[-1]
        for word in words:
            if word.startswith(stem) and len(word) > len(stem) and len(word) >= 6:
                breaks.append((word, len(stem)))
    assert breaks, "no French word broke"
    assert all(cut in french.positions(word) for word, cut in breaks), breaks
    assert any(cut not in english.positions(word) for word, cut in breaks), breaks


@pytest.mark.parametrize("lang", PAGES)
def test_a_hyphenated_pdf_is_pdf_ua_clean(narrow: dict[str, Narrow], lang: str) -> None:
    report = page.validate_pdf(str(narrow[lang].regular), profile="ua1")
    assert report.rules.failed == 0, [f"{f.rule_id}: {f.message}" for f in report.failures]


def test_hyphenated_bytes_are_reproducible(narrow: dict[str, Narrow], narrow_style: Style, tmp_path: Path) -> None:
    clear_cache()
    again = _export(narrow["fr"].doc, narrow_style, tmp_path)
    for first, second in ((narrow["fr"].regular, again.regular), (narrow["fr"].large, again.large)):
        assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()


def test_the_style_switch_turns_hyphenation_off(narrow: dict[str, Narrow], tmp_path: Path) -> None:
    path = tmp_path / "whole-words.toml"
    path.write_text(NARROW.replace("hyphenate = true\n", "hyphenate = false\n"), encoding="utf-8")
    off = _export(narrow["es"].doc, load_style(str(path)), tmp_path)
    assert _broken_heads(narrow["es"].regular) and not _broken_heads(off.regular)


def test_a_wrong_switch_is_one_clear_error(narrow: dict[str, Narrow], tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('base = "default"\n[pdf]\nhyphenate = "yes"\n', encoding="utf-8")
    with pytest.raises(ExportError, match="pdf: hyphenate must be true or false"):
        EXPORTER.export(narrow["en"].doc, load_style(str(path)), ExportOptions())


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("perfusionist", "en-US", "per-fu-sion-ist"),
        ("responsabilités", "fr-CA", "res-pon-sa-bi-li-tés"),
        ("circulación", "es-MX", "cir-cu-la-ción"),
        ("heart-lung (cardiopulmonary)", "en-US", "heart-lung (car-diopul-monary)"),
        ("https://example.org/perfusionists perfusion@example.org", "en-US", None),
        ("JavaScript ECMO CO2 2.4 L/min pump", "en-US", None),
        ("perfusionist", "ja", None),
        ("perfusionist", "", None),
    ],
)
def test_which_words_get_soft_hyphens(text: str, lang: str, expected: str | None) -> None:
    assert hyphenate(text, lang).replace(SOFT_HYPHEN, "-") == (expected or text)


def test_a_page_never_ends_on_the_first_half_of_a_word() -> None:
    """Where a page would end on "cardiopul-", the paragraph leaves that line for the next page."""
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=13, allowWidows=0, allowOrphans=0)
    sentence = "Perfusionists keep the circuit primed during cardiopulmonary bypass, monitoring anticoagulation. "
    para = TaggedParagraph(hyphenate(sentence * 8, "en-US"), style)
    para.wrap(150, 10_000)
    ends = [words[-1].endswith("-") for _, words in para.blPara.lines]
    assert sum(ends) >= 3, "the measure breaks words"
    cut = next(i for i in range(3, len(ends) - 2) if ends[i - 1] and not ends[i - 2])
    first, second = para.split(150, cut * 13 + 1)
    kept = first.blPara.lines
    assert len(kept) == cut - 1 and not kept[-1][1][-1].endswith("-")
    second.wrap(150, 10_000)
    assert second.blPara.lines[0][1][0] == para.blPara.lines[cut - 1][1][0]  # the moved line starts the next page


# the shape of the random tree that found ReportLab gluing "written" to the passage after it:
# a hyphenable word ends a text node, a space of its own follows, then a tag ends the run
RUN_ENDS = {
    "space-node-then-passage": (Text("aG False written"), Text(" "), Lang("zh-Hans", (Text("Àbcd GÈde end"),))),
    "space-node-then-strong": (Text("ľïĚH written"), Text(" "), Strong((Text("Aabbaa0 more"),))),
    "space-inside-emphasis": (Emph((Text("the perfusionist "),)), Text("configures everything")),
    "space-before-link": (Text("perfusionist "), Link(URL, (Text("documentation"),)), Text(" here")),
    "space-before-code": (Text("anesthesiologists "), Code(CODE), Text(" again")),
    "source-soft-hyphen": (Text(f"Aab{SOFT_HYPHEN}baa"), Text(" "), Emph((Text("0"),))),
}


@pytest.mark.parametrize("inlines", RUN_ENDS.values(), ids=list(RUN_ENDS))
def test_a_hyphenable_word_that_ends_a_run_keeps_the_space_after_it(
    inlines: tuple[Inline, ...], narrow_style: Style, tmp_path: Path
) -> None:
    """ReportLab drops the space after a word with soft hyphens where a run of markup ends in
    spaces (markup.py); the structure text of both editions has the tree's words, none glued."""
    doc = Document(Metadata(title="Run ends", slug="run-ends", lang="en-US"), (), (Paragraph("p", inlines),))
    wanted = walk.words(walk.plain_text(doc).replace(SOFT_HYPHEN, ""))  # invisible, as in the structure text
    built = _export(doc, narrow_style, tmp_path)
    for path in (built.regular, built.large):
        assert struct_words(path)[0] == wanted, path.name


def test_the_word_before_a_run_end_is_whole_in_the_markup() -> None:
    """The soft hyphens of the word before a run's closing spaces go, the others stay."""
    from roleexport.exporters.pdf.markup import _whole_before_run_ends

    shy = SOFT_HYPHEN
    markup = f"per{shy}fu{shy}sion{shy}ist writ{shy}ten <i>writ{shy}ten</i> writ{shy}ten  "
    assert _whole_before_run_ends(markup) == f"per{shy}fu{shy}sion{shy}ist written <i>writ{shy}ten</i> written  "
    assert (
        _whole_before_run_ends(f"writ{shy}ten\u00a0<b>x</b>") == f"writ{shy}ten\u00a0<b>x</b>"
    )  # a no-break space joins


def test_the_default_style_hyphenates_the_handout_never_large_print(tmp_path: Path) -> None:
    from roleexport.exporters.pdf.settings import settings

    style = load_style()
    assert settings(style, None, large_print=False).hyphenate
    assert not settings(style, None, large_print=True).hyphenate
    path = tmp_path / "large.toml"
    path.write_text('base = "default"\n[pdf.large_print]\nhyphenate = true\n', encoding="utf-8")
    with pytest.raises(ExportError, match="large print breaks no word"):
        settings(load_style(str(path)), None, large_print=True)
