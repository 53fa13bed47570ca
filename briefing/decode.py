"""A reader's plain data -> the model, derived from the model's classes, every problem
found in one pass.

Nothing here names a field of the format. How a value is read follows from its type
hint in briefing/model.py (a text, a list, a date, a class, a union of block kinds) and
from the field's metadata (see the model's docstring); rules about a whole object are
the object's own ``problems()``. So a new field or block kind in the model is read, and
checked, with no change here.

A bad value is recorded with its path and reading goes on, so one run reports every
problem in the brief; an object with any problem yields no object, and the decode fails
if any was recorded. Whole-object rules run only once the object's own values are all
valid, so an author first sees what is wrong with the values themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Literal, NamedTuple, Union, get_args, get_origin, get_type_hints

from briefing import model
from briefing.errors import KeyPath
from briefing.limits import Limits, hint
from briefing.model import MAX_DEPTH, Brief
from briefing.textcheck import Invalid, References, check_link, check_text

Raw = str | list["Raw"] | dict[str, "Raw"] | None
"""What a reader gives: every scalar the string the author typed, None for absent."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_TEXT_TYPES = {str, dict[str, str]}
_LIST_KEYS = {"min_items", "limit", "nest", "budget"}  # about a list, not its items


class _Bad:
    """What reading a value with a problem gives (never reaches a model object)."""

    def __repr__(self) -> str:
        return "BAD"


BAD = _Bad()


@dataclass(frozen=True, slots=True)
class Issue:
    path: KeyPath
    message: str
    lang: str | None = None  # the translation the problem is in
    at_key: bool = False  # point at the key (an unknown key), not at its value


def short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return f"the text {short(value)}"


# -- what the model's type hints say ----------------------------------------------------


@dataclass(frozen=True)
class FieldInfo:
    """One field of a model class as a brief writes it."""

    name: str  # the attribute
    key: str  # the key in a brief (``from`` for ``from_``)
    hint: object  # the type hint, Annotated kept
    metadata: Mapping[str, object]
    required: bool


