"""A chart scene -> PNG with Pillow: the fallback picture beside its SVG in a DOCX.

reportlab's own bitmap renderer (renderPM) needs cairo, which a plain ``pip install``
cannot bring; resvg rasterizes the chart's SVG but parses the font file on every call
(40 ms a chart). The charts of briefing/charts/draw.py use six shapes only, so this
draws exactly those with Pillow.
Only readers without SVG support (Word before 2016) ever see it, so it is drawn plainly:
text is antialiased by FreeType, shapes are not.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from briefing.charts.scene import Drawing, Line, Polygon, PolyLine, Rect, String, Wedge
from briefing.figures.png import write_png

SUPERSAMPLE = 1  # 2 smooths diagonals (line and pie charts) at twice the time
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def png(drawing: Drawing, pixels_wide: int, fonts: Mapping[str, Path]) -> bytes:
    """``drawing`` as a PNG ``pixels_wide`` wide; ``fonts`` maps each reportlab font
    name its strings use to the font file."""
    scale = pixels_wide / drawing.width * SUPERSAMPLE
    size = (round(drawing.width * scale), round(drawing.height * scale))
    image = Image.new("RGB", size, "white")
    pen = ImageDraw.Draw(image)
    height = drawing.height

    def at(x: float, y: float) -> tuple[float, float]:
        return x * scale, (height - y) * scale

    for shape in drawing.contents:
        _shape(pen, shape, at, scale, fonts)
    if SUPERSAMPLE > 1:
        image = image.reduce(SUPERSAMPLE)  # a box average: as smooth as LANCZOS, 50x faster
    return write_png(*image.size, image.tobytes())  # no Pillow plugins: see write_png


def _rgb(color: str | None) -> str | None:
    return color  # "#RRGGBB", as Pillow takes it


def _shape(
    pen: ImageDraw.ImageDraw, s: Any, at: Any, scale: float, fonts: Mapping[str, Path]
) -> None:
    stroke = max(1, round(getattr(s, "strokeWidth", 1) * scale))
    if isinstance(s, Rect):
        (x0, y1), (x1, y0) = at(s.x, s.y), at(s.x + s.width, s.y + s.height)
        pen.rectangle((x0, y0, x1, y1), fill=_rgb(s.fillColor), outline=_rgb(s.strokeColor))
    elif isinstance(s, Line):
        pen.line((*at(s.x1, s.y1), *at(s.x2, s.y2)), fill=_rgb(s.strokeColor), width=stroke)
    elif isinstance(s, Polygon):
        points = [at(s.points[i], s.points[i + 1]) for i in range(0, len(s.points), 2)]
        pen.polygon(points, fill=_rgb(s.fillColor), outline=_rgb(s.strokeColor))
    elif isinstance(s, PolyLine):
        points = [at(s.points[i], s.points[i + 1]) for i in range(0, len(s.points), 2)]
        pen.line(points, fill=_rgb(s.strokeColor), width=stroke, joint="curve")
    elif isinstance(s, Wedge):
        cx, cy = at(s.centerx, s.centery)
        r = s.radius * scale
        box = (cx - r, cy - r, cx + r, cy + r)
        # reportlab counts degrees anticlockwise from east, Pillow clockwise
        start, end = -s.endangledegrees, -s.startangledegrees
        pen.pieslice(box, start, end, fill=_rgb(s.fillColor), outline="white", width=stroke)
        if s.radius1:
            inner = s.radius1 * scale
            pen.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), fill="white")
    elif isinstance(s, String):
        font = _font(fonts[s.fontName], round(s.fontSize * scale))
        anchor = _ANCHORS.get(s.textAnchor, "ls")
        pen.text(at(s.x, s.y), s.text, fill=_rgb(s.fillColor), font=font, anchor=anchor)


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # Basic layout: FreeType alone, no text shaping (raqm). Enough for the alphabets of
    # the catalogs (Latin, Cyrillic) and four times faster per label.
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
