"""The booklets' cover: a PNG drawn from the page, marked ``cover-image``, shown with alt text."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from roleexport import exporters
from roleexport.exporters import ExportOptions
from roleexport.exporters.epub import Settings, cover_image
from roleexport.model import Document, Metadata
from roleexport.reader import read_text
from roleexport.styles import Style, load_style

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "h": "http://www.w3.org/1999/xhtml",
    "svg": "http://www.w3.org/2000/svg",
    "xlink": "http://www.w3.org/1999/xlink",
}

PAGE = """---
title: Heating, Ventilation and Air-Conditioning (HVAC) Service Technician Apprentice — 暖通空调技术员
category: Skilled trades
publisher: Northfield College Careers Service
lang: en-GB
---

# HVAC Service Technician

Service technicians keep heating and cooling running.
"""


def _booklet(doc: Document, fmt: str = "epub", style: Style | None = None, tmp: Path | None = None) -> zipfile.ZipFile:
    options = ExportOptions(cache_dir=tmp) if tmp else ExportOptions()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        files = exporters.get(fmt).export(doc, style or load_style(), options)
    (data,) = files.values()
    return zipfile.ZipFile(io.BytesIO(data))


def _cover_of(book: zipfile.ZipFile) -> tuple[etree._Element | None, etree._Element, etree._Element]:
    opf = etree.fromstring(book.read("EPUB/content.opf"))
    item = opf.find("opf:manifest/opf:item[@properties='cover-image']", NS)
    nav_item = opf.find("opf:manifest/opf:item[@id='nav']", NS)
    nav = etree.fromstring(book.read(f"EPUB/{nav_item.get('href')}"))
    return item, nav_item, nav


@pytest.fixture(scope="module")
def trade() -> Document:
    return read_text(PAGE, Path("hvac.md"))


def test_the_booklet_has_a_cover_image_catalogues_find(perfusionist: Document) -> None:
    book = _booklet(perfusionist)
    item, nav_item, nav = _cover_of(book)
    assert item is not None and item.get("media-type") == "image/png"
    opf = etree.fromstring(book.read("EPUB/content.opf"))
    assert opf.find("opf:metadata/opf:meta[@name='cover']", NS).get("content") == item.get("id")
    image = Image.open(io.BytesIO(book.read(f"EPUB/{item.get('href')}")))
    assert image.format == "PNG" and image.size == (1600, 2400)
    # shown above the contents, with its text alternative
    svg = nav.find("h:body/h:div[@class='cover']/svg:svg", NS)
    assert svg is not None and svg.get("role") == "img"
    assert svg.get("aria-label") == svg.find("svg:title", NS).text == "Cover: Perfusionist"
    assert svg.find("svg:image", NS).get(f"{{{NS['xlink']}}}href") == item.get("href")
    assert "svg" in nav_item.get("properties").split()


def test_the_cover_is_drawn_in_the_styles_colours_with_the_pages_words(trade: Document) -> None:
    settings = Settings()
    data = cover_image(trade, load_style(), settings)
    assert data is not None
    image = Image.open(io.BytesIO(data)).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 16)}
    background = tuple(int(settings.cover_background[i : i + 2], 16) for i in (1, 3, 5))
    text = tuple(int(settings.cover_text[i : i + 2], 16) for i in (1, 3, 5))
    assert image.getpixel((5, 5)) == background and text in colours
    # the title, category and publisher are drawn: another title gives another picture, the same the same bytes
    assert cover_image(trade, load_style(), settings) == data
    other = Document(Metadata(title="Welder", slug="welder"), (), ())
    assert cover_image(other, load_style(), settings) != data
    # text runs stay inside the margins, even for a long title in two scripts
    box = Image.eval(image, lambda v: 255 if v > 200 else 0).convert("L").getbbox()
    assert box is not None and box[0] >= 100 and box[2] <= 1500


def test_the_read_along_booklet_has_the_same_cover(trade: Document, tmp_path: Path) -> None:
    plain = _booklet(trade)
    spoken = _booklet(trade, "readaloud", tmp=tmp_path)
    item, _, _ = _cover_of(spoken)
    assert item is not None
    assert spoken.read(f"EPUB/{item.get('href')}") == plain.read(f"EPUB/{_cover_of(plain)[0].get('href')}")


def test_a_style_can_leave_the_cover_out(perfusionist: Document) -> None:
    base = load_style()
    data = dict(base.data) | {"epub": dict(base.section("epub")) | {"cover": False}}
    style = Style(base.name, data, base.folder, base.digest + "-no-cover")
    item, nav_item, nav = _cover_of(_booklet(perfusionist, style=style))
    assert item is None and nav_item.get("properties") == "nav"
    assert nav.find(".//svg:svg", NS) is None


def test_a_cover_drawn_once_is_served_from_the_cache_by_content(trade: Document, tmp_path: Path) -> None:
    """The second build reads the PNG the first kept (the same bytes as drawing it); a change to
    what is drawn (the title, a colour) draws a new one."""
    from roleexport.exporters.epub import covercache
    from roleexport.exporters.epub.book import png_size

    settings = Settings()
    drawn = cover_image(trade, load_style(), settings)
    assert drawn is not None
    assert cover_image(trade, load_style(), settings, tmp_path) == drawn
    (kept,) = (tmp_path / covercache.FOLDER).iterdir()
    assert kept.read_bytes() == drawn
    planted = covercache.PNG_START + b"not the drawn cover" + covercache.PNG_END
    kept.write_bytes(planted)  # served from the cache, not drawn again
    assert cover_image(trade, load_style(), settings, tmp_path) == planted
    kept.write_bytes(drawn[: len(drawn) // 2])  # cut short (written without fsync, then a power cut): drawn again
    assert cover_image(trade, load_style(), settings, tmp_path) == drawn
    kept.write_bytes(planted)
    assert png_size(drawn) == Image.open(io.BytesIO(drawn)).size
    for changed, doc in (
        (settings, Document(Metadata(title="Welder", slug="welder"), (), ())),
        (Settings(cover_accent="#ff0000"), trade),
    ):
        assert cover_image(doc, load_style(), changed, tmp_path) not in (None, planted)
    assert len(list((tmp_path / covercache.FOLDER).iterdir())) == 3
    kept.write_bytes(b"damaged")  # a damaged entry is drawn again
    assert cover_image(trade, load_style(), settings, tmp_path) == drawn
