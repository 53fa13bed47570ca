"""Read the template's theme.toml into typed values: lengths, colours, page geometry.

The theme is plain data written by people (``"25mm"``, ``"#1F3864"``, a colour name);
this module is the one place that turns it into points and ReportLab colours, and that
names the offending key when a value is wrong, so the other modules can trust it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER, landscape

from briefing.errors import BriefError
from briefing.templates import Template

_UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?\s*$")
_PAGE_SIZES = {"a4": A4, "letter": LETTER}


class Theme:
    """Typed access to one template's theme; raises BriefError naming the bad key."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.data: Mapping[str, Any] = template.theme

    def _fail(self, key: str, what: str) -> BriefError:
        return BriefError(f"{self.template.path}/theme.toml: {key}: {what}")

    def table(self, name: str) -> Mapping[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, Mapping):
            raise self._fail(name, "must be a table")
        return value

    def length(self, section: str, key: str, default: float | str | None = None) -> float:
        return self.to_length(self.table(section).get(key, default), f"{section}.{key}")

    def to_length(self, raw: Any, key: str) -> float:
        """Points from a number (pt) or a text with a unit: "25mm", "1in", "10pt"."""
        if raw is None:
            raise self._fail(key, "is required")
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return float(raw)
        m = _LENGTH.match(str(raw)) if isinstance(raw, str) else None
        if not m:
            raise self._fail(key, f"{raw!r} is not a length such as 25mm or 10pt")
        return float(m.group(1)) * _UNITS[m.group(2) or "pt"]

    def color(self, value: str, key: str = "color") -> colors.Color:
        """A "#RRGGBB" value or a name from [colors] (names may chain once)."""
        named = self.table("colors")
        for _ in range(3):
            if isinstance(value, str) and value in named:
                value = named[value]
        if isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            return colors.HexColor(value)
        raise self._fail(key, f"{value!r} is not a colour (#RRGGBB or a name in [colors])")

    def named_color(self, section: str, key: str, default: str) -> colors.Color:
        return self.color(str(self.table(section).get(key, default)), f"{section}.{key}")

    def marking_color(self, classification: str | None) -> colors.Color:
        levels = self.table("classification")
        key = classification if classification and classification in levels else "custom"
        return self.color(str(levels.get(key, "#4A5360")), f"classification.{key}")

    def page(self) -> PageGeometry:
        raw = self.table("page").get("size", "A4")
        if isinstance(raw, list) and len(raw) == 2:
            size = (float(raw[0]), float(raw[1]))
        elif isinstance(raw, str) and raw.lower().removesuffix("-landscape") in _PAGE_SIZES:
            size = _PAGE_SIZES[raw.lower().removesuffix("-landscape")]
            if raw.lower().endswith("-landscape"):
                size = landscape(size)
        else:
            raise self._fail("page.size", f"{raw!r}: use A4, Letter or [width, height] in pt")
        g = PageGeometry(
            width=float(size[0]),
            height=float(size[1]),
            top=self.length("page", "margin_top", "30mm"),
            first_top=self.length(
                "page", "first_margin_top", self.table("page").get("margin_top", "30mm")
            ),
            bottom=self.length("page", "margin_bottom", "27mm"),
            left=self.length("page", "margin_left", "25mm"),
            right=self.length("page", "margin_right", "22mm"),
            marking_top=self.length("page", "marking_top", "10mm"),
            marking_bottom=self.length("page", "marking_bottom", "9mm"),
            header_baseline=self.length("page", "header_baseline", "19mm"),
            footer_baseline=self.length("page", "footer_baseline", "16mm"),
            rule_width=self.length("page", "rule_width", 0.5),
        )
        if g.frame_width < 72 or g.frame_height < 72:
            raise self._fail("page", "margins leave less than an inch for the text")
        return g

    def spacing(self, key: str, default: float | str) -> float:
        return self.length("spacing", key, default)

    def strings(self, section: str, key: str, default: list[str]) -> list[str]:
        value = self.table(section).get(key, default)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self._fail(f"{section}.{key}", "must be a non-empty list of texts")
        return value


@dataclass(frozen=True)
class PageGeometry:
    width: float
    height: float
    top: float
    first_top: float
    bottom: float
    left: float
    right: float
    marking_top: float
    marking_bottom: float
    header_baseline: float
    footer_baseline: float
    rule_width: float

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom
