"""Page furniture: the classification marking in the header, the footer's "Page X of Y".

The marking goes at the top of every page, and the footer holds the document number
on the left and "Page X of Y" on the right, made of real PAGE and NUMPAGES fields so
Word and LibreOffice count the pages themselves. The title block, memo block and
"Prepared by" are body content and live in front.py.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.section import _BaseHeaderFooter

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.fields import add_field
from briefing.renderers.docx.ooxml import Element, plain_run
from briefing.tree import Document


def add_header_footer(
    document: DocxDocument, ctx: Context, doc: Document, marking: bool = True
) -> None:
    """Marking in the header (unless ``marking`` is off: then front.py puts it on page
    1), document number and "Page X of Y" in the footer."""
    section = document.sections[0]
    if doc.marking and marking:
        header = _cleared(section.header)
        plain_run(ctx.paragraph("Classification Marking", parent=header), doc.marking)
    footer = _cleared(section.footer)
    p = ctx.paragraph("Footer", parent=footer)
    # The Footer style has a centre and a right tab stop: number left, pages right.
    plain_run(p, (doc.reference.value if doc.reference else "") + "\t\t")
    head, mid, tail = doc.page_label_parts()
    if head:
        plain_run(p, head)
    add_field(p, "PAGE", "1")
    if mid:
        plain_run(p, mid)
    add_field(p, "NUMPAGES", "1")
    if tail:
        plain_run(p, tail)


def _cleared(header_or_footer: _BaseHeaderFooter) -> Element:
    """The w:hdr / w:ftr root of a section's own definition, emptied.

    python-docx adds the part (and its relationship) on first access; there is no
    public handle on the root element, hence the one private attribute.
    """
    header_or_footer.is_linked_to_previous = False
    root: Element = header_or_footer._element
    for child in list(root):
        root.remove(child)
    return root
