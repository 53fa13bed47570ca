"""Hypothesis strategies for whole briefs, derived from briefing/model.py.

The shape of a brief is read from the model classes themselves (``dataclasses.fields``
and ``typing.get_type_hints(include_extras=True)``, starting at ``Brief``): a field or a
block kind added to the model is generated without a change here, and a type this module
has no rule for fails loudly (``TypeError``) instead of being skipped. The test suite
checks that every (class, field) pair reachable from ``Brief`` is generated.

The introspection is written independently of briefing/decode.py on purpose: a test
that shared the decoder's reading of the model would share its mistakes.

What the types do not say (a section needs a kind or a title, a row is as wide as the
header, nesting depth) is in :func:`repair`, applied to most generated briefs so that
they reach the renderers; the rest are left as generated and must fail with a
positioned message. Everything the generator writes is plain data (dicts, lists,
strings, floats, None) as a reader would give it, written out by :func:`to_yaml`,
:func:`to_yaml_by_hand` and :func:`to_markdown`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import random
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

import yaml
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from briefing import model
from briefing.limits import Limits

T = TypeVar("T")
FieldKey = tuple[str, str]  # (class name, field name)
Raw = Any  # plain data as a reader gives it: dicts, lists, strings, numbers, None

_TEXT_ARGS = frozenset(get_args(model.Text))  # str and dict[str, str]
NONE = type(None)
RECURSION = 3  # how often one class may contain itself: model limits + 1 (for errors)
BODY_KEYS = ("summary", "sections", "recommendations", "annexes")  # Markdown body, not front


# -- the model, read by introspection ---------------------------------------------------


@dataclass(frozen=True)
class FieldInfo:
    cls: type
    name: str
    key: str  # as written in a brief (metadata "key", else the name)
    hint: Any
    meta: Mapping[str, Any]
    required: bool


@cache
def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    hints = get_type_hints(cls, include_extras=True)
    out = []
    for f in dataclasses.fields(cls):
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        key = str(f.metadata.get("key", f.name))
        out.append(FieldInfo(cls, f.name, key, hints[f.name], f.metadata, required))
    return tuple(out)


def is_union(hint: Any) -> bool:
    return get_origin(hint) in (Union, types.UnionType)


def optional_inner(hint: Any) -> Any:
    """``X`` for ``X | None`` (one type and None), else the hint itself."""
    if is_union(hint):
        args = [a for a in get_args(hint) if a is not NONE]
        if len(args) == 1 and len(get_args(hint)) == 2:
            return args[0]
    return hint


def is_text(hint: Any) -> bool:
    """``Text``, with or without ``| None`` (not a union that also allows a text)."""
    return is_union(hint) and set(get_args(hint)) - {NONE} == _TEXT_ARGS


def allows_text(hint: Any) -> bool:
    """A union with ``Text`` among its members (Block, ItemOrText, Text itself)."""
    return is_union(hint) and set(get_args(hint)) >= _TEXT_ARGS


def is_text_list(hint: Any) -> bool:
    """``TextList``: Annotated with the model's TEXT_OR_LIST marker."""
    return get_origin(hint) is typing.Annotated and model.TEXT_OR_LIST in hint.__metadata__


def classes_in(hint: Any) -> Iterator[type]:
    """The model classes a type hint mentions, at any depth."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        yield hint
    for arg in get_args(hint):
        if not isinstance(arg, str):  # Annotated metadata and Literal values
            yield from classes_in(arg)


def reachable(root: type = model.Brief) -> list[type]:
    """Every model class reachable from ``root`` through field types, root first."""
    seen: list[type] = []
    todo = [root]
    while todo:
        cls = todo.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        for f in fields_of(cls):
            todo += [c for c in classes_in(f.hint) if c not in seen]
    return seen


def model_fields(root: type = model.Brief) -> set[FieldKey]:
    return {(cls.__name__, f.name) for cls in reachable(root) for f in fields_of(cls)}


def literal_values(root: type = model.Brief) -> set[tuple[FieldKey, str]]:
    """Every (field, value) of a Literal type (section kinds)."""
    out = set()
    for cls in reachable(root):
        for f in fields_of(cls):
            for lit in _literals(f.hint):
                out |= {((cls.__name__, f.name), str(v)) for v in get_args(lit)}
    return out


def _literals(hint: Any) -> Iterator[Any]:
    if get_origin(hint) is Literal:
        yield hint
    for arg in get_args(hint):
        if not isinstance(arg, str):
            yield from _literals(arg)


def _member_for(hint: Any, value: Raw) -> type | None:
    """The model class of a union that a map stands for: the first class whose first
    field's key the map has (how a block is named: ``table:``, ``note:``)."""
    if not isinstance(value, dict):
        return None
    for cls in classes_in(hint) if is_union(hint) else ():
        if fields_of(cls)[0].key in value:
            return cls
    return None


@dataclass(frozen=True)
class Node:
    """A map of the raw data that stands for a model object."""

    cls: type
    data: dict[str, Raw]
    path: tuple[str | int, ...]
    nest: Mapping[str, int]  # depth of each kind of nesting at this object


def walk(raw: Raw, root: type = model.Brief) -> Iterator[Node]:
    """Every model object in raw data, parents before children.

    A consumer may change a node's map before its children are visited (repair drops
    lists nested too deep that way).
    """
    yield from _walk(raw, root, (), {})


