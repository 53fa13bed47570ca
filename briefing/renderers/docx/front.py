"""The memo's front matter: title block, memo block, and the closing "Prepared by".

These are the parts a reader recognizes a ministry memo by, and they are the same for
every brief: the document type line, title and subtitle, the date and the document
number on one line over the title block's rule, the To/From/Cc/Subject/Date block as
a two-column table with a label column of the theme's width, and "Prepared by" in
the same two columns where the tree puts it (before the annexes). It is the PDF's
layout (renderers/pdf/front.py), line for line. They are body paragraphs and a table,
not page furniture (page.py), so a long title or many memo rows push the body down.
"""

from __future__ import annotations

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.ooxml import plain_run, sub
from briefing.renderers.docx.tables import add_cell, new_table, row_properties
from briefing.tree import Document, MemoRow

# Between the date and the document number, as the PDF writes it.
DATE_SEPARATOR = "\u00a0\u00a0·\u00a0\u00a0"


def add_title_block(ctx: Context, doc: Document, marking_here: bool = False) -> None:
    """``marking_here``: the marking once, top right of page 1, not in the header
    (the theme's [document] marking = "first_page_right")."""
    if marking_here and doc.marking:
        plain_run(ctx.paragraph("Marking First Page"), doc.marking)
    doc_type = ctx.paragraph("Document Type")
    if ctx.template is not None and ctx.template.theme.logo is not None:
        from briefing.renderers.docx.figures import add_logo

        add_logo(ctx, ctx.template, doc_type)  # the letterhead, above the document type
    plain_run(doc_type, doc.doc_type)
    plain_run(ctx.paragraph("Title"), doc.title)
    if doc.subtitle:
        plain_run(ctx.paragraph("Subtitle"), doc.subtitle)
    line = doc.date
    if doc.reference is not None:
        line += f"{DATE_SEPARATOR}{doc.reference.label}: {doc.reference.value}"
    plain_run(ctx.paragraph("Date Line"), line)


def add_memo_block(ctx: Context, doc: Document) -> None:
    if not doc.memo:
        return
    label_w = min(round(ctx.theme.spacing.memo_label_width * 20), ctx.text_width // 2)
    widths = [label_w, ctx.text_width - label_w]
    tbl = new_table(ctx, "Memo Table", widths, header=False)
    for row in doc.memo:
        tr = sub(tbl, "w:tr")
        row_properties(tr, (row.label, row.value), widths)  # a long To: line may split
        plain_run(add_cell(ctx, tr, widths[0], "Memo Label"), row.label)
        plain_run(add_cell(ctx, tr, widths[1], "Memo Value"), row.value)


def add_prepared_by(ctx: Context, row: MemoRow) -> None:
    p = ctx.paragraph("Prepared By")
    # The style's tab stop and hanging indent make the memo block's two columns.
    plain_run(p, row.label, bold=True)
    plain_run(p, f"\t{row.value}")
