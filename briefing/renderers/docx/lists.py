"""Bulleted and numbered lists, nested up to three levels.

Each item is one paragraph in "List Bullet"/"List Number" (2, 3 for deeper levels)
with an explicit ``w:numPr`` (numId, ilvl): the style gives spacing, the numbering
definition gives glyph and indent, and the explicit level makes the nesting survive a
template whose list styles are not linked to numbering. A numbered list, nested or
not, gets its own numbering instance so it starts at 1 (see numbering.py).
"""

from __future__ import annotations

from briefing.renderers.docx.context import Context
from briefing.renderers.docx.inline import add_runs
from briefing.tree import ListBlock

STYLES = {
    False: ("List Bullet", "List Bullet 2", "List Bullet 3"),
    True: ("List Number", "List Number 2", "List Number 3"),
}


def add_list(
    ctx: Context, block: ListBlock, depth: int = 0, space_before: int | None = None
) -> None:
    level = min(depth, len(STYLES[block.ordered]) - 1)
    num_id = ctx.numbering.new_numbered() if block.ordered else ctx.numbering.bullets
    style = STYLES[block.ordered][level]
    for item in block.items:
        p = ctx.paragraph(style, num=(num_id, level), space_before=space_before)
        space_before = None
        add_runs(ctx, p, item.runs)
        if item.children is not None:
            add_list(ctx, item.children, depth + 1)
