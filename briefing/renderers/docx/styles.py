"""Resolve style names to style ids once per document.

Assigning ``paragraph.style = "Heading 1"`` in python-docx scans every style in
styles.xml on each call, which dominates render time on a long memo. The renderer
instead asks this map for a style id once and writes ``w:pStyle`` directly.

The map also makes a user's own reference.docx safe to use: if it lacks one of the
toolkit's custom styles ("Call-out Note", "Memo Label" ...), the map falls back to a
close built-in style instead of writing a dangling id, and finally to none (Normal).
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.styles import BabelFish

from briefing.renderers.docx.stylenames import FALLBACKS


class StyleMap:
    """Style name (as Word shows it) -> style id, per style type."""

    def __init__(self, document: DocxDocument) -> None:
        self._ids: dict[tuple[str, str], str] = {}
        for style in document.styles.element.iterchildren(qn("w:style")):
            name_el = style.find(qn("w:name"))
            style_id = style.get(qn("w:styleId"))
            if name_el is None or style_id is None:
                continue
            ui_name = BabelFish.internal2ui(name_el.get(qn("w:val"), ""))
            kind = style.get(qn("w:type"), "paragraph")
            self._ids.setdefault((kind, ui_name.lower()), style_id)
        self._resolved: dict[tuple[str, str], str | None] = {}

    def _lookup(self, kind: str, name: str) -> str | None:
        key = (kind, name)
        if key not in self._resolved:
            found: str | None = None
            current: str | None = name
            while current is not None and found is None:
                found = self._ids.get((kind, current.lower()))
                current = FALLBACKS.get(current)
            self._resolved[key] = found
        return self._resolved[key]

    def define(self, kind: str, name: str, style_id: str) -> None:
        """A style added to the document while it is written (notes.py)."""
        self._ids[(kind, name.lower())] = style_id
        self._resolved.pop((kind, name), None)

    def paragraph(self, name: str) -> str | None:
        return self._lookup("paragraph", name)

    def character(self, name: str) -> str | None:
        return self._lookup("character", name)

    def table(self, name: str) -> str | None:
        return self._lookup("table", name)
