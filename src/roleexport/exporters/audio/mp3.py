"""PCM → MP3 with ID3 chapters: lameenc encodes, mutagen writes the tags.

Chapters are ID3v2 CHAP frames (the opening, then one per H2 section, titled with the
heading) under one ordered, top-level CTOC, the layout podcast players and audiobook apps
navigate by. The CHAP frames are stored in time order, because FFmpeg (and the players built
on it) lists chapters in the order their frames are stored, while mutagen orders frames by
size. The tag holds no date or encoder timestamp, so the same track gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import lameenc
from mutagen.id3 import CHAP, CTOC, ID3, TIT2, TLAN, TPE1, CTOCFlags

NO_OFFSET = 0xFFFFFFFF
ISO_639_2 = {
    "en": "eng",
    "fr": "fra",
    "de": "deu",
    "es": "spa",
    "it": "ita",
    "pt": "por",
    "nl": "nld",
    "sv": "swe",
    "da": "dan",
    "no": "nor",
    "nb": "nob",
    "fi": "fin",
    "pl": "pol",
    "cs": "ces",
    "ru": "rus",
    "uk": "ukr",
    "el": "ell",
    "tr": "tur",
    "ar": "ara",
    "he": "heb",
    "hi": "hin",
    "zh": "zho",
    "ja": "jpn",
    "ko": "kor",
    "vi": "vie",
}
"""ID3's TLAN wants ISO 639-2 codes; a language not listed here gets no TLAN frame."""
QUALITY = 7
"""LAME's speed/quality trade-off (0 best … 9 fastest): 7 keeps speech clear at a third of
the encoding time of 2, which dominated the whole page's rendering time."""


@dataclass(frozen=True, slots=True)
class Chapter:
    """One navigation point: a title and where it starts and ends, in milliseconds."""

    title: str
    start_ms: int
    end_ms: int


class Encoder:
    """Mono constant-bit-rate MP3, fed PCM piece by piece (LAME resamples when rates differ)."""

    def __init__(self, in_rate: int, out_rate: int, kbps: int) -> None:
        self._lame = lameenc.Encoder()
        self._lame.set_channels(1)
        self._lame.set_in_sample_rate(in_rate)
        self._lame.set_out_sample_rate(out_rate)
        self._lame.set_bit_rate(kbps)
        self._lame.set_quality(QUALITY)
        self._out = bytearray()
        self._fed = False

    def write(self, pcm: bytes) -> None:
        if pcm:
            self._out += self._lame.encode(pcm)
            self._fed = True

    def finish(self) -> bytes:
        """The frames; none for no samples (a part of the track with nothing to say and no pause)."""
        if self._fed:
            self._out += self._lame.flush()
        frames, self._out = bytes(self._out), bytearray()  # not held twice while the caller tags them
        return frames


def id3(title: str, language: str, artist: str | None, chapters: list[Chapter]) -> bytes:
    """The ID3v2.3 tag that goes before the MP3's frames: title, language, publisher, CHAP
    frames and their CTOC."""
    tags = ID3()
    tags.add(TIT2(encoding=3, text=[title]))
    code = ISO_639_2.get(language.split("-")[0].lower())
    if code:
        tags.add(TLAN(encoding=3, text=[code]))
    if artist:
        tags.add(TPE1(encoding=3, text=[artist]))
    ids = [f"chp{n}" for n in range(1, len(chapters) + 1)]
    if chapters:
        tags.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=["Chapters"])],
            )
        )
    for element_id, chapter in zip(ids, chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                start_offset=NO_OFFSET,
                end_offset=NO_OFFSET,
                sub_frames=[TIT2(encoding=3, text=[chapter.title])],
            )
        )
    out = io.BytesIO()  # the tag alone (no padding, so it does not depend on what follows)
    tags.save(out, v2_version=3, padding=lambda info: 0)
    return chapters_in_time_order(out.getvalue())


def _frames(body: bytes) -> tuple[list[bytes], bytes]:
    """An ID3v2.3 tag body split into whole frames, and the padding after them."""
    frames: list[bytes] = []
    pos = 0
    while pos + 10 <= len(body) and body[pos : pos + 4] != b"\0\0\0\0":
        end = pos + 10 + int.from_bytes(body[pos + 4 : pos + 8], "big")
        frames.append(body[pos:end])
        pos = end
    return frames, body[pos:]


def _chapter_start(frame: bytes) -> int:
    payload = frame[10:]
    after_id = payload.index(b"\0") + 1
    return int.from_bytes(payload[after_id : after_id + 4], "big")


def chapters_in_time_order(data: bytes) -> bytes:
    """The file with its ID3v2.3 CHAP frames moved after the other frames, by start time
    (same tag size, same frames: only their order changes)."""
    size = sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(data[6:10]))
    frames, padding = _frames(data[10 : 10 + size])
    ordered = sorted(frames, key=lambda f: (1, _chapter_start(f)) if f[:4] == b"CHAP" else (0, 0))
    return data[:10] + b"".join(ordered) + padding + data[10 + size :]


def _clock(ms: int) -> str:
    """``HH:MM:SS.mmm``."""
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def chapter_list(chapters: list[Chapter]) -> str:
    """``chapters.txt``: one "HH:MM:SS.mmm title" line per chapter."""
    return "".join(f"{_clock(chapter.start_ms)} {chapter.title}\n" for chapter in chapters)


def webvtt(chapters: list[Chapter]) -> str:
    """``chapters.vtt``: the same chapters as WebVTT cues, for ``<track kind="chapters">`` on the web."""
    cues = ["WEBVTT\n"]
    for n, chapter in enumerate(chapters, 1):
        title = " ".join(chapter.title.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        cues.append(f"chp{n}\n{_clock(chapter.start_ms)} --> {_clock(chapter.end_ms)}\n{title}\n")
    return "\n".join(cues)
