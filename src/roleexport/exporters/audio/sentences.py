"""Where each sentence is heard inside its unit's clip, from the engine's own word timings.

A clip is one unit (a paragraph, a list item), spoken whole so the audio stays the audio
format's; a read-along book highlights its sentences one by one, so each sentence's start is
taken from the word events espeak-ng reported while speaking the clip (``engine``): the
earliest word of the sentence's text. The highlight should move in the silence before that
word, never in the middle of one: usually the engine pauses after a full stop, and the
sentence starts ``LEAD_MS`` before its word; after spelled letters ("… the N I C U. Rooms
…") it does not pause, and the sentence starts at the quietest moment near the word's start
(the samples there are read, nothing more). Only when the engine reported no word inside a
sentence's text (a sentence of symbols alone) is its start placed in proportion to its
characters, between its neighbours.
"""

from __future__ import annotations

import numpy as np

from roleexport.exporters.audio.clips import StoredClip
from roleexport.speech.plan import Plan, Unit, sentence_starts, unit_text

LEAD_MS = 20
"""How long before its first word a sentence starts (in the engine's pause)."""
BEFORE_MS, AFTER_MS = 120, 30
"""Where the quietest moment is looked for, around the first word's reported start."""
FRAME_MS, HOP_MS = 10, 2.5
QUIET = 64.0
"""RMS (of 32767) within which two moments count as equally quiet: the one nearest the
lead is taken, so a sentence after a pause starts just before its word."""


def quietest(clip: StoredClip, word: int) -> int:
    """The moment nearest ``LEAD_MS`` before the word starting at sample ``word`` among the
    quietest near it: the middle of a 10 ms frame."""
    rate = clip.sample_rate
    start = max(0, word - BEFORE_MS * rate // 1000)
    samples = np.frombuffer(clip.window(start, word + AFTER_MS * rate // 1000), dtype="<i2").astype(np.float64)
    frame, hop = FRAME_MS * rate // 1000, max(1, int(HOP_MS * rate / 1000))
    target = word - LEAD_MS * rate // 1000
    if samples.size < frame:
        return max(0, target)
    offsets = np.arange(0, samples.size - frame + 1, hop)
    rms = np.array([np.sqrt(np.mean(samples[o : o + frame] ** 2)) for o in offsets])
    middles = start + offsets + frame // 2
    calm = middles[rms <= rms.min() + QUIET]
    return int(calm[np.argmin(np.abs(calm - target))])


def in_clip(unit: Unit, clip: StoredClip | None) -> list[int]:
    """The sample in ``clip`` where each sentence of ``unit`` starts (the first at 0; a unit
    with no sentences has one start, its announcement's)."""
    chars = sentence_starts(unit) or [0]
    if clip is None or len(chars) < 2:
        return [0] * len(chars)
    text_length = max(1, len(unit_text(unit, engine=True)))
    words = clip.words
    starts = [0]
    for n, char in enumerate(chars[1:], 1):
        end = chars[n + 1] if n + 1 < len(chars) else text_length
        heard = [sample for at, sample in words if char <= at < end]
        sample = quietest(clip, min(heard)) if heard else char * clip.samples // text_length
        starts.append(min(max(sample, starts[-1] + 1), clip.samples - (len(chars) - n)))
    return starts


def heard(plan: Plan, clips: list[StoredClip | None], sample_rate: int) -> list[list[int]]:
    """Per unit, where each of its sentences is heard, in milliseconds from the start of the
    track ``assemble.timeline`` times (the same pauses, the same rounding)."""
    out: list[list[int]] = []
    samples = 0
    for unit, clip in zip(plan.units, clips, strict=True):
        samples += unit.pause_before * sample_rate // 1000
        out.append([(samples + start) * 1000 // sample_rate for start in in_clip(unit, clip)])
        if clip is not None:
            samples += clip.samples
    return out
