"""Where the DOCX places the marking, running header and footer: the PDF's places.

Word places text by its line box, the PDF by its baseline. furniture_geometry converts
the theme's baselines into Word's header and footer distances and paragraph spacing
with the font's ascent and descent as a share of its size (Noto Sans's, which the
bundled templates use; another font is placed within a fraction of a point). Separate
because both the page setup (themed.set_page) and the header, footer and marking
styles (themelooks) need the same numbers.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.theme import Theme

ASCENT, DESCENT = 1.069, 0.293  # of the font size: Noto Sans's line box (hhea)
LINE = ASCENT + DESCENT
MARKING_PAD = (6.0, 3.0)  # pt between the marking's text and its box: sides, top/bottom
MARKING_RULE = 0.75  # pt, the box's line (the PDF draws 0.8)


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
