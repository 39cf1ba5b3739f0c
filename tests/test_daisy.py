"""The DAISY 2.02 book, read back as a player reads it (``daisy_checks``), opened by PyPI's
``daisy-dtb`` reader, and compared with the tree and with the audio format's MP3.

Built for the perfusionist page after the audio (so it must encode and speak nothing again),
for a synthetic IT page with every kind of block, and for a page with only a title. A missing
speech engine makes these tests fail, never skip.
"""

from __future__ import annotations

import io
import itertools
import typing
import warnings
from dataclasses import dataclass
from pathlib import Path

import lameenc
import miniaudio
import numpy as np
import pytest
from mutagen.id3 import ID3

from roleexport import walk
from roleexport.build import BuildRequest, build
from roleexport.exporters import PAGE_MAP, ExportOptions, get
from roleexport.exporters.audio import frames
from roleexport.exporters.daisy import DaisyExporter
from roleexport.model import Document
from roleexport.reader import read_source
from roleexport.styles import load_style
from tests.daisy_checks import DaisyBook, check_book

SYNTHETIC = """\
---
title: Network Engineer
slug: network-engineer
category: Information technology
lang: en-GB
updated: 2025-01-15
publisher: Careers Wales Demo
abbreviations:
  VPN: virtual private network
---

# Network Engineer

Network engineers keep a firm's LAN, WAN and VPN links up 24/7, for £38,000–£55,000 a year.

## At a glance

Typical hours
: 37.5 hours a week, on call 1 week in 6

Tools
: Cisco IOS, Wireshark and Python 3.12

## Daily tasks

3. Check the overnight alerts at 08:30.
4. Patch switches in the 2-hour window.
5. Review [the change log](https://example.org/changes).

#### Deep detail

| Link | Speed |
|---|---|
| Core | 10 Gbit/s |

```
ping -c 4 10.0.0.1
```

> Uptime is 99.95% this quarter.

## Letter

::: letter
Dear Hiring Manager,

I have run a 400-seat network since 2019.
:::

## Is on-call work paid?

Yes: an allowance of £25 per night, and time off in lieu.
"""


@dataclass(frozen=True)
class Built:
    path: Path
    doc: Document
    book: DaisyBook
    out: Path
    warnings: tuple[str, ...] = ()


def _build(source: Path, out: Path, cache: Path, formats: tuple[str, ...]) -> list[str]:
    """Build; the warnings."""
    request = BuildRequest(out_dir=out, formats=formats, options=ExportOptions(cache_dir=cache))
    results = list(build([source], request))
    assert all(r.ok for r in results), [r.failures for r in results]
    return [w for r in results for w in r.warnings]


def _cache_files(cache: Path) -> dict[str, set[str]]:
    return {kind: {p.name for p in (cache / kind).glob("*")} for kind in ("speech", "encoded")}


@pytest.fixture(scope="session")
def dtd_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xhtml-dtds")


@pytest.fixture(scope="session")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("daisy-cache")


@pytest.fixture(scope="session")
def after_audio(tmp_path_factory: pytest.TempPathFactory, perfusionist_path: Path, cache: Path) -> dict[str, object]:
    """The audio built first, then the book in the same output folder; the caches before and after."""
    out = tmp_path_factory.mktemp("daisy")
    _build(perfusionist_path, out, cache, ("audio",))
    before = _cache_files(cache)
    _build(perfusionist_path, out, cache, ("daisy",))
    return {"out": out, "before": before, "after": _cache_files(cache)}


@pytest.fixture(scope="session")
def perfusionist_book(after_audio: dict[str, object], perfusionist: Document, dtd_folder: Path) -> Built:
    out = after_audio["out"]
    assert isinstance(out, Path)
    path = out / "perfusionist" / "perfusionist-daisy.zip"
    return Built(path, perfusionist, check_book(path, dtd_folder, perfusionist), out)


@pytest.fixture(scope="session")
def synthetic_book(tmp_path_factory: pytest.TempPathFactory, cache: Path, dtd_folder: Path) -> Built:
    folder = tmp_path_factory.mktemp("daisy-synthetic")
    source = folder / "network-engineer.md"
    source.write_text(SYNTHETIC, encoding="utf-8")
    said = _build(source, folder / "out", cache, ("daisy",))
    doc = read_source(source)
    path = folder / "out" / "network-engineer" / "network-engineer-daisy.zip"
    return Built(path, doc, check_book(path, dtd_folder, doc), folder / "out", tuple(said))


