"""theme.toml -> briefing.theme.Theme, with every problem found at once and located.

tomllib checks the syntax (its message carries line and column, turned into a
Position); tomlpos.py finds where each key is written; this module checks each table
against what the renderer understands (unknown keys, types, ranges, colours, fonts,
style parents) and builds the frozen settings. A problem does not stop the reading: the
value falls back to its default so later checks still run, and all problems are raised
together as one TemplateError. Bounds are generous for any real memo and stop values
that would put text off the page (a -500mm margin, a 5000pt font) or break the layout.
"""

from __future__ import annotations

import datetime
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from pathlib import Path
from typing import Any, TypeVar

from briefing.errors import Position, Problem, TemplateError
from briefing.fontfiles import FontFileError, resolve_font
from briefing.theme import (
    DATE_STYLES,
    FACES,
    INCH,
    LOGO_PLACES,
    MARKING_PLACES,
    MAX_DPI_RANGE,
    UNITS,
    DocumentSettings,
    FigureSettings,
    FontFamily,
    FontSettings,
    ListSettings,
    LogoSettings,
    PageSettings,
    SpacingSettings,
    Style,
    Theme,
    is_hex_color,
)
from briefing.tomlpos import KeyPath, locate, nearest

T = TypeVar("T")

MAX_THEME_BYTES = 1024 * 1024
MAX_FONT_SIZE = 72.0  # pt
MAX_LEADING = 144.0  # pt
MAX_SPACE = 288.0  # pt (4 in): any gap, indent or padding
MAX_RULE = 12.0  # pt: line widths
MIN_PAGE, MAX_PAGE = INCH, 200 * INCH
MAX_MARKER = 8  # characters of one list marker
MAX_LEVELS = 9  # list markers given per nesting level
MAX_STYLES = 200  # [styles.NAME] tables (a theme uses about 30)
MAX_CHAIN = 20  # styles in one parent chain (a theme's are 3 or 4 long)
# tomllib turns a decimal integer into an int, which Python refuses beyond this many
# digits (a ValueError, not a TOMLDecodeError): such a number is found to place it.
_LONG_INT = re.compile(r"[0-9](?:_?[0-9]){4000,}")

_LENGTH = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)?\s*$")
# As ReportLab computes them, so a named size is the same number as before.
_RL_MM = 72.0 / 2.54 * 0.1
PAGE_SIZES = {"a4": (210 * _RL_MM, 297 * _RL_MM), "letter": (8.5 * INCH, 11 * INCH)}

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
FAMILY_KEYS = ("name", *FACES)
LEVELS = ("public", "internal", "confidential", "restricted", "custom")
CUSTOM_MARKING = "#4A5360"
SPACING_KEYS = tuple(f.name for f in fields(SpacingSettings))
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
ALIGNS = ("left", "center", "right", "justify")
STYLE_LENGTHS = (
    "size",
    "leading",
    "space_before",
    "space_after",
    "left_indent",
    "right_indent",
    "first_line_indent",
)
STYLE_FLAGS = ("bold", "italic", "keep_with_next")
STYLE_KEYS = ("parent", "font", "color", "align", *STYLE_LENGTHS, *STYLE_FLAGS)
# Styles the renderer uses; each must resolve (they may all inherit from one base).
REQUIRED_STYLES = (
    "body", "title", "subtitle", "doctype", "dateline", "heading1", "heading2", "heading3",
    "bullet", "quote", "attribution", "note_label", "note", "caption", "table_header",
    "table_cell", "memo_label", "memo_value", "prepared_by", "marking", "header", "footer",
    "toc_title", "toc1", "toc2",
)  # fmt: skip
# Styles added after themes were first copied: an older copy of a theme gets these.
STYLE_DEFAULTS: dict[str, dict[str, Any]] = {
    "toc_title": {"parent": "heading1"},
    "toc1": {"parent": "body", "space_after": 3},
    "toc2": {"parent": "toc1", "left_indent": 12},
    # PDF footnotes at the page's foot (the DOCX uses Word's own footnote styles)
    "footnote": {"parent": "body", "size": 8, "leading": 10, "space_before": 0,
                 "space_after": 2, "first_line_indent": 0, "keep_with_next": False},
}  # fmt: skip


