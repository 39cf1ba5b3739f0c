"""Settings from a style table: the one helper every exporter's settings dataclass is read with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, fields
from typing import TYPE_CHECKING, Any, TypeVar

from roleexport.styles import StyleError

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def from_table(cls: type[T], table: Mapping[str, Any], section: str) -> T:
    """``cls`` from the keys of the style's ``[section]`` that name its fields; other keys are
    ignored (they belong to other versions), a value of the wrong type is one clear error."""
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in table:
            continue
        value = table[f.name]
        default = f.default if f.default is not MISSING else None
        wanted = type(default) if default is not None else None
        if wanted is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if wanted is tuple and isinstance(value, list):  # TOML arrays are lists; settings are immutable
            value = tuple(value)
        if wanted is not None and type(value) is not wanted:
            raise StyleError(f"[{section}] {f.name} must be a {wanted.__name__}, not {value!r}")
        values[f.name] = value
    return cls(**values)
