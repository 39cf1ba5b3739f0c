"""pyttsx3's espeak-ng binding, set up from pip alone, one clip per forked child.

Set-up: pyttsx3's espeak driver dlopens ``libespeak-ng.so.1``. The espeakng-loader wheel ships
that library (1.52) and its voice data; loading it first with RTLD_GLOBAL makes the driver's
dlopen find it by soname, and ``ESPEAK_DATA_PATH`` points espeak-ng at the wheel's data.
A system espeak-ng is used when the wheel is absent.

Determinism: espeak-ng carries state from one utterance to the next (pitch flutter index,
wave phase, filter memories), so the same text spoken after different texts gives different
samples, and a cached clip would differ from a fresh one. The process that renders
initialises espeak-ng once, in synchronous mode (which starts no thread, so forking stays
safe), and never speaks itself: each clip is spoken by a child forked from that pristine
state, so its bytes depend only on the text, voice, rate, volume and engine version,
whatever the order or cache state. The samples are the same as a freshly initialised
pyttsx3 engine's (checked clip for clip when this replaced one pyttsx3 engine per child), at
a fraction of the cost: no engine set-up, no event-loop thread, no WAV file per clip.

pyttsx3's engine object (``pyttsx3.init``) is not used: its driver runs espeak-ng in
asynchronous retrieval mode with a thread and 10 ms polling, cancels queued work at the start
of each loop, keeps only the last of several ``save_to_file`` calls, and appends audio to one
bytes buffer (quadratic in the text's length). Its ctypes binding (``pyttsx3.drivers._espeak``)
is used directly: ``Initialize``, ``SetVoiceByName``, ``SetParameter``, ``Synth`` and the
synthesis callback, which hands over the samples and the engine's events.

Word timings: espeak-ng reports where each word starts, in the text and in the samples, to
the synth callback; the child notes them (``Clip.words``), so read-along books can time the
sentences inside a clip from the engine itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import select
import signal
import struct
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from roleexport.errors import ExportError

INSTALL_HINT = (
    "no speech engine: install the espeak-ng library with 'pip install espeakng-loader pyttsx3' "
    "(or the system package espeak-ng)"
)
WAIT_FLOOR_S = 30.0
"""How long a clip may take before it counts as hung (espeak-ng runs ~500x real time)."""
OK, FAILED = 0, 2


Word = tuple[int, int]
"""(character offset in the spoken text, sample offset in the clip) where a word starts."""


@dataclass(frozen=True, slots=True)
class Clip:
    """Mono 16-bit little-endian PCM of one spoken text, and where its words start."""

    pcm: bytes
    sample_rate: int
    words: tuple[Word, ...] = ()

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


def _load_library() -> ctypes.CDLL | None:
    """libespeak-ng from the espeakng-loader wheel, loaded globally; else the system's, or None."""
    try:
        import espeakng_loader

        os.environ.setdefault("ESPEAK_DATA_PATH", str(Path(espeakng_loader.get_data_path()).parent))
        return ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_GLOBAL)
    except (ImportError, OSError, RuntimeError):
        pass
    try:
        return ctypes.CDLL("libespeak-ng.so.1", mode=ctypes.RTLD_GLOBAL)
    except OSError:
        return None


@cache
def prepare() -> str:
    """Load the library and pyttsx3 (never initialise espeak-ng here); the engine's version.

    Raises ExportError naming what to install when no engine can be loaded.
    """
    lib = _load_library()
    if lib is None:
        raise ExportError(INSTALL_HINT)
    try:
        import pyttsx3  # imported once here, so every forked child starts with it
        import pyttsx3.drivers.espeak  # noqa: F401
    except (ImportError, RuntimeError, OSError) as exc:
        raise ExportError(f"{INSTALL_HINT} ({exc})") from exc
    lib.espeak_Info.restype = ctypes.c_char_p
    lib.espeak_Info.argtypes = [ctypes.c_void_p]
    version = lib.espeak_Info(None)
    return f"pyttsx3 {metadata.version('pyttsx3')} espeak-ng {version.decode() if version else 'unknown'}"


