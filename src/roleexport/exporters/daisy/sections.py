"""The page's narration as DAISY sections: which synchronised elements each section holds,
its MP3 (cut from the audio format's encoded parts, without joining them) and each element's
clip in it.

The synchronised elements and the units each one is heard in are the read-along booklet's
(``readaloud.sync``: one clip per sentence of a heading, paragraph or list item, per fact, per
row), timed alike (``audio.sentences``).
A new section starts at every heading of level 1 or 2 after the title (an H2 is an audio
chapter too). A clip runs from where its element is first heard until the next one starts,
so pauses belong to the clip before them; a section's first clip starts at 0 and its last
runs to the end of its file, so the clips of a file leave no gap. An element heard for no time
at all (nothing of it is said) gets no clip; a player lands on the next one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from roleexport.exporters.audio.assemble import Track
from roleexport.exporters.audio.parts import Encoded, Stretch
from roleexport.exporters.readaloud.sync import Group
from roleexport.speech.plan import Plan


@dataclass(frozen=True, slots=True)
class Clip:
    """One synchronised element and where it is heard in its section's file, in milliseconds."""

    text_id: str
    begin_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class Section:
    """One SMIL file's worth: its clips and its MP3's frames (read from the cache as written)."""

    clips: tuple[Clip, ...]
    mp3: Stretch
    duration_ms: int
    """The MP3's decoded length."""


def starts(plan: Plan, groups: tuple[Group, ...]) -> list[int]:
    """Indices of the groups that open a section: the first, and each heading of level 1 or 2 after it."""
    opening = {i for i, u in enumerate(plan.units) if u.role in ("heading", "question") and u.level <= 2}
    return [0] + [n for n, g in enumerate(groups) if n and not g.sentence and opening & set(g.units)]


def split(
    plan: Plan, track: Track, sentences: list[list[int]], groups: tuple[Group, ...], encoded: Encoded
) -> list[Section]:
    """Cut ``encoded`` (the frames of the whole plan, as ``track`` times its units and
    ``sentences`` their sentences) into sections: in the pause before each section's heading,
    which is in the part that heading starts, so only those parts are read here."""
    heard = [sentences[g.units[0]][g.sentence] for g in groups]
    first_groups, first_frames = [0], [0]
    for n in starts(plan, groups)[1:]:
        frame = encoded.pause_frame(track, groups[n].units[0])
        if first_frames[-1] < frame < encoded.frame_count:
            first_groups.append(n)
            first_frames.append(frame)
    sections = []
    bounds = [*first_groups, len(groups)]
    for piece, (first, end) in zip(encoded.cut(first_frames), itertools.pairwise(bounds), strict=True):
        duration = encoded.length_ms(piece)
        begins = [0] + [encoded.heard_in(piece, heard[n]) for n in range(first + 1, end)]
        ends = [*begins[1:], duration]
        clips = tuple(
            Clip(groups[n].text_id, b, e) for n, b, e in zip(range(first, end), begins, ends, strict=True) if b < e
        )
        if not clips and first < end:  # nothing said (a title of symbols only): its element gets the silence
            clips = (Clip(groups[first].text_id, 0, duration),)
        sections.append(Section(clips, piece, duration))
    return sections
