"""What ``--help`` and ``roleexport list`` say about the built-in exporters, without importing them.

Loading an exporter to read its one-line description imports its module and the content
model, styles and message catalogues with it: a third of ``roleexport --help``. These lines
are the exporters' own ``description`` and ``reads`` (``tests/test_startup.py`` checks they
stay equal); an entry point that names another object, or a name not listed here (a
third-party plug-in), is loaded and asked.
"""

from __future__ import annotations

from typing import NamedTuple


class Summary(NamedTuple):
    """An exporter's entry-point value, description and the command-line options it reads."""

    value: str
    description: str
    reads: tuple[str, ...]


BUILT_IN = {
    "audio": Summary(
        "roleexport.exporters.audio:AudioExporter",
        "Spoken MP3 (pyttsx3 + espeak-ng) with ID3 chapters per section",
        ("voice", "rate"),
    ),
    "daisy": Summary(
        "roleexport.exporters.daisy:DaisyExporter",
        "DAISY 2.02 talking book (full text and full audio), navigable by heading level and print page",
        ("paper", "voice", "rate"),
    ),
    "epub": Summary(
        "roleexport.exporters.epub:EpubExporter",
        "Accessible EPUB 3 booklet with a toc and print page-list (for library lending)",
        ("paper",),
    ),
    "html": Summary(
        "roleexport.exporters.html:HtmlExporter",
        "Accessible single-file web page (HTML5, WCAG 2.2 AA) with the audio's chapters when built",
        (),
    ),
    "narration": Summary(
        "roleexport.exporters.narration:NarrationExporter",
        "Plain-text narration script, headings announced, terms as spoken",
        (),
    ),
    "pdf": Summary(
        "roleexport.exporters.pdf:PdfExporter",
        "Tagged PDF/UA-1 handout (Letter or A4) and a large-print edition",
        ("paper",),
    ),
    "readaloud": Summary(
        "roleexport.exporters.readaloud:ReadAloudExporter",
        "Read-along EPUB 3: the booklet with narration highlighted as it plays (media overlays)",
        ("paper", "voice", "rate"),
    ),
    "summary": Summary(
        "roleexport.exporters.summary:SummaryExporter",
        "One-sheet summary (front and back) with a QR code to the full page, tagged PDF/UA-1",
        ("paper",),
    ),
    "ssml": Summary(
        "roleexport.exporters.ssml:SsmlExporter",
        "SSML 1.1 speech markup with a PLS pronunciation lexicon",
        (),
    ),
}
