"""The EPUB booklet, read back with zipfile and lxml and checked by EPUBCheck 5.

Each sample is built once per run: the perfusionist page through the real build (PDF and
EPUB, so the page-list follows the PDF's real page map), and a synthetic page with every
kind of block, hostile text and a hand-made page map.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from roleexport import walk
from roleexport.build import BuildRequest, build
from roleexport.errors import ExportError
from roleexport.exporters import ExportOptions
from roleexport.exporters.epub import EpubExporter
from roleexport.model import Document
from roleexport.pagemap import PageMap, PageStart
from roleexport.reader import read_text
from roleexport.styles import Style, load_style
from tests.epubcheck_runner import EpubCheckReport, describe, run_epubcheck_many
from tests.strategies import documents

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HEADING = re.compile(r"h[1-6]")

SYNTHETIC = """\
---
title: Night & Day <Nurse>
slug: night-day-nurse
lang: en-GB
updated: 2024-05-06
publisher: Career "Quotes" & Co <ltd>
abbreviations:
  ICU: intensive care unit
---

# Night & Day <Nurse>

Nurses say "yes" & 'no' <script>alert(1)</script> in the *ICU*, on **night** shifts; see
[the FAQ](#faq), [a site](https://example.org/?a=1&b=<2>) and [bad](javascript:alert(1)).
He said [bonne nuit]{lang=fr} quietly.\\
Next line with `<code> & stuff`.

<script>document.write("x")</script>

## Facts & figures

Shift <length>
: 12 hours & more

Setting
: Hospital wards, the ICU

- First <item> with onload="x"
  1. nested one
  2. nested two
- Second item

| Shift | Pay & extras |
|---|---|
| Night | 20% <more> |

```
if a < b && c > d: print("ok")
```

---

## Sample letter

::: letter
Dear <Manager>,

Yours & sincerely,\\
Sam
:::

## FAQ

### Is night work hard?

Sometimes, yes. ![A nurse at a night desk](nurse.png) It gets easier.

### Is it paid more?

Usually a differential applies to night & weekend shifts.
"""


def page_map_for(doc: Document) -> PageMap:
    """A hand-made map for the synthetic page: breaks at every kind of place the PDF can report."""
    texts = {
        b.id: walk.inline_text(getattr(b, "children", None) or getattr(b, "label", ()))
        for b in walk.iter_blocks(doc.blocks)
    }

    def at(block_id: str, words: str) -> int:
        return " ".join(texts[block_id].split()).index(words)

    return PageMap(
        edition="print-test",
        pages=(
            PageStart(1, "night-day", 0),  # a heading: the break goes before it
            PageStart(2, "p-1", at("p-1", "ICU")),  # at an <abbr> inside <em>
            PageStart(3, "li-1", 0),  # a list item's start: inside the <li>
            PageStart(4, "fact-2", 0),  # a fact label
            PageStart(5, "p-9", at("p-9", "Sam")),  # after a line break in the letter
            PageStart(6, "p-10", at("p-10", "A nurse")),  # the image description
            PageStart(7, "p-11", at("p-11", "Usually") + 5),  # mid-word, as the map says
            PageStart(8, "no-such-block", 0),  # reported and left out
            PageStart(9, "is-it-paid-more", 0),
            PageStart(9, "p-11", 3),  # a page given twice: the first start is kept, reported
            PageStart(10, "p-11", 10_000),  # past the end: marked at the end, reported
        ),
    )


@dataclass(frozen=True)
class Epub:
    """An EPUB read back: its zip, package, spine documents and nav."""

    path: Path
    data: bytes
    opf: etree._Element
    spine: list[tuple[str, etree._Element]]
    nav: etree._Element

    def doc(self, name: str) -> etree._Element:
        return dict(self.spine)[name]

    @property
    def content(self) -> list[tuple[str, etree._Element]]:
        """The spine without the nav document."""
        return [(name, root) for name, root in self.spine if root is not self.nav]

    def meta(self, prop: str) -> list[str]:
        return [m.text or "" for m in self.opf.iterfind(f"opf:metadata/opf:meta[@property='{prop}']", NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text or "" for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]


def read_epub(path: Path, data: bytes | None = None) -> Epub:
    """The EPUB at ``path`` (or given as ``data``) parsed."""
    data = path.read_bytes() if data is None else data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        container = etree.fromstring(z.read("META-INF/container.xml"))
        opf_path = container.find("c:rootfiles/c:rootfile", NS).get("full-path")
        base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        opf = etree.fromstring(z.read(opf_path))
        items = {i.get("id"): i for i in opf.iterfind("opf:manifest/opf:item", NS)}
        spine = []
        for ref in opf.iterfind("opf:spine/opf:itemref", NS):
            href = items[ref.get("idref")].get("href")
            spine.append((href, etree.fromstring(z.read(base + href))))
        nav_href = next(i.get("href") for i in items.values() if "nav" in (i.get("properties") or "").split())
        nav = dict(spine).get(nav_href)
        if nav is None:
            nav = etree.fromstring(z.read(base + nav_href))
    return Epub(path, data, opf, spine, nav)


INLINE = {f"{{{NS['h']}}}{t}" for t in ("a", "abbr", "em", "strong", "code", "span", "br", "img")}


def _texts(element: etree._Element) -> list[str]:
    """Text in document order; block elements and <br> separate words."""
    out = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            block = child.tag not in INLINE or child.tag == f"{{{NS['h']}}}br"
            out.extend([" "] if block else [])
            out.extend(_texts(child))
            out.extend([" "] if block else [])
        out.append(child.tail or "")
    return out


def text_of(element: etree._Element) -> str:
    """An element's visible text, whitespace normalised (as the page map counts it)."""
    return " ".join("".join(_texts(element)).split())


def outline(doc: Document) -> list[tuple[int, str]]:
    """The tree's outline, whitespace normalised as a reader shows it."""
    return [(level, " ".join(text.split())) for level, text in walk.outline(doc)]


def headings_in(root: etree._Element) -> list[tuple[int, str, etree._Element]]:
    """(level, text, element) of the h1-h6 of one document."""
    return [
        (int(e.tag[-1]), text_of(e), e)
        for e in root.iter()
        if isinstance(e.tag, str) and HEADING.fullmatch(etree.QName(e).localname)
    ]


def headings_of(epub: Epub) -> list[tuple[int, str, etree._Element]]:
    """The headings of every content document, in spine order."""
    return [found for _, root in epub.content for found in headings_in(root)]


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, perfusionist_path: Path) -> Path:
    """The perfusionist page built by the real build, PDF and EPUB together."""
    out = tmp_path_factory.mktemp("epub-build")
    results = list(build([perfusionist_path], BuildRequest(out_dir=out, formats=("pdf", "epub"))))
    assert all(r.ok for r in results), [r.failures for r in results]
    return out / "perfusionist"


