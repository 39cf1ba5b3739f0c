"""MP3 encoding overlaps speech (``exporters/audio/parts.py``): each part of the track is
encoded, in the speakers' pool, while the clips of later parts are still being spoken, and
the bytes are those of encoding every part after the speech."""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any

import miniaudio
import numpy as np
import pytest
from mutagen.id3 import ID3

from roleexport.errors import ExportError
from roleexport.exporters import ExportOptions, audio
from roleexport.exporters.audio import AudioExporter, clips, frames, parts
from roleexport.exporters.audio.settings import AudioSettings
from roleexport.reader import read_source
from roleexport.speech.plan import Plan, Settings, build_plan
from roleexport.styles import load_style

PAGE = """---
title: Electrician
category: Trades
lang: en-US
abbreviations:
  NEC: National Electrical Code
  PPE: personal protective equipment
---
# Electrician

Electricians wire homes and plants to the NEC, from 120 V outlets to 480 V three-phase panels.

## Duties

- Read blueprints and plan circuits before 7:30 a.m. starts.
- Wear PPE; test every circuit dead before touching it.
- Log hours at https://example.org/timesheet by Friday.

## Pay

Apprentices earn $18.50 an hour; journeymen about $62,000 a year.

## Is it safe?

Yes, when lockout rules are followed every time.
"""


ORIGINAL = clips._stored, parts.Encoding._start, parts.Encoding._take
"""What ``build`` notes around (taken once, so one build's notes never wrap another's)."""


