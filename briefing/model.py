"""The canonical brief: the one description of the format.

Plain frozen dataclasses. Everything else about the format is derived from them, by
reading their fields, type hints and field metadata: the decoder that turns a reader's
plain data into these objects with every problem positioned (briefing/decode.py), the
merge of per-language Markdown files (briefing/readers/translations.py), the JSON Schema
for editors (briefing/schema.py) and the generated briefs of the property tests. Adding
a field or a block kind is a change here plus the renderers' code for it (docs/format.md,
"Adding a block kind").

Every scalar arrives as the string the author typed (see readers/yaml_source.py): a text
is a string or a map of language code to string; dates become ``datetime.date``. Text
values keep their translations side by side; choosing a language is localize's job.

Field metadata the derived code understands:

- ``key``: the key written in a brief when it differs from the field name (``from``).
- ``min_items``: a list needs at least this many entries.
- ``pattern``: a plain string must match this regular expression.
- ``url``: a link target (http, https or mailto), bounded by the url-chars limit.
- ``positive``: numbers greater than 0.
- ``at_most``: a number no greater than this (a share of the text width: 1).
- ``nest``: this list is one level of nesting of its kind (``list`` or ``section``);
  :data:`MAX_DEPTH` bounds each kind.
- ``limit``: the name of the limit (briefing/limits.py) that bounds the list's length.
- ``budget``: the name of a limit shared by the whole brief: the entries of this list's
  entries (a table's cells) count toward it wherever the list appears.
- ``keywords``: plain strings with a meaning of their own (a standard classification),
  never translated.
- ``max_chars``: a text printed where only a line or two fits (the marking on every
  page) is at most this long, in every language.
- ``blank_ok``: an empty text (``""``) is allowed here (a table's empty cell); elsewhere
  an empty text is an error where it is required and absent where it is optional, and
  an empty translation in a map is a missing one.
- ``plain``: a text printed without inline runs (a title, a heading, a memo line, alt
  text): it may not hold a footnote ``^[...]`` or a cross-reference ``[@id]``, which
  have nowhere to go there. A list's ``plain`` applies to its texts.

Rules that need a whole object (an item with two lists, a row as wide as the header) are
its ``problems()`` method, run once its own values are valid.

Why not pydantic: importing it and building validators for these classes cost about
0.2 s in every command, a third of a whole render of the example (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Literal, get_args

from briefing.errors import KeyPath

Kind = Literal[
    "summary",
    "key_points",
    "background",
    "analysis",
    "implications",
    "outlook",
    "risks",
    "options",
    "recommendations",
    "next_steps",
    "sources",
    "annex",
    "timeline",
]
KINDS: tuple[str, ...] = get_args(Kind)
CLASSIFICATIONS = ("public", "internal", "confidential", "restricted")
LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
MAX_LIST_DEPTH = 3
MAX_SECTION_DEPTH = 3
MAX_DEPTH = {"list": MAX_LIST_DEPTH, "section": MAX_SECTION_DEPTH}
"""How deep each kind of nesting (field metadata ``nest``) may go."""
ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,63}$"
"""A name one part of a brief gives another to point at (a table a chart reads, a
section, table, figure, annex or source a cross-reference ``[@id]`` names)."""
PLAIN = {"plain": True}
"""Field metadata of a text printed without inline runs (see ``plain`` above)."""

MIN_WIDTH_SHARE = 0.02
"""The narrowest column a table may ask for, as a share of the widest (1 to 50)."""
Problems = Iterator[tuple[KeyPath, str]]
"""What ``problems()`` yields: the path below the object, and what is wrong there."""

Text = str | dict[str, str]
"""A text in the brief's `lang`, or a map from language code to text."""
TEXT_OR_LIST = "a text or a list of texts"
TextList = Annotated[list[Text], TEXT_OR_LIST]
"""``cc: Trade Team`` or ``cc: [A, B]``: always a list once built."""


