"""The translatable texts of a brief, one unit each, found by walking the model.

Nothing here names a field of the format: a unit is every value the model's type hints
call a text (briefing/decode.py: ``is_text``, ``is_text_list``, a block or list item
that is a text), wherever it sits, so a field added to the model is exported with no
change here. Left out, as the missing-translations report counts them as the same in
every language: texts with no words (briefing/i18n/language.py ``is_neutral``: codes,
numbers, dates) and a standard classification, whose words come from the catalog.

A unit's id is its path written with dots (``sections.2.body.0``): stable while the
brief's structure stays, readable, and an XML NMTOKEN as XLIFF 2 requires.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import get_args, get_origin

from briefing.decode import (
    fields_of,
    is_keyword,
    is_text,
    is_text_list,
    optional_inner,
    union_members,
)
from briefing.errors import KeyPath, Position
from briefing.i18n.language import is_neutral, pick, same_language
from briefing.model import Brief
from briefing.readers import Source

from .codes import Content, to_content


@dataclass(frozen=True)
class Unit:
    """One text of the brief: where it is, its words in the brief's language, and its
    translation in the target language if it has one."""

    path: KeyPath
    source: str  # the text as the brief writes it (inline Markdown)
    target: str | None  # the existing translation, as written, or None
    key: str | None  # the language key the translation is under (az, az-Latn...)
    position: Position

    @property
    def id(self) -> str:
        return unit_id(self.path)

    def content(self) -> tuple[Content, dict[str, str]]:
        return to_content(self.source)


def unit_id(path: KeyPath) -> str:
    return ".".join(str(p) for p in path)


def translation(value: str | dict[str, str], lang: str) -> tuple[str, str] | None:
    """(key, text) of the translation in ``lang`` a map holds, or None."""
    if isinstance(value, str):
        return None
    for key, text in value.items():
        if key.lower() == lang.lower():
            return key, text
    for key, text in value.items():
        if same_language(key, lang):
            return key, text
    return None


def units(brief: Brief, lang: str, source: Source) -> list[Unit]:
    """Every translatable text of ``brief`` for ``lang``, in the order of the file."""
    found = []
    for path, value in texts(brief, source):
        text, _ = pick(value, brief.lang, brief.lang)
        if is_neutral(text) or not text.strip():
            continue
        existing = translation(value, lang)
        key, target = existing if existing is not None else (None, None)
        found.append(Unit(path, text, target, key, source.position(path)))
    # document order: by place in the file, the model's order where two share one
    return sorted(found, key=lambda u: (u.position.file, u.position.line, u.position.col))


def texts(brief: Brief, source: Source) -> Iterator[tuple[KeyPath, str | dict[str, str]]]:
    """(path as the file writes it, value) of every text of ``brief``, words or not."""
    for path, value in _texts(Brief, brief, ()):
        yield _as_written(source.data, path), value  # type: ignore[misc]


def _as_written(data: object, path: KeyPath) -> KeyPath:
    """The path as the file writes it: ``cc: Team`` is the list ``[Team]`` to the model,
    so its one text is at ``memo.cc``, not ``memo.cc.0``."""
    holder = data
    for i, part in enumerate(path):
        if isinstance(part, int) and not isinstance(holder, list):
            return path[:i]
        holder = holder[part] if isinstance(holder, dict | list) else None  # type: ignore[index]
    return path


def _texts(hint: object, value: object, path: KeyPath) -> Iterator[tuple[KeyPath, object]]:
    """(path, text) for every text in ``value``, read as ``hint`` says."""
    if value is None:
        return
    if is_text_list(hint):
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield (*path, i), item
        return
    if is_text(hint):
        yield path, value
        return
    inner = optional_inner(hint)
    if inner is not None:
        yield from _texts(inner, value, path)
        return
    union = union_members(hint)
    if union is not None:
        if isinstance(value, str | dict):
            yield path, value
        else:
            yield from _texts(type(value), value, path)
        return
    if get_origin(hint) is list and isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(get_args(hint)[0], item, (*path, i))
        return
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        for f in fields_of(hint):
            if is_keyword(getattr(value, f.name), f.metadata):
                continue
            yield from _texts(f.hint, getattr(value, f.name), (*path, f.key))
