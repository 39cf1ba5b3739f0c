"""Styles are data: TOML files in ``styles/`` (paper, margins, fonts, sizes, colours, voice).

A style may name a ``base`` style whose tables it extends, so ``large-print.toml`` only says
what differs. Exporters read their own table (``style.section("pdf")``).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from roleexport.errors import RoleExportError

DEFAULT_STYLE = "default"
TOML_POSITION = re.compile(r"^(?P<message>.*?) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")


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
        """A file named by the style: beside the style's own file, else the shipped one of that
        name (a career centre's ``centre.toml`` with ``base = "default"`` in its own folder
        still finds ``page.css``); a file found nowhere is named where the style would have it."""
        return resolve(self.folder, relative)


def resolve(folder: Path, relative: str) -> Path:
    """A file a style in ``folder`` names: beside the style, else the one roleexport ships."""
    own = (folder / relative).resolve()
    if own.exists():
        return own
    shipped = (styles_folder() / relative).resolve()
    return shipped if shipped.exists() else own


STYLE_FILE_SUFFIXES = (".css", ".ttf", ".otf", ".ttc", ".woff", ".woff2")
"""What a style's string values name when they name a file (fonts, stylesheets)."""


def _named_files(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value} if value.lower().endswith(STYLE_FILE_SUFFIXES) else set()
    if isinstance(value, Mapping):
        return set().union(*map(_named_files, value.values()))
    if isinstance(value, list | tuple):
        return set().union(*map(_named_files, value))
    return set()


def files_digest(style: Style) -> str:
    """The hash of the style (its TOML and its base's) and of every file it names, found where
    ``Style.path`` finds it: what a build's outputs depend on, read without walking a folder (a
    style kept in a home or temporary folder must not make every build hash that whole folder).
    Read once per process and style, as the style itself is."""
    return _files_digest(style.folder, style.digest, tuple(sorted(_named_files(style.data))))


