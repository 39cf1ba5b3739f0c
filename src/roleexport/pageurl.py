"""Where a page is published: its front matter's ``url``, else the style's ``[site] page_url`` template.

One answer for every edition that prints the address (the handout's and large print's source line,
the summary's footer box and QR code), so a career centre sets its web address once.
"""

from __future__ import annotations

from dataclasses import replace

from roleexport.model import Document, Metadata
from roleexport.styles import Style, StyleError, check_table


def page_url(meta: Metadata, style: Style) -> str | None:
    """The page's own ``url``, else the style's template with ``{slug}`` filled in, else None."""
    if meta.url:
        return meta.url
    check_table(style, "site")
    template = style.section("site").get("page_url", "")
    if not template:
        return None
    if not template.startswith(("https://", "http://")):
        raise StyleError(
            f"[site] page_url must be an http(s) address template, not {template!r}",
            path=style.folder / f"{style.name}.toml",
        )
    return str(template).replace("{slug}", meta.slug)


def with_page_url(doc: Document, style: Style) -> Document:
    """The tree with ``meta.url`` set to ``page_url``, for the editions that print it."""
    url = page_url(doc.meta, style)
    return doc if url == doc.meta.url else replace(doc, meta=replace(doc.meta, url=url))
