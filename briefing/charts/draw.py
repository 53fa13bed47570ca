"""tree.Chart -> a scene of shapes (scene.py): bars (grouped or stacked), lines, pies and donuts.

Everything the chart says was put into the output language by localize (labels, tick
numbers, percentages); this module only places shapes and strings. It is drawn by
hand rather than with reportlab's chart widgets so that the layout (legend below,
labels that fit, the palette's order) is the same in every chart type and the code
stays this short.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from briefing.charts.scene import Drawing, Line, Polygon, PolyLine, Rect, String, Wedge
from briefing.tree import Chart

Color = str
white = "#FFFFFF"

# Okabe and Ito's colour-blind safe colours, ordered so that neighbours also differ in
# lightness (greyscale print): dark blue, orange, sky blue, green, yellow, purple.
Scale = Callable[[float], float]
Measure = Callable[[str, str, float], float]
DEFAULT_PALETTE = ("#1F3864", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7")


@dataclass(frozen=True)
class ChartStyle:
    font: str  # registered reportlab font names
    bold: str
    size: float
    text: Color
    grid: Color
    palette: tuple[Color, ...]
    measure: Measure  # (text, font, size) -> width in points, with that output's metrics

    @staticmethod
    def of(
        font: str,
        bold: str,
        size: float,
        text: Color,
        grid: Color,
        palette: tuple[str, ...],
        measure: Measure,
    ) -> ChartStyle:
        return ChartStyle(font, bold, size, text, grid, tuple(palette), measure)

    def color(self, i: int) -> Color:
        return self.palette[i % len(self.palette)]


def draw(chart: Chart, width: float, style: ChartStyle) -> Drawing:
    """The chart ``width`` points wide; its height follows from the kind of chart."""
    if chart.type in ("pie", "donut"):
        return _pie(chart, width, style)
    return _axes(chart, width, style)


def fits(chart: Chart, width: float, style: ChartStyle) -> bool:
    """Whether every word the chart prints shows whole at ``width`` points: no category
    label, series or slice name or axis title cut with an ellipsis, no slice left out of
    the legend. The side-by-side memo asks before drawing a chart in a half column."""
    s = style.size
    if chart.type in ("pie", "donut"):
        names, room, most = _pie_legend(chart, width, style)
        return len(names) <= most and all(_fit(n, style, s, room) == n for n in names)
    legend = [n for n, _ in chart.series] if len(chart.series) > 1 else []  # as _axes
    whole = all(_fit(n, style, s, width - s - 16) == n for n in legend)
    if chart.axis and _fit(chart.axis, style, s, width) != chart.axis:
        return False
    room = _slot(chart, width, style)[1] - 4
    return whole and all(
        " ".join(_wrap(c, style, s, room)) == " ".join(c.split()) for c in chart.categories
    )


def _slot(chart: Chart, width: float, style: ChartStyle) -> tuple[float, float]:
    """Where the plot starts (right of the longest tick label) and each category's width."""
    ticks = chart.ticks or ((0.0, "0"), (1.0, "1"))
    left = max(style.measure(label, style.font, style.size) for _, label in ticks) + 6
    return left, (width - left - 4) / max(len(chart.categories), 1)


def _fit(text: str, style: ChartStyle, size: float, room: float) -> str:
    """``text`` cut with an ellipsis to fit ``room`` points (a long category label)."""
    width = style.measure
    # No glyph is narrower than a tenth of the size: a label of 30,000 characters is cut
    # to what could fit before anything is measured, then the cut is found by halving.
    text = text[: int(room / (size * 0.1)) + 2]
    if width(text, style.font, size) <= room:
        return text
    low, high = 0, len(text)  # text[:low] + "…" fits; text[:high] + "…" does not
    while high - low > 1:
        mid = (low + high) // 2
        if width(text[:mid] + "…", style.font, size) <= room:
            low = mid
        else:
            high = mid
    return text[:low].rstrip() + "…"


