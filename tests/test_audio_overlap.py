"""MP3 encoding overlaps speech (``exporters/audio/streaming.py``): the track is encoded while
its clips are still being spoken, and the bytes are those of encoding after the speech."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import miniaudio
import numpy as np
import pytest
from mutagen.id3 import ID3

from roleexport.exporters import ExportOptions, audio
from roleexport.exporters.audio import AudioExporter, clips
from roleexport.exporters.audio.mp3 import Encoder
from roleexport.reader import read_source
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


def build(doc: Any, cache: Path, events: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The audio export, noting in ``events`` each clip as it arrives and each encoder write."""
    speak_clips = clips.render_many

    def render_many(jobs: list[Any], parallel: int, deliver: Callable[[int, Any], object]) -> None:
        def noted(job: int, clip: Any) -> object:
            events.append("clip")
            return deliver(job, clip)

        speak_clips(jobs, parallel, noted)

    write = Encoder.write

    def noted_write(self: Encoder, pcm: bytes) -> None:
        events.append("encode")
        write(self, pcm)

    monkeypatch.setattr(clips, "render_many", render_many)
    monkeypatch.setattr(Encoder, "write", noted_write)
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
    assert "encode" in overlapping[:last_clip], "nothing was encoded before the last clip arrived"

    monkeypatch.setattr(audio, "OVERLAP_ENCODING", False)
    following: list[str] = []
    after = build(doc, tmp_path / "cache-b", following, monkeypatch)
    assert following.count("clip") == clips_heard
    assert "encode" not in following[: len(following) - 1 - following[::-1].index("clip")]
    assert streamed == after  # the MP3 and the chapter list, byte for byte

    # the streamed frames went to the encoded-track cache: a build from the cached clips reuses them
    reused: list[str] = []
    assert build(doc, tmp_path / "cache-a", reused, monkeypatch) == streamed
    assert reused == []  # nothing spoken, nothing encoded

    mp3 = streamed["electrician.mp3"]
    sound = miniaudio.decode(mp3, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
    samples = np.frombuffer(sound.samples, dtype="<i2").astype(np.float64)
    seconds = len(samples) / sound.sample_rate
    assert 15 < seconds < 120, seconds
    assert float(np.sqrt(np.mean(samples**2))) > 300  # speech, not silence
    frames = sorted(ID3(fileobj=io.BytesIO(mp3)).getall("CHAP"), key=lambda chap: chap.start_time)
    assert [str(chap.sub_frames["TIT2"]) for chap in frames] == ["Electrician", "Duties", "Pay", "Is it safe?"]
