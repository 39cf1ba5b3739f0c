"""Styles are data: TOML files in ``styles/`` (paper, margins, fonts, sizes, colours, voice).

A style may name a ``base`` style whose tables it extends, so ``large-print.toml`` only says
what differs. Exporters read their own table (``style.section("pdf")``).
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from roleexport.errors import RoleExportError

DEFAULT_STYLE = "default"


class StyleError(RoleExportError):
    """A style that cannot be found or read."""


@dataclass(frozen=True)
class Style:
    """A merged style; ``folder`` is where relative paths in it (fonts, CSS) are resolved."""

    name: str
    data: Mapping[str, Any]
    folder: Path
    digest: str

    def section(self, name: str) -> Mapping[str, Any]:
        """One exporter's table; empty when the style says nothing about that format."""
        value = self.data.get(name, {})
        return value if isinstance(value, Mapping) else {}

    def path(self, relative: str) -> Path:
        """A file named by the style, relative to the styles folder."""
        return (self.folder / relative).resolve()


def styles_folder() -> Path:
    """The styles shipped with roleexport: the repository's ``styles/`` or the installed copy."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "styles", here.parent.parent / "styles"):
        if (candidate / f"{DEFAULT_STYLE}.toml").is_file():
            return candidate
    raise StyleError("cannot find the styles folder (styles/default.toml); reinstall roleexport")


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@cache
def load_style(name: str = DEFAULT_STYLE) -> Style:
    """A style by name (from the styles folder) or by path to a .toml file."""
    path = Path(name)
    if path.suffix != ".toml":
        path = styles_folder() / f"{name}.toml"
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError as exc:
        known = ", ".join(sorted(p.stem for p in styles_folder().glob("*.toml")))
        raise StyleError(f"no style {name!r} (known: {known})", path=path) from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StyleError(f"style is not valid TOML: {exc}", path=path) from exc
    digest = hashlib.sha256(raw)
    base_name = data.pop("base", None)
    if isinstance(base_name, str):
        base = load_style(base_name)
        data = _merge(base.data, data)
        digest.update(base.digest.encode())
    return Style(path.stem, data, path.parent.resolve(), digest.hexdigest())
