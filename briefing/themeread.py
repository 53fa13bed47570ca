"""theme.toml -> briefing.theme.Theme, with every problem found at once and located.

tomllib checks the syntax (its message carries line and column, turned into a
Position); tomlpos.py finds where each key is written; each table is checked against
what the renderer understands (unknown keys, types, ranges, colours, fonts, style
parents) and the frozen settings are built. A problem does not stop the reading: the
value falls back to its default so later checks still run, and all problems are raised
together as one TemplateError. Bounds are generous for any real memo and stop values
that would put text off the page (a -500mm margin, a 5000pt font) or break the layout.

This module reads the file and assembles the Theme, and checks the small tables
([colors], [classification], [document]); the larger ones have a module each:
themepage ([page], [logo], [figures]), themefonts ([fonts]), themestyles ([styles],
[spacing], [lists]), all built on the value checks of themevalues.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from briefing.errors import Position, Problem, TemplateError
from briefing.theme import DATE_STYLES, MARKING_PLACES, DocumentSettings, Style, Theme, is_hex_color
from briefing.themefonts import read_fonts
from briefing.themepage import read_figures, read_logo, read_page
from briefing.themestyles import (
    REQUIRED_STYLES as REQUIRED_STYLES,  # the PDF renderer's styles.py imports it from here
)
from briefing.themestyles import check_indent_room, read_lists, read_spacing, read_styles
from briefing.themevalues import ThemeReader, show
from briefing.tomlpos import KeyPath

MAX_THEME_BYTES = 1024 * 1024

# tomllib turns a decimal integer into an int, which Python refuses beyond this many
# digits (a ValueError, not a TOMLDecodeError): such a number is found to place it.
_LONG_INT = re.compile(r"[0-9](?:_?[0-9]){4000,}")

TOP_LEVEL = (
    "description",
    "page",
    "fonts",
    "colors",
    "classification",
    "spacing",
    "lists",
    "styles",
    "document",
    "logo",
    "figures",
)

LEVELS = ("public", "internal", "confidential", "restricted", "custom")
CUSTOM_MARKING = "#4A5360"

# Colour names the PDF renderer draws with; a theme must define each.
COLOR_NAMES = (
    "text",
    "navy",
    "rule",
    "hairline",
    "link",
    "table_header",
    "table_stripe",
    "table_grid",
    "note_back",
    "note_border",
    "quote_bar",
)


def _where(problem: Problem) -> tuple[int, int]:
    return (problem.position.line, problem.position.col) if problem.position else (0, 0)


def read_theme(folder: Path) -> Theme:
    """The checked theme of ``folder``; TemplateError lists every problem found."""
    file = folder / "theme.toml"
    text = _read_text(folder, file)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(_syntax_problem(file, text, exc)) from None
    except ValueError:  # Python's limit on the digits of an int, hit inside tomllib
        raise TemplateError(_long_number_problem(file, text)) from None
    reader = ThemeReader(file, text)
    theme = _build(reader, folder, file, data)
    errors = [p for p in reader.problems if p.severity != "warning"]
    if errors or theme is None:
        raise TemplateError(sorted(errors, key=_where))
    warnings = tuple(sorted((p for p in reader.problems if p.severity == "warning"), key=_where))
    return replace(theme, warnings=warnings) if warnings else theme


def _read_text(folder: Path, file: Path) -> str:
    """The text of theme.toml: a regular file inside ``folder`` (a link may not lead
    elsewhere, as for fonts and reference.docx), under the size cap, in UTF-8 (with or
    without a byte-order mark)."""
    try:
        real = file.resolve(strict=True)
        inside = real.is_relative_to(folder.resolve())
        regular = real.is_file()
    except (OSError, RuntimeError):  # a dangling link, a link loop
        raise TemplateError(f"{file}: a broken link or an unreadable file") from None
    if not inside:
        raise TemplateError(f"{file}: a link that leads outside the template folder")
    if not regular:
        raise TemplateError(f"{file}: not a regular file")
    try:
        with real.open("rb") as handle:
            raw = handle.read(MAX_THEME_BYTES + 1)
    except OSError as exc:
        raise TemplateError(f"{file}: cannot read ({exc.strerror})") from None
    if len(raw) > MAX_THEME_BYTES:
        raise TemplateError(f"{file}: larger than {MAX_THEME_BYTES // 1024} KB")
    try:  # "UTF-8 with BOM" (Notepad): the mark is no statement, and takes no column
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        where = Position(str(file), line, col)
        raise TemplateError(Problem("not UTF-8 text", where)) from None


def _long_number_problem(file: Path, text: str) -> Problem:
    """A number too long for Python's int, at the line and column where it is written."""
    m = _LONG_INT.search(text)
    line, col = 1, 1
    if m:
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    where = Position(str(file), line, col)
    return Problem(
        "TOML value: a number of thousands of digits is not a finite number in range", where
    )


