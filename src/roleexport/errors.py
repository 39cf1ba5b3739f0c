"""The project's exception types: one base class, so callers catch exactly ours."""

from __future__ import annotations

from pathlib import Path


class RoleExportError(Exception):
    """A problem the user can fix, reported as one line: file, line where known, what is wrong."""

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class SourceError(RoleExportError):
    """A source that cannot be read: missing, not UTF-8, bad front matter, no title."""


class ExportError(RoleExportError):
    """An exporter could not write its output (missing engine, font, unwritable folder)."""


class PluginError(RoleExportError):
    """The exporter registry is inconsistent (a duplicate name, an entry point that fails to load)."""