@pytest.fixture(params=["perfusionist", "synthetic"])
def either(request: pytest.FixtureRequest) -> Built:
    built: Built = request.getfixturevalue(f"{request.param}_book")
    return built


def test_the_exporter_declares_what_it_needs(perfusionist: Document) -> None:
    exporter = get("daisy")
    assert isinstance(exporter, DaisyExporter)
    assert exporter.requires == frozenset({PAGE_MAP})
    assert set(exporter.reads) == {"paper", "voice", "rate"}
    assert exporter.outputs(perfusionist) == ["perfusionist-daisy.zip"]


def test_a_player_reads_the_book(either: Built) -> None:
    """``check_book`` ran in the fixture (zip, NCC, DTDs, SMIL, clips); here what it returned."""
    book = either.book
    assert book.meta["dc:title"] == either.doc.meta.title
    assert book.meta["dc:language"] == either.doc.meta.lang
    assert len(book.smils) == 1 + sum(1 for level, _ in walk.outline(either.doc)[1:] if level <= 2)


def test_every_heading_paragraph_item_and_fact_is_synchronised_in_order(either: Built) -> None:
    book = either.book
    root = book.content("content.html")
    order = {e.get("id"): n for n, e in enumerate(root.iter()) if isinstance(e.tag, str) and e.get("id")}
    synced = [p.text_id for p in book.pars]
    assert len(synced) == len(set(synced))
    assert [order[i] for i in synced] == sorted(order[i] for i in synced)
    for heading in walk.headings(either.doc):
        assert heading.id in synced, heading.id


