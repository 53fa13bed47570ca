"""The canonical brief: what every source format loads into.

Strict (unknown keys are errors) and frozen. Every scalar arrives as the string the
author typed (see load/yaml_source.py), so types here are about shape: a text is a
string or a map of language code to string; a date is an ISO date string. Text values
keep their translations side by side; choosing a language is localize's job.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from briefing.inline import LinkError, check_url, parse_inline

KINDS = (
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
)
CLASSIFICATIONS = ("public", "internal", "confidential", "restricted")
LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
MAX_LIST_DEPTH = 3
MAX_SECTION_DEPTH = 3


def _check_text(value: Any) -> str | dict[str, str]:
    """A text: a string, or a map of language code to string; inline links checked."""
    if isinstance(value, str):
        _check_inline(value)
        return value
    if isinstance(value, dict) and value:
        for key, text in value.items():
            if not LANG_CODE.match(key):
                raise PydanticCustomError(
                    "text_lang", "{key!r} is not a language code (en, az, ru, ...)", {"key": key}
                )
            if not isinstance(text, str):
                raise PydanticCustomError(
                    "text_value", "the {key} text must be a string", {"key": key}
                )
            _check_inline(text, key)
        return dict(value)
    raise PydanticCustomError("text_type", "expected a text, or a map of language to text")


# Characters that must never reach a page: XML cannot hold them (DOCX would be
# corrupt), they are not characters at all (noncharacters, lone surrogates), or they
# make text display differently from how it reads (bidirectional controls).
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _check_chars(text: str, lang: str | None) -> None:
    match = _FORBIDDEN.search(text)
    if match is None:
        return
    import unicodedata

    ch = match.group()
    code = ord(ch)
    name = unicodedata.name(ch, "")
    if code in (0x061C, 0x200E, 0x200F) or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        why = "bidirectional controls make text display differently from how it reads"
    elif 0xD800 <= code <= 0xDFFF:
        why = "a lone surrogate is not a character"
    elif code >= 0xFDD0:
        why = "it is a noncharacter"
    else:
        why = "control characters cannot be printed or stored in a Word file"
    where = f"the {lang} text, " if lang else ""
    raise PydanticCustomError(
        "char",
        "{where}character {index}: U+{code}{name} is not allowed ({why})",
        {
            "where": where,
            "index": match.start() + 1,
            "code": f"{code:04X}",
            "name": f" ({name})" if name else "",
            "why": why,
            "lang": lang,
        },
    )


def _check_inline(text: str, lang: str | None = None) -> None:
    _check_chars(text, lang)
    try:
        parse_inline(text)
    except LinkError as exc:
        where = f"the {lang} text: " if lang else ""
        raise PydanticCustomError(
            "link", "{where}{error}", {"where": where, "error": str(exc), "lang": lang}
        ) from None


_TEXT_SCHEMA = {
    "description": "A text in the brief's `lang`, or a map from language code to text.",
    "anyOf": [
        {"type": ["string", "number", "boolean"]},
        {
            "type": "object",
            "propertyNames": {"pattern": LANG_CODE.pattern},
            "additionalProperties": {"type": "string"},
            "minProperties": 1,
        },
    ],
}

Text = Annotated[str | dict[str, str], PlainValidator(_check_text), WithJsonSchema(_TEXT_SCHEMA)]


_TEXT_LIST_SCHEMA = {"anyOf": [_TEXT_SCHEMA, {"type": "array", "items": _TEXT_SCHEMA}]}


def _text_list(value: Any) -> Any:
    """A text or a list of texts (``cc: Trade Team`` or ``cc: [A, B]``)."""
    return value if isinstance(value, list) else [value]


class Strict(BaseModel):
    # Field docstrings below become JSON Schema descriptions in schema.py (read from this
    # file's source only when a schema is asked for: pydantic's use_attribute_docstrings
    # would parse the source on every import, a tenth of a second for every command).
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Strict):
    """A list item with a nested list."""

    text: Text
    """The item's text."""
    bullets: list[ItemOrText] | None = None
    """A nested bulleted list under this item."""
    numbered: list[ItemOrText] | None = None
    """A nested numbered list under this item (numbering restarts at 1)."""

    @model_validator(mode="after")
    def _one_list(self) -> Item:
        if self.bullets is not None and self.numbered is not None:
            raise PydanticCustomError("one_list", "an item has bullets or numbered, not both")
        return self

    @property
    def children(self) -> tuple[bool, list[ItemOrText]] | None:
        if self.bullets is not None:
            return False, self.bullets
        if self.numbered is not None:
            return True, self.numbered
        return None


def _item_tag(value: Any) -> str:
    return "item" if isinstance(value, dict) and "text" in value else "text"


ItemOrText = Annotated[
    Annotated[Item, Tag("item")] | Annotated[Text, Tag("text")],
    Discriminator(_item_tag),
]


class Bullets(Strict):
    """A bulleted list."""

    bullets: list[ItemOrText] = Field(min_length=1)
    """A bulleted list: texts, or {text, bullets|numbered} for nesting (3 levels)."""


class Numbered(Strict):
    """A numbered list."""

    numbered: list[ItemOrText] = Field(min_length=1)
    """A numbered list, starting at 1: texts, or {text, bullets|numbered}."""


