"""The exporter protocol and its registry.

An exporter is a function from the content tree (plus a style and options) to named bytes,
as pandoc's writers are; it never reads markdown and never writes its outputs (only its
caches, under ``options.cache_dir``), so the build alone decides where files go and writes
them atomically. What it needs from outside the tree it declares in ``requires`` and the
build hands over in the options. Every exporter, built-in or third-party,
is found through the entry-point group ``roleexport.exporters``: one path, and a duplicate
name is an error. Entry points are loaded lazily, so heavy libraries load only when used; the
list of them is cached on disk (``roleexport.entrypoints``), and ``--help`` and ``list`` describe
the built-ins from a table (``builtin``) without importing them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from roleexport import entrypoints
from roleexport.errors import PluginError

if TYPE_CHECKING:  # not at run time: --help and list need neither the model nor the styles
    from roleexport.model import Document
    from roleexport.pagemap import PageMap
    from roleexport.styles import Style

GROUP = "roleexport.exporters"

PAGE_MAP = "page_map"
"""Requirement: the printed handout's page map, in ``options.page_map`` (the EPUB's page-list)."""
FORMATS = "formats"
"""Requirement: the names of the formats built alongside, in ``options.formats`` (the web page
links to the audio when it is built too)."""


COMMAND_OPTIONS = ("paper", "voice", "rate")
"""The command-line options that reach exporters (as ``ExportOptions`` fields of those names)."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What the command line adds to the style; exporters ignore what they do not use."""

    paper: str | None = None
    voice: str | None = None
    rate: int | None = None
    cache_dir: Path | None = None
    page_map: PageMap | None = None
    formats: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)


@runtime_checkable
class Exporter(Protocol):
    """One output format."""

    name: str
    """Short name used on the command line and in ``--format``."""
    description: str
    """One line for ``roleexport list`` and ``--help``."""
    requires: frozenset[str]
    """What the build must hand over besides the tree: ``PAGE_MAP``, ``FORMATS`` (or nothing)."""
    # Optional: ``reads: tuple[str, ...]``, the ``COMMAND_OPTIONS`` the exporter uses, so its
    # command offers only those (see ``reads_options``). Not a protocol member, so a plug-in
    # written before it still loads; one that does not say is offered them all.
    # Optional too: ``export_parts``, like ``export`` but a file may be an iterable of bytes made
    # as the build writes it (the audio format's MP3, read part by part from the cache folder) or
    # a function that writes it into a seekable file (``output.Writer``: the read-along booklet's
    # and the DAISY book's zips, their MP3s streamed in), so a large file is never held whole;
    # the build prefers it when it is there.

    def outputs(self, doc: Document) -> list[str]:
        """The file names (relative to the page's output folder) that ``export`` returns."""
        ...

    def export(self, doc: Document, style: Style, options: ExportOptions) -> dict[str, bytes]:
        """Render the tree; raise ``ExportError`` for a problem the user can fix."""
        ...


@cache
def _entry_points() -> dict[str, str]:
    """Exporter name -> ``module:attribute``, read once (and cached on disk: ``entrypoints``)."""
    found: dict[str, str] = {}
    for name, value in entrypoints.installed(GROUP):
        if name in found and found[name] != value:
            raise PluginError(f"two exporters are named {name!r}: {found[name]} and {value}; uninstall one")
        found[name] = value
    return found


def names() -> list[str]:
    """Registered exporter names, built-in and third-party alike, in alphabetical order."""
    return sorted(_entry_points())


@cache
def get(name: str) -> Exporter:
    """Load one exporter by name."""
    eps = _entry_points()
    if name not in eps:
        raise PluginError(f"no exporter named {name!r} (known: {', '.join(sorted(eps))})")
    try:
        obj = entrypoints.load(eps[name])
    except Exception as exc:  # a broken plug-in must not take the others down
        raise PluginError(f"exporter {name!r} failed to load from {eps[name]}: {exc}") from exc
    exporter = obj() if isinstance(obj, type) else obj
    if not isinstance(exporter, Exporter):
        missing = [m for m in ("name", "description", "requires", "outputs", "export") if not hasattr(exporter, m)]
        raise PluginError(f"{eps[name]} does not implement the Exporter protocol (no {', '.join(missing)})")
    if exporter.name != name:
        raise PluginError(f"entry point {name!r} loads an exporter that calls itself {exporter.name!r}")
    return exporter


def reads_options(exporter: Exporter) -> tuple[str, ...]:
    """The command-line options an exporter reads (all of them when it does not say)."""
    declared = getattr(exporter, "reads", None)
    if declared is None:
        return COMMAND_OPTIONS
    return tuple(name for name in COMMAND_OPTIONS if name in declared)


def describe(name: str) -> tuple[str, tuple[str, ...]]:
    """An exporter's description and the options it reads, without loading a built-in."""
    from roleexport.exporters.builtin import BUILT_IN

    known = BUILT_IN.get(name)
    if known is not None and _entry_points().get(name) == known.value:
        return known.description, known.reads
    exporter = get(name)
    return exporter.description, reads_options(exporter)


def clear_cache() -> None:
    """Forget loaded entry points (tests install plug-ins at run time)."""
    _entry_points.cache_clear()
    get.cache_clear()
