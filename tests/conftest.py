"""Shared fixtures: the sample source read once per run, and the files the tests read (all inside the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from roleexport.model import Document
from roleexport.reader import read_source

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
FIXTURES = ROOT / "tests" / "fixtures"


def fixture_path(*parts: str) -> Path:
    """A file from tests/fixtures; its absence is a failure with a clear message, never a skip."""
    path = FIXTURES.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"this test needs {path}, which the repository should hold")
    return path


@pytest.fixture(scope="session", autouse=True)
def user_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Builds cache in the user's cache folder (XDG_CACHE_HOME): during tests, a temporary one,
    so a test run never fills or reads the developer's own cache (subprocesses inherit it)."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    os.environ.pop("ROLEEXPORT_CACHE_DIR", None)
    return folder / "roleexport"


@pytest.fixture(scope="session")
def perfusionist_path() -> Path:
    return SOURCES / "perfusionist.md"


@pytest.fixture(scope="session")
def perfusionist(perfusionist_path: Path) -> Document:
    """The perfusionist page's tree, read once per run."""
    return read_source(perfusionist_path)


# CI runs the property tests with a fixed seed, so a landing never depends on luck; runs on a
# developer's machine explore new examples each time (and keep failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
