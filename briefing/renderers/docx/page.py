"""Page furniture and the memo's fixed parts: title block, memo block, header,
footer, "Prepared by".

These are the parts a reader recognizes a ministry memo by, and they are the same
for every brief: the document type line, title and subtitle, a date line with the
document number on the right, the To/From/Cc/Subject/Date block as a borderless
two-column table, the classification marking at the top of every page, and a footer
"Page X of Y" made of real PAGE and NUMPAGES fields so Word and LibreOffice count the
pages themselves.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.section import _BaseHeaderFooter

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.fields import add_field
from briefing.renderers.docx.ooxml import Element, plain_run, sub
from briefing.renderers.docx.tables import add_cell, new_table, row_properties
from briefing.tree import Document

MEMO_LABEL_SHARE = 0.24  # of the text width


def add_title_block(ctx: Context, doc: Document) -> None:
    plain_run(ctx.paragraph("Document Type"), doc.doc_type)
    plain_run(ctx.paragraph("Title"), doc.title)
    if doc.subtitle:
        plain_run(ctx.paragraph("Subtitle"), doc.subtitle)
    line = ctx.paragraph("Date Line")
    plain_run(line, doc.date)
    if doc.reference is not None:
        # The Date Line style has a right tab stop at the text edge.
        plain_run(line, f"\t{doc.reference.label}: {doc.reference.value}")


def add_memo_block(ctx: Context, doc: Document) -> None:
    if not doc.memo:
        return
    label_w = int(ctx.text_width * MEMO_LABEL_SHARE)
    widths = [label_w, ctx.text_width - label_w]
    tbl = new_table(ctx, "Memo Table", widths, header=False)
    for row in doc.memo:
        tr = sub(tbl, "w:tr")
        row_properties(tr, (row.label, row.value), widths)  # a long To: line may split
        plain_run(add_cell(ctx, tr, widths[0], "Memo Label"), row.label)
        plain_run(add_cell(ctx, tr, widths[1], "Memo Value"), row.value)


def add_prepared_by(ctx: Context, doc: Document) -> None:
    if doc.prepared_by is None:
        return
    p = ctx.paragraph("Prepared By")
    plain_run(p, f"{doc.prepared_by.label}: ", bold=True)
    plain_run(p, doc.prepared_by.value)


def add_header_footer(document: DocxDocument, ctx: Context, doc: Document) -> None:
    """Marking in the header, document number and "Page X of Y" in the footer."""
    section = document.sections[0]
    if doc.marking:
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
