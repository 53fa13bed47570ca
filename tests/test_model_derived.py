"""The model is the one description of the format: proved field by field.

For every field of every model class a brief can hold, found by introspection (so a
field added later is checked with no change here), a brief that sets that field is
built from the type hints alone, and:

- the decoder reads it (the object has the value, not the default);
- the merge of a Markdown translation turns it into a language map if it is a text,
  and leaves it as it was if it is not;
- the JSON Schema describes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Iterator
from typing import Literal, get_args, get_origin

import pytest

from briefing.decode import (
    Decoder,
    FieldInfo,
    Raw,
    decode,
    fields_of,
    is_text,
    is_text_list,
    member_for,
    model_classes,
    optional_inner,
    union_members,
)
from briefing.errors import Position
from briefing.limits import Limits
from briefing.model import Brief
from briefing.readers import Source
from briefing.readers.translations import merge_translations
from briefing.schema import json_schema

CASES = [(cls, f) for cls in model_classes() for f in fields_of(cls)]


def sample(hint: object, meta: typing.Mapping[str, object]) -> Raw:
    """A valid raw value for ``hint``: what an author would write there."""
    if is_text_list(hint) or is_text(hint):
        return "Words of text"
    inner = optional_inner(hint)
    if inner is not None:
        return sample(inner, meta)
    union = union_members(hint)
    if union is not None:
        return "Words of text" if union[1] else minimal(union[0][0])
    if get_origin(hint) is list:
        return [sample(get_args(hint)[0], {})]
    if get_origin(hint) is Literal:
        return str(get_args(hint)[0])
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return minimal(hint)
    if hint is dt.date:
        return "2026-11-26"
    if hint is float:
        return "2" if meta.get("at_most", 2) >= 2 else "0.5"  # type: ignore[operator]
    if meta.get("url"):
        return "https://example.org/page"
    if meta.get("pattern"):
        return "ru"  # a language code, not the default
    return "plain"


def minimal(cls: type) -> dict[str, Raw]:
    """The required fields of ``cls``, plus the first optional ones its own rules need
    (a section needs a kind or a title)."""
    raw = {f.key: sample(f.hint, f.metadata) for f in fields_of(cls) if f.required}
    for f in fields_of(cls):
        decoder = Decoder(Limits())
        decoder.record(cls, raw, ())
        if not decoder.issues:
            break
        raw[f.key] = sample(f.hint, f.metadata)
    return raw


def route(target: type) -> list[tuple[type, FieldInfo, object]]:
    """(class, field, member class or None) steps from Brief down to ``target``."""
    queue: list[tuple[type, list[tuple[type, FieldInfo, object]]]] = [(Brief, [])]
    seen: set[type] = {Brief}
    while queue:
        cls, steps = queue.pop(0)
        if cls is target:
            return steps
        for f in fields_of(cls):
            for child in _classes_in(f.hint):
                if child not in seen:
                    seen.add(child)
                    queue.append((child, [*steps, (cls, f, child)]))
    raise AssertionError(f"{target.__name__} cannot be reached from Brief")


def _classes_in(hint: object) -> Iterator[type]:
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        yield hint
    for arg in get_args(hint):
        yield from _classes_in(arg)


def _wrap(hint: object, value: Raw) -> Raw:
    """``value`` placed where ``hint`` expects it (inside a list where it is one)."""
    inner = optional_inner(hint)
    if inner is not None:
        return _wrap(inner, value)
    if get_origin(hint) is list:
        return [_wrap(get_args(hint)[0], value)]
    return value


def brief_setting(
    cls: type, field: FieldInfo
) -> tuple[dict[str, Raw], typing.Callable[..., object]]:
    """A raw brief in which ``cls`` has ``field`` set, and how to find that object in the
    decoded brief. Other optional fields are set too, then dropped one by one while the
    object's own rules (an item has bullets or numbered, not both) refuse them."""
    own: dict[str, Raw] = {f.key: sample(f.hint, f.metadata) for f in fields_of(cls)}
    candidates = [f.key for f in fields_of(cls) if not f.required and f.key != field.key]
    steps = route(cls)
    while True:
        raw: Raw = dict(own)
        for parent, f, _member in reversed(steps):
            top: dict[str, Raw] = {"title": "T", "date": "2026-11-26"}
            holder = minimal(parent) if parent is not Brief else top
            holder[f.key] = _wrap(f.hint, raw)
            raw = holder
        assert isinstance(raw, dict)
        brief, issues = decode(raw)
        if brief is not None or not candidates:
            break
        del own[candidates.pop()]
    assert brief is not None, (cls.__name__, field.name, issues)

    def find(decoded: Brief) -> object:
        obj: object = decoded
        for _parent, f, _member in steps:
            value = getattr(obj, f.name)
            while isinstance(value, list):
                value = value[0]
            obj = value
        return obj

    return raw, find


