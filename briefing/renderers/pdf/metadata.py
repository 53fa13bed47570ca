"""Document metadata: the info dictionary's dates and an XMP packet, from the tree.

ReportLab's invariant mode (needed for byte-identical output) stamps every PDF with
2000-01-01, and it writes no XMP. Archives, search engines and screen readers read XMP
first, and both places should carry the brief's own dates: ``created`` (the brief's
date) and ``modified`` (SOURCE_DATE_EPOCH, else the brief's date). Both come from the
tree, so the output stays reproducible.

Every value is XML-escaped and stripped of characters XML cannot carry, so a title
such as ``a < b & c ]]>`` cannot break the packet.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
)

from briefing.tree import Metadata

CREATOR = "briefing"

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class BriefInfo(PDFInfo):  # type: ignore[misc]
    """The info dictionary with the brief's creation and modification dates."""

    created: str = ""  # ISO date
    modified: str = ""  # ISO 8601 UTC time

    def format(self, document: Any) -> bytes:
        d = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "CreationDate": PDFString(pdf_date(self.created)),
            "ModDate": PDFString(pdf_date(self.modified)),
            "Producer": PDFString(self.producer),
            "Creator": PDFString(self.creator),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Trapped": PDFName(self.trapped),
        }
        out: bytes = PDFDictionary(d).format(document)
        return out


def install(
    pdf_doc: Any, meta: Metadata, lang: str, ua: bool = False, pdfa: str | None = None
) -> None:
    """Put the brief's dates in ``pdf_doc``'s info dictionary and attach the XMP; ``ua``:
    the XMP says the file conforms to PDF/UA-1 (a tagged PDF, tags.py); ``pdfa``: to
    PDF/A-2 at that conformance level (B, U or A; archival.py)."""
    info = BriefInfo()
    info.__dict__.update(pdf_doc.info.__dict__)
    info.created, info.modified = meta.created, meta.modified
    pdf_doc.info = info
    stream = PDFStream(
        dictionary=PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        content=xmp(meta, lang, info.producer, ua, pdfa),
    )
    pdf_doc.Catalog.Metadata = stream


def pdf_date(iso: str) -> str:
    """A PDF date: ``D:YYYYMMDD`` for a date, ``D:YYYYMMDDHHmmSS+00'00'`` for a UTC time."""
    when = _parse(iso)
    if isinstance(when, dt.datetime):
        return when.strftime("D:%Y%m%d%H%M%S+00'00'")
    return when.strftime("D:%Y%m%d")


def xmp_date(iso: str) -> str:
    when = _parse(iso)
    if isinstance(when, dt.datetime):
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return when.isoformat()


def _parse(iso: str) -> dt.date | dt.datetime:
    if "T" in iso:
        return dt.datetime.fromisoformat(iso).astimezone(dt.UTC)
    return dt.date.fromisoformat(iso)


def xmp(
    meta: Metadata, lang: str, producer: str, ua: bool = False, pdfa: str | None = None
) -> bytes:
    """The XMP packet (UTF-8): Dublin Core, PDF and XMP basic properties, and the
    PDF/UA (``pdfuaid:part``) and PDF/A-2 (``pdfaid:part``, ``pdfaid:conformance``)
    identifications asked for. PDF/A accepts only the schemas it predefines unless the
    file describes the others: so with both, the pdfuaid schema is described too."""
    authors = [a for a in meta.author.split("; ") if a]
    lines = [
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '<rdf:Description rdf:about=""',
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"' if ua else "",
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"' if pdfa else "",
        ">",
        "<pdfuaid:part>1</pdfuaid:part>" if ua else "",
        f"<pdfaid:part>2</pdfaid:part><pdfaid:conformance>{pdfa}</pdfaid:conformance>"
        if pdfa
        else "",
        "<dc:format>application/pdf</dc:format>",
        _alt("dc:title", meta.title, lang),
        _list("dc:creator", "Seq", authors),
        _alt("dc:description", meta.subject, lang),
        _list("dc:subject", "Bag", list(meta.keywords)),
        _list("dc:language", "Bag", [lang]),
        f"<pdf:Keywords>{_x(', '.join(meta.keywords))}</pdf:Keywords>",
        f"<pdf:Producer>{_x(producer)}</pdf:Producer>",
        f"<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{xmp_date(meta.created)}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{xmp_date(meta.modified)}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{xmp_date(meta.modified)}</xmp:MetadataDate>",
        "</rdf:Description>",
        _UA_SCHEMA if ua and pdfa else "",
        "</rdf:RDF>",
        "</x:xmpmeta>",
        '<?xpacket end="r"?>',
    ]
    return "\n".join(line for line in lines if line).encode("utf-8")


# The PDF/A extension schema that describes pdfuaid (ISO 19005-2, 6.6.2.3.3).
_UA_SCHEMA = "".join(
    [
        '<rdf:Description rdf:about=""',
        ' xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"',
        ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"',
        ' xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
        "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>",
        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>",
        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>",
        '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">',
        "<pdfaProperty:name>part</pdfaProperty:name>",
        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>",
        "<pdfaProperty:category>internal</pdfaProperty:category>",
        "<pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>",
        "</rdf:li></rdf:Seq></pdfaSchema:property>",
        "</rdf:li></rdf:Bag></pdfaExtension:schemas>",
        "</rdf:Description>",
    ]
)


def _x(value: str) -> str:
    text = _NOT_XML.sub("", value)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _alt(tag: str, value: str, lang: str) -> str:
    """A language alternative: the default and the document language hold the text."""
    items = f'<rdf:li xml:lang="x-default">{_x(value)}</rdf:li>'
    items += f'<rdf:li xml:lang="{_x(lang)}">{_x(value)}</rdf:li>'
    return f"<{tag}><rdf:Alt>{items}</rdf:Alt></{tag}>"


def _list(tag: str, kind: str, values: list[str]) -> str:
    if not values:
        return ""
    items = "".join(f"<rdf:li>{_x(v)}</rdf:li>" for v in values)
    return f"<{tag}><rdf:{kind}>{items}</rdf:{kind}></{tag}>"