@pytest.fixture(scope="session")
def booklet(built: Path) -> Epub:
    return read_epub(built / "perfusionist.epub")


@pytest.fixture(scope="session")
def synthetic_doc() -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the reader's own reports on the hostile text are its tests' business
        return read_text(SYNTHETIC, Path("night-day-nurse.md"))


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory, synthetic_doc: Document) -> tuple[Epub, list[str]]:
    """The synthetic page with the hand-made page map, and the warnings its export gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        options = ExportOptions(page_map=page_map_for(synthetic_doc))
        data = EpubExporter().export(synthetic_doc, load_style(), options)
    path = tmp_path_factory.mktemp("epub-synthetic") / "night-day-nurse.epub"
    path.write_bytes(data["night-day-nurse.epub"])
    return read_epub(path), [str(w.message) for w in caught]


@pytest.fixture(scope="session")
def without_map(tmp_path_factory: pytest.TempPathFactory, perfusionist: Document) -> Epub:
    """The exporter called directly, with no page map."""
    data = EpubExporter().export(perfusionist, load_style(), ExportOptions())
    path = tmp_path_factory.mktemp("epub-no-map") / "perfusionist.epub"
    path.write_bytes(data["perfusionist.epub"])
    return read_epub(path)


@pytest.fixture(scope="session")
def page_map(perfusionist: Document) -> PageMap:
    """The printed handout's page map, as the build computes it."""
    from roleexport.exporters import get

    return get("pdf").page_map(perfusionist, load_style(), ExportOptions())


# ---------------------------------------------------------------------------- EPUBCheck


@pytest.fixture(scope="module")
def epubcheck_reports(booklet: Epub, synthetic: tuple[Epub, list[str]]) -> dict[str, EpubCheckReport]:
    """Both booklets checked in one EPUBCheck run."""
    reports = run_epubcheck_many([booklet.path, synthetic[0].path])
    return {"perfusionist": reports[booklet.path], "synthetic": reports[synthetic[0].path]}


