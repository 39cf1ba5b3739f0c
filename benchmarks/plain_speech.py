"""The plain speech pipeline the audio format is measured against (issue 18): espeak-ng's
command line writes a WAV of a text, then lameenc encodes it to MP3 with the audio format's
settings (mono, 48 kbit/s, 22,050 Hz, LAME quality 7). The benchmark runs the narration split
in two halves as two of these processes at once.

Usage: ``plain_speech.py TEXT_FILE OUT.mp3 VOICE WORDS_PER_MINUTE``
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import wave
from pathlib import Path


def main(argv: list[str]) -> None:
    text, out, voice, rate = Path(argv[0]), Path(argv[1]), argv[2], argv[3]
    import lameenc

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", rate, "-f", str(text), "-w", str(wav)], check=True)
        with wave.open(str(wav), "rb") as sound:
            encoder = lameenc.Encoder()
            encoder.set_channels(1)
            encoder.set_in_sample_rate(sound.getframerate())
            encoder.set_out_sample_rate(22050)
            encoder.set_bit_rate(48)
            encoder.set_quality(7)
            mp3 = bytearray()
            while chunk := sound.readframes(1 << 16):
                mp3 += encoder.encode(chunk)
            mp3 += encoder.flush()
    out.write_bytes(bytes(mp3))


if __name__ == "__main__":
    main(sys.argv[1:])
