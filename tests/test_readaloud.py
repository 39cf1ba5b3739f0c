"""The read-along EPUB, read back: EPUBCheck 5, then the package opened with zipfile + lxml and
every media overlay followed to its text (by id) and its audio (decoded with miniaudio), and
compared with the tree: the synchronised elements' words are the page's plain text, the clips
follow each other with no overlap and no gap over 50 ms, the durations add up.

A missing speech engine or EPUBCheck makes these tests fail, never skip.
"""

from __future__ import annotations

import io
import itertools
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import miniaudio
import numpy as np
import pytest
from lxml import etree

from roleexport import walk
from roleexport.build import BuildRequest, build
from roleexport.exporters import ExportOptions
from roleexport.exporters.readaloud import ReadAloudExporter
from roleexport.model import Document, Fact, Heading, ListItem, Paragraph, QuestionAnswer, Table
from roleexport.reader import read_text
from roleexport.styles import load_style
from tests.epubcheck_runner import EpubCheckReport, describe, run_epubcheck_many

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "opf": "http://www.idpf.org/2007/opf",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "s": "http://www.w3.org/ns/SMIL",
    "epub": "http://www.idpf.org/2007/ops",
}
TEXTREF = f"{{{NS['epub']}}}textref"
INLINE = {f"{{{NS['h']}}}{t}" for t in ("a", "abbr", "em", "strong", "code", "span")}
MAX_GAP_MS = 50
TOLERANCE_MS = 10
MAX_BYTES = 12 * 1024 * 1024
SPEECH_RMS = 500.0

SYNTHETIC = """\
---
title: Night Nurse
slug: night-nurse
lang: en-US
updated: 2024-05-06
abbreviations:
  ICU: intensive care unit
---

# Night Nurse

Nurses work in the *ICU* on **night** shifts.

## Facts

Shift length
: 12 hours

Settings
: Hospital wards, including:

  - the ICU
  - step-down units

- First item
  1. nested one
  2. nested two
- Second item

| Shift | Pay |
|---|---|
| Night | 20% more |

```
rota: 3 nights on
```

---

## Letter

::: letter
Dear Manager,

Yours sincerely,\\
Sam
:::

> A quoted line.

## FAQ

### Is night work hard?

Sometimes, yes. ![A nurse at a night desk](nurse.png) It gets easier.
"""


# ---------------------------------------------------------------------------- reading back


@dataclass(frozen=True)
class Par:
    """One ``par`` of an overlay, resolved to package paths."""

    overlay: str
    text_file: str
    text_id: str
    audio: str
    begin_ms: float
    end_ms: float


@dataclass(frozen=True)
class Book:
    """A read-along EPUB opened: package, content documents, overlays and their pars."""

    path: Path
    data: bytes
    opf: etree._Element
    files: dict[str, bytes]
    items: dict[str, etree._Element]
    spine: list[str]
    overlays: dict[str, etree._Element]
    pars: dict[str, list[Par]]

    def document(self, href: str) -> etree._Element:
        return etree.fromstring(self.files[href])

    def meta(self, prop: str, refines: str | None = None) -> list[str]:
        found = self.opf.iterfind(f"opf:metadata/opf:meta[@property='{prop}']", NS)
        return [m.text or "" for m in found if m.get("refines") == refines]

    def item_by_href(self, href: str) -> etree._Element:
        return next(i for i in self.items.values() if i.get("href") == href)


CLOCK = re.compile(r"^(?:(\d+):)?(\d{2}):(\d{2}(?:\.\d+)?)$")
TIMECOUNT = re.compile(r"^(\d+(?:\.\d+)?)(h|min|s|ms)?$")


def ms(value: str) -> float:
    """A SMIL clock value (full or partial clock, or a timecount) in milliseconds."""
    value = value.strip()
    if found := CLOCK.match(value):
        hours, minutes, seconds = found.groups()
        return (int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)) * 1000
    found = TIMECOUNT.match(value)
    assert found, f"not a SMIL clock value: {value!r}"
    scale = {"h": 3_600_000, "min": 60_000, "s": 1000, "ms": 1, None: 1000}[found.group(2)]
    return float(found.group(1)) * scale


