"""Every word the DAISY book adds to the page, in one place.

These move to the message catalogue (``roleexport.i18n``) when it takes per-style messages;
until then they are English, as the audio's spoken labels are by default.
"""

from __future__ import annotations

NARRATOR = "Synthetic speech (espeak-ng voice {voice})"
"""``ncc:narrator``: the voice is a machine's, and which one."""
SOURCE_TITLE = "{title}: printed handout ({edition})"
"""``ncc:sourceTitle``: the printed edition the page numbers follow."""
UNKNOWN_CREATOR = "Unknown"
"""``dc:creator`` of a page that names no publisher."""
