"""[page], [logo] and [figures] of theme.toml: the page's geometry and what is placed on it.

Separate from themeread because it is the one part of a theme that is about paper:
named sizes, margins that must leave room for text, and a logo that must fit on the
first page at its width (which needs the page, so it is checked here, after it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from briefing.theme import (
    INCH,
    LOGO_PLACES,
    MAX_DPI_RANGE,
    FigureSettings,
    LogoSettings,
    PageSettings,
)
from briefing.themevalues import MAX_RULE, ThemeReader, pt, show

MIN_PAGE, MAX_PAGE = INCH, 200 * INCH

# As ReportLab computes them, so a named size is the same number as before.
_RL_MM = 72.0 / 2.54 * 0.1
PAGE_SIZES = {"a4": (210 * _RL_MM, 297 * _RL_MM), "letter": (8.5 * INCH, 11 * INCH)}

PAGE_DEFAULTS: dict[str, str | float] = {
    "margin_top": "30mm",
    "margin_bottom": "27mm",
    "margin_left": "25mm",
    "margin_right": "22mm",
    "marking_top": "10mm",
    "marking_bottom": "9mm",
    "header_baseline": "19mm",
    "footer_baseline": "16mm",
    "rule_width": 0.5,
}
PAGE_KEYS = ("size", "first_margin_top", *PAGE_DEFAULTS)


def read_page(r: ThemeReader, data: Mapping[str, Any]) -> PageSettings | None:
    table = r.table(data, ("page",), PAGE_KEYS)
    size = _page_size(r, table.get("size", "A4"))
    width, height = size if size else (PAGE_SIZES["a4"])
    longest = max(width, height)
    values: dict[str, float | None] = {}
    for key, default in PAGE_DEFAULTS.items():
        high = MAX_RULE if key == "rule_width" else longest
        values[key] = r.length(table.get(key, default), ("page", key), 0.0, high)
    if "first_margin_top" in table:  # else the same as margin_top
        first = table["first_margin_top"]
        values["first_margin_top"] = r.length(first, ("page", "first_margin_top"), 0.0, longest)
    else:
        values["first_margin_top"] = values["margin_top"]
    if any(v is None for v in values.values()) or size is None:
        return None
    v = {k: float(x) for k, x in values.items() if x is not None}
    page = PageSettings(width=width, height=height, **v)
    problems = len(r.problems)
    if width - page.margin_left - page.margin_right < INCH:
        r.fail(
            ("page", "margin_left"),
            "margin_left and margin_right leave less than 1in "
            f"of text width on a {pt(width)} wide page",
        )
    for top_key in ("margin_top", "first_margin_top"):
        top = getattr(page, top_key)
        if height - top - page.margin_bottom < INCH:
            r.fail(
                ("page", top_key),
                f"{top_key} and margin_bottom leave less than 1in of "
                f"text height on a {pt(height)} high page",
            )
    for key in ("marking_top", "marking_bottom", "header_baseline", "footer_baseline"):
        if getattr(page, key) > height / 2:
            r.fail(("page", key), f"{key} is more than half the page height from the edge")
    return page if len(r.problems) == problems else None


def _page_size(r: ThemeReader, raw: Any) -> tuple[float, float] | None:
    path = ("page", "size")
    if isinstance(raw, str):
        name = raw.strip().lower()
        landscape = name.endswith("-landscape")
        base = PAGE_SIZES.get(name.removesuffix("-landscape"))
        if base is None:
            r.fail(
                path,
                f"{show(raw)}: use A4, Letter, A4-landscape, Letter-landscape or [width, height]",
            )
            return None
        short, long_ = min(base), max(base)
        return (long_, short) if landscape else base
    if isinstance(raw, list) and len(raw) == 2:
        sides = [r.length(side, path, MIN_PAGE, MAX_PAGE) for side in raw]
        if sides[0] is None or sides[1] is None:
            return None
        return (sides[0], sides[1])
    r.fail(path, f"{show(raw)}: use A4, Letter, A4-landscape, Letter-landscape or [width, height]")
    return None


def read_logo(
    r: ThemeReader, folder: Path, data: Mapping[str, Any], page: PageSettings | None
) -> LogoSettings | None:
    """[logo]: the file (inside the template folder, checked as a figure's image is),
    where it sits at the top of page 1, and how wide it is. At that width it may take at
    most half the first page's text height: a narrow, tall image was a flowable taller
    than the page, a layout error (exit 3) in every render with the template."""
    from briefing.figures.images import read_image
    from briefing.figures.paths import PathRefused, image_bytes
    from briefing.limits import Limits

    table = r.table(data, ("logo",), ("file", "place", "width"))
    if "file" not in table:
        r.fail(("logo",), "[logo] needs a file: a PNG, JPEG or SVG in the template folder")
        return None
    name = r.typed(table["file"], ("logo", "file"), str, "a file name")
    place = table.get("place", "left")
    if place not in LOGO_PLACES:
        r.fail(("logo", "place"), f"{show(place)}: use {' or '.join(map(repr, LOGO_PLACES))}")
        place = "left"
    width = r.length(table.get("width", "30mm"), ("logo", "width"), 0, 300, positive=True)
    if name is None or width is None:
        return None
    # In the template folder; else the bundled memo's file of that name (as a font is
    # found among the bundled fonts), so a theme copied from memo keeps its logo.
    from briefing.resources import templates_dir

    home = folder
    bundled = templates_dir() / "memo"
    if not os.path.lexists(folder / name) and os.path.lexists(bundled / name):
        home = bundled
    try:
        raw = image_bytes(home, name, Limits(), ("logo", "file"))
        picture = read_image(raw, home, Limits(), ("logo", "file"))
    except PathRefused as exc:
        r.fail(
            ("logo", "file"), f"{exc.message.replace('beside the brief', 'in the template folder')}"
        )
        return None
    if page is not None:
        shown = min(width, page.width - page.margin_left - page.margin_right)
        tall = shown * picture.height / picture.width
        room = (page.height - page.first_margin_top - page.margin_bottom) / 2
        if tall > room:
            r.fail(
                ("logo", "file"),
                f"{name} would be {tall / _RL_MM:,.0f}mm tall at {shown / _RL_MM:.0f}mm wide; "
                f"a logo may take half the first page's text height ({room / _RL_MM:.0f}mm): "
                "use a wider image or a smaller width",
            )
            return None
    return LogoSettings(picture, home / name, str(place), width)


def read_figures(r: ThemeReader, data: Mapping[str, Any]) -> FigureSettings:
    """[figures]: ``max_dpi``, a whole number of dots per inch within MAX_DPI_RANGE."""
    table = r.table(data, ("figures",), ("max_dpi",))
    if "max_dpi" not in table:
        return FigureSettings()
    value = table["max_dpi"]
    low, high = MAX_DPI_RANGE
    if r.typed(value, ("figures", "max_dpi"), int, "a whole number of dots per inch") is None:
        return FigureSettings()
    if not low <= value <= high:
        r.fail(("figures", "max_dpi"), f"{value} is out of range ({low} to {high} dpi)")
        return FigureSettings()
    return FigureSettings(int(value))
