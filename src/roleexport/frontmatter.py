"""YAML front matter: split it from the body and check every field's type.

A wrong type is a SourceError naming the field and its line, never a guess: a list where
a title belongs would otherwise end up in every output.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any

from roleexport.errors import SourceError
from roleexport.model import Metadata

FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STRING_FIELDS = ("title", "category", "lang", "slug", "summary", "publisher", "url")
WEB_ADDRESS = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")
KNOWN_FIELDS = {*STRING_FIELDS, "updated", "abbreviations"}


@cache
def _loader() -> Any:
    """YAML's safe loader without its timestamp type: ``2025-13-45`` would raise a bare
    ValueError inside the parser, and a date is checked here, with its line, instead.
    Made on first use: YAML is imported only when a source is read."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def is_language_tag(tag: str) -> bool:
    """A well-formed BCP 47 tag (shape only: 'en', 'en-US', 'zh-Hant-TW')."""
    return bool(LANGUAGE_TAG.match(tag)) and len(tag) <= 35


def split(text: str, path: Path) -> tuple[dict[str, Any], dict[str, str], str, int]:
    """(fields, page abbreviations, body, lines before the body) of a decoded source."""
    if not text.strip():
        raise SourceError("the file is empty", path=path)
    if not text.startswith("---"):
        return {}, {}, text, 0
    first_line_end = text.find("\n")
    if first_line_end < 0 or text[:first_line_end].strip() != "---":
        return {}, {}, text, 0
    closing = FENCE.search(text, first_line_end + 1)
    if closing is None:
        raise SourceError("front matter opened with '---' is never closed", path=path, line=1)
    raw = text[first_line_end + 1 : closing.start()]
    body = text[closing.end() :].lstrip("\n")
    offset = text[: len(text) - len(body)].count("\n")
    import yaml

    try:
        data = yaml.load(raw, Loader=_loader())  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SourceError(f"front matter is not valid YAML: {problem}", path=path, line=line) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError("front matter must be a mapping of fields (key: value)", path=path, line=2)
    fields = _check_fields(data, raw, path)
    abbreviations = _check_abbreviations(data.get("abbreviations"), raw, path)
    return fields, abbreviations, body, offset


def _line_of(key: str, raw: str) -> int:
    for number, line in enumerate(raw.splitlines(), start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _check_fields(data: dict[Any, Any], raw: str, path: Path) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if key not in KNOWN_FIELDS:
            raise SourceError(
                f"unknown front-matter field {str(key)!r} (known: {', '.join(sorted(KNOWN_FIELDS))})",
                path=path,
                line=_line_of(str(key), raw),
            )
        if key in STRING_FIELDS and value is not None:
            if not isinstance(value, str):
                raise SourceError(f"'{key}' must be text, not {_kind(value)}", path=path, line=_line_of(key, raw))
            fields[key] = " ".join(value.split())
        elif key == "updated" and value is not None:
            fields[key] = _check_date(value, path, _line_of(key, raw))
    if "lang" in fields and not is_language_tag(fields["lang"]):
        raise SourceError(
            f"'lang' {fields['lang']!r} is not a BCP 47 language tag such as en-US",
            path=path,
            line=_line_of("lang", raw),
        )
    if "url" in fields and not WEB_ADDRESS.match(fields["url"]):
        raise SourceError(
            f"'url' {fields['url'][:60]!r} must be the page's full web address, such as https://careers.example.edu/roles/nurse/",
            path=path,
            line=_line_of("url", raw),
        )
    if "slug" in fields and not SLUG.match(fields["slug"]):
        raise SourceError(
            f"'slug' {fields['slug'][:60]!r} must be lowercase letters, digits and single hyphens",
            path=path,
            line=_line_of("slug", raw),
        )
    return fields


def _check_date(value: Any, path: Path, line: int) -> str:
    text = str(value).strip()
    day = text[:10] if len(text) > 10 and text[10] in "T " else text
    if isinstance(value, str) and len(day) == 10:
        try:
            return dt.date.fromisoformat(day).isoformat()
        except ValueError:
            pass
    raise SourceError(f"updated: {text[:40]} is not a date (YYYY-MM-DD)", path=path, line=line)


def _check_abbreviations(value: Any, raw: str, path: Path) -> dict[str, str]:
    if value is None:
        return {}
    line = _line_of("abbreviations", raw)
    if not isinstance(value, dict):
        raise SourceError(
            f"'abbreviations' must be a mapping such as 'CCP: Certified Clinical Perfusionist', not {_kind(value)}",
            path=path,
            line=line,
        )
    out: dict[str, str] = {}
    for term, expansion in value.items():
        if not isinstance(term, str) or not isinstance(expansion, str) or not term.strip() or not expansion.strip():
            raise SourceError(f"abbreviation {str(term)[:40]!r} needs a text expansion", path=path, line=line)
        out[term.strip()] = " ".join(expansion.split())
    return out


def _kind(value: Any) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def metadata(fields: dict[str, Any], *, title: str, path: Path) -> Metadata:
    """The typed metadata; the slug defaults to the file name, made safe."""
    slug = fields.get("slug") or slug_from_name(path.stem)
    return Metadata(
        title=" ".join(title.split()),
        slug=slug,
        lang=fields.get("lang") or "en",
        category=fields.get("category"),
        updated=fields.get("updated"),
        summary=fields.get("summary"),
        publisher=fields.get("publisher"),
        url=fields.get("url"),
        source_name=path.name,
    )


def slug_from_name(stem: str) -> str:
    """The default slug: the file name, lowercased, other characters turned into hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "page"
