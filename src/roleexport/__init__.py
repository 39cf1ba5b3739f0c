"""roleexport: one content tree per career page, exported to accessible PDF, EPUB, SSML and audio."""

__version__ = "0.1.0"
