"""The theme's look written into the reference document's styles and page setup.

theme.toml is the one description of a template's look (briefing/theme.py); the PDF
renderer draws with it, and this module writes the same values into the Word styles
the DOCX renderer names, so a memo is one document in two formats: the same fonts,
sizes, colours, spacing and alignment, the same rules and boxes (the marking's box,
the table's rules and banded rows, the note's bar), the same page margins and the same
places for the marking, running header and footer. Everything is a style in
styles.xml, never direct formatting, so a reader who edits the memo in Word keeps the
look by choosing a style.

What the theme does not describe stays as the reference document has it: other
styles, list numbering, the font table, settings. The classification marking's colour
depends on the brief, not the template, so the renderer sets it on the marking style
per document (``set_marking_color``).

Word places text by its line box, the PDF by its baseline. The furniture's positions
(``furniture_geometry``) convert one into the other with the font's ascent and descent
as a share of its size (Noto Sans's, which the bundled templates use; another font is
placed within a fraction of a point).

Lengths: twips (1/20 pt) for spacing and indents, half-points for font sizes, eighths
of a point for rules, whole points for a border's distance from its text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from typing import NamedTuple

from lxml import etree

from briefing.theme import Style, Theme

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Element = etree._Element

ASCENT, DESCENT = 1.069, 0.293  # of the font size: Noto Sans's line box (hhea)
LINE = ASCENT + DESCENT
MARKING_PAD = (6.0, 3.0)  # pt between the marking's text and its box: sides, top/bottom
MARKING_RULE = 0.75  # pt, the box's line (the PDF draws 0.8)

# Schema order of the children of w:pPr and w:rPr (ECMA-376 CT_PPrBase, CT_RPr) that
# this module writes.
PPR_ORDER = (
    "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "shd",
    "tabs", "spacing", "ind", "jc", "outlineLvl",
)  # fmt: skip
RPR_ORDER = ("rFonts", "b", "bCs", "i", "iCs", "color", "spacing", "kern", "sz", "szCs", "u", "bdr")


def tw(points: float) -> str:
    """Twips, as Word writes them."""
    return str(round(points * 20))


def eighths(points: float) -> str:
    """A rule's width in eighths of a point, within Word's 2-96."""
    return str(min(max(round(points * 8), 2), 96))


def hexcolor(color: str) -> str:
    """``#1f3864`` -> ``1F3864``, as Word writes colours."""
    return f"{int(color.lstrip('#'), 16):06X}"


def border(side: str, width: float, color: str, space: float = 0) -> str:
    return (
        f'<w:{side} w:val="single" w:sz="{eighths(width)}" w:space="{round(space)}" '
        f'w:color="{hexcolor(color)}"/>'
    )


# NamedTuples, not dataclasses: a dataclass builds its methods with exec() when the
# module is imported, in every process that writes a DOCX.
class Look(NamedTuple):
    """One Word style's properties: XML fragments by element name, ordered on output."""

    ppr: dict[str, str]
    rpr: dict[str, str]
    table: str = ""  # w:tblPr ... w:tblStylePr of a table style, already in order

    def xml(self) -> str:
        ppr = "".join(self.ppr[t] for t in PPR_ORDER if t in self.ppr)
        rpr = "".join(self.rpr[t] for t in RPR_ORDER if t in self.rpr)
        out = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
        out += f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
        return out + self.table


def text_look(theme: Theme, style: Style) -> Look:
    """A paragraph style's font, size, colour, weight, spacing, indents and alignment.

    The line height is "at least" the theme's leading: the same leading as the PDF for
    text of the style's size, and never a clipped line for a taller fallback glyph.
    """
    family = theme.fonts.family(style.font).name
    half = round(style.size * 2)
    ppr = {
        "spacing": (
            f'<w:spacing w:before="{tw(style.space_before)}" w:after="{tw(style.space_after)}" '
            f'w:line="{tw(style.leading)}" w:lineRule="atLeast"/>'
        ),
        "ind": (
            f'<w:ind w:left="{tw(style.left_indent)}" w:right="{tw(style.right_indent)}" '
            + (
                f'w:hanging="{tw(-style.first_line_indent)}"/>'
                if style.first_line_indent < 0
                else f'w:firstLine="{tw(style.first_line_indent)}"/>'
            )
        ),
        "jc": f'<w:jc w:val="{ {"justify": "both"}.get(style.align, style.align) }"/>',
    }
    if style.keep_with_next:
        ppr["keepNext"] = "<w:keepNext/>"
    on = {True: "", False: ' w:val="0"'}
    rpr = {
        "rFonts": f'<w:rFonts w:ascii="{family}" w:hAnsi="{family}" w:eastAsia="{family}" '
        f'w:cs="{family}"/>',
        "b": f"<w:b{on[style.bold]}/>",
        "bCs": f"<w:bCs{on[style.bold]}/>",
        "i": f"<w:i{on[style.italic]}/>",
        "iCs": f"<w:iCs{on[style.italic]}/>",
        "color": f'<w:color w:val="{hexcolor(style.color)}"/>',
        "sz": f'<w:sz w:val="{half}"/>',
        "szCs": f'<w:szCs w:val="{half}"/>',
    }
    return Look(ppr, rpr)


