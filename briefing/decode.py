"""The reader's plain data -> the model (briefing/model.py), every problem in one pass.

Each class has a table of its keys and how to read each value. A bad value is recorded
with its path and reading goes on, so one run reports every problem in the brief; a map
with any problem yields no object, and the whole build fails if any was recorded.
Checks that need a whole object (an item with two lists, a section with no heading,
widths for every column) run only once its own keys are all valid, so an author first
sees what is wrong with the values themselves.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from briefing.model import (
    BLOCK_KEYS,
    KINDS,
    LANG_CODE,
    Annex,
    Brief,
    Bullets,
    Item,
    Memo,
    NoteBlock,
    Numbered,
    QuoteBlock,
    Section,
    SourceRef,
    TableBlock,
    TableSpec,
)
from briefing.readers import KeyPath
from briefing.textcheck import Invalid, check_link, check_text

T = TypeVar("T")
Reader = Callable[[Any, KeyPath], Any]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


class _Bad:
    """The value read from a key that had a problem (never reaches a model)."""


BAD: Any = _Bad()


@dataclass(frozen=True, slots=True)
class Issue:
    path: KeyPath
    message: str
    lang: str | None = None  # the translation the problem is in
    at_key: bool = False  # point at the key (an unknown key), not at its value


def short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return f"the text {short(value)}"


class Decoder:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def fail(self, path: KeyPath, message: str, lang: str | None = None) -> Any:
        self.issues.append(Issue(path, message, lang))
        return BAD

    # values
    def text(self, value: Any, path: KeyPath) -> Any:
        try:
            return check_text(value)
        except Invalid as exc:
            return self.fail(path, exc.message, exc.lang)

    def optional(self, read: Reader) -> Reader:
        return lambda value, path: None if value is None else read(value, path)

    def list_of(self, read: Reader, min_items: int = 0) -> Reader:
        def read_list(value: Any, path: KeyPath) -> Any:
            if not isinstance(value, list):
                return self.fail(path, f"expected a list, got {describe(value)}")
            if len(value) < min_items:
                return self.fail(path, "must not be empty")
            items = [read(v, (*path, i)) for i, v in enumerate(value)]
            return BAD if any(v is BAD for v in items) else items

        return read_list

    def text_list(self, value: Any, path: KeyPath) -> Any:
        if isinstance(value, list):
            return self.list_of(self.text)(value, path)
        text = self.text(value, path)
        return BAD if text is BAD else [text]

    def date(self, value: Any, path: KeyPath) -> Any:
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        example = "write it as YYYY-MM-DD, e.g. 2026-11-26"
        return self.fail(path, f"invalid date {short(value)}: {example}")

    def string(self, value: Any, path: KeyPath) -> Any:
        if isinstance(value, str):
            return value
        return self.fail(path, f"expected a text, got {describe(value)}")

    def lang(self, value: Any, path: KeyPath) -> Any:
        if not isinstance(value, str):
            return self.string(value, path)
        if not LANG_CODE.match(value):
            return self.fail(path, f"{short(value)} is not a language code (en, az, ru, ...)")
        return value

    def url(self, value: Any, path: KeyPath) -> Any:
        if not isinstance(value, str):
            return self.string(value, path)
        try:
            return check_link(value)
        except Invalid as exc:
            return self.fail(path, exc.message)

    def width(self, value: Any, path: KeyPath) -> Any:
        if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
            value = float(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.fail(path, f"expected a number, got {short(value)}")
        if not math.isfinite(value) or value <= 0:
            return self.fail(path, "must be a number greater than 0")
        return float(value)

    def kind(self, value: Any, path: KeyPath) -> Any:
        if isinstance(value, str) and value in KINDS:
            return value
        kinds = ", ".join(KINDS)
        return self.fail(path, f"unknown kind {short(value)}; the standard kinds are: {kinds}")

    # maps
    def record(self, cls: type[T], value: Any, path: KeyPath, readers: dict[str, Reader],
               required: tuple[str, ...] = ()) -> T | Any:  # fmt: skip
        """An object of ``cls`` from a map whose keys are those of ``readers``."""
        if not isinstance(value, dict):
            return self.fail(path, f"expected a map of keys, got {describe(value)}")
        before = len(self.issues)
        fields: dict[str, Any] = {}
        for key, read in readers.items():
            if key in value:
                fields["from_" if key == "from" else key] = read(value[key], (*path, key))
            elif key in required:
                self.fail((*path, key), "required key is missing")
        for key in value:
            if key not in readers:
                self.issues.append(Issue((*path, key), f"unknown key {key!r}", at_key=True))
        return BAD if len(self.issues) > before else cls(**fields)

    def item(self, value: Any, path: KeyPath) -> Any:
        if not (isinstance(value, dict) and "text" in value):
            return self.text(value, path)
        nested = self.optional(self.list_of(self.item))
        item = self.record(Item, value, path,
                           {"text": self.text, "bullets": nested, "numbered": nested})  # fmt: skip
        if item is not BAD and item.bullets is not None and item.numbered is not None:
            return self.fail(path, "an item has bullets or numbered, not both")
        return item

    def block(self, value: Any, path: KeyPath) -> Any:
        keys = value if isinstance(value, dict) else {}
        kind = next((k for k in BLOCK_KEYS if k in keys), None)
        if kind is None:
            return self.text(value, path)
        items = self.list_of(self.item, min_items=1)
        if kind == "bullets":
            return self.record(Bullets, value, path, {"bullets": items}, ("bullets",))
        if kind == "numbered":
            return self.record(Numbered, value, path, {"numbered": items}, ("numbered",))
        if kind == "table":
            return self.record(TableBlock, value, path, {"table": self.table}, ("table",))
        if kind == "quote":
            readers = {"quote": self.text, "by": self.optional(self.text)}
            return self.record(QuoteBlock, value, path, readers, ("quote",))
        return self.record(NoteBlock, value, path, {"note": self.text}, ("note",))

    def table(self, value: Any, path: KeyPath) -> Any:
        readers = {
            "columns": self.list_of(self.text, min_items=1),
            "rows": self.list_of(self.list_of(self.text)),
            "caption": self.optional(self.text),
            "widths": self.optional(self.list_of(self.width)),
        }
        spec = self.record(TableSpec, value, path, readers, ("columns", "rows"))
        if spec is not BAD and spec.widths is not None and len(spec.widths) != len(spec.columns):
            n, c = len(spec.widths), len(spec.columns)
            return self.fail(path, f"widths has {n} numbers for {c} columns")
        return spec

    def blocks(self, value: Any, path: KeyPath) -> Any:
        return self.list_of(self.block)(value, path)

    def section(self, value: Any, path: KeyPath) -> Any:
        readers = {
            "kind": self.optional(self.kind),
            "title": self.optional(self.text),
            "body": self.blocks,
            "sections": self.list_of(self.section),
        }
        section = self.record(Section, value, path, readers)
        if section is not BAD and section.kind is None and section.title is None:
            return self.fail(path, "a section needs a kind or a title")
        return section

    def brief(self, value: Any) -> Any:
        text = self.optional(self.text)
        memo = {"to": text, "from": text, "cc": self.optional(self.text_list), "subject": text}
        source = {"title": self.text, "publisher": text, "url": self.optional(self.url),
                  "date": self.optional(self.date)}  # fmt: skip
        annex = {"title": self.text, "body": self.blocks, "sections": self.list_of(self.section)}
        readers: dict[str, Reader] = {
            "lang": self.lang,
            "title": self.text,
            "subtitle": text,
            "date": self.date,
            "reference": text,
            "classification": text,
            "memo": self.optional(lambda v, p: self.record(Memo, v, p, memo)),
            "authors": self.text_list,
            "keywords": self.text_list,
            "summary": self.blocks,
            "sections": self.list_of(self.section),
            "recommendations": self.list_of(self.item),
            "sources": self.list_of(lambda v, p: self.record(SourceRef, v, p, source, ("title",))),
            "annexes": self.list_of(lambda v, p: self.record(Annex, v, p, annex, ("title",))),
        }
        return self.record(Brief, value, (), readers, ("title", "date"))


def decode(data: Any) -> tuple[Brief | None, list[Issue]]:
    """The Brief, or None and every issue found."""
    builder = Decoder()
    brief = builder.brief(data)
    if builder.issues or brief is BAD:
        return None, builder.issues
    return brief, []
