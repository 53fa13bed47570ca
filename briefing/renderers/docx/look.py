"""One Word style's look as WordprocessingML: the units, the fragments, the schema order.

A theme's values become XML fragments of a style's w:pPr and w:rPr (Look), written in
the order the schema requires whatever order they were set in. text_look is a
paragraph style's text (font, size, colour, weight, spacing, indents, alignment), the
base every look of themelooks starts from; the DOCX footnotes (notes.py) use it too.

Lengths: twips (1/20 pt) for spacing and indents, half-points for font sizes, eighths
of a point for rules, whole points for a border's distance from its text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from lxml import etree

from briefing.theme import Style, Theme

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Element = etree._Element

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


def tabs(*stops: tuple[str, float], leader: str = "") -> str:
    lead = f' w:leader="{leader}"' if leader else ""
    inner = "".join(f'<w:tab w:val="{kind}" w:pos="{tw(pos)}"{lead}/>' for kind, pos in stops)
    return f"<w:tabs>{inner}</w:tabs>"


def fragment(xml: str) -> Iterable[Element]:
    """The elements of a run of WordprocessingML ``xml`` (``w:`` prefixed, no root)."""
    root = etree.fromstring(f'<w:x xmlns:w="{W}">{xml}</w:x>')
    return list(root)
