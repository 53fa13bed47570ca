"""The PDF renderer: a document tree and a template -> the bytes of a PDF (ReportLab).

Split by concern: theme (theme.toml -> typed values), fonts (register static TTFs once
per process), styles (paragraph styles with inheritance), inline (runs -> escaped
markup), blocks (paragraphs, lists, tables, quotes, notes), outline (bookmarks),
front (title and memo blocks), page (marking, header, "Page X of Y"), document
(assembly). ReportLab is imported only when a PDF is rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.render.options import RenderOptions
    from briefing.templates import Template
    from briefing.tree import Document

__all__ = ["render"]


def render(doc: Document, template: Template, options: RenderOptions | None = None) -> bytes:
    """Render ``doc`` with ``template``'s look; the finished PDF file's bytes."""
    from .document import render as _render

    return _render(doc, template)
