"""The optional table of contents (``--toc``): a real TOC field, already filled in.

Word builds a table of contents from a ``TOC`` field over the heading outline levels.
A field with an empty result shows nothing until someone updates it (LibreOffice shows
an empty box), so the renderer writes a result: one "TOC 1-3" paragraph per heading,
each a hyperlink to a bookmark on its heading. Word rebuilds the field on open, with
page numbers, because ``w:updateFields`` (set by document.py) asks it to.

The written result has no page numbers on purpose: only a reader that lays out the
pages knows them, and LibreOffice shows a TOC field's result as written rather than
computing the ``PAGEREF`` fields inside it, so any number written here would be wrong
in LibreOffice and in its PDF export. Linked headings are never wrong; "Update index"
in LibreOffice, or Word on open, adds the numbers.

Bookmarks are named ``_Toc`` plus the heading's position in reading order, which is the
order ``add_section`` writes the headings in, so the entries can be written before their
headings exist.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.fields import field_char, instruction
from briefing.renderers.docx.ooxml import Element, plain_run, sub
from briefing.tree import Document, walk_sections

LEVELS = 3
TOC_FIELD = f'TOC \\o "1-{LEVELS}" \\h \\z \\u'


def bookmark_name(index: int) -> str:
    """The bookmark on the ``index``-th heading (0-based, reading order)."""
    return f"_Toc{index + 1:08d}"


def add_toc(ctx: Context, doc: Document) -> None:
    """The contents title, then the TOC field whose result lists every heading."""
    sections = walk_sections(doc.sections)
    if not sections:
        return
    plain_run(ctx.paragraph("TOC Heading"), doc.contents_title)
    last = len(sections) - 1
    for index, section in enumerate(sections):
        p = ctx.paragraph(f"TOC {min(max(section.level, 1), LEVELS)}")
        if index == 0:
            field_char(p, "begin")
            instruction(p, TOC_FIELD)
            field_char(p, "separate")
        name = bookmark_name(index)
        link = sub(p, "w:hyperlink", {"w:anchor": name, "w:history": "1"})
        plain_run(link, section.heading)
        if index == last:
            field_char(p, "end")


def add_bookmark(heading: Element, index: int) -> None:
    """Wrap the runs of ``heading`` (a w:p) in the bookmark its TOC entry points at."""
    start = sub(heading, "w:bookmarkStart", {"w:id": str(index), "w:name": bookmark_name(index)})
    ppr = heading.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)  # after the paragraph properties, before the text
    sub(heading, "w:bookmarkEnd", {"w:id": str(index)})