@cache
def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of a model class, with resolved type hints, in declaration order."""
    hints = get_type_hints(cls, vars(model), include_extras=True)
    out = []
    for f in dataclasses.fields(cls):
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        key = str(f.metadata.get("key", f.name))
        out.append(FieldInfo(f.name, key, hints[f.name], f.metadata, required))
    return tuple(out)


def is_text(hint: object) -> bool:
    """A text: a string, or a map of language code to string (model.Text)."""
    return get_origin(hint) in (Union, types.UnionType) and set(get_args(hint)) == _TEXT_TYPES


def is_text_list(hint: object) -> bool:
    """``cc: A`` or ``cc: [A, B]`` (model.TextList)."""
    return get_origin(hint) is Annotated and model.TEXT_OR_LIST in get_args(hint)[1:]


def is_keyword(value: object, meta: Mapping[str, object]) -> bool:
    """A plain string the field's metadata calls a keyword (a standard classification):
    its words come from the catalog, so it is never translated."""
    keywords = meta.get("keywords")
    return (
        isinstance(keywords, tuple) and isinstance(value, str) and value.strip().lower() in keywords
    )


def optional_inner(hint: object) -> object | None:
    """X for ``X | None``; None when the hint is not optional."""
    if get_origin(hint) in (Union, types.UnionType):
        args = get_args(hint)
        if type(None) in args:
            rest = [a for a in args if a is not type(None)]
            inner: object = rest[0] if len(rest) == 1 else Union[tuple(rest)]  # noqa: UP007
            return inner
    return None


def union_members(hint: object) -> tuple[tuple[type, ...], bool] | None:
    """For a union of model classes and texts (Block, ItemOrText): the classes, and
    whether a text is also allowed; None for any other hint."""
    if get_origin(hint) not in (Union, types.UnionType) or is_text(hint):
        return None
    args = get_args(hint)
    classes = tuple(a for a in args if dataclasses.is_dataclass(a) and isinstance(a, type))
    if not classes or type(None) in args:
        return None
    return classes, set(args) >= _TEXT_TYPES


class Plan(NamedTuple):
    """How to read a value of one hint (see ``plan``)."""

    kind: str
    inner: object = None  # the item of a list, the X of an optional X
    classes: tuple[type, ...] = ()  # a union's classes, or a record's one class
    text_ok: bool = False  # a union that also takes a text
    allowed: tuple[object, ...] = ()  # a Literal's values


_PLANS: dict[int, tuple[object, Plan]] = {}


def plan(hint: object) -> Plan:
    """What ``Decoder.value`` does with a hint, worked out once per hint object.

    Keyed by identity, not by the hint: the model's hints live as long as the model, and
    hashing a typing union or Annotated (done by functools.cache) cost more than asking
    typing again. The hint is kept beside its plan so a reused id can never match.
    """
    known = _PLANS.get(id(hint))
    if known is not None and known[0] is hint:
        return known[1]
    found = _make_plan(hint)
    _PLANS[id(hint)] = (hint, found)
    return found


def _make_plan(hint: object) -> Plan:
    if is_text_list(hint):
        return Plan("text_list")
    if is_text(hint):
        return Plan("text")
    inner = optional_inner(hint)
    if inner is not None:
        return Plan("optional", inner=inner)
    union = union_members(hint)
    if union is not None:
        return Plan("union", classes=union[0], text_ok=union[1])
    if get_origin(hint) is list:
        return Plan("list", inner=get_args(hint)[0])
    if get_origin(hint) is Literal:
        return Plan("choice", allowed=get_args(hint))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return Plan("record", classes=(hint,))
    for kind, scalar in (("date", dt.date), ("number", float), ("string", str)):
        if hint is scalar:
            return Plan(kind)
    raise TypeError(f"the model uses a type the decoder does not know: {hint!r}")


def member_for(classes: tuple[type, ...], value: object) -> type | None:
    """The class of a union that a map stands for: the first whose first field's key
    the map has (a block is named by its first key: ``table:``, ``note:``...)."""
    if not isinstance(value, dict):
        return None
    for key, cls in _first_keys(classes):
        if key in value:
            return cls
    return None


@cache
def _first_keys(classes: tuple[type, ...]) -> tuple[tuple[str, type], ...]:
    return tuple((fields_of(cls)[0].key, cls) for cls in classes)


# -- decoding ---------------------------------------------------------------------------

Read = Callable[[Raw, KeyPath], object]


class Decoder:
    """Reads raw data into model objects, collecting every issue on the way."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.issues: list[Issue] = []
        # every cross-reference [@id] met: (path, language, id), checked once all ids
        # are known (briefing/crossref.py)
        self.references: list[tuple[KeyPath, str | None, str]] = []
        self._found: References = []
        self.depth: dict[str, int] = dict.fromkeys(MAX_DEPTH, 0)
        self.spent: dict[str, int] = {}  # budgets shared by the whole brief

    def fail(self, path: KeyPath, message: str, lang: str | None = None) -> _Bad:
        self.issues.append(Issue(path, message, lang))
        return BAD

    def value(self, hint: object, meta: Mapping[str, object], raw: Raw, path: KeyPath) -> object:
        """``raw`` read as the type ``hint`` says, or BAD after recording why not."""
        how = plan(hint)
        kind = how.kind
        if kind == "text":
            return self.text(raw, path, meta)
        if kind == "list":
            return self.list(how.inner, meta, raw, path)
        if kind == "union":
            return self.union(how.classes, how.text_ok, raw, path)
        if kind == "optional":
            if raw is None or (plan(how.inner).kind == "text" and _blank(raw)):
                return None  # `subtitle: ""` is no subtitle, as `subtitle:` is
            return self.value(how.inner, meta, raw, path)
        if kind == "record":
            return self.record(how.classes[0], raw, path)
        if kind == "text_list":
            return self.text_list(raw, path, meta)
        if kind == "choice":
            return self.choice(how.allowed, raw, path)
        if kind == "date":
            return self.date(raw, path)
        if kind == "number":
            value = self.number(raw, path, bool(meta.get("positive")))
            most = meta.get("at_most")
            if isinstance(value, float) and isinstance(most, float | int) and value > most:
                return self.fail(path, f"must be at most {most:g}")
            return value
        return self.string(raw, path, meta)

    # scalars
    def text(self, raw: Raw, path: KeyPath, meta: Mapping[str, object] | None = None) -> object:
        if isinstance(raw, dict) and not _blank(raw):
            # an empty translation is a missing one: left out, it falls back and is
            # reported like any other (localize.py), instead of printing nothing
            raw = {k: v for k, v in raw.items() if not _blank(v)}
        elif _blank(raw) and not (meta and meta.get("blank_ok")):
            return self.fail(path, "an empty text: write the text")
        problem = self._too_long(raw)
        if problem:
            return self.fail(path, problem)
        most = meta.get("max_chars") if meta else None
        if isinstance(most, int):
            for text in raw.values() if isinstance(raw, dict) else (raw,):
                if isinstance(text, str) and len(text) > most:
                    return self.fail(path, f"{len(text):,} characters; at most {most} fit here")
        found = self._found
        try:
            return check_text(raw, self.limits.url_chars, bool(meta and meta.get("plain")), found)
        except Invalid as exc:
            return self.fail(path, exc.message, exc.lang)
        finally:
            if found:
                self.references += [(path, lang, target) for lang, target in found]
                found.clear()

    def text_list(self, raw: Raw, path: KeyPath, meta: Mapping[str, object]) -> object:
        if isinstance(raw, list):
            return self.list(model.Text, meta, raw, path)
        text = self.text(raw, path, meta)
        return BAD if text is BAD else [text]

    def string(self, raw: Raw, path: KeyPath, meta: Mapping[str, object]) -> object:
        if not isinstance(raw, str):
            return self.fail(path, f"expected a text, got {describe(raw)}")
        problem = self._too_long(raw)
        if problem:
            return self.fail(path, problem)
        pattern = meta.get("pattern")
        if isinstance(pattern, str) and not re.match(pattern, raw):
            if pattern == model.ID_PATTERN:
                return self.fail(
                    path,
                    f"{short(raw)} is not an id: a letter, then letters, digits, - or _ "
                    "(at most 64)",
                )
            return self.fail(path, f"{short(raw)} is not a language code (en, az, ru, ...)")
        if meta.get("url"):
            if len(raw) > self.limits.url_chars:
                return self.fail(path, self._long_url(raw))
            try:
                return check_link(raw)
            except Invalid as exc:
                return self.fail(path, exc.message)
        return raw

    def date(self, raw: Raw, path: KeyPath) -> object:
        if isinstance(raw, str) and _DATE.fullmatch(raw):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                pass
        example = "write it as YYYY-MM-DD, e.g. 2026-11-26"
        return self.fail(path, f"invalid date {short(raw)}: {example}")

    def number(self, raw: Raw | float, path: KeyPath, positive: bool) -> object:
        # A reader gives strings; numbers come from callers that build data in Python.
        if (isinstance(raw, str) and _NUMBER.fullmatch(raw.strip())) or (
            isinstance(raw, int | float) and not isinstance(raw, bool)
        ):
            value = float(raw)
        else:
            return self.fail(path, f"expected a number, got {short(raw)}")
        if not math.isfinite(value) or (positive and value <= 0):
            return self.fail(path, "must be a number greater than 0")
        return value

    def choice(self, allowed: tuple[object, ...], raw: Raw, path: KeyPath) -> object:
        if isinstance(raw, str) and raw in allowed:
            return raw
        kinds = ", ".join(str(a) for a in allowed)
        return self.fail(path, f"unknown kind {short(raw)}; the standard kinds are: {kinds}")

    # structure
    def list(self, item: object, meta: Mapping[str, object], raw: Raw, path: KeyPath) -> object:
        if not isinstance(raw, list):
            return self.fail(path, f"expected a list, got {describe(raw)}")
        min_items = meta.get("min_items", 0)
        if isinstance(min_items, int) and len(raw) < min_items:
            return self.fail(path, "must not be empty")
        limit = meta.get("limit")
        if isinstance(limit, str) and len(raw) > getattr(self.limits, limit):
            return self.fail(path, self._over_limit(limit, len(raw)))
        budget = meta.get("budget")
        if isinstance(budget, str):
            spent = self.spent.get(budget, 0) + sum(
                len(v) if isinstance(v, list) else 1 for v in raw
            )
            self.spent[budget] = spent
            if spent > getattr(self.limits, budget):
                return self.fail(path, self._over_limit(budget, spent))
        nest = meta.get("nest")
        if isinstance(nest, str):
            if self.depth[nest] >= MAX_DEPTH[nest]:
                return self.fail(path, f"{nest}s nest at most {MAX_DEPTH[nest]} levels deep")
            self.depth[nest] += 1
        each = {k: v for k, v in meta.items() if k not in _LIST_KEYS}  # positive, url...
        before = len(self.issues)  # every BAD comes with its issue recorded
        try:
            items = [self.value(item, each, v, (*path, i)) for i, v in enumerate(raw)]
        finally:
            if isinstance(nest, str):
                self.depth[nest] -= 1
        return BAD if len(self.issues) > before else items

    def union(self, classes: tuple[type, ...], text_ok: bool, raw: Raw, path: KeyPath) -> object:
        cls = member_for(classes, raw)
        if cls is not None:
            return self.record(cls, raw, path)
        if text_ok and isinstance(raw, str):  # a plain paragraph or item: the usual case
            return self.text(raw, path)
        names = ", ".join(key for key, _ in _first_keys(classes))
        if isinstance(raw, dict):
            unknown = [k for k in raw if not model.LANG_CODE.match(k)]
            if unknown or not text_ok:  # a misspelt block, not a map of translations
                what = "a text, a map of language to text, or " if text_ok else ""
                return self.fail(
                    path,
                    f"unknown key {short(next(iter(unknown), ''))}: expected {what}a map "
                    f"with one of: {names}",
                )
        if text_ok:
            return self.text(raw, path)
        return self.fail(path, f"expected a map with one of: {names}")

    def record(self, cls: type, raw: Raw, path: KeyPath) -> object:
        """An object of ``cls`` from a map whose keys are its fields' keys."""
        if not isinstance(raw, dict):
            return self.fail(path, f"expected a map of keys, got {describe(raw)}")
        before = len(self.issues)
        values: dict[str, object] = {}
        known = set()
        for f in fields_of(cls):
            known.add(f.key)
            if f.key in raw:
                values[f.name] = self.value(f.hint, f.metadata, raw[f.key], (*path, f.key))
            elif f.required:
                self.fail((*path, f.key), "required key is missing")
        for key in raw:
            if key not in known:
                self.issues.append(Issue((*path, key), f"unknown key {key!r}", at_key=True))
        if len(self.issues) > before:
            return BAD
        obj = cls(**values)
        problems = getattr(obj, "problems", None)
        if problems is not None:
            for where, message in problems():
                self.fail((*path, *where), message)
        return BAD if len(self.issues) > before else obj

    # limits
    def _too_long(self, raw: Raw) -> str | None:
        """A text over the text-chars limit (one runaway paste must not stall layout)."""
        most = self.limits.text_chars
        for text in raw.values() if isinstance(raw, dict) else (raw,):
            if isinstance(text, str) and len(text) > most:
                return (
                    f"this text has {len(text):,} characters, over the text-chars limit of "
                    f"{self.limits.text_chars:,}; {hint('text_chars', len(text))}"
                )
        return None

    def _long_url(self, url: str) -> str:
        return (
            f"this address has {len(url):,} characters, over the url-chars limit of "
            f"{self.limits.url_chars:,}; {hint('url_chars', len(url))}"
        )

    def _over_limit(self, limit: str, n: int) -> str:
        names = {"table_rows": "rows", "table_columns": "columns", "table_cells": "table cells"}
        what = names.get(limit, "entries")
        name = limit.replace("_", "-")
        return f"{n:,} {what}, over the {name} limit of {getattr(self.limits, limit):,}; " + hint(
            limit, n
        )


def _blank(raw: Raw) -> bool:
    """An empty text: a string of nothing or only spaces, or a non-empty map of
    language to such strings (what `title: ""` or `az: ""` leaves)."""
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, dict):
        return bool(raw) and all(isinstance(v, str) and not v.strip() for v in raw.values())
    return False


def decode(
    data: Raw,
    limits: Limits | None = None,
    references: list[tuple[KeyPath, str | None, str]] | None = None,
) -> tuple[Brief | None, list[Issue]]:
    """The Brief, or None and every issue found; each cross-reference met, with its
    path and language, is added to ``references``."""
    decoder = Decoder(limits or Limits())
    brief = decoder.record(Brief, data, ())
    if references is not None:
        references += decoder.references
    if decoder.issues or not isinstance(brief, Brief):
        return None, decoder.issues
    return brief, []


def model_classes() -> tuple[type, ...]:
    """Every model class a brief can hold, Brief first (for tests, schema and docs)."""
    seen: dict[type, None] = {}

    def visit(hint: object) -> None:
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            if hint in seen:
                return
            seen[hint] = None
            for f in fields_of(hint):
                visit(f.hint)
            return
        for arg in typing.get_args(hint):
            visit(arg)

    visit(Brief)
    return tuple(seen)