def test_each_clip_has_speech(either: Built) -> None:
    by_audio: dict[str, list[tuple[float, float]]] = {}
    for par in either.book.pars:
        by_audio.setdefault(par.audio, []).append((par.begin_s, par.end_s))
    for audio, clips in by_audio.items():
        samples, rate = either.book.decoded(audio)
        window = int(0.02 * rate)
        for begin, end in clips:
            clip = samples[int(begin * rate) : int(end * rate)]
            loud = clip[: clip.size // window * window].reshape(-1, window)
            assert np.sqrt((loud**2).mean(axis=1)).max() > 500, (audio, begin, end)


def test_nothing_is_spoken_or_encoded_again_after_the_audio(after_audio: dict[str, object]) -> None:
    before, after = after_audio["before"], after_audio["after"]
    assert isinstance(before, dict) and before["speech"] and before["encoded"]
    assert after == before


def test_sections_are_the_audio_cut_in_the_pause_before_each_chapter(perfusionist_book: Built) -> None:
    """Each section's MP3 is the audio format's MP3, sample for sample, after its silent
    lead-in; it starts in silence, and the section's heading (where the audio's ID3 chapter
    starts, plus the encoder's delay, which the book's times include) is heard inside the
    heading's own clip."""
    book = perfusionist_book.book
    whole_data = (perfusionist_book.out / "perfusionist" / "perfusionist.mp3").read_bytes()
    whole = miniaudio.decode(whole_data, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1)
    samples = np.frombuffer(whole.samples, dtype=np.int16)
    rate = whole.sample_rate
    chapters = sorted(ID3(io.BytesIO(whole_data)).getall("CHAP"), key=lambda c: c.start_time)
    names = sorted({p.audio for p in book.pars})
    # the title and lead, then one section per H2, as the audio's chapters (its opening is a
    # chapter of its own, starting at 0): the second section on are compared with their chapters
    assert len(names) == len(chapters)
    skip = 3 * 576  # past the lead-in and the first real frame's overlap
    for name, chapter in zip(names[1:], chapters[1:], strict=True):
        section, _ = book.decoded(name)
        loudness = [np.abs(section[k : k + 4096]).sum() for k in range(0, section.size - 4096, 576)]
        middle = int(np.argmax(loudness)) * 576  # in speech, so it matches once
        probe = section[middle : middle + 4096].astype(np.int16)
        found = [
            k * 576 for k in range(samples.size // 576) if np.array_equal(samples[k * 576 : k * 576 + 4096], probe)
        ]
        assert len(found) == 1, (name, len(found))
        offset = found[0] - middle  # where the file's first sample falls in the whole stream
        assert np.array_equal(section[skip:].astype(np.int16), samples[offset + skip : offset + section.size]), name
        heard = (chapter.start_time / 1000) + frames.ENCODER_DELAY / rate - offset / rate
        heading = next(p for p in book.pars if p.audio == name)
        assert heading.text_id == next(
            h.id
            for h in walk.headings(perfusionist_book.doc)
            if walk.inline_text(h.children) == chapter.sub_frames["TIT2"].text[0]
        )
        assert 0.05 < heard < heading.end_s, (name, heard, heading)
        lead = section[: int((heard - 0.05) * rate)]
        assert np.sqrt(np.mean(lead**2)) < 100, (name, "the cut is not in a pause")


def test_print_pages_follow_the_handout(perfusionist_book: Built, perfusionist: Document) -> None:
    page_map = get("pdf").page_map(perfusionist, load_style(), ExportOptions())  # type: ignore[attr-defined]
    book = perfusionist_book.book
    assert int(book.meta["ncc:pageNormal"]) == len(page_map.pages) > 1
    assert int(book.meta["ncc:maxPageNormal"]) == page_map.pages[-1].page
    assert book.meta["ncc:sourceEdition"] == page_map.edition


def test_daisy_dtb_opens_and_walks_it(either: Built) -> None:
    if not hasattr(typing, "override"):  # daisy-dtb uses Python 3.12's typing.override
        typing.override = lambda f: f  # type: ignore[attr-defined]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import chardet.universaldetector  # noqa: F401  (daisy-dtb reaches it as an attribute)
        from daisy_dtb import DaisyBook, TocNavigator, ZipDtbSource
        from loguru import logger

    logger.remove()
    book = DaisyBook(ZipDtbSource(str(either.path)))
    outline = [(min(level, 6), " ".join(text.split())) for level, text in walk.outline(either.doc)]
    assert book.title == either.doc.meta.title
    assert [(e.level, e.text) for e in book.toc_entries] == outline
    for entry in book.toc_entries:
        sections = entry.smil.sections
        assert sections and all(s._clips for s in sections), entry.text
    navigator = TocNavigator(book.toc_entries, book.navigation_depth)
    for level in range(1, book.navigation_depth + 1):
        navigator.set_nav_level(level)
        seen, item = [], navigator.first()
        while item is not None:
            seen.append(item.text)
            item = navigator.next()
        assert seen == [text for lvl, text in outline if lvl == level], level


def test_two_builds_are_byte_identical(
    tmp_path: Path, perfusionist_path: Path, cache: Path, perfusionist_book: Built
) -> None:
    _build(perfusionist_path, tmp_path, cache, ("daisy",))
    assert (tmp_path / "perfusionist" / "perfusionist-daisy.zip").read_bytes() == perfusionist_book.path.read_bytes()


def test_a_list_not_numbered_from_one_is_warned_about(synthetic_book: Built) -> None:
    """XHTML 1.0 Strict has no ``start``: the list is there, numbered from 1, and said so."""
    root = synthetic_book.book.content("content.html")
    (ol,) = root.iter("{http://www.w3.org/1999/xhtml}ol")
    assert ol.get("start") is None and len(ol) == 3
    assert any("DAISY: a list numbered from 3 is shown numbered from 1" in w for w in synthetic_book.warnings)


def test_a_page_with_only_a_title_is_a_one_section_book(tmp_path: Path, cache: Path, dtd_folder: Path) -> None:
    source = tmp_path / "title-only.md"
    source.write_text("# Only a Title\n", encoding="utf-8")
    _build(source, tmp_path / "out", cache, ("daisy",))
    book = check_book(tmp_path / "out" / "title-only" / "title-only-daisy.zip", dtd_folder, read_source(source))
    assert [(e.level, e.text) for e in book.entries] == [(1, "Only a Title"), (0, "1")]  # and its printed page
    assert len(book.smils) == 1 and len(book.pars) == 1


def test_a_heading_nothing_of_which_is_said_lands_on_what_follows(
    tmp_path: Path, cache: Path, dtd_folder: Path
) -> None:
    """A title of symbols only is not spoken, so it has no clip; the player lands on what is heard next."""
    source = tmp_path / "symbols.md"
    source.write_text('---\ntitle: "→ ★"\n---\n\n## Pay\n\nFrom £30,000.\n', encoding="utf-8")
    _build(source, tmp_path / "out", cache, ("daisy",))
    doc = read_source(source)
    book = check_book(tmp_path / "out" / "symbols" / "symbols-daisy.zip", dtd_folder, doc)
    title = book.entries[0]
    assert title.level == 1 and (title.smil, title.fragment) == (book.pars[0].smil, book.pars[0].par_id)
    assert book.pars[0].text_id == walk.headings(doc)[1].id


def test_a_heading_image_placeholder_is_in_the_page_language(tmp_path: Path, cache: Path, dtd_folder: Path) -> None:
    """The NCC's heading text says an undescribed image in the page's language, as the
    content document does (found by the random-tree test: it said "[Image: no description]"
    on a French page)."""
    source = tmp_path / "image.md"
    source.write_text("---\ntitle: Salaire\nlang: fr\n---\n\n## Tableau ![](chart.png)\n\nDe 30 000 €.\n", "utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the image is not embedded: said once, elsewhere
        _build(source, tmp_path / "out", cache, ("daisy",))
    book = check_book(tmp_path / "out" / "image" / "image-daisy.zip", dtd_folder, read_source(source))
    assert [e.text for e in book.entries if e.level == 2] == ["Tableau [Image sans description]"]


@pytest.mark.parametrize(("rate", "kbps"), [(22050, 48), (44100, 64), (11025, 16)])
def test_a_cut_stream_decodes_as_the_whole_after_its_lead_in(rate: int, kbps: int) -> None:
    """MPEG-2, MPEG-1 and MPEG-2.5: each piece decodes to exactly the whole stream's samples."""
    encoder = lameenc.Encoder()
    encoder.set_channels(1)
    encoder.set_in_sample_rate(rate)
    encoder.set_out_sample_rate(rate)
    encoder.set_bit_rate(kbps)
    encoder.set_quality(7)
    t = np.arange(rate * 4) / rate
    pcm = (8000 * np.sin(2 * np.pi * 440 * t) * (np.sin(2 * np.pi * 0.7 * t) > 0)).astype(np.int16)
    data = bytes(encoder.encode(pcm.tobytes()) + encoder.flush())
    stream = frames.parse(data)
    found = [stream.frame(n) for n in range(len(stream))]
    assert sum(f.length for f in found) == len(data) and found[0].offset == 0
    assert any(f.main_data_begin for f in found)  # the reservoir is used: the cut has work to do

    def decode(mp3: bytes) -> np.ndarray:
        sound = miniaudio.decode(mp3, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=rate)
        return np.frombuffer(sound.samples, dtype=np.int16)

    whole = decode(data)
    starts = [0, len(stream) // 3, len(stream) // 3 + 1, 2 * len(stream) // 3]
    spf = stream.samples_per_frame
    for first, end in itertools.pairwise([*starts, len(stream)]):
        mp3, lead_frames = frames.stretch(stream, first, end)
        got = decode(mp3)
        assert got.size == (lead_frames + end - first) * spf
        lead, begin = lead_frames * spf, first * spf
        assert np.array_equal(got[lead:], whole[begin : begin + (end - first) * spf]), first


def test_the_read_along_booklet_is_cut_where_the_book_is(
    perfusionist_book: Built, perfusionist_path: Path, cache: Path
) -> None:
    """Both books cut the audio format's encoded parts in the pause before a heading: where the
    booklet's content documents are the book's sections (the sample page: one per H2), each
    document's MP3 has the section's very frames, and every synchronised element, sentence by
    sentence, lasts as long in either (to 2 ms, the rounding of two clock formats). The
    booklet is built here from the same cached clips and parts."""
    from tests.test_readaloud import open_book as open_epub
    from tests.test_readaloud import untagged

    _build(perfusionist_path, perfusionist_book.out, cache, ("readaloud",))
    epub = open_epub(perfusionist_book.out / "perfusionist" / "perfusionist-readaloud.epub")
    book = perfusionist_book.book
    booklet_mp3s = [untagged(epub.files[pars[0].audio]) for pars in epub.pars.values()]
    book_mp3s = [untagged(book.files[name]) for name in sorted(n for n in book.files if n.endswith(".mp3"))]
    assert len(book_mp3s) == 8 and booklet_mp3s == book_mp3s
    inner = {p.text_id: p.end_ms - p.begin_ms for pars in epub.pars.values() for p in pars}
    daisy = {p.text_id: (p.end_s - p.begin_s) * 1000 for p in book.pars}
    assert list(daisy) == list(inner), "the same pars in the same order"
    assert sum(i.rpartition("-s")[2].isdigit() for i in inner) > 20  # sentences among them
    for text_id, ms in inner.items():
        assert abs(daisy[text_id] - ms) <= 2, (text_id, daisy[text_id], ms)
