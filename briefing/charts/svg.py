"""A chart scene -> SVG text, for the DOCX (Word 2016+ and LibreOffice draw it as vector
with the template's fonts, named by family, weight and size).

Written by hand from the scene's six shapes: reportlab's SVG renderer would import
reportlab.graphics and so all of platypus into the DOCX process. Every text goes
through XML escaping; nothing of the brief can become markup.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from briefing.charts import scene

SVG_NS = "http://www.w3.org/2000/svg"


def svg(d: scene.Drawing, fonts: Mapping[str, tuple[str, bool]]) -> bytes:
    """``fonts`` maps each reportlab font name of the scene to (family, bold)."""
    h = d.height
    out = [
        f'<svg xmlns="{SVG_NS}" width="{d.width:.2f}pt" height="{h:.2f}pt" '
        f'viewBox="0 0 {d.width:.2f} {h:.2f}">'
    ]
    for s in d.contents:
        out.append(_shape(s, h, fonts))
    out.append("</svg>")
    return "\n".join(out).encode("utf-8")


def _escape(text: str) -> str:
    """Text for an XML element or a double-quoted attribute (xml.sax.saxutils would
    cost 30 ms of imports for these four replacements)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _paint(fill: str | None, stroke: str | None, width: float) -> str:
    parts = [f'fill="{fill or "none"}"']
    if stroke is not None:
        parts.append(f'stroke="{stroke}" stroke-width="{width:g}"')
    return " ".join(parts)


def _points(points: list[float], h: float) -> str:
    return " ".join(f"{points[i]:.2f},{h - points[i + 1]:.2f}" for i in range(0, len(points), 2))


def _shape(s: scene.Shape, h: float, fonts: Mapping[str, tuple[str, bool]]) -> str:
    if isinstance(s, scene.Rect):
        paint = _paint(s.fillColor, s.strokeColor, s.strokeWidth)
        y = h - s.y - s.height
        size = f'width="{s.width:.2f}" height="{s.height:.2f}"'
        return f'<rect x="{s.x:.2f}" y="{y:.2f}" {size} {paint}/>'
    if isinstance(s, scene.Line):
        return (
            f'<line x1="{s.x1:.2f}" y1="{h - s.y1:.2f}" x2="{s.x2:.2f}" y2="{h - s.y2:.2f}" '
            f"{_paint(None, s.strokeColor, s.strokeWidth)}/>"
        )
    if isinstance(s, scene.Polygon):
        paint = _paint(s.fillColor, s.strokeColor, s.strokeWidth)
        return f'<polygon points="{_points(s.points, h)}" {paint}/>'
    if isinstance(s, scene.PolyLine):
        paint = _paint(None, s.strokeColor, s.strokeWidth)
        return f'<polyline points="{_points(s.points, h)}" stroke-linejoin="round" {paint}/>'
    if isinstance(s, scene.String):
        family, bold = fonts.get(s.fontName, ("sans-serif", False))
        weight = ' font-weight="bold"' if bold else ""
        return (
            f'<text x="{s.x:.2f}" y="{h - s.y:.2f}" font-family="{_escape(family)}"{weight} '
            f'font-size="{s.fontSize:g}" text-anchor="{s.textAnchor}" '
            f'fill="{s.fillColor or "#000000"}">{_escape(s.text)}</text>'
        )
    return _wedge(s, h)


def _wedge(s: scene.Wedge, h: float) -> str:
    """A pie slice (or a donut's ring segment) as a path of two arcs."""

    def at(radius: float, degrees: float) -> str:
        a = math.radians(degrees)
        return f"{s.centerx + radius * math.cos(a):.2f},{h - s.centery - radius * math.sin(a):.2f}"

    sweep = s.endangledegrees - s.startangledegrees
    large = 1 if sweep > 180 else 0
    r, r1 = s.radius, s.radius1
    if sweep >= 359.999:  # a whole circle: two half arcs (one arc cannot close on itself)
        return (
            f'<circle cx="{s.centerx:.2f}" cy="{h - s.centery:.2f}" r="{r:.2f}" '
            f"{_paint(s.fillColor, s.strokeColor, s.strokeWidth)}/>"
        )
    start, end = s.startangledegrees, s.endangledegrees
    outer = f"M{at(r, start)} A{r:.2f},{r:.2f} 0 {large} 0 {at(r, end)}"
    if r1:
        inner = f"L{at(r1, end)} A{r1:.2f},{r1:.2f} 0 {large} 1 {at(r1, start)}"
    else:
        inner = f"L{s.centerx:.2f},{h - s.centery:.2f}"
    paint = _paint(s.fillColor, s.strokeColor, s.strokeWidth)
    return f'<path d="{outer} {inner} Z" {paint}/>'
