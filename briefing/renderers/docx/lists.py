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
from briefing.renderers.docx.ooxml import Element, clark, sub
from briefing.tree import ListBlock

STYLES = {
    False: ("List Bullet", "List Bullet 2", "List Bullet 3"),
    True: ("List Number", "List Number 2", "List Number 3"),
}


def add_list(ctx: Context, block: ListBlock, space_before: int | None = None) -> None:
    """The list's paragraphs; the last one, nested or not, ends with the block gap that
    follows any block (the PDF's), where the items between them have the list's own."""
    last = add_items(ctx, block, 0, space_before)
    ppr = None if last is None else last.find(clark("w:pPr"))
    if ppr is not None:
        spacing = ppr.find(clark("w:spacing"))
        if spacing is None:
            spacing = sub(ppr, "w:spacing")  # the last of the w:pPr children it has
        spacing.set(clark("w:after"), str(round(ctx.theme.spacing.block * 20)))


def add_items(
    ctx: Context, block: ListBlock, depth: int, space_before: int | None
) -> Element | None:
    """The paragraphs of ``block``'s items at nesting ``depth`` (their nested lists
    one level deeper), numbered by a definition of its own if ordered; the last
    paragraph written, or None. Public for the side-by-side memo, whose cell holds one
    item and writes the item's nested list with this."""
    level = min(depth, len(STYLES[block.ordered]) - 1)
    num_id = ctx.numbering.new_numbered() if block.ordered else ctx.numbering.bullets
    style = STYLES[block.ordered][level]
    last: Element | None = None
    for item in block.items:
        last = ctx.paragraph(style, num=(num_id, level), space_before=space_before)
        space_before = None
        add_runs(ctx, last, item.runs)
        if ctx.referenced(item.anchor):
            from briefing.renderers.docx.xrefs import mark_runs

            mark_runs(ctx, item.anchor, last)  # a source: where citations of it lead
        if item.children is not None:
            nested = add_items(ctx, item.children, depth + 1, None)
            last = last if nested is None else nested
    return last