@cache
def _initialised() -> int:
    """espeak-ng initialised in this process, in synchronous mode: its sample rate.

    Done once, before the first child is forked, and never followed by speech here, so every
    child starts from the same state."""
    prepare()
    from pyttsx3.drivers import _espeak

    rate = int(_espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS))
    if rate <= 0:
        raise ExportError("speech engine could not be initialised (espeak-ng's Initialize failed)")
    return rate


BUFFER_MS = 1000
"""espeak-ng's synthesis buffer, as pyttsx3's driver asks for it (the samples do not depend on it)."""


_selected: dict[str, str] = {}
"""The voice this (parent) process has loaded for its children: loading a voice reads its
dictionary, a good part of a short clip's cost, and a voice loaded before the fork leaves
exactly the state loading it in the child would (checked byte for byte, also after switching
between languages), since nothing is spoken here."""


def _preload(voice: str) -> None:
    """Load ``voice`` here, before forking, unless it is loaded already."""
    if _selected.get("voice") == voice:
        return
    _selected.clear()
    if _select_voice(voice):
        _selected["voice"] = voice


def _select_voice(voice: str) -> bool:
    """Select a voice by espeak-ng name ("en-us", "gmw/en") or by language tag ("en-gb",
    which espeak-ng names "en"): exact language first, then the language without region."""
    from pyttsx3.drivers import _espeak

    if _espeak.SetVoiceByName(voice.encode()) == 0:
        return True
    voices = [
        (v.identifier.decode("utf-8", "replace").lower(), v.languages[1:].decode("utf-8", "ignore").lower())
        for v in _espeak.ListVoices(None)
        if v.languages
    ]
    wanted = voice.lower()
    for candidate in (wanted, wanted.split("-")[0]):
        match = next((ident for ident, lang in voices if lang == candidate), None)
        if match is not None:
            return bool(_espeak.SetVoiceByName(match.encode()) == 0)
    return False


def _speak(text: str, voice: str, rate: int, volume: float) -> tuple[int, bytes, list[Word]]:
    """(OK, PCM, word starts) or (FAILED, why, []), spoken in this (forked) process.

    espeak-ng's ``text_position`` counts characters from 1; ``sample`` counts from the start
    of the utterance."""
    from pyttsx3.drivers import _espeak

    pieces: list[bytes] = []
    words: list[Word] = []
    ends = (_espeak.EVENT_LIST_TERMINATED, _espeak.EVENT_MSG_TERMINATED)

    def collect(wav: Any, count: int, events: Any) -> int:
        n = 0
        while events[n].type not in ends:
            if events[n].type == _espeak.EVENT_WORD:
                words.append((events[n].text_position - 1, events[n].sample))
            n += 1
        if count > 0:
            pieces.append(ctypes.string_at(wav, count * 2))
        return 0

    callback = _espeak.t_espeak_callback(collect)
    _espeak.SetSynthCallback(callback)
    if _selected.get("voice") != voice and not _select_voice(voice):
        return FAILED, f"espeak-ng has no voice {voice!r} (try a language tag such as en-us or en-gb)".encode(), []
    _espeak.SetParameter(_espeak.RATE, rate, 0)
    _espeak.SetParameter(_espeak.VOLUME, int(round(volume * 100, 2)), 0)
    if _espeak.GetParameter(_espeak.RATE) != rate:
        return FAILED, f"speech engine did not take the rate {rate}".encode(), []
    _espeak.Synth(text.encode("utf-8"), flags=_espeak.ENDPAUSE | _espeak.CHARS_UTF8)
    _espeak.Synchronize()
    return OK, b"".join(pieces), words


def _child(text: str, voice: str, rate: int, volume: float, out: int) -> int:
    """Speak in this (forked) process and send status, sample rate and PCM down ``out``."""
    try:
        status, payload, words = _speak(text, voice, rate, volume)
        if status == OK:
            numbers = [n for word in words for n in word]
            timing = struct.pack(f"<II{len(numbers)}i", _initialised(), len(words), *numbers)
            payload = timing + payload
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, never raised here
        status, payload = FAILED, f"speech engine failed: {type(exc).__name__}: {exc}".encode()
    with os.fdopen(out, "wb") as pipe:
        pipe.write(bytes([status]) + payload)
    return 0


