"""Clips and the plan's pauses → one PCM stream, with the start and end of every unit.

The per-unit timing (block id, start, end in milliseconds) comes from the clips' lengths:
chapters and read-along media overlays point at it, and it needs no audio to be read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from roleexport.exporters.audio.clips import StoredClip
from roleexport.speech.plan import Plan

END_PAUSE_MS = 700


@dataclass(frozen=True, slots=True)
class Span:
    """Where one unit of the plan is heard, in milliseconds from the start."""

    block_id: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True, slots=True)
class Track:
    """The page's audio as heard: its length and one span per unit of the plan, in order."""

    sample_rate: int
    samples: int
    spans: tuple[Span, ...]

    @property
    def duration_ms(self) -> int:
        return self.samples * 1000 // self.sample_rate


def silence(ms: int, sample_rate: int) -> bytes:
    return bytes(2 * (ms * sample_rate // 1000))


def timeline(plan: Plan, clips: list[StoredClip | None], sample_rate: int) -> Track:
    """Where each unit is heard, from the clips' lengths alone (no sample is read): exactly
    the track ``assemble`` writes."""
    spans: list[Span] = []
    samples = 0
    for unit, clip in zip(plan.units, clips, strict=True):
        samples += unit.pause_before * sample_rate // 1000
        start = samples * 1000 // sample_rate
        if clip is not None:
            samples += clip.samples
        spans.append(Span(unit.block_id, start, samples * 1000 // sample_rate))
    return Track(sample_rate, samples + END_PAUSE_MS * sample_rate // 1000, tuple(spans))


def assemble(
    plan: Plan,
    clips: list[StoredClip | None],
    sample_rate: int,
    write: Callable[[bytes], object],
    closing_ms: int = END_PAUSE_MS,
) -> None:
    """Each unit's pause, then its clip (None for a unit with nothing to say), then the
    closing pause, written in order: the samples of ``timeline``'s track.

    The PCM goes straight to ``write`` (the MP3 encoder), one clip at a time, so a page's
    audio is never held whole.
    """
    for unit, clip in zip(plan.units, clips, strict=True):
        write(silence(unit.pause_before, sample_rate))
        if clip is not None:
            write(clip.pcm)  # read from its file now, and let go once written
    write(silence(closing_ms, sample_rate))
