"""pyttsx3 on espeak-ng, set up from pip alone, one clip per fresh engine.

Set-up: pyttsx3's espeak driver dlopens ``libespeak-ng.so.1``. The espeakng-loader wheel ships
that library (1.52) and its voice data; loading it first with RTLD_GLOBAL makes the driver's
dlopen find it by soname, and ``ESPEAK_DATA_PATH`` points espeak-ng at the wheel's data.
A system espeak-ng is used when the wheel is absent.

Determinism: espeak-ng carries state from one utterance to the next (pitch flutter index,
wave phase, filter memories), so the same text spoken after different texts gives different
samples, and a cached clip would differ from a fresh one. Each clip is therefore spoken by a
freshly initialised engine in a forked child process (about 40 ms a clip): its bytes depend
only on the text, voice, rate, volume and engine version, whatever order or cache state.

pyttsx3's traps on Linux, and what the child does about them:
- ``runAndWait()`` returns while espeak-ng's thread is still synthesising (the driver runs
  espeak-ng in asynchronous retrieval mode): the child waits for the "finished-utterance"
  event and for ``espeak_Synchronize``.
- at the start of every run loop the driver "stops" espeak-ng if it is busy, cancelling
  queued work, including property changes, and a stop that finds nothing to cancel stays
  pending and cancels the next clip: the child waits for espeak-ng to be idle before every
  loop and applies properties outside loops; a clip the driver cancelled anyway
  (``completed=False``) is thrown away and spoken again by a new child.
- several ``save_to_file`` calls before one ``runAndWait`` keep only the last, and a bare
  ``runAndWait`` renders the last file again: a child makes exactly one.
- errors (an unknown voice) arrive only as "error" events: they are collected and reported.
- the driver appends audio to one bytes buffer (quadratic in the text's length): clips are
  one block (paragraph, list item, heading) long.
- the driver prints "Audio saved to …": swallowed. SSML is read aloud, not interpreted:
  clips are the plan's plain spoken text.

Word timings: espeak-ng reports where each word starts, in the text and in the samples, to
the synth callback; the child wraps the driver's callback to note them (``Clip.words``), so
read-along books can time the sentences inside a clip from the engine itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import select
import signal
import struct
import tempfile
import threading
import time
import wave
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
ATTEMPTS = 3
IDLE_POLLS = 1000
WAIT_FLOOR_S = 30.0
"""How long a clip may take before it counts as hung (espeak-ng runs ~500x real time)."""
OK, CANCELLED, FAILED = 0, 1, 2


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


class _Speaker:
    """The pyttsx3 engine of one child process; speaks one clip."""

    def __init__(self) -> None:
        import pyttsx3

        self._lib = _load_library()
        self._done = threading.Event()
        self._cancelled = False
        self._errors: list[str] = []
        self.words: list[Word] = []
        with contextlib.redirect_stdout(io.StringIO()):
            self._tts: Any = pyttsx3.init("espeak")
            self._note_words()
            self._tts.connect("finished-utterance", self._finished)
            self._tts.connect("error", self._error)
            # The driver's constructor queued voice, rate and volume on espeak-ng's thread; a
            # run loop started before they are done would "stop" it and leave a cancel pending
            # for the next loop. Then an empty loop leaves the driver idle, so later
            # properties apply at once.
            self._idle()
            self._tts.runAndWait()

    def _note_words(self) -> None:
        """Wrap the driver's synth callback: note each word event (espeak-ng's ``text_position``
        counts characters from 1; ``sample`` counts from the start of the utterance)."""
        from pyttsx3.drivers import _espeak

        driver = self._tts.proxy._driver
        heard = driver._onSynth
        ends = (_espeak.EVENT_LIST_TERMINATED, _espeak.EVENT_MSG_TERMINATED)

        def on_synth(wav: Any, samples: int, events: Any) -> int:
            n = 0
            while events[n].type not in ends:
                if events[n].type == _espeak.EVENT_WORD:
                    self.words.append((events[n].text_position - 1, events[n].sample))
                n += 1
            return int(heard(wav, samples, events))

        _espeak.SetSynthCallback(on_synth)

    def _finished(self, completed: bool = True, **_: Any) -> None:
        if completed:
            self._done.set()
        else:
            self._cancelled = True

    def _error(self, exception: BaseException | None = None, **_: Any) -> None:
        self._errors.append(str(exception))
        self._done.set()

    def _idle(self) -> None:
        """Wait until espeak-ng's thread has nothing queued, so the driver's "stop" is a no-op."""
        assert self._lib is not None
        self._lib.espeak_Synchronize()
        for _ in range(IDLE_POLLS):
            if not self._lib.espeak_IsPlaying():
                return
            time.sleep(0.001)

    def _set_voice(self, voice: str) -> bool:
        """Select a voice by espeak-ng name ("en-us", "gmw/en") or by language tag ("en-gb",
        which espeak-ng names "en"): exact language first, then the language without region."""
        self._idle()
        self._errors.clear()
        self._tts.setProperty("voice", voice)
        self._idle()
        if not self._errors:
            return True
        self._errors.clear()
        wanted = voice.lower()
        voices = self._tts.getProperty("voices")
        for candidate in (wanted, wanted.split("-")[0]):
            match = next((v.id for v in voices if candidate in [lang.lower() for lang in v.languages or []]), None)
            if match is not None:
                self._tts.setProperty("voice", match)
                self._idle()
                return not self._errors
        return False

    def speak(self, text: str, voice: str, rate: int, volume: float, path: Path) -> tuple[int, str]:
        """(status, message): OK with the WAV at ``path``, CANCELLED, or FAILED and why."""
        with contextlib.redirect_stdout(io.StringIO()):
            if not self._set_voice(voice):
                return FAILED, f"espeak-ng has no voice {voice!r} (try a language tag such as en-us or en-gb)"
            self._tts.setProperty("rate", rate)
            self._tts.setProperty("volume", volume)
            self._idle()
            if self._errors:
                return FAILED, f"speech engine refused rate {rate} or volume {volume}: {self._errors[0]}"
            if self._tts.getProperty("rate") != rate:
                return FAILED, f"speech engine did not take the rate {rate}"
            self.words.clear()
            self._tts.save_to_file(text, str(path))
            self._tts.runAndWait()
            finished = self._done.wait(timeout=max(WAIT_FLOOR_S, len(text) / 10))
            self._idle()
        if self._errors:
            return FAILED, f"speech engine error: {self._errors[0]}"
        if not finished:
            return FAILED, f"speech engine hung on {text[:40]!r}"
        if self._cancelled or not path.is_file():
            return CANCELLED, ""
        return OK, ""


def _child(text: str, voice: str, rate: int, volume: float, out: int) -> int:
    """Speak in this (forked) process and send status, sample rate and PCM down ``out``."""
    try:
        with tempfile.TemporaryDirectory(prefix="roleexport-clip-") as tmp:
            path = Path(tmp) / "clip.wav"
            speaker = _Speaker()
            status, message = speaker.speak(text, voice, rate, volume, path)
            payload = message.encode()
            if status == OK:
                clip = _read_wav(path)
                words = [n for word in speaker.words for n in word]
                timing = struct.pack(f"<II{len(words)}i", clip.sample_rate, len(words) // 2, *words)
                payload = timing + clip.pcm
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, never raised here
        status, payload = FAILED, f"speech engine failed: {type(exc).__name__}: {exc}".encode()
    with os.fdopen(out, "wb") as pipe:
        pipe.write(bytes([status]) + payload)
    return 0


def _read_wav(path: Path) -> Clip:
    with wave.open(str(path), "rb") as wav:
        if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
            raise ExportError("speech engine wrote an unexpected WAV format")
        return Clip(wav.readframes(wav.getnframes()), wav.getframerate())


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


def _result(data: bytes) -> tuple[int, Clip | str]:
    """A finished child's report: (OK, clip), (CANCELLED, ""), or (FAILED, why)."""
    if not data:
        return FAILED, "speech engine crashed; no audio written"
    status, payload = data[0], data[1:]
    if status == OK:
        sample_rate, count = struct.unpack("<II", payload[:8])
        numbers = struct.unpack(f"<{2 * count}i", payload[8 : 8 + 8 * count])
        words = tuple(zip(numbers[::2], numbers[1::2], strict=True))
        return OK, Clip(payload[8 + 8 * count :], sample_rate, words)
    return status, payload.decode(errors="replace")


