"""Every Word style the theme describes, as the PDF draws the same element.

One entry a style: the text of its theme style (look.text_look), then what the PDF
draws around it made a paragraph property: the title block's rule, the quote's bar,
the note's shaded box, the table styles' rules and banded rows, the running header's
and footer's rules and tab stops, the marking's box. Separate from themed.py, which
writes these looks into a reference document: this is the table of what each looks
like, the part that changes when the PDF's look does.
"""

from __future__ import annotations

from collections.abc import Callable

from briefing.renderers.docx.furniture import LINE, MARKING_PAD, MARKING_RULE, furniture_geometry
from briefing.renderers.docx.look import Look, border, hexcolor, tabs, text_look, tw
from briefing.theme import Theme


def looks(theme: Theme) -> dict[tuple[str, str], Look]:
    """Every style the theme describes, by (type, lower-case Word name)."""
    st, c, sp, p = theme.styles, theme.color, theme.spacing, theme.page
    # The text width as Word computes it, from the page and margins in whole twips.
    width = (int(tw(p.width)) - int(tw(p.margin_left)) - int(tw(p.margin_right))) / 20
    geo = furniture_geometry(theme)
    out: dict[tuple[str, str], Look] = {}

    def para(name: str, key: str, change: Callable[[Look], None] | None = None) -> None:
        look = text_look(theme, st[key])
        if change is not None:
            change(look)
        out[("paragraph", name.lower())] = look

    def keep(look: Look) -> None:
        look.ppr["keepNext"] = "<w:keepNext/>"

    def heading(level: int) -> Callable[[Look], None]:
        def change(look: Look) -> None:
            look.ppr["keepNext"] = "<w:keepNext/>"
            look.ppr["keepLines"] = "<w:keepLines/>"
            look.ppr["outlineLvl"] = f'<w:outlineLvl w:val="{level - 1}"/>'

        return change

    base = text_look(theme, st["body"])
    base.ppr["spacing"] = (
        f'<w:spacing w:before="0" w:after="0" w:line="{tw(st["body"].leading)}" '
        'w:lineRule="atLeast"/>'
    )
    base.ppr["widowControl"] = "<w:widowControl/>"
    out[("paragraph", "normal")] = base
    para("Document Type", "doctype", keep)
    para("Title", "title", keep)
    para("Subtitle", "subtitle", keep)

    def dateline(look: Look) -> None:  # the PDF's rule under the title block
        keep(look)
        s = st["dateline"]
        rule = border("bottom", sp.title_rule, c("navy"), 6 + s.space_after)
        look.ppr["pBdr"] = f"<w:pBdr>{rule}</w:pBdr>"
        look.ppr["spacing"] = look.ppr["spacing"].replace(
            f'w:after="{tw(s.space_after)}"', f'w:after="{tw(4)}"'
        )

    para("Date Line", "dateline", dateline)
    para("Memo Label", "memo_label")
    para("Memo Value", "memo_value")
    for level in (1, 2, 3):
        para(f"heading {level}", f"heading{level}", heading(level))
    para("Body Text", "body")
    for name in ("List Bullet", "List Number"):
        for suffix in ("", " 2", " 3"):
            para(name + suffix, "bullet")

    def quote(look: Look) -> None:  # the PDF's box: a bar on the left, kept whole
        look.ppr["keepLines"] = "<w:keepLines/>"
        look.ppr["spacing"] = look.ppr["spacing"].replace('w:before="0"', f'w:before="{tw(3)}"')
        look.ppr["pBdr"] = f"<w:pBdr>{border('left', sp.quote_bar, c('quote_bar'), 8)}</w:pBdr>"
        look.ppr["ind"] = f'<w:ind w:left="{tw(sp.quote_indent + 10)}" w:right="0"/>'

    def attribution(look: Look) -> None:
        # The same bar, 1 pt nearer the text: LibreOffice draws two paragraphs with equal
        # borders as one box and then ignores the quote's keep-with-next.
        quote(look)
        look.ppr["spacing"] = look.ppr["spacing"].replace(f'w:before="{tw(3)}"', 'w:before="0"')
        look.ppr["pBdr"] = look.ppr["pBdr"].replace('w:space="8"', 'w:space="7"')
        # The end of the PDF's quote box: its padding (3 pt) and its space after.
        s = st["attribution"]
        look.ppr["spacing"] = look.ppr["spacing"].replace(
            f'w:after="{tw(s.space_after)}"', f'w:after="{tw(3 + sp.block + 2)}"'
        )

    para("Quote", "quote", quote)
    para("Attribution", "attribution", attribution)

    def note(look: Look) -> None:
        pad, back = sp.note_padding, c("note_back")
        look.ppr["keepLines"] = "<w:keepLines/>"
        bar = border("left", sp.note_bar, c("note_border"), pad)
        look.ppr["pBdr"] = (
            f"<w:pBdr>{border('top', 0.25, back, pad)}{bar}"
            f"{border('bottom', 0.25, back, pad)}{border('right', 0.25, back, pad)}</w:pBdr>"
        )
        look.ppr["shd"] = f'<w:shd w:val="clear" w:color="auto" w:fill="{hexcolor(back)}"/>'
        look.ppr["ind"] = f'<w:ind w:left="{tw(pad + sp.note_bar)}" w:right="{tw(pad)}"/>'
        look.ppr["spacing"] = (
            look.ppr["spacing"]
            .replace('w:before="0"', f'w:before="{tw(2 + pad)}"')
            .replace(
                f'w:after="{tw(st["note"].space_after)}"', f'w:after="{tw(sp.block + 2 + pad)}"'
            )
        )

    para("Call-out Note", "note", note)
    para("caption", "caption", keep)
    para("Table Text", "table_cell")
    para("Table Heading", "table_header", keep)

    def right(look: Look) -> None:  # a column of numbers or amounts (tree.Table.numeric)
        look.ppr["jc"] = '<w:jc w:val="right"/>'

    def right_heading(look: Look) -> None:
        keep(look)
        right(look)

    para("Table Text Number", "table_cell", right)
    para("Table Heading Number", "table_header", right_heading)

    def prepared(look: Look) -> None:  # a rule, then label and value in two columns
        label = sp.memo_label_width
        look.ppr["keepLines"] = "<w:keepLines/>"
        look.ppr["pBdr"] = f"<w:pBdr>{border('top', p.rule_width, c('rule'), 4)}</w:pBdr>"
        look.ppr["tabs"] = tabs(("left", label))
        look.ppr["ind"] = f'<w:ind w:left="{tw(label)}" w:hanging="{tw(label)}"/>'

    para("Prepared By", "prepared_by", prepared)
    para("TOC Heading", "toc_title", keep)
    for level, key in ((1, "toc1"), (2, "toc2"), (3, "toc2")):

        def toc(look: Look) -> None:
            look.ppr["tabs"] = tabs(("right", width), leader="dot")

        para(f"toc {level}", key, toc)

    def header(look: Look) -> None:  # the running header: title left, date right, a rule
        look.ppr["tabs"] = tabs(("right", width))
        rule = border("bottom", p.rule_width, c("hairline"), geo.header_rule_space)
        look.ppr["pBdr"] = f"<w:pBdr>{rule}</w:pBdr>"
        look.ppr["spacing"] = (
            f'<w:spacing w:before="{tw(geo.header_before)}" w:after="{tw(geo.header_after)}" '
            f'w:line="{tw(st["header"].leading)}" w:lineRule="atLeast"/>'
        )

    def footer(look: Look) -> None:  # a rule, then the number left and "Page X of Y" right
        look.ppr["tabs"] = tabs(("right", width))
        look.ppr["pBdr"] = (
            f"<w:pBdr>{border('top', p.rule_width, c('hairline'), geo.footer_rule_space)}</w:pBdr>"
        )
        look.ppr["spacing"] = (
            f'<w:spacing w:before="0" w:after="{tw(geo.footer_after)}" '
            f'w:line="{tw(st["footer"].leading)}" w:lineRule="atLeast"/>'
        )

    para("header", "header", header)
    para("footer", "footer", footer)

    def marking(look: Look) -> None:  # a box around the text, centred on the page
        m = st["marking"]
        look.ppr["jc"] = '<w:jc w:val="center"/>'
        # Nothing of the Header style it may be based on: no rule, no tab stops.
        look.ppr["pBdr"] = '<w:pBdr><w:top w:val="nil"/><w:bottom w:val="nil"/></w:pBdr>'
        look.ppr["ind"] = '<w:ind w:left="0" w:right="0"/>'
        line = max(m.leading, m.size * LINE) + 2 * MARKING_PAD[1]
        look.ppr["spacing"] = (
            f'<w:spacing w:before="0" w:after="0" w:line="{tw(line)}" w:lineRule="exact"/>'
        )
        # The box's distance from the text: LibreOffice puts it at the sides (the PDF
        # has 6 pt there); Word draws a text border close around the letters.
        side = MARKING_PAD[0] - 2
        look.rpr["bdr"] = border("bdr", MARKING_RULE, theme.classification["custom"], side)

    para("Classification Marking", "marking", marking)

    def marking_first_page(look: Look) -> None:  # the PDF's: unboxed, right, 8 pt below
        m = st["marking"]
        look.ppr["jc"] = '<w:jc w:val="right"/>'
        look.ppr["spacing"] = (
            f'<w:spacing w:before="0" w:after="{tw(8)}" w:line="{tw(m.leading)}" '
            'w:lineRule="atLeast"/>'
        )
        look.rpr["bdr"] = '<w:bdr w:val="nil"/>'
        del look.rpr["color"]  # the Classification Marking's, in the level's colour

    para("Marking First Page", "marking", marking_first_page)
    out[("character", "hyperlink")] = Look(
        {}, {"color": f'<w:color w:val="{hexcolor(c("link"))}"/>', "u": '<w:u w:val="single"/>'}
    )
    out[("table", "data table")] = Look({}, {}, table=_data_table(theme))
    out[("table", "memo table")] = Look({}, {}, table=_memo_table(theme))
    return out


