"""The DOCX renderer: a document tree plus a template's reference.docx -> .docx bytes.

The look lives in the reference document (styles, numbering, page); this package only
names styles and writes structure. Modules, by concern:

- document.py  assembly: open the reference, write the memo, save reproducibly
- page.py      title block, memo block, header marking, "Page X of Y" footer fields
- toc.py       the optional table of contents (--toc) and the heading bookmarks
- fields.py    complex fields (PAGE, NUMPAGES, TOC) as Word writes them
- blocks.py    sections and body blocks; lists.py, tables.py, inline.py for the rest
- numbering.py list definitions and one numbering instance per numbered list
- styles.py    style name -> id, resolved once per document, with fallbacks
- language.py  the proofing language on document defaults and styles
- settings.py  switches in settings.xml, in schema order
- package.py   core properties, stale parts dropped, fixed zip timestamps
- fonts.py     the memo's fonts embedded (obfuscated, as Word expects)
"""

from __future__ import annotations

from briefing.renderers.docx.document import build_document, prepare, render

__all__ = ["build_document", "prepare", "render"]
