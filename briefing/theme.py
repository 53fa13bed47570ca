"""A template's theme as typed, frozen settings, checked once when the template loads.

theme.toml is written by people and may come from anyone (``-t FOLDER``). Read lazily
while drawing, a typo such as ``margn_left`` was silently ignored, a NaN page size
crashed the renderer and a -500mm margin put the text off the page without a word.
So the whole file is read and checked up front (themeread.py: every problem at once,
each with the line and column in theme.toml) into the values below, which hold only
checked data: lengths in points, colours as ``#RRGGBB``, font files resolved inside
the template folder (or bundled), styles with their ``parent`` chains resolved. The
renderers trust these values and never see the TOML.

Nothing here is specific to a renderer: the PDF renderer turns these values into
ReportLab objects (renderers/pdf/theme.py, styles.py, fonts.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.errors import Problem
from briefing.tree import Picture

FACES = ("regular", "bold", "italic", "bold_italic")

# Units of a length written as text: "25mm", "2.5cm", "1in", "10pt"; a bare number is pt.
UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}

INCH = 72.0


@dataclass(frozen=True)
class PageSettings:
    """Page size and the fixed furniture around the text frame, all in points."""

    width: float
    height: float
    margin_top: float  # frame top from page 2 on; the running header sits above it
    first_margin_top: float  # frame top on page 1
    margin_bottom: float
    margin_left: float
    margin_right: float
    marking_top: float  # baseline of the top marking, from the top edge
    marking_bottom: float  # baseline of the bottom marking, from the bottom edge
    header_baseline: float
    footer_baseline: float
    rule_width: float


@dataclass(frozen=True)
class FontFamily:
    """One family's four faces, each a checked TrueType file (a missing face is the
    nearest present one: bold and italic fall back to regular, bold italic to bold)."""

    key: str
    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def files(self) -> dict[str, Path]:
        return {face: getattr(self, face) for face in FACES}


@dataclass(frozen=True)
class FontSettings:
    body: str  # family key of the body text
    headings: str  # family key of headings
    fallbacks: tuple[str, ...]  # family keys tried for a character the others lack
    families: dict[str, FontFamily]  # every declared family, in theme order

    @property
    def stack(self) -> tuple[str, ...]:
        """Family keys in the order a character is looked up: body, headings, fallbacks."""
        return tuple(dict.fromkeys((self.body, self.headings, *self.fallbacks)))

    def family(self, role_or_key: str) -> FontFamily:
        """A family by role (``body``, ``headings``) or by its key."""
        if role_or_key == "body":
            return self.families[self.body]
        if role_or_key == "headings":
            return self.families[self.headings]
        return self.families[role_or_key]


@dataclass(frozen=True)
class SpacingSettings:
    """Gaps, indents and line widths of blocks, in points."""

    block: float = 7.0
    list_indent: float = 15.0
    table_padding: float = 4.0
    table_grid: float = 0.5
    note_padding: float = 8.0
    note_bar: float = 3.0
    quote_indent: float = 16.0
    quote_bar: float = 2.0
    memo_label_width: float = 32 * UNITS["mm"]
    title_rule: float = 1.2


@dataclass(frozen=True)
class ListSettings:
    bullets: tuple[str, ...]  # marker per nesting level
    numbers: tuple[str, ...]  # number pattern per level ("1" is replaced by the number)
    bullet_color: str  # "#RRGGBB"


@dataclass(frozen=True)
class Style:
    """One paragraph style with its ``parent`` chain already applied."""

    name: str
    font: str  # a role (body, headings) or a family key, checked to exist
    bold: bool
    italic: bool
    size: float
    leading: float
    color: str  # "#RRGGBB"
    align: str  # left, center, right, justify
    space_before: float
    space_after: float
    left_indent: float
    right_indent: float
    first_line_indent: float
    keep_with_next: bool


DATE_STYLES = ("long", "official")
MARKING_PLACES = ("every_page", "first_page_right")


@dataclass(frozen=True)
class DocumentSettings:
    """Conventions of the document rather than its look, shared by both formats.

    ``date_style``: ``long`` is CLDR's long date of the language ("26 noyabr 2026");
    ``official`` is the form the language's official documents use where it differs
    (Azerbaijani "26 noyabr 2026-cı il"; i18n/dates.py), else the long date.
    ``marking``: ``every_page`` puts the classification marking in a box at the top
    and bottom of every page; ``first_page_right`` is the Russian practice (GOST R
    7.0.97, the "Для служебного пользования" rules): once, at the top right of page 1.
    """

    date_style: str = "long"
    marking: str = "every_page"


LOGO_PLACES = ("left", "right", "center")


@dataclass(frozen=True)
class LogoSettings:
    """The organization's logo at the top of the first page (the letterhead): a PNG,
    JPEG or SVG file of the template, read and checked with the theme (as a figure's
    image is: inside the template folder, no external references)."""

    picture: Picture = field(repr=False, compare=False)  # bytes: kept out of the fingerprint
    file: Path
    place: str = "left"  # one of LOGO_PLACES
    width: float = 85.0  # points (30 mm)

    @property
    def height(self) -> float:
        return self.width * self.picture.height / self.picture.width


MAX_DPI_RANGE = (72, 2400)  # a screen's resolution to beyond any printer's


@dataclass(frozen=True)
class FigureSettings:
    """How figures are embedded in both formats. ``max_dpi``: a raster image placed at
    more than 1.5 times this resolution is resampled to it (figures/resample.py says
    why 300 and why the 1.5)."""

    max_dpi: int = 300


@dataclass(frozen=True)
class Theme:
    """Everything theme.toml says, checked; ``source`` is the file it came from."""

    source: Path
    description: str
    page: PageSettings
    fonts: FontSettings
    colors: dict[str, str]  # name -> "#RRGGBB" (a name naming another is resolved)
    classification: dict[str, str]  # level -> "#RRGGBB"; every level and "custom"
    spacing: SpacingSettings
    lists: ListSettings
    styles: dict[str, Style]
    document: DocumentSettings = field(default_factory=DocumentSettings)
    logo: LogoSettings | None = None
    figures: FigureSettings = field(default_factory=FigureSettings)
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    """Problems that do not stop the template (a furniture colour of low contrast),
    each already positioned; ``briefing templates --check`` lists them."""
    fingerprint: str = field(default="", compare=False)
    """A digest of everything above, made once at load: the renderers key their caches
    on it (the repr of the whole theme took 5 ms, on every render)."""

    def color(self, name_or_hex: str) -> str:
        """``#RRGGBB`` for a colour name of [colors] or a ``#RRGGBB`` value.

        Raises KeyError for anything else (every value the theme itself holds is
        already resolved, so only a renderer asking for a name the theme lacks can).
        """
        found = self.colors.get(name_or_hex)
        if found is not None:
            return found
        if is_hex_color(name_or_hex):
            return name_or_hex
        raise KeyError(name_or_hex)

    def marking_color(self, classification: str | None) -> str:
        """The colour of a classification marking; any other text is ``custom``."""
        if classification and classification in self.classification:
            return self.classification[classification]
        return self.classification["custom"]


def is_hex_color(value: str) -> bool:
    return (
        len(value) == 7
        and value[0] == "#"
        and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    )


def load_theme(folder: Path) -> Theme:
    """The checked theme of a template folder; TemplateError lists every problem.

    The fingerprint keys in-process caches only (the PDF kit), so Python's own string
    hash is enough: it costs nothing to import, unlike hashlib (OpenSSL, ~10 ms cold).
    """
    from briefing.themeread import read_theme

    theme = read_theme(folder)
    return replace(theme, fingerprint=f"{hash(repr(theme)):x}")
