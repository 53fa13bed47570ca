"""Limits that stop a crafted or runaway brief before it costs memory or time.

Each has a default fit for any real memo and is raised with ``--limit NAME=VALUE``
(render, validate, watch); the error names the limit and that flag.
"""

from __future__ import annotations

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

    @property
    def input_bytes(self) -> int:
        return int(self.input_mb * 1024 * 1024)


NAMES = {f.name.replace("_", "-"): f.name for f in fields(Limits)}


def hint(name: str, needed: float | None = None) -> str:
    """How to raise a limit, for the end of an error message."""
    value = f"{needed:g}" if needed is not None else "N"
    return f"raise it with --limit {name.replace('_', '-')}={value}"


def parse_limits(items: list[str] | None) -> Limits:
    """``["input-mb=20", "table-rows=20000"]`` -> Limits; ValueError says what is wrong."""
    limits = Limits()
    for item in items or []:
        name, _, raw = item.partition("=")
        key = NAMES.get(name.strip())
        if key is None:
            raise ValueError(f"unknown limit {name!r} (known: {', '.join(NAMES)})")
        try:
            value = float(raw) if key == "input_mb" else int(raw)
        except ValueError:
            raise ValueError(f"--limit {name}= needs a number, not {raw!r}") from None
        if value <= 0:
            raise ValueError(f"--limit {name}= must be more than 0")
        changes: dict[str, Any] = {key: value}
        limits = replace(limits, **changes)
    return limits
