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


def _check_inline(text: str, lang: str | None = None) -> None:
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
        {"type": "string"},
        {
            "type": "object",
            "propertyNames": {"pattern": LANG_CODE.pattern},
            "additionalProperties": {"type": "string"},
            "minProperties": 1,
        },
    ],
}

Text = Annotated[str | dict[str, str], PlainValidator(_check_text), WithJsonSchema(_TEXT_SCHEMA)]


def _text_list(value: Any) -> Any:
    """A text or a list of texts (``cc: Trade Team`` or ``cc: [A, B]``)."""
    return value if isinstance(value, list) else [value]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Strict):
    """A list item with a nested list."""

    text: Text
    bullets: list[ItemOrText] | None = None
    numbered: list[ItemOrText] | None = None

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
    bullets: list[ItemOrText] = Field(min_length=1)


class Numbered(Strict):
    numbered: list[ItemOrText] = Field(min_length=1)


class TableSpec(Strict):
    columns: list[Text] = Field(min_length=1)
    rows: list[list[Text]]
    caption: Text | None = None
    widths: list[Annotated[float, Field(gt=0)]] | None = None

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
    table: TableSpec


class QuoteBlock(Strict):
    quote: Text
    by: Text | None = None


class NoteBlock(Strict):
    note: Text


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
    kind: Literal[KINDS] | None = None  # type: ignore[valid-type]
    title: Text | None = None
    body: list[Block] = []
    sections: list[Section] = []

    @model_validator(mode="after")
    def _heading(self) -> Section:
        if self.kind is None and self.title is None:
            raise PydanticCustomError("heading", "a section needs a kind or a title")
        return self


class Memo(Strict):
    to: Text | None = None
    from_: Text | None = Field(default=None, alias="from")
    cc: Annotated[list[Text], PlainValidator(_text_list)] | None = None
    subject: Text | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)

    @field_validator("cc", mode="after")
    @classmethod
    def _cc_texts(cls, value: list[Any] | None) -> list[str | dict[str, str]] | None:
        return None if value is None else [_check_text(v) for v in value]


class SourceRef(Strict):
    title: Text
    publisher: Text | None = None
    url: str | None = None
    date: dt.date | None = None

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
    title: Text
    body: list[Block] = []
    sections: list[Section] = []


class Brief(Strict):
    lang: Annotated[str, Field(pattern=LANG_CODE.pattern)] = "en"
    title: Text
    subtitle: Text | None = None
    date: dt.date
    reference: Text | None = None
    classification: Text | None = None
    memo: Memo | None = None
    authors: Annotated[list[Text], PlainValidator(_text_list)] = []
    keywords: Annotated[list[Text], PlainValidator(_text_list)] = []
    summary: list[Block] = []
    sections: list[Section] = []
    recommendations: list[ItemOrText] = []
    sources: list[SourceRef] = []
    annexes: list[Annex] = []

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