class _Reader:
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
        self.fail(path, f"must be {what}, not {_shown(value)}")
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
            self.fail(path, f"{_shown(value)} is not a finite number in range")
            return None
        if points is None:
            self.fail(path, f"{_shown(value)} is not a length such as 25mm, 1in or 10pt")
            return None
        if not math.isfinite(points):
            self.fail(path, f"{_shown(value)} is not a finite length")
            return None
        if positive and not 0 < points <= high:
            self.fail(path, f"{_shown(value)}: must be more than 0 and at most {_pt(high)}")
            return None
        if not low <= points <= high:
            self.fail(path, f"{_shown(value)} is out of range ({_pt(low)} to {_pt(high)})")
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
        self.fail(path, f"{_shown(value)} is not a colour (#RRGGBB or a name in [colors])")
        return None


def _where(problem: Problem) -> tuple[int, int]:
    return (problem.position.line, problem.position.col) if problem.position else (0, 0)


def _shown(value: Any) -> str:
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


def _pt(points: float) -> str:
    return f"{points / INCH:g}in" if points >= 2 * INCH and not points % INCH else f"{points:g}pt"


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
    reader = _Reader(file, text)
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


def _build(r: _Reader, folder: Path, file: Path, data: dict[str, Any]) -> Theme | None:
    r.table(data, (), TOP_LEVEL)
    description = data.get("description", "")
    if r.typed(description, ("description",), str, "a text") is None:
        description = ""
    colors = _colors(r, data)
    page = _page(r, data)
    fonts = _fonts(r, folder, data)
    classification = _classification(r, data, colors)
    spacing = _spacing(r, data, page)
    lists = _lists(r, data, colors)
    styles = _styles(r, data, colors, fonts, page)
    document = _document(r, data)
    logo = _logo(r, folder, data, page) if "logo" in data else None
    figures = _figures(r, data)
    _furniture_contrast(r, styles, classification)
    if page is not None:
        _indent_room(r, page.width - page.margin_left - page.margin_right, spacing, styles)
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


# -- [logo] -------------------------------------------------------------------------------


