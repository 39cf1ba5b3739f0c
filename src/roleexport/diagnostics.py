"""Warnings about a source or an output: the build goes on, the user is told where and why."""

from __future__ import annotations

import warnings
from pathlib import Path


class RoleExportWarning(UserWarning):
    """Something a format could not express, or a source that was read with a guess."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def warn(message: str, *, path: Path | None = None, line: int | None = None) -> None:
    """Issue a RoleExportWarning; the build collects these per source and prints them."""
    warnings.warn(RoleExportWarning(message, path, line), stacklevel=2)