def _wrap(text: str, style: ChartStyle, size: float, room: float, rows: int = 2) -> list[str]:
    """``text`` in at most ``rows`` lines of ``room`` points (broken at spaces), the last
    cut with an ellipsis if need be."""
    lines: list[str] = []
    text = text[: rows * (int(room / (size * 0.1)) + 2)]  # more could never show
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and style.measure(joined, style.font, size) <= room:
            lines[-1] = joined
        else:
            lines.append(word)
    lines = lines or [""]
    if len(lines) > rows:
        lines = [*lines[: rows - 1], " ".join(lines[rows - 1 :])]
    return [_fit(line, style, size, room) for line in lines]  # a word may be too long


def _legend(d: Drawing, names: list[str], y: float, width: float, style: ChartStyle) -> None:
    """Swatches and names in rows from the left at height ``y`` downwards."""
    x, s = 0.0, style.size
    for i, name in enumerate(names):
        w = s + 4 + style.measure(name, style.font, s) + 12
        if x > 0 and x + w > width:
            x, y = 0.0, y - s * 1.6
        d.add(Rect(x, y, s, s, fillColor=style.color(i), strokeColor=None))
        d.add(String(x + s + 4, y + 1, name, fontName=style.font, fontSize=s, fillColor=style.text))
        x += w


def _legend_rows(names: list[str], width: float, style: ChartStyle) -> int:
    rows, x, s = 1, 0.0, style.size
    for name in names:
        w = s + 4 + style.measure(name, style.font, s) + 12
        if x > 0 and x + w > width:
            rows, x = rows + 1, 0.0
        x += w
    return rows


def _axes(chart: Chart, width: float, style: ChartStyle) -> Drawing:
    s = style.size
    names = [_fit(n, style, s, width - s - 16) for n, _ in chart.series]
    legend = _legend_rows(names, width, style) if len(names) > 1 else 0
    ticks = chart.ticks or ((0.0, "0"), (1.0, "1"))
    left, slot = _slot(chart, width, style)
    plot_w = width - left - 4
    wrapped = [_wrap(c, style, s, slot - 4) for c in chart.categories]
    label_rows = max((len(w) for w in wrapped), default=1)
    plot_h = width * 0.45
    under = s * (1.0 + 1.2 * label_rows)  # the category labels below the axis
    bottom = under + legend * s * 1.6 + (s * 0.8 if legend else 0)
    top = s * 1.8 if chart.axis else s * 0.8
    height = bottom + plot_h + top
    d = Drawing(width, height)
    lo, hi = ticks[0][0], ticks[-1][0]

    def y_of(v: float) -> float:
        return bottom + (v - lo) / (hi - lo or 1) * plot_h

    for value, label in ticks:
        y = y_of(value)
        d.add(Line(left, y, left + plot_w, y, strokeColor=style.grid, strokeWidth=0.4))
        d.add(
            String(
                left - 4,
                y - s * 0.35,
                label,
                fontName=style.font,
                fontSize=s,
                fillColor=style.text,
                textAnchor="end",
            )
        )
    if chart.axis:
        d.add(
            String(
                0,
                height - s,
                _fit(chart.axis, style, s, width),
                fontName=style.font,
                fontSize=s,
                fillColor=style.text,
            )
        )
    for i, lines in enumerate(wrapped):
        cx = left + slot * (i + 0.5)
        for row, text in enumerate(lines):
            y = bottom - s * (1.3 + 1.2 * row)
            d.add(
                String(
                    cx,
                    y,
                    text,
                    fontName=style.font,
                    fontSize=s,
                    fillColor=style.text,
                    textAnchor="middle",
                )
            )
    if chart.type == "line":
        _lines(d, chart, left, slot, y_of, style)
    else:
        _bars(d, chart, left, slot, y_of, style)
    d.add(Line(left, y_of(0), left + plot_w, y_of(0), strokeColor=style.text, strokeWidth=0.6))
    if legend:
        _legend(d, names, bottom - under - s * 1.2, width, style)
    return d