def _logo(
    r: _Reader, folder: Path, data: Mapping[str, Any], page: PageSettings | None
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
        r.fail(("logo", "place"), f"{_shown(place)}: use {' or '.join(map(repr, LOGO_PLACES))}")
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


def _figures(r: _Reader, data: Mapping[str, Any]) -> FigureSettings:
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


# -- [document], furniture contrast -------------------------------------------------------


def _document(r: _Reader, data: Mapping[str, Any]) -> DocumentSettings:
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
            r.fail(("document", key), f"{_shown(value)}: use {' or '.join(map(repr, known))}")
    return DocumentSettings(**values)


def _furniture_contrast(
    r: _Reader, styles: Mapping[str, Style], classification: Mapping[str, str]
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


def _colors(r: _Reader, data: Mapping[str, Any]) -> dict[str, str]:
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
            r.fail(path, f"{_shown(value)} is not a colour (#RRGGBB or a name in [colors])")
    for name in COLOR_NAMES:
        if name not in table:
            r.fail(("colors",), f"[colors] needs {name!r} (the PDF renderer draws with it)")
    return out


def _classification(
    r: _Reader, data: Mapping[str, Any], colors: Mapping[str, str]
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


# -- [page] ------------------------------------------------------------------------------


def _page(r: _Reader, data: Mapping[str, Any]) -> PageSettings | None:
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
            f"of text width on a {_pt(width)} wide page",
        )
    for top_key in ("margin_top", "first_margin_top"):
        top = getattr(page, top_key)
        if height - top - page.margin_bottom < INCH:
            r.fail(
                ("page", top_key),
                f"{top_key} and margin_bottom leave less than 1in of "
                f"text height on a {_pt(height)} high page",
            )
    for key in ("marking_top", "marking_bottom", "header_baseline", "footer_baseline"):
        if getattr(page, key) > height / 2:
            r.fail(("page", key), f"{key} is more than half the page height from the edge")
    return page if len(r.problems) == problems else None


def _page_size(r: _Reader, raw: Any) -> tuple[float, float] | None:
    path = ("page", "size")
    if isinstance(raw, str):
        name = raw.strip().lower()
        landscape = name.endswith("-landscape")
        base = PAGE_SIZES.get(name.removesuffix("-landscape"))
        if base is None:
            r.fail(
                path,
                f"{_shown(raw)}: use A4, Letter, A4-landscape, Letter-landscape or [width, height]",
            )
            return None
        short, long_ = min(base), max(base)
        return (long_, short) if landscape else base
    if isinstance(raw, list) and len(raw) == 2:
        sides = [r.length(side, path, MIN_PAGE, MAX_PAGE) for side in raw]
        if sides[0] is None or sides[1] is None:
            return None
        return (sides[0], sides[1])
    r.fail(
        path, f"{_shown(raw)}: use A4, Letter, A4-landscape, Letter-landscape or [width, height]"
    )
    return None


# -- [fonts] -----------------------------------------------------------------------------


def _fonts(r: _Reader, folder: Path, data: Mapping[str, Any]) -> FontSettings | None:
    if "fonts" not in data:
        r.fail((), "a [fonts] table is required")
        return None
    table = r.table(data, ("fonts",), ("body", "headings", "fallbacks", "families"))
    declared = r.table(table, ("fonts", "families"), None)
    families: dict[str, FontFamily] = {}
    for key in declared:
        family = _family(r, folder, declared, key)
        if family is not None:
            families[key] = family
    if not declared:
        r.fail(("fonts",), "[fonts.families] declares no family")

    def role(key: str, default: str | None) -> str | None:
        value = table.get(key, default)
        if value is None:
            r.fail(("fonts",), f"[fonts] needs {key!r}: the key of a family")
            return None
        name = r.typed(value, ("fonts", key), str, "a family key")
        if name is not None and name not in declared:
            r.fail(("fonts", key), f"{name!r} is not a family of [fonts.families]")
            return None
        return name

    body = role("body", None)
    headings = role("headings", body)
    fallbacks: list[str] = []
    raw = table.get("fallbacks", [])
    if r.typed(raw, ("fonts", "fallbacks"), list, "a list of family keys") is not None:
        for item in raw:
            if isinstance(item, str) and item in declared:
                fallbacks.append(item)
            else:
                r.fail(
                    ("fonts", "fallbacks"), f"{_shown(item)} is not a family of [fonts.families]"
                )
    if body is None or headings is None or len(families) != len(declared):
        return None
    return FontSettings(body, headings, tuple(fallbacks), families)


def _family(r: _Reader, folder: Path, declared: Mapping[str, Any], key: str) -> FontFamily | None:
    path = ("fonts", "families", key)
    spec = r.table(declared, path, FAMILY_KEYS)
    if not spec:
        r.fail(path, f"[fonts.families.{key}] needs a 'regular' face")
        return None
    name = r.typed(spec.get("name", key), (*path, "name"), str, "a text") or key
    files: dict[str, Path] = {}
    ok = True
    if "regular" not in spec:
        r.fail(path, f"[fonts.families.{key}] needs a 'regular' face")
        ok = False
    for face in FACES:
        if face not in spec:
            continue
        file_name = r.typed(spec[face], (*path, face), str, "a font file name")
        if file_name is None:
            ok = False
            continue
        try:
            files[face] = resolve_font(folder, file_name)
        except FontFileError as exc:
            r.fail((*path, face), str(exc))
            ok = False
    if not ok:
        return None
    files.setdefault("bold", files["regular"])
    files.setdefault("italic", files["regular"])
    files.setdefault("bold_italic", files["bold"])
    return FontFamily(key, name, **files)


# -- [spacing], [lists] ------------------------------------------------------------------


def _spacing(r: _Reader, data: Mapping[str, Any], page: PageSettings | None) -> SpacingSettings:
    table = r.table(data, ("spacing",), SPACING_KEYS)
    values: dict[str, float] = {}
    for key in SPACING_KEYS:
        if key not in table:
            continue
        high = (
            MAX_RULE
            if key in ("table_grid", "title_rule", "note_bar", "quote_bar")
            else (MAX_SPACE)
        )
        if key == "memo_label_width" and page is not None:
            high = page.width - page.margin_left - page.margin_right - INCH
        found = r.length(table[key], ("spacing", key), 0.0, max(high, 0.0))
        if found is not None:
            values[key] = found
    return SpacingSettings(**values)


def _indent_room(
    r: _Reader, width: float, spacing: SpacingSettings, styles: Mapping[str, Style]
) -> None:
    """The text of the most indented list item, of a quote and of a note keeps at least
    an inch, as a style's own indents must: a list_indent of 200pt left the third
    level's item no width, and the PDF dropped its text without a word."""
    from briefing.model import MAX_LIST_DEPTH

    def own(name: str) -> float:
        style = styles.get(name)
        if style is None:
            return 0.0
        return style.left_indent + style.right_indent + max(style.first_line_indent, 0.0)

    taken = {
        "list_indent": (MAX_LIST_DEPTH * spacing.list_indent + own("bullet"), "list items"),
        "quote_indent": (spacing.quote_indent + 13 + own("quote"), "quotes"),
        "note_padding": (2 * spacing.note_padding + 2 + own("note"), "notes"),
    }
    for key, (used, what) in taken.items():
        if width - used < INCH:
            r.fail(
                ("spacing", key),
                f"leaves {what} {max(width - used, 0) / INCH:.2f}in of the {width / INCH:.2f}in "
                "text width (with their styles' indents and, for lists, "
                f"{MAX_LIST_DEPTH} levels); at least 1in must be left",
            )


def _lists(r: _Reader, data: Mapping[str, Any], colors: Mapping[str, str]) -> ListSettings:
    table = r.table(data, ("lists",), ("bullets", "numbers", "bullet_color"))

    def markers(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        raw = table.get(key, list(default))
        path = ("lists", key)
        if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_LEVELS:
            r.fail(path, f"must be a list of 1 to {MAX_LEVELS} markers, one per level")
            return default
        bad = [m for m in raw if not isinstance(m, str) or not 1 <= len(m) <= MAX_MARKER]
        if bad:
            r.fail(path, f"{_shown(bad[0])}: a marker is a text of 1 to {MAX_MARKER} characters")
            return default
        return tuple(raw)

    bullets = markers("bullets", ("•",))
    numbers = markers("numbers", ("1.",))
    color = r.color(table.get("bullet_color", "text"), ("lists", "bullet_color"), colors)
    return ListSettings(bullets, numbers, color or colors.get("text", "#000000"))


# -- [styles] ----------------------------------------------------------------------------


def _styles(
    r: _Reader,
    data: Mapping[str, Any],
    colors: Mapping[str, str],
    fonts: FontSettings | None,
    page: PageSettings | None,
) -> dict[str, Style]:
    table = r.table(data, ("styles",), None)
    if len(table) > MAX_STYLES:
        r.fail(("styles",), f"[styles] has {len(table)} styles (at most {MAX_STYLES})")
        return {}
    raw: dict[str, dict[str, Any]] = {**STYLE_DEFAULTS}
    for name in table:
        spec = r.table(table, ("styles", name), STYLE_KEYS)
        raw[name] = _style_values(r, name, spec, colors, fonts)
    for name in REQUIRED_STYLES:
        if name not in raw:
            r.fail(("styles",), f"[styles.{name}] is missing (the renderer uses it)")
    merged = _inherit(r, raw)
    width = page.width - page.margin_left - page.margin_right if page else None
    out: dict[str, Style] = {}
    text = colors.get("text", "#000000")
    for name in sorted(merged):
        style = _style(name, merged[name], text)
        indent = style.left_indent + style.right_indent + max(style.first_line_indent, 0.0)
        if width is not None and width - indent < INCH:
            r.fail(("styles", name), "its indents leave less than 1in of text width")
        out[name] = style
    return out


def _style_values(
    r: _Reader,
    name: str,
    spec: Mapping[str, Any],
    colors: Mapping[str, str],
    fonts: FontSettings | None,
) -> dict[str, Any]:
    """The checked values one [styles.NAME] table sets itself (bad ones left out)."""
    path = ("styles", name)
    out: dict[str, Any] = {}
    checks: dict[str, Callable[[Any, KeyPath], Any]] = {
        "size": lambda v, p: r.length(v, p, 0.0, MAX_FONT_SIZE, positive=True),
        "leading": lambda v, p: r.length(v, p, 0.0, MAX_LEADING, positive=True),
        "space_before": lambda v, p: r.length(v, p, 0.0, MAX_SPACE),
        "space_after": lambda v, p: r.length(v, p, 0.0, MAX_SPACE),
        "left_indent": lambda v, p: r.length(v, p, 0.0, MAX_SPACE),
        "right_indent": lambda v, p: r.length(v, p, 0.0, MAX_SPACE),
        "first_line_indent": lambda v, p: r.length(v, p, -MAX_SPACE, MAX_SPACE),
        "color": lambda v, p: r.color(v, p, colors),
        "parent": lambda v, p: r.typed(v, p, str, "a style name"),
        "font": lambda v, p: _font_role(r, v, p, fonts),
        "align": lambda v, p: v if v in ALIGNS else r.fail(p, f"{_shown(v)}: use "
                                                           f"{', '.join(ALIGNS)}"),
    }  # fmt: skip
    for key, value in spec.items():
        if key in STYLE_FLAGS:
            found: Any = r.typed(value, (*path, key), bool, "true or false")
        elif key in checks:
            found = checks[key](value, (*path, key))
        else:
            continue  # an unknown key, already reported
        if found is not None:
            out[key] = found
    return out


def _font_role(r: _Reader, value: Any, path: KeyPath, fonts: FontSettings | None) -> Any:
    name = r.typed(value, path, str, "a family role or key")
    if name is None or name in ("body", "headings"):
        return name
    if fonts is not None and name not in fonts.families:
        r.fail(
            path, f"{name!r} is neither a role (body, headings) nor a family of [fonts.families]"
        )
        return None
    return name


def _inherit(r: _Reader, raw: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each style's values with its parents' filled in; loops, unknown parents and
    chains longer than MAX_CHAIN are problems (the style where the chain stops then
    stands alone). Iterative: a theme's chain may be as long as its author likes."""
    resolved: dict[str, dict[str, Any]] = {}
    too_long = False
    for name in raw:
        if name in resolved:
            continue
        chain = [name]  # the style, its parent, its grandparent ... none resolved yet
        base: dict[str, Any] = {}
        while True:
            last = chain[-1]
            parent = raw[last].get("parent")
            if parent is None:
                break
            if parent in resolved:
                base = resolved[parent]
                break
            where = ("styles", last, "parent")
            if parent in chain:
                loop = " -> ".join((*chain[chain.index(parent) :], parent))
                r.fail(where, f"parent loop: {loop}")
                break
            if parent not in raw:
                r.fail(where, f"unknown parent style {parent!r}")
                break
            if len(chain) >= MAX_CHAIN:
                if not too_long:  # once: every style of the chain would say the same
                    r.fail(where, f"a chain of parents longer than {MAX_CHAIN} styles")
                    too_long = True
                break
            chain.append(parent)
        for member in reversed(chain):
            values = dict(base)
            values.update({k: v for k, v in raw[member].items() if k != "parent"})
            resolved[member] = base = values
    return resolved


def _style(name: str, values: Mapping[str, Any], text_color: str) -> Style:
    size = float(values.get("size", 10.0))
    return Style(
        name=name,
        font=str(values.get("font", "body")),
        bold=bool(values.get("bold", False)),
        italic=bool(values.get("italic", False)),
        size=size,
        leading=float(values.get("leading", round(size * 1.35, 2))),
        color=str(values.get("color", text_color)),
        align=str(values.get("align", "left")),
        space_before=float(values.get("space_before", 0.0)),
        space_after=float(values.get("space_after", 0.0)),
        left_indent=float(values.get("left_indent", 0.0)),
        right_indent=float(values.get("right_indent", 0.0)),
        first_line_indent=float(values.get("first_line_indent", 0.0)),
        keep_with_next=bool(values.get("keep_with_next", False)),
    )