def resolve(base: str, href: str) -> str:
    """A relative href resolved against the folder of ``base`` (both package paths)."""
    parts = base.split("/")[:-1]
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def open_book(path: Path) -> Book:
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        files = {name: z.read(name) for name in z.namelist()}
    container = etree.fromstring(files["META-INF/container.xml"])
    opf_path = container.find("c:rootfiles/c:rootfile", NS).get("full-path")
    opf = etree.fromstring(files[opf_path])
    items = {i.get("id"): i for i in opf.iterfind("opf:manifest/opf:item", NS)}
    for item in items.values():
        item.set("href", resolve(opf_path, item.get("href")))
    spine = [items[ref.get("idref")].get("href") for ref in opf.iterfind("opf:spine/opf:itemref", NS)]
    overlays: dict[str, etree._Element] = {}
    pars: dict[str, list[Par]] = {}
    for item in items.values():
        if item.get("media-type") != "application/smil+xml":
            continue
        href = item.get("href")
        overlays[href] = etree.fromstring(files[href])
        pars[href] = []
        for par in overlays[href].iter(f"{{{NS['s']}}}par"):
            text, audio = par.find("s:text", NS), par.find("s:audio", NS)
            text_file, _, text_id = resolve(href, text.get("src")).partition("#")
            pars[href].append(
                Par(
                    href,
                    text_file,
                    text_id,
                    resolve(href, audio.get("src")),
                    ms(audio.get("clipBegin")),
                    ms(audio.get("clipEnd")),
                )
            )
    return Book(path, data, opf, files, items, spine, overlays, pars)


def _texts(element: etree._Element, skip: set[str]) -> list[str]:
    """Text in document order, leaving out elements whose ids are in ``skip`` (not their tails)."""
    out = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.get("id") not in skip:
            block = child.tag not in INLINE
            out.extend([" ", *_texts(child, skip), " "] if block else _texts(child, skip))
        elif isinstance(child.tag, str) and child.tag == f"{{{NS['h']}}}br":
            out.append(" ")
        out.append(child.tail or "")
    return out


def own_words(element: etree._Element, synced: set[str]) -> list[str]:
    """The words of an element without those of the synchronised elements inside it."""
    return "".join(_texts(element, synced - {element.get("id")})).split()


def by_id(root: etree._Element, element_id: str) -> list[etree._Element]:
    return root.xpath("//*[@id=$id]", id=element_id)


def decoded(book: Book, href: str) -> tuple[np.ndarray, int]:
    sound = miniaudio.decode(book.files[href], output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
    return np.frombuffer(sound.samples, dtype=np.int16).astype(np.float64), sound.sample_rate


def spoken_lines(doc: Document) -> list[str]:
    """The tree's text lines without table header rows: their words are said in each body row
    ("Shift: Night, Pay: 20% more"), so the header row has no clip of its own."""
    lines = walk.text_lines(doc)
    for table in (b for b in walk.iter_blocks(doc.blocks) if isinstance(b, Table)):
        if table.rows and all(cell.header for cell in table.rows[0]):
            lines.remove(" ".join(walk.inline_text(cell.children) for cell in table.rows[0]))
    return lines


def synced_ids(doc: Document) -> list[str]:
    """The id of the element every heading, paragraph, list item and fact must be read with."""
    ids: list[str] = []
    inside_fact: set[str] = set()
    for node in walk.iter_blocks(doc.blocks):
        match node:
            case Heading(id=i):
                ids.append(i)
            case ListItem(blocks=(Paragraph(id=i), *_)):
                ids.append(i)
                inside_fact.discard(i)
            case Fact(id=i, value=(Paragraph(id=p), *_)):
                ids.append(i)
                inside_fact.add(p)  # said with its label, in the fact's par
            case Fact(id=i):
                ids.append(i)
            case Paragraph(id=i) if i not in ids and i not in inside_fact:
                ids.append(i)
    return ids


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def clip_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("readaloud-cache")


def build_readaloud(source: Path, out: Path, cache: Path) -> Path:
    request = BuildRequest(out_dir=out, formats=("readaloud",), options=ExportOptions(cache_dir=cache))
    results = list(build([source], request))
    assert all(r.ok for r in results), [r.failures for r in results]
    return out / source.stem / f"{source.stem}-readaloud.epub"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, perfusionist_path: Path, clip_cache: Path) -> Path:
    """The perfusionist read-along EPUB from the real build (the clips rendered here, once)."""
    return build_readaloud(perfusionist_path, tmp_path_factory.mktemp("readaloud"), clip_cache)


@pytest.fixture(scope="session")
def book(built: Path) -> Book:
    return open_book(built)


@pytest.fixture(scope="session")
def synthetic_doc() -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the missing image file: the reader's tests' business
        return read_text(SYNTHETIC, Path("night-nurse.md"))


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory, synthetic_doc: Document, clip_cache: Path) -> Book:
    """Every kind of block, exported directly (no page map)."""
    with pytest.warns(Warning):  # the image is described, not embedded
        data = ReadAloudExporter().export(synthetic_doc, load_style(), ExportOptions(cache_dir=clip_cache))
    path = tmp_path_factory.mktemp("readaloud-synthetic") / "night-nurse-readaloud.epub"
    path.write_bytes(data["night-nurse-readaloud.epub"])
    return open_book(path)


