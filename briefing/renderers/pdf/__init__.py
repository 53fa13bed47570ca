"""The PDF renderer: a document tree and a template -> the bytes of a PDF (ReportLab).

Split by concern: theme (theme.toml -> typed values), fonts (register static TTFs once
per process), styles (paragraph styles with inheritance), kit (all of that, prepared
once per template), inline (runs -> pieces of text, never markup), textblock (the
paragraph flowable: line breaking, page breaks, drawing), blocks (paragraphs, lists,
quotes, notes), tables (data tables), keep (keep-with-next), outline (bookmarks),
contents (--toc), front (title and memo blocks), page (marking, header, "Page X of
Y"), metadata (info dates, XMP), canvas (deferred forms), document (assembly).
ReportLab is imported only when a PDF is rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.renderers.options import RenderOptions
    from briefing.templates import Template
    from briefing.tree import Document

__all__ = ["prepare", "render"]


def render(doc: Document, template: Template, options: RenderOptions | None = None) -> bytes:
    """Render ``doc`` with ``template``'s look; the finished PDF file's bytes."""
    from briefing.renderers.options import RenderOptions
    from briefing.renderers.pdf.document import render as _render

    return _render(doc, template, options or RenderOptions())


def prepare(template: Template) -> None:
    """Import ReportLab and load the template's fonts and styles, before any render.

    What a warm worker or watch mode does once, so each render pays only for itself.
    """
    from briefing.renderers.pdf.kit import kit

    kit(template)
