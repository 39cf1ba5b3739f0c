"""Document metadata: one fixed date, the Info dictionary's values and the XMP packet.

PDF/UA-1 wants the title in XMP (dc:title) and the part number (pdfuaid:part 1); the dates
are fixed (the page's ``updated``, else SOURCE_DATE_EPOCH, else 2000-01-01) so that the same
input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream

from roleexport.dates import document_date
from roleexport.exporters.pdf.markup import escape
from roleexport.model import Metadata

PRODUCER = "roleexport with the ReportLab PDF Library"
CREATOR = "roleexport"


@dataclass(frozen=True)
class Info:
    """What goes in the Info dictionary and, identically, in XMP."""

    title: str
    author: str
    subject: str
    lang: str
    date: dt.datetime


def info(meta: Metadata, title: str | None = None) -> Info:
    """The Info values of a page's PDF; ``title`` for an edition titled otherwise (large print)."""
    return Info(
        title=meta.title if title is None else title,
        author=meta.publisher or "",
        subject=meta.summary or "",
        lang=meta.lang,
        date=document_date(meta),
    )


def xmp_stream(data: Info) -> PDFStream:
    """The XMP metadata stream (uncompressed and without a /Filter key, as XMP readers expect)."""
    stamp = data.date.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    creator = (
        f"<dc:creator><rdf:Seq><rdf:li>{escape(data.author)}</rdf:li></rdf:Seq></dc:creator>" if data.author else ""
    )
    subject = (
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(data.subject)}</rdf:li></rdf:Alt>'
        "</dc:description>"
        if data.subject
        else ""
    )
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(data.title)}</rdf:li></rdf:Alt></dc:title>
{creator}{subject}
<dc:language><rdf:Bag><rdf:li>{escape(data.lang)}</rdf:li></rdf:Bag></dc:language>
<xmp:CreateDate>{stamp}</xmp:CreateDate>
<xmp:ModifyDate>{stamp}</xmp:ModifyDate>
<xmp:MetadataDate>{stamp}</xmp:MetadataDate>
<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>
<pdf:Producer>{escape(PRODUCER)}</pdf:Producer>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        packet.encode("utf-8"),
        filters=None,
    )
