"""A figure's content in one output language: a Picture as read, or a Chart whose
words are picked in that language and whose numbers are written with its CLDR rules
(1,5 and 1 500 in Russian; 1.5 and 1,500 in English)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from babel.numbers import format_decimal, format_percent

from briefing.errors import BriefError, KeyPath
from briefing.figures.charts import ChartData
from briefing.figures.scale import nice_ticks
from briefing.tree import Chart, Picture
from briefing.validate import field_path

Plain = Callable[[Any, KeyPath], str]


def figure_content(
    asset: object,
    path: KeyPath,
    plain: Plain,
    locale: Any,
    texts: list[tuple[KeyPath | None, str]],
) -> Picture | Chart:
    if isinstance(asset, Picture):
        return asset
    if not isinstance(asset, ChartData):
        raise BriefError(
            f"{field_path(path)}: the figure was not read; load the brief with api.load"
        )

    def number(value: float) -> str:
        text = format_decimal(value, locale=locale)
        texts.append((None, text))
        return text

    data = asset
    categories = tuple(plain(text, at) for text, at in data.categories)
    series = tuple((plain(name, at), values) for name, at, values in data.series)
    if data.type in ("pie", "donut"):
        values = series[0][1] if series else ()
        total = sum(values) or 1.0
        labels: tuple[tuple[str, ...], ...] = (
            tuple(_percent(v / total, locale, texts) for v in values),
        )
        ticks: tuple[tuple[float, str], ...] = ()
    else:
        labels = tuple(tuple(number(v) for v in vals) for _, vals in series)
        every = [v for _, vals in series for v in vals] or [0.0]
        if data.type == "stacked":
            count = len(categories)
            ups = [sum(max(v[i], 0) for _, v in series) for i in range(count)]
            downs = [sum(min(v[i], 0) for _, v in series) for i in range(count)]
            every = [*ups, *downs] or [0.0]
        ticks = tuple((t, number(t)) for t in nice_ticks(min(every), max(every)))
    axis = plain(data.axis[0], data.axis[1]) if data.axis is not None else None
    return Chart(data.type, categories, series, ticks, labels, axis)


def _percent(share: float, locale: Any, texts: list[tuple[KeyPath | None, str]]) -> str:
    text = format_percent(share, locale=locale)
    texts.append((None, text))
    return text