@pytest.mark.parametrize("which", ["perfusionist", "synthetic"])
def test_epubcheck_reports_nothing(which: str, epubcheck_reports: dict[str, EpubCheckReport]) -> None:
    errors, warnings_, messages = epubcheck_reports[which]
    assert (errors, warnings_, messages) == (0, 0, []), describe(messages)


# ---------------------------------------------------------------------------- container


def test_zip_is_an_epub_container(booklet: Epub) -> None:
    with zipfile.ZipFile(booklet.path) as z:
        infos = z.infolist()
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED and not infos[0].extra
    assert booklet.data[30:38] == b"mimetype" and booklet.data[38:58] == b"application/epub+zip"
    assert {i.date_time for i in infos} == {(2000, 1, 1, 0, 0, 0)}  # no updated date, no SOURCE_DATE_EPOCH


def test_two_builds_are_byte_identical(tmp_path: Path, perfusionist_path: Path, booklet: Epub) -> None:
    results = list(build([perfusionist_path], BuildRequest(out_dir=tmp_path, formats=("pdf", "epub"))))
    assert all(r.ok for r in results)
    assert (tmp_path / "perfusionist" / "perfusionist.epub").read_bytes() == booklet.data


def test_built_alone_the_epub_still_follows_the_printed_pages(
    tmp_path: Path, perfusionist_path: Path, booklet: Epub
) -> None:
    results = list(build([perfusionist_path], BuildRequest(out_dir=tmp_path, formats=("epub",))))
    assert all(r.ok for r in results) and not (tmp_path / "perfusionist" / "perfusionist.pdf").exists()
    assert (tmp_path / "perfusionist" / "perfusionist.epub").read_bytes() == booklet.data


def test_spine_is_contents_then_the_parts_in_reading_order(booklet: Epub, perfusionist: Document) -> None:
    names = [name for name, _ in booklet.spine]
    assert names[0] == "nav.xhtml" and booklet.spine[0][1] is booklet.nav
    assert names[1:] == [f"part-{n:02d}.xhtml" for n in range(1, len(names))]
    # one part per top-level section: the title part, then each level-2 heading opens a part
    firsts = [headings_in(root)[0][1] for _, root in booklet.content]
    assert firsts == [text for level, text in outline(perfusionist) if level <= 2]


# ---------------------------------------------------------------------------- structure


@pytest.mark.parametrize("which", ["perfusionist", "synthetic"])
def test_headings_equal_the_outline(
    which: str, booklet: Epub, perfusionist: Document, synthetic: tuple[Epub, list[str]], synthetic_doc: Document
) -> None:
    epub, doc = (booklet, perfusionist) if which == "perfusionist" else (synthetic[0], synthetic_doc)
    assert [(level, text) for level, text, _ in headings_of(epub)] == outline(doc)
    for _, _, element in headings_of(epub):
        section = element.getparent()
        assert etree.QName(section).localname == "section"
        assert section.get("aria-labelledby") == element.get("id")


@pytest.mark.parametrize("which", ["perfusionist", "synthetic"])
def test_body_text_equals_the_tree(
    which: str, booklet: Epub, perfusionist: Document, synthetic: tuple[Epub, list[str]], synthetic_doc: Document
) -> None:
    epub, doc = (booklet, perfusionist) if which == "perfusionist" else (synthetic[0], synthetic_doc)
    words = [w for _, root in epub.content for w in walk.words(text_of(root.find("h:body", NS)))]
    assert words == walk.words(walk.plain_text(doc))


def test_nav_toc_lists_every_heading_nested_as_the_outline(booklet: Epub, perfusionist: Document) -> None:
    toc = booklet.nav.find(".//h:nav[@epub:type='toc']", NS)
    assert toc.get("role") == "doc-toc"

    def entries(ol: etree._Element, depth: int) -> list[tuple[int, str, str]]:
        found = []
        for li in ol.iterfind("h:li", NS):
            a = li.find("h:a", NS)
            found.append((depth, text_of(a), a.get("href")))
            for inner in li.iterfind("h:ol", NS):
                found.extend(entries(inner, depth + 1))
        return found

    listed = entries(toc.find("h:ol", NS), 1)
    assert [(depth, text) for depth, text, _ in listed] == outline(perfusionist)
    for _, text, href in listed:
        name, fragment = href.split("#")
        target = booklet.doc(name).xpath("//*[@id=$id]", id=fragment)
        assert len(target) == 1 and text_of(target[0]) == text


