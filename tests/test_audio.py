"""The audio export, heard back: the MP3 decoded (miniaudio) for duration and loudness, its
ID3 chapters read with mutagen, compared with the tree's H2 sections and the spoken script.

A missing speech engine makes these tests fail, never skip: CI must have pyttsx3 and the
espeakng-loader wheel, which ``pip install`` brings.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import replace
from pathlib import Path

import miniaudio
import numpy as np
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from roleexport import walk
from roleexport.build import BuildRequest, SourceResult, export_document
from roleexport.errors import ExportError
from roleexport.exporters import ExportOptions
from roleexport.exporters.audio import AudioExporter, encoded, engine, parts, speak
from roleexport.exporters.audio.assemble import Track, assemble, timeline
from roleexport.exporters.narration import NarrationExporter
from roleexport.model import Document, Paragraph, Text
from roleexport.speech.plan import Plan, Settings, build_plan
from roleexport.styles import load_style

FRAME_S = 0.02


def export(doc: Document, cache: Path | None = None) -> dict[str, bytes]:
    return AudioExporter().export(doc, load_style(), ExportOptions(cache_dir=cache))


@pytest.fixture(scope="session")
def outputs(perfusionist: Document) -> dict[str, bytes]:
    """The page's audio, rendered once with no cache."""
    return export(perfusionist)


@pytest.fixture(scope="session")
def mp3(outputs: dict[str, bytes]) -> bytes:
    return outputs["perfusionist.mp3"]


