"""The DOCX renderer: a document tree plus a template's reference.docx -> .docx bytes.

The look lives in the reference document (styles, numbering, page); this package only
names styles and writes structure. Modules, by concern (the same names as in the PDF
package for the same concern):

- document.py  assembly: open the reference, write the memo, save reproducibly
- front.py     title block, memo block, "Prepared by"
- page.py      page furniture: header marking, "Page X of Y" footer fields
- contents.py  the optional table of contents (--toc) and the heading bookmarks
- blocks.py    sections and body blocks: paragraphs, quotes, notes, dispatched by type
- lists.py     bulleted and numbered lists; numbering.py, a new instance per numbered list
- tables.py    data tables: caption, repeated header row, fixed widths
- inline.py    runs -> w:r elements, links -> hyperlinks
- fields.py    complex fields (PAGE, NUMPAGES, TOC) as Word writes them
- styles.py    style name -> id, resolved once per document, with fallbacks (stylenames.py)
- context.py   what every block writer needs; ooxml.py small helpers for writing OOXML
- language.py  the proofing language on document defaults and styles
- settings.py  switches in settings.xml, in schema order
- package.py   core properties, stale parts dropped, fixed zip timestamps (zipwriter.py)
- fonts.py     the memo's fonts embedded (obfuscated, as Word expects)
- reference.py the template's reference.docx read as untrusted input, rebuilt clean

python-docx and lxml are imported only when a DOCX is rendered, not when another module
of this package is (the template check reads reference.docx with reference.py alone).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.renderers.options import RenderOptions
    from briefing.templates import Template
    from briefing.tree import Document

__all__ = ["prepare", "render"]


def render(doc: Document, template: Template, options: RenderOptions | None = None) -> bytes:
    """The finished .docx; the same tree, template and options always give the same bytes."""
    from briefing.renderers.docx.document import render as _render

    return _render(doc, template, options)


def prepare(template: Template) -> None:
    """Read the reference document and the fonts to embed once, before any render."""
    from briefing.renderers.docx.document import prepare as _prepare

    _prepare(template)
