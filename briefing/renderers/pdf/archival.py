"""PDF/A-2 on request (``--pdf-standard a-2b|a-2u|a-2a``): what our output lacks for it.

Most of what PDF/A-2 (ISO 19005-2) asks the renderer already does for every PDF: all
fonts embedded (subsets of the template's TrueType fonts, each with a ToUnicode map, so
level U holds), no encryption, no transparency, no JavaScript, a file identifier
(/ID), printable link annotations (links.py), XMP metadata that agrees with the info
dictionary (metadata.py). Two things are added here: the output intent, the sRGB
profile the page colours (DeviceRGB) are to be read in, shipped as briefing/icc/
sRGB2014.icc under the ICC's licence (LICENSE-sRGB2014.txt beside it); and the XMP
identification, written by metadata.xmp. Level A also needs the tagged structure
(tags.py), so it is refused with ``--no-pdf-tags`` (options.py).

ReportLab internal used: ``PDFCatalog.__NoDefault__`` (the keys a catalog writes),
extended on the one catalog object to add /OutputIntents.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)

from briefing.resources import PACKAGE_DIR

PROFILE = PACKAGE_DIR / "icc" / "sRGB2014.icc"
CONDITION = "sRGB IEC61966-2.1"


@cache
def _profile() -> bytes:
    return PROFILE.read_bytes()


def add_output_intent(pdf_doc: Any) -> None:
    """Give ``pdf_doc``'s catalog the PDF/A output intent with the sRGB profile."""
    stream = PDFStream(dictionary=PDFDictionary({"N": 3}), content=_profile())
    stream.filters = [PDFZCompress]
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(CONDITION),
            "Info": PDFString(CONDITION),
            "RegistryName": PDFString("http://www.color.org"),
            "DestOutputProfile": pdf_doc.Reference(stream),
        }
    )
    catalog = pdf_doc.Catalog
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([intent])
