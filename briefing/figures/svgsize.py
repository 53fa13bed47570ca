"""An SVG's size and numbers, checked before anything draws it.

An SVG says its own size (``width``, ``height``, ``viewBox``) and every coordinate in
it, and each is a number its author (or an attacker) chose: ``nan``, ``inf``, ``1e308``,
``-5``, ``0``. Such numbers reached ReportLab's layout (a splitting error: exit 3),
resvg (``invalid size``: exit 3) or an allocation of hundreds of gigabytes (a 1 × 100000
SVG rasterized for the DOCX aborted the process). They are refused here, at the
figure's line, with the attribute and value named.

The bounds are far past any real figure: 200 inches a side (PDF's own page limit), a
side at most 100 times the other (a figure narrower than that prints as a line), and
coordinates within ±10^9 (float32, which renderers use, keeps integers exact to 2^24,
and drawing beyond 10^9 units of a viewBox is no picture).
"""

from __future__ import annotations

import math
import re
from typing import Any

from briefing.errors import KeyPath
from briefing.figures.paths import PathRefused

MAX_POINTS = 14_400.0  # 200 inches
MIN_POINTS = 0.01  # smaller, scaling it to the text width overflows
MAX_RATIO = 100.0
MAX_COORDINATE = 1e9
MIN_VIEW = 1e-6  # a viewBox side: below, the drawing's scale overflows
DEFAULT = (225.0, 112.5)  # 300 × 150 px, the size of an SVG that gives none

UNITS = {"": 0.75, "px": 0.75, "pt": 1.0, "pc": 12.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}
_LENGTH = re.compile(
    r"^\s*([-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|nan|inf(?:inity)?))\s*([a-z%]*)\s*$", re.I
)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf(?:inity)?)", re.I)
# attributes whose value is a length or numbers (points, path data, transforms)
_NUMERIC = frozenset(
    {
        *("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr"),
        *("width", "height", "dx", "dy", "stroke-width", "font-size", "offset"),
        *("refX", "refY", "markerWidth", "markerHeight", "startOffset", "textLength"),
        *("d", "points", "viewBox", "transform", "gradientTransform", "patternTransform"),
    }
)


def svg_size(root: Any, at: KeyPath) -> tuple[float, float]:
    """The natural size in points: width and height, else the viewBox, else 300×150;
    PathRefused for a size that is not a positive, finite, bounded number."""
    box = _view_box(root.get("viewBox"), at)
    w = _length(root.get("width"), "width", at)
    h = _length(root.get("height"), "height", at)
    if box is not None:
        ratio = box[3] / box[2]
        if w is None and h is None:
            w, h = box[2] * 0.75, box[3] * 0.75
        elif w is None and h is not None:
            w = h / ratio
        elif h is None and w is not None:
            h = w * ratio
    width, height = w or DEFAULT[0], h or DEFAULT[1]
    for name, value in (("width", width), ("height", height)):
        if not value <= MAX_POINTS:
            raise PathRefused(
                at, f"the SVG's {name} comes to {value:,.0f} pt; at most {MAX_POINTS:,.0f} pt"
            )
    if max(width, height) > MAX_RATIO * min(width, height):
        raise PathRefused(
            at,
            f"the SVG is {width:g} × {height:g} pt: one side more than {MAX_RATIO:g} times "
            "the other, it would print as a line",
        )
    return width, height


def check_numbers(name: str, key: str, value: str, at: KeyPath) -> None:
    """A coordinate attribute of element ``name``: every number in it finite and within
    ±MAX_COORDINATE."""
    if key not in _NUMERIC:
        return
    if key == "d" and name == "path":
        _check_path(value, at)
    for match in _NUMBER.finditer(value):
        number = float(match.group())
        if not abs(number) <= MAX_COORDINATE:  # nan fails too
            raise PathRefused(
                at,
                f"the SVG's <{name} {key}> holds {match.group()[:30]!r}: numbers in an SVG "
                f"must be finite and within ±{MAX_COORDINATE:g}",
            )


_ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}
_COMMAND = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]")
_SEPARATORS = " \t\r\n,"
_N = r"(?>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"  # atomic: 10 is not 1, 0
_ARC = re.compile(rf"[\s,]*{_N}[\s,]*{_N}[\s,]*{_N}[\s,]*[01][\s,]*[01][\s,]*{_N}[\s,]*{_N}")


def _check_path(d: str, at: KeyPath) -> None:
    """Path data whose every command has its numbers in whole sets (``L`` takes 2, 4,
    ...; ``C`` 6 ...). svglib draws a set short of a number by calling reportlab with
    an argument missing (``L 10``: an internal error, exit 3)."""
    starts = [m.start() for m in _COMMAND.finditer(d)]
    if d[: starts[0] if starts else len(d)].strip():
        raise PathRefused(at, f"the SVG's <path d> does not start with a command: {_around(d, 0)}")
    for i, start in enumerate(starts):
        op = d[start]
        args = d[start + 1 : starts[i + 1] if i + 1 < len(starts) else len(d)]
        k = _ARITY[op.lower()]
        if k == 7:  # an arc's two flags are one digit each and may be run together: 0010
            n, at_arg = 0, 0
            while (arc := _ARC.match(args, at_arg)) is not None:
                n, at_arg = n + 7, arc.end()
            n += len(_NUMBER.findall(args, at_arg))
            whole = not args[at_arg:].strip()
        else:
            n = len(_NUMBER.findall(args))
            whole = not (k == 0 and n) and not (k and (n == 0 or n % k))
        junk = _NUMBER.sub(" ", args).strip(_SEPARATORS)
        if junk:  # svglib's float() of "--1" or "." is an internal error
            raise PathRefused(
                at,
                f"the SVG's <path d> has {junk[:20]!r} where a number belongs: {_around(d, start)}",
            )
        if not whole or (k and n == 0):
            want = "no numbers" if k == 0 else f"numbers in sets of {k}"
            if k == 7:
                want += ", the 4th and 5th of each 0 or 1"
            raise PathRefused(
                at,
                f"the SVG's <path d> has {op!r} with {n} number{'s' if n != 1 else ''} "
                f"({op} takes {want}): {_around(d, start)}",
            )


def _around(d: str, start: int) -> str:
    piece = " ".join(d[start : start + 40].split())
    return repr(piece + ("..." if len(d) > start + 40 else ""))


def _view_box(value: str | None, at: KeyPath) -> tuple[float, float, float, float] | None:
    if value is None or not value.strip():
        return None
    try:
        numbers = [float(v) for v in re.split(r"[\s,]+", value.strip()) if v]
    except ValueError:
        numbers = []
    if (
        len(numbers) != 4
        or not all(abs(n) <= MAX_COORDINATE for n in numbers)
        or numbers[2] < MIN_VIEW
        or numbers[3] < MIN_VIEW
    ):
        raise PathRefused(
            at,
            f"the SVG's viewBox {value[:60]!r} is not four finite numbers with a positive "
            "width and height",
        )
    return numbers[0], numbers[1], numbers[2], numbers[3]


def _length(value: str | None, name: str, at: KeyPath) -> float | None:
    """A width or height in points; None when absent or relative (100%, auto)."""
    if value is None or not value.strip() or value.strip() == "auto":
        return None
    m = _LENGTH.match(value)
    if m is None or m.group(2).lower() not in UNITS:
        return None  # 100%, 10em: relative to what a figure does not have; the default
    number = float(m.group(1)) * UNITS[m.group(2).lower()]
    if not (math.isfinite(number) and number >= MIN_POINTS):
        raise PathRefused(at, f"the SVG's {name} {value[:40]!r} is not a positive, finite length")
    return number