@dataclass(frozen=True, slots=True)
class Item:
    """A list item with a nested list."""

    text: Text
    """The item's text."""
    bullets: list[ItemOrText] | None = field(default=None, metadata={"nest": "list"})
    """A nested bulleted list under this item."""
    numbered: list[ItemOrText] | None = field(default=None, metadata={"nest": "list"})
    """A nested numbered list under this item (numbering restarts at 1)."""

    def problems(self) -> Problems:
        if self.bullets is not None and self.numbered is not None:
            yield (), "an item has bullets or numbered, not both"

    @property
    def children(self) -> tuple[bool, list[ItemOrText]] | None:
        if self.bullets is not None:
            return False, self.bullets
        if self.numbered is not None:
            return True, self.numbered
        return None


ItemOrText = Item | Text


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bulleted list."""

    bullets: list[ItemOrText] = field(metadata={"min_items": 1, "nest": "list"})
    """A bulleted list: texts, or {text, bullets|numbered} for nesting (3 levels)."""


@dataclass(frozen=True, slots=True)
class Numbered:
    """A numbered list."""

    numbered: list[ItemOrText] = field(metadata={"min_items": 1, "nest": "list"})
    """A numbered list, starting at 1: texts, or {text, bullets|numbered}."""


@dataclass(frozen=True, slots=True)
class TableSpec:
    """Columns, rows, an optional caption and relative widths."""

    columns: list[Text] = field(
        metadata={"min_items": 1, "limit": "table_columns", "blank_ok": True}
    )
    """The header row: one text per column."""
    rows: list[list[Text]] = field(
        metadata={"limit": "table_rows", "budget": "table_cells", "blank_ok": True}
    )
    """The body rows: each a list with one text per column."""
    caption: Text | None = None
    """Printed above the table after the localized "Table N"."""
    widths: list[float] | None = field(default=None, metadata={"positive": True})
    """Relative column widths, one positive number per column."""
    id: str | None = field(default=None, metadata={"pattern": ID_PATTERN})
    """A name for cross-references [@id] and charts that take their numbers from this
    table (a letter, then letters, digits, - and _)."""

    def problems(self) -> Problems:
        width = len(self.columns)
        for r, row in enumerate(self.rows):
            if len(row) != width:
                yield ("rows", r), f"row has {len(row)} cells but the table has {width} columns"
        if self.widths is None:
            return
        if len(self.widths) != width:
            yield (), f"widths has {len(self.widths)} numbers for {width} columns"
            return
        widest = max(self.widths)
        for i, w in enumerate(self.widths):
            if w < widest * MIN_WIDTH_SHARE:
                yield (
                    ("widths", i),
                    (
                        f"{w:g} is too narrow beside {widest:g}: a column needs at least "
                        f"1/{round(1 / MIN_WIDTH_SHARE)} of the widest column's width"
                    ),
                )


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table."""

    table: TableSpec
    """A table with a header row."""


@dataclass(frozen=True, slots=True)
class QuoteBlock:
    """A quotation with its author."""

    quote: Text
    """The quoted words."""
    by: Text | None = None
    """Who said or wrote them."""


@dataclass(frozen=True, slots=True)
class NoteBlock:
    """A call-out note."""

    note: Text
    """A call-out box the reader must not miss."""


# -- figures (images and charts; read and checked by briefing/figures) -----------------

ChartType = Literal["bar", "stacked", "line", "pie", "donut"]
CHART_TYPES: tuple[str, ...] = get_args(ChartType)


