"""Draw the README's pictures again, from the current code.

    .venv/bin/python docs/pictures.py

Writes docs/handout-page1.png (page 1 of the perfusionist handout) and docs/summary-front.png,
docs/summary-back.png (its one-sheet summary), US Letter, drawn by poppler's ``pdftoppm`` at 72 dpi
(one pixel a point, 612 x 792). The page is built with a career centre's style that says where
its pages are published (``[site] page_url``), so the source line and the summary's footer box
and QR code show an address. The PDFs are reproducible, so the same roleexport and poppler
draw the same pictures. docs/web-page.png is the web page (with its player, as when the audio
is built beside it) in Debian's Chromium through Playwright, as the tests use it, at 1280 and
320 CSS px side by side.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from roleexport import api

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "sources" / "perfusionist.md"
STYLE = 'base = "default"\n[site]\npage_url = "https://careers.example.edu/roles/{slug}/"\n'


def draw(pdf: bytes, page: int, target: Path) -> None:
    """One page of a PDF as a PNG, 72 dpi."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edition.pdf"
        path.write_bytes(pdf)
        stem = Path(folder) / "page"
        args = ["pdftoppm", "-png", "-r", "72", "-f", str(page), "-l", str(page), "-singlefile"]
        subprocess.run([*args, str(path), str(stem)], check=True)
        target.write_bytes(stem.with_suffix(".png").read_bytes())
    print(f"wrote {target.relative_to(HERE.parent)}")


WEB_SHOTS = ((1280, 900), (320, 900))
WEB_SCALE = 0.45


def draw_web_page(page: Path, target: Path) -> None:
    """The web page at each width, side by side on grey, scaled down."""
    from PIL import Image
    from playwright.sync_api import sync_playwright

    shots = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for width, height in WEB_SHOTS:
            tab = browser.new_page(viewport={"width": width, "height": height}, color_scheme="light")
            tab.goto(page.as_uri())
            shots.append(Image.open(io.BytesIO(tab.screenshot())).convert("RGB"))
            tab.close()
        browser.close()
    gap = 20
    canvas = Image.new("RGB", (sum(s.width for s in shots) + gap, max(s.height for s in shots)), "#888888")
    canvas.paste(shots[0], (0, 0))
    canvas.paste(shots[1], (shots[0].width + gap, 0))
    size = (int(canvas.width * WEB_SCALE), int(canvas.height * WEB_SCALE))
    canvas.resize(size, Image.Resampling.LANCZOS).save(target)
    print(f"wrote {target.relative_to(HERE.parent)}")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        style = Path(folder) / "centre.toml"
        style.write_text(STYLE, encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the summary says what it left out; not news here
            doc = api.read(SOURCE)
            handout = api.export(doc, "pdf", style=style)["perfusionist.pdf"]
            summary = api.export(doc, "summary", style=style)["perfusionist-summary.pdf"]
            web = api.export(doc, "html", style=style, alongside=("audio",))["perfusionist.html"]
        page = Path(folder) / "perfusionist.html"
        page.write_bytes(web)
        draw_web_page(page, HERE / "web-page.png")
    draw(handout, 1, HERE / "handout-page1.png")
    draw(summary, 1, HERE / "summary-front.png")
    draw(summary, 2, HERE / "summary-back.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
