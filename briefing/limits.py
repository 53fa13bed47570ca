"""Limits that stop a crafted or runaway brief before it costs memory or time.

Each has a default fit for any real memo and is raised with ``--limit NAME=VALUE``
(render, validate, watch); the error names the limit and that flag.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Limits:
    input_mb: float = 5.0  # size of the brief file (each file of a Markdown brief)
    values: int = 200_000  # YAML values after alias expansion ("billion laughs")
    depth: int = 64  # YAML nesting depth
    table_rows: int = 5_000  # rows of one table
    table_columns: int = 30  # columns of one table
    text_chars: int = 1_000_000  # characters of one text
    url_chars: int = 4_096  # characters of one link address (each is stored in the PDF)
    table_cells: int = 20_000  # body cells of all the brief's tables together
    image_mb: float = 20.0  # size of one image file a figure shows
    image_pixels: int = 50_000_000  # pixels of one raster image (decompression bombs)

    @property
    def input_bytes(self) -> int:
        return int(self.input_mb * 1024 * 1024)

    @property
    def image_bytes(self) -> int:
        return int(self.image_mb * 1024 * 1024)


_FRACTIONAL = ("input_mb", "image_mb")  # sizes in MB; every other limit counts things
NAMES = {f.name.replace("_", "-"): f.name for f in fields(Limits)}

# How far each limit may be raised. A limit guards time and memory, so even a raised
# one is bounded; depth also bounds how deep the readers recurse.
CEILINGS: dict[str, float] = {
    "input_mb": 1024,
    "values": 100_000_000,
    "depth": 200,
    "table_rows": 1_000_000,
    "table_columns": 200,
    "text_chars": 100_000_000,
    "url_chars": 1_000_000,
    "table_cells": 2_000_000,
    "image_mb": 1024,
    "image_pixels": 1_000_000_000,
}


def hint(name: str, needed: float | None = None) -> str:
    """How to raise a limit, for the end of an error message."""
    ceiling = CEILINGS[name]
    if needed is not None and needed > ceiling:
        return f"the {name.replace('_', '-')} limit can be raised to {ceiling:,g} at most"
    value = "N" if needed is None else f"{needed:.0f}" if needed == int(needed) else f"{needed}"
    return f"raise it with --limit {name.replace('_', '-')}={value}"


def parse_limits(items: list[str] | None) -> Limits:
    """``["input-mb=20", "table-rows=20000"]`` -> Limits; ValueError says what is wrong."""
    limits = Limits()
    for item in items or []:
        name, _, raw = item.partition("=")
        key = NAMES.get(name.strip())
        if key is None:
            raise ValueError(f"unknown limit {name!r} (known: {', '.join(NAMES)})")
        value: float
        try:
            value = float(raw) if key in _FRACTIONAL else int(raw)
        except ValueError:
            kind = "a number" if key in _FRACTIONAL else "a whole number"
            raise ValueError(f"--limit {name}= needs {kind}, not {raw!r}") from None
        ceiling = CEILINGS[key]
        if not math.isfinite(value) or value <= 0 or value > ceiling:
            raise ValueError(f"--limit {name}= must be more than 0 and at most {ceiling:,g}")
        changes: dict[str, Any] = {key: value}
        limits = replace(limits, **changes)
    return limits
