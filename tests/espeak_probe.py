"""Run an SSML document through libespeak-ng (the espeakng-loader wheel's copy) in SSML mode.

Run as a separate process (``python -m tests.espeak_probe FILE``), because espeak-ng keeps
one global state per process and the audio exporter initialises it differently. Prints JSON:
the mark names in the order espeak-ng reached them, the number of words it spoke, and the
phonemes it produced, so tests can see what a real engine made of the markup.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
import tempfile
from pathlib import Path

import espeakng_loader

AUDIO_OUTPUT_SYNCHRONOUS = 2
CHARS_UTF8 = 1
SSML = 0x10
EVENT_WORD, EVENT_MARK = 1, 3


class _Id(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _Id),
    ]


def probe(text: bytes, ssml: bool) -> dict[str, object]:
    lib = ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
    libc = ctypes.CDLL(None)
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    data = os.path.dirname(espeakng_loader.get_data_path()).encode()
    if lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0) <= 0:
        raise SystemExit("espeak-ng failed to initialise")
    lib.espeak_SetVoiceByName(b"en-us")
    marks: list[str] = []
    words = [0]
    samples = [0]

    @ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))
    def callback(wav: object, n: int, events: ctypes._Pointer[_Event]) -> int:
        samples[0] += max(n, 0)
        i = 0
        while events[i].type != 0:
            if events[i].type == EVENT_MARK:
                marks.append(events[i].id.name.decode())
            elif events[i].type == EVENT_WORD:
                words[0] += 1
            i += 1
        return 0

    lib.espeak_SetSynthCallback(callback)
    with tempfile.TemporaryDirectory() as tmp:
        trace_path = Path(tmp) / "phonemes.txt"
        trace = libc.fopen(str(trace_path).encode(), b"w")
        lib.espeak_SetPhonemeTrace.argtypes = [ctypes.c_int, ctypes.c_void_p]
        lib.espeak_SetPhonemeTrace(1, trace)
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        status = lib.espeak_Synth(text, len(text) + 1, 0, 0, 0, CHARS_UTF8 | (SSML if ssml else 0), None, None)
        lib.espeak_Synchronize()
        libc.fclose(trace)
        phonemes = trace_path.read_text(encoding="utf-8", errors="replace")
    return {"status": status, "marks": marks, "words": words[0], "samples": samples[0], "phonemes": phonemes}


if __name__ == "__main__":
    mode = sys.argv[1]
    print(json.dumps(probe(Path(sys.argv[2]).read_bytes(), ssml=mode == "ssml")))