def test_landmarks_point_at_the_toc_and_the_body(booklet: Epub) -> None:
    landmarks = booklet.nav.find(".//h:nav[@epub:type='landmarks']", NS)
    links = {a.get(EPUB_TYPE): a.get("href") for a in landmarks.iterfind(".//h:a", NS)}
    assert links == {"toc": "nav.xhtml#toc", "bodymatter": "part-01.xhtml"}


def test_semantics_of_the_blocks(booklet: Epub, perfusionist: Document) -> None:
    ids = {b.id for b in walk.iter_blocks(perfusionist.blocks)}
    elements = {e.get("id"): e for _, root in booklet.content for e in root.iter() if e.get("id")}
    assert ids <= set(elements), sorted(ids - set(elements))
    kinds = {type(b).__name__: etree.QName(elements[b.id]).localname for b in walk.iter_blocks(perfusionist.blocks)}
    assert kinds == {
        "Heading": kinds["Heading"],
        "Paragraph": "p",
        "Facts": "dl",
        "Fact": "dt",
        "BulletList": "ul",
        "ListItem": "li",
        "Letter": "blockquote",
        "QuestionAnswer": "section",
    }
    assert HEADING.fullmatch(kinds["Heading"])
    for qa in (b for b in walk.iter_blocks(perfusionist.blocks) if type(b).__name__ == "QuestionAnswer"):
        section = elements[qa.id]
        assert section.get("aria-labelledby") == qa.question.id
        inside = [e.get("id") for e in section if e.get(EPUB_TYPE) != "pagebreak"]
        assert inside == [qa.question.id, *(a.id for a in qa.answer)]


def test_abbreviations_carry_their_expansions(booklet: Epub, perfusionist: Document) -> None:
    expansions = {t.written: t.expansion for t in perfusionist.terms}
    abbrs = [a for _, root in booklet.content for a in root.iter(f"{{{NS['h']}}}abbr")]
    assert len(abbrs) > 20
    for abbr in abbrs:
        written = next(w for w in sorted(expansions, key=len, reverse=True) if abbr.text.startswith(w))
        assert abbr.get("title") == expansions[written]
    assert not any(a.text == "MitraClip" for a in abbrs)  # pronunciation-only term: no empty <abbr>


def test_language_on_every_document_and_passage(booklet: Epub, synthetic: tuple[Epub, list[str]]) -> None:
    for _, root in booklet.spine:
        assert root.get("lang") == root.get(XML_LANG) == "en-US"
    assert booklet.opf.get(XML_LANG) == "en-US"
    french = [e for _, root in synthetic[0].content for e in root.iter() if e.get("lang") == "fr"]
    assert [(e.get(XML_LANG), e.text) for e in french] == [("fr", "bonne nuit")]


def test_every_epub_type_has_its_aria_role(booklet: Epub) -> None:
    roles = {"toc": "doc-toc", "page-list": "doc-pagelist", "pagebreak": "doc-pagebreak", "landmarks": None}
    typed = [e for _, root in booklet.spine for e in root.iter() if e.get(EPUB_TYPE)]
    landmark_links = {e for e in booklet.nav.iterfind(".//h:nav[@epub:type='landmarks']//h:a", NS)}
    assert typed
    for element in typed:
        if element in landmark_links:  # a landmark names what it points to; it has no role of its own
            continue
        assert element.get("role") == roles[element.get(EPUB_TYPE)], etree.tostring(element)


# ---------------------------------------------------------------------------- hostile text


def test_source_text_is_never_markup(synthetic: tuple[Epub, list[str]]) -> None:
    epub = synthetic[0]
    with zipfile.ZipFile(epub.path) as z:
        raw = b"".join(z.read(n) for n in z.namelist())
    for _, root in epub.spine:
        for element in root.iter():
            assert etree.QName(element).localname not in {"script", "iframe", "object", "embed", "img", "form"}
            assert not any(name.lower().startswith("on") for name in element.attrib)
            assert not (element.get("href") or "").lower().startswith("javascript:")
    assert b"<script" not in raw
    hrefs = [a.get("href") for _, root in epub.content for a in root.iter(f"{{{NS['h']}}}a")]
    assert hrefs == ["part-04.xhtml#faq", "https://example.org/?a=1&b=%3C2%3E"]
    p1 = epub.doc("part-01.xhtml").find(".//h:p[@id='p-1']", NS)
    assert text_of(p1).startswith("""Nurses say "yes" & 'no' alert(1) in the ICU""")
    assert p1.find(".//h:code", NS).text == "<code> & stuff"
    assert epub.dc("publisher") == ['Career "Quotes" & Co <ltd>'] and epub.dc("title") == ["Night & Day <Nurse>"]


