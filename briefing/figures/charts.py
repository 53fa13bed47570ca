"""A chart's numbers and the paths of its words, from the brief or from a table of it.

A chart may read its numbers from a table of the same brief (``table: <id>``), so the
table a reader checks and the bars they see are one set of numbers. A cell's number is
read from its text in the brief's own language, with that language's CLDR rules for
separators ("AZN 40,000" in English, "40.000 ₼" in Azerbaijani); a cell that holds no
number is an error at that cell, never a bar of zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.errors import KeyPath
from briefing.figures.paths import PathRefused
from briefing.model import ChartSpec, TableBlock, Text

MAX_VALUE = 1e15  # beyond this no axis of a page is readable (and sums stay finite)
_NUMBER = re.compile(r"[-+\u2212]?\d[\d\s.,'\u00a0\u202f\u2009]*")


@dataclass(frozen=True)
class ChartData:
    """What a chart draws, its words still in every language with their paths."""

    type: str
    categories: tuple[tuple[Text, KeyPath], ...]
    series: tuple[tuple[Text, KeyPath, tuple[float, ...]], ...]
    axis: tuple[Text, KeyPath] | None


def chart_data(
    spec: ChartSpec, at: KeyPath, tables: dict[str, tuple[KeyPath, TableBlock]], lang: str
) -> ChartData:
    axis = (spec.axis, (*at, "axis")) if spec.axis is not None else None
    own = tuple((c, (*at, "categories", i)) for i, c in enumerate(spec.categories or ()))
    if spec.series is not None:
        for i, s in enumerate(spec.series):
            for j, v in enumerate(s.values):
                if abs(v) > MAX_VALUE:
                    raise PathRefused((*at, "series", i, "values", j), _too_big(v))
        series = tuple(
            (s.name, (*at, "series", i, "name"), tuple(s.values)) for i, s in enumerate(spec.series)
        )
        return ChartData(spec.type, own, series, axis)
    found = tables.get(spec.table or "")
    if found is None:
        known = ", ".join(sorted(tables)) or "none has an id"
        raise PathRefused((*at, "table"), f"no table has the id {spec.table!r} (tables: {known})")
    path, block = found
    table = block.table
    width = len(table.columns)
    for key, numbers in (("columns", spec.columns or ()), ("labels", (spec.labels,))):
        for i, n in enumerate(numbers):
            if not 1 <= n <= width:
                where = (*at, key, i) if key == "columns" else (*at, key)
                raise PathRefused(where, f"the table has columns 1 to {width}, not {n:g}")
    rows = [int(r) - 1 for r in spec.rows] if spec.rows else list(range(len(table.rows)))
    for i, r in enumerate(rows):
        if not 0 <= r < len(table.rows):
            raise PathRefused((*at, "rows", i), f"the table has rows 1 to {len(table.rows)}")
    if own and len(own) != len(rows):
        raise PathRefused((*at, "categories"), f"{len(own)} categories for {len(rows)} rows")
    body = (*path, "table", "rows")
    label = int(spec.labels) - 1
    categories = own or tuple((table.rows[r][label], (*body, r, label)) for r in rows)
    columns: list[tuple[Text, KeyPath, tuple[float, ...]]] = []
    for c in (int(n) - 1 for n in spec.columns or ()):
        values = tuple(_number(table.rows[r][c], (*body, r, c), lang) for r in rows)
        columns.append((table.columns[c], (*path, "table", "columns", c), values))
    return ChartData(spec.type, categories, tuple(columns), axis)


def _number(cell: Text, at: KeyPath, lang: str) -> float:
    """The one number in a cell's text in the brief's language, by that locale's rules."""
    from babel.numbers import NumberFormatError, parse_decimal

    from briefing.i18n.language import babel_locale, pick

    text, _ = pick(cell, lang, lang)
    found = [m.group(0).strip(" .,'\u00a0\u202f\u2009") for m in _NUMBER.finditer(text)]
    found = [f for f in found if f]
    if len(found) != 1:
        what = "no number" if not found else f"{len(found)} numbers"
        raise PathRefused(at, f"a chart reads this cell, but {text[:60]!r} holds {what}")
    raw = found[0].replace("\u2212", "-")
    try:
        value = float(parse_decimal(raw, locale=babel_locale(lang), strict=False))
    except (NumberFormatError, ValueError, ArithmeticError):
        raise PathRefused(at, f"{raw!r} is not a number written the {lang} way") from None
    if abs(value) > MAX_VALUE:
        raise PathRefused(at, _too_big(value))
    return value


def _too_big(value: float) -> str:
    return f"{value:g} is too large to chart (at most {MAX_VALUE:g} either way)"
