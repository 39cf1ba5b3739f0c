"""What the read-aloud booklet adds to the EPUB package: an MP3 and a media overlay per content
document, ``media-overlay`` on the documents, durations and the active class, and the
accessibility claims that synchronised narration makes true.

The audio is the audio exporter's: the same plan, the same cached clips, the same encoded
parts (``audio.parts``), cut in the pause before each content document's first unit as the
DAISY book cuts its sections, so a booklet built with or after the audio encodes nothing;
each par's clip starts where its first unit (or sentence, timed by the engine's word events:
``audio.sentences``) is heard in the document's MP3 and runs until the next par starts, so the
pauses between blocks belong to the clip before them and the clips of one file follow each
other with no gap. The sentences of one block are a ``seq`` pointing at the block, so a
reading app can skip the paragraph. The MP3s go into the zip from the cache folder as it is
written.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ebooklib import epub
from lxml import etree

from roleexport.exporters.audio import sentences
from roleexport.exporters.audio.assemble import timeline
from roleexport.exporters.audio.clips import StoredClip
from roleexport.exporters.audio.mp3 import id3
from roleexport.exporters.audio.parts import encode_parts
from roleexport.exporters.audio.settings import AudioSettings
from roleexport.exporters.epub import metadata
from roleexport.exporters.epub.package import Streamed, add_meta
from roleexport.exporters.readaloud import smil, sync
from roleexport.html.book import Book
from roleexport.html.markup import XHTML, XHTML5
from roleexport.i18n import Catalogue
from roleexport.model import Document
from roleexport.speech.plan import Plan
from roleexport.speech.written import Piece

STRUCTURES = {f"{{{XHTML}}}{t}" for t in ("ul", "ol", "dl", "table", "blockquote")}


@dataclass(frozen=True)
class Overlay:
    """One content document's narration: its MP3 (its tag, then its frames), its pars and its length."""

    tag: bytes
    frames: Callable[[], Iterator[bytes]]
    pars: tuple[smil.Par, ...]
    duration_ms: int

    def mp3(self) -> Iterator[bytes]:
        """The MP3's bytes in turn, the parts read from the cache folder only now."""
        yield self.tag
        yield from self.frames()


def _within(element: etree._Element, sentence: bool = False) -> tuple[tuple[str, str], ...]:
    """(id, tag) of the lists, tables, quotations and questions around an element, outermost
    first; and, for a ``sentence``, the heading or paragraph it is one of."""
    found = [
        (ident, etree.QName(a).localname)
        for n, a in enumerate(element.iterancestors())
        if (ident := a.get("id")) and (a.tag in STRUCTURES or a.get("class") == "qa" or (sentence and n == 0))
    ]
    return tuple(reversed(found))


def _insert_meta(book: epub.EpubBook, prop: str, value: str) -> None:
    """A ``<meta property>`` placed after the last one of the same property (so claims stay grouped)."""
    metas = book.metadata[None]["meta"]
    last = max((i for i, (_, attrs) in enumerate(metas) if attrs.get("property") == prop), default=len(metas) - 1)
    metas.insert(last + 1, (value, {"property": prop}))


def _replace_meta(book: epub.EpubBook, prop: str, value: str) -> None:
    metas = book.metadata[None]["meta"]
    book.metadata[None]["meta"] = [(value, a) if a.get("property") == prop else (v, a) for v, a in metas]


