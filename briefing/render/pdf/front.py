"""The first page's title block, the memo block, and the closing "Prepared by" row.

These are flowables, not canvas drawing, so a long title or many memo rows push the
body down instead of overlapping it. Label/value rows are a two-column table whose
label column has the theme's fixed width, so the values line up.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import HRFlowable, Table, TableStyle

from briefing import tree

from .blocks import Blocks, _padding
from .theme import Theme


def title_block(doc: tree.Document, b: Blocks, theme: Theme) -> list[Any]:
    out: list[Any] = [b.plain(doc.doc_type, "doctype"), b.plain(doc.title, "title")]
    if doc.subtitle:
        out.append(b.plain(doc.subtitle, "subtitle"))
    line = [b.text(doc.date, "dateline")]
    if doc.reference is not None:
        ref = (
            f"{b.text(doc.reference.label, 'dateline')}: {b.text(doc.reference.value, 'dateline')}"
        )
        line.append(ref)
    out.append(_para(b, "&nbsp;&nbsp;·&nbsp;&nbsp;".join(line), "dateline"))
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


def prepared_by(row: tree.MemoRow, b: Blocks, theme: Theme) -> list[Any]:
    rule = _rule(
        theme, b.width, theme.length("page", "rule_width", 0.5), "rule", before=14, after=4
    )
    return [rule, rows_table((row,), b, theme)]


def rows_table(rows: tuple[tree.MemoRow, ...], b: Blocks, theme: Theme) -> Table:
    label_w = theme.spacing("memo_label_width", "32mm")
    data = [[b.plain(r.label, "memo_label"), b.plain(r.value, "memo_value")] for r in rows]
    lab, val = b.sheet["memo_label"], b.sheet["memo_value"]
    cmds = [
        ("FONT", (0, 0), (0, -1), lab.fontName, lab.fontSize, lab.leading),
        ("FONT", (1, 0), (1, -1), val.fontName, val.fontSize, val.leading),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *_padding(1.5, left=0, right=6),
    ]
    t = Table(data, colWidths=[label_w, b.width - label_w], style=TableStyle(cmds), hAlign="LEFT")
    t.keepWithNext = 0
    return t


def _para(b: Blocks, markup: str, style: str) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(markup, b.sheet[style])


def _rule(
    theme: Theme, width: float, thickness: float, color: str, before: float, after: float
) -> HRFlowable:
    return HRFlowable(
        width=width, thickness=thickness, color=theme.color(color),
        spaceBefore=before, spaceAfter=after, hAlign="LEFT",
    )  # fmt: skip