def build(doc: Any, cache: Path, events: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The audio export, noting in ``events`` each clip as it arrives, each part as its
    encoding starts and as its frames arrive (all in the parent, in the order the pool's
    children finish)."""
    stored, start, take = ORIGINAL

    def noted_clip(record: bytes, keep: object) -> Any:
        events.append("clip")
        return stored(record, keep)

    def noted_start(self: parts.Encoding, k: int, *args: Any) -> None:
        events.append("start")
        start(self, k, *args)

    def noted_part(self: parts.Encoding, k: int, path: Any, data: bytes) -> None:
        events.append("encode")
        take(self, k, path, data)

    monkeypatch.setattr(clips, "_stored", noted_clip)
    monkeypatch.setattr(parts.Encoding, "_take", noted_part)
    monkeypatch.setattr(parts.Encoding, "_start", noted_start)
    return AudioExporter().export(doc, load_style(), ExportOptions(cache_dir=cache))


def test_speech_is_the_same_bytes_whether_encoding_overlaps_it_or_follows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "electrician.md"
    source.write_text(PAGE, encoding="utf-8")
    doc = read_source(source)

    overlapping: list[str] = []
    streamed = build(doc, tmp_path / "cache-a", overlapping, monkeypatch)
    clips_heard = overlapping.count("clip")
    assert clips_heard >= 8
    last_clip = len(overlapping) - 1 - overlapping[::-1].index("clip")
    assert "start" in overlapping[:last_clip], "no part was being encoded before the last clip arrived"
    assert overlapping.count("encode") == overlapping.count("start") == len(parts.parts(plan_of(doc))) >= 4

    monkeypatch.setattr(audio, "OVERLAP_ENCODING", False)
    following: list[str] = []
    after = build(doc, tmp_path / "cache-b", following, monkeypatch)
    assert following.count("clip") == clips_heard
    assert following.count("encode") == overlapping.count("encode")
    assert "start" not in following[: len(following) - 1 - following[::-1].index("clip")]
    assert streamed == after  # the MP3 and the chapter list, byte for byte

    # the streamed frames went to the encoded-track cache: a build from the cached clips reuses them
    reused: list[str] = []
    assert build(doc, tmp_path / "cache-a", reused, monkeypatch) == streamed
    assert "clip" not in reused and "encode" not in reused  # nothing spoken, nothing encoded

    mp3 = streamed["electrician.mp3"]
    sound = miniaudio.decode(mp3, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
    samples = np.frombuffer(sound.samples, dtype="<i2").astype(np.float64)
    seconds = len(samples) / sound.sample_rate
    assert 15 < seconds < 120, seconds
    assert float(np.sqrt(np.mean(samples**2))) > 300  # speech, not silence
    frames = sorted(ID3(fileobj=io.BytesIO(mp3)).getall("CHAP"), key=lambda chap: chap.start_time)
    assert [str(chap.sub_frames["TIT2"]) for chap in frames] == ["Electrician", "Duties", "Pay", "Is it safe?"]


def plan_of(doc: Any) -> Plan:
    return build_plan(doc, Settings.for_page(doc, load_style()))


def test_each_part_is_heard_where_the_timeline_says(tmp_path: Path) -> None:
    """The parts' streams joined: decoded by miniaudio, the first words of every clip are
    found (by cross-correlation with the clip) exactly where ``Encoded.decoded`` puts them, and
    every join is silence,
    which is what the chapters, the DAISY book and its SMIL times are computed with."""
    source = tmp_path / "electrician.md"
    source.write_text(PAGE, encoding="utf-8")
    doc = read_source(source)
    style, options = load_style(), ExportOptions(cache_dir=tmp_path / "cache")
    mp3 = AudioExporter().export(doc, style, options)["electrician.mp3"]
    plan, said, rate = audio.speak(doc, style, options)  # every clip from the cache now
    settings = AudioSettings.resolve(style.section("audio"), options, doc.meta.lang)
    heard = parts.encode_parts(plan, said, rate, settings, options.cache_dir)
    sound = miniaudio.decode(mp3, miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=heard.stream_rate)
    decoded = np.frombuffer(sound.samples, dtype="<i2").astype(np.float64)
    assert len(decoded) == heard.stream_samples
    checked, at = set(), 0
    firsts = {part.first for part in parts.parts(plan)}
    for n, (unit, clip) in enumerate(zip(plan.units, said, strict=True)):
        at += unit.pause_before * rate // 1000
        if clip is not None and clip.samples > 6000:
            expected = round(heard.decoded(at * 1000 / rate))
            probe = np.frombuffer(clip.pcm[: 2 * 4096], dtype="<i2").astype(np.float64)
            window = decoded[expected - 800 : expected + 800 + probe.size]
            scores = np.correlate(window, probe, mode="valid")
            assert int(np.argmax(scores)) - 800 == 0, (unit.block_id, int(np.argmax(scores)) - 800)
            checked.add(max(f for f in firsts if f <= n))
        at += clip.samples if clip is not None else 0
    assert checked == firsts  # a unit of every part
    for start in heard.stream_starts[1:]:  # each join is silent: no click where one stream ends, the next starts
        assert np.abs(decoded[start - 300 : start + frames.ENCODER_DELAY]).max() < 300, start


def test_the_build_writes_the_mp3_part_by_part_from_the_cache(tmp_path: Path) -> None:
    """With a cache folder, the build's process keeps no part's frames: the MP3 is its tag, then
    each part read from the cache as it is written (the 10,000-item page's six-hour MP3 then
    takes 94 MB at most, not 463: ``benchmarks/memory.py``). The file written is ``export``'s bytes."""
    from roleexport.build import BuildRequest, build

    source = tmp_path / "electrician.md"
    source.write_text(PAGE, encoding="utf-8")
    doc = read_source(source)
    options = ExportOptions(cache_dir=tmp_path / "cache")
    given = AudioExporter().export_parts(doc, load_style(), options)["electrician.mp3"]
    assert not isinstance(given, bytes)
    (result,) = build([source], BuildRequest(tmp_path / "out", ("audio",), options=options, force=True))
    assert result.ok, result.failures
    written = (tmp_path / "out" / "electrician" / "electrician.mp3").read_bytes()
    assert written == AudioExporter().export(doc, load_style(), options)["electrician.mp3"] == b"".join(given)
    assert ID3(fileobj=io.BytesIO(written)).getall("CHAP")


def test_a_part_that_fails_while_written_fails_the_audio_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached part that changed between encoding and writing (another build's cache cleaning,
    a full disk) is one line for the audio, no MP3 half-written, and the other formats are built."""
    from roleexport.build import BuildRequest, build

    source = tmp_path / "electrician.md"
    source.write_text(PAGE, encoding="utf-8")
    options = ExportOptions(cache_dir=tmp_path / "cache")

    def changed(self: parts.Encoded) -> Any:
        yield b""
        raise ExportError("an encoded part in the cache folder changed during the build; run again")

    monkeypatch.setattr(parts.Encoded, "parts", changed)
    (result,) = build([source], BuildRequest(tmp_path / "out", ("audio", "narration"), options=options))
    assert result.built == ["narration"]
    assert result.failures == ["audio: an encoded part in the cache folder changed during the build; run again"]
    assert sorted(p.name for p in (tmp_path / "out" / "electrician").iterdir()) == ["electrician.txt"]


@pytest.mark.parametrize("fmt", ["readaloud", "daisy"])
def test_the_spoken_books_are_written_from_the_cache_as_they_go(tmp_path: Path, fmt: str) -> None:
    """The read-along booklet and the DAISY book are zips written into the output file, their
    MP3s read from the cache folder only then (so the 10,000-item page's six hours are never
    held whole): what writes the file gives ``export``'s bytes, and a cached part damaged after
    the export but before the writing is found then, an ExportError, never a damaged book."""
    from roleexport.exporters import get
    from roleexport.output import joined

    source = tmp_path / "electrician.md"
    source.write_text(PAGE, encoding="utf-8")
    doc = read_source(source)
    options = ExportOptions(cache_dir=tmp_path / "cache")
    exporter = get(fmt)
    ((name, writer),) = exporter.export_parts(doc, load_style(), options).items()
    assert callable(writer)
    written = joined(writer)
    assert written == exporter.export(doc, load_style(), options)[name]
    encoded = sorted((tmp_path / "cache" / "encoded").glob("*.mp3"))
    assert len(encoded) >= 4  # the opening and a part for each of the three sections
    for path in encoded:
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
    with pytest.raises(ExportError, match="changed during the build"):
        joined(writer)


def test_cutting_the_parts_is_cutting_the_joined_track(tmp_path: Path) -> None:
    """``Encoded.cut`` (the DAISY book's sections, read part by part) gives the same files, lead-in
    frames and frame counts as cutting the joined frames (``frames.stretch``, whose output decodes
    bit for bit as the whole: ``test_daisy``), wherever the cuts fall: at a part's start, inside
    one, several inside one part, in consecutive frames."""
    from roleexport.exporters.audio import encoded
    from roleexport.exporters.audio.mp3 import Encoder

    rate = 22050
    rng = np.random.default_rng(18)
    datas = []
    for seconds in (1.3, 0.05, 2.1, 0.9):  # the second is under one frame's worth of speech
        t = np.arange(int(seconds * rate)) / rate
        pcm = 6000 * np.sin(2 * np.pi * 220 * t) * (1 + np.sin(2 * np.pi * 3 * t)) + rng.normal(0, 900, t.size)
        encoder = Encoder(rate, rate, 48)
        encoder.write(pcm.astype("<i2").tobytes())
        datas.append(encoder.finish())
    pieces: list[Path | bytes] = []
    for n, data in enumerate(datas):
        path = tmp_path / f"part-{n}.mp3"
        assert encoded.store(path, data)
        pieces.append(path if n % 2 else data)  # cache files and bytes alike
    counts = [frames.samples(d)[0] for d in datas]
    starts = [sum(counts[:n]) for n in range(len(counts))]
    heard = parts.Encoded(tuple(pieces), rate, rate, (0,) * len(datas), tuple(starts), sum(counts))
    joined = frames.parse(b"".join(datas))
    per_frame = joined.samples_per_frame
    boundaries = [s // per_frame for s in starts]
    total = len(joined)
    cuts = [
        [0],
        [0, boundaries[1]],
        [0, boundaries[2] + 7],
        [0, 3, 4, boundaries[2], boundaries[2] + 1, total - 2],
        [0, *sorted(rng.choice(np.arange(1, total), size=9, replace=False).tolist())],
    ]
    for cut in cuts:
        bounds = list(itertools.pairwise([*cut, total]))
        got = heard.cut(cut)
        assert len(got) == len(bounds)
        for (first, end), g in zip(bounds, got, strict=True):
            mp3, lead = frames.stretch(joined, first, end)
            assert (g.first_frame, g.lead_frames, g.frames) == (first, lead, end - first), cut
            assert b"".join(g.data()) == mp3, cut
