"""Spoken clips for the units of a speech plan: cached, checked, trimmed.

A clip is cached under a hash of everything that shapes its samples (text, voice, rate,
volume, the page's lexicon, the engine's version), so editing one paragraph re-renders one
clip. Beside its samples (``<key>-<rate>.pcm``) is where the engine said each word starts
(``<key>-<rate>.words``, written first): read-along books time sentences with it. A clip
without its words is spoken again. Every clip, fresh or cached, is checked: long enough for its words, with speech in it,
so a truncated or silent clip is never assembled into the MP3.

A clip is spoken, trimmed, checked and stored by a child of the engine's pool, on every
core; the build's own process only learns where it is. Clips live on disk (the cache, or a
temporary folder when there is no cache) and are read back one at a time while a part of the
track is encoded: a page of 10,000 list items is six hours of
speech, about 1 GB of samples, which must never sit in memory at once (it also made every
forked speaker child slower, the parent's memory being copied on write).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from roleexport.cacheage import mark_used
from roleexport.errors import ExportError
from roleexport.exporters.audio.engine import Clip, Pool, Word, prepare, speak_here, speech_task
from roleexport.output import unique

SILENCE = 96
"""Samples quieter than this (of 32767) count as silence when trimming a clip's ends."""
MARGIN_S = 0.03
MIN_SPEECH_RMS = 300.0
CLIP_FORMAT = 2
"""Part of every clip's key: 2 since clips are stored with their word timings (so the clips
cached before, without them, are spoken once more rather than timed by a guess)."""


@dataclass(frozen=True, slots=True)
class Voice:
    """What the engine is asked for."""

    name: str
    rate: int
    volume: float


def clip_key(text: str, voice: Voice, lexicon_digest: str, engine_version: str) -> str:
    """The cache key of a clip: sha256 of everything that shapes its samples."""
    fields = [text, voice.name, voice.rate, voice.volume, lexicon_digest, engine_version, CLIP_FORMAT]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def trimmed(clip: Clip) -> Clip:
    """The clip without the engine's leading and trailing silence (the plan sets the pauses)."""
    samples = np.frombuffer(clip.pcm, dtype="<i2")
    loud = (samples > SILENCE) | (samples < -SILENCE)  # no wider copy of the samples, no index array
    if not loud.any():
        return Clip(b"", clip.sample_rate)
    first, last = int(np.argmax(loud)), samples.size - 1 - int(np.argmax(loud[::-1]))
    margin = int(MARGIN_S * clip.sample_rate)
    start, end = max(0, first - margin), min(samples.size, last + 1 + margin)
    words = tuple((char, min(max(sample - start, 0), end - start)) for char, sample in clip.words)
    return Clip(samples[start:end].tobytes(), clip.sample_rate, words)


def check(clip: Clip, text: str, rate: int) -> None:
    """Refuse a clip that is silent, or far too short for its words, or far too long for its
    words and letters (a 300-character URL is one word but many seconds; a number is said
    in several words; a symbol or a letter of another script may be said by its name, "¤" as
    "currency sign"). Text of punctuation alone may be either."""
    if all(unicodedata.category(c)[0] in "PZ" for c in text):
        return  # punctuation alone: one voice names it ("colon"), another is silent (French ":")
    words = max(1, len(text.split()))
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    named = sum(not c.isascii() and unicodedata.category(c)[0] not in "PZ" for c in text)
    shortest = 0.25 * words / rate * 60
    longest = 4 * (max(words, letters / 6) + digits + 3 * named) / rate * 60 + 1
    samples = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float32)
    rms = float(np.sqrt(np.dot(samples, samples) / samples.size)) if samples.size else 0.0
    if rms < MIN_SPEECH_RMS:
        raise ExportError(f"speech engine produced silence for {text[:40]!r}; no audio written")
    if not shortest <= clip.seconds <= longest:
        raise ExportError(
            f"speech engine produced {clip.seconds:.1f} s for {words} words ({text[:40]!r}); no audio written"
        )


@dataclass(frozen=True, slots=True)
class StoredClip:
    """A checked clip kept in a file (``data`` only when the file could not be written);
    ``keep`` holds the temporary folder it is in alive as long as the clip is."""

    path: Path
    sample_rate: int
    samples: int
    data: bytes | None = None
    keep: object = field(default=None, compare=False, repr=False)
    timed: tuple[Word, ...] | None = None
    """The word timings, when kept in memory rather than beside the samples."""

    @property
    def words(self) -> tuple[Word, ...]:
        """Where each word starts: (character in the clip's text, sample in the clip)."""
        if self.timed is not None:
            return self.timed
        try:
            numbers = [int(n) for n in words_path(self.path).read_text(encoding="ascii").split()]
        except (OSError, ValueError) as exc:
            raise ExportError(f"speech clip {self.path} lost its word timings; clear the cache folder") from exc
        return tuple(zip(numbers[::2], numbers[1::2], strict=False))

    @property
    def pcm(self) -> bytes:
        if self.data is not None:
            return self.data
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise ExportError(f"speech clip {self.path} could not be read back ({exc.strerror})") from exc
        if len(data) != 2 * self.samples:
            raise ExportError(f"speech clip {self.path} changed during the build; run again")
        return data

    @property
    def seconds(self) -> float:
        return self.samples / self.sample_rate

    def window(self, start: int, end: int) -> bytes:
        """The samples from ``start`` to ``end`` (clamped to the clip), read alone."""
        start, end = max(0, start), min(self.samples, end)
        if end <= start:
            return b""
        if self.data is not None:
            return self.data[2 * start : 2 * end]
        try:
            with self.path.open("rb") as file:
                file.seek(2 * start)
                return file.read(2 * (end - start))
        except OSError as exc:
            raise ExportError(f"speech clip {self.path} could not be read back ({exc.strerror})") from exc


