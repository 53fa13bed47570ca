"""The Python API's arguments checked where they come in: a wrong type is a TypeError
naming the function and the argument, as Python's own functions say it.

Unchecked, a list given as a language failed deep inside with "'list' object has no
attribute 'strip'", bytes given as a brief's text with "'bytes' object has no attribute
'encode'", a language given as a plain string to ``languages`` was read letter by
letter, and a dict given as ``limits`` or ``options`` was taken silently. These are the
caller's mistakes in code, not the user's in a brief: TypeError, not BriefError.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def _fail(func: str, name: str, wanted: str, value: object) -> TypeError:
    return TypeError(f"{func}(): {name} must be {wanted}, not {type(value).__name__}")


def text(value: object, func: str, name: str) -> str:
    if not isinstance(value, str):
        raise _fail(func, name, "a str", value)
    return value


def optional_text(value: object, func: str, name: str) -> str | None:
    return None if value is None else text(value, func, name)


def path(value: object, func: str, name: str) -> Path:
    """A str or a path-like object naming a file (not bytes: positions print it)."""
    if isinstance(value, str | Path):
        return Path(value)
    if isinstance(value, os.PathLike):
        found = os.fspath(value)
        if isinstance(found, str):
            return Path(found)
    raise _fail(func, name, "a str or a path", value)


def optional_path(value: object, func: str, name: str) -> Path | None:
    return None if value is None else path(value, func, name)


def instance(value: object, cls: type[T], func: str, name: str) -> T:
    if not isinstance(value, cls):
        raise _fail(func, name, f"a {cls.__name__}", value)
    return value


def optional(value: object, cls: type[T], func: str, name: str) -> T | None:
    return None if value is None else instance(value, cls, func, name)


def flag(value: object, func: str, name: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(func, name, "True or False", value)
    return value


def texts(value: object, func: str, name: str) -> list[str]:
    """An iterable of str, not a str itself (which would be read letter by letter)."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise _fail(func, name, "a list of str", value)
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise _fail(func, f"each of {name}", "a str", item)
    return items


def text_map(value: object, func: str, name: str) -> dict[str, str] | None:
    """None, or a mapping of str to str."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise _fail(func, name, "a dict of str to str", value)
    out: dict[str, str] = {}
    for key, item in value.items():
        out[text(key, func, f"a key of {name}")] = text(item, func, f"{name}[{key!r}]")
    return out


def any_of(value: Any, kinds: tuple[type, ...], func: str, name: str, wanted: str) -> Any:
    if not isinstance(value, kinds):
        raise _fail(func, name, wanted, value)
    return value
