"""The track encoded in parts, one LAME stream a section, each as soon as its clips are stored.

One LAME stream is serial: it kept one core busy for most of a page's audio while the other
waited. So the track is cut before each heading (at the start of the pause that opens it;
every chapter starts a part) and each part is encoded as a stream of its own, by a child of
the speakers' pool, while the rest is still being spoken; the streams are joined frame after
frame. A stream
starts with an empty bit reservoir, so the joined file is one valid stream to any decoder;
each part adds the encoder's delay at its start and pads its end to a whole frame, both
silence within a pause. Where a moment of the track is heard in the joined file is
``Encoded.decoded``: the part's first frame, the encoder's delay, then the moment's place in
the part. Each part's frames are cached on their own (``encoded``), so editing one section
encodes one part again.

The parts are the same whether encoded while speaking or after, so are the bytes.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from roleexport.errors import ExportError
from roleexport.exporters.audio import encoded, frames
from roleexport.exporters.audio.assemble import END_PAUSE_MS, Track
from roleexport.exporters.audio.clips import StoredClip
from roleexport.exporters.audio.engine import Pool, Task
from roleexport.exporters.audio.settings import AudioSettings
from roleexport.speech.plan import Plan

PART_UNITS = 100
"""Units after which a part ends at the next pause even without a heading (a few minutes of speech)."""
ENCODING_SPEED = 50
"""Seconds of speech a child must encode per second before it counts as hung (LAME does ~800)."""


@dataclass(frozen=True, slots=True)
class Part:
    """Units ``first`` to ``end`` (not included) of the plan, then ``closing_ms`` of silence."""

    first: int
    end: int
    closing_ms: int


def parts(plan: Plan) -> list[Part]:
    """The opening, then a part from each heading or question of any level that follows a
    pause (so each chapter, ``Plan.chapters``, starts one, and the last part to be spoken,
    which can only be encoded after it, is short), and from the next pause once a part has
    ``PART_UNITS`` units (so a long list without headings is encoded on every core too); the
    last part closes the track. Decided from the plan alone, so a part's cached frames are
    found before anything is spoken."""
    starts = [0]
    for i, unit in enumerate(plan.units):
        heading = unit.role in ("heading", "question")
        if i and unit.pause_before > 0 and (heading or i - starts[-1] >= PART_UNITS):
            starts.append(i)
    ends = [*starts[1:], len(plan.units)]
    return [Part(a, b, END_PAUSE_MS if b == len(plan.units) else 0) for a, b in zip(starts, ends, strict=True)]


@dataclass(frozen=True, slots=True)
class Encoded:
    """Every part's frames (a file of the cache folder, or bytes when there is none), and where
    each part is in the track and in the joined frames."""

    pieces: tuple[Path | bytes, ...]
    track_rate: int
    """The clips' sample rate (the track's, as ``timeline`` times it)."""
    stream_rate: int
    track_starts: tuple[int, ...]
    """Each part's first sample in the track."""
    stream_starts: tuple[int, ...]
    """Each part's first decoded sample in the joined frames (a frame boundary)."""
    stream_samples: int

    def decoded(self, ms: float) -> float:
        """Where the moment ``ms`` of the track is heard in the joined frames, in their samples."""
        at = ms * self.track_rate / 1000
        k = max(0, bisect.bisect_right(self.track_starts, at) - 1)
        return (
            self.stream_starts[k]
            + frames.ENCODER_DELAY
            + (at - self.track_starts[k]) * self.stream_rate / self.track_rate
        )

    def ms(self, track_ms: float) -> int:
        """``decoded`` in milliseconds."""
        return int(self.decoded(track_ms) * 1000 // self.stream_rate)

    @property
    def duration_ms(self) -> int:
        return self.stream_samples * 1000 // self.stream_rate

    def parts(self) -> Iterator[bytes]:
        """Each part's frames in turn, read from the cache only now (a six-hour track is never
        held whole); ExportError if a cached part changed since it was made."""
        return (read(piece) for piece in self.pieces)

    @property
    def samples_per_frame(self) -> int:
        return frames.samples_per_frame(self.stream_rate)

    @property
    def frame_count(self) -> int:
        return self.stream_samples // self.samples_per_frame

    def pause_frame(self, track: Track, unit: int) -> int:
        """The frame nearest the middle of the pause before unit ``unit`` (``unit`` > 0): where a
        file that opens with that unit starts, so each file starts and ends in silence."""
        middle = (track.spans[unit - 1].end_ms + track.spans[unit].start_ms) / 2
        return round(self.decoded(middle) / self.samples_per_frame)

    def heard_in(self, stretch: Stretch, ms: float) -> int:
        """Where the moment ``ms`` of the track is heard in ``stretch``'s own file, in milliseconds
        (after its silent lead-in frames)."""
        shift = (stretch.lead_frames - stretch.first_frame) * self.samples_per_frame
        return round((self.decoded(ms) + shift) * 1000 / self.stream_rate)

    def length_ms(self, stretch: Stretch) -> int:
        """``stretch``'s file decoded, in milliseconds."""
        return (stretch.lead_frames + stretch.frames) * self.samples_per_frame * 1000 // self.stream_rate

    def cut(self, starts: list[int]) -> list[Stretch]:
        """The joined frames cut before each frame index in ``starts`` (the first must be 0),
        each stretch as the whole parts it holds and the ends of the parts it cuts (only those
        are read here, so the track is never held whole)."""
        per_frame = self.samples_per_frame
        begins = [s // per_frame for s in self.stream_starts]
        ends = [*begins[1:], self.frame_count]
        # the part last cut, read once: the next stretch starts where it was cut
        last: tuple[int, frames.Stream] | None = None
        stretches = []
        for first, end in itertools.pairwise([*starts, ends[-1]]):
            pieces: list[Path | bytes] = []
            lead = 0
            for k in range(max(0, bisect.bisect_right(begins, first) - 1), len(self.pieces)):
                if begins[k] >= end:
                    break
                low, high = max(first, begins[k]), min(end, ends[k])
                if low >= high:  # a part with no frames, or one that ends where the stretch starts
                    continue
                if (low, high) == (begins[k], ends[k]):
                    pieces.append(self.pieces[k])
                    continue
                if last is None or last[0] != k:
                    last = k, frames.parse(read(self.pieces[k]))
                data, lead_frames = frames.stretch(last[1], low - begins[k], high - begins[k])
                lead = lead_frames if not pieces else lead
                pieces.append(data)
            stretches.append(Stretch(tuple(pieces), first, lead, end - first))
        return stretches


@dataclass(frozen=True, slots=True)
class Stretch:
    """Frames ``first_frame`` to ``first_frame + frames`` of the joined track as a file of their
    own: the silent frames its first frame needs (``frames.lead_in``), then the frames, as whole
    parts (cache files) and cut ends (bytes)."""

    pieces: tuple[Path | bytes, ...]
    first_frame: int
    lead_frames: int
    frames: int

    def data(self) -> Iterator[bytes]:
        """Its bytes in turn, the cached parts read only now."""
        return (read(piece) for piece in self.pieces)


def read(piece: Path | bytes) -> bytes:
    """A part's frames, from the cache file that holds them; ExportError if it changed since it
    was made (the build fails that format, never publishes a damaged file)."""
    if isinstance(piece, bytes):
        return piece
    data = encoded.cached(piece)
    if data is None:
        raise ExportError(f"an encoded part in the cache folder changed during the build ({piece}); run again")
    return data


def _part_plan(plan: Plan, clips: list[StoredClip | None], part: Part) -> tuple[Plan, list[StoredClip | None]]:
    return replace(plan, units=plan.units[part.first : part.end]), clips[part.first : part.end]


class Encoding:
    """The parts of one track: each started (from the cache, else as a task first in line in
    ``pool``) as soon as every clip in it is stored (``ready``), the rest by ``finish``."""

    def __init__(self, plan: Plan, settings: AudioSettings, cache_dir: Path | None, pool: Pool) -> None:
        self.plan = plan
        self.settings = settings
        self.cache_dir = cache_dir
        self.pool = pool
        self.parts = parts(plan)
        self._part_of = [k for k, p in enumerate(self.parts) for _ in range(p.first, p.end)]
        self._clips: list[StoredClip | None] = [None] * len(plan.units)
        self._waiting: list[int] | None = None
        self._done: dict[int, tuple[Path | bytes, int]] = {}
        """Each part done: its frames (the cache file they are in, when there is a cache) and
        how many samples they decode to."""
        self._started: set[int] = set()

    def listen(self, spoken: list[bool]) -> None:
        """Which units have a clip: from now on ``ready`` starts each part once its clips are in."""
        self._waiting = [sum(spoken[p.first : p.end]) for p in self.parts]

    def ready(self, unit: int, clip: StoredClip) -> None:
        """Unit ``unit``'s clip is stored."""
        self._clips[unit] = clip
        if self._waiting is None:
            return
        k = self._part_of[unit]
        self._waiting[k] -= 1
        if self._waiting[k] == 0:
            self._start(k, self._clips, clip.sample_rate)

    def _start(self, k: int, clips: list[StoredClip | None], rate: int) -> None:
        self._started.add(k)
        part = self.parts[k]
        plan, heard = _part_plan(self.plan, clips, part)
        path = None
        if self.cache_dir is not None:
            path = encoded.cache_path(plan, heard, rate, self.settings, self.cache_dir, part.closing_ms)
            data = encoded.cached(path)
            if data is not None:
                self._done[k] = (path, _samples(data))
                return
        seconds = sum(c.seconds for c in heard if c is not None)
        work = functools.partial(encoded.encode, plan, heard, rate, self.settings, part.closing_ms)
        self.pool.add(Task(work, functools.partial(self._take, k, path), seconds / ENCODING_SPEED), first=True)

    def _take(self, k: int, path: Path | None, data: bytes) -> None:
        """A part's frames, from the child that encoded them: kept in the cache (and let go
        here: every later fork is of a smaller process), else in memory."""
        if path is not None and data and encoded.store(path, data):  # a part with nothing in it stays here
            self._done[k] = (path, _samples(data))
        else:
            self._done[k] = (data, _samples(data))

    def finish(self, clips: list[StoredClip | None], rate: int) -> Encoded:
        """Every part's frames (the parts not started yet encoded now, in the pool), joined."""
        for k in range(len(self.parts)):
            if k not in self._started:
                self._start(k, clips, rate)
        self.pool.run()
        done = [self._done.pop(k) for k in range(len(self.parts))]
        starts, total = [], 0
        for _, count in done:
            starts.append(total)
            total += count
        track_starts, at = [], 0
        for part in self.parts:
            track_starts.append(at)
            for unit, clip in zip(self.plan.units[part.first : part.end], clips[part.first : part.end], strict=True):
                at += unit.pause_before * rate // 1000 + (clip.samples if clip is not None else 0)
        pieces = tuple(piece for piece, _ in done)
        return Encoded(pieces, rate, self.settings.sample_rate, tuple(track_starts), tuple(starts), total)


def _samples(data: bytes) -> int:
    """How many samples a part's frames decode to (none for a part with nothing in it)."""
    return frames.samples(data)[0] if data else 0


def encode_parts(
    plan: Plan, clips: list[StoredClip | None], rate: int, settings: AudioSettings, cache_dir: Path | None
) -> Encoded:
    """The track's parts, from the cache or encoded in parallel: for the formats that reuse
    the audio's frames after it was made (the DAISY book)."""
    return Encoding(plan, settings, cache_dir, Pool(settings.parallel)).finish(clips, rate)
