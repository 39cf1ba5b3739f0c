"""The read-along EPUB, read back: EPUBCheck 5, then the package opened with zipfile + lxml and
every media overlay followed to its text (by id) and its audio (decoded with miniaudio), and
compared with the tree: the synchronised elements' words are the page's plain text, the clips
follow each other with no overlap and no gap over 50 ms, the durations add up. Sentence by
sentence (``sentence_checks``): every ``<s>`` of the page's SSML is one par whose text is a span
of its block, and the highlight moves where the voice is quiet. Three pages: the perfusionist,
a synthetic page with every kind of block, and a payroll page (finance and IT: money, units,
times, "e.g.", a URL, a link with a full stop inside, a line break).

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
from tests.sentence_checks import Target, check_sentences

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
QUIET_SHARE = 0.4
SILENT_SHARE = 0.05

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


PAYROLL = """\
---
title: Payroll Systems Analyst
slug: payroll-analyst
lang: en-GB
abbreviations:
  HMRC: His Majesty's Revenue and Customs
  SQL: Structured Query Language
---

# Payroll Systems Analyst

Analysts run the monthly payroll, e.g. for 2,500 staff, with SQL reports. The pension rate is 5.5 %.\\
Pay runs close at 5 p.m. on the 25th. A dose of 2.5 mg of caffeine is not required. See
https://example.org/payroll/guide.html for the rota. Salaries start at £32,500.50 a year.

## Day to day

