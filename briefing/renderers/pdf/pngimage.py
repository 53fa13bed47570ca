"""An opaque PNG placed in the PDF from its own compressed bytes, never decoded.

Why: reportlab's ``drawImage`` decodes a PNG with Pillow, then deflates the raw pixels
again for the PDF, in every render (about 5 ms for the memo's small logo, plus Pillow's
plugin imports). PDF's FlateDecode filter with the PNG predictors (``/Predictor 15``)
reads PNG image data exactly as PNG stores it, so the IDAT chunks go into the image
XObject as they are. Only what that covers comes here (``Png.passthrough``: grey, RGB
or palette, no transparency, no interlace, up to 8 bits); anything else is drawn by
reportlab as before. The file was checked in full when the brief or template was read
(figures/png.py); here its chunks are only split again.

Uses reportlab's canvas internals as ``drawImage`` does (``_doc``, ``_code``,
``_formsinuse``); tests/test_internals.py checks they are still there.
"""

from __future__ import annotations

import hashlib
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFStream,
    PDFText,
)

from briefing.figures.png import Png, parse_png


class PngImage:
    """What a Picture flowable draws for a PNG the PDF can take as it is."""

    def __init__(self, png: Png) -> None:
        self.png = png
        # the XObject's name: one object per distinct image in a document
        self.name = "png" + hashlib.sha256(png.data + png.palette).hexdigest()[:32]

    def draw(self, canv: Any, width: float, height: float) -> None:
        """Draw it at the origin, ``width`` by ``height`` points (as drawImage does)."""
        doc = canv._doc
        ref = doc.getXObjectName(self.name)
        if ref not in doc.idToObject:
            doc.Reference(_XObject(self.png), ref)
            doc.addForm(self.name, doc.idToObject[ref])
        canv._currentPageHasImages = 1
        canv.saveState()
        canv.scale(width, height)
        canv._code.append(f"/{ref} Do")
        canv.restoreState()
        canv._formsinuse.append(self.name)


def png_image(data: bytes) -> PngImage | None:
    """A PngImage for a checked PNG's bytes, or None when the PDF cannot take them as
    they are (reportlab then decodes it)."""
    png = parse_png(data)
    return PngImage(png) if png.passthrough else None


class _XObject(PDFObject):  # type: ignore[misc]
    """The image XObject: the PNG's IDAT data under FlateDecode with its predictor."""

    def __init__(self, png: Png) -> None:
        self.png = png

    def format(self, document: Any) -> bytes:
        png = self.png
        stream = PDFStream(content=png.data)
        d = stream.dictionary
        d["Type"] = PDFName("XObject")
        d["Subtype"] = PDFName("Image")
        d["Width"] = png.width
        d["Height"] = png.height
        d["BitsPerComponent"] = png.depth
        if png.color == 3:
            count = len(png.palette) // 3
            d["ColorSpace"] = PDFArray(
                [PDFName("Indexed"), PDFName("DeviceRGB"), count - 1, PDFText(png.palette)]
            )
        else:
            d["ColorSpace"] = PDFName("DeviceGray" if png.color == 0 else "DeviceRGB")
        d["Filter"] = PDFName("FlateDecode")
        d["DecodeParms"] = PDFDictionary(
            {"Predictor": 15, "Colors": png.channels, "BitsPerComponent": png.depth,
             "Columns": png.width}
        )  # fmt: skip
        result: bytes = stream.format(document)
        return result