@pytest.fixture(scope="session")
def decoded(mp3: bytes) -> tuple[np.ndarray, int]:
    sound = miniaudio.decode(mp3, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
    return np.frombuffer(sound.samples, dtype=np.int16).astype(np.float64), sound.sample_rate


@pytest.fixture(scope="session")
def h2(perfusionist: Document) -> list[str]:
    return [text for level, text in walk.outline(perfusionist) if level == 2]


@pytest.fixture(scope="session")
def script_words(perfusionist: Document) -> int:
    script = NarrationExporter().export(perfusionist, load_style(), ExportOptions())["perfusionist.txt"]
    return len(script.decode().split())


def track_of(doc: Document) -> tuple[Plan, Track]:
    plan, clips, sample_rate = speak(doc, load_style(), ExportOptions())
    return plan, timeline(plan, clips, sample_rate)


def frame_rms(samples: np.ndarray, rate: int) -> np.ndarray:
    n = int(FRAME_S * rate)
    frames = samples[: samples.size // n * n].reshape(-1, n)
    return np.sqrt((frames**2).mean(axis=1))


def test_outputs(perfusionist: Document, outputs: dict[str, bytes]) -> None:
    assert sorted(outputs) == sorted(AudioExporter().outputs(perfusionist))
    assert sorted(outputs) == ["perfusionist.chapters.txt", "perfusionist.chapters.vtt", "perfusionist.mp3"]


def test_mp3_is_mono_speech_rate_and_small(mp3: bytes) -> None:
    info = MP3(io.BytesIO(mp3)).info
    style = load_style().section("audio")
    assert info.channels == 1 and info.sample_rate == style["sample_rate"]
    assert info.bitrate == style["bitrate"] * 1000
    assert len(mp3) < info.length * style["bitrate"] * 1000 / 8 * 1.02 + 4096


def test_duration_matches_the_words_at_the_rate(mp3: bytes, decoded: tuple[np.ndarray, int], script_words: int) -> None:
    """Within 25 % of words ÷ rate: a truncated, doubled or silent-padded track fails."""
    rate = load_style().section("audio")["rate"]
    expected = script_words / rate * 60
    length = MP3(io.BytesIO(mp3)).info.length
    samples, sample_rate = decoded
    assert 0.75 * expected <= length <= 1.25 * expected, (length, expected)
    assert abs(samples.size / sample_rate - length) < 1.0


def test_the_track_is_speech_not_silence(decoded: tuple[np.ndarray, int]) -> None:
    samples, rate = decoded
    rms = frame_rms(samples, rate)
    speech = rms[rms > 300]
    assert speech.size > 0.5 * rms.size, "less than half the track has speech in it"
    assert float(np.sqrt((speech**2).mean())) > 1500
    assert np.abs(samples).max() < 32767, "clipped"


def test_the_opening_then_one_chapter_per_h2_titled_with_the_heading(mp3: bytes, h2: list[str]) -> None:
    """The page title and lead are a chapter of their own, so "Role at a glance" starts with the facts."""
    tags = ID3(io.BytesIO(mp3))
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [c.sub_frames["TIT2"].text[0] for c in chapters] == ["Perfusionist", *h2]
    starts = [c.start_time for c in chapters]
    assert starts[0] == 0 and all(a < b for a, b in itertools.pairwise(starts))
    assert [c.end_time for c in chapters[:-1]] == starts[1:]
    length_ms = MP3(io.BytesIO(mp3)).info.length * 1000
    assert abs(chapters[-1].end_time - length_ms) < 1000
    (toc,) = tags.getall("CTOC")
    assert toc.child_element_ids == [c.element_id for c in chapters]
    assert toc.flags & 1 and toc.flags & 2  # top-level, ordered
    assert tags["TIT2"].text == ["Perfusionist"] and tags["TLAN"].text == ["eng"]


def test_each_chapter_starts_with_its_heading_after_a_pause(mp3: bytes, decoded: tuple[np.ndarray, int]) -> None:
    """Just before a chapter's start the track is silent (the pause before the heading),
    right after it there is speech: the chapter points at its heading, not mid-sentence."""
    samples, rate = decoded
    rms = frame_rms(samples, rate)
    for chapter in sorted(ID3(io.BytesIO(mp3)).getall("CHAP"), key=lambda c: c.start_time)[1:]:
        at = int(chapter.start_time / 1000 / FRAME_S)
        assert rms[at - 20 : at - 2].max() < 300, chapter.sub_frames["TIT2"].text
        assert rms[at : at + 40].max() > 1000, chapter.sub_frames["TIT2"].text


def test_chapters_txt_lists_the_same_chapters(outputs: dict[str, bytes], mp3: bytes) -> None:
    lines = outputs["perfusionist.chapters.txt"].decode().splitlines()
    chapters = sorted(ID3(io.BytesIO(mp3)).getall("CHAP"), key=lambda c: c.start_time)
    assert len(lines) == len(chapters)
    for line, chapter in zip(lines, chapters, strict=True):
        m = re.fullmatch(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) (.+)", line)
        assert m, line
        h, mi, s, ms, title = m.groups()
        assert ((int(h) * 60 + int(mi)) * 60 + int(s)) * 1000 + int(ms) == chapter.start_time
        assert title == chapter.sub_frames["TIT2"].text[0]


def test_same_input_same_bytes_with_and_without_the_clip_cache(
    perfusionist: Document, outputs: dict[str, bytes], tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    assert export(perfusionist, cache) == outputs  # filling the cache
    assert export(perfusionist, cache) == outputs  # every clip from the cache


def test_a_cached_track_is_not_encoded_again_unless_damaged(
    perfusionist: Document, outputs: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each part of the track (one a section) is cached on its own: none is encoded again
    while intact; a torn or flipped one is encoded again and stored whole."""
    cache = tmp_path / "cache"
    export(perfusionist, cache)
    stored = sorted((cache / "encoded").iterdir())
    plan = build_plan(perfusionist, Settings.for_page(perfusionist, load_style()))
    assert len(stored) == len(parts.parts(plan)) > 8
    intact = {path: path.read_bytes() for path in stored}
    with monkeypatch.context() as patched:  # a child forked from here would fail the same way
        patched.setattr(encoded, "encode", lambda *args: pytest.fail("a cached part was encoded again"))
        assert export(perfusionist, cache) == outputs
    first, last = stored[0], stored[-1]
    first.write_bytes(intact[first][: len(intact[first]) // 2])  # torn, as by a full disk
    last.write_bytes(intact[last][:-1] + bytes([intact[last][-1] ^ 1]))  # one bit flipped
    assert export(perfusionist, cache) == outputs
    assert {path: path.read_bytes() for path in stored} == intact


def test_editing_one_paragraph_renders_one_clip(perfusionist: Document, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    export(perfusionist, cache)
    before = set((cache / "speech").iterdir())
    index, first = next((i, b) for i, b in enumerate(perfusionist.blocks) if isinstance(b, Paragraph))
    edited = Paragraph(first.id, (Text("One changed sentence about perfusion."),))
    blocks = (*perfusionist.blocks[:index], edited, *perfusionist.blocks[index + 1 :])
    export(replace(perfusionist, blocks=blocks), cache)
    new = set((cache / "speech").iterdir()) - before
    assert sorted(p.suffix for p in new) == [".pcm", ".words"]  # the clip and where its words start
    assert len({p.stem for p in new}) == 1


def test_every_unit_has_its_span_in_order(perfusionist: Document) -> None:
    """Per-block timing for read-along media overlays: one span per unit, in order, non-empty,
    and as long as the samples written."""
    plan, clips, sample_rate = speak(perfusionist, load_style(), ExportOptions())
    track = timeline(plan, clips, sample_rate)
    assert [s.block_id for s in track.spans] == [u.block_id for u in plan.units]
    written: list[int] = []
    assemble(plan, clips, sample_rate, lambda pcm: written.append(len(pcm) // 2))
    assert sum(written) == track.samples  # the timeline is what the encoder is fed
    for a, b in itertools.pairwise(track.spans):
        assert a.start_ms < a.end_ms <= b.start_ms
    heads = {h.id for h in walk.headings(perfusionist)}
    assert heads <= {s.block_id for s in track.spans}


def test_no_engine_is_one_line_and_the_other_formats_still_build(
    perfusionist: Document, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(engine, "_load_library", lambda: None)
    engine.prepare.cache_clear()
    try:
        with pytest.raises(ExportError) as caught:
            export(perfusionist)
        message = str(caught.value)
        assert "\n" not in message and "pip install espeakng-loader pyttsx3" in message
        result = SourceResult(Path("perfusionist.md"))
        export_document(perfusionist, BuildRequest(tmp_path, ("audio", "narration", "ssml")), result)
        assert result.built == ["narration", "ssml"]
        assert len(result.failures) == 1 and result.failures[0].startswith("audio: no speech engine")
    finally:
        engine.prepare.cache_clear()


def test_the_time_limit_stops_speech_and_its_children(perfusionist_path: Path, tmp_path: Path) -> None:
    """--timeout interrupts the exporter while espeak-ng children are speaking: one line,
    no file, and every child killed and reaped (in a one-thread process, as a build worker)."""
    line = _probe("export", str(perfusionist_path), str(tmp_path))
    assert line == (
        "built ['narration']; failures ['audio: stopped after 0.3 s (--timeout); nothing written']; "
        "mp3 []; children left []"
    )


def test_a_time_limit_at_any_instant_leaves_no_speaker_behind() -> None:
    """The alarm can strike during a fork, or between a child's end and its reaping: forty
    limits spread over the first 0.3 s of a run leave no child, running or zombie (before
    the signals were held there, about one in ten did, and the fork's own clean-up
    reported the exception as unraisable), and the signals held meanwhile are never left
    blocked (then no later limit would fire)."""
    assert _probe("instants") == "40 limits, no child left, no signal left blocked"


def _probe(*args: str) -> str:
    """tests/time_limit_probe.py in a fresh one-thread interpreter: its last line of output."""
    import subprocess
    import sys

    probe = Path(__file__).with_name("time_limit_probe.py")
    done = subprocess.run([sys.executable, str(probe), *args], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Exception ignored" not in done.stderr, done.stderr  # an exception raised inside a fork's clean-up
    return done.stdout.strip().splitlines()[-1]


def test_an_unknown_voice_is_one_clear_error(perfusionist: Document) -> None:
    with pytest.raises(ExportError, match="voice 'no-such-voice'"):
        AudioExporter().export(perfusionist, load_style(), ExportOptions(voice="no-such-voice"))


def test_every_kind_of_block_is_spoken(tmp_path: Path) -> None:
    """The EPUB tests' synthetic page: a chapter per H2, speech in each, nothing unspoken."""
    import warnings

    from roleexport.reader import read_text
    from tests.test_epub import SYNTHETIC

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = read_text(SYNTHETIC, Path("night-day-nurse.md"))
    out = export(doc)
    tags = ID3(io.BytesIO(out["night-day-nurse.mp3"]))
    titles = [c.sub_frames["TIT2"].text[0] for c in sorted(tags.getall("CHAP"), key=lambda c: c.start_time)]
    assert titles == [doc.meta.title, *(text for level, text in walk.outline(doc) if level == 2)]
    assert tags["TLAN"].text == ["eng"]
    plan, track = track_of(doc)
    spoken = [s for s, u in zip(track.spans, plan.units, strict=True) if u.sentences]
    assert all(s.end_ms - s.start_ms > 200 for s in spoken)


def test_a_heading_with_nothing_to_say_is_announced_and_is_a_chapter() -> None:
    """A section headed by a symbol that is not spoken ("→") is still a section to the
    listener: announced in the MP3, the script and the SSML (its mark included), and a chapter."""
    from lxml import etree

    from roleexport.exporters.ssml import SsmlExporter
    from roleexport.model import Heading, Metadata

    doc = Document(
        Metadata(title="Arrows", slug="arrows"),
        (),
        (
            Heading("arrows", 1, (Text("Arrows"),)),
            Heading("arrow", 2, (Text("→"),)),
            Paragraph("p-1", (Text("Text here."),)),
            Heading("b", 2, (Text("Bees"),)),
            Paragraph("p-2", (Text("More text."),)),
        ),
    )
    out = export(doc)
    chapters = sorted(ID3(io.BytesIO(out["arrows.mp3"])).getall("CHAP"), key=lambda c: c.start_time)
    assert [c.sub_frames["TIT2"].text[0] for c in chapters] == ["Arrows", "→", "Bees"]
    script = NarrationExporter().export(doc, load_style(), ExportOptions())["arrows.txt"].decode()
    assert script.split("\n\n")[:3] == ["Arrows.", "Section.", "Text here."]
    ssml = etree.fromstring(SsmlExporter().export(doc, load_style(), ExportOptions())["arrows.ssml"])
    marks = [m.get("name") for m in ssml.iter("{http://www.w3.org/2001/10/synthesis}mark")]
    assert marks == [h.id for h in walk.headings(doc)]


def test_cache_entries_unused_for_a_month_go_and_used_ones_stay(tmp_path: Path) -> None:
    """A nightly `roleexport all` must not fill the disk: after a build, speech clips and
    encoded tracks unused for 30 days are removed; what the build used is marked as used."""
    import os
    import time

    from click.testing import CliRunner

    from roleexport.cli import main

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "tiny.md").write_text("# Tiny\n\nOne sentence to say.\n", encoding="utf-8")
    out = tmp_path / "out"
    cache = tmp_path / "cache"
    args = ["all", str(sources), "--out", str(out), "--cache-dir", str(cache), "--format", "audio", "--jobs", "1"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert sorted(p.name for p in out.rglob("*")) == [
        ".roleexport-manifest.json",
        "tiny",
        "tiny.chapters.txt",
        "tiny.chapters.vtt",
        "tiny.mp3",
    ]
    used = sorted(p for folder in ("speech", "encoded") for p in (cache / folder).iterdir())
    assert len(used) >= 3  # the title's clip, the sentence's, the encoded track
    month_ago = time.time() - 40 * 86_400
    for path in used:
        os.utime(path, (month_ago, month_ago))
    stale = cache / "speech" / f"{'0' * 64}-22050.pcm"
    stale.write_bytes(bytes(4410))
    os.utime(stale, (month_ago, month_ago))
    recent = cache / "encoded" / f"{'1' * 64}.mp3"
    recent.write_bytes(b"unused, but only since today")
    before = (out / "tiny" / "tiny.mp3").read_bytes()
    assert CliRunner().invoke(main, [*args, "--force"]).exit_code == 0
    assert not stale.exists() and recent.exists()
    assert sorted(p for folder in ("speech", "encoded") for p in (cache / folder).iterdir()) == sorted([*used, recent])
    assert all(p.stat().st_mtime > month_ago + 86_400 for p in used)  # marked as used: nothing re-rendered
    assert (out / "tiny" / "tiny.mp3").read_bytes() == before


def test_a_silent_clip_is_refused_unless_its_text_is_punctuation_alone(tmp_path: Path) -> None:
    """French espeak-ng says nothing for a lone ":" (English says "colon"): that page still has
    audio, while a word spoken as silence is still an error. Found by the random-tree test."""
    from roleexport.exporters.audio.clips import Clip, check
    from roleexport.model import Heading, Metadata

    silence = Clip(b"\x00\x00" * 22050, 22050)
    check(silence, ": …", 175)
    with pytest.raises(ExportError, match="silence"):
        check(silence, "Section", 175)
    title = Heading(id="h-title", level=1, children=(Text(text=":"),))
    section = Heading(id="h-1", level=2, children=(Text(text="0"),))
    doc = Document(meta=Metadata(title=":", slug="colon", lang="fr"), terms=(), blocks=(title, section))
    files = AudioExporter().export(doc, load_style("default"), ExportOptions(cache_dir=tmp_path))
    sound = miniaudio.decode(files["colon.mp3"], output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
    assert sound.num_frames > sound.sample_rate  # "Section : zéro" is said


def test_ffprobe_lists_the_chapters_in_reading_order(mp3: bytes, h2: list[str], tmp_path: Path) -> None:
    """FFmpeg, and the players built on it, list chapters in the order their CHAP frames are
    stored: the titles and start times must come out in reading order. ffprobe is Debian's
    ``ffmpeg``, which the README's test command installs."""
    import json
    import shutil
    import subprocess

    ffprobe = shutil.which("ffprobe")
    assert ffprobe, "ffprobe not found: install Debian's ffmpeg (the README's test command does)"
    path = tmp_path / "page.mp3"
    path.write_bytes(mp3)
    proc = subprocess.run(
        [ffprobe, "-v", "error", "-show_chapters", "-print_format", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    listed = json.loads(proc.stdout)["chapters"]
    assert [c["tags"]["title"] for c in listed] == ["Perfusionist", *h2]
    starts = [float(c["start_time"]) for c in listed]
    assert starts[0] == 0 and all(a < b for a, b in itertools.pairwise(starts))
    ends = [float(c["end_time"]) for c in listed]
    assert ends[:-1] == starts[1:]


def test_a_clip_cached_without_its_word_timings_is_spoken_again(tmp_path: Path) -> None:
    """Every cached clip has the engine's word timings beside it (the read-along books time
    sentences with them); a clip found without them is spoken again, to the same samples,
    and the timings are the engine's: increasing, inside the clip, the first word at its start."""
    from roleexport.model import Heading, Metadata

    title = Heading(id="h-title", level=1, children=(Text(text="Backups"),))
    body = Paragraph(id="p-1", children=(Text(text="Tapes are checked at night. Restores are tested monthly."),))
    doc = Document(meta=Metadata(title="Backups", slug="backups", lang="en-US"), terms=(), blocks=(title, body))
    first = export(doc, tmp_path)["backups.mp3"]
    speech = tmp_path / "speech"
    timings = sorted(speech.glob("*.words"))
    assert len(timings) == len(list(speech.glob("*.pcm"))) == 2
    samples = {p.name: p.read_bytes() for p in speech.glob("*.pcm")}
    for path in timings:
        words = [tuple(map(int, line.split())) for line in path.read_text(encoding="ascii").splitlines()]
        size = len(samples[path.with_suffix(".pcm").name]) // 2
        assert words[0] == (0, 0) or words[0][1] < 0.2 * 22050, words[0]
        assert [c for c, _ in words] == sorted(c for c, _ in words) and all(0 <= s <= size for _, s in words)
    timings[1].unlink()
    assert export(doc, tmp_path)["backups.mp3"] == first
    assert timings[1].is_file() and {p.name: p.read_bytes() for p in speech.glob("*.pcm")} == samples


def test_sentence_starts_follow_the_word_timings_and_the_quiet() -> None:
    """``audio.sentences`` on made-up samples: after a pause the sentence starts 20 ms before
    its word; in unbroken sound at the quietest moment near it; with no word reported inside
    a sentence, in proportion to its characters."""
    from roleexport.exporters.audio.clips import StoredClip
    from roleexport.exporters.audio.sentences import LEAD_MS, in_clip
    from roleexport.speech.plan import Sentence, Unit, Words, sentence_starts

    rate = 22050
    tone = (8000 * np.sin(np.arange(3 * rate) * 2 * np.pi * 220 / rate)).astype("<i2")
    unit = Unit("p-1", "paragraph", tuple(Sentence((Words(w),)) for w in ("One two.", "Three four.", "Five six.")))
    second, third = sentence_starts(unit)[1:]
    paused = tone.copy()
    paused[rate - 4000 : rate] = 0  # a pause before the second sentence's word at sample 22050
    dipped = tone.copy()
    dipped[2 * rate - 1500 : 2 * rate - 1200] //= 50  # a dip 60 ms before the third's word
    for samples in (paused, dipped):
        words = ((0, 0), (second, rate), (third, 2 * rate))
        clip = StoredClip(Path("unused.pcm"), rate, samples.size, samples.tobytes(), timed=words)
        starts = in_clip(unit, clip)
        assert starts[0] == 0 and starts == sorted(starts)
        if samples is paused:
            assert abs(starts[1] - (rate - LEAD_MS * rate // 1000)) < 60
        else:
            assert 2 * rate - 1500 <= starts[2] <= 2 * rate - 1200
    no_words = StoredClip(Path("unused.pcm"), rate, tone.size, tone.tobytes(), timed=((0, 0),))
    starts = in_clip(unit, no_words)
    assert starts == [0, second * tone.size // len("One two. Three four. Five six."), third * tone.size // 30]