def _cell_margins(top: float, left: float, bottom: float, right: float) -> str:
    sides = (("top", top), ("left", left), ("bottom", bottom), ("right", right))
    inner = "".join(f'<w:{s} w:w="{tw(v)}" w:type="dxa"/>' for s, v in sides)
    return f"<w:tblCellMar>{inner}</w:tblCellMar>"


def _data_table(theme: Theme) -> str:
    """The PDF's table: a navy rule above and below the shaded header row, a thin rule
    under every row, every other body row tinted, no vertical lines."""
    sp, c = theme.spacing, theme.color
    grid, navy, thin = sp.table_grid, c("navy"), c("table_grid")
    pad = sp.table_padding
    borders = (
        border("top", grid * 2, navy) + '<w:left w:val="nil"/>' + border("bottom", grid, thin)
        + '<w:right w:val="nil"/>' + border("insideH", grid, thin) + '<w:insideV w:val="nil"/>'
    )  # fmt: skip
    header = border("top", grid * 2, navy) + border("bottom", grid * 2, navy)
    return (
        '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblInd w:w="0" w:type="dxa"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>{_cell_margins(pad, pad, pad, pad)}</w:tblPr>"
        f'<w:tblStylePr w:type="firstRow"><w:tcPr><w:tcBorders>{header}</w:tcBorders>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{hexcolor(c("table_header"))}"/>'
        "</w:tcPr></w:tblStylePr>"
        '<w:tblStylePr w:type="band2Horz"><w:tcPr>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{hexcolor(c("table_stripe"))}"/>'
        "</w:tcPr></w:tblStylePr>"
    )


def _memo_table(theme: Theme) -> str:
    """Label/value rows without lines, with the PDF's rule under the block."""
    p, c = theme.page, theme.color
    nil = {s: f'<w:{s} w:val="nil"/>' for s in ("top", "left", "right", "insideH", "insideV")}
    borders = (
        nil["top"] + nil["left"] + border("bottom", p.rule_width, c("rule"), 0)
        + nil["right"] + nil["insideH"] + nil["insideV"]
    )  # fmt: skip
    return (
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>{_cell_margins(1.5, 0, 1.5, 6)}</w:tblPr>"
    )
