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

The children are a ``Pool``: any task runs in a child of its own and sends bytes back, so the
same pool that speaks the clips also encodes the MP3's parts (``parts``) as they become ready.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import select
import signal
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
    with _signals_held():  # the loaders catch Exception, which would swallow a --timeout alarm
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


def speak_here(text: str, voice: str, rate: int, volume: float) -> Clip:
    """The clip of ``text``, spoken in this process: only ever called in a forked child (see
    the module's note on determinism). ExportError when the engine cannot say it."""
    status, payload, words = _speak(text, voice, rate, volume)
    if status != OK:
        raise ExportError(payload.decode(errors="replace"))
    return Clip(payload, _initialised(), tuple(words))


def _child(work: Callable[[], bytes], out: int) -> int:
    """Run ``work`` in this (forked) process and send its status and bytes down ``out``."""
    try:
        status, payload = OK, work()
    except ExportError as exc:
        status, payload = FAILED, str(exc).encode()
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


@dataclass(slots=True)
class Task:
    """Work for one forked child: ``work`` runs there and returns bytes, which ``deliver``
    gets here. ``before`` runs here just before the fork (to load a voice once for all the
    children); ``seconds`` is how long the child may take before it counts as hung."""

    work: Callable[[], bytes]
    deliver: Callable[[bytes], object]
    seconds: float = WAIT_FLOOR_S
    before: Callable[[], object] | None = None


def _spawn(task: Task) -> tuple[int, int, float]:
    """Fork a child that runs ``task``: (pid, read end of its pipe, deadline)."""
    if task.before is not None:
        task.before()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, report, and leave without running the parent's cleanup
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)
        os.close(read_end)
        code = 1
        try:
            code = _child(task.work, write_end)
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end, time.monotonic() + max(WAIT_FLOOR_S, task.seconds) + 10


@dataclass(slots=True)
class _Running:
    """A child at work: its task, its process, when it counts as hung, what it sent so far."""

    task: Task
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


def _payload(data: bytes) -> bytes:
    """A finished child's bytes; ExportError saying why when it failed."""
    if not data:
        raise ExportError("speech engine crashed; no audio written")
    if data[0] != OK:
        raise ExportError(data[1:].decode(errors="replace"))
    return data[1:]


class Pool:
    """Forked children, ``parallel`` at a time, each running one task; tasks may be added
    while the pool runs (by a ``deliver``), first in line or last.

    A new child starts as soon as one finishes. Children are forked from this (single)
    thread only, never from a thread pool, so no lock held by another thread can be copied
    into a child. Tasks finish in any order; each delivers to its own callback, so that
    order never shows in the output."""

    def __init__(self, parallel: int) -> None:
        self.parallel = max(1, parallel)
        self._pending: deque[Task] = deque()

    def add(self, task: Task, first: bool = False) -> None:
        if first:
            self._pending.appendleft(task)
        else:
            self._pending.append(task)

    def run(self) -> None:
        """Run every task, those added meanwhile too; ExportError on the first failure, after
        which every child still running is killed and reaped."""
        _initialised()
        running: dict[int, _Running] = {}

        def fill() -> None:
            while self._pending and len(running) < self.parallel:
                task = self._pending.popleft()
                with _signals_held():
                    pid, fd, deadline = _spawn(task)
                    running[fd] = _Running(task, pid, deadline, [])

        try:
            while self._pending or running:
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
                    payload = _payload(b"".join(child.chunks))
                    fill()  # the others keep going while this one's result is taken in
                    child.task.deliver(payload)
        finally:
            self._pending.clear()
            with _signals_held():
                _reap(running)


def speech_task(text: str, voice: str, work: Callable[[], bytes], deliver: Callable[[bytes], object]) -> Task:
    """A task whose ``work`` speaks ``text`` (``speak_here``) in ``voice``, loaded here before
    the fork so that no child loads it again; ``deliver`` gets what ``work`` returns."""
    return Task(work, deliver, max(WAIT_FLOOR_S, len(text) / 10), functools.partial(_preload, voice))
