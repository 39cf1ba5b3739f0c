"""The DAISY 2.02 book assembled: content document, sections, SMIL, NCC and the zip.

The content document is the shared HTML writer's, in XHTML 1.0 Strict, one file; the
synchronised elements and their units are the read-along booklet's; the audio is the audio
format's plan, cached clips and cached encoded frames, cut into one MP3 per section. The
NCC's headings and print pages link to the SMIL ``par`` of the element where each starts.
"""

from __future__ import annotations

import functools
import zipfile
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree

from roleexport import __version__, walk
from roleexport.dates import document_date
from roleexport.diagnostics import warn
from roleexport.exporters import ExportOptions
from roleexport.exporters.audio import speak
from roleexport.exporters.audio.assemble import timeline
from roleexport.exporters.audio.mp3 import id3
from roleexport.exporters.audio.parts import Stretch, encode_parts
from roleexport.exporters.audio.sentences import heard
from roleexport.exporters.audio.settings import AudioSettings
from roleexport.exporters.daisy import ncc, sections, smil
from roleexport.exporters.epub.package import identifier
from roleexport.exporters.readaloud import sync
from roleexport.html.book import Book, Chapter, Layout, Spans, document, link_in_file
from roleexport.html.book import build as build_book
from roleexport.html.markup import XHTML1, clean
from roleexport.i18n import Catalogue, for_page
from roleexport.model import Document
from roleexport.output import Writer
from roleexport.speech.written import sentence_pieces, spans
from roleexport.styles import Style

NCC = "ncc.html"
CONTENT = "content.html"
MASTER = "master.smil"
LABEL = "DAISY"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _shell(doc: Document, file_name: str, heading: str) -> Chapter:
    return document(XHTML1, doc, file_name, heading)


def content(doc: Document, cat: Catalogue, sentences: Spans | None = None) -> Book:
    """The page as one XHTML 1.0 Strict document, every block with its tree id, its words from
    ``cat``, each of ``sentences`` a span with its id."""
    layout = Layout(
        XHTML1, _shell, cat, file_name=lambda n: CONTENT, link=link_in_file, label=LABEL, sentences=sentences or {}
    )
    return build_book(doc, layout)


@dataclass(frozen=True)
class Landing:
    """Where a player lands for an element: the ``par`` of the first synchronised element at or
    inside it, else of the last one before it (a page starting in a fact's value lands on the
    fact, said with its label)."""

    positions: dict[etree._Element, int]
    """Each element of the content document → its place in document order (the keys keep lxml's
    element proxies alive, so an element found again later is the same key)."""
    ends: dict[etree._Element, int]
    """Each element → the place of its last descendant."""
    par_places: list[int]
    par_hrefs: list[str]

    @classmethod
    def of(cls, body: etree._Element, hrefs: dict[str, str]) -> Landing:
        order = list(body.iter())
        positions = {e: n for n, e in enumerate(order)}
        ends: dict[etree._Element, int] = {}
        for n in range(len(order) - 1, -1, -1):
            element = order[n]
            ends[element] = ends[element[-1]] if len(element) else n
        found = sorted((positions[e], hrefs[i]) for e in order if (i := e.get("id")) in hrefs)
        return cls(positions, ends, [p for p, _ in found], [h for _, h in found])

    def href(self, element: etree._Element, onward: bool = False) -> str:
        """The ``par`` for ``element``; ``onward``: when none is at or inside it, the next one
        (a heading nothing of which is said lands where its section is first heard)."""
        place = self.positions[element]
        n = bisect_left(self.par_places, place)
        if n < len(self.par_places) and (onward or self.par_places[n] <= self.ends[element]):
            return self.par_hrefs[n]
        return self.par_hrefs[max(0, n - 1)]


def _entries(doc: Document, book: Book, options: ExportOptions, landing: Landing) -> list[ncc.Entry]:
    """The NCC's headings and print pages in reading order, the title first."""
    keyed: list[tuple[tuple[int, int, int], ncc.Entry]] = []
    for heading in walk.headings(doc):
        element = book.element(heading.id)
        if element is not None:
            text = " ".join(walk.inline_text(heading.children, book.layout.cat).split())
            entry = ncc.Entry(min(max(heading.level, 1), 6), text, landing.href(element, onward=True))
            keyed.append(((landing.positions[element], 1, 0), entry))
    seen: set[int] = set()
    for start in options.page_map.pages if options.page_map else ():
        element = book.element(start.block_id)
        if element is None or start.page in seen:
            warn(f"{LABEL}: page {start.page} of the printed handout has no place in the book; left out")
            continue
        seen.add(start.page)
        keyed.append(
            ((landing.positions[element], 0, start.offset), ncc.Entry(0, str(start.page), landing.href(element)))
        )
    keyed.sort(key=lambda k: k[0])
    entries = [e for _, e in keyed]
    title = next((e for e in entries if e.level), None)
    if title is not None:
        entries.remove(title)
        entries.insert(0, title)
    return entries


