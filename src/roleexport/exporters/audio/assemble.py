"""Clips and the plan's pauses → one PCM track, with the start and end of every unit.

The per-unit timing is kept (block id, start, end in milliseconds): chapters come from it
now, and read-along EPUB media overlays can point each block at its span later.
"""

from __future__ import annotations

from dataclasses import dataclass

from roleexport.exporters.audio.engine import Clip
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
    """The page's audio: mono 16-bit PCM and one span per unit of the plan, in order."""

    pcm: bytes
    sample_rate: int
    spans: tuple[Span, ...]

    @property
    def duration_ms(self) -> int:
        return len(self.pcm) * 1000 // (2 * self.sample_rate)


def _silence(ms: int, sample_rate: int) -> bytes:
    return bytes(2 * (ms * sample_rate // 1000))


def assemble(plan: Plan, clips: list[Clip | None], sample_rate: int) -> Track:
    """Each unit's pause, then its clip (None for a unit with nothing to say)."""
    parts: list[bytes] = []
    spans: list[Span] = []
    samples = 0
    for unit, clip in zip(plan.units, clips, strict=True):
        gap = _silence(unit.pause_before, sample_rate)
        parts.append(gap)
        samples += len(gap) // 2
        start = samples * 1000 // sample_rate
        if clip is not None:
            parts.append(clip.pcm)
            samples += len(clip.pcm) // 2
        spans.append(Span(unit.block_id, start, samples * 1000 // sample_rate))
    parts.append(_silence(END_PAUSE_MS, sample_rate))
    return Track(b"".join(parts), sample_rate, tuple(spans))
