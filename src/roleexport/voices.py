"""Which espeak-ng voice says what: the installed voices and the choice of one for a name or a language.

espeak-ng quietly speaks with a default voice when asked for one it does not have ("klingon"),
and knows no voice for many regional tags ("fr-CA"), so the choice is made here, from the
voice files themselves (``espeak-ng-data/lang/<family>/<voice>``: a ``name`` line and
``language <tag> [priority]`` lines), and the engine is always given a voice that exists.
Reading the files needs neither the engine nor a process, so ``--voice`` is checked before a
build starts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SYSTEM_DATA = (Path("/usr/lib/x86_64-linux-gnu/espeak-ng-data"), Path("/usr/share/espeak-ng-data"))
DEFAULT_PRIORITY = 5
"""espeak-ng's priority of a ``language`` line without one (lower is preferred)."""
FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Voice:
    """One installed voice: ``id`` as espeak-ng takes it ("roa/fr"), its name, and its languages
    with their priorities, most preferred first."""

    id: str
    name: str
    languages: tuple[tuple[str, int], ...]

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(tag for tag, _ in self.languages)


def data_folder() -> Path | None:
    """The espeak-ng data the audio exporter uses: the espeakng-loader wheel's, else the system's."""
    try:
        import espeakng_loader

        found = Path(espeakng_loader.get_data_path())
        if (found / "lang").is_dir():
            return found
    except (ImportError, OSError, RuntimeError):
        pass
    env = os.environ.get("ESPEAK_DATA_PATH")
    candidates = ([Path(env) / "espeak-ng-data"] if env else []) + list(SYSTEM_DATA)
    return next((c for c in candidates if (c / "lang").is_dir()), None)


def _read_voice(path: Path, root: Path) -> Voice | None:
    name = ""
    languages: list[tuple[str, int]] = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        words = line.split()
        if len(words) >= 2 and words[0] == "name":
            name = " ".join(words[1:])
        elif len(words) >= 2 and words[0] == "language":
            priority = int(words[2]) if len(words) > 2 and words[2].isdigit() else DEFAULT_PRIORITY
            languages.append((words[1].lower(), priority))
    if not languages:
        return None
    ordered = tuple(sorted(languages, key=lambda lp: lp[1]))
    return Voice(path.relative_to(root).as_posix(), name or path.name, ordered)


@cache
def installed() -> tuple[Voice, ...]:
    """Every installed voice, by id; empty when no espeak-ng data is found."""
    folder = data_folder()
    if folder is None:
        return ()
    root = folder / "lang"
    found = (_read_voice(p, root) for p in sorted(root.rglob("*")) if p.is_file())
    return tuple(v for v in found if v is not None)


def _by_language(tag: str) -> Voice | None:
    """The voice that lists ``tag`` with the best priority."""
    ranked = [(p, v.id, v) for v in installed() for t, p in v.languages if t == tag]
    return min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def for_language(tag: str) -> Voice | None:
    """The voice for a BCP 47 tag: the whole tag, then shorter ones ("fr-CA" → "fr"), then the
    nearest voice of that language ("fr-fr" for "fr"); None when no voice speaks the language."""
    subtags = tag.lower().replace("_", "-").split("-")
    for n in range(len(subtags), 0, -1):
        found = _by_language("-".join(subtags[:n]))
        if found is not None:
            return found
    near = sorted((v.id, v) for v in installed() for t in v.tags if t.split("-")[0] == subtags[0])
    return near[0][1] if near else None


def find(requested: str) -> Voice | None:
    """A voice by id ("roa/fr"), file name ("fr-BE"), name ("French (France)") or language tag
    ("fr-CA": only region and script subtags are dropped, so "no-such-voice" is not Norwegian)."""
    wanted = requested.strip().lower().replace("_", "-")
    for voice in installed():
        if wanted in (voice.id.lower(), voice.id.rsplit("/", 1)[-1].lower(), voice.name.lower()):
            return voice
    subtags = wanted.split("-")
    if not wanted or not all(_region_or_script(s) for s in subtags[1:]):
        return _by_language(wanted) if wanted else None
    return for_language(wanted)


def _region_or_script(subtag: str) -> bool:
    return (
        (len(subtag) == 2 and subtag.isalpha())
        or (len(subtag) == 3 and subtag.isdigit())
        or (len(subtag) == 4 and subtag.isalpha())
    )


def can_check() -> bool:
    """Whether voices can be checked at all (espeak-ng's data was found)."""
    return bool(installed())
