"""Spoken clips for the units of a speech plan: cached, checked, trimmed.

A clip is cached under a hash of everything that shapes its samples (text, voice, rate,
volume, the page's lexicon, the engine's version), so editing one paragraph re-renders one
clip. Every clip, fresh or cached, is checked: long enough for its words, with speech in it,
so a truncated or silent clip is never assembled into the MP3.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from roleexport.errors import ExportError
from roleexport.exporters.audio.engine import Clip, prepare, render_many

SILENCE = 96
"""Samples quieter than this (of 32767) count as silence when trimming a clip's ends."""
MARGIN_S = 0.03
MIN_SPEECH_RMS = 300.0


@dataclass(frozen=True, slots=True)
class Voice:
    """What the engine is asked for."""

    name: str
    rate: int
    volume: float


def clip_key(text: str, voice: Voice, lexicon_digest: str, engine_version: str) -> str:
    """The cache key of a clip: sha256 of everything that shapes its samples."""
    fields = [text, voice.name, voice.rate, voice.volume, lexicon_digest, engine_version]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def trimmed(clip: Clip) -> Clip:
    """The clip without the engine's leading and trailing silence (the plan sets the pauses)."""
    samples = np.frombuffer(clip.pcm, dtype="<i2")
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SILENCE)
    if loud.size == 0:
        return Clip(b"", clip.sample_rate)
    margin = int(MARGIN_S * clip.sample_rate)
    start, end = max(0, int(loud[0]) - margin), min(samples.size, int(loud[-1]) + 1 + margin)
    return Clip(samples[start:end].tobytes(), clip.sample_rate)


def check(clip: Clip, text: str, rate: int) -> None:
    """Refuse a clip that is silent or far too short or long for its words."""
    words = max(1, len(text.split()))
    expected = words / rate * 60
    samples = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float64)
    rms = float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0
    if rms < MIN_SPEECH_RMS:
        raise ExportError(f"speech engine produced silence for {text[:40]!r}; no audio written")
    if not 0.25 * expected <= clip.seconds <= 4 * expected + 1:
        raise ExportError(
            f"speech engine produced {clip.seconds:.1f} s for {words} words ({text[:40]!r}); no audio written"
        )


def _read_cached(path: Path, sample_rate: int) -> Clip | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return Clip(data, sample_rate) if data and len(data) % 2 == 0 else None


def _store(path: Path, clip: Clip) -> None:
    """Write a clip atomically (parallel builds share the cache); a full cache is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(clip.pcm)
        os.replace(tmp, path)
    except OSError:
        pass


def clips_for(lines: list[tuple[str, Voice]], lexicon_digest: str, cache_dir: Path | None,
              parallel: int) -> list[Clip]:
    """One checked, trimmed clip per (text, voice), all at the engine's sample rate, cached
    where possible. A cache file's name ends in its sample rate, so it needs nothing else."""
    version = prepare()
    keys = [clip_key(text, voice, lexicon_digest, version) for text, voice in lines]
    folder = cache_dir / "speech" if cache_dir is not None else None
    found: dict[str, Clip] = {}
    if folder is not None:
        for key in set(keys):
            for path in sorted(folder.glob(f"{key}-*.pcm")):
                cached = _read_cached(path, int(path.stem.rsplit("-", 1)[1]))
                if cached is not None:
                    found[key] = cached
    missing = sorted({k: line for k, line in zip(keys, lines, strict=True) if k not in found}.items())
    if missing:
        jobs = [(text, v.name, v.rate, v.volume) for _, (text, v) in missing]
        for (key, (text, voice)), clip in zip(missing, render_many(jobs, parallel), strict=True):
            clip = trimmed(clip)
            check(clip, text, voice.rate)
            found[key] = clip
            if folder is not None:
                _store(folder / f"{key}-{clip.sample_rate}.pcm", clip)
    out = [found[k] for k in keys]
    for clip, (text, voice) in zip(out, lines, strict=True):
        check(clip, text, voice.rate)
    if len({c.sample_rate for c in out}) > 1:
        raise ExportError("speech engine spoke clips at different sample rates; clear the cache folder")
    return out