@cache
def _files_digest(folder: Path, style_digest: str, names: tuple[str, ...]) -> str:
    digest = hashlib.sha256(style_digest.encode())
    for name in names:
        digest.update(name.encode() + b"\0")
        try:
            digest.update(hashlib.sha256(resolve(folder, name).read_bytes()).digest())
        except OSError:
            digest.update(b"missing\0")
    return digest.hexdigest()


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
    by_name = path.suffix != ".toml"
    if by_name:
        path = styles_folder() / f"{name}.toml"
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError as exc:
        if by_name:
            raise StyleError(
                f"no style {name!r} (styles: {', '.join(known_styles())}; or give a path to a .toml file)"
            ) from exc
        raise StyleError("style file not found", path=path) from exc
    except OSError as exc:
        raise StyleError(f"cannot read the style: {exc.strerror or exc}", path=path) from exc
    except UnicodeDecodeError as exc:
        raise StyleError("style is not UTF-8 text", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        found = TOML_POSITION.match(str(exc))
        if found is None:
            raise StyleError(f"style is not valid TOML: {exc}", path=path) from exc
        where = f"{path}:{found['line']}:{found['column']}"
        raise StyleError(f"{where}: style is not valid TOML: {found['message']}") from exc
    digest = hashlib.sha256(raw)
    base_name = data.pop("base", None)
    if isinstance(base_name, str):
        base = load_style(base_name)
        data = _merge(base.data, data)
        digest.update(base.digest.encode())
    elif base_name is not None:
        raise StyleError(f"'base' must be the name of a style, not {base_name!r}", path=path)
    return Style(path.stem, data, path.parent.resolve(), digest.hexdigest())


def known_styles() -> list[str]:
    """The names of the shipped styles."""
    return sorted(p.stem for p in styles_folder().glob("*.toml"))


def check_style(style: Style, other_tables: Collection[str] = ()) -> None:
    """Refuse a table or key the default style does not have, or a value of another type.

    The shipped ``default.toml`` names every table and key (with its default value), so it is
    the schema: a misspelt key would otherwise be ignored silently. ``other_tables`` (plug-in
    exporters' names) are passed through unchecked; ``[pdf.large_print]`` takes ``[pdf]``'s keys.
    """
    schema = _schema(style)
    for table, value in style.data.items():
        if table in other_tables and table not in schema:
            continue
        _check_entry(table, value, schema, _file(style), "")


def check_table(style: Style, table: str) -> None:
    """``check_style`` for one table: an exporter checks its own when it is called without the CLI."""
    if table in style.data:
        _check_entry(table, style.data[table], _schema(style), _file(style), "")


def _file(style: Style) -> Path:
    return style.folder / f"{style.name}.toml"


def _schema(style: Style) -> dict[str, Any]:
    """The default style's tables and keys, with the keys that depend on the style itself:
    ``[pdf.large_print]`` takes ``[pdf]``'s, and ``[summary.items]`` is keyed by the style's own
    ``sections`` (or is one number for every section)."""
    schema = {**load_style(DEFAULT_STYLE).data, **_label_schema()}
    pdf = schema.get("pdf")
    if isinstance(pdf, Mapping) and isinstance(pdf.get("large_print"), Mapping):
        schema["pdf"] = {**pdf, "large_print": {**pdf, **pdf["large_print"]}}
    summary, chosen = schema.get("summary"), style.section("summary")
    if isinstance(summary, Mapping):
        sections = chosen.get("sections", summary.get("sections"))
        terms = [s.strip().lower() for s in sections if isinstance(s, str)] if isinstance(sections, list) else []
        named = summary.get("items")
        keys = ["default", *terms, *(named if isinstance(named, Mapping) else ())]
        items: Any = 0 if isinstance(chosen.get("items"), int) else dict.fromkeys(keys, 0)
        schema["summary"] = {**summary, "items": items}
    return schema


def _label_schema() -> dict[str, Any]:
    """The generated words a style may override: ``[labels]`` (and ``[labels.<language>]``) by
    catalogue key, and the labels older styles set in ``[speech]`` and ``[epub]``."""
    from roleexport.i18n import LEGACY, catalogue, languages

    base = load_style(DEFAULT_STYLE).data
    messages = {key: "" for key in catalogue("en").messages}
    tables: dict[str, Any] = {"labels": {**messages, **{lang: messages for lang in languages()}}}
    for table, key in LEGACY:
        tables.setdefault(table, dict(base.get(table, {})))[key] = ""
    return tables


def _check_entry(key: str, value: Any, schema: Mapping[str, Any], where: Path, table: str) -> None:
    inside = f"[{table}] " if table else ""
    if key not in schema:
        close = difflib.get_close_matches(key, [str(k) for k in schema], n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(sorted(map(str, schema)))}"
        kind = "key" if table else "table"
        raise StyleError(f"{inside}unknown {kind} {key!r} ({hint})", path=where)
    wanted = schema[key]
    if isinstance(wanted, Mapping):
        if not isinstance(value, Mapping):
            raise StyleError(f"{inside}{key} must be a table ([{_join(table, key)}]), not {value!r}", path=where)
        for inner, inner_value in value.items():
            _check_entry(inner, inner_value, wanted, where, _join(table, key))
    elif not _same_kind(value, wanted):
        raise StyleError(f"[{table}] {key} must be {_kind(wanted)}, not {value!r}", path=where)


def _join(table: str, key: str) -> str:
    return f"{table}.{key}" if table else key


def _same_kind(value: Any, wanted: Any) -> bool:
    if isinstance(wanted, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(wanted, bool)
    if isinstance(wanted, float):
        return isinstance(value, int | float)
    if isinstance(wanted, list):
        return isinstance(value, list) and (not wanted or all(_same_kind(v, wanted[0]) for v in value))
    return isinstance(value, type(wanted))


def _kind(wanted: Any) -> str:
    if isinstance(wanted, bool):
        return "true or false"
    if isinstance(wanted, int | float):
        return "a number" if isinstance(wanted, float) else "a whole number"
    if isinstance(wanted, list):
        return f"a list of {_kind(wanted[0]).removeprefix('a ')}s" if wanted else "a list"
    return "a string" if isinstance(wanted, str) else type(wanted).__name__
