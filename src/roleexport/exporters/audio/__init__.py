"""The ``audio`` format: ``<slug>.mp3`` with ID3 chapters, ``<slug>.chapters.txt`` and ``<slug>.chapters.vtt``.

Speech comes from pyttsx3 on espeak-ng (``engine``), one clip per unit of the shared speech
plan, so the MP3 says exactly what the narration script and the SSML say. Clips are cached
and checked (``clips``), joined with the plan's pauses (``assemble``), encoded one part a
section while the rest is still spoken (``parts``; cached by content too: ``encoded``) and
tagged with one chapter per H2 section (``mp3``); the same chapters go to a plain list for
any player and to WebVTT for the web page's ``<audio>``. Heavy libraries load only when
``export`` runs; when no speech engine can be loaded the format fails with one line saying
what to install.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from roleexport.exporters import ExportOptions
from roleexport.model import Document
from roleexport.styles import Style

if TYPE_CHECKING:
    from roleexport.exporters.audio.assemble import Track
    from roleexport.exporters.audio.clips import StoredClip
    from roleexport.exporters.audio.engine import Pool
    from roleexport.exporters.audio.mp3 import Chapter
    from roleexport.exporters.audio.parts import Encoded
    from roleexport.speech.plan import Plan


def lexicon_digest(doc: Document) -> str:
    """A digest of how the page's terms are said (part of every clip's cache key)."""
    data = [
        [t.written, t.pronunciation.alias, t.pronunciation.phoneme, t.pronunciation.alphabet, t.pronunciation.spell_out]
        for t in doc.terms
    ]
    return hashlib.sha256(json.dumps(data).encode()).hexdigest()


def chapters(plan: Plan, track: Track, heard: Encoded, title: str) -> list[Chapter]:
    """The opening (the page title and lead), titled with the page title, then one chapter
    per H2 section, titled with its heading and starting where the heading is heard in the
    MP3 (``heard``); each ends where the next starts. So a listener who jumps to "Role at a
    glance" hears the facts, not the lead. A page without sections is one chapter with the
    page's title."""
    from roleexport.exporters.audio.mp3 import Chapter

    marks = plan.chapters()
    starts = [(heard.ms(track.spans[i].start_ms) if i else 0, unit.title) for i, unit in marks]
    if not marks or marks[0][0] > 0:
        starts.insert(0, (0, title))
    ends = [s for s, _ in starts[1:]] + [heard.duration_ms]
    return [Chapter(title, start, end) for (start, title), end in zip(starts, ends, strict=True)]


def speak(
    doc: Document,
    style: Style,
    options: ExportOptions,
    listen: Callable[[Plan, list[bool]], Callable[[int, StoredClip], object]] | None = None,
    pool: Pool | None = None,
) -> tuple[Plan, list[StoredClip | None], int]:
    """The page's plan, a clip per unit (None where a unit says nothing) and their sample rate.

    ``listen(plan, which units have a clip)``, when given, returns what to call with (unit
    index, clip) as each clip is stored, which may add work to ``pool``, the pool the page
    is spoken in (see ``clips_for``)."""
    from roleexport.exporters.audio.clips import Voice, clips_for
    from roleexport.exporters.audio.settings import AudioSettings
    from roleexport.speech.plan import Settings, build_plan, unit_text

    settings = AudioSettings.resolve(style.section("audio"), options, doc.meta.lang)
    plan = build_plan(doc, Settings.for_page(doc, style))
    body = Voice(settings.voice, settings.engine_rate, settings.volume)
    heading = Voice(settings.voice, round(settings.engine_rate * settings.heading_rate), settings.volume)
    texts = [unit_text(u, engine=True) for u in plan.units]
    lines = [
        (t, heading if u.role in ("heading", "question") else body) for t, u in zip(texts, plan.units, strict=True) if t
    ]
    ready = None
    if listen is not None:
        on_unit = listen(plan, [bool(t) for t in texts])
        unit_of_line = [i for i, t in enumerate(texts) if t]

        def ready(line: int, clip: StoredClip) -> object:
            return on_unit(unit_of_line[line], clip)

    clips = clips_for(lines, lexicon_digest(doc), options.cache_dir, settings.parallel, ready, pool)
    by_text = iter(clips)
    per_unit: list[StoredClip | None] = [next(by_text) if t else None for t in texts]
    return plan, per_unit, clips[0].sample_rate if clips else settings.sample_rate


OVERLAP_ENCODING = True
"""Encode each part of the track as soon as its clips are spoken (``parts``); False encodes
every part after the speech: the same bytes."""


class AudioExporter:
    """Spoken MP3 of the page with a chapter per section."""

    name = "audio"
    description = "Spoken MP3 (pyttsx3 + espeak-ng) with ID3 chapters per section"
    requires: frozenset[str] = frozenset()
    reads: tuple[str, ...] = ("voice", "rate")

    def outputs(self, doc: Document) -> list[str]:
        slug = doc.meta.slug
        return [f"{slug}.mp3", f"{slug}.chapters.txt", f"{slug}.chapters.vtt"]

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        from roleexport.output import joined

        return {name: joined(data) for name, data in self.export_parts(doc, style, options).items()}

    def export_parts(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes | Iterable[bytes]]:
        """``export``, with the MP3 as its tag and then each part's frames, read from the cache
        folder only as the build writes them: a six-hour page's MP3 is never held whole."""
        from roleexport.exporters.audio.assemble import timeline
        from roleexport.exporters.audio.engine import Pool
        from roleexport.exporters.audio.mp3 import chapter_list, id3, webvtt
        from roleexport.exporters.audio.parts import Encoding
        from roleexport.exporters.audio.settings import AudioSettings

        settings = AudioSettings.resolve(style.section("audio"), options, doc.meta.lang)
        pool = Pool(settings.parallel)
        encodings: list[Encoding] = []

        def listen(plan: Plan, spoken: list[bool]) -> Callable[[int, StoredClip], object]:
            encodings.append(Encoding(plan, settings, options.cache_dir, pool))
            if OVERLAP_ENCODING:
                encodings[-1].listen(spoken)
            return encodings[-1].ready

        plan, clips, sample_rate = speak(doc, style, options, listen, pool)
        heard = encodings[0].finish(clips, sample_rate)
        marks = chapters(plan, timeline(plan, clips, sample_rate), heard, doc.meta.title)
        slug = doc.meta.slug
        return {
            f"{slug}.mp3": itertools.chain(
                [id3(doc.meta.title, doc.meta.lang, doc.meta.publisher, marks)], heard.parts()
            ),
            f"{slug}.chapters.txt": chapter_list(marks).encode("utf-8"),
            f"{slug}.chapters.vtt": webvtt(marks).encode("utf-8"),
        }
