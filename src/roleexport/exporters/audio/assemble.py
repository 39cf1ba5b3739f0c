"""Clips and the plan's pauses → one PCM stream, with the start and end of every unit.

The per-unit timing is kept (block id, start, end in milliseconds): chapters come from it
now, and read-along EPUB media overlays can point each block at its span later.
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


def _silence(ms: int, sample_rate: int) -> bytes:
    return bytes(2 * (ms * sample_rate // 1000))


def assemble(plan: Plan, clips: list[StoredClip | None], sample_rate: int, write: Callable[[bytes], object]) -> Track:
    """Each unit's pause, then its clip (None for a unit with nothing to say), written in order.

    The PCM goes straight to ``write`` (the MP3 encoder), so a page's audio is never held
    whole a second time.
    """
    spans: list[Span] = []
    samples = 0
    for unit, clip in zip(plan.units, clips, strict=True):
        gap = _silence(unit.pause_before, sample_rate)
        write(gap)
        samples += len(gap) // 2
        start = samples * 1000 // sample_rate
        if clip is not None:
            pcm = clip.pcm  # read from its file now, and let go once written
            write(pcm)
            samples += len(pcm) // 2
        spans.append(Span(unit.block_id, start, samples * 1000 // sample_rate))
    tail = _silence(END_PAUSE_MS, sample_rate)
    write(tail)
    return Track(sample_rate, samples + len(tail) // 2, tuple(spans))