class Furniture(NamedTuple):
    """Where Word puts the header and footer, and the spacing that places each line
    where the PDF draws it (points)."""

    header_distance: float  # top edge to the top of the marking's line
    footer_distance: float  # bottom edge to the bottom of the marking's line
    header_before: float  # above the running header, below the top marking
    header_after: float  # below the running header's rule: the body starts there
    header_rule_space: float
    footer_rule_space: float
    footer_after: float  # between the footer line and the bottom marking


def furniture_geometry(theme: Theme) -> Furniture:
    p, st = theme.page, theme.styles
    marking, header, footer = st["marking"], st["header"], st["footer"]
    m_line = max(marking.leading, marking.size * LINE) + 2 * MARKING_PAD[1]
    m_ascent = MARKING_PAD[1] + (m_line - 2 * MARKING_PAD[1] - marking.size * LINE) / 2
    m_ascent += marking.size * ASCENT
    header_distance = max(p.marking_top - m_ascent, 0.0)
    h_line = max(header.leading, header.size * LINE)
    h_ascent = (h_line - header.size * LINE) / 2 + header.size * ASCENT
    marking_bottom = header_distance + m_line
    header_before = max(p.header_baseline - h_ascent - marking_bottom, 0.0)
    header_rule_space = 5 - header.size * DESCENT  # the PDF's rule: 5 pt below the baseline
    header_bottom = p.header_baseline + 5 + p.rule_width
    header_after = max(p.margin_top - header_bottom, 0.0)
    m_descent = m_line - m_ascent
    footer_distance = max(p.marking_bottom - m_descent, 0.0)
    f_line = max(footer.leading, footer.size * LINE)
    f_descent = (f_line - footer.size * LINE) / 2 + footer.size * DESCENT
    footer_after = max(p.footer_baseline - f_descent - (p.marking_bottom + m_ascent), 0.0)
    f_ascent = f_line - f_descent
    footer_rule_space = max(10 - f_ascent, 0.0)  # the PDF's rule: 10 pt above the baseline
    return Furniture(
        header_distance, footer_distance, header_before, header_after, header_rule_space,
        footer_rule_space, footer_after,
    )  # fmt: skip


def _tabs(*stops: tuple[str, float], leader: str = "") -> str:
    lead = f' w:leader="{leader}"' if leader else ""
    inner = "".join(f'<w:tab w:val="{kind}" w:pos="{tw(pos)}"{lead}/>' for kind, pos in stops)
    return f"<w:tabs>{inner}</w:tabs>"


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
        look.ppr["tabs"] = _tabs(("left", label))
        look.ppr["ind"] = f'<w:ind w:left="{tw(label)}" w:hanging="{tw(label)}"/>'

    para("Prepared By", "prepared_by", prepared)
    para("TOC Heading", "toc_title", keep)
    for level, key in ((1, "toc1"), (2, "toc2"), (3, "toc2")):

        def toc(look: Look) -> None:
            look.ppr["tabs"] = _tabs(("right", width), leader="dot")

        para(f"toc {level}", key, toc)

    def header(look: Look) -> None:  # the running header: title left, date right, a rule
        look.ppr["tabs"] = _tabs(("right", width))
        rule = border("bottom", p.rule_width, c("hairline"), geo.header_rule_space)
        look.ppr["pBdr"] = f"<w:pBdr>{rule}</w:pBdr>"
        look.ppr["spacing"] = (
            f'<w:spacing w:before="{tw(geo.header_before)}" w:after="{tw(geo.header_after)}" '
            f'w:line="{tw(st["header"].leading)}" w:lineRule="atLeast"/>'
        )

    def footer(look: Look) -> None:  # a rule, then the number left and "Page X of Y" right
        look.ppr["tabs"] = _tabs(("right", width))
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


