"""The PDF renderer: a document tree and a template -> the bytes of a PDF (ReportLab).

ReportLab draws; this package lays out the memo with the template's look. Modules, by
concern (the same names as in the DOCX package for the same concern):

- document.py  assembly: page templates, the story, metadata, language, reproducibly
- front.py     title block, memo block, "Prepared by"
- page.py      page furniture: marking, running header, footer with "Page X of Y"
- contents.py  the optional contents page (--toc); outline.py, the bookmarks it lists
- blocks.py    sections and body blocks: paragraphs, quotes, notes, dispatched by type
- lists.py     bulleted and numbered lists
- tables.py    data tables: built from the tree, split between rows, header repeated
- inline.py    runs -> pieces of text in one face, never markup
- textblock.py the paragraph flowable: layout, page breaks; linebreak.py where lines
               break, textdraw.py drawing its lines, textfont.py font measures
- boxes.py     quote and note boxes, label/value rows; keep.py keep-with-next
- links.py     link annotations; metadata.py info dates and XMP; canvas.py deferred drawing
- styles.py    paragraph styles from the theme; theme.py the theme as the renderer asks it
- fonts.py     the template's TrueType fonts registered once (fastfont.py, faster encoding)
- kit.py       all of the template's part, prepared once per process and template
- lazyre.py    ReportLab's URL pattern compiled on first use, not at import

ReportLab is imported only when a PDF is rendered. Characters no font of the template
can show are refused before this package is called (briefing/renderers/__init__.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.renderers.pdf.lazyre import defer

if TYPE_CHECKING:
    from briefing.renderers.options import RenderOptions
    from briefing.templates import Template
    from briefing.tree import Document

__all__ = ["prepare", "render"]

defer()  # before any module of this package imports ReportLab (lazyre.py)


def render(doc: Document, template: Template, options: RenderOptions | None = None) -> bytes:
    """Render ``doc`` with ``template``'s look; the finished PDF file's bytes."""
    from briefing.renderers.options import RenderOptions
    from briefing.renderers.pdf.document import render as _render

    return _render(doc, template, options or RenderOptions())


def prepare(template: Template) -> None:
    """Import ReportLab and load the template's fonts and styles, before any render.

    What a warm worker or watch mode does once, so each render pays only for itself.
    The modules that draw (figures too: imported on a brief's first figure) are
    imported here as well, so a helper forked after this (fork.py) shares them instead
    of importing its own copy of some twenty modules.
    """
    from importlib import import_module

    from briefing.renderers.pdf.kit import kit

    for name in ("document", "figures"):
        import_module(f"{__name__}.{name}")
    kit(template)