@pytest.fixture(params=["perfusionist", "synthetic"])
def either(request: pytest.FixtureRequest) -> tuple[Book, Document]:
    if request.param == "perfusionist":
        return request.getfixturevalue("book"), request.getfixturevalue("perfusionist")
    return request.getfixturevalue("synthetic"), request.getfixturevalue("synthetic_doc")


# ---------------------------------------------------------------------------- the package


@pytest.fixture(scope="module")
def epubcheck_reports(book: Book, synthetic: Book) -> dict[str, EpubCheckReport]:
    """Both read-along booklets checked in one EPUBCheck run."""
    reports = run_epubcheck_many([book.path, synthetic.path])
    return {"perfusionist": reports[book.path], "synthetic": reports[synthetic.path]}


@pytest.mark.parametrize("which", ["perfusionist", "synthetic"])
def test_epubcheck_reports_nothing(which: str, epubcheck_reports: dict[str, EpubCheckReport]) -> None:
    errors, warnings_, messages = epubcheck_reports[which]
    assert (errors, warnings_, messages) == (0, 0, []), describe(messages)


def test_outputs_and_size(book: Book, built: Path, perfusionist: Document) -> None:
    assert ReadAloudExporter().outputs(perfusionist) == [built.name] == ["perfusionist-readaloud.epub"]
    assert len(book.data) < MAX_BYTES


def test_two_builds_are_byte_identical(tmp_path: Path, perfusionist_path: Path, clip_cache: Path, book: Book) -> None:
    assert build_readaloud(perfusionist_path, tmp_path, clip_cache).read_bytes() == book.data


def test_every_content_document_has_an_overlay_and_its_audio(either: tuple[Book, Document]) -> None:
    book, _ = either
    content = [href for href in book.spine if "nav" not in (book.item_by_href(href).get("properties") or "")]
    assert content
    for href in content:
        item = book.item_by_href(href)
        overlay = book.items[item.get("media-overlay")]
        assert overlay.get("media-type") == "application/smil+xml"
        smil = book.overlays[overlay.get("href")]
        assert smil.get("version") == "3.0" and smil.find("s:body", NS).get(TEXTREF).endswith(href.rsplit("/")[-1])
        audios = {p.audio for p in book.pars[overlay.get("href")]}
        assert len(audios) == 1, "one audio file per content document"
        audio = audios.pop()
        assert audio in book.files and book.item_by_href(audio).get("media-type") == "audio/mpeg"


def test_every_par_points_at_an_element_of_its_document(either: tuple[Book, Document]) -> None:
    book, _ = either
    for overlay, pars in book.pars.items():
        owner = next(i for i in book.items.values() if i.get("media-overlay") == book.item_by_href(overlay).get("id"))
        for par in pars:
            assert par.text_file == owner.get("href"), par
            assert len(by_id(book.document(par.text_file), par.text_id)) == 1, par


def test_seqs_point_at_structures_that_hold_their_pars(either: tuple[Book, Document]) -> None:
    book, _ = either
    for href, smil in book.overlays.items():
        for seq in smil.iter(f"{{{NS['s']}}}seq"):
            text_file, _, structure_id = resolve(href, seq.get(TEXTREF)).partition("#")
            (outer,) = by_id(book.document(text_file), structure_id)
            for text in seq.iter(f"{{{NS['s']}}}text"):
                inner_id = text.get("src").partition("#")[2]
                (inner,) = by_id(outer, inner_id)
                assert inner is not outer


def test_clips_follow_the_document_with_no_overlap_and_no_gap(either: tuple[Book, Document]) -> None:
    book, _ = either
    for pars in book.pars.values():
        root = book.document(pars[0].text_file)
        order = {e.get("id"): n for n, e in enumerate(root.iter()) if isinstance(e.tag, str) and e.get("id")}
        positions = [order[p.text_id] for p in pars]
        assert positions == sorted(positions) and len(set(positions)) == len(positions)
        assert pars[0].begin_ms == 0
        for par in pars:
            assert par.end_ms > par.begin_ms, par
        for before, after in itertools.pairwise(pars):
            assert 0 <= after.begin_ms - before.end_ms <= MAX_GAP_MS, (before, after)


