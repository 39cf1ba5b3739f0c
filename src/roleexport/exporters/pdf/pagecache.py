"""The handout's page map kept in the build's cache folder (``options.cache_dir``).

An EPUB built after the PDF into the same output folder, or rebuilt on its own, then needs no
layout of the handout (which is most of a cold ``roleexport epub``: importing ReportLab and
laying the pages out). Beside it, the remedies each edition's layout settled on (``layout.Plan``),
so a later PDF build of the same page lays each edition out once instead of trying them again. The key hashes everything the layout depends on: the tree, the style
(its digest, every file of its folder and of the shipped styles, fonts included), the paper,
roleexport's code and ReportLab's version. One file per page slug, so the folder stays small.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from roleexport.exporters.pdf.remedies import Break, Plan
from roleexport.manifest import code_digest
from roleexport.model import Document
from roleexport.output import write_atomically
from roleexport.pagemap import PageMap, PageStart
from roleexport.pkgversion import installed_version
from roleexport.styles import Style, files_digest
from roleexport.walk import to_data

FOLDER = "pagemap"


def key(doc: Document, style: Style, paper: str | None) -> str:
    """The hash of what the regular handout's layout depends on."""
    digest = hashlib.sha256()
    tree = json.dumps(to_data(doc), ensure_ascii=False, sort_keys=True, default=str)
    for part in (
        tree,
        files_digest(style),
        str(paper),
        code_digest(),
        reportlab_version(),
    ):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def reportlab_version() -> str:
    """ReportLab's version, without importing it: a cached page map must not cost ReportLab's
    import, which is what the cache saves."""
    return installed_version("reportlab", "__init__.py", "Version")


def _read(cache_dir: Path | None, doc: Document, key: str) -> dict[str, Any] | None:
    if cache_dir is None:
        return None
    try:
        data = json.loads((cache_dir / FOLDER / f"{doc.meta.slug}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("key") == key else None


def load(cache_dir: Path | None, doc: Document, key: str) -> PageMap | None:
    """The cached page map of this page, if it was made from the same inputs."""
    data = _read(cache_dir, doc, key)
    if data is None:
        return None
    try:
        return PageMap(str(data["edition"]), tuple(PageStart(int(p), str(b), int(o)) for p, b, o in data["pages"]))
    except (KeyError, TypeError, ValueError):  # none yet, or damaged: lay the pages out
        return None


def plans(cache_dir: Path | None, doc: Document, key: str) -> dict[str, Plan]:
    """The layout plans (``layout.Plan``) the editions of this page settled on when it was laid
    out from the same inputs, by edition (``regular``, ``large``); none when unknown."""
    found: dict[str, Plan] = {}
    for edition, plan in ((_read(cache_dir, doc, key) or {}).get("plans") or {}).items():
        try:
            tightened, moved = plan
            found[str(edition)] = (bool(tightened), None if moved is None else _break(moved))
        except (TypeError, ValueError, IndexError):
            continue
    return found


def _break(value: list[object]) -> Break:
    """A stored ``layout.Break``: [at, group, keep], group and keep possibly null."""
    at, group, keep = value
    return Break(int(str(at)), None if group is None else int(str(group)), None if keep is None else float(str(keep)))


_STORED: set[tuple[Path, str, str, bool]] = set()
"""What this process already wrote (a batch's EPUB and PDF of a page make one page map)."""


def store(
    cache_dir: Path | None, doc: Document, key: str, page_map: PageMap, plans: dict[str, Plan] | None = None
) -> None:
    """Keep the page map (and the editions' layout plans, when known) for later builds; a cache
    that cannot be written is only slower."""
    if cache_dir is None or (cache_dir, doc.meta.slug, key, plans is not None) in _STORED:
        return
    data: dict[str, Any] = {
        "key": key,
        "edition": page_map.edition,
        "pages": [[p.page, p.block_id, p.offset] for p in page_map.pages],
    }
    if plans is not None:
        data["plans"] = {edition: [tightened, moved] for edition, (tightened, moved) in plans.items()}
    if _read(cache_dir, doc, key) == json.loads(json.dumps(data)):  # an earlier build stored just this
        _STORED.add((cache_dir, doc.meta.slug, key, plans is not None))
        return
    try:
        write_atomically(
            cache_dir / FOLDER, f"{doc.meta.slug}.json", json.dumps(data, ensure_ascii=False).encode(), durable=False
        )
    except OSError:
        return
    _STORED.add((cache_dir, doc.meta.slug, key, plans is not None))
