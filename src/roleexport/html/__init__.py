"""The one HTML writer: the content tree as semantic HTML, for every HTML-shaped format.

Pandoc's EPUB writer is its HTML writer plus a package, and so is ours: ``markup`` builds
elements in a dialect (XHTML5 for EPUB, XHTML 1.0 for DAISY, HTML5 for the web page),
``writer`` turns blocks and inlines into elements, ``book`` splits the tree into files as a
``Layout`` says and forms links the way it says, and ``contents`` writes the nested
contents list. Nothing here knows about packaging: the EPUB, read-along and web page
exporters wrap what it builds.
"""
