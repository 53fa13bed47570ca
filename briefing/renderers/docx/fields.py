"""Complex fields (ECMA-376 §17.16): text that Word and LibreOffice compute.

A complex field is a run sequence: ``begin``, the instruction (``PAGE``, ``NUMPAGES``,
``PAGEREF _Toc1 \\h``, ``TOC ...``), ``separate``, the cached result, ``end``. Page
numbers and the table of contents depend on the layout, which only the reader knows,
so they are written as fields; the cached result is what a reader shows that cannot lay
out pages (or before it updates the field).
"""

from __future__ import annotations

from briefing.renderers.docx.ooxml import Element, plain_run, sub

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def field_char(parent: Element, kind: str) -> None:
    """A run holding one ``w:fldChar`` of type begin, separate or end."""
    sub(sub(parent, "w:r"), "w:fldChar", {"w:fldCharType": kind})


def instruction(parent: Element, text: str) -> None:
    """A run holding the field instruction, padded with spaces as Word writes it."""
    instr = sub(sub(parent, "w:r"), "w:instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {text} "


def add_field(parent: Element, text: str, cached: str) -> None:
    """A whole field in one paragraph (or hyperlink): begin ... cached result ... end."""
    field_char(parent, "begin")
    instruction(parent, text)
    field_char(parent, "separate")
    plain_run(parent, cached)
    field_char(parent, "end")