def test_image_is_described_not_embedded(synthetic: tuple[Epub, list[str]]) -> None:
    epub, caught = synthetic
    descriptions = [
        "".join(e.itertext())
        for _, root in epub.content
        for e in root.iterfind(".//h:span[@class='image-description']", NS)
    ]
    assert descriptions == ["[Image: A nurse at a night desk]"]
    assert any("nurse.png" in w and "not embedded" in w for w in caught)
    assert "Images are not included" in epub.meta("schema:accessibilitySummary")[0]


def test_indentation_never_changes_the_words() -> None:
    """Adjacent inlines stay one word and preformatted text keeps its exact lines."""
    from roleexport.model import CodeBlock, Emph, Heading, Metadata, Paragraph, Strong, Text

    code = "if a < b:\n    print('x')"
    doc = Document(
        Metadata(title="T", slug="t"),
        (),
        (
            Heading("t", 1, (Text("T"),)),
            Paragraph("p-1", (Strong((Text("bold"),)), Emph((Text("ital"),)))),
            CodeBlock("code-1", code, "python"),
        ),
    )
    epub = read_epub(Path("t.epub"), EpubExporter().export(doc, load_style(), ExportOptions())["t.epub"])
    body = epub.doc("part-01.xhtml")
    assert "".join(body.find(".//h:p[@id='p-1']", NS).itertext()) == "boldital"
    assert "".join(body.find(".//h:pre[@id='code-1']", NS).itertext()) == code


# ---------------------------------------------------------------------------- page-list


def _breaks(epub: Epub) -> list[tuple[str, etree._Element]]:
    return [(name, e) for name, root in epub.content for e in root.iter() if e.get(EPUB_TYPE) == "pagebreak"]


def _page_list(epub: Epub) -> list[tuple[str, str]]:
    nav = epub.nav.find(".//h:nav[@epub:type='page-list']", NS)
    assert nav is not None and nav.get("role") == "doc-pagelist"
    return [(text_of(a), a.get("href")) for a in nav.iterfind("h:ol/h:li/h:a", NS)]


def _assert_break_where_the_map_says(epub: Epub, doc: Document, page_map: PageMap) -> None:
    """Each break sits where the map's page starts: the block's text before it is exactly ``offset`` long."""
    blocks = {b.id: b for b in walk.iter_blocks(doc.blocks)}
    seen: set[int] = set()
    for start in page_map.pages:
        if start.block_id not in blocks or start.page in seen:
            continue
        seen.add(start.page)
        found = [e for _, e in _breaks(epub) if e.get("aria-label") == str(start.page)]
        assert len(found) == 1, start
        span = found[0]
        holder = next((e for e in span.iterancestors() if e.get("id") == start.block_id), None)
        if holder is None:  # at offset 0 the break may stand just before the block's element
            assert start.offset == 0 and span.getnext().get("id") == start.block_id, start
            continue
        marker = "\ue000"
        span.tail, saved = marker + (span.tail or ""), span.tail
        before = "".join(_texts(holder)).split(marker)[0]
        span.tail = saved
        block_text = text_of(holder)
        assert " ".join(before.split()) == block_text[: start.offset].rstrip(), (start, before)


def test_page_list_matches_the_printed_handout(
    booklet: Epub, built: Path, perfusionist: Document, page_map: PageMap
) -> None:
    with pikepdf.open(built / "perfusionist.pdf") as pdf:
        pdf_pages = len(pdf.pages)
    listed = _page_list(booklet)
    assert [label for label, _ in listed] == [str(n) for n in range(1, pdf_pages + 1)]
    assert [p.page for p in page_map.pages] == list(range(1, pdf_pages + 1))
    for label, href in listed:
        name, fragment = href.split("#")
        (span,) = booklet.doc(name).xpath("//*[@id=$id]", id=fragment)
        assert (span.get(EPUB_TYPE), span.get("role"), span.get("aria-label")) == ("pagebreak", "doc-pagebreak", label)
        assert not len(span) and not span.text
    assert [e.get("aria-label") for _, e in _breaks(booklet)] == [label for label, _ in listed]  # reading order
    _assert_break_where_the_map_says(booklet, perfusionist, page_map)


