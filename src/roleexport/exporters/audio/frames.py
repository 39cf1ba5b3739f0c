"""Layer III frames: counted (where each encoded part of the track starts) and cut (the
audio format's MP3 into one file per section, for the DAISY book, without encoding again).

A DAISY book has one audio file per section, and the page's frames are already encoded
(and cached) by the audio format, so they are cut at frame boundaries rather than encoded
a second time. Layer III frames are not independent: a frame's data may start up to
``main_data_begin`` bytes back, in the frames before it (the bit reservoir). So each cut
file starts with one or two silent frames made here, whose unused data area carries exactly
those bytes; every decoder then rebuilds the first real frame as it would in the whole
stream (bit for bit, miniaudio shows), and no frame is dropped. Cuts are made in the pause
before a section's heading, so the silent lead-in is part of a pause.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from roleexport.errors import ExportError

ENCODER_DELAY = 576 + 529
"""Samples LAME's encoder and a decoder add before the first sample of the input is heard."""

_KBPS = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


@dataclass(frozen=True, slots=True)
class Frame:
    """One Layer III frame of a stream: where it is and what the bit reservoir needs of it."""

    offset: int
    length: int
    data_start: int
    """Where its main data starts (after the header, CRC and side information)."""
    main_data_begin: int
    """How many bytes of main data before this frame its own data starts with."""


@dataclass(frozen=True, slots=True)
class Stream:
    """A constant-format Layer III stream: where each frame starts, and the format they share."""

    data: bytes
    offsets: tuple[int, ...]
    """Each frame's first byte, and the stream's length after the last."""
    sample_rate: int
    samples_per_frame: int
    mpeg1: bool
    side_info: int
    crc: bool

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def frame(self, index: int) -> Frame:
        offset = self.offsets[index]
        start = offset + 4 + (2 if self.crc else 0)
        d = self.data
        begin = (d[start] << 1 | d[start + 1] >> 7) if self.mpeg1 else d[start]
        return Frame(offset, self.offsets[index + 1] - offset, start + self.side_info, begin)


@dataclass(frozen=True, slots=True)
class Format:
    """What the first frame's header says of every frame of the stream."""

    sample_rate: int
    samples_per_frame: int
    mpeg1: bool
    side_info: int
    crc: bool
    plain: int
    """A frame's length without the padding byte."""


def _format(data: bytes) -> Format:
    if len(data) < 4:
        raise ExportError("the encoded audio has no frames")
    b1, b2, b3 = data[1], data[2], data[3]
    version, layer = (b1 >> 3) & 3, (b1 >> 1) & 3
    if data[0] != 0xFF or b1 & 0xE0 != 0xE0 or layer != 1 or version == 1 or b2 >> 4 in (0, 15) or (b2 >> 2) & 3 == 3:
        raise ExportError("the encoded audio is not a Layer III stream")
    mpeg1 = version == 3
    rate = _RATES[version][(b2 >> 2) & 3]
    plain = (144 if mpeg1 else 72) * _KBPS[1 if mpeg1 else 2][b2 >> 4] * 1000 // rate
    mono = b3 >> 6 == 3
    side = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    return Format(rate, 1152 if mpeg1 else 576, mpeg1, side, not b1 & 1, plain)


def _starts(data: bytes, form: Format) -> Iterator[int]:
    """Where each frame starts, checking that every header is the first's."""
    head, same = data[:2], data[2] & 0xFC
    pos, end = 0, len(data)
    while pos + 4 <= end:
        flags = data[pos + 2]
        if data[pos : pos + 2] != head or flags & 0xFC != same:
            raise ExportError(f"the encoded audio changes format or loses sync at byte {pos}")
        yield pos
        pos += form.plain + ((flags >> 1) & 1)


def samples(data: bytes) -> tuple[int, int]:
    """(samples a decoder gives for this untagged stream, its sample rate), read from the
    frame headers alone (no offsets kept: a six-hour track has over a million frames)."""
    form = _format(data)
    return sum(1 for _ in _starts(data, form)) * form.samples_per_frame, form.sample_rate


def parse(data: bytes) -> Stream:
    """Every frame of an untagged MP3 (the encoder's output: Layer III, one format throughout)."""
    form = _format(data)
    offsets = list(_starts(data, form))
    offsets.append(min(offsets[-1] + form.plain + ((data[offsets[-1] + 2] >> 1) & 1), len(data)))
    return Stream(data, tuple(offsets), form.sample_rate, form.samples_per_frame, form.mpeg1, form.side_info, form.crc)


def _silent(stream: Stream, begin: int, main_data: bytes) -> bytes:
    """A frame that says nothing (no granule has any bits) and carries ``main_data`` for the next."""
    first = stream.data[:4]
    header = bytes((first[0], first[1] | 1, first[2] & ~2 & 0xFF, first[3]))  # no CRC, no padding
    side = bytearray(stream.side_info)
    if stream.mpeg1:
        side[0], side[1] = begin >> 1, (begin & 1) << 7
    else:
        side[0] = begin
    return header + bytes(side) + main_data


def lead_in(stream: Stream, index: int) -> bytes:
    """The silent frames that let frame ``index`` be the first of a file (none when it needs no reservoir)."""
    needed = stream.frame(index).main_data_begin if index < len(stream) else 0
    if not needed:
        return b""
    capacity = _plain_length(stream) - 4 - stream.side_info
    tail = bytearray()
    for before in range(index - 1, -1, -1):
        frame = stream.frame(before)
        tail[:0] = stream.data[frame.data_start : frame.offset + frame.length]
        if len(tail) >= needed:
            break
    if len(tail) < needed:
        raise ExportError("the encoded audio's bit reservoir reaches before its first frame")
    count = -(-needed // capacity)
    carried = bytes(count * capacity - needed) + bytes(tail[len(tail) - needed :])
    return b"".join(
        _silent(stream, max(0, needed - (count - j) * capacity), carried[j * capacity : (j + 1) * capacity])
        for j in range(count)
    )


def _plain_length(stream: Stream) -> int:
    """The length of a frame of this stream without the padding byte."""
    return stream.offsets[1] - stream.offsets[0] - ((stream.data[2] >> 1) & 1)


def stretch(stream: Stream, first: int, end: int) -> tuple[bytes, int]:
    """Frames ``first`` to ``end`` (not included) as a file of their own, and how many silent
    frames lead them in."""
    lead = lead_in(stream, first)
    return lead + stream.data[stream.offsets[first] : stream.offsets[end]], len(lead) // _plain_length(stream)


def samples_per_frame(sample_rate: int) -> int:
    """Samples in a Layer III frame at this sample rate (MPEG-1 rates have 1152, MPEG-2 and 2.5 576)."""
    return 1152 if sample_rate in _RATES[3] else 576
