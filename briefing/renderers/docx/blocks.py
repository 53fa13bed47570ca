"""Sections and body blocks in reading order: paragraphs, quotes, notes.

One function per block kind of the tree, dispatched by type; lists.py writes the lists
and tables.py the data tables. The title block and page furniture live in front.py
and page.py; this module only knows what a brief's body can hold.
"""

from __future__ import annotations

from briefing.renderers.docx.contents import add_bookmark
from briefing.renderers.docx.context import Context
from briefing.renderers.docx.inline import add_runs
from briefing.renderers.docx.lists import add_list
from briefing.renderers.docx.ooxml import plain_run, sub
from briefing.renderers.docx.tables import add_table
from briefing.tree import (
    BlockNode,
    Figure,
    ListBlock,
    Note,
    Paragraph,
    Quote,
    SectionNode,
    Table,
    introduces,
)

# Gaps no paragraph style can express: above a paragraph or list that directly
# follows a table or a quote without attribution (the PDF's space after a block).
# (A list ends with the same gap, lists.py, so two lists in a row stay apart.)
QUOTE_PAD = 3.0  # pt below the text in the PDF's quote box


def add_section(ctx: Context, section: SectionNode) -> None:
    """Heading (level 1-3, which feeds the navigation pane), blocks, sub-sections."""
    level = min(max(section.level, 1), 3)
    heading = ctx.paragraph(f"Heading {level}", page_break_before=section.page_break_before)
    if not ctx.referenced(section.anchor):
        plain_run(heading, section.heading)
    else:
        from briefing.renderers.docx.xrefs import add_heading

        add_heading(ctx, heading, section)  # bookmarked: what a reference to it prints
    if ctx.bookmark_headings:
        add_bookmark(heading, ctx.headings_written)
    ctx.headings_written += 1
    add_blocks(ctx, section.blocks)
    for child in section.children:
        add_section(ctx, child)


def add_blocks(ctx: Context, blocks: tuple[BlockNode, ...]) -> None:
    previous: BlockNode | None = None
    spacing, styles = ctx.theme.spacing, ctx.theme.styles
    after_table = round(spacing.block * 20)
    # The PDF's quote box: its padding and space after, less the quote's own space after.
    after_quote = round((QUOTE_PAD + spacing.block + 2 - styles["quote"].space_after) * 20)
    for block in blocks:
        gap: int | None = None
        if isinstance(previous, Table):
            gap = after_table
        elif isinstance(previous, Quote) and not previous.by:
            gap = after_quote
        if isinstance(block, Paragraph):
            # a lead-in ("...as follows:") stays on the page of what it introduces
            keep = introduces(block.runs)
            add_runs(ctx, ctx.paragraph("Body Text", keep_next=keep, space_before=gap), block.runs)
        elif isinstance(block, ListBlock):
            add_list(ctx, block, space_before=gap)
        elif isinstance(block, Table):
            add_table(ctx, block)
        elif isinstance(block, Quote):
            add_quote(ctx, block)
        elif isinstance(block, Note):
            add_note(ctx, block)
        elif isinstance(block, Figure):
            from briefing.renderers.docx.figures import add_figure

            add_figure(ctx, block, ctx.template)
        else:  # pragma: no cover - the tree's BlockNode union is closed
            raise TypeError(f"unknown block {type(block).__name__}")
        previous = block


def add_quote(ctx: Context, quote: Quote) -> None:
    add_runs(ctx, ctx.paragraph("Quote", keep_next=quote.by is not None), quote.runs)
    if quote.by:
        p = ctx.paragraph("Attribution")
        plain_run(p, "\u2014 ")  # an em dash introduces the speaker
        add_runs(ctx, p, quote.by)


def add_note(ctx: Context, note: Note) -> None:
    """A call-out box: the localized label in bold, then the text on the next line."""
    p = ctx.paragraph("Call-out Note")
    label = plain_run(p, note.label, bold=True)
    sub(label, "w:br")
    add_runs(ctx, p, note.runs)