class Narration:
    """The plan, its clips and the settings: everything the ``extend`` hook of the booklet needs."""

    def __init__(
        self,
        doc: Document,
        plan: Plan,
        clips: list[StoredClip | None],
        sample_rate: int,
        audio: AudioSettings,
        active_class: str,
        cache_dir: Path | None,
        cat: Catalogue,
        written: dict[str, tuple[Piece, ...]] | None = None,
    ) -> None:
        self.doc = doc
        self.cat = cat
        self.plan = plan
        self.clips = clips
        self.sample_rate = sample_rate
        self.audio = audio
        self.active_class = active_class
        self.cache_dir = cache_dir
        self.written = written or {}
        """The blocks highlighted sentence by sentence, and their sentences (``speech.written``)."""

    def overlays(
        self, parts: list[sync.DocumentSync], elements: dict[str, etree._Element], titles: list[str]
    ) -> list[Overlay]:
        """Each content document's MP3 and the clip of each of its groups: the page's track (the
        audio format's encoded parts) cut in the pause before each document's first unit, as the
        DAISY book cuts its sections, so nothing the audio format encoded is encoded again; a
        document too short to be cut from the one before (under a frame) is encoded alone."""
        track = timeline(self.plan, self.clips, self.sample_rate)
        whole = encode_parts(self.plan, self.clips, self.sample_rate, self.audio, self.cache_dir)
        firsts = [0] + [whole.pause_frame(track, part.groups[0].units[0]) for part in parts[1:]]
        if any(not a < b < whole.frame_count for a, b in itertools.pairwise(firsts)):
            return [self._alone(part, elements, title) for part, title in zip(parts, titles, strict=True)]
        heard = sentences.heard(self.plan, self.clips, self.sample_rate)
        found = []
        for part, title, stretch in zip(parts, titles, whole.cut(firsts), strict=True):
            begins = [0] + [whole.heard_in(stretch, heard[g.units[0]][g.sentence]) for g in part.groups[1:]]
            found.append(self._overlay(part, elements, title, stretch.data, begins, whole.length_ms(stretch)))
        return found

    def _alone(self, part: sync.DocumentSync, elements: dict[str, etree._Element], title: str) -> Overlay:
        """One content document's narration encoded on its own, starting with speech."""
        indices = list(dict.fromkeys(i for group in part.groups for i in group.units))  # a unit's sentences share it
        units = [self.plan.units[i] for i in indices]
        units[0] = replace(units[0], pause_before=0)
        heard_plan, heard_clips = replace(self.plan, units=tuple(units)), [self.clips[i] for i in indices]
        heard = dict(zip(indices, sentences.heard(heard_plan, heard_clips, self.sample_rate), strict=True))
        mp3 = encode_parts(heard_plan, heard_clips, self.sample_rate, self.audio, self.cache_dir)
        begins = [0] + [mp3.ms(heard[group.units[0]][group.sentence]) for group in part.groups[1:]]
        return self._overlay(part, elements, title, mp3.parts, begins, mp3.duration_ms)

    def _overlay(
        self,
        part: sync.DocumentSync,
        elements: dict[str, etree._Element],
        title: str,
        frames: Callable[[], Iterator[bytes]],
        begins: list[int],
        duration_ms: int,
    ) -> Overlay:
        """A document's overlay: each group's clip from where it is heard to where the next is."""
        ends = [*begins[1:], duration_ms]
        pars = tuple(
            smil.Par(g.text_id, b, e, _within(elements[g.text_id], self.is_sentence(elements[g.text_id])))
            for g, b, e in zip(part.groups, begins, ends, strict=True)
        )
        header = id3(title, self.doc.meta.lang, self.doc.meta.publisher, [])
        return Overlay(header, frames, pars, duration_ms)

    def is_sentence(self, element: etree._Element) -> bool:
        """Whether ``element`` is a sentence's span inside a block highlighted sentence by sentence."""
        parent = element.getparent()
        return parent is not None and parent.get("id") in self.written and element.get("id") not in self.written

    def extend(self, ebook: epub.EpubBook, book: Book, edition: metadata.PrintEdition | None) -> None:
        """Add the audio and overlays to the package and re-serialise the content documents."""
        elements = sync.prepare(book, self.doc)
        titles = {c.file_name: c.title for c in book.chapters}
        total = 0
        parts = sync.documents(self.plan, book, self.doc, elements, self.written)
        overlays = self.overlays(parts, elements, [titles[part.file_name] for part in parts]) if parts else []
        for part, overlay in zip(parts, overlays, strict=True):
            stem = part.file_name.rsplit(".", 1)[0]
            audio_href, smil_id = f"audio/{stem}.mp3", f"mo-{stem}"
            mp3 = Streamed(overlay.mp3)
            ebook.add_item(
                epub.EpubItem(uid=f"audio-{stem}", file_name=audio_href, media_type="audio/mpeg", content=mp3)
            )
            ebook.add_item(
                epub.EpubItem(
                    uid=smil_id,
                    file_name=f"{stem}.smil",
                    media_type=smil.MEDIA_TYPE,
                    content=smil.document(part.file_name, audio_href, overlay.pars),
                )
            )
            ebook.get_item_with_href(part.file_name).media_overlay = smil_id
            add_meta(ebook, "media:duration", smil.clock(overlay.duration_ms), refines=f"#{smil_id}")
            total += overlay.duration_ms
        for chapter in book.chapters:
            ebook.get_item_with_href(chapter.file_name).content = XHTML5.serialize(chapter.html)
        if not total:  # a page with nothing to say: the plain booklet, claiming no audio
            return
        add_meta(ebook, "media:duration", smil.clock(total))
        add_meta(ebook, "media:active-class", self.active_class)
        add_meta(ebook, "media:narrator", self.cat("readaloud_narrator", voice=self.audio.voice))
        self.claim(ebook, edition, total)

    def claim(self, ebook: epub.EpubBook, edition: metadata.PrintEdition | None, total_ms: int) -> None:
        """Auditory access, sufficient alone or as text, synchronised; the summary says so."""
        _insert_meta(ebook, "schema:accessMode", "auditory")
        _insert_meta(ebook, "schema:accessModeSufficient", "auditory")
        _insert_meta(ebook, "schema:accessibilityFeature", "synchronizedAudioText")
        _replace_meta(ebook, "schema:accessibilitySummary", summary(self.doc, edition, total_ms, self.cat))


def summary(doc: Document, edition: metadata.PrintEdition | None, total_ms: int, cat: Catalogue) -> str:
    """The booklet's summary, with the narration described and no claim that there is no audio."""
    return metadata.summary(doc, edition, cat, narrated_minutes=max(1, round(total_ms / 60_000)))
