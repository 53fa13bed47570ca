"""A chart's look from the template alone: body font, caption size, text and grid
colours, and the palette chart1 ... chart6 of [colors].

Built from the template rather than from the PDF renderer's prepared kit, so the DOCX
renderer can draw a chart without importing the PDF renderer's layout machinery.
"""

from __future__ import annotations

from briefing.charts.draw import DEFAULT_PALETTE, ChartStyle
from briefing.templates import Template


def chart_style(template: Template) -> ChartStyle:
    """The chart style of ``template``, made once per process and theme."""
    key = (str(template.path), template.theme.fingerprint or repr(template.theme))
    found = _STYLES.get(key)
    if found is None:
        found = _STYLES[key] = _style(template)
    return found


_STYLES: dict[tuple[str, str], ChartStyle] = {}


def _style(template: Template) -> ChartStyle:
    from briefing.renderers.pdf.fonts import load_fonts  # registers faces on first use

    theme = template.theme
    body = load_fonts(template).body
    palette = tuple(
        theme.colors.get(f"chart{i}", default) for i, default in enumerate(DEFAULT_PALETTE, 1)
    )
    caption = theme.styles.get("caption")
    size = caption.size if caption is not None else 9.0
    return ChartStyle.of(
        body.face(),
        body.face(bold=True),
        size,
        theme.color("text"),
        theme.color("hairline"),
        palette,
    )
