"""Encoding while speaking: each unit's pause and clip go to LAME as soon as every unit before
it has its clip, so the MP3 is done when the last clip arrives instead of being encoded after.

The encoder gets exactly the pieces ``assemble`` writes, in the same order, so the frames are
byte for byte those of encoding after the speech (``tests/test_audio.py`` checks it). Only a
page with clips to speak streams; when every clip is cached, the encoded-track cache decides.
"""

from __future__ import annotations

from roleexport.errors import ExportError
from roleexport.exporters.audio.assemble import END_PAUSE_MS, silence
from roleexport.exporters.audio.clips import StoredClip
from roleexport.exporters.audio.mp3 import Encoder
from roleexport.exporters.audio.settings import AudioSettings
from roleexport.speech.plan import Plan


class InOrderEncoder:
    """Takes clips in any order (``ready``), encodes the units in plan order."""

    def __init__(self, plan: Plan, spoken: list[bool], settings: AudioSettings) -> None:
        self._plan = plan
        self._spoken = spoken
        """Per unit: whether it has a clip (a unit with nothing to say is only its pause)."""
        self._settings = settings
        self._clips: dict[int, StoredClip] = {}
        self._next = 0
        self._first = next((i for i, has_clip in enumerate(spoken) if has_clip), None)
        self._encoder: Encoder | None = None
        self._rate = 0

    @property
    def started(self) -> bool:
        return self._encoder is not None

    def ready(self, unit: int, arrived: StoredClip) -> None:
        """Unit ``unit``'s clip is checked and stored: encode every unit now in order."""
        self._clips[unit] = arrived
        if self._encoder is None:
            if self._first is None or self._first not in self._clips:
                return  # the first clip's sample rate is the encoder's input rate
            self._rate = self._clips[self._first].sample_rate
            self._encoder = Encoder(self._rate, self._settings.sample_rate, self._settings.bitrate)
        units = self._plan.units
        while self._next < len(units):
            clip: StoredClip | None = None
            if self._spoken[self._next]:
                clip = self._clips.pop(self._next, None)
                if clip is None:
                    return
                if clip.sample_rate != self._rate:
                    raise ExportError("speech engine spoke clips at different sample rates; clear the cache folder")
            self._encoder.write(silence(units[self._next].pause_before, self._rate))
            if clip is not None:
                self._encoder.write(clip.pcm)  # read from its file now, and let go once written
            self._next += 1

    def finish(self) -> bytes:
        """The untagged MP3 frames, once every unit has been encoded."""
        if self._encoder is None or self._next < len(self._plan.units):
            raise ExportError("internal error: the track was finished before every clip was encoded")
        self._encoder.write(silence(END_PAUSE_MS, self._rate))
        return self._encoder.finish()