def _bars(d: Drawing, chart: Chart, left: float, slot: float, y: Scale, style: ChartStyle) -> None:
    n = max(len(chart.series), 1)
    stacked = chart.type == "stacked"
    group = slot * 0.7
    bar = group if stacked else group / n
    for i in range(len(chart.categories)):
        x0 = left + slot * i + (slot - group) / 2
        up = down = 0.0
        for k, (_, values) in enumerate(chart.series):
            v = values[i]
            if stacked:
                base = up if v >= 0 else down
                a, b = y(base), y(base + v)
                up, down = (up + v, down) if v >= 0 else (up, down + v)
                x = x0
            else:
                a, b = y(0), y(v)
                x = x0 + k * bar
            d.add(
                Rect(
                    x,
                    min(a, b),
                    bar,
                    abs(b - a),
                    fillColor=style.color(k),
                    strokeColor=white,
                    strokeWidth=0.5,
                )
            )
            if not stacked and n <= 3:
                label = chart.labels[k][i]
                size = style.size * 0.85
                if style.measure(label, style.font, size) <= bar + 8:
                    ty = b + 2 if v >= 0 else b - size
                    d.add(
                        String(
                            x + bar / 2,
                            ty,
                            label,
                            fontName=style.font,
                            fontSize=size,
                            fillColor=style.text,
                            textAnchor="middle",
                        )
                    )


def _lines(d: Drawing, chart: Chart, left: float, slot: float, y: Scale, style: ChartStyle) -> None:
    for k, (_, values) in enumerate(chart.series):
        points: list[float] = []
        for i, v in enumerate(values):
            points += [left + slot * (i + 0.5), y(v)]
        color = style.color(k)
        d.add(PolyLine(points, strokeColor=color, strokeWidth=1.8))
        for j in range(0, len(points), 2):
            px, py = points[j], points[j + 1]
            r = 2.6
            marker = (
                [(px - r, py), (px, py + r), (px + r, py), (px, py - r)]
                if k % 2
                else [(px - r, py - r), (px - r, py + r), (px + r, py + r), (px + r, py - r)]
            )
            d.add(
                Polygon(
                    [c for xy in marker for c in xy],
                    fillColor=color,
                    strokeColor=white,
                    strokeWidth=0.5,
                )
            )


def _pie(chart: Chart, width: float, style: ChartStyle) -> Drawing:
    s = style.size
    values = chart.series[0][1] if chart.series else ()
    radius = min(width * 0.22, 110.0)
    names, room, most = _pie_legend(chart, width, style)
    if len(names) > most:
        names = [*names[: most - 1], "…"]
    height = max(radius * 2 + 8, len(names) * s * 1.6 + 8)
    d = Drawing(width, height)
    cx, cy = radius + 4, height / 2
    total = sum(values) or 1.0
    angle = 90.0
    for i, v in enumerate(values):
        sweep = 360.0 * v / total
        if sweep > 0:
            inner = radius * 0.55 if chart.type == "donut" else 0
            d.add(
                Wedge(
                    cx,
                    cy,
                    radius,
                    angle - sweep,
                    angle,
                    radius1=inner,
                    fillColor=style.color(i),
                    strokeColor=white,
                    strokeWidth=1,
                )
            )
        angle -= sweep
    x = radius * 2 + 24
    for i, name in enumerate(names):
        y = height - 4 - (i + 1) * s * 1.6 + s * 0.4
        d.add(Rect(x, y, s, s, fillColor=style.color(i), strokeColor=None))
        text = _fit(name, style, s, room)
        d.add(String(x + s + 5, y + 1, text, fontName=style.font, fontSize=s, fillColor=style.text))
    if math.isclose(total, 0.0):
        d.add(String(cx, cy, "0", fontName=style.font, fontSize=s, textAnchor="middle"))
    return d


def _pie_legend(chart: Chart, width: float, style: ChartStyle) -> tuple[list[str], float, int]:
    """The legend's names ("Label (12%)"), the room for each, and how many rows it has
    (up to twice the pie's height)."""
    s = style.size
    labels = chart.labels[0] if chart.labels else ()
    names = [f"{c} ({p})" for c, p in zip(chart.categories, labels, strict=False)]
    radius = min(width * 0.22, 110.0)
    legend_w = width - radius * 2 - 24
    return names, legend_w - s - 6, max(int(radius * 4 / (s * 1.6)), 1)
