"""Markdown footnotes: ``[^name]`` in the text, ``[^name]: text`` defined anywhere in
the body, each made the brief's own inline note ``^[text]`` where it is referenced.

So a Markdown brief reads exactly as the YAML brief with inline notes would, and the
rest of the toolkit (decode, merge of per-language files, localize, XLIFF) knows only
the inline form. Each language file defines its own notes: a translation's text holds
its own note text, and a note present in one language and not in another shows as a
text whose footnotes differ (localize reports it like a missing translation).

A definition is a paragraph line starting ``[^name]:`` (as pandoc and GitHub write
them); the lines after it, up to the next definition or the paragraph's end, continue
it. The name is anything up to ``]`` without spaces. ``\\[^name]`` stays literal text.

Problems: a reference to a name no definition has, a name defined twice and a note
inside a note are errors; a definition never referenced is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from briefing.errors import KeyPath, Position, Problem
from briefing.inline import escaped, match_brackets

DEFINITION = re.compile(r"\[\^([^\]\s]+)\]:[ \t]*")
_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!\()")
_BRACKET = re.compile(r"[\[\]]")


@dataclass
class Definition:
    text: str
    position: Position
    used: bool = False


@dataclass
class Notes:
    """The definitions of one Markdown file, and the problems found with them."""

    definitions: dict[str, Definition] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def define(self, name: str, text: str, where: Position) -> None:
        first = self.definitions.get(name)
        if first is not None:
            self.problems.append(
                Problem(
                    f"the footnote [^{name}] is defined twice (first at line "
                    f"{first.position.line}): give each note its own name",
                    where,
                )
            )
            return
        if _REFERENCE.search(text) is not None and _unescaped(text):
            self.problems.append(
                Problem(
                    f"the footnote [^{name}] refers to another footnote: a note cannot hold a note",
                    where,
                )
            )
            return
        self.definitions[name] = Definition(_balanced(text.strip()), where)


def is_definition(text: str) -> bool:
    return DEFINITION.match(text) is not None


def split_definitions(lines: list[str]) -> list[tuple[str, str, int]]:
    """(name, text, index of its first line) of each definition in a paragraph's lines
    (the paragraph starts with one; a line that starts none continues the last)."""
    out: list[tuple[str, str, int]] = []
    for i, line in enumerate(lines):
        found = DEFINITION.match(line)
        if found is not None:
            out.append((found.group(1), line[found.end() :], i))
        elif out:
            name, text, at = out[-1]
            out[-1] = (name, f"{text} {line}", at)
    return out


def _unescaped(text: str) -> bool:
    """Whether some ``[^name]`` in ``text`` is not after a backslash."""
    return any(not escaped(text, m.start()) for m in _REFERENCE.finditer(text))


def _balanced(text: str) -> str:
    """``text`` with each bracket that has no partner escaped, so ``^[text]`` ends at
    the note's own end ("see [1" must not swallow the sentence after the mark). The
    partners are the inline parser's own (inline.match_brackets)."""
    pairs = match_brackets(text)
    paired = {*pairs, *pairs.values()}
    lone = [
        m.start()
        for m in _BRACKET.finditer(text)
        if m.start() not in paired and not escaped(text, m.start())
    ]
    if not lone:
        return text
    out, at = [], 0
    for i in lone:
        out += [text[at:i], "\\"]
        at = i
    return "".join(out) + text[at:]


Where = Callable[[KeyPath], Position]
"""The position of the value at a path (Source.position)."""


def substitute(data: Any, notes: Notes, position: Where, path: KeyPath = ()) -> Any:
    """``data`` with each ``[^name]`` in its strings replaced by ``^[text]``; a name
    never defined is an error at the text's position (``position(path)``)."""
    if isinstance(data, str):
        if "[^" not in data:
            return data
        return _replace(data, notes, position, path)
    if isinstance(data, list):
        return [substitute(v, notes, position, (*path, i)) for i, v in enumerate(data)]
    if isinstance(data, dict):
        return {k: substitute(v, notes, position, (*path, k)) for k, v in data.items()}
    return data


def _replace(text: str, notes: Notes, position: Where, path: KeyPath) -> str:
    out: list[str] = []
    at = 0
    for m in _REFERENCE.finditer(text):
        if escaped(text, m.start()):
            continue
        name = m.group(1)
        found = notes.definitions.get(name)
        if found is None:
            notes.problems.append(
                Problem(
                    f"the footnote [^{name}] is referenced here but never defined: add a "
                    f"line [^{name}]: with its text (or write \\[^{name}] for the brackets)",
                    position(path),
                )
            )
            continue
        found.used = True
        out += [text[at : m.start()], "^[", found.text, "]"]
        at = m.end()
    return "".join(out) + text[at:] if out else text


def unused(notes: Notes) -> list[Problem]:
    """A warning for each note defined and never referenced: it would print nowhere."""
    return [
        Problem(
            f"the footnote [^{name}] is defined but never referenced: it is not printed",
            d.position,
            severity="warning",
        )
        for name, d in notes.definitions.items()
        if not d.used
    ]
