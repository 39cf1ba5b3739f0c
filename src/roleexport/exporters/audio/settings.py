"""The ``[audio]`` table of the style, with ``--voice`` and ``--rate`` on top."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from roleexport import voices
from roleexport.diagnostics import warn
from roleexport.errors import ExportError
from roleexport.exporters import ExportOptions

MP3_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)
MP3_KBPS = (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192)
ENGINE_RATE_FACTOR = 1.2
"""espeak-ng's rate is nominal: on these pages (long clinical words, spelled abbreviations)
it speaks about a fifth slower than asked (142 words a minute when asked for 175). It is
asked for 1.2 times the rate, so a listener hears about the words a minute the style says."""


@dataclass(frozen=True, slots=True)
class AudioSettings:
    """Voice, rate (words a minute heard), volume (0-1), MP3 sample rate and bit rate, the
    headings' rate as a fraction of the rate (said slower, so they stand out without SSML
    emphasis, which pyttsx3 cannot pass on), and how many clips are spoken at once (four
    a CPU: the children wait on their pipes while this process encodes, so more than one a CPU
    keeps the CPUs busy; with the synchronous engine, one a CPU spoke the sample page in 2.08 s
    against 2.00 s at four, five pairs on 2 CPUs)."""

    voice: str = "en"
    rate: int = 175
    volume: float = 1.0
    sample_rate: int = 22050
    bitrate: int = 48
    heading_rate: float = 0.85
    parallel: int = 2

    @classmethod
    def resolve(cls, table: Mapping[str, Any], options: ExportOptions, page_lang: str) -> AudioSettings:
        """The command line's values, else the style's, else the page's language as the voice;
        a value out of range is one clear error."""
        d = cls()
        voice = choose_voice(options.voice or table.get("voice") or None, page_lang)
        rate = options.rate or table.get("rate", d.rate)
        volume = table.get("volume", d.volume)
        sample_rate = table.get("sample_rate", d.sample_rate)
        bitrate = table.get("bitrate", d.bitrate)
        heading_rate = table.get("heading_rate", d.heading_rate)
        if not isinstance(rate, int) or not 80 <= rate <= 450:
            raise ExportError(f"[audio] rate must be 80-450 words a minute, not {rate!r}")
        if not isinstance(volume, int | float) or not 0 < volume <= 1:
            raise ExportError(f"[audio] volume must be above 0 and at most 1.0, not {volume!r}")
        if sample_rate not in MP3_RATES:
            raise ExportError(f"[audio] sample_rate must be one of {MP3_RATES}, not {sample_rate!r}")
        if bitrate not in MP3_KBPS:
            raise ExportError(f"[audio] bitrate must be one of {MP3_KBPS} (kbit/s), not {bitrate!r}")
        if not isinstance(heading_rate, int | float) or not 0.5 <= heading_rate <= 1.5:
            raise ExportError(f"[audio] heading_rate must be 0.5-1.5 (of the rate), not {heading_rate!r}")
        try:
            cpus = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            cpus = os.cpu_count() or 1
        return cls(voice, rate, float(volume), sample_rate, bitrate, float(heading_rate), max(1, min(4 * cpus, 16)))

    @property
    def engine_rate(self) -> int:
        """The rate espeak-ng is asked for (see ``ENGINE_RATE_FACTOR``)."""
        return round(self.rate * ENGINE_RATE_FACTOR)


def choose_voice(asked: Any, page_lang: str) -> str:
    """The espeak-ng voice id: the one asked for (an unknown one is an error), else the page's
    language's nearest voice (``fr-CA`` → French), else English with a warning."""
    if asked is not None and (not isinstance(asked, str) or not asked.strip()):
        raise ExportError("[audio] voice must be an espeak-ng voice name such as 'en-us'")
    if not voices.can_check():  # no voice data to look in: the engine reports what it lacks
        return str(asked or page_lang).strip()
    if asked:
        found = voices.find(asked)
        if found is None:
            raise ExportError(
                f"[audio] voice {asked!r} is not an installed espeak-ng voice ('roleexport voices' lists them)"
            )
        return found.id
    found = voices.for_language(page_lang)
    if found is None:
        fallback = voices.for_language(voices.FALLBACK_LANGUAGE)
        warn(
            f"espeak-ng has no voice for the page's language {page_lang!r}; it is read with {fallback.name if fallback else 'the default voice'}"
        )
        return fallback.id if fallback else voices.FALLBACK_LANGUAGE
    return found.id
