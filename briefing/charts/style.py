"""A chart's look from the template alone: body font, caption size, text and grid
colours, the palette chart1 ... chart6 of [colors], and how wide a text is.

Each output measures text with the machinery it already has loaded: the PDF with
reportlab's font metrics (its fonts are registered anyway), the DOCX with Pillow's
FreeType, which also draws its PNG. Importing reportlab's font machinery into the DOCX
process only to measure chart labels cost more than drawing the chart.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.charts.draw import DEFAULT_PALETTE, ChartStyle, Measure

if TYPE_CHECKING:
    from PIL import ImageFont
from briefing.templates import Template

REGULAR, BOLD = "regular", "bold"  # the font names of a DOCX chart's scene


def chart_style(template: Template, pdf: bool) -> ChartStyle:
    """The chart style of ``template`` for the PDF (reportlab font names and metrics)
    or the DOCX (REGULAR and BOLD, measured with Pillow), once per process and theme."""
    key = (str(template.path), template.theme.fingerprint or repr(template.theme), pdf)
    found = _STYLES.get(key)
    if found is None:
        found = _STYLES[key] = _style(template, pdf)
    return found


_STYLES: dict[tuple[str, str, bool], ChartStyle] = {}


def _style(template: Template, pdf: bool) -> ChartStyle:
    theme = template.theme
    family = theme.fonts.family("body")
    measure: Measure
    if pdf:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        from briefing.renderers.pdf.fonts import load_fonts  # registers faces on first use

        body = load_fonts(template).body
        font, bold, measure = body.face(), body.face(bold=True), stringWidth
    else:
        files = {REGULAR: family.regular, BOLD: family.bold}
        font, bold = REGULAR, BOLD

        def measure(text: str, name: str, size: float) -> float:
            return float(_face(files[name]).getlength(text)) * size / _UNITS

    palette = tuple(
        theme.colors.get(f"chart{i}", default) for i, default in enumerate(DEFAULT_PALETTE, 1)
    )
    caption = theme.styles.get("caption")
    size = caption.size if caption is not None else 9.0
    return ChartStyle.of(
        font, bold, size, theme.color("text"), theme.color("hairline"), palette, measure
    )


_UNITS = 1000  # the size a face is loaded at for measuring: advances scale linearly


@cache
def _face(path: Path) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(path), _UNITS, layout_engine=ImageFont.Layout.BASIC)