@dataclass(frozen=True, slots=True)
class Series:
    """One series of a chart: its name and one number per category."""

    name: Text = field(metadata=PLAIN)
    """The series' name, in the legend."""
    values: list[float] = field(metadata={"min_items": 1, "limit": "table_rows"})
    """One number per category."""


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A chart drawn from numbers written here or taken from a table of the brief."""

    type: ChartType
    """bar (grouped), stacked (bars), line, pie or donut."""
    categories: list[Text] | None = field(default=None, metadata={"limit": "table_rows", **PLAIN})
    """The category labels (x axis, or pie slices); with table: replaces its labels."""
    series: list[Series] | None = field(default=None, metadata={"limit": "table_columns"})
    """The numbers, one series per list (a pie or donut takes one)."""
    table: str | None = field(default=None, metadata={"pattern": ID_PATTERN})
    """The id of a table of this brief to take the numbers from."""
    columns: list[float] | None = field(default=None, metadata={"positive": True})
    """With table: the columns (1 = first) holding the numbers, each a series; default
    every column but the labels."""
    rows: list[float] | None = field(default=None, metadata={"positive": True})
    """With table: the rows (1 = first body row) to chart; default every row."""
    labels: float = field(default=1, metadata={"positive": True})
    """With table: the column (1 = first) whose cells label the categories."""
    axis: Text | None = field(default=None, metadata=PLAIN)
    """The value axis title (bar, stacked and line)."""

    def problems(self) -> Problems:
        if (self.table is None) == (self.series is None):
            yield (), "a chart takes its numbers from series or from a table, one of them"
        for key in ("columns", "rows"):
            for i, n in enumerate(getattr(self, key) or ()):
                if n != int(n):
                    yield (key, i), f"{n:g} is not a whole number"
        if self.series is not None:
            count = len(self.categories or ())
            for i, s in enumerate(self.series):
                if len(s.values) != count:
                    yield (
                        ("series", i, "values"),
                        f"{len(s.values)} numbers for {count} categories",
                    )
            if self.type in ("pie", "donut") and len(self.series) != 1:
                yield ("series",), f"a {self.type} chart draws one series"
            for i, s in enumerate(self.series if self.type in ("pie", "donut") else ()):
                for j, v in enumerate(s.values):
                    if v < 0:
                        yield ("series", i, "values", j), "a pie slice cannot be negative"


@dataclass(frozen=True, slots=True)
class FigureBlock:
    """A figure: an image file, numbered "Figure N"."""

    figure: str
    """A PNG, JPEG or SVG file, relative to the brief's folder and inside it."""
    caption: Text | None = None
    """Printed under the figure after the localized "Figure N"."""
    alt: Text | None = field(default=None, metadata=PLAIN)
    """What the figure shows, for readers who cannot see it."""
    credit: Text | None = None
    """A credit line under the caption ("Source: ...")."""
    width: float | None = field(default=None, metadata={"positive": True, "at_most": 1})
    """The figure's width as a share of the text width (more than 0, at most 1; default 1)."""
    id: str | None = field(default=None, metadata={"pattern": ID_PATTERN})
    """A name for cross-references [@id] to this figure."""


@dataclass(frozen=True, slots=True)
class ChartBlock:
    """A chart drawn from numbers, numbered "Figure N" with the images."""

    chart: ChartSpec
    """The kind of chart and its numbers."""
    caption: Text | None = None
    """Printed under the chart after the localized "Figure N"."""
    alt: Text | None = field(default=None, metadata=PLAIN)
    """What the chart shows, for readers who cannot see it."""
    credit: Text | None = None
    """A credit line under the caption ("Source: ...")."""
    width: float | None = field(default=None, metadata={"positive": True, "at_most": 1})
    """The chart's width as a share of the text width (more than 0, at most 1; default 1)."""
    id: str | None = field(default=None, metadata={"pattern": ID_PATTERN})
    """A name for cross-references [@id] to this chart (numbered with the figures)."""


FIGURE_BLOCKS = (FigureBlock, ChartBlock)
"""The block kinds numbered "Figure N": images and charts."""


Block = Text | Bullets | Numbered | TableBlock | QuoteBlock | NoteBlock | FigureBlock | ChartBlock
"""A block of a body: a paragraph (a text) or a map named by its first key."""