def _default(cls: type, name: str) -> object:
    f = {f.name: f for f in dataclasses.fields(cls)}[name]
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


@pytest.mark.parametrize(("cls", "field"), CASES, ids=[f"{c.__name__}.{f.name}" for c, f in CASES])
def test_every_field_is_read(cls: type, field: FieldInfo) -> None:
    raw, find = brief_setting(cls, field)
    brief, issues = decode(raw)
    assert brief is not None, issues
    obj = find(brief)
    assert isinstance(obj, cls)
    assert getattr(obj, field.name) not in (None, _default(cls, field.name))


def _translated(hint: object, value: Raw) -> Raw:
    """What brief.az.md would hold: the same data, every text in another language, every
    value that is not a text (dates, links, kinds, numbers) as in the base file."""
    if is_text(hint) or is_text_list(hint):
        return [f"az {v}" for v in value] if isinstance(value, list) else f"az {value}"
    inner = optional_inner(hint)
    if inner is not None:
        return _translated(inner, value)
    union = union_members(hint)
    if union is not None:
        member = member_for(union[0], value)
        return _translated(member, value) if member is not None else f"az {value}"
    if get_origin(hint) is list and isinstance(value, list):
        return [_translated(get_args(hint)[0], v) for v in value]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, dict):
        hints = {f.key: f.hint for f in fields_of(hint)}
        return {k: _translated(hints[k], v) for k, v in value.items()}
    return value


def test_a_value_that_is_not_translated_must_not_differ() -> None:
    base = Source("brief.md", {"title": "T", "date": "2026-11-26"}, {(): Position("b.md", 1, 1)})
    other = Source("brief.az.md", {"date": "2026-11-27"}, {(): Position("brief.az.md", 1, 1)})
    merged = merge_translations(base, {"az": other})
    assert [p.message for p in merged.problems] == [
        "'2026-11-27' differs from the base file's '2026-11-26': this value is not translated; "
        "leave it out here or write it as in the base file"
    ]


@pytest.mark.parametrize(("cls", "field"), CASES, ids=[f"{c.__name__}.{f.name}" for c, f in CASES])
def test_every_field_is_merged_across_languages(cls: type, field: FieldInfo) -> None:
    raw, find = brief_setting(cls, field)
    where = Position("brief.md", 1, 1)
    base = Source("brief.md", raw, {(): where})
    other = Source("brief.az.md", _translated(Brief, raw), {(): Position("brief.az.md", 1, 1)})
    merged = merge_translations(base, {"az": other})
    assert merged.problems == []
    brief, issues = decode(merged.data)
    assert brief is not None, issues
    value = getattr(find(brief), field.name)
    decoded, _ = decode(raw)
    assert decoded is not None
    original = getattr(find(decoded), field.name)
    if _holds_text(field.hint, original):
        lang = raw.get("lang", "en")
        assert "az Words of text" in repr(value), value
        assert f"'{lang}': 'Words of text'" in repr(value), value
    elif _holds_objects(original):
        assert type(value) is type(original)  # its own fields have their own cases
    else:
        assert value == original  # dates, links, kinds, numbers: the base file's


def _holds_objects(value: object) -> bool:
    if isinstance(value, list):
        return any(_holds_objects(v) for v in value)
    return dataclasses.is_dataclass(value)


def _holds_text(hint: object, value: object) -> bool:
    """Whether the value read for ``hint`` holds texts (a list of texts, a text union)."""
    if is_text(hint) or is_text_list(hint):
        return True
    inner = optional_inner(hint)
    if inner is not None:
        return _holds_text(inner, value)
    union = union_members(hint)
    if union is not None:
        return union[1] and member_for(union[0], value) is None
    if get_origin(hint) is list and isinstance(value, list) and value:
        return _holds_text(get_args(hint)[0], value[0])
    return False


@pytest.mark.parametrize(("cls", "field"), CASES, ids=[f"{c.__name__}.{f.name}" for c, f in CASES])
def test_every_field_is_in_the_schema(cls: type, field: FieldInfo) -> None:
    schema = json_schema()
    node = schema if cls is Brief else schema["$defs"][cls.__name__]
    assert field.key in node["properties"]
    assert node["properties"][field.key]["description"]
    assert (field.key in node.get("required", [])) == field.required


def test_every_class_of_the_model_is_reached() -> None:
    from briefing import model

    declared = {
        obj
        for obj in vars(model).values()
        if isinstance(obj, type)
        and dataclasses.is_dataclass(obj)
        and obj.__module__ == model.__name__
    }
    assert declared == set(model_classes())