def _around(span: etree._Element) -> tuple[list[str], list[str]]:
    """The words of the break's block before it and after it."""
    holder = span.getparent()
    if holder.get("id") is None and span.getnext() is not None:  # standing just before its block
        return [], walk.words(text_of(span.getnext()))
    marker = "\ue000"
    saved, span.tail = span.tail, marker + (span.tail or "")
    before, _, after = " ".join("".join(_texts(holder)).split()).partition(marker)
    span.tail = saved
    return walk.words(before), walk.words(after)


def _pdf_page_words(pdf: Path, n: int) -> str:
    text = subprocess.run(
        ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def test_each_epub_page_starts_with_the_words_of_the_pdf_page(booklet: Epub, built: Path) -> None:
    """Cross-check with poppler: the words after page N's break are on PDF page N, those before it on N-1."""
    pdf = built / "perfusionist.pdf"
    for _, span in _breaks(booklet):
        n = int(span.get("aria-label"))
        before, after = _around(span)
        assert after, n
        assert " ".join(after[:4]) in _pdf_page_words(pdf, n), (n, after[:4])
        if before:
            assert " ".join(before[-3:]) in _pdf_page_words(pdf, n - 1), (n, before[-3:])


def test_hand_made_page_map_places_every_kind_of_break(
    synthetic: tuple[Epub, list[str]], synthetic_doc: Document
) -> None:
    epub, caught = synthetic
    page_map = page_map_for(synthetic_doc)
    assert [label for label, _ in _page_list(epub)] == ["1", "2", "3", "4", "5", "6", "7", "9", "10"]
    _assert_break_where_the_map_says(epub, synthetic_doc, page_map)
    spans = {e.get("aria-label"): e for _, e in _breaks(epub)}
    assert etree.QName(spans["1"].getnext()).localname == "h1"  # before the heading, not in its name
    assert etree.QName(spans["2"].getnext()).localname == "abbr"  # before the abbreviation, not inside it
    assert etree.QName(spans["3"].getparent()).localname == "li"
    assert etree.QName(spans["4"].getparent()).localname == "dt"
    assert spans["7"].getparent().text == "Usual" and spans["7"].tail.startswith("ly a differential")
    assert any("no-such-block" in w for w in caught) and any("page 10" in w and "past the end" in w for w in caught)
    assert any("page 9 twice" in w for w in caught)


def test_print_edition_and_page_claims(booklet: Epub, page_map: PageMap) -> None:
    source = booklet.opf.find("opf:metadata/dc:source", NS)
    assert page_map.edition in source.text
    refined = booklet.opf.find(f"opf:metadata/opf:meta[@refines='#{source.get('id')}']", NS)
    assert (refined.get("property"), refined.text) == ("source-of", "pagination")
    features = booklet.meta("schema:accessibilityFeature")
    assert {"pageNavigation", "printPageNumbers"} <= set(features)
    expected = f"follow the {len(page_map.pages)} pages of the printed handout ({page_map.edition})"
    assert expected in booklet.meta("schema:accessibilitySummary")[0]


def test_without_a_page_map_nothing_is_claimed_about_pages(without_map: Epub) -> None:
    assert without_map.nav.find(".//h:nav[@epub:type='page-list']", NS) is None
    assert not _breaks(without_map)
    page_features = {"pageNavigation", "printPageNumbers", "pageBreakMarkers"}
    assert not page_features & set(without_map.meta("schema:accessibilityFeature"))
    assert without_map.dc("source") == []
    assert "page" not in without_map.meta("schema:accessibilitySummary")[0].lower().replace("printed page", "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents(), data=st.data())
def test_any_tree_and_page_map_read_back_as_the_tree(doc: Document, data: st.DataObject) -> None:
    texts = [(b.id, text_of_block(b)) for b in walk.iter_blocks(doc.blocks) if text_of_block(b)]
    chosen = sorted(data.draw(st.sets(st.sampled_from(range(len(texts))), max_size=6)))
    starts = tuple(
        PageStart(n, texts[i][0], data.draw(st.integers(0, len(texts[i][1])))) for n, i in enumerate(chosen, 1)
    )
    page_map = PageMap("print-random", starts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data_ = EpubExporter().export(doc, load_style(), ExportOptions(page_map=page_map))["random.epub"]
    epub = read_epub(Path("random.epub"), data_)
    assert [(level, text) for level, text, _ in headings_of(epub)] == outline(doc)
    words = [w for _, root in epub.content for w in walk.words(text_of(root.find("h:body", NS)))]
    assert words == walk.words(walk.plain_text(doc))
    if starts:
        assert [label for label, _ in _page_list(epub)] == [str(p.page) for p in starts]
    else:
        assert epub.nav.find(".//h:nav[@epub:type='page-list']", NS) is None
    _assert_break_where_the_map_says(epub, doc, page_map)


def text_of_block(block: object) -> str:
    """A text-bearing block's whitespace-normalised text (what page map offsets count)."""
    inlines = getattr(block, "children", None) or getattr(block, "label", None)
    return " ".join(walk.inline_text(inlines).split()) if inlines else ""


# ---------------------------------------------------------------------------- metadata


def test_package_metadata(booklet: Epub, perfusionist: Document) -> None:
    meta = perfusionist.meta
    assert booklet.opf.get("version") == "3.0"
    assert booklet.dc("title") == [meta.title] and booklet.dc("language") == [meta.lang]
    assert booklet.dc("publisher") == [meta.publisher]
    expected_id = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"roleexport:{meta.publisher}/{meta.slug}"))
    unique = booklet.opf.get("unique-identifier")
    assert booklet.opf.find(f"opf:metadata/dc:identifier[@id='{unique}']", NS).text == expected_id
    assert booklet.meta("dcterms:modified") == ["2000-01-01T00:00:00Z"]
    assert booklet.dc("date") == []  # the page has no date of its own
    assert booklet.meta("schema:accessMode") == ["textual"]
    assert booklet.meta("schema:accessModeSufficient") == ["textual"]
    assert booklet.meta("schema:accessibilityHazard") == ["none"]
    assert set(booklet.meta("schema:accessibilityFeature")) == {
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
        "pageNavigation",
        "printPageNumbers",
        "pageBreakMarkers",
    }
    conforms = booklet.opf.find("opf:metadata/opf:meta[@property='dcterms:conformsTo']", NS)
    assert conforms.text == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    certifier = booklet.opf.find("opf:metadata/opf:meta[@property='a11y:certifiedBy']", NS)
    assert certifier.text and certifier.get("refines") == f"#{conforms.get('id')}"


def test_summary_is_written_from_the_book(booklet: Epub, perfusionist: Document) -> None:
    (summary,) = booklet.meta("schema:accessibilitySummary")
    headings = len(walk.outline(perfusionist))
    expanded = {t.written for t in perfusionist.terms if t.expansion}
    assert f"all {headings} headings are in the table of contents" in summary
    assert f"{len(expanded)} abbreviations carry their expansions" in summary
    assert "sample letter" in summary and "question" in summary and "Images" not in summary


def test_modified_date_from_the_source_or_source_date_epoch(
    synthetic: tuple[Epub, list[str]], perfusionist: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert synthetic[0].meta("dcterms:modified") == ["2024-05-06T00:00:00Z"]
    assert synthetic[0].dc("date") == ["2024-05-06"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = EpubExporter().export(perfusionist, load_style(), ExportOptions())["perfusionist.epub"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
        stamps = {i.date_time for i in z.infolist()}
    stamp = dt.datetime.fromtimestamp(1700000000, dt.UTC)
    assert opf.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS).text == stamp.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    assert stamps == {stamp.timetuple()[:6]}


def test_a_missing_stylesheet_is_one_clear_error(perfusionist: Document) -> None:
    base = load_style()
    style = Style("broken", {"epub": {"stylesheet": "missing.css"}}, base.folder, "x")
    with pytest.raises(ExportError, match="EPUB stylesheet cannot be read"):
        EpubExporter().export(perfusionist, style, ExportOptions())


def test_stylesheet_leaves_the_reader_in_charge(booklet: Epub) -> None:
    with zipfile.ZipFile(booklet.path) as z:
        css = z.read("EPUB/style.css").decode()
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    assert not re.search(r"\d(px|pt|cm|mm|in|pc)\b", rules)
    assert "justify" not in rules
    assert not re.search(
        r"(^|[;{\s])(color|background(-color)?|font-family)\s*:", rules.replace("font-family: monospace", "")
    )
