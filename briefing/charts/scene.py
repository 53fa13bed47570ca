"""The shapes a chart is made of, independent of any drawing library.

draw.py places these; each output turns them into its own form: reportlab shapes for
the PDF (to_reportlab.py), SVG text and a Pillow PNG for the DOCX (svg.py, raster.py).
Keeping reportlab.graphics out of the DOCX path matters: importing it imports all of
reportlab's platypus, a quarter of a second in a process that only writes Word files.
The names and arguments follow reportlab's, so the PDF conversion is one line each.
Coordinates are points with y upwards; colours are "#RRGGBB" or None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Color = str | None


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    fillColor: Color = None
    strokeColor: Color = None
    strokeWidth: float = 1.0


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    strokeColor: Color = None
    strokeWidth: float = 1.0


@dataclass
class PolyLine:
    points: list[float]  # x0, y0, x1, y1, ...
    strokeColor: Color = None
    strokeWidth: float = 1.0


@dataclass
class Polygon:
    points: list[float]
    fillColor: Color = None
    strokeColor: Color = None
    strokeWidth: float = 1.0


@dataclass
class String:
    x: float
    y: float
    text: str
    fontName: str = ""
    fontSize: float = 10.0
    fillColor: Color = None
    textAnchor: str = "start"


@dataclass
class Wedge:
    centerx: float
    centery: float
    radius: float
    startangledegrees: float  # anticlockwise from east
    endangledegrees: float
    radius1: float = 0.0  # the hole of a donut
    fillColor: Color = None
    strokeColor: Color = None
    strokeWidth: float = 1.0


Shape = Rect | Line | PolyLine | Polygon | String | Wedge


@dataclass
class Drawing:
    width: float
    height: float
    contents: list[Shape] = field(default_factory=list)

    def add(self, shape: Shape) -> None:
        self.contents.append(shape)
