"""The table of renderers: a format name maps to the module that writes it.

Modules are imported on first use, so commands that do not render (validate,
languages, schema) never pay for importing reportlab or python-docx. Before any
renderer draws, :func:`render` asks briefing/glyphs.py whether the template's fonts can
show every character of the document: reportlab would draw an empty box and Word would
silently take another font, so both renderers rely on this one guard.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from briefing.errors import BriefError, UnknownFormat
from briefing.renderers.options import RenderOptions
from briefing.templates import Template
from briefing.tree import Document, all_texts

if TYPE_CHECKING:
    from briefing.bilingual import Pair

RENDERERS: dict[str, str] = {
    "pdf": "briefing.renderers.pdf",
    "docx": "briefing.renderers.docx",
}

FORMATS = tuple(RENDERERS)

__all__ = ["FORMATS", "RENDERERS", "RenderOptions", "check_format", "render"]


def check_format(fmt: str) -> str:
    """``fmt`` if a renderer writes it, else UnknownFormat naming those that exist."""
    if fmt not in RENDERERS:
        raise UnknownFormat(f"unknown format {fmt!r} (known: {', '.join(FORMATS)}, or all)")
    return fmt


def render(
    doc: Document | Pair, fmt: str, template: Template, options: RenderOptions | None = None
) -> bytes:
    """Render one document in one format; the bytes of the finished file. A pair of
    documents (two languages side by side) goes to the format's bilingual module."""
    name = RENDERERS[check_format(fmt)]
    if isinstance(doc, Document):
        check_coverage(doc, template)
        data: bytes = import_module(name).render(doc, template, options or RenderOptions())
        return data
    for one in doc.docs:
        check_coverage(one, template)
    data = import_module(f"{name}.bilingual").render(doc, template, options or RenderOptions())
    return data


def check_coverage(doc: Document, template: Template) -> None:
    """Refuse to draw a character no font of the template can show.

    The pipeline checks coverage earlier, with positions in the brief (api.check); this
    is the renderers' own guard, so a tree that skipped that check still cannot produce
    a silent box or a substituted font.
    """
    from briefing.glyphs import missing_chars

    missing = missing_chars("\n".join(all_texts(doc)), template)
    if missing:
        listed = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing)
        raise BriefError(f"no font of template {template.name!r} can show: {listed}")