def _syntax_problem(file: Path, text: str, exc: tomllib.TOMLDecodeError) -> Problem:
    """tomllib's message ("Invalid value (at line 3, column 9)") as a positioned Problem."""
    message = str(exc)
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if m:
        where = Position(str(file), int(m.group(1)), int(m.group(2)))
        message = message[: m.start()]
    else:
        lines = text.count("\n") + 1
        where = Position(str(file), lines, 1)
        message = message.replace(" (at end of document)", " at the end of the file")
    return Problem(f"TOML syntax: {message}", where)


def _build(r: ThemeReader, folder: Path, file: Path, data: dict[str, Any]) -> Theme | None:
    r.table(data, (), TOP_LEVEL)
    description = data.get("description", "")
    if r.typed(description, ("description",), str, "a text") is None:
        description = ""
    colors = _colors(r, data)
    page = read_page(r, data)
    fonts = read_fonts(r, folder, data)
    classification = _classification(r, data, colors)
    spacing = read_spacing(r, data, page)
    lists = read_lists(r, data, colors)
    styles = read_styles(r, data, colors, fonts, page)
    document = _document(r, data)
    logo = read_logo(r, folder, data, page) if "logo" in data else None
    figures = read_figures(r, data)
    _furniture_contrast(r, styles, classification)
    if page is not None:
        check_indent_room(r, page.width - page.margin_left - page.margin_right, spacing, styles)
    if page is None or fonts is None:
        return None
    return Theme(
        file,
        description,
        page,
        fonts,
        colors,
        classification,
        spacing,
        lists,
        styles,
        document,
        logo,
        figures,
    )


# -- [document], furniture contrast -------------------------------------------------------


def _document(r: ThemeReader, data: Mapping[str, Any]) -> DocumentSettings:
    """The conventions of [document]; an unknown choice names the known ones."""
    table = r.table(data, ("document",), ("date_style", "marking"))
    values: dict[str, str] = {}
    for key, known in (("date_style", DATE_STYLES), ("marking", MARKING_PLACES)):
        if key not in table:
            continue
        value = table[key]
        if isinstance(value, str) and value in known:
            values[key] = value
        else:
            r.fail(("document", key), f"{show(value)}: use {' or '.join(map(repr, known))}")
    return DocumentSettings(**values)


def _furniture_contrast(
    r: ThemeReader, styles: Mapping[str, Style], classification: Mapping[str, str]
) -> None:
    """A warning for header, footer or marking text too faint to read on the page."""
    from briefing.contrast import low_contrast

    spots: list[tuple[KeyPath, str, str]] = [
        (("styles", name, "color"), f"the {name} text", styles[name].color)
        for name in ("header", "footer")
        if name in styles
    ]
    spots += [
        (("classification", level), f"the {level} marking", color)
        for level, color in classification.items()
    ]
    for path, what, color in spots:
        why = low_contrast(color)
        if why is not None:
            r.warn(path, f"{what}: {why}")


# -- [colors], [classification] --------------------------------------------------------


def _colors(r: ThemeReader, data: Mapping[str, Any]) -> dict[str, str]:
    """Name -> #RRGGBB; a value may name another colour whose value is #RRGGBB."""
    table = r.table(data, ("colors",), None)
    r.color_names = set(table)
    out: dict[str, str] = {}
    for name, value in table.items():
        if isinstance(value, str) and is_hex_color(value):
            out[name] = value
    for name, value in table.items():
        path = ("colors", name)
        if name in out:
            continue
        if isinstance(value, str) and value in out and value != name:
            out[name] = out[value]
        elif isinstance(value, str) and value in table:
            r.fail(path, f"{value!r} names a colour that is itself a name; give #RRGGBB")
        else:
            r.fail(path, f"{show(value)} is not a colour (#RRGGBB or a name in [colors])")
    for name in COLOR_NAMES:
        if name not in table:
            r.fail(("colors",), f"[colors] needs {name!r} (the PDF renderer draws with it)")
    return out


def _classification(
    r: ThemeReader, data: Mapping[str, Any], colors: Mapping[str, str]
) -> dict[str, str]:
    table = r.table(data, ("classification",), LEVELS)
    custom = CUSTOM_MARKING
    if "custom" in table:
        custom = r.color(table["custom"], ("classification", "custom"), colors) or custom
    out = {}
    for level in LEVELS:
        if level == "custom":  # checked above, reported once
            out[level] = custom
            continue
        value = table.get(level)
        found = r.color(value, ("classification", level), colors) if value is not None else None
        out[level] = found or custom
    return out
