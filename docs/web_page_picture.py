"""Redraws docs/web-page.png: the built perfusionist web page at 1280 and 320 CSS px, side by side.

Run after `roleexport html audio`: `.venv/bin/python docs/web_page_picture.py` (Debian's Chromium
through Playwright, as the tests use it; Pillow joins the two shots).
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "dist" / "perfusionist" / "perfusionist.html"
OUT = ROOT / "docs" / "web-page.png"
SHOTS = ((1280, 900), (320, 900))
SCALE = 0.45


def shots() -> list[Image.Image]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        images = []
        for width, height in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height}, color_scheme="light")
            page.goto(PAGE.as_uri())
            images.append(Image.open(io.BytesIO(page.screenshot())).convert("RGB"))
            page.close()
        browser.close()
    return images


def main() -> None:
    wide, narrow = shots()
    gap = 20
    canvas = Image.new("RGB", (wide.width + gap + narrow.width, max(wide.height, narrow.height)), "#888888")
    canvas.paste(wide, (0, 0))
    canvas.paste(narrow, (wide.width + gap, 0))
    canvas.resize((int(canvas.width * SCALE), int(canvas.height * SCALE)), Image.Resampling.LANCZOS).save(OUT)


if __name__ == "__main__":
    main()