@dataclass(frozen=True, slots=True)
class Section:
    """A section: a standard kind or a title, a body and sub-sections."""

    kind: Kind | None = None
    """A standard section: its heading comes from the catalog in every language."""
    title: Text | None = field(default=None, metadata=PLAIN)
    """A heading of your own (wins over kind)."""
    body: list[Block] = field(default_factory=list)
    """Paragraphs, lists, tables, quotes and notes, in order."""
    sections: list[Section] = field(default_factory=list, metadata={"nest": "section"})
    """Sub-sections (levels 2 and 3)."""
    id: str | None = field(default=None, metadata={"pattern": ID_PATTERN})
    """A name for cross-references [@id], which print the section's heading."""

    def problems(self) -> Problems:
        if self.kind is None and self.title is None:
            yield (), "a section needs a kind or a title"


@dataclass(frozen=True, slots=True)
class Memo:
    """The memo block."""

    to: Text | None = field(default=None, metadata=PLAIN)
    """Who the memo is for."""
    from_: Text | None = field(default=None, metadata={"key": "from", **PLAIN})
    """Who sends it."""
    cc: TextList | None = field(default=None, metadata=PLAIN)
    """Copy recipients: a text or a list of texts."""
    subject: Text | None = field(default=None, metadata=PLAIN)
    """The subject line (default: the title)."""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source, printed in the numbered list of sources."""

    title: Text
    """The title of the source."""
    publisher: Text | None = field(default=None, metadata=PLAIN)
    """Who published it."""
    url: str | None = field(default=None, metadata={"url": True})
    """An http, https or mailto address."""
    date: dt.date | None = None
    """Publication date, YYYY-MM-DD."""
    id: str | None = field(default=None, metadata={"pattern": ID_PATTERN})
    """A name for citations [@id] in the text, which print the source's number "[N]"."""


@dataclass(frozen=True, slots=True)
class Annex:
    """An appendix."""

    title: Text = field(metadata=PLAIN)
    """The annex title, printed as "Annex N: title"."""
    body: list[Block] = field(default_factory=list)
    """The annex's blocks."""
    sections: list[Section] = field(default_factory=list, metadata={"nest": "section"})
    """Sub-sections of the annex."""
    id: str | None = field(default=None, metadata={"pattern": ID_PATTERN})
    """A name for cross-references [@id], which print the annex's number."""


@dataclass(frozen=True, slots=True)
class Brief:
    """A policy brief: written once, rendered in every language."""

    title: Text = field(metadata=PLAIN)
    """The memo's title."""
    date: dt.date
    """The memo's date, YYYY-MM-DD; printed with CLDR rules per language."""
    lang: str = field(default="en", metadata={"pattern": LANG_CODE.pattern})
    """The language plain strings are written in (BCP 47: en, az, ru, ...)."""
    subtitle: Text | None = field(default=None, metadata=PLAIN)
    """One line under the title."""
    reference: Text | None = field(default=None, metadata=PLAIN)
    """A document number, e.g. PB-2026-041."""
    classification: Text | None = field(
        default=None, metadata={"keywords": CLASSIFICATIONS, "max_chars": 200, **PLAIN}
    )
    """public, internal, confidential or restricted (localized), or any text as written."""
    memo: Memo | None = None
    """The To / From / Cc / Subject block."""
    authors: TextList = field(default_factory=list, metadata=PLAIN)
    """Shown as "Prepared by" and in the document properties."""
    keywords: TextList = field(default_factory=list, metadata=PLAIN)
    """Document metadata."""
    summary: list[Block] = field(default_factory=list)
    """The bottom line up front: a list of blocks."""
    sections: list[Section] = field(default_factory=list, metadata={"nest": "section"})
    """The body: sections with a standard kind or a title."""
    recommendations: list[ItemOrText] = field(default_factory=list, metadata={"nest": "list"})
    """A numbered list under the localized heading."""
    sources: list[SourceRef] = field(default_factory=list)
    """A numbered list of sources under the localized heading."""
    annexes: list[Annex] = field(default_factory=list, metadata={"nest": "section"})
    """Appendices, each with its own title and body, each on a new page."""


def classification_level(value: str | dict[str, str] | None) -> str | None:
    """The standard level a classification names, or None for free text."""
    if isinstance(value, str) and value.strip().lower() in CLASSIFICATIONS:
        return value.strip().lower()
    return None
