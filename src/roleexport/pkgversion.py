"""A library's version read from its source file, without importing the library: a cache key
must not cost the import that the cache exists to save."""

from __future__ import annotations

import importlib
import importlib.util
import re
from functools import cache
from pathlib import Path


@cache
def installed_version(package: str, file: str, variable: str) -> str:
    """``variable = "x.y"`` in ``file`` of ``package`` ("__init__.py" is the package's own);
    an unusual installation is asked by importing it."""
    spec = importlib.util.find_spec(package)
    origin = Path(spec.origin).parent / file if spec and spec.origin else None
    try:
        text = origin.read_text(encoding="utf-8") if origin else ""
    except OSError:
        text = ""
    found = re.search(rf"""^{re.escape(variable)}\s*=\s*['"]([^'"]+)['"]""", text, re.MULTILINE)
    if found:
        return found.group(1)
    return str(getattr(importlib.import_module(package), variable))