def _zip(files: dict[str, bytes | Callable[[], Iterable[bytes]]], handle: BinaryIO) -> None:
    """The book's files at the zip's root, in order, with fixed times; MP3s stored (and written
    piece by piece as they are read from the cache), the rest deflated."""
    with zipfile.ZipFile(handle, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".mp3") else zipfile.ZIP_DEFLATED
            if isinstance(data, bytes):
                archive.writestr(info, data, compresslevel=9)
                continue
            with archive.open(info, "w") as entry:
                for piece in data():
                    entry.write(piece)


def _tagged(header: bytes, mp3: Stretch) -> Iterator[bytes]:
    yield header
    yield from mp3.data()


def make(doc: Document, style: Style, options: ExportOptions) -> Writer:
    """What writes the zipped book (everything in it is decided here; the section MP3s are read
    from the cache folder only as they are written, so a six-hour book is never held whole)."""
    meta = doc.meta
    audio = AudioSettings.resolve(style.section("audio"), options, meta.lang)
    cat = for_page(meta.lang, style)
    plan, clips, sample_rate = speak(doc, style, options)
    encoded = encode_parts(plan, clips, sample_rate, audio, options.cache_dir)  # the audio format's, cached
    track = timeline(plan, clips, sample_rate)

    written = sentence_pieces(doc)
    book = content(doc, cat, spans(written))
    elements = sync.prepare(book, doc, group_facts=False)
    parts = sync.documents(plan, book, doc, elements, written)
    groups = parts[0].groups if parts else ()
    cut = sections.split(plan, track, heard(plan, clips, sample_rate), groups, encoded)

    width = max(3, len(str(len(cut))))
    names = [f"s{n:0{width}d}" for n in range(1, len(cut) + 1)]
    headings = {h.id: " ".join(walk.inline_text(h.children, cat).split()) for h in walk.headings(doc)}
    ident = identifier(meta.publisher, meta.slug)
    generator = f"roleexport {__version__}"
    hrefs: dict[str, str] = {}
    smils: dict[str, bytes] = {}
    mp3s: dict[str, Callable[[], Iterable[bytes]]] = {}
    refs: list[tuple[str, str]] = []
    elapsed = 0
    number = 0
    for name, section in zip(names, cut, strict=True):
        pars = []
        for clip in section.clips:
            number += 1
            par_id = f"par-{number}"
            hrefs.setdefault(clip.text_id, f"{name}.smil#{par_id}")
            pars.append(smil.Par(par_id, f"{CONTENT}#{clip.text_id}", f"{name}.mp3", clip.begin_ms, clip.end_ms))
        title = clean(headings.get(section.clips[0].text_id, meta.title) if section.clips else meta.title)
        smils[f"{name}.smil"] = smil.section(clean(meta.title), ident, generator, pars, elapsed, section.duration_ms)
        header = id3(title, meta.lang, meta.publisher, [])
        mp3s[f"{name}.mp3"] = functools.partial(_tagged, header, section.mp3)
        refs.append((f"{name}.smil", title))
        elapsed += section.duration_ms

    chapter = book.chapters[0]
    entries = _entries(doc, book, options, Landing.of(chapter.body, hrefs))
    pages = [int(e.text) for e in entries if not e.level]
    files = 3 + len(smils) + len(mp3s)  # the NCC, the content document, master.smil
    date = document_date(meta).strftime("%Y-%m-%d")
    fields = [
        ("dc:title", meta.title),
        ("dc:creator", meta.publisher or cat("daisy_unknown_creator")),
        ("dc:date", date),
        ("dc:format", smil.FORMAT),
        ("dc:identifier", ident),
        ("dc:language", meta.lang),
    ]
    fields += [("dc:publisher", meta.publisher)] if meta.publisher else []
    fields += [("dc:subject", meta.category)] if meta.category else []
    fields += [
        ("ncc:charset", "utf-8"),
        ("ncc:generator", generator),
        ("ncc:narrator", cat("readaloud_narrator", voice=audio.voice)),
        ("ncc:totalTime", smil.clock(elapsed)),
        ("ncc:depth", str(max((e.level for e in entries), default=1))),
        ("ncc:tocItems", str(len(entries))),
        ("ncc:pageNormal", str(len(pages))),
        ("ncc:maxPageNormal", str(max(pages, default=0))),
        ("ncc:pageFront", "0"),
        ("ncc:pageSpecial", "0"),
        ("ncc:footnotes", "0"),
        ("ncc:prodNotes", "0"),
        ("ncc:sidebars", "0"),
        ("ncc:setInfo", "1 of 1"),
        ("ncc:files", str(files)),
        ("ncc:multimediaType", "audioFullText"),
    ]
    if meta.updated:
        fields.append(("ncc:sourceDate", date))
    if meta.publisher:
        fields.append(("ncc:sourcePublisher", meta.publisher))
    if pages and options.page_map:
        fields.append(("ncc:sourceEdition", options.page_map.edition))
        fields.append(("ncc:sourceTitle", cat("pdf_edition", title=meta.title, edition=options.page_map.edition)))
    out: dict[str, bytes | Callable[[], Iterable[bytes]]] = {
        NCC: ncc.document(meta.title, meta.lang, fields, entries),
        CONTENT: XHTML1.serialize(chapter.html),
        MASTER: smil.master(clean(meta.title), ident, generator, refs, elapsed),
    }
    out |= smils
    out |= mp3s
    return functools.partial(_zip, out)
