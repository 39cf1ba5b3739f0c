"""The audio format's MP3 cut into one file per section, without encoding anything again.

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

import itertools
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
    """A constant-format Layer III stream split into frames."""

    data: bytes
    frames: tuple[Frame, ...]
    sample_rate: int
    samples_per_frame: int
    mpeg1: bool
    side_info: int

    def seconds(self, frames: int) -> float:
        return frames * self.samples_per_frame / self.sample_rate


def parse(data: bytes) -> Stream:
    """Every frame of an untagged MP3 (the encoder's output: Layer III, one format throughout)."""
    frames: list[Frame] = []
    pos, rate, per_frame, mpeg1, side = 0, 0, 0, False, 0
    while pos + 4 <= len(data):
        b1, b2, b3 = data[pos + 1], data[pos + 2], data[pos + 3]
        version, layer = (b1 >> 3) & 3, (b1 >> 1) & 3
        if data[pos] != 0xFF or b1 & 0xE0 != 0xE0 or layer != 1 or version == 1:
            raise ExportError(f"DAISY: the encoded audio is not a Layer III stream (byte {pos})")
        mpeg1 = version == 3
        rate = _RATES[version][(b2 >> 2) & 3]
        kbps = _KBPS[1 if mpeg1 else 2][b2 >> 4]
        per_frame = 1152 if mpeg1 else 576
        length = (144 if mpeg1 else 72) * kbps * 1000 // rate + ((b2 >> 1) & 1)
        mono = b3 >> 6 == 3
        side = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
        start = pos + 4 + (0 if b1 & 1 else 2)
        begin = (data[start] << 1 | data[start + 1] >> 7) if mpeg1 else data[start]
        frames.append(Frame(pos, length, start + side, begin))
        pos += length
    return Stream(data, tuple(frames), rate, per_frame, mpeg1, side)


def _silent(stream: Stream, begin: int, main_data: bytes) -> bytes:
    """A frame that says nothing (no granule has any bits) and carries ``main_data`` for the next."""
    first = stream.data[stream.frames[0].offset : stream.frames[0].offset + 4]
    header = bytes((first[0], first[1] | 1, first[2] & ~2 & 0xFF, first[3]))  # no CRC, no padding
    side = bytearray(stream.side_info)
    if stream.mpeg1:
        side[0], side[1] = begin >> 1, (begin & 1) << 7
    else:
        side[0] = begin
    return header + bytes(side) + main_data


def lead_in(stream: Stream, index: int) -> bytes:
    """The silent frames that let frame ``index`` be the first of a file (none when it needs no reservoir)."""
    needed = stream.frames[index].main_data_begin
    if not needed:
        return b""
    capacity = _plain_length(stream) - 4 - stream.side_info
    tail = bytearray()
    for frame in reversed(stream.frames[:index]):
        tail[:0] = stream.data[frame.data_start : frame.offset + frame.length]
        if len(tail) >= needed:
            break
    if len(tail) < needed:
        raise ExportError("DAISY: the encoded audio's bit reservoir reaches before its first frame")
    count = -(-needed // capacity)
    carried = bytes(count * capacity - needed) + bytes(tail[len(tail) - needed :])
    return b"".join(
        _silent(stream, max(0, needed - (count - j) * capacity), carried[j * capacity : (j + 1) * capacity])
        for j in range(count)
    )


def _plain_length(stream: Stream) -> int:
    """The length of a frame of this stream without the padding byte."""
    frame = stream.frames[0]
    return frame.length - ((stream.data[frame.offset + 2] >> 1) & 1)


@dataclass(frozen=True, slots=True)
class Piece:
    """One cut file: its bytes and how its time relates to the whole stream's."""

    mp3: bytes
    first_frame: int
    lead_frames: int
    frames: int

    def samples(self, stream: Stream) -> int:
        """Its decoded length in samples."""
        return (self.lead_frames + self.frames) * stream.samples_per_frame


def cut(stream: Stream, starts: list[int]) -> list[Piece]:
    """The stream cut before each frame index in ``starts`` (the first must be 0)."""
    bounds = [*starts, len(stream.frames)]
    pieces = []
    for first, end in itertools.pairwise(bounds):
        lead = lead_in(stream, first)
        begin = stream.frames[first].offset if first < len(stream.frames) else len(stream.data)
        stop = stream.frames[end].offset if end < len(stream.frames) else len(stream.data)
        pieces.append(Piece(lead + stream.data[begin:stop], first, len(lead) // _plain_length(stream), end - first))
    return pieces
