"""[styles], [spacing] and [lists] of theme.toml: how text is set.

Separate from themeread because styles are a small language of their own: each
[styles.NAME] sets some values and names a parent for the rest, so the values are
checked one table at a time and then resolved along the parent chains (loops, unknown
parents and over-long chains are problems). [spacing] and [lists] are here because the
room a list item, a quote or a note leaves for text depends on both them and the styles.
REQUIRED_STYLES is the one list of the style names the renderers use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any

from briefing.theme import INCH, FontSettings, ListSettings, PageSettings, SpacingSettings, Style
from briefing.themevalues import MAX_RULE, MAX_SPACE, ThemeReader, show
from briefing.tomlpos import KeyPath

MAX_FONT_SIZE = 72.0  # pt
MAX_LEADING = 144.0  # pt

MAX_MARKER = 8  # characters of one list marker
MAX_LEVELS = 9  # list markers given per nesting level
MAX_STYLES = 200  # [styles.NAME] tables (a theme uses about 30)
MAX_CHAIN = 20  # styles in one parent chain (a theme's are 3 or 4 long)

SPACING_KEYS = tuple(f.name for f in fields(SpacingSettings))

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


def read_spacing(
    r: ThemeReader, data: Mapping[str, Any], page: PageSettings | None
) -> SpacingSettings:
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


def check_indent_room(
    r: ThemeReader, width: float, spacing: SpacingSettings, styles: Mapping[str, Style]
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


def read_lists(r: ThemeReader, data: Mapping[str, Any], colors: Mapping[str, str]) -> ListSettings:
    table = r.table(data, ("lists",), ("bullets", "numbers", "bullet_color"))

    def markers(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        raw = table.get(key, list(default))
        path = ("lists", key)
        if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_LEVELS:
            r.fail(path, f"must be a list of 1 to {MAX_LEVELS} markers, one per level")
            return default
        bad = [m for m in raw if not isinstance(m, str) or not 1 <= len(m) <= MAX_MARKER]
        if bad:
            r.fail(path, f"{show(bad[0])}: a marker is a text of 1 to {MAX_MARKER} characters")
            return default
        return tuple(raw)

    bullets = markers("bullets", ("•",))
    numbers = markers("numbers", ("1.",))
    color = r.color(table.get("bullet_color", "text"), ("lists", "bullet_color"), colors)
    return ListSettings(bullets, numbers, color or colors.get("text", "#000000"))


def read_styles(
    r: ThemeReader,
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
    r: ThemeReader,
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
        "align": lambda v, p: v if v in ALIGNS else r.fail(p, f"{show(v)}: use "
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


def _font_role(r: ThemeReader, value: Any, path: KeyPath, fonts: FontSettings | None) -> Any:
    name = r.typed(value, path, str, "a family role or key")
    if name is None or name in ("body", "headings"):
        return name
    if fonts is not None and name not in fonts.families:
        r.fail(
            path, f"{name!r} is neither a role (body, headings) nor a family of [fonts.families]"
        )
        return None
    return name


def _inherit(r: ThemeReader, raw: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
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