class TableSpec(Strict):
    """Columns, rows, an optional caption and relative widths."""

    columns: list[Text] = Field(min_length=1)
    """The header row: one text per column."""
    rows: list[list[Text]]
    """The body rows: each a list with one text per column."""
    caption: Text | None = None
    """Printed above the table after the localized "Table N"."""
    widths: list[Annotated[float, Field(gt=0)]] | None = None
    """Relative column widths, one positive number per column."""

    @model_validator(mode="after")
    def _shape(self) -> TableSpec:
        if self.widths is not None and len(self.widths) != len(self.columns):
            raise PydanticCustomError(
                "widths",
                "widths has {n} numbers for {c} columns",
                {"n": len(self.widths), "c": len(self.columns)},
            )
        return self


class TableBlock(Strict):
    """A table."""

    table: TableSpec
    """A table with a header row."""


class QuoteBlock(Strict):
    """A quotation with its author."""

    quote: Text
    """The quoted words."""
    by: Text | None = None
    """Who said or wrote them."""


class NoteBlock(Strict):
    """A call-out note."""

    note: Text
    """A call-out box the reader must not miss."""


_BLOCK_KEYS = ("bullets", "numbered", "table", "quote", "note")


def _block_tag(value: Any) -> str:
    if isinstance(value, dict):
        for key in _BLOCK_KEYS:
            if key in value:
                return key
    return "paragraph"


Block = Annotated[
    Annotated[Text, Tag("paragraph")]
    | Annotated[Bullets, Tag("bullets")]
    | Annotated[Numbered, Tag("numbered")]
    | Annotated[TableBlock, Tag("table")]
    | Annotated[QuoteBlock, Tag("quote")]
    | Annotated[NoteBlock, Tag("note")],
    Discriminator(_block_tag),
]


class Section(Strict):
    """A section: a standard kind or a title, a body and sub-sections."""

    kind: Literal[KINDS] | None = None  # type: ignore[valid-type]
    """A standard section: its heading comes from the catalog in every language."""
    title: Text | None = None
    """A heading of your own (wins over kind)."""
    body: list[Block] = []
    """Paragraphs, lists, tables, quotes and notes, in order."""
    sections: list[Section] = []
    """Sub-sections (levels 2 and 3)."""

    @model_validator(mode="after")
    def _heading(self) -> Section:
        if self.kind is None and self.title is None:
            raise PydanticCustomError("heading", "a section needs a kind or a title")
        return self


class Memo(Strict):
    """The memo block."""

    to: Text | None = None
    """Who the memo is for."""
    from_: Text | None = Field(default=None, alias="from")
    """Who sends it."""
    cc: (
        Annotated[list[Text], PlainValidator(_text_list), WithJsonSchema(_TEXT_LIST_SCHEMA)] | None
    ) = None
    """Copy recipients: a text or a list of texts."""
    subject: Text | None = None
    """The subject line (default: the title)."""

    @field_validator("cc", mode="after")
    @classmethod
    def _cc_texts(cls, value: list[Any] | None) -> list[str | dict[str, str]] | None:
        return None if value is None else [_check_text(v) for v in value]


class SourceRef(Strict):
    """A source, printed in the numbered list of sources."""

    title: Text
    """The title of the source."""
    publisher: Text | None = None
    """Who published it."""
    url: str | None = None
    """An http, https or mailto address."""
    date: dt.date | None = None
    """Publication date, YYYY-MM-DD."""

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                check_url(value)
            except LinkError as exc:
                raise PydanticCustomError("link", str(exc)) from None
        return value


class Annex(Strict):
    """An appendix."""

    title: Text
    """The annex title, printed as "Annex N: title"."""
    body: list[Block] = []
    """The annex's blocks."""
    sections: list[Section] = []
    """Sub-sections of the annex."""


class Brief(Strict):
    """A policy brief: written once, rendered in every language."""

    lang: Annotated[str, Field(pattern=LANG_CODE.pattern)] = "en"
    """The language plain strings are written in (BCP 47: en, az, ru, ...)."""
    title: Text
    """The memo's title."""
    subtitle: Text | None = None
    """One line under the title."""
    date: dt.date
    """The memo's date, YYYY-MM-DD; printed with CLDR rules per language."""
    reference: Text | None = None
    """A document number, e.g. PB-2026-041."""
    classification: Text | None = None
    """public, internal, confidential or restricted (localized), or any text as written."""
    memo: Memo | None = None
    """The To / From / Cc / Subject block."""
    authors: Annotated[
        list[Text], PlainValidator(_text_list), WithJsonSchema(_TEXT_LIST_SCHEMA)
    ] = []
    """Shown as "Prepared by" and in the document properties."""
    keywords: Annotated[
        list[Text], PlainValidator(_text_list), WithJsonSchema(_TEXT_LIST_SCHEMA)
    ] = []
    """Document metadata."""
    summary: list[Block] = []
    """The bottom line up front: a list of blocks."""
    sections: list[Section] = []
    """The body: sections with a standard kind or a title."""
    recommendations: list[ItemOrText] = []
    """A numbered list under the localized heading."""
    sources: list[SourceRef] = []
    """A numbered list of sources under the localized heading."""
    annexes: list[Annex] = []
    """Appendices, each with its own title and body, each on a new page."""

    @field_validator("authors", "keywords", mode="after")
    @classmethod
    def _texts(cls, value: list[Any]) -> list[str | dict[str, str]]:
        return [_check_text(v) for v in value]


def classification_level(value: str | dict[str, str] | None) -> str | None:
    """The standard level a classification names, or None for free text."""
    if isinstance(value, str) and value.strip().lower() in CLASSIFICATIONS:
        return value.strip().lower()
    return None


# Item refers to ItemOrText, defined after it: resolve the forward references now.
for _model in (Item, Bullets, Numbered, Section, Annex, Brief):
    _model.model_rebuild()