def render_many(jobs: list[tuple[str, str, int, float]], parallel: int, deliver: Callable[[int, Clip], object]) -> None:
    """Speak each (text, voice, rate, volume) with a fresh engine, ``parallel`` children at a
    time, and hand each clip to ``deliver(job index, clip)`` as it arrives (so no more than a
    few clips are ever in memory); ExportError on failure.

    A new child starts as soon as one finishes (a child spends much of its time in the
    driver's 10 ms polling sleeps, so several per CPU keep the CPUs busy). Children are
    forked from this (single) thread only, never from a thread pool, so no lock held by
    another thread can be copied into a child. Clips arrive in the order children finish;
    each carries its job's index, so that order never shows in the output.
    """
    prepare()
    tries = [0] * len(jobs)
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
                status, value = _result(b"".join(child.chunks))
                if isinstance(value, Clip):
                    fill()  # the speakers keep going while this clip is checked, stored and encoded
                    deliver(child.job, value)
                elif status == FAILED:
                    raise ExportError(value)
                else:
                    tries[child.job] += 1
                    if tries[child.job] >= ATTEMPTS:
                        raise ExportError(
                            f"speech engine kept cancelling {jobs[child.job][0][:40]!r}; no audio written"
                        )
                    pending.append(child.job)
    finally:
        with _signals_held():
            _reap(running)