HELD_SIGNALS = {signal.SIGALRM, signal.SIGINT, signal.SIGTERM}
"""Signals whose handlers raise (the ``--timeout`` alarm, Ctrl-C): held while the table of
children changes, so the exception they raise never leaves a child unrecorded or unreaped."""


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """The mask is read first and blocked inside ``try``: a handler that raises between two
    statements then never leaves these signals blocked for good (which would stop every
    later ``--timeout`` from firing)."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, ())  # reads the mask, changes nothing
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)  # a held signal's handler runs now


def _spawn(text: str, voice: str, rate: int, volume: float) -> tuple[int, int, float]:
    """Fork a child that speaks ``text``: (pid, read end of its pipe, deadline)."""
    _preload(voice)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: speak, report, and leave without running the parent's cleanup
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)
        os.close(read_end)
        code = 1
        try:
            code = _child(text, voice, rate, volume, write_end)
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end, time.monotonic() + max(WAIT_FLOOR_S, len(text) / 10) + 10


@dataclass(slots=True)
class _Running:
    """A child at work: which job, its process, when it counts as hung, what it sent so far."""

    job: int
    pid: int
    deadline: float
    chunks: list[bytes]


def _reap(running: dict[int, _Running]) -> None:
    """Kill and reap every child still running (after a failure), closing their pipes."""
    for fd, child in running.items():
        with contextlib.suppress(OSError):
            os.kill(child.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(child.pid, 0)
        os.close(fd)
    running.clear()


def _result(data: bytes) -> Clip | str:
    """A finished child's report: its clip, or why it failed."""
    if not data:
        return "speech engine crashed; no audio written"
    status, payload = data[0], data[1:]
    if status == OK:
        sample_rate, count = struct.unpack("<II", payload[:8])
        numbers = struct.unpack(f"<{2 * count}i", payload[8 : 8 + 8 * count])
        words = tuple(zip(numbers[::2], numbers[1::2], strict=True))
        return Clip(payload[8 + 8 * count :], sample_rate, words)
    return payload.decode(errors="replace")


def render_many(jobs: list[tuple[str, str, int, float]], parallel: int, deliver: Callable[[int, Clip], object]) -> None:
    """Speak each (text, voice, rate, volume) in a child forked from the untouched engine,
    ``parallel`` children at a time, and hand each clip to ``deliver(job index, clip)`` as it arrives (so no more than a
    few clips are ever in memory); ExportError on failure.

    A new child starts as soon as one finishes. Children are
    forked from this (single) thread only, never from a thread pool, so no lock held by
    another thread can be copied into a child. Clips arrive in the order children finish;
    each carries its job's index, so that order never shows in the output.
    """
    _initialised()
    pending = deque(range(len(jobs)))
    running: dict[int, _Running] = {}

    def fill() -> None:
        while pending and len(running) < max(1, parallel):
            job = pending.popleft()
            with _signals_held():
                pid, fd, deadline = _spawn(*jobs[job])
                running[fd] = _Running(job, pid, deadline, [])

    try:
        while pending or running:
            fill()
            wait = min(c.deadline for c in running.values()) - time.monotonic()
            ready, _, _ = select.select(list(running), [], [], max(wait, 0))
            if not ready:
                raise ExportError("speech engine hung; no audio written")
            for fd in ready:
                child = running[fd]
                chunk = os.read(fd, 1 << 20)
                if chunk:
                    child.chunks.append(chunk)
                    continue
                with _signals_held():  # the child has closed its pipe: it is exiting
                    del running[fd]
                    os.close(fd)
                    os.waitpid(child.pid, 0)
                value = _result(b"".join(child.chunks))
                if isinstance(value, Clip):
                    fill()  # the speakers keep going while this clip is checked, stored and encoded
                    deliver(child.job, value)
                else:
                    raise ExportError(value)
    finally:
        with _signals_held():
            _reap(running)