def test_durations_add_up(either: tuple[Book, Document]) -> None:
    book, _ = either
    total = 0.0
    for item in book.items.values():
        if item.get("media-type") != "application/smil+xml":
            continue
        (declared,) = book.meta("media:duration", refines=f"#{item.get('id')}")
        clips = sum(p.end_ms - p.begin_ms for p in book.pars[item.get("href")])
        assert abs(ms(declared) - clips) <= TOLERANCE_MS, item.get("href")
        total += ms(declared)
    (whole,) = book.meta("media:duration")
    assert abs(ms(whole) - total) <= TOLERANCE_MS


def test_each_clip_is_within_its_file_and_has_speech(book: Book) -> None:
    """The audio decoded: as long as its overlay (plus the MP3 encoder's delay and padding), and
    speech heard in every par's clip."""
    for href, pars in book.pars.items():
        samples, rate = decoded(book, pars[0].audio)
        length_ms = samples.size * 1000 / rate
        assert 0 <= length_ms - pars[-1].end_ms <= 150, href
        frame = int(0.02 * rate)
        for par in pars:
            clip = samples[int(par.begin_ms * rate / 1000) : int(par.end_ms * rate / 1000)]
            frames = clip[: clip.size // frame * frame].reshape(-1, frame)
            assert np.sqrt((frames**2).mean(axis=1)).max() > SPEECH_RMS, par


def test_synchronised_text_is_the_tree_plain_text(either: tuple[Book, Document]) -> None:
    """Every word of the page is in exactly one synchronised element, in reading order."""
    book, doc = either
    words: list[str] = []
    for href in book.spine:
        pars = next((p for p in book.pars.values() if p[0].text_file == href), [])
        root = book.document(href)
        synced = {p.text_id for p in pars}
        for par in pars:
            words.extend(own_words(by_id(root, par.text_id)[0], synced))
    assert words == walk.words("\n".join(spoken_lines(doc)))


def test_every_heading_paragraph_item_and_fact_is_synchronised(either: tuple[Book, Document]) -> None:
    book, doc = either
    read = [p.text_id for pars in book.pars.values() for p in pars]
    assert [i for i in synced_ids(doc) if i in read] == synced_ids(doc)
    assert len(read) == len(set(read)), "one par per element"


def test_questions_and_answers_are_seqs(book: Book, perfusionist: Document) -> None:
    questions = [b for b in walk.iter_blocks(perfusionist.blocks) if isinstance(b, QuestionAnswer)]
    assert questions
    seqs = {
        s.get(TEXTREF).partition("#")[2]: s for smil in book.overlays.values() for s in smil.iter(f"{{{NS['s']}}}seq")
    }
    for qa in questions:
        texts = [t.get("src").partition("#")[2] for t in seqs[qa.id].iter(f"{{{NS['s']}}}text")]
        assert texts[0] == qa.question.id
        assert texts[1:] == [b.id for b in qa.answer if isinstance(b, Paragraph)]


def test_no_synchronised_element_holds_another_on_the_page(book: Book) -> None:
    for pars in book.pars.values():
        root = book.document(pars[0].text_file)
        ids = {p.text_id for p in pars}
        for par in pars:
            (element,) = by_id(root, par.text_id)
            assert not [e for e in element.iterdescendants() if e.get("id") in ids], par.text_id


def test_facts_are_highlighted_label_and_value_together(book: Book, perfusionist: Document) -> None:
    facts = [b for b in walk.iter_blocks(perfusionist.blocks) if isinstance(b, Fact)]
    assert facts
    for fact in facts:
        (href,) = [p.text_file for pars in book.pars.values() for p in pars if p.text_id == fact.id]
        (element,) = by_id(book.document(href), fact.id)
        assert [etree.QName(c).localname for c in element] == ["dt", "dd"]
        assert etree.QName(element.getparent()).localname == "dl"


def test_accessibility_metadata(book: Book) -> None:
    assert set(book.meta("schema:accessMode")) == {"textual", "auditory"}
    assert set(book.meta("schema:accessModeSufficient")) == {"textual", "auditory"}
    assert "synchronizedAudioText" in book.meta("schema:accessibilityFeature")
    (summary,) = book.meta("schema:accessibilitySummary")
    assert "read aloud" in summary and "media overlays" in summary
    assert "no audio" not in summary and "text-only" not in summary
    assert book.meta("media:narrator")


def test_active_class_is_styled(book: Book) -> None:
    (active,) = book.meta("media:active-class")
    css = b"".join(book.files[i.get("href")] for i in book.items.values() if i.get("media-type") == "text/css")
    rule = re.search(rb"\." + re.escape(active.encode()) + rb"\s*\{([^}]*)\}", css)
    assert rule and b"background-color" in rule.group(1) and b"color" in rule.group(1)
