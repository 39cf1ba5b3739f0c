"""The web page around the shared HTML writer's content: landmarks, contents, source line, audio.

One HTML5 document: a ``header`` (skip link, category and publisher), the tree in ``main``
and a ``footer`` with the page's source line (publisher, updated date, web address). The
title comes first in ``main`` and is the first thing a sighted reader sees: the narration
player (when the audio is built too) and the ``nav`` with the contents list follow the H1
inside ``main``, as a printed booklet's contents follow its title page. The
stylesheet is inlined, there are no scripts and nothing is fetched from elsewhere. Every word
the page adds (skip link, contents, player, source line, placeholders) is the page's catalogue's.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from roleexport import walk
from roleexport.html.book import Book, Chapter, Layout, build, document, link_in_page
from roleexport.html.contents import contents
from roleexport.html.markup import HTML5, clean
from roleexport.i18n import Catalogue
from roleexport.model import Document

LABEL = "Web page"
h = HTML5.h


@dataclass(frozen=True)
class Audio:
    """The narration beside the page: the MP3 and its WebVTT chapters."""

    mp3: str
    chapters: str


def _free(ident: str, taken: set[str]) -> str:
    """An id of the page's own that no block of the tree uses."""
    n, candidate = 1, ident
    while candidate in taken:
        n += 1
        candidate = f"{ident}-{n}"
    return candidate


class Page:
    """Builds the document, then fills in what needs the written content (the contents list)."""

    def __init__(self, doc: Document, css: str, audio: Audio | None, cat: Catalogue) -> None:
        self.doc = doc
        self.css = css
        self.audio = audio
        self.t = cat
        self.nav: etree._Element | None = None
        self.main_id = "main-content"

    def render(self) -> bytes:
        layout = Layout(
            HTML5,
            self.shell,
            self.t,
            file_name=lambda n: f"{self.doc.meta.slug}.html",
            link=link_in_page,
            label=LABEL,
        )
        book = build(self.doc, layout)
        self.fill_contents(book)
        return HTML5.serialize(book.chapters[0].html)

    def shell(self, doc: Document, file_name: str, heading: str) -> Chapter:
        page = document(HTML5, doc, file_name, heading)
        head, body = page.html[0], page.body
        meta = doc.meta
        h("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}, head)
        h("meta", {"name": "color-scheme", "content": "light dark"}, head)
        if meta.summary:
            h("meta", {"name": "description", "content": clean(meta.summary)}, head)
        h("meta", {"name": "generator", "content": "roleexport"}, head)
        h("style", parent=head).text = self.css
        taken = {node.id for node in walk.iter_blocks(doc.blocks)}
        main_id = self.main_id = _free("main-content", taken)
        header = h("header", parent=body)
        h("a", {"class": "skip", "href": f"#{main_id}"}, header).text = clean(self.t("html_skip_link"))
        line = [p for p in (meta.category, meta.publisher) if p]
        if line:
            h("p", {"class": "kicker"}, header).text = clean(" · ".join(line))
        nav_label = _free("contents-label", taken)
        self.nav = h("nav", {"aria-labelledby": nav_label})
        h("p", {"id": nav_label, "class": "nav-title"}, self.nav).text = clean(self.t("contents"))
        main = h("main", {"id": main_id, "tabindex": "-1"}, body)
        self.footer(h("footer", parent=body))
        return Chapter(file_name, page.title, page.html, main)

    def player(self) -> etree._Element:
        """``<audio controls>`` with the chapters track, and a plain link to the MP3."""
        assert self.audio is not None
        figure = h("figure", {"class": "listen"})
        h("figcaption", parent=figure).text = clean(self.t("html_listen"))
        audio = h("audio", {"controls": "controls", "preload": "none", "src": self.audio.mp3}, figure)
        track = {"kind": "chapters", "src": self.audio.chapters, "srclang": self.doc.meta.lang}
        h("track", track | {"label": clean(self.t("html_chapters")), "default": "default"}, audio)
        h("a", {"href": self.audio.mp3, "download": ""}, h("p", parent=figure)).text = clean(
            self.t("html_download_audio")
        )
        return figure

    def footer(self, footer: etree._Element) -> None:
        """The source line: publisher, updated date, web address (whichever the page has)."""
        meta = self.doc.meta
        p = h("p", {"class": "source"}, footer)
        parts: list[etree._Element] = []
        if meta.publisher:
            parts.append(h("span", parent=p))
            parts[-1].text = clean(self.t("source_publisher", publisher=meta.publisher))
        if meta.updated:
            parts.append(h("span", parent=p))
            parts[-1].text = clean(self.t("updated", date=self.t.iso_date(meta.updated)))
        if meta.url:
            parts.append(h("span", parent=p))
            parts[-1].text = clean(self.t("html_web_address")) + " "
            h("a", {"href": meta.url}, parts[-1]).text = clean(meta.url)
        for span in parts[:-1]:
            span.tail = " · "
        if not parts:
            footer.remove(p)
            h("p", {"class": "source"}, footer).text = clean(meta.title)

    def fill_contents(self, book: Book) -> None:
        """The contents list (and the player) placed right after the title: the H1 when the tree
        starts with one, else the top of ``main``."""
        assert self.nav is not None
        headings = book.headings or [(1, self.doc.meta.title, f"#{self.main_id}")]
        if len(headings) > 1 and [level for level, _, _ in headings].count(1) == 1 and headings[0][0] == 1:
            headings = headings[1:]  # the sole title is just above the list: its sections are the contents
        contents(HTML5, headings, self.nav)
        main = book.chapters[0].body
        title = next(main.iter(HTML5.tag("h1")), None)
        after = [self.player(), self.nav] if self.audio else [self.nav]
        if title is not None:
            for element in reversed(after):
                title.addnext(element)
        else:
            for element in reversed(after):
                main.insert(0, element)


def render(doc: Document, css: str, audio: Audio | None, cat: Catalogue) -> bytes:
    """The page's bytes, its generated words from ``cat``."""
    return Page(doc, css, audio, cat).render()
