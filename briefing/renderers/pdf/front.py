"""The first page's title block, the memo block, and the closing "Prepared by" row.

These are flowables, not canvas drawing, so a long title or many memo rows push the
body down instead of overlapping it. Label/value rows (boxes.Rows) have a label column
of the theme's fixed width, so the values line up.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import HRFlowable

from briefing import tree
from briefing.renderers.pdf.blocks import Blocks
from briefing.renderers.pdf.boxes import Rows
from briefing.renderers.pdf.textblock import TextBlock
from briefing.renderers.pdf.theme import Theme


def title_block(doc: tree.Document, b: Blocks, theme: Theme) -> list[Any]:
    out: list[Any] = []
    if theme.data.logo is not None:  # the letterhead: only a template with [logo]
        from briefing.renderers.pdf.figures import letterhead

        out += [f for f in (letterhead(b.kit),) if f is not None]
    if doc.marking and theme.data.document.marking == "first_page_right":
        out.append(b.tag(_marking_right(doc.marking, doc.classification, b, theme), "P"))
    out += [b.tag(b.plain(doc.doc_type, "doctype"), "P"), b.tag(b.plain(doc.title, "title"), "H1")]
    if doc.subtitle:
        out.append(b.tag(b.plain(doc.subtitle, "subtitle"), "P"))
    line = doc.date
    if doc.reference is not None:
        line += f"\u00a0\u00a0·\u00a0\u00a0{doc.reference.label}: {doc.reference.value}"
    out.append(b.tag(b.plain(line, "dateline"), "P"))
    out.append(_rule(theme, b.width, theme.spacing("title_rule", 1.2), "navy", before=6, after=4))
    if doc.memo:
        out.append(rows_table(doc.memo, b, theme))
        out.append(
            _rule(
                theme, b.width, theme.length("page", "rule_width", 0.5), "rule", before=4, after=10
            )
        )
    else:
        out.append(b.spacer(6))
    return out


def _marking_right(text: str, level: str | None, b: Blocks, theme: Theme) -> TextBlock:
    """The marking as the Russian practice places it: once, at the top right of the
    first page, in its level's colour (the page furniture then leaves it out)."""
    color = theme.marking_color(level)
    style = b.texts.sheet["marking"].clone("marking@right", alignment=TA_RIGHT, spaceAfter=8)
    pieces = [replace(p, color=color) for p in b.texts.pieces((tree.Run(text),), "marking")]
    return TextBlock(pieces, style)


def prepared_by(row: tree.MemoRow, b: Blocks, theme: Theme) -> list[Any]:
    rule = _rule(
        theme, b.width, theme.length("page", "rule_width", 0.5), "rule", before=14, after=4
    )
    return [rule, rows_table((row,), b, theme)]


def rows_table(rows: tuple[tree.MemoRow, ...], b: Blocks, theme: Theme) -> Rows:
    """Label/value rows; the label column has the theme's fixed width, so values align.
    Tagged as the table it is: a TR per row, its label a TH with row scope."""
    label_w = theme.spacing("memo_label_width", "32mm")
    pairs = [(b.plain(r.label, "memo_label"), b.plain(r.value, "memo_value")) for r in rows]
    node = b.parent.add("Table")
    for label, value in pairs:
        tr = node.add("TR")
        label.node = tr.add("TH", scope="Row")
        value.node = tr.add("TD")
    return Rows(pairs, label_w)


def _rule(
    theme: Theme, width: float, thickness: float, color: str, before: float, after: float
) -> HRFlowable:
    return HRFlowable(
        width=width, thickness=thickness, color=theme.color(color),
        spaceBefore=before, spaceAfter=after, hAlign="LEFT",
    )  # fmt: skip