- Reconcile the ledger with HMRC figures. Flag any gap over £10 to the team lead.
- Patch the server at 02:00. Read [the runbook first. It lists](https://example.org/runbook) each step.
- Answer queries.

The U.S. office uses the same tools. Its team works 9 a.m. to 5 p.m. Eastern time!
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


@pytest.fixture(scope="session")
def payroll_doc() -> Document:
    return read_text(PAYROLL, Path("payroll-analyst.md"))


@pytest.fixture(scope="session")
def payroll(tmp_path_factory: pytest.TempPathFactory, payroll_doc: Document, clip_cache: Path) -> Book:
    """A page of other fields, exported directly."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "said by rule" reports
        data = ReadAloudExporter().export(payroll_doc, load_style(), ExportOptions(cache_dir=clip_cache))
    path = tmp_path_factory.mktemp("readaloud-payroll") / "payroll-analyst-readaloud.epub"
    path.write_bytes(data["payroll-analyst-readaloud.epub"])
    return open_book(path)


@pytest.fixture(params=["perfusionist", "synthetic", "payroll"])
def either(request: pytest.FixtureRequest) -> tuple[Book, Document]:
    if request.param == "perfusionist":
        return request.getfixturevalue("book"), request.getfixturevalue("perfusionist")
    return request.getfixturevalue(request.param), request.getfixturevalue(f"{request.param}_doc")


# ---------------------------------------------------------------------------- the package


@pytest.fixture(scope="module")
def epubcheck_reports(book: Book, synthetic: Book, payroll: Book) -> dict[str, EpubCheckReport]:
    """The read-along booklets checked in one EPUBCheck run."""
    reports = run_epubcheck_many([book.path, synthetic.path, payroll.path])
    return {"perfusionist": reports[book.path], "synthetic": reports[synthetic.path], "payroll": reports[payroll.path]}


@pytest.mark.parametrize("which", ["perfusionist", "synthetic", "payroll"])
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
    """The audio decoded: as long as its overlay (its last clip runs to the end of the file), and
    speech heard in every par's clip."""
    for href, pars in book.pars.items():
        samples, rate = decoded(book, pars[0].audio)
        length_ms = samples.size * 1000 / rate
        assert 0 <= length_ms - pars[-1].end_ms <= TOLERANCE_MS, href
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


def block_of(book: Book, par: Par) -> str:
    """The id of the block a par reads: its element's, or for a sentence's span, its block's."""
    (element,) = by_id(book.document(par.text_file), par.text_id)
    return par.text_id if element.tag != f"{{{NS['h']}}}span" else element.getparent().get("id")


def test_every_heading_paragraph_item_and_fact_is_synchronised(either: tuple[Book, Document]) -> None:
    book, doc = either
    read = [p.text_id for pars in book.pars.values() for p in pars]
    assert len(read) == len(set(read)), "one par per element"
    blocks = list(dict.fromkeys(block_of(book, p) for pars in book.pars.values() for p in pars))
    assert [i for i in synced_ids(doc) if i in blocks] == synced_ids(doc)


def test_every_sentence_is_one_par_of_a_span_in_its_block(either: tuple[Book, Document]) -> None:
    book, doc = either
    targets = [Target(p.text_file, p.text_id) for pars in book.pars.values() for p in pars]
    contents = {href: book.document(href) for href in {t.text_file for t in targets}}
    assert check_sentences(doc, targets, contents) >= 2, "some blocks are read sentence by sentence"


def test_the_sentences_of_a_block_are_a_seq_pointing_at_it(either: tuple[Book, Document]) -> None:
    """So a reading app can skip the rest of a paragraph."""
    book, _ = either
    for href, smil in book.overlays.items():
        for par in smil.iter(f"{{{NS['s']}}}par"):
            text_file, _, text_id = resolve(href, par.find("s:text", NS).get("src")).partition("#")
            (element,) = by_id(book.document(text_file), text_id)
            if element.tag == f"{{{NS['h']}}}span":
                seq = par.getparent()
                assert seq.tag == f"{{{NS['s']}}}seq", text_id
                assert resolve(href, seq.get(TEXTREF)) == f"{text_file}#{element.getparent().get('id')}"


def test_the_highlight_moves_where_the_voice_is_quiet(either: tuple[Book, Document]) -> None:
    """Between two sentences of one block, the 10 ms of decoded audio at the boundary are
    silence, where the engine pauses after a full stop; where it does not (after spelled
    letters: "the N I C U. Rooms"), the quietest moment near the next sentence's first word.
    So the engine's word events are checked against the samples."""
    book, _ = either
    silent, dips = 0, 0
    for pars in book.pars.values():
        samples, rate = decoded(book, pars[0].audio)
        frame = int(0.01 * rate)
        levels = np.sqrt((samples[: samples.size // frame * frame].reshape(-1, frame) ** 2).mean(axis=1))
        speech = float(np.median(levels[levels > SPEECH_RMS]))
        for before, after in itertools.pairwise(pars):
            if block_of(book, before) != block_of(book, after):
                continue
            middle = int(after.begin_ms * rate / 1000)
            quiet = np.sqrt((samples[middle - frame // 2 : middle + frame // 2] ** 2).mean())
            if quiet < SILENT_SHARE * speech:
                silent += 1
                continue
            near = levels[max(0, middle // frame - 15) : middle // frame + 5]
            assert quiet < QUIET_SHARE * speech and quiet <= 1.5 * near.min() + SILENT_SHARE * speech, after
            dips += 1
    assert silent >= 2 and silent >= 4 * dips, (silent, dips)


def test_a_two_sentence_clip_is_cut_in_its_pause(tmp_path: Path) -> None:
    """One clip spoken here, its samples read: the second sentence starts in the silence
    before its first word, and speech follows within a few tenths of a second."""
    from roleexport.exporters.audio.clips import Voice, clips_for
    from roleexport.exporters.audio.sentences import in_clip
    from roleexport.speech.plan import Sentence, Unit, Words, unit_text

    sentences = (Sentence((Words("Backups run at night."),)), Sentence((Words("Check them daily."),)))
    unit = Unit("p-1", "paragraph", sentences)
    (clip,) = clips_for([(unit_text(unit, engine=True), Voice("en-us", 175, 1.0))], "", tmp_path, 1)
    first, second = in_clip(unit, clip)
    samples = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float64)
    window = int(0.01 * clip.sample_rate)
    assert first == 0 and 0.75 * clip.samples > second > 0.4 * clip.samples
    assert np.abs(samples[second - window : second + window]).max() < 100
    speech = np.flatnonzero(np.abs(samples[second:]) > 1000)
    assert speech.size and speech[0] < 0.3 * clip.sample_rate
    before = np.flatnonzero(np.abs(samples[:second]) > 100)
    assert second - before[-1] < 0.5 * clip.sample_rate  # in the pause, not long before it


def test_each_overlay_lasts_as_long_as_its_mp3(either: tuple[Book, Document]) -> None:
    """The clips of a file add up to its decoded length (the first starts at 0, with the
    encoder's delay; the last runs to the end, with the last frame's padding)."""
    book, _ = either
    for pars in book.pars.values():
        samples, rate = decoded(book, pars[0].audio)
        heard = samples.size * 1000 / rate
        clips = sum(p.end_ms - p.begin_ms for p in pars)
        assert 0 <= heard - clips <= TOLERANCE_MS, (pars[0].audio, heard, clips)


def test_the_median_clip_is_short(book: Book) -> None:
    lengths = [p.end_ms - p.begin_ms for pars in book.pars.values() for p in pars]
    assert float(np.median(lengths)) < 8000
    assert len(lengths) > 100  # 72 when a paragraph was one clip


def test_questions_and_answers_are_seqs(book: Book, perfusionist: Document) -> None:
    questions = [b for b in walk.iter_blocks(perfusionist.blocks) if isinstance(b, QuestionAnswer)]
    assert questions
    seqs = {
        s.get(TEXTREF).partition("#")[2]: s for smil in book.overlays.values() for s in smil.iter(f"{{{NS['s']}}}seq")
    }
    for qa in questions:
        pars = [p for ps in book.pars.values() for p in ps]
        read = {p.text_id: p for p in pars}
        texts = [t.get("src").partition("#")[2] for t in seqs[qa.id].iter(f"{{{NS['s']}}}text")]
        assert texts[0] == qa.question.id
        blocks = dict.fromkeys(block_of(book, read[t]) for t in texts[1:])
        assert list(blocks) == [b.id for b in qa.answer if isinstance(b, Paragraph)]


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


ONE_PART = """\
---
title: Backup Operator
lang: en-US
---

# Backup Operator

Operators check the overnight backups. Failed jobs are run again by 9 a.m. Each restore is
tested once a month, e.g. a 2.5 GB database.

- Label the tapes. Store them off site.
- Log every restore.
"""


def untagged(mp3: bytes) -> bytes:
    """The MP3's frames without its ID3v2 tag (its size is syncsafe, after the 10-byte header)."""
    assert mp3[:3] == b"ID3"
    size = sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(mp3[6:10]))
    return mp3[10 + size :]


def test_the_narration_is_the_audio_formats_frames(tmp_path: Path, clip_cache: Path) -> None:
    """A page of one part is read from one MP3: its frames are the audio format's, byte for
    byte, sentence pars or not (the timeline is finer, the audio the same)."""
    source = tmp_path / "backup-operator.md"
    source.write_text(ONE_PART, encoding="utf-8")
    request = BuildRequest(
        out_dir=tmp_path / "out", formats=("audio", "readaloud"), options=ExportOptions(cache_dir=clip_cache)
    )
    assert all(r.ok for r in build([source], request))
    folder = tmp_path / "out" / "backup-operator"
    book = open_book(folder / "backup-operator-readaloud.epub")
    (audio,) = {p.audio for pars in book.pars.values() for p in pars}
    assert untagged(book.files[audio]) == untagged((folder / "backup-operator.mp3").read_bytes())
    spans = [p for pars in book.pars.values() for p in pars if p.text_id.rpartition("-s")[2].isdigit()]
    assert len(spans) == 5  # three sentences of the paragraph ("… by 9 a.m." ends one), two of the first item


TWO_SECTIONS = """---
title: Payroll Clerk
lang: en-US
---

# Payroll Clerk

Clerks run payroll for 250 staff every second Friday.

## Duties

- Check timesheets by 10 a.m.
- File the W-2 forms.

## Pay

About $48,000 a year.
"""


def test_a_document_that_cannot_be_cut_from_the_track_is_encoded_alone(
    tmp_path: Path, clip_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each content document's MP3 is normally cut from the page's track; when a cut cannot be
    placed after the one before (a document under one MP3 frame long), every document is encoded
    on its own instead, starting with speech: still one MP3 per document, its clips adding up to
    its decoded length, speech in every clip, and the same pars as the cut booklet."""
    from roleexport.exporters.audio import parts

    source = tmp_path / "payroll-clerk.md"
    source.write_text(TWO_SECTIONS, encoding="utf-8")
    books = {}
    for how in ("cut", "alone"):
        if how == "alone":
            monkeypatch.setattr(parts.Encoded, "pause_frame", lambda self, track, unit: 0)
        request = BuildRequest(tmp_path / how, ("readaloud",), options=ExportOptions(cache_dir=clip_cache))
        assert all(r.ok for r in build([source], request))
        books[how] = open_book(tmp_path / how / "payroll-clerk" / "payroll-clerk-readaloud.epub")
    cut, alone = books["cut"], books["alone"]
    assert [[p.text_id for p in pars] for pars in alone.pars.values()] == [
        [p.text_id for p in pars] for pars in cut.pars.values()
    ]
    assert len(alone.pars) == 3
    for book in (cut, alone):
        for pars in book.pars.values():
            samples, rate = decoded(book, pars[0].audio)
            assert abs(samples.size * 1000 / rate - sum(p.end_ms - p.begin_ms for p in pars)) <= TOLERANCE_MS
            frame = int(0.02 * rate)
            for par in pars:
                clip = samples[int(par.begin_ms * rate / 1000) : int(par.end_ms * rate / 1000)]
                levels = np.sqrt((clip[: clip.size // frame * frame].reshape(-1, frame) ** 2).mean(axis=1))
                assert levels.max() > SPEECH_RMS, par
    # cut in the pause before its heading, a document's file starts in silence; alone, with speech
    for book, quiet in ((cut, True), (alone, False)):
        samples, rate = decoded(book, list(book.pars.values())[1][0].audio)
        start = samples[int(0.06 * rate) : int(0.16 * rate)]  # after the encoder's delay
        assert (np.abs(start).max() < 300) == quiet
