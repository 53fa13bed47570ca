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

``faster_writing()`` puts the two in ``pdfdoc``'s namespace, where its writer looks
them up, only while our canvas saves (canvas.py), and puts ReportLab's back after,
as it does with ``useA85``. The bytes written are the same (tests/test_internals.py
compares both with ReportLab's own over every ASCII character and a whole memo).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.pdfbase import pdfdoc

MAX_NAMES = 4096
_ENCODE = pdfdoc.pdfdocEnc
_NAME = pdfdoc.PDFName
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


@contextmanager
def faster_writing() -> Iterator[None]:
    saved = pdfdoc.pdfdocEnc, pdfdoc.PDFName
    pdfdoc.pdfdocEnc, pdfdoc.PDFName = pdfdoc_enc, pdf_name
    try:
        yield
    finally:
        pdfdoc.pdfdocEnc, pdfdoc.PDFName = saved
