"""Where builds keep their caches (speech clips, encoded tracks, page maps): never in the output folder.

Whoever copies the output folder to a website must get only deliverables, so the caches live
in the user's cache folder (``$XDG_CACHE_HOME/roleexport``, ``~/.cache/roleexport`` on Linux;
the platform's convention elsewhere, via platformdirs) unless ``--cache-dir`` (or the
``ROLEEXPORT_CACHE_DIR`` environment variable) names another. Every entry is keyed by content,
so one cache serves every project and output folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_VAR = "ROLEEXPORT_CACHE_DIR"


def default_cache_dir() -> Path:
    """The user's cache folder for roleexport (on Linux found as platformdirs finds it, without
    importing it: every command reads its cached entry points from there)."""
    if sys.platform == "linux":  # only the cases every platformdirs 4 agrees on; the rest ask it
        xdg, home = os.environ.get("XDG_CACHE_HOME", ""), os.environ.get("HOME", "")
        if os.path.isabs(xdg):
            return Path(xdg) / "roleexport"
        if not xdg and os.path.isabs(home):
            return Path(home) / ".cache" / "roleexport"
    from platformdirs import user_cache_path

    return user_cache_path("roleexport", appauthor=False)