def _walk(raw: Raw, hint: Any, path: tuple[str | int, ...], nest: dict[str, int]) -> Iterator[Node]:
    hint = optional_inner(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(raw, dict):
            return
        yield Node(hint, raw, path, dict(nest))
        for f in fields_of(hint):
            if f.key not in raw:
                continue
            inner = dict(nest)
            kind = f.meta.get("nest")
            if isinstance(kind, str):
                inner[kind] = inner.get(kind, 0) + 1
            yield from _walk(raw[f.key], f.hint, (*path, f.key), inner)
        return
    if get_origin(hint) is typing.Annotated:
        yield from _walk(raw, get_args(hint)[0], path, nest)
    elif is_union(hint):
        cls = _member_for(hint, raw)
        if cls is not None:
            yield from _walk(raw, cls, path, nest)
    elif get_origin(hint) is list and isinstance(raw, list):
        (elem,) = get_args(hint)
        for i, item in enumerate(raw):
            yield from _walk(item, elem, (*path, i), nest)


def set_fields(raw: Raw) -> set[FieldKey]:
    """The (class, field) pairs a raw brief sets."""
    return {
        (node.cls.__name__, f.name)
        for node in walk(raw)
        for f in fields_of(node.cls)
        if f.key in node.data
    }


def set_literals(raw: Raw) -> set[tuple[FieldKey, str]]:
    out = set()
    for node in walk(raw):
        for f in fields_of(node.cls):
            value = node.data.get(f.key)
            if any(True for _ in _literals(f.hint)) and isinstance(value, str):
                out.add(((node.cls.__name__, f.name), value))
    return out


def text_paths(raw: Raw) -> list[tuple[str | int, ...]]:
    """Paths of every string that is a text (not a date, url, kind, lang or width)."""
    out: list[tuple[str | int, ...]] = []
    for node in walk(raw):
        for f in fields_of(node.cls):
            if f.key in node.data and (is_text(f.hint) or _holds_text(f.hint)):
                out += _strings(node.data[f.key], f.hint, (*node.path, f.key))
    return out


def _holds_text(hint: Any) -> bool:
    if allows_text(hint) or is_text_list(hint):
        return True
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return False  # its own fields are visited as nodes
    return get_origin(hint) is not Literal and any(
        _holds_text(a) for a in get_args(hint) if not isinstance(a, str)
    )


def _strings(raw: Raw, hint: Any, path: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
    hint = optional_inner(hint)
    if is_text(hint) or (is_text_list(hint) and not isinstance(raw, list)):
        if isinstance(raw, str):
            return [path]
        if isinstance(raw, dict):
            return [(*path, k) for k, v in raw.items() if isinstance(v, str)]
        return []
    if is_text_list(hint):
        hint = get_args(hint)[0]
    if _member_for(hint, raw) is not None:
        return []  # a model object: walk() visits it
    if is_union(hint):
        return _strings(raw, model.Text, path) if allows_text(hint) else []
    if get_origin(hint) is list and isinstance(raw, list):
        (elem,) = get_args(hint)
        return [p for i, v in enumerate(raw) for p in _strings(v, elem, (*path, i))]
    return []


# -- texts ------------------------------------------------------------------------------

WORDS = (
    # en
    "policy", "energy", "corridor", "the", "Ministry", "sanctions", "Brussels", "gas",
    "pipeline", "trade", "security", "U.S.", "e.g.", "co-operation", "Washington's",
    # az
    "Azərbaycan", "siyasət", "enerji", "dəhliz", "İlham", "Əliyev", "ğ", "İqtisadiyyat",
    "şərq", "tərəfdaşlıq", "çağırış", "ölkə", "güclü", "Bakı", "ı", "İİ",
    # ru
    "политика", "энергетика", "Азербайджан", "сотрудничество", "ёлка", "Ъ", "безопасность",
    "коридор", "«кавычки»", "№", "₼", "ЁЛКА", "ыы",
)  # fmt: skip
NOTES = (
    "^[a note]", "^[**Bold** note, see https://example.org/n.]", "^[Qeyd: [mənbə](https://example.org/az)]",
    "^[Примечание [@ref] *курсив*]", "^[ spaced ]",
)  # fmt: skip
"""Footnotes as written inline; the Markdown writer turns some into [^gN] definitions."""
REFERENCES = ("[@ref]", "[+@ref]", "see Table [@ref]", "[@ref]-də", "(см. таблицу [@ref])")
"""Cross-references; :func:`repair` points ``ref`` at an id the brief has."""
MARKUP = (
    *NOTES, *REFERENCES, "\\^[not a note]", "x^2", "[^1]", "\\[@ref]",
    "**bold**", "*it*", "[link](https://example.org/x)", "<b>", "</b>", "&amp;", "&",
    "{{ x }}", "]]>", "<![CDATA[", "`code`", "_u_", "\\", "#", "|", "{kind=analysis}",
    "${x}", "%s", "{0}", "<w:t>", '"', "'", "---", "- ", "1.", ">", "[!NOTE]", "**", "*",
    "[", "](", "[mail](mailto:desk@example.org)", "~~s~~", "^", "PB-2026-041", "310 mln",
    "12.5%", "1,000,000", "−3", "2026-11-26", "https://example.org/a?b=c&d=e", "***x***",
    "\\*", "[a [b] c](https://example.org/(x))", "**[bold link](http://example.org)**",
    "<script>alert(1)</script>", "{{{", "}}}", "MERGEFIELD x", "PAGE", "&#x41;", "e\u0301",
    "ə\u0308", "i\u0307", "a\u0300\u0301\u0302", "\u200b", "\u00ad", "\ufeff", "—", "–",
    "…", "“quoted”", "‘s’", "§ 4", "±", "€", "$", "£", "°C",
)  # fmt: skip
SEPARATORS = (" ", " ", " ", " ", ", ", ". ", "", "\n", "\r\n", "\r", "\n\n", "\t", "  ",
              "\u00a0", "\u2028", " — ")  # fmt: skip
LANGS = ("en", "az", "ru")
OTHER_LANGS = ("de", "az-Cyrl", "ru-RU", "en-GB", "tr", "az-Latn-AZ")
BAD_LANG_KEYS = ("", "english", "e", "en_US", "1", "az-", "ru--x")
# Characters the format refuses wherever they are (README, Safety): controls,
# noncharacters, lone surrogates, bidirectional controls.
FORBIDDEN = tuple(
    chr(c)
    for c in (0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0x7F, 0x85, 0x9F,
              0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE,
              0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066,
              0x2067, 0x2068, 0x2069)
)  # fmt: skip
# Characters no bundled font has (a positioned "cannot be shown" error).
UNSHOWABLE = ("😀", "👍🏽", "中", "文字", "한", "ا", "א", "अ", "ก", "\U0001f1e6\U0001f1ff",
              "\ue000", "\U0010fffd", "∰", "\u0378", "𝔸", "☃")  # fmt: skip


@cache
def covered_alphabet() -> str:
    """Every character a font of the memo template can show (less tab and line breaks)."""
    from briefing.glyphs import covered_codepoints
    from briefing.templates import load_template

    codes = covered_codepoints(load_template("memo"))
    return "".join(chr(c) for c in sorted(codes) if c >= 0x20 and chr(c) not in FORBIDDEN)


def weighted(*branches: tuple[int, SearchStrategy[T]]) -> SearchStrategy[T]:
    """One of the branches, each ``weight`` times as likely; the first shrinks best."""
    usable = [(w, s) for w, s in branches if not s.is_empty]
    if not usable:
        return st.nothing()
    if len(usable) == 1:
        return usable[0][1]
    index = [i for i, (w, _) in enumerate(usable) for _ in range(w)]
    return st.sampled_from(index).flatmap(lambda i: usable[i][1])


def _repeat_to(pair: tuple[str, int]) -> str:
    text, size = pair
    text = text or "x"
    return (text * (size // len(text) + 1))[:size]


def _words(spec: tuple[int, int]) -> str:
    """``count`` tokens (words in three languages, markup, numbers, any showable
    characters) with separators (spaces, line breaks of every kind, NBSP, U+2028)."""
    count, seed = spec
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        pick = rng.random()
        if pick < 0.5:
            token = rng.choice(WORDS)
        elif pick < 0.75:
            token = rng.choice(MARKUP)
        elif pick < 0.85:
            token = str(rng.choice((rng.randint(-(10**6), 10**15), rng.uniform(-1e6, 1e6))))
        else:
            token = "".join(rng.choices(covered_alphabet(), k=rng.randint(1, 8)))
        out.append(token + rng.choice(SEPARATORS))
    return "".join(out)


def _chars(spec: tuple[int, int]) -> str:
    """``size`` characters, any a bundled font can show."""
    size, seed = spec
    return "".join(random.Random(seed).choices(covered_alphabet(), k=size))


@dataclass(frozen=True)
class Options:
    """What a builder makes: ``wild`` adds wrong values (for exit 1 and the validator),
    ``big`` lets lists and texts reach the limits (cheap only where nothing renders)."""

    wild: bool = False
    big: bool = False


_ABSENT = object()
_LIST_META = ("min_items", "limit", "nest")  # field metadata about the list, not its items


def _drop_absent(data: dict[str, Raw]) -> dict[str, Raw]:
    return {k: v for k, v in data.items() if v is not _ABSENT}


class Builder:
    """Strategies for raw briefs, read off the model's classes and type hints."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.limits = Limits()
        self.visited: set[FieldKey] = set()  # every field a strategy was built for
        self._stack: list[type] = []
        self._brief: SearchStrategy[dict[str, Raw]] | None = None

    # texts
    @cached_property
    def string(self) -> SearchStrategy[str]:
        """A text's string. Hypothesis draws its kind, length and a seed; the words come
        from the seed (a few draws per text instead of one per word keeps a whole brief
        at a few hundred draws; shrinking still makes texts shorter and plainer)."""
        seeds = st.integers(0, 2**32 - 1)
        words = st.tuples(st.integers(1, 12), seeds).map(_words)
        chars = st.tuples(st.integers(0, 30), seeds).map(_chars)
        special = st.sampled_from(
            ("", " ", "   ", "\t", "\n", "\r\n", " \u00a0 ", "\u2028", "\u200b", "\u0301",
             "0", "1.5", "-", "*", "**", "[]", "()", "\\", "~", "null", "true", "no", "—")
        )  # fmt: skip
        long_sizes = (300, 2_000, 2_000, 20_000) if not self.options.big else (
            2_000, 60_000, self.limits.text_chars, self.limits.text_chars + 1)  # fmt: skip
        long_word = st.tuples(
            st.tuples(st.integers(1, 3), seeds).map(_words).map(lambda w: w.replace(" ", "")),
            st.sampled_from(long_sizes[:2]),
        ).map(_repeat_to)
        url = st.integers(1, 120).map(lambda n: "https://example.org/" + "path/" * n)
        long_url = weighted((2, url), (1, url.map(lambda u: f"[see this]({u})")))
        long_text = st.tuples(words.map(lambda s: s + " "), st.sampled_from(long_sizes)).map(
            _repeat_to
        )
        return weighted(  # a brief has about a hundred texts: long ones are rare
            (200, words),
            (30, chars),
            (20, special),
            (2, long_word),
            (2, long_url),
            (1, long_text),
        )

    @cached_property
    def lang_code(self) -> SearchStrategy[str]:
        branches: list[tuple[int, SearchStrategy[str]]] = [
            (12, st.sampled_from(LANGS)),
            (2, st.sampled_from(OTHER_LANGS)),
            (1, st.from_regex(model.LANG_CODE, fullmatch=True)),
        ]
        if self.options.wild:
            branches.append((1, st.sampled_from(BAD_LANG_KEYS)))
        return weighted(*branches)

    @cached_property
    def text(self) -> SearchStrategy[Raw]:
        """``Text``: a string, or a map of language code to string."""
        lang_map = st.dictionaries(self.lang_code, self.string, min_size=1, max_size=4)
        one_lang = st.tuples(self.lang_code, self.string).map(lambda kv: {kv[0]: kv[1]})
        branches: list[tuple[int, SearchStrategy[Raw]]] = [
            (6, self.string),
            (4, lang_map),
            (1, one_lang),
        ]
        if self.options.wild:
            branches.append((1, self.junk))
        return weighted(*branches)

    @cached_property
    def junk(self) -> SearchStrategy[Raw]:
        """A value of the wrong type: numbers, lists, maps, nothing, empty maps."""
        scalars = st.one_of(
            st.none(), st.booleans(), st.integers(), st.floats(), st.just({}), st.just([]),
            st.text(max_size=10),
        )  # fmt: skip
        return st.recursive(
            scalars,
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=6) | st.sampled_from(LANGS), inner, max_size=3)
            ),
            max_leaves=6,
        )

    # the model
    def of_class(self, cls: type) -> SearchStrategy[dict[str, Raw]]:
        """A map with the class's keys: required ones always, the others sometimes."""
        if self._stack.count(cls) >= RECURSION:
            return st.nothing()
        self._stack.append(cls)
        try:
            required: dict[str, SearchStrategy[Raw]] = {}
            optional: dict[str, SearchStrategy[Raw]] = {}
            for f in fields_of(cls):
                self.visited.add((cls.__name__, f.name))
                strategy = self.of_type(f.hint, f.meta, f)
                (required if f.required else optional)[f.key] = strategy
        finally:
            self._stack.pop()
        # an optional key is there three times in four (shrinking drops it)
        present = {k: weighted((1, st.just(_ABSENT)), (3, v)) for k, v in optional.items()}
        out = st.fixed_dictionaries({**required, **present}).map(_drop_absent)
        if self.options.wild:
            extra = st.dictionaries(st.sampled_from(("colour", "Title", "from_", "kind ")),
                                    self.junk, max_size=1)  # fmt: skip
            out = weighted((12, out), (1, st.tuples(out, extra).map(lambda p: {**p[0], **p[1]})))
        return out

    def of_type(self, hint: Any, meta: Mapping[str, Any], where: FieldInfo) -> SearchStrategy[Raw]:
        if is_text_list(hint):
            text = self.text
            return weighted((1, text), (3, self.list_of(text, meta, where, texts=True)))
        if get_origin(hint) is typing.Annotated:
            return self.of_type(get_args(hint)[0], meta, where)
        if is_union(hint):
            args = list(get_args(hint))
            branches: list[tuple[int, SearchStrategy[Raw]]] = []
            if allows_text(hint):
                args = [a for a in args if a not in _TEXT_ARGS]
                branches.append((3, self.text))
            for arg in args:
                if arg is NONE:
                    branches.append((1, st.none()))
                else:
                    branches.append((2, self.of_type(arg, meta, where)))
            return weighted(*branches)
        origin = get_origin(hint)
        if origin is list:
            (elem,) = get_args(hint)
            texts = is_text(elem) or get_origin(elem) is list
            inner = {k: v for k, v in meta.items() if k not in _LIST_META}
            return self.list_of(self.of_type(elem, inner, where), meta, where, texts=texts)
        if origin is Literal:
            values: SearchStrategy[Raw] = st.sampled_from(get_args(hint))
            if self.options.wild:
                values = weighted((8, values), (1, st.sampled_from(("Summary", "annexes", ""))))
            return values
        if origin is dict:
            return self.text
        if hint is str:
            return self.plain_string(meta)
        if hint is float:
            return self.number(meta)
        if hint is dt.date:
            return self.date()
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return self.of_class(hint)
        raise TypeError(
            f"tests/strategies.py has no rule for {hint!r} ({where.cls.__name__}.{where.name}): "
            "teach Builder.of_type the new type"
        )

    def list_of(
        self, elem: SearchStrategy[Raw], meta: Mapping[str, Any], where: FieldInfo, texts: bool
    ) -> SearchStrategy[Raw]:
        low = int(meta.get("min_items", 0))
        if elem.is_empty:
            return st.just([]) if low == 0 else st.nothing()
        limit_name = meta.get("limit")
        limit = getattr(self.limits, str(limit_name), None) if limit_name else None
        small = st.lists(elem, min_size=low, max_size=max(low, 6 if texts else 4))
        sizes: tuple[int, ...]
        if isinstance(limit, int):
            sizes = (limit, limit + 1) if self.options.big else (min(limit, 40), limit + 1)
            if limit > 1000 and not self.options.big:
                sizes = (20, 120)  # a few pages; the limit itself only where nothing renders
        elif texts:
            sizes = (12, 16, 40)
        else:
            sizes = (8,) if where.cls is not model.Brief or not self.options.big else (8, 60)
        big = st.tuples(st.lists(elem, min_size=1, max_size=3), st.sampled_from(sizes)).map(
            lambda pair: [pair[0][i % len(pair[0])] for i in range(pair[1])]
        )
        branches: list[tuple[int, SearchStrategy[Raw]]] = [(40, small), (1, big)]
        if self.options.wild:
            branches.append((1, self.junk))
        return weighted(*branches)

    def plain_string(self, meta: Mapping[str, Any]) -> SearchStrategy[Raw]:
        if meta.get("url"):
            good = st.sampled_from(
                ("https://example.org/", "http://example.org/a?b=1&c=2#frag",
                 "mailto:desk@example.org", "https://пример.рф/путь", "HTTPS://EXAMPLE.ORG/X", "https://example.org/(x)",
                 "https://example.org/" + "a" * 400, "https://example.org/%20%3C")
            )  # fmt: skip
            long = st.sampled_from((4_096, 4_097)).map(
                lambda n: ("https://example.org/" + "x" * n)[:n]
            )
            bad = st.sampled_from(("javascript:alert(1)", "file:///etc/passwd", "example.org",
                                   "data:text/html,x", "https://exa mple.org", ""))  # fmt: skip
            return weighted((30, good), (1, long), *([(3, bad)] if self.options.wild else []))
        pattern = meta.get("pattern")
        if pattern:
            codes = self.lang_code
            return codes.filter(lambda s: re.match(str(pattern), s) is not None) | (
                st.sampled_from(BAD_LANG_KEYS) if self.options.wild else st.nothing()
            )
        return self.string

    def number(self, meta: Mapping[str, Any]) -> SearchStrategy[Raw]:
        good = weighted(
            (12, st.integers(1, 20).map(float)),
            (6, st.floats(min_value=0.5, max_value=20)),
            (2, st.integers(1, 50).map(str)),
            (1, st.sampled_from((1e-300, 5e-324, 1e300, 1.7e308, 0.001, 0.02, 1e-9))),
        )
        if not (meta.get("positive") and not self.options.wild):
            bad = st.sampled_from((0.0, -1.0, math.inf, math.nan, "1/2", "", "wide"))
            return weighted((8, good), (1, bad))
        return good

    def date(self) -> SearchStrategy[Raw]:
        good = st.dates().map(dt.date.isoformat)
        if self.options.wild:
            bad = st.sampled_from(("2026-02-30", "26.11.2026", "2026-1-1", "tomorrow", "20261126"))
            return weighted((8, good), (1, bad))
        return good

    def brief(self) -> SearchStrategy[dict[str, Raw]]:
        """Built once per builder: the tree of strategies has a few hundred nodes."""
        if self._brief is None:
            self._brief = self.of_class(model.Brief)
        return self._brief


# -- what the types do not say ----------------------------------------------------------


def _max_depth() -> Mapping[str, int]:
    return getattr(model, "MAX_DEPTH", {"list": model.MAX_LIST_DEPTH,
                                        "section": model.MAX_SECTION_DEPTH})  # fmt: skip


def repair(raw: dict[str, Raw]) -> dict[str, Raw]:
    """Make a generated brief obey the rules the types cannot say, so it can render:
    nesting depth (field metadata ``nest``), a section's kind or title, an item's one
    child list, rows and widths as wide as the header. Changes ``raw`` in place."""
    depth = _max_depth()
    ids: list[str] = []
    for node in walk(raw):
        data = node.data
        for f in fields_of(node.cls):
            kind = f.meta.get("nest")
            if isinstance(kind, str) and f.key in data and node.nest.get(kind, 0) >= depth[kind]:
                if f.required:
                    data[f.key] = data[f.key][:1] if isinstance(data[f.key], list) else data[f.key]
                else:
                    del data[f.key]
        name = node.cls.__name__
        ident = data.get("id")
        if "id" in {f.key for f in fields_of(node.cls)} and isinstance(ident, str):
            if ident in ids:  # ids are one namespace: a second one is an error
                ident = data["id"] = f"{ident}-{len(ids)}"
            ids.append(ident)
        if name == "Section" and data.get("kind") is None and data.get("title") is None:
            data["title"] = "Section"
        if name == "Item" and "bullets" in data and "numbered" in data:
            del data["numbered"]
        if name == "TableSpec" and isinstance(data.get("columns"), list):
            width = len(data["columns"])
            rows = data.get("rows")
            if isinstance(rows, list):
                data["rows"] = [
                    (row + [""] * width)[:width] if isinstance(row, list) else row for row in rows
                ]
            widths = data.get("widths")
            if isinstance(widths, list) and widths:
                data["widths"] = [widths[i % len(widths)] for i in range(width)]
            elif isinstance(widths, list):
                del data["widths"]
    _repair_references(raw, ids)
    return raw


_REF = re.compile(r"\[(\+?)@ref\]")
_EMPTY_NOTE = re.compile(r"\^\[(\s*)\]")  # an error (briefing/inline.py): given a word


def _repair_references(raw: dict[str, Raw], ids: list[str]) -> None:
    """Each generated reference ``[@ref]`` pointed at an id of the brief (escaped when it
    has none), no empty text where one is an error (all but table cells), and no note
    or reference left in a text printed without inline runs (a title, a heading: field
    metadata ``plain``), where they are an error."""
    for node in walk(raw):
        for f in fields_of(node.cls):
            if f.key not in node.data or not (is_text(f.hint) or _holds_text(f.hint)):
                continue
            plain = bool(f.meta.get("plain"))
            blank_ok = bool(f.meta.get("blank_ok"))
            for path in _strings(node.data[f.key], f.hint, (f.key,)):
                holder: Any = node.data
                for key in path[:-1]:
                    holder = holder[key]
                text = holder[path[-1]]
                text = _EMPTY_NOTE.sub(r"^[\1x]", text)
                if not text.strip() and not blank_ok:  # an empty text is an error
                    text = f"x{text}"
                if plain:  # broken up, so no spelling of them is read as markup
                    text = text.replace("^[", "^ [").replace("[@", "[ @").replace("[+@", "[ +@")
                elif ids:
                    text = _REF.sub(lambda m: f"[{m.group(1)}@{ids[m.start() % len(ids)]}]", text)
                else:
                    text = text.replace("[@ref]", "\\[@ref]").replace("[+@ref]", "\\[+@ref]")
                holder[path[-1]] = text


def poison(raw: dict[str, Raw], index: int, char: str, at: int) -> tuple[str | int, ...] | None:
    """Put ``char`` into the ``index``-th text of the brief (at offset ``at``); its path."""

    def insert(text: str) -> str:
        cut = at % (len(text) + 1)
        return text[:cut] + char + text[cut:]

    return change_text(raw, index, insert)


def change_text(
    raw: dict[str, Raw], index: int, change: Callable[[str], str]
) -> tuple[str | int, ...] | None:
    """Replace the ``index``-th text of the brief (any field, any translation) by
    ``change(text)``; the path of that text, or None when the brief has none."""
    paths = text_paths(raw)
    if not paths:
        return None
    path = paths[index % len(paths)]
    parent: Raw = raw
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = change(parent[path[-1]])
    return path


LONG = (
    ("words", 300), ("words", 2_000), ("words", 8_000), ("words", 30_000), ("word", 2_000),
    ("word", 300), ("url", 600), ("lines", 400), ("link", 800),
)  # fmt: skip


def long_text(kind: str, size: int, seed: int) -> str:
    """A long text of one kind: words, one word with no break, a URL, many lines."""
    rng = random.Random(seed)
    if kind == "word":
        return _repeat_to((rng.choice(WORDS), size))
    if kind == "url":
        return _repeat_to(("https://example.org/" + "segment/" * (size // 8), size))
    if kind == "link":
        return f"[{rng.choice(WORDS)}](https://example.org/{'x' * size})"
    if kind == "lines":
        return "\n".join(rng.choice(WORDS) for _ in range(size))
    return _repeat_to((_words((12, seed)) + " ", size))


# -- writing briefs out -----------------------------------------------------------------


def to_yaml(raw: Raw, flow: bool | None = None, width: int = 80) -> str:
    """The brief as PyYAML's safe dumper writes it."""
    return str(
        yaml.safe_dump(
            raw, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=width
        )
    )


_PLAIN = re.compile(r"[A-Za-zƏəĞğİıŞşÇçÖöÜüА-Яа-яЁё][\w .,()'/-]*(?<! )\Z")
_NULLS = {"null", "Null", "NULL", "~", ""}
_YAML_BREAKS = set("\r\x85\u2028\u2029")


def _yaml_printable(ch: str) -> bool:
    c = ord(ch)
    return (
        c in (0x09, 0x0A)
        or 0x20 <= c <= 0x7E
        or 0xA0 <= c <= 0xD7FF
        or 0xE000 <= c <= 0xFFFD
        or 0x10000 <= c <= 0x10FFFF
    )


def to_yaml_by_hand(raw: Raw, seed: int) -> str:
    """The brief in styles the safe dumper does not choose: plain, single- and
    double-quoted and literal block scalars, flow maps and lists, comments."""
    rng = random.Random(seed)
    lines: list[str] = ["# a brief written by hand"] if rng.random() < 0.5 else []
    first = _emit(raw, 0, rng)
    lines.append(first if not first.startswith("\n") else first[1:])
    return "\n".join(lines) + "\n"


def yaml_float(value: float) -> str:
    """A float that is not finite as YAML spells it."""
    return {"inf": ".inf", "-inf": "-.inf"}.get(repr(value), ".nan")


def _scalar(value: Raw, rng: random.Random, flow: bool) -> str:
    if value is None:
        return rng.choice(("null", "~", ""))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else yaml_float(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if not flow and _PLAIN.match(text) and text not in _NULLS and rng.random() < 0.6:
        return text
    if (
        "\n" not in text
        and all(_yaml_printable(c) for c in text)
        and not _YAML_BREAKS & set(text)
        and rng.random() < 0.3
    ):
        return "'" + text.replace("'", "''") + "'"
    quoted = json.dumps(text, ensure_ascii=rng.random() < 0.2)
    for ch in _YAML_BREAKS | {"\ufeff"}:  # JSON leaves them as they are; YAML folds them
        quoted = quoted.replace(ch, f"\\u{ord(ch):04x}")
    return quoted


def _literal_ok(text: str) -> bool:
    lines = text.split("\n")
    return (
        "\n" in text.rstrip("\n")
        and not text.startswith((" ", "\n", "\t"))
        and all(_yaml_printable(c) for c in text)
        and not _YAML_BREAKS & set(text)
        and not any(line and not line.strip(" ") for line in lines)
        and not text.endswith(" ")
    )


def _emit(value: Raw, indent: int, rng: random.Random) -> str:
    """``value`` as the text after ``key:`` or ``- `` (starting with a newline for a
    block collection)."""
    pad = "  " * indent
    if isinstance(value, dict | list) and value and rng.random() < 0.15:
        return " " + _flow(value, rng)
    if isinstance(value, dict) and value:
        out = []
        for key, item in value.items():
            key_text = key if _PLAIN.match(str(key)) else json.dumps(str(key))
            out.append(f"\n{pad}{key_text}:{_emit(item, indent + 1, rng)}")
        return "".join(out)
    if isinstance(value, list) and value:
        return "".join(f"\n{pad}-{_emit(item, indent + 1, rng)}" for item in value)
    if isinstance(value, dict | list):
        return " {}" if isinstance(value, dict) else " []"
    if isinstance(value, str) and _literal_ok(value) and rng.random() < 0.5:
        chomp = "+" if value.endswith("\n") else "-"
        body = value[:-1] if value.endswith("\n") else value
        return f" |{chomp}" + "".join(
            f"\n{pad}{line}" if line else "\n" for line in body.split("\n")
        )
    scalar = _scalar(value, rng, flow=False)
    return f" {scalar}" if scalar else ""


def _flow(value: Raw, rng: random.Random) -> str:
    if isinstance(value, dict):
        inner = ", ".join(f"{json.dumps(str(k))}: {_flow(v, rng)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v, rng) for v in value) + "]"
    return _scalar(value, rng, flow=True) or "null"


def line_endings(text: str, ending: str) -> str:
    return text.replace("\n", ending) if ending != "\n" else text


# Markdown ------------------------------------------------------------------------------


def resolve(value: Raw, hint: Any, lang: str, base: str, texts_only: bool) -> Raw:
    """Raw data with every text in ``lang`` (else ``base``, else any language): what one
    Markdown file of a brief holds. ``texts_only`` drops what is not a text (dates,
    links, kinds, widths: a translation file's front matter holds only texts)."""
    if is_text(hint) or (is_text_list(hint) and not isinstance(value, list)):
        if isinstance(value, dict) and value:
            for code in (lang, base):
                if isinstance(value.get(code), str):
                    return value[code]
            return next(iter(value.values()))
        return value
    if is_text_list(hint):
        return resolve(value, get_args(hint)[0], lang, base, texts_only)
    hint = optional_inner(hint)
    cls = _member_for(hint, value) if is_union(hint) else None
    if cls is None and isinstance(hint, type) and dataclasses.is_dataclass(hint):
        cls = hint
    if cls is not None and isinstance(value, dict):
        out = {}
        for f in fields_of(cls):
            if f.key in value:
                if texts_only and not _holds_text(f.hint) and not _has_model(f.hint):
                    continue
                out[f.key] = resolve(value[f.key], f.hint, lang, base, texts_only)
        return out
    if get_origin(hint) is list and isinstance(value, list):
        (elem,) = get_args(hint)
        return [resolve(v, elem, lang, base, texts_only) for v in value]
    if get_origin(hint) is typing.Annotated:
        return resolve(value, get_args(hint)[0], lang, base, texts_only)
    if is_union(hint) and _holds_text(hint) and isinstance(value, dict | str):
        return resolve(value, model.Text, lang, base, texts_only)
    return value


def _has_model(hint: Any) -> bool:
    return any(True for _ in classes_in(hint))


def languages_of(raw: Raw) -> list[str]:
    """Language codes that some text of the brief has, in first-seen order."""
    found: dict[str, None] = {}
    for path in text_paths(raw):
        if isinstance(path[-1], str) and model.LANG_CODE.match(path[-1]):
            found[path[-1]] = None
    return list(found)


_BLOCK_START = re.compile(r"[-+*#>|=~`_\[:<]|\d+[.)]")


def md_text(value: Raw) -> str:
    """One line of Markdown that reads back as ``value``'s text (as near as Markdown
    allows: surrounding white space and line breaks are not kept)."""
    text = " ".join(str(value).split()) if isinstance(value, str) else str(value)
    text = text.replace("\\", "\\\\") if text.endswith("\\") else text
    text = text.replace("[^", "\\[^")  # text, not a Markdown footnote reference
    match = _BLOCK_START.match(text)
    if match:
        if match.group()[0].isdigit():
            end = match.end() - 1
            text = text[:end] + "\\" + text[end:]
        else:
            text = "\\" + text
    return text


def _md_cell(value: Raw) -> str:
    return md_text(value).replace("|", "\\|")


class _MarkdownWriter:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def items(self, items: list[Raw], ordered: bool, indent: str, alt: bool) -> list[str]:
        lines = []
        for n, item in enumerate(items, 1):
            marker = f"{n}{')' if alt else '.'} " if ordered else ("* " if alt else "- ")
            text = item.get("text", "") if isinstance(item, dict) else item
            # an empty item cannot be written: "-" under an item's text is a heading
            lines.append(f"{indent}{marker}{md_text(text) or '-'}")
            if isinstance(item, dict):
                for key in ("bullets", "numbered"):
                    if isinstance(item.get(key), list) and item[key]:  # else: not written
                        pad = indent + " " * len(marker)
                        lines += self.items(item[key], key == "numbered", pad, False)
                        break
        return lines

    def block(self, block: Raw, previous: str) -> tuple[list[str], str]:
        kind = next(iter(block), "") if isinstance(block, dict) else ""
        native = ("bullets", "numbered", "table", "quote", "note")
        translations = isinstance(block, dict) and all(model.LANG_CODE.match(str(k)) for k in block)
        other = kind not in native and not translations  # a block kind with no Markdown form
        if (
            isinstance(block, dict)
            and kind
            and (other or (kind in native and self.rng.random() < 0.15))
        ):
            # the generic form, which any block kind of the model can be written in
            text = yaml.safe_dump(block, allow_unicode=True, sort_keys=False, width=10**9)
            return ["```brief", *text.rstrip("\n").split("\n"), "```"], "fence"
        if kind in ("bullets", "numbered"):
            alt = previous == kind  # a second list right after a first: other marker
            items = _as_list(block[kind])
            return self.items(items, kind == "numbered", "", alt), kind
        if kind == "table" and isinstance(block["table"], dict):
            spec = block["table"]
            columns = _as_list(spec.get("columns")) or [""]
            lines = [f"Table: {md_text(spec['caption'])}", ""] if spec.get("caption") else []
            lines.append("| " + " | ".join(_md_cell(c) for c in columns) + " |")
            widths = spec.get("widths")
            if isinstance(widths, list) and len(widths) == len(columns):
                numbers = [float(w) if _is_number(w) else 1.0 for w in widths]
                top = max(numbers) or 1.0
                dashes = [max(3, min(40, round(w / top * 12))) for w in numbers]
            else:
                dashes = [3] * len(columns)
            lines.append("|" + "|".join("-" * d for d in dashes) + "|")
            for row in _as_list(spec.get("rows")):
                cells = _as_list(row)
                lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
            return lines, kind
        if kind == "quote":
            lines = [f"> {md_text(block['quote'])}".rstrip()]
            if block.get("by") is not None:
                lines += [">", f"> — {md_text(block['by'])}"]
            return lines, kind
        if kind == "note":
            return ["> [!NOTE]", f"> {md_text(block['note'])}".rstrip()], kind
        return [md_text(block)], "paragraph"

    def body(self, blocks: Raw) -> list[str]:
        lines: list[str] = []
        previous = ""
        for block in blocks if isinstance(blocks, list) else []:
            out, previous = self.block(block, previous)
            lines += [*out, ""]
        return lines

    def heading(self, level: int, section: dict[str, Raw]) -> str:
        hashes = "#" * (level + 1)
        kind, title = section.get("kind"), section.get("title")
        special = level == 1 and kind in ("summary", "recommendations", "annex")
        if kind and not special:
            words = md_text(title) if title is not None else self.rng.choice(("", "Heading"))
            return f"{hashes} {words} {{kind={kind}}}".replace("  ", " ")
        return f"{hashes} {md_text(title if title is not None else kind)}"

    def section(self, section: Raw, level: int) -> list[str]:
        if not isinstance(section, dict):
            return []
        lines = [self.heading(level, section), "", *self.body(section.get("body", []))]
        for child in _as_list(section.get("sections")):
            lines += self.section(child, level + 1)
        return lines

    def document(self, front: dict[str, Raw], body: dict[str, Raw], title_heading: bool) -> str:
        lines: list[str] = []
        if front or not title_heading:
            dumped = to_yaml(front, width=4096).rstrip("\n") if front else ""
            lines += ["---", dumped, "---", ""]
        if title_heading:
            lines += [f"# {md_text(body.pop('title'))}", ""]
        if body.get("summary"):
            lines += ["## Summary {kind=summary}", "", *self.body(body["summary"])]
        for section in _as_list(body.get("sections")):
            lines += self.section(section, 1)
        if body.get("recommendations"):
            lines += ["## Recommendations {kind=recommendations}", ""]
            lines += [*self.items(_as_list(body["recommendations"]), True, "", False), ""]
        for annex in _as_list(body.get("annexes")):
            if isinstance(annex, dict):
                lines += [f"## {md_text(annex.get('title', ''))} {{kind=annex}}", ""]
                lines += self.body(annex.get("body", []))
                for child in _as_list(annex.get("sections")):
                    lines += self.section(child, 2)
        lines = self.footnotes(lines)
        return "\n".join(lines).rstrip("\n") + "\n"

    def footnotes(self, lines: list[str]) -> list[str]:
        """Some inline notes of the body written as Markdown authors do: ``[^gN]`` in the
        text and ``[^gN]: text`` at the end (the reader puts them back inline)."""
        definitions: list[str] = []
        start = lines.index("---", 1) + 1 if lines[:1] == ["---"] else 0
        for i in range(start, len(lines)):
            for token in NOTES:
                note = token[2:-1]
                if note != note.strip() or not note or token not in lines[i]:
                    continue
                if self.rng.random() < 0.5:
                    name = f"g{len(definitions) + 1}"
                    lines[i] = lines[i].replace(token, f"[^{name}]", 1)
                    definitions.append(f"[^{name}]: {note}")
        return [*lines, "", *definitions] if definitions else lines


def _as_list(value: Raw) -> list[Raw]:
    """A list as written, or a wrong value (the validator's briefs) as one entry."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _is_number(value: Raw) -> bool:
    try:
        return math.isfinite(float(value)) and float(value) > 0
    except (TypeError, ValueError):
        return False


def to_markdown(raw: dict[str, Raw], seed: int, translations: bool) -> dict[str, str]:
    """The brief as Markdown files: ``{"brief.md": ..., "brief.az.md": ...}``.

    Front matter: every field but the body (summary, sections, recommendations,
    annexes). With ``translations``, each language the brief's texts have gets a file of
    its own with the same structure; otherwise the front matter keeps its language maps
    and the body is in the brief's ``lang``.
    """
    rng = random.Random(seed)
    base = raw.get("lang") if isinstance(raw.get("lang"), str) else "en"
    assert isinstance(base, str)
    others = [code for code in languages_of(raw) if code != base][:3] if translations else []
    files: dict[str, str] = {}
    title_heading = isinstance(raw.get("title"), str) and not others and rng.random() < 0.3
    for lang in [base, *others]:
        resolved = resolve(raw, model.Brief, lang, base, texts_only=False)
        texts = resolve(raw, model.Brief, lang, base, texts_only=lang != base)
        if lang == base and not others:
            texts = raw  # the front matter keeps its language maps
        assert isinstance(resolved, dict) and isinstance(texts, dict)
        front = {k: v for k, v in texts.items() if k not in BODY_KEYS}
        body = {k: v for k, v in resolved.items() if k in BODY_KEYS}
        if title_heading:
            body["title"] = front.pop("title")
        name = "brief.md" if lang == base else f"brief.{lang}.md"
        files[name] = _MarkdownWriter(rng).document(front, body, title_heading)
    return files


# -- whole test cases -------------------------------------------------------------------

FORMS = ("yaml", "yaml-by-hand", "markdown", "markdown-translations")
ENDINGS = ("\n", "\n", "\n", "\r\n", "\r")


@dataclass
class Case:
    """A brief written out as files, and how to render it."""

    files: dict[str, bytes]
    main: str  # the file to pass to briefing
    form: str
    ending: str
    args: list[str]
    raw: Raw
    poisoned: str | None = None  # the character put into a text, if any
    poisoned_at: tuple[str | int, ...] | None = None
    repaired: bool = False
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return (
            f"form={self.form} ending={self.ending!r} args={self.args} "
            f"repaired={self.repaired} poisoned={self.poisoned!r} at {self.poisoned_at} "
            + " ".join(self.notes)
        )


def encode(text: str) -> bytes:
    """UTF-8; a lone surrogate is written as its (invalid) bytes, as a broken editor would."""
    return text.encode("utf-8", "surrogatepass")


def write_case(raw: dict[str, Raw], form: str, ending: str, seed: int) -> dict[str, bytes]:
    if form == "yaml":
        rng = random.Random(seed)
        text = to_yaml(raw, flow=rng.choice((None, False, False, True)),
                       width=rng.choice((80, 40, 4096)))  # fmt: skip
        return {"brief.yaml": encode(line_endings(text, ending))}
    if form == "yaml-by-hand":
        return {"brief.yaml": encode(line_endings(to_yaml_by_hand(raw, seed), ending))}
    files = to_markdown(raw, seed, translations=form == "markdown-translations")
    return {name: encode(line_endings(text, ending)) for name, text in files.items()}


@st.composite
def render_cases(draw: st.DrawFn, builder: Builder | None = None) -> Case:
    """A whole brief, written in one of the forms, with the render arguments."""
    valid = draw(weighted((6, st.just(True)), (1, st.just(False))), label="repaired")
    builder = builder or (_valid_builder() if valid else _wild_builder())
    raw = draw(builder.brief(), label="brief")
    if valid:
        repair(raw)
    poisoned: str | None = None
    at: tuple[str | int, ...] | None = None
    kind = draw(st.sampled_from(("none",) * 6 + ("forbidden", "unshowable")), label="poison")
    if kind != "none":
        char = draw(st.sampled_from(FORBIDDEN if kind == "forbidden" else UNSHOWABLE))
        where = draw(st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)))
        at = poison(raw, where[0], char, where[1])
        poisoned = char if at is not None else None
    stretched: tuple[str | int, ...] | None = None
    if draw(st.integers(0, 3), label="stretch") == 0:  # one text made long, in any field
        kind, size = draw(st.sampled_from(LONG))
        where = draw(st.tuples(st.integers(0, 10_000), st.integers(0, 2**16)))
        stretched = change_text(raw, where[0], lambda _: long_text(kind, size, where[1]))
        if stretched is not None and stretched == at:  # the long text replaced the poisoned one
            poisoned, at = None, None
    form = draw(st.sampled_from(FORMS), label="form")
    ending = draw(st.sampled_from(ENDINGS), label="line endings")
    seed = draw(st.integers(0, 2**16), label="style seed")
    files = write_case(raw, form, ending, seed)
    main = "brief.yaml" if "brief.yaml" in files else "brief.md"
    langs = draw(st.sampled_from((["-l", "all"],) * 4 + (["-l", "az,ru,en"], [])))
    flags = [
        flag
        for flag, weight in (("--toc", 3), ("--strict", 6), ("--no-embed-fonts", 3))
        if draw(st.integers(0, weight - 1), label=flag) == 0
    ]
    args = [*langs, "-f", "all", *flags]
    notes = [f"long text at {stretched}"] if stretched else []
    return Case(files, main, form, ending, args, raw, poisoned, at, valid, notes)


@cache
def _valid_builder() -> Builder:
    return Builder(Options())


@cache
def _wild_builder() -> Builder:
    return Builder(Options(wild=True))


# -- malformed input for the validator --------------------------------------------------

MARKDOWN_SNIPPETS = (
    "## Background {kind=background}", "## Anything {kind=nonsense}", "# Title", "#### Deep",
    "##### Deeper", "### Orphan", "## Summary {kind=summary}", "## R {kind=recommendations}",
    "## A {kind=annex}", "- a", "  - b", "    - c", "      - d", "1. one", "   1. nested",
    "* star", "| a | b |", "|---|---|", "|--|------|", "| 1 |", "| 1 | 2 | 3 |", "Table: cap",
    "> quote", "> — Author", "> [!NOTE]", "> [!WARNING] x", ">> nested quote", "```", "~~~",
    "    indented code", "<div>html</div>", "---", "***", "text **bold**", "[x](javascript:1)",
    "[ref]: https://example.org", "Setext", "===", "", "", "", "\t- tab", "-", "1.", "> - list",
    "- > quote in list", "- | a |", "2026. year", "\\", "---\ntitle: x\n---",
)  # fmt: skip


@st.composite
def malformed_cases(draw: st.DrawFn) -> Case:
    """Generated briefs with wrong types, unknown keys, deep nesting and broken syntax."""
    raw: Raw = draw(_wild_builder().brief(), label="brief")
    for _ in range(draw(st.integers(0, 3), label="mutations")):
        raw = draw(_mutate(raw))
    form = draw(st.sampled_from(("yaml", "yaml", "yaml-by-hand", "markdown", "markdown-fuzz")))
    ending = draw(st.sampled_from(ENDINGS))
    seed = draw(st.integers(0, 2**16))
    files: dict[str, bytes]
    if form == "markdown-fuzz":
        front = to_yaml(raw, width=4096) if isinstance(raw, dict) and draw(st.booleans()) else ""
        lines = draw(st.lists(st.sampled_from(MARKDOWN_SNIPPETS), max_size=30))
        text = (f"---\n{front}---\n" if front else "") + "\n".join(lines) + "\n"
        files = {"brief.md": encode(line_endings(text, ending))}
        if draw(st.booleans()):
            other = draw(st.lists(st.sampled_from(MARKDOWN_SNIPPETS), max_size=30))
            files["brief.az.md"] = encode("\n".join(other) + "\n")
    elif form == "markdown" and isinstance(raw, dict):
        files = write_case(raw, "markdown-translations", ending, seed)
        files = {k: _drop_line(v, seed + i) for i, (k, v) in enumerate(files.items())}
    else:
        files = write_case(raw, "yaml" if form == "markdown" else form, ending, seed)
    if draw(st.integers(0, 5)) == 0:  # break the syntax somewhere
        name = next(iter(files))
        snippet = draw(st.sampled_from(
            (b":", b"\t", b"&a *a", b"!!python/object:os.system", b"%TAG", b"{", b"- [",
             b"\xff", b"\xef\xbb\xbf", b"\x00", b"'", b'"', b"\n  - ", b"<<: *x", b"? x")
        ))  # fmt: skip
        data = files[name]
        cut = draw(st.integers(0, len(data)))
        files[name] = data[:cut] + snippet + data[cut:]
    main = "brief.yaml" if "brief.yaml" in files else "brief.md"
    langs = draw(st.sampled_from(([], ["-l", "all"], ["-l", "az"])))
    strict = draw(st.sampled_from(([], ["--strict"])))
    return Case(files, main, form, ending, [*langs, *strict], raw)


def _drop_line(data: bytes, seed: int) -> bytes:
    rng = random.Random(seed)
    lines = data.split(b"\n")
    if len(lines) > 3 and rng.random() < 0.5:
        del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def _paths(raw: Raw, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(raw, dict):
        for k, v in raw.items():
            yield from _paths(v, (*path, k))
    elif isinstance(raw, list):
        for i, v in enumerate(raw):
            yield from _paths(v, (*path, i))


def _deep(depth: int, leaf: Raw) -> Raw:
    out = leaf
    for i in range(depth):
        out = [out] if i % 2 else {"sections": out}
    return out


@st.composite
def _mutate(draw: st.DrawFn, raw: Raw) -> Raw:
    paths = list(_paths(raw))
    path = paths[draw(st.integers(0, len(paths) - 1))]
    op = draw(st.sampled_from(("replace", "unknown key", "delete", "deep", "top")))
    if op == "top":
        return draw(st.sampled_from(([], "a string", None, [raw], 42)))
    value: Raw = None
    if op == "replace":
        value = draw(_wild_builder().junk)
    elif op == "deep":
        value = _deep(draw(st.sampled_from((10, 63, 64, 65, 70, 200))), "x")
    if not path:
        return value if op in ("replace", "deep") else raw
    parent = raw
    for key in path[:-1]:
        parent = parent[key]
    if op == "unknown key" and isinstance(parent, dict):
        parent[draw(st.sampled_from(("colour", "Title", "bulets", "kind", "1")))] = "x"
    elif op == "delete" and isinstance(parent, dict | list):
        del parent[path[-1]]
    elif op in ("replace", "deep"):
        parent[path[-1]] = value
    return raw


def big_cases() -> SearchStrategy[Case]:
    """Briefs with lists and texts at and just over the limits, for the validator."""
    return malformed_cases_from(Builder(Options(big=True)))


def malformed_cases_from(builder: Builder) -> SearchStrategy[Case]:
    def make(raw: dict[str, Raw]) -> Case:
        repair(raw)
        return Case({"brief.yaml": encode(to_yaml(raw, width=4096))}, "brief.yaml", "yaml",
                    "\n", [], raw)  # fmt: skip

    return builder.brief().map(make)


# -- SVG documents with hostile numbers -----------------------------------------------------
# A figure's or a logo's SVG states its own size and coordinates; each is a number its
# author chose. These documents mix ordinary values with the ones that broke renderers:
# nan, inf, 1e308, negative, zero, tiny, huge, and sizes far from square.

_ODD_NUMBERS = ("nan", "inf", "-inf", "1e308", "-1e308", "1e-300", "0", "-0", "-5", "1e12")


def svg_numbers() -> SearchStrategy[str]:
    """One number as an SVG attribute holds it: ordinary, hostile, or with a unit."""
    ordinary = st.floats(0.5, 2000, allow_nan=False).map(lambda v: f"{v:.6g}")
    unit = st.sampled_from(("", "", "px", "pt", "mm", "in", "%"))
    return st.one_of(
        ordinary,
        st.sampled_from(_ODD_NUMBERS),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.tuples(ordinary, unit).map("".join),
    )


@st.composite
def svg_documents(draw: st.DrawFn) -> bytes:
    """An SVG file: the root's width, height and viewBox (each may be absent), then a
    few shapes whose coordinates and transforms come from svg_numbers()."""
    n = svg_numbers()
    attrs = {"xmlns": "http://www.w3.org/2000/svg"}
    for key in ("width", "height"):
        if draw(st.booleans()):
            attrs[key] = draw(n)
    if draw(st.booleans()):
        attrs["viewBox"] = " ".join(draw(st.lists(n, min_size=3, max_size=5)))
    shapes = {
        "rect": ("x", "y", "width", "height"),
        "circle": ("cx", "cy", "r"),
        "line": ("x1", "y1", "x2", "y2"),
    }
    body = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from((*shapes, "path", "polyline", "g")))
        if kind == "path":  # commands with too few or too many numbers, as typed by hand
            ops = st.sampled_from(("L", "l", "H", "v", "C", "s", "Q", "t", "A", "z", "M", ","))
            d = " ".join(draw(st.lists(n | ops, min_size=2, max_size=8)))
            fill = draw(st.sampled_from(("#336", "blurple", "url(#none)", "rgb(1,2)", "")))
            body.append(f'<path d="M {d} Z" fill="{fill}"/>')
        elif kind == "polyline":
            body.append(f'<polyline points="{" ".join(draw(st.lists(n, max_size=6)))}"/>')
        elif kind == "g":
            scale = draw(n)
            body.append(f'<g transform="scale({scale})"><rect width="10" height="10"/></g>')
        else:
            values = " ".join(f'{k}="{draw(n)}"' for k in shapes[kind])
            body.append(f'<{kind} {values} fill="#a33"/>')
    head = " ".join(f'{k}="{v}"' for k, v in attrs.items())
    return f"<svg {head}>{''.join(body)}</svg>".encode()
