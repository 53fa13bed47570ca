"""A chart scene -> reportlab shapes, for the PDF (where reportlab is loaded anyway):
vector paths and real text in the template's registered fonts."""

from __future__ import annotations

from typing import Any

from reportlab.graphics import shapes
from reportlab.lib.colors import HexColor

from briefing.charts import scene


def drawing(d: scene.Drawing) -> shapes.Drawing:
    out = shapes.Drawing(d.width, d.height)
    for shape in d.contents:
        out.add(_shape(shape))
    return out


def _c(color: str | None) -> Any:
    return None if color is None else HexColor(color)


def _shape(s: scene.Shape) -> Any:
    if isinstance(s, scene.Rect):
        return shapes.Rect(
            s.x, s.y, s.width, s.height,
            fillColor=_c(s.fillColor), strokeColor=_c(s.strokeColor), strokeWidth=s.strokeWidth,
        )  # fmt: skip
    if isinstance(s, scene.Line):
        return shapes.Line(
            s.x1, s.y1, s.x2, s.y2, strokeColor=_c(s.strokeColor), strokeWidth=s.strokeWidth
        )
    if isinstance(s, scene.PolyLine):
        return shapes.PolyLine(s.points, strokeColor=_c(s.strokeColor), strokeWidth=s.strokeWidth)
    if isinstance(s, scene.Polygon):
        return shapes.Polygon(
            s.points,
            fillColor=_c(s.fillColor), strokeColor=_c(s.strokeColor), strokeWidth=s.strokeWidth,
        )  # fmt: skip
    if isinstance(s, scene.String):
        return shapes.String(
            s.x, s.y, s.text,
            fontName=s.fontName, fontSize=s.fontSize, fillColor=_c(s.fillColor),
            textAnchor=s.textAnchor,
        )  # fmt: skip
    return shapes.Wedge(
        s.centerx, s.centery, s.radius, s.startangledegrees, s.endangledegrees,
        radius1=s.radius1 or None,
        fillColor=_c(s.fillColor), strokeColor=_c(s.strokeColor), strokeWidth=s.strokeWidth,
    )  # fmt: skip
