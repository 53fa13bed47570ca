"""Two of ReportLab's object-writing helpers made faster while a memo is saved.

Why: writing a long tagged brief's thousands of objects spends about a third of its
time in two small functions of ``reportlab.pdfbase.pdfdoc`` that every object and
every dictionary key goes through:

- ``pdfdocEnc`` turns each piece of text (``"12 0 obj"``, ``"5 0 R"``, a number)
  into bytes through ReportLab's PDFDocEncoding codec, a Python charmap codec about
  ten times slower than ASCII. For ASCII text the two give the same bytes, except
  for U+0018-U+001F, which that codec cannot encode: such text, and anything not
  ASCII, still goes through the codec (and fails as before).
- ``PDFName`` escapes a dictionary key character by character each time the key is
  written (``Type``, ``Kids``, ``Font`` ... thousands of times a file); its result
  depends only on the key, so it is kept (at most ``MAX_NAMES`` keys).

Two more: ``pdfdoc.format``, the dispatcher every value goes through, writes the
common leaves (text, bytes, references, numbers) directly (``fast_format``); and the
document's own ``format`` (the loop over all objects, the xref table) is done by
``write_document`` without ReportLab's wrapper object and re-encoding per object.

``faster_writing()`` puts the three in ``pdfdoc``'s namespace, where its writer looks
them up, only while our canvas saves (canvas.py), and puts ReportLab's back after,
as it does with ``useA85``. The bytes written are the same (tests/test_internals.py
compares both with ReportLab's own over every ASCII character and a whole memo).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFObject, PDFObjectReference

MAX_NAMES = 4096
_ENCODE = pdfdoc.pdfdocEnc
_NAME = pdfdoc.PDFName
_FORMAT = pdfdoc.format
_DOC_FORMAT = pdfdoc.PDFDocument.format
_UNENCODABLE = re.compile("[\x18-\x1f]")  # ASCII that PDFDocEncoding has no code for
_NAMES: dict[str, str] = {}


def pdfdoc_enc(x: Any) -> Any:
    """``pdfdoc.pdfdocEnc``, with ASCII text encoded by the ASCII codec."""
    if x.__class__ is bytes:
        return x
    if x.__class__ is str and x.isascii() and _UNENCODABLE.search(x) is None:
        return x.encode("ascii")
    return _ENCODE(x)


def pdf_name(data: Any, lo: str = "!", hi: str = "~") -> Any:
    """``pdfdoc.PDFName``, remembered per key (with its default bounds)."""
    if data.__class__ is not str or lo != "!" or hi != "~":
        return _NAME(data, lo, hi)
    found = _NAMES.get(data)
    if found is None:
        if len(_NAMES) >= MAX_NAMES:
            _NAMES.clear()
        found = _NAMES[data] = _NAME(data)
    return found


def fast_format(element: Any, document: Any, toplevel: int = 0) -> Any:
    """``pdfdoc.format`` (every value of every object goes through it), with the common
    leaves (text, bytes, references, numbers) written directly: the same bytes."""
    cls = element.__class__
    if cls is str:
        if element.isascii() and _UNENCODABLE.search(element) is None:
            return element.encode("ascii")
        return _ENCODE(element)
    if cls is bytes:
        return element
    if cls is PDFObjectReference:
        numbers = document.idToObjectNumberAndVersion.get(element.name)
        if numbers is not None:
            return b"%d %d R" % numbers
    elif cls is int or cls is float:
        return fp_str(element).encode("ascii")
    return _FORMAT(element, document, toplevel)


def write_document(doc: Any) -> bytes:
    """``PDFDocument.format``: every registered object in number order, the xref table
    and the trailer; the per-object work of ReportLab's wrapper object is done inline.
    A document that encrypts, signs or comments its objects goes to ReportLab's."""
    if (
        doc.encrypt.__class__ is not pdfdoc.NoEncryption
        or getattr(doc, "_digiSigs", None)
        or (not rl_config.invariant and rl_config.pdfComments)
    ):
        data: bytes = _DOC_FORMAT(doc)
        return data
    doc.Reference(doc.Catalog)
    doc.Reference(doc.info)
    numbers = doc.idToObjectNumberAndVersion
    objects = doc.idToObject
    offsets = doc.idToOffset
    by_number = doc.numberToId
    file = pdfdoc.PDFFile(doc._pdfVersion)
    doc.__accum__ = file
    out = file.strings
    offset = file.offset
    ids: list[str] = []
    counter = 1
    while counter in by_number:  # objects may be registered while others are written
        oid = by_number[counter]
        obj = objects[oid]
        n, v = numbers[oid]
        body = obj.format(doc) if isinstance(obj, PDFObject) else fast_format(obj, doc, 1)
        chunk = b"%d %d obj\n%s%sendobj\n" % (n, v, body, b"" if body.endswith(b"\n") else b"\n")
        out.append(chunk)
        offsets[oid] = offset
        offset += len(chunk)
        ids.append(oid)
        counter += 1
    del doc.__accum__
    if len(ids) != len(by_number):
        raise ValueError(f"counter {counter} doesn't match number to id dictionary")
    xref = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(ids) + 1)]
    for number, oid in enumerate(ids, 1):
        if numbers[oid][0] != number:
            raise ValueError(f"object number collision at {number}")
        xref.append(b"%0.10d %0.5d n \n" % (offsets[oid], numbers[oid][1]))
    out.append(b"".join(xref))
    trailer = pdfdoc.PDFTrailer(
        startxref=offset,
        Size=len(ids) + 1,
        Root=doc.Reference(doc.Catalog),
        Info=doc.Reference(doc.info),
        ID=doc.ID(),
    )
    out.append(trailer.format(doc))
    return b"".join(out)


@contextmanager
def faster_writing(doc: Any = None) -> Iterator[None]:
    """Swap the helpers in while ``doc`` (if given: its ``format`` too) is written."""
    saved = pdfdoc.pdfdocEnc, pdfdoc.PDFName, pdfdoc.format
    pdfdoc.pdfdocEnc, pdfdoc.PDFName, pdfdoc.format = pdfdoc_enc, pdf_name, fast_format
    if doc is not None:
        doc.format = lambda: write_document(doc)
    try:
        yield
    finally:
        pdfdoc.pdfdocEnc, pdfdoc.PDFName, pdfdoc.format = saved
        if doc is not None:
            del doc.format