def apply_theme(styles: Element, theme: Theme, names: Callable[[str], str]) -> None:
    """Rewrite every style of ``styles`` (w:styles) the theme describes; ``names`` turns
    a style's stored name into the name Word shows (python-docx's BabelFish)."""
    by_name = looks(theme)
    body = theme.fonts.family("body").name
    defaults = styles.find(f"{{{W}}}docDefaults")
    if defaults is not None:
        _set_default_font(defaults, theme)
    for style in styles.iterchildren(f"{{{W}}}style"):
        name_el = style.find(f"{{{W}}}name")
        if name_el is None:
            continue
        kind = style.get(f"{{{W}}}type", "paragraph")
        look = by_name.get((kind, names(name_el.get(f"{{{W}}}val", "")).lower()))
        if look is None:
            continue
        # A list style's link to its numbering is the reference's, not a look.
        numbering = style.find(f"{{{W}}}pPr/{{{W}}}numPr")
        if numbering is not None:
            look = Look({**look.ppr, "numPr": etree.tostring(numbering).decode()}, look.rpr)
        # The body font is the document default's: a style based on Normal need not
        # repeat it (every memo parses these styles again, and embed_fonts reads them).
        based_on = style.find(f"{{{W}}}basedOn")
        plain = based_on is None or based_on.get(f"{{{W}}}val") == "Normal"
        if plain and look.rpr.get("rFonts", "").startswith(f'<w:rFonts w:ascii="{body}"'):
            look = Look(look.ppr, {k: v for k, v in look.rpr.items() if k != "rFonts"}, look.table)
        for tag in ("pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"):
            for old in style.findall(f"{{{W}}}{tag}"):
                style.remove(old)
        for child in fragment(look.xml()):
            style.append(child)


def _set_default_font(defaults: Element, theme: Theme) -> None:
    family = theme.fonts.family("body").name
    for rfonts in defaults.iter(f"{{{W}}}rFonts"):
        for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
            rfonts.set(f"{{{W}}}{attr}", family)
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(f"{{{W}}}{attr}", None)


def fragment(xml: str) -> Iterable[Element]:
    """The elements of a run of WordprocessingML ``xml`` (``w:`` prefixed, no root)."""
    root = etree.fromstring(f'<w:x xmlns:w="{W}">{xml}</w:x>')
    return list(root)


def set_page(sect_pr: Element, theme: Theme) -> None:
    """Page size and margins of the PDF: the first page's top margin (later pages'
    running header pushes their text down to the theme's ``margin_top``)."""
    p, geo = theme.page, furniture_geometry(theme)
    size = sect_pr.find(f"{{{W}}}pgSz")
    if size is not None:
        size.set(f"{{{W}}}w", tw(p.width))
        size.set(f"{{{W}}}h", tw(p.height))
    margins = sect_pr.find(f"{{{W}}}pgMar")
    if margins is not None:
        for attr, value in (
            ("top", p.first_margin_top), ("bottom", p.margin_bottom),
            ("left", p.margin_left), ("right", p.margin_right),
            ("header", geo.header_distance), ("footer", geo.footer_distance),
        ):  # fmt: skip
            margins.set(f"{{{W}}}{attr}", tw(value))


_MARKING_STYLE = etree.XPath(
    "w:style[w:name/@w:val='Classification Marking']/w:rPr/*", namespaces={"w": W}
)


def set_marking_color(styles: Element, color: str) -> None:
    """The marking style's text and box in the colour of the brief's classification
    (a name of the toolkit's own, so stored as Word shows it: no BabelFish needed)."""
    for el in _MARKING_STYLE(styles):
        if el.tag in (f"{{{W}}}color", f"{{{W}}}bdr"):
            el.set(f"{{{W}}}{'val' if el.tag.endswith('color') else 'color'}", hexcolor(color))


_THEMED: dict[tuple[bytes, str], bytes] = {}
_MAX_THEMED = 8


def themed_package(clean: bytes, theme: Theme, names: Callable[[str], str]) -> bytes:
    """The clean reference package (reference.py) with the theme's styles and page
    written in; made once per process for each reference and theme."""
    key = (clean, theme.fingerprint)
    found = _THEMED.get(key)
    if found is None:
        found = _rethemed(clean, theme, names)
        if len(_THEMED) >= _MAX_THEMED:
            del _THEMED[next(iter(_THEMED))]
        _THEMED[key] = found
    return found


def _rethemed(clean: bytes, theme: Theme, names: Callable[[str], str]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(clean)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    styles = etree.fromstring(entries["word/styles.xml"])
    apply_theme(styles, theme, names)
    entries["word/styles.xml"] = _xml(styles)
    document = etree.fromstring(entries["word/document.xml"])
    sect_pr = document.find(f"{{{W}}}body/{{{W}}}sectPr")
    if sect_pr is not None:
        set_page(sect_pr, theme)
        entries["word/document.xml"] = _xml(document)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _xml(root: Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