def words_path(path: Path) -> Path:
    """Where the word timings of the clip at ``path`` are kept."""
    return path.with_suffix(".words")


def _store(folder: Path, key: str, clip: Clip, keep: object) -> StoredClip:
    """Write a clip's word timings, then its samples, each atomically (parallel builds share
    the cache; so a clip's samples are never there without its timings); where they cannot
    be written (a full disk), the clip is kept in memory instead, which is no error."""
    path = folder / f"{key}-{clip.sample_rate}.pcm"
    stored = StoredClip(path, clip.sample_rate, len(clip.pcm) // 2, keep=keep)
    timings = "".join(f"{char} {sample}\n" for char, sample in clip.words).encode("ascii")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for target, data in ((words_path(path), timings), (path, clip.pcm)):
            tmp = target.with_name(f".{target.name}.{unique()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
    except OSError:
        return StoredClip(path, clip.sample_rate, len(clip.pcm) // 2, clip.pcm, keep, clip.words)
    return stored


def _cached(folder: Path, keys: set[str]) -> dict[str, StoredClip]:
    """The cached clips of these keys, not yet read: the folder is listed once (not once a
    key, which grew with the square of the page's length)."""
    found: dict[str, StoredClip] = {}
    try:
        entries = sorted((e.name, e.stat().st_size) for e in os.scandir(folder))
    except OSError:
        return found
    names = {name for name, _ in entries}
    for name, size in entries:
        key, _, rest = name.partition("-")
        rate = rest.removesuffix(".pcm")
        timed = words_path(folder / name).name in names
        if key in keys and rest.endswith(".pcm") and rate.isdigit() and size and size % 2 == 0 and timed:
            found[key] = StoredClip(folder / name, int(rate), size // 2)
            mark_used(folder / name)
            mark_used(words_path(folder / name))
    return found


def _speak_and_store(text: str, voice: Voice, folder: Path, key: str) -> bytes:
    """In a speaker child: the clip of ``text``, trimmed, checked and stored, as a record for
    the parent (``_stored``). The samples go to the cache file, not through the pipe, unless
    the file cannot be written; so the parent never handles a clip's samples."""
    clip = trimmed(speak_here(text, voice.name, voice.rate, voice.volume))
    check(clip, text, voice.rate)
    stored = _store(folder, key, clip, None)
    return pickle.dumps((str(stored.path), stored.sample_rate, stored.samples, stored.data, stored.timed))


def _stored(record: bytes, keep: object) -> StoredClip:
    path, sample_rate, samples, data, timed = pickle.loads(record)
    return StoredClip(Path(path), sample_rate, samples, data, keep, timed)


def clips_for(
    lines: list[tuple[str, Voice]],
    lexicon_digest: str,
    cache_dir: Path | None,
    parallel: int,
    ready: Callable[[int, StoredClip], object] | None = None,
    pool: Pool | None = None,
) -> list[StoredClip]:
    """One checked, trimmed clip per (text, voice), all at the engine's sample rate, cached
    where possible. A cache file's name ends in its sample rate, so it needs nothing else.

    ``ready(line index, clip)`` is called for each line as soon as its clip is stored (the
    cached ones first, the spoken ones as they arrive), so the track can be encoded while
    the rest is still being spoken: it may add tasks to ``pool`` (the pool the clips are
    spoken in, made here when not given). Missing clips are spoken in reading order."""
    version = prepare()
    keys = [clip_key(text, voice, lexicon_digest, version) for text, voice in lines]
    temporary = None
    if cache_dir is None:
        temporary = tempfile.TemporaryDirectory(prefix="roleexport-speech-")
        folder = Path(temporary.name)
    else:
        folder = cache_dir / "speech"
    found = _cached(folder, set(keys))
    for key, (text, voice) in dict(zip(keys, lines, strict=True)).items():
        if key in found:  # a damaged cache file is never assembled
            check(Clip(found[key].pcm, found[key].sample_rate), text, voice.rate)
    missing = {k: line for k, line in zip(keys, lines, strict=True) if k not in found}
    waiting: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if key not in found:
            waiting.setdefault(key, []).append(index)
        elif ready is not None:
            ready(index, found[key])

    def deliver(key: str, record: bytes) -> None:
        found[key] = _stored(record, temporary)
        for index in waiting.pop(key, []):
            if ready is not None:
                ready(index, found[key])

    pool = pool or Pool(parallel)
    for key, (text, voice) in missing.items():
        work = functools.partial(_speak_and_store, text, voice, folder, key)
        pool.add(speech_task(text, voice.name, work, functools.partial(deliver, key)))
    pool.run()
    out = [found[k] for k in keys]
    if len({c.sample_rate for c in out}) > 1:
        raise ExportError("speech engine spoke clips at different sample rates; clear the cache folder")
    return out
