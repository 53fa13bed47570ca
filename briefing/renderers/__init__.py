"""The table of renderers: a format name maps to the module that writes it.

Modules are imported on first use, so commands that do not render (validate,
languages, schema) never pay for importing reportlab or python-docx.
"""

from __future__ import annotations

from importlib import import_module

from briefing.renderers.options import RenderOptions
from briefing.templates import Template
from briefing.tree import Document

RENDERERS: dict[str, str] = {
    "pdf": "briefing.renderers.pdf",
    "docx": "briefing.renderers.docx",
}

FORMATS = tuple(RENDERERS)

__all__ = ["FORMATS", "RENDERERS", "RenderOptions", "render"]


def render(
    doc: Document, fmt: str, template: Template, options: RenderOptions | None = None
) -> bytes:
    """Render one document in one format; the bytes of the finished file."""
    module = import_module(RENDERERS[fmt])
    data: bytes = module.render(doc, template, options or RenderOptions())
    return data
