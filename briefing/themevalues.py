"""The checks of one theme.toml value at its key path, with positioned problems.

Every table of a theme is checked the same way: a value of the wrong type, a length
out of range or an unknown colour is a Problem at the line and column where the key is
written, and the reading goes on. ThemeReader holds those checks and the list of
problems; the modules of each table (themepage, themefonts, themestyles, themeread) use
it, so a length or a colour means the same thing in every table and each message is
worded once. The bounds shared by several tables live here too.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from briefing.errors import Position, Problem
from briefing.theme import INCH, UNITS, is_hex_color
from briefing.tomlpos import KeyPath, locate, nearest

T = TypeVar("T")

MAX_SPACE = 288.0  # pt (4 in): any gap, indent or padding
MAX_RULE = 12.0  # pt: line widths

_LENGTH = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?\s*$")


class ThemeReader:
    """Checks values at their key paths and collects positioned problems."""

    def __init__(self, file: Path, text: str) -> None:
        self.file = str(file)
        self.text = text
        self._spots: dict[KeyPath, tuple[int, int]] | None = None
        self.problems: list[Problem] = []
        self.color_names: set[str] = set()  # declared in [colors], even if invalid

    def fail(self, path: KeyPath, message: str) -> None:
        if self._spots is None:  # located only when needed: a valid theme never is
            self._spots = locate(self.text)
        line, col = nearest(self._spots, path)
        self.problems.append(Problem(message, Position(self.file, line, col), ".".join(path)))

    def warn(self, path: KeyPath, message: str) -> None:
        """A problem that does not stop the template: reported, never raised."""
        self.fail(path, message)
        last = self.problems[-1]
        self.problems[-1] = Problem(last.message, last.position, last.field, "warning")

    def table(
        self,
        data: Mapping[str, Any],
        path: KeyPath,
        known: tuple[str, ...] | None,
    ) -> dict[str, Any]:
        """``data[path[-1]]`` as a table (empty if absent); unknown keys are problems."""
        value = data.get(path[-1], {}) if path else data
        if not isinstance(value, dict):
            self.fail(path, "must be a table")
            return {}
        if known is not None:
            for key in value:
                if key not in known:
                    self.unknown((*path, key), key, known)
        return value

    def unknown(self, path: KeyPath, key: str, known: tuple[str, ...]) -> None:
        import difflib  # only for a theme with a typo

        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(known)})"
        self.fail(path, f"unknown key {key!r}{hint}")

    def typed(self, value: Any, path: KeyPath, kind: type[T], what: str) -> T | None:
        if isinstance(value, kind) and not (kind is not bool and isinstance(value, bool)):
            return value
        self.fail(path, f"must be {what}, not {show(value)}")
        return None

    def length(
        self, value: Any, path: KeyPath, low: float, high: float, positive: bool = False
    ) -> float | None:
        """Points from a number (pt) or text with a unit, finite and within [low, high]
        (above 0 if ``positive``)."""
        points: float | None = None
        try:
            if isinstance(value, int | float) and not isinstance(value, bool):
                points = float(value)
            elif isinstance(value, str):
                m = _LENGTH.match(value)
                if m:
                    points = float(m.group(1)) * UNITS[m.group(2) or "pt"]
        except OverflowError:  # an integer of hundreds of digits
            self.fail(path, f"{show(value)} is not a finite number in range")
            return None
        if points is None:
            self.fail(path, f"{show(value)} is not a length such as 25mm, 1in or 10pt")
            return None
        if not math.isfinite(points):
            self.fail(path, f"{show(value)} is not a finite length")
            return None
        if positive and not 0 < points <= high:
            self.fail(path, f"{show(value)}: must be more than 0 and at most {pt(high)}")
            return None
        if not low <= points <= high:
            self.fail(path, f"{show(value)} is out of range ({pt(low)} to {pt(high)})")
            return None
        return points

    def color(self, value: Any, path: KeyPath, colors: Mapping[str, str]) -> str | None:
        """``#RRGGBB``, or a name of [colors] (already resolved)."""
        if isinstance(value, str):
            if is_hex_color(value):
                return value
            if value in colors:
                return colors[value]
            if value in self.color_names:
                return None  # its own problem is already reported under [colors]
        self.fail(path, f"{show(value)} is not a colour (#RRGGBB or a name in [colors])")
        return None


def show(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date | datetime.time):  # as TOML writes it
        text = value.isoformat()
    else:
        try:
            text = repr(value)
        except ValueError:  # an int beyond Python's digit limit (tomllib refuses those)
            text = "a number of thousands of digits"
    return text if len(text) <= 40 else text[:37] + "..."


def pt(points: float) -> str:
    return f"{points / INCH:g}in" if points >= 2 * INCH and not points % INCH else f"{points:g}pt"
