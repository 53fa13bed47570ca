"""The canonical brief: what every source format loads into.

Plain frozen dataclasses, built from the reader's data by briefing/decode.py, which
checks every value and reports all problems at once. The JSON Schema for editors is
derived from these classes (briefing/schema.py), so the format is described in one
place. Every scalar arrives as the string the author typed (see readers/yaml_source.py):
a text is a string or a map of language code to string; dates are parsed here into
``datetime.date``. Text values keep their translations side by side; choosing a language
is localize's job.

Why not pydantic: importing it and building validators for these classes cost about
0.2 s in every command, a third of a whole render of the example; these checks are a
few hundred lines (measured in docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Literal, get_args

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
    bullets: list[ItemOrText] | None = None
    """A nested bulleted list under this item."""
    numbered: list[ItemOrText] | None = None
    """A nested numbered list under this item (numbering restarts at 1)."""

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

    bullets: list[ItemOrText] = field(metadata={"min_items": 1})
    """A bulleted list: texts, or {text, bullets|numbered} for nesting (3 levels)."""


@dataclass(frozen=True, slots=True)
class Numbered:
    """A numbered list."""

    numbered: list[ItemOrText] = field(metadata={"min_items": 1})
    """A numbered list, starting at 1: texts, or {text, bullets|numbered}."""


@dataclass(frozen=True, slots=True)
class TableSpec:
    """Columns, rows, an optional caption and relative widths."""

    columns: list[Text] = field(metadata={"min_items": 1})
    """The header row: one text per column."""
    rows: list[list[Text]]
    """The body rows: each a list with one text per column."""
    caption: Text | None = None
    """Printed above the table after the localized "Table N"."""
    widths: list[float] | None = field(default=None, metadata={"positive": True})
    """Relative column widths, one positive number per column."""


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


Block = Text | Bullets | Numbered | TableBlock | QuoteBlock | NoteBlock
BLOCK_KEYS = ("bullets", "numbered", "table", "quote", "note")


@dataclass(frozen=True, slots=True)
class Section:
    """A section: a standard kind or a title, a body and sub-sections."""

    kind: Kind | None = None
    """A standard section: its heading comes from the catalog in every language."""
    title: Text | None = None
    """A heading of your own (wins over kind)."""
    body: list[Block] = field(default_factory=list)
    """Paragraphs, lists, tables, quotes and notes, in order."""
    sections: list[Section] = field(default_factory=list)
    """Sub-sections (levels 2 and 3)."""


@dataclass(frozen=True, slots=True)
class Memo:
    """The memo block."""

    to: Text | None = None
    """Who the memo is for."""
    from_: Text | None = field(default=None, metadata={"key": "from"})
    """Who sends it."""
    cc: TextList | None = None
    """Copy recipients: a text or a list of texts."""
    subject: Text | None = None
    """The subject line (default: the title)."""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A source, printed in the numbered list of sources."""

    title: Text
    """The title of the source."""
    publisher: Text | None = None
    """Who published it."""
    url: str | None = field(default=None, metadata={"url": True})
    """An http, https or mailto address."""
    date: dt.date | None = None
    """Publication date, YYYY-MM-DD."""


@dataclass(frozen=True, slots=True)
class Annex:
    """An appendix."""

    title: Text
    """The annex title, printed as "Annex N: title"."""
    body: list[Block] = field(default_factory=list)
    """The annex's blocks."""
    sections: list[Section] = field(default_factory=list)
    """Sub-sections of the annex."""


@dataclass(frozen=True, slots=True)
class Brief:
    """A policy brief: written once, rendered in every language."""

    title: Text
    """The memo's title."""
    date: dt.date
    """The memo's date, YYYY-MM-DD; printed with CLDR rules per language."""
    lang: str = field(default="en", metadata={"pattern": LANG_CODE.pattern})
    """The language plain strings are written in (BCP 47: en, az, ru, ...)."""
    subtitle: Text | None = None
    """One line under the title."""
    reference: Text | None = None
    """A document number, e.g. PB-2026-041."""
    classification: Text | None = None
    """public, internal, confidential or restricted (localized), or any text as written."""
    memo: Memo | None = None
    """The To / From / Cc / Subject block."""
    authors: TextList = field(default_factory=list)
    """Shown as "Prepared by" and in the document properties."""
    keywords: TextList = field(default_factory=list)
    """Document metadata."""
    summary: list[Block] = field(default_factory=list)
    """The bottom line up front: a list of blocks."""
    sections: list[Section] = field(default_factory=list)
    """The body: sections with a standard kind or a title."""
    recommendations: list[ItemOrText] = field(default_factory=list)
    """A numbered list under the localized heading."""
    sources: list[SourceRef] = field(default_factory=list)
    """A numbered list of sources under the localized heading."""
    annexes: list[Annex] = field(default_factory=list)
    """Appendices, each with its own title and body, each on a new page."""


def classification_level(value: str | dict[str, str] | None) -> str | None:
    """The standard level a classification names, or None for free text."""
    if isinstance(value, str) and value.strip().lower() in CLASSIFICATIONS:
        return value.strip().lower()
    return None
