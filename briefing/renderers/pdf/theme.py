"""The template's checked theme (briefing/theme.py) as the PDF renderer asks for it.

theme.toml is read and checked once, when the template loads; this wrapper only turns
its typed values into what ReportLab takes (Color objects, the page geometry), and
keeps the small lookup API the layout modules call (``spacing``, ``color``,
``named_color``, ``strings``, ``length``, ``marking_color``, ``table``). A name the
theme does not have (only a renderer asking for a new colour could do that) is a
TemplateError naming theme.toml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, is_dataclass
from typing import Any

from reportlab.lib import colors

from briefing.errors import TemplateError
from briefing.templates import Template
from briefing.theme import UNITS

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?\s*$")


class Theme:
    """Typed access to one template's theme for the PDF renderer."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.data = template.theme
        self._colors: dict[str, colors.Color] = {}
        self._tables: dict[str, Mapping[str, Any]] = {}

    def _fail(self, key: str, what: str) -> TemplateError:
        return TemplateError(f"{self.data.source}: {key}: {what}")

    def table(self, name: str) -> Mapping[str, Any]:
        """One section of the theme as plain values (lengths in pt, colours #RRGGBB)."""
        found = self._tables.get(name)
        if found is None:
            section = getattr(self.data, name, None)
            if isinstance(section, Mapping):
                found = section
            elif section is not None and is_dataclass(section) and not isinstance(section, type):
                found = asdict(section)
            else:
                found = {}
            self._tables[name] = found
        return found

    def length(self, section: str, key: str, default: float | str | None = None) -> float:
        value = self.table(section).get(key)
        if isinstance(value, float | int) and not isinstance(value, bool):
            return float(value)
        return self.to_length(default, f"{section}.{key}")

    def to_length(self, raw: Any, key: str) -> float:
        """Points from a number (pt) or a text with a unit: "25mm", "1in", "10pt"."""
        if raw is None:
            raise self._fail(key, "is required")
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return float(raw)
        m = _LENGTH.match(raw) if isinstance(raw, str) else None
        if not m:
            raise self._fail(key, f"{raw!r} is not a length such as 25mm or 10pt")
        return float(m.group(1)) * UNITS[m.group(2) or "pt"]

    def color(self, value: str, key: str = "color") -> colors.Color:
        """A "#RRGGBB" value or a name from [colors]."""
        found = self._colors.get(value)
        if found is None:
            try:
                found = colors.HexColor(self.data.color(value))
            except KeyError:
                raise self._fail(key, f"{value!r} is not a colour of [colors]") from None
            self._colors[value] = found
        return found

    def named_color(self, section: str, key: str, default: str) -> colors.Color:
        value = self.table(section).get(key, default)
        return self.color(value if isinstance(value, str) else default, f"{section}.{key}")

    def marking_color(self, classification: str | None) -> colors.Color:
        return self.color(self.data.marking_color(classification), "classification")

    def page(self) -> PageGeometry:
        p = self.data.page
        return PageGeometry(
            width=p.width,
            height=p.height,
            top=p.margin_top,
            first_top=p.first_margin_top,
            bottom=p.margin_bottom,
            left=p.margin_left,
            right=p.margin_right,
            marking_top=p.marking_top,
            marking_bottom=p.marking_bottom,
            header_baseline=p.header_baseline,
            footer_baseline=p.footer_baseline,
            rule_width=p.rule_width,
        )

    def spacing(self, key: str, default: float | str) -> float:
        return self.length("spacing", key, default)

    def strings(self, section: str, key: str, default: list[str]) -> list[str]:
        value = self.table(section).get(key)
        if isinstance(value, tuple | list) and value:
            return list(value)
        return default


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
