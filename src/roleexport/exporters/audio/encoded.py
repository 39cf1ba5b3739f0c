"""The MP3 frames of a sequence of clips and pauses, cached by content.

Encoding is most of the time a page's audio takes once its clips are cached (LAME runs at
about 800x real time; the six hours of a 10,000-item page take half a minute). The frames are
kept under a hash of what shapes them: the clips (their cache keys name their samples), the
pauses, the sample rates, bit rate and encoder. So a build that changes nothing the ear hears
(a stylesheet, the page map) encodes nothing, and a read-along booklet or DAISY book reuses
the parts the audio format encoded (``parts``). The ID3 tag is added after, by the caller,
since titles and chapters do not change the frames.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import lameenc

from roleexport.cacheage import mark_used
from roleexport.exporters.audio.assemble import END_PAUSE_MS, assemble
from roleexport.exporters.audio.clips import StoredClip
from roleexport.exporters.audio.mp3 import QUALITY, Encoder
from roleexport.exporters.audio.settings import AudioSettings
from roleexport.output import write_atomically
from roleexport.speech.plan import Plan

FOLDER = "encoded"
DIGEST_BYTES = 32


def frames_key(
    plan: Plan,
    clips: list[StoredClip | None],
    sample_rate: int,
    settings: AudioSettings,
    closing_ms: int = END_PAUSE_MS,
) -> str:
    """sha256 of everything that shapes the frames; a clip is named by its cache file."""
    heard = [
        [u.pause_before, c.path.name if c is not None else None, c.samples if c is not None else 0]
        for u, c in zip(plan.units, clips, strict=True)
    ]
    fields = [
        getattr(lameenc, "__version__", "lameenc"),
        QUALITY,
        sample_rate,
        settings.sample_rate,
        settings.bitrate,
        closing_ms,
        heard,
    ]
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()


def encode(
    plan: Plan,
    clips: list[StoredClip | None],
    sample_rate: int,
    settings: AudioSettings,
    closing_ms: int = END_PAUSE_MS,
) -> bytes:
    """The untagged MP3 frames of the plan's units, their pauses and the closing pause."""
    encoder = Encoder(sample_rate, settings.sample_rate, settings.bitrate)
    assemble(plan, clips, sample_rate, encoder.write, closing_ms)
    return encoder.finish()


def cache_path(
    plan: Plan,
    clips: list[StoredClip | None],
    sample_rate: int,
    settings: AudioSettings,
    cache_dir: Path,
    closing_ms: int = END_PAUSE_MS,
) -> Path:
    return cache_dir / FOLDER / f"{frames_key(plan, clips, sample_rate, settings, closing_ms)}.mp3"


def cached(path: Path) -> bytes | None:
    """The frames stored at ``path``, if they are there whole (a cached file ends with the
    sha256 of its frames, so a damaged one is encoded again, never published)."""
    data, digest = _read_cached(path)
    if data and hashlib.sha256(data).digest() == digest:
        mark_used(path)
        return data
    return None


def store(path: Path, data: bytes) -> bool:
    """Keep ``data`` at ``path`` with its digest, atomically (parallel builds share the cache);
    False when the cache cannot be written, which only costs the encoding next time."""
    try:
        write_atomically(path.parent, path.name, [data, hashlib.sha256(data).digest()], durable=False)
    except OSError:
        return False
    return True


def _read_cached(path: Path) -> tuple[bytes, bytes]:
    """A cached file's frames and the digest after them, each read once (a 10,000-item page's
    frames are about 100 MB: no copy of them is made)."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size - DIGEST_BYTES
            return (handle.read(size), handle.read()) if size > 0 else (b"", b"")
    except OSError:
        return b"", b""
