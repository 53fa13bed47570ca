"""Rows of the side-by-side DOCX as a reader sees them laid out: what keeps together,
what may not split, the rules across both columns, figures in a column or across.

bilingual.py walks the two trees and writes one row of a borderless two-column table
per block; this module holds what makes those rows read like the PDF in Word and in
LibreOffice:

- "Prepared by" never starts a page alone: the row before it is kept with the next
  (``keep_last``), as the PDF keeps the end of what it closes with it.
- A short row does not split (``short``): LibreOffice applies no orphan control inside
  a table cell, so a note's label or a paragraph's first line would end a page alone.
- The PDF's rules across the page (under the title and memo blocks, over "Prepared
  by") are a row of one cell spanning both columns (``rule_row``): each cell's own rule
  would stop short of the gutter, and under two date lines of different length would
  sit at two heights (``date_line``).
- A figure's caption is not kept with what follows (``add_figure``), and a chart whose
  labels a column would cut is set across the page (``figures_in_columns``: the PDF's
  rule, pdf/bilingual.chart_fits).
"""

from __future__ import annotations

from briefing import tree
from briefing.renderers.docx.blocks import add_blocks
from briefing.renderers.docx.context import Context
from briefing.renderers.docx.front import DATE_SEPARATOR
from briefing.renderers.docx.look import eighths
from briefing.renderers.docx.ooxml import Element, clark, plain_run, sub, val
from briefing.renderers.docx.tables import CHAR_TWIPS

SHORT_LINES = 6  # estimated lines of a row that moves whole rather than split


def short(tr: Element, width: int) -> bool:
    """Whether each cell of ``tr`` holds at most SHORT_LINES lines (estimated from its
    text and ``width`` in twips, as tables.estimated_lines estimates). Such a row may
    not split: LibreOffice applies no orphan control inside a table cell, so a note's
    label or a paragraph's first line would otherwise end a page alone (the PDF keeps
    two lines at each end)."""
    per_line = max(1, width // CHAR_TWIPS)
    for tc in tr.iterchildren(clark("w:tc")):
        lines = 0
        for p in tc.iter(clark("w:p")):
            text = "".join(t.text or "" for t in p.iter(clark("w:t")))
            lines += 1 + len(p.findall(f".//{clark('w:br')}")) + len(text) // per_line
            if lines > SHORT_LINES:
                return False
    return True


def keep_next(p: Element, on: bool = True) -> None:
    """``w:keepNext`` on paragraph ``p``, where the schema puts it (after its style);
    ``on=False`` writes it off, overriding a style that keeps."""
    ppr = p.find(clark("w:pPr"))
    if ppr is None:
        ppr = p.makeelement(clark("w:pPr"), {})
        p.insert(0, ppr)
    found = ppr.find(clark("w:keepNext"))
    if found is not None:
        ppr.remove(found)
    keep = ppr.makeelement(clark("w:keepNext"), {} if on else {clark("w:val"): "0"})
    style = ppr.find(clark("w:pStyle"))
    ppr.insert(0 if style is None else list(ppr).index(style) + 1, keep)


def keep_last(body: Element) -> None:
    """What was written last in ``body`` (a paragraph, or a table's last row) kept on
    the page of what comes next: Word and LibreOffice keep a table row with the next
    when its paragraphs are kept with theirs."""
    last = body[-1] if len(body) else None
    if last is not None and last.tag == clark("w:tbl"):
        rows = last.findall(clark("w:tr"))
        last = rows[-1] if rows else None
    if last is None:
        return
    for p in [last] if last.tag == clark("w:p") else last.iter(clark("w:p")):
        keep_next(p)


def rule_row(
    ctx: Context, tbl: Element, width: int, before: float, after: float, keep: bool
) -> None:
    """The PDF's hairline across both columns of ``tbl`` (``width`` twips, the two grid
    columns), ``before`` and ``after`` points around it: a row of one cell spanning
    both, holding a paragraph one point high with a bottom border. The cell's margins
    are the table's, so the line runs from the page's left margin to its right, as
    the PDF's. A row, not a paragraph between two tables: LibreOffice then still keeps
    the closing rows with the row before them (``keep``: with the next row)."""
    tc = sub(sub(tbl, "w:tr"), "w:tc")
    pr = sub(tc, "w:tcPr")
    sub(pr, "w:tcW", {"w:w": str(width), "w:type": "dxa"})
    val(pr, "w:gridSpan", "2")
    theme = ctx.theme
    p = ctx.paragraph("Body Text", parent=tc, keep_next=keep)
    color = f"{int(theme.color('rule').lstrip('#'), 16):06X}"
    line = {"w:val": "single", "w:sz": eighths(theme.page.rule_width), "w:space": "0"}
    sub(sub(p[0], "w:pBdr"), "w:bottom", {**line, "w:color": color})
    spacing = {"w:before": str(round(before * 20)), "w:after": str(round(after * 20))}
    sub(p[0], "w:spacing", {**spacing, "w:line": "20", "w:lineRule": "exact"})


def date_line(ctx: Context, doc: tree.Document) -> None:
    """The date and reference in a cell, without the Date Line style's rule under
    them: each cell's would sit under its own text, at two heights when one side
    wraps. bilingual.py draws the style's rule once, across, after the row."""
    line = doc.date
    if doc.reference is not None:
        line += f"{DATE_SEPARATOR}{doc.reference.label}: {doc.reference.value}"
    p = ctx.paragraph("Date Line")
    sub(sub(p[0], "w:pBdr"), "w:bottom", {"w:val": "nil"})
    plain_run(p, line)


def add_figure(ctx: Context, f: tree.Figure) -> None:
    """A figure whose last line (caption or credit) is not kept with what follows, as
    the Caption style would keep it: in a cell that chains the row to the next one, and
    full width the first language's figure to the second's and that to the next row,
    so a page could break nowhere between them (the PDF keeps nothing after a figure)."""
    add_blocks(ctx, (f,))
    keep_next(ctx.body[-1], on=False)


def figures_in_columns(
    ctx: Context, x: tree.Figure, y: tree.Figure
) -> tuple[tree.Figure, tree.Figure] | None:
    """The two figures sized for their columns (pdf/bilingual.in_column), or None where
    a chart's labels would be cut there: the PDF's rule, measured with the template's
    fonts (the PDF kit is cached), so both formats set the same charts full width."""
    from briefing.renderers.pdf.bilingual import chart_fits, half_width, in_column
    from briefing.renderers.pdf.kit import kit

    if ctx.template is None:
        return x, y
    k = kit(ctx.template)
    placed = in_column(x, k), in_column(y, k)
    return placed if all(chart_fits(f, k, half_width(k)) for f in placed) else None
