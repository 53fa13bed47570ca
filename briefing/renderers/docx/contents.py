"""The optional table of contents (``--toc``): a real TOC field, already filled in.

Word builds a table of contents from a ``TOC`` field over the heading outline levels.
A field with an empty result shows nothing until someone updates it (and LibreOffice
shows the result as written), so the renderer writes the result Word would: one
"TOC 1-2" paragraph per heading of level 1 and 2 (the depth of the PDF's contents
page), each a hyperlink to a bookmark on its heading, with a dot leader and the page
number as a ``PAGEREF`` field.

The page numbers are the PDF's: the same tree is laid out by the PDF renderer with
the same theme, and the DOCX is styled to paginate as the PDF does (themed.py; the
comparison with LibreOffice's layout is tests/render/test_docx_parity.py). So the
contents are right in Word and LibreOffice without updating the field, and Word opens
the file without asking to (no ``w:updateFields``). Where Word's own layout differs
(other fonts installed, a later edit), "Update field" recomputes the numbers. The
body starts on a new page after the contents, as in the PDF.

Bookmarks are named ``_Toc`` plus the heading's position in reading order, which is the
order ``add_section`` writes the headings in, so the entries can be written before their
headings exist.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.fields import add_field, field_char, instruction
from briefing.renderers.docx.ooxml import Element, plain_run, sub
from briefing.renderers.options import RenderOptions
from briefing.templates import Template
from briefing.tree import Document, walk_sections

LEVELS = 2  # as the PDF's contents page: sections and their sub-sections
TOC_FIELD = f'TOC \\o "1-{LEVELS}" \\h \\z \\u'


def bookmark_name(index: int) -> str:
    """The bookmark on the ``index``-th heading (0-based, reading order)."""
    return f"_Toc{index + 1:08d}"


def heading_pages(doc: Document, template: Template, options: RenderOptions) -> list[int]:
    """The page of every heading, in reading order, as the PDF renderer lays them out
    (with its contents page, so the body starts where the DOCX's does)."""
    from dataclasses import replace

    from briefing.renderers.pdf.document import render
    from briefing.renderers.pdf.outline import Outline

    outline = Outline()
    # Tags and PDF/A change no position on any page: the layout is had without them.
    render(doc, template, replace(options, toc=True, pdf_tags=False, pdf_standard=()), outline)
    return [outline.pages.get(entry.key, 0) for entry in outline.entries]


def add_toc(ctx: Context, doc: Document, pages: list[int]) -> None:
    """The contents title, then the TOC field whose result lists the headings of the
    first ``LEVELS`` levels with ``pages`` (one per heading, reading order)."""
    sections = walk_sections(doc.sections)
    listed = [(i, s) for i, s in enumerate(sections) if min(max(s.level, 1), 3) <= LEVELS]
    if not listed:
        return
    plain_run(ctx.paragraph("TOC Heading"), doc.contents_title)
    last = len(listed) - 1
    for n, (index, section) in enumerate(listed):
        p = ctx.paragraph(f"TOC {max(section.level, 1)}")
        if n == 0:
            field_char(p, "begin")
            instruction(p, TOC_FIELD)
            field_char(p, "separate")
        name = bookmark_name(index)
        link = sub(p, "w:hyperlink", {"w:anchor": name, "w:history": "1"})
        plain_run(link, section.heading)
        plain_run(link, "\t")
        page = pages[index] if index < len(pages) else 0
        add_field(link, f"PAGEREF {name} \\h", str(page) if page else "")
        if n == last:
            field_char(p, "end")


def add_bookmark(heading: Element, index: int) -> None:
    """Wrap the runs of ``heading`` (a w:p) in the bookmark its TOC entry points at."""
    start = sub(heading, "w:bookmarkStart", {"w:id": str(index), "w:name": bookmark_name(index)})
    ppr = heading.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)  # after the paragraph properties, before the text
    sub(heading, "w:bookmarkEnd", {"w:id": str(index)})
