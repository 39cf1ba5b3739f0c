"""ReportLab's paragraph module, imported without compiling the one pattern it rarely needs.

``reportlab.platypus.paragraph`` compiles at import a web-address pattern (``uri_pat``) with
IGNORECASE over the range ``\\xa1-\\uffff``, which costs Python's regex compiler 40-60 ms: a
sixth of a one-page ``roleexport pdf``, for a pattern ReportLab uses only to break a long
address in a paragraph whose style sets ``uriWasteReduce`` (ours never do). ``install`` (called
by the ``pdf`` package, which every module that lays out a PDF belongs to) adds an import hook
that, while that one module is executed, hands back an object that compiles this pattern on
first use; every other pattern compiles as before, and the hook removes itself once used. The
pattern, once compiled, is ReportLab's own, so what it matches is unchanged.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import re
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

MODULE = "reportlab.platypus.paragraph"
URI_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
"""How ``uri_pat`` begins (ReportLab 3.6 to 4.x); a pattern that does not is compiled at once."""


class OnFirstUse:
    """A compiled pattern made when an attribute (``match``, ``search`` ...) is first asked for."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)


class _Loader(importlib.abc.Loader):
    def __init__(self, inner: importlib.abc.Loader) -> None:
        self.inner = inner

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        real = re.compile

        def compile_(pattern: Any, flags: int = 0) -> Any:
            if isinstance(pattern, str) and pattern.startswith(URI_PATTERN_START) and flags & re.IGNORECASE:
                return OnFirstUse(pattern, flags)
            return real(pattern, flags)

        re.compile = compile_
        try:
            self.inner.exec_module(module)
        finally:
            re.compile = real


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != MODULE:
            return None
        uninstall()
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _Loader(spec.loader)
        return spec


_FINDER = _Finder()


def install() -> None:
    """Import ReportLab's paragraph module with ``uri_pat`` compiled on first use (when it is
    not imported yet; otherwise nothing to do)."""
    if MODULE not in sys.modules and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall() -> None:
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
