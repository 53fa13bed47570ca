"""The memo's front matter: title block, memo block, and the closing "Prepared by".

These are the parts a reader recognizes a ministry memo by, and they are the same for
every brief: the document type line, title and subtitle, a date line with the document
number on the right, the To/From/Cc/Subject/Date block as a borderless two-column
table, and "Prepared by" where the tree puts it (before the annexes). They are body
paragraphs and a table, not page furniture (page.py), so a long title or many memo
rows push the body down.
"""

from __future__ import annotations

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.ooxml import plain_run, sub
from briefing.renderers.docx.tables import add_cell, new_table, row_properties
from briefing.tree import Document, MemoRow

MEMO_LABEL_SHARE = 0.24  # of the text width


def add_title_block(ctx: Context, doc: Document, marking_here: bool = False) -> None:
    """``marking_here``: the marking once, top right of page 1, not in the header
    (the theme's [document] marking = "first_page_right")."""
    if marking_here and doc.marking:
        plain_run(ctx.paragraph("Marking First Page"), doc.marking)
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


def add_prepared_by(ctx: Context, row: MemoRow) -> None:
    p = ctx.paragraph("Prepared By")
    plain_run(p, f"{row.label}: ", bold=True)
    plain_run(p, row.value)
