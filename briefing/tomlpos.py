"""Line and column of the keys and tables of a TOML text, for error messages.

A theme error should say where to look (``theme.toml:14:1``), but tomllib, the
standard library's parser, returns plain values. No maintained TOML library exposes
source positions either: tomlkit keeps formatting but not line numbers (its issue #55
has asked for them since 2019), and the add-ons that compute them are young and not
worth a runtime dependency. So this module is a small, hand-written *locator*: it does
not parse values, it only finds where each key and table header starts, in a text that
tomllib has already accepted (so it can be forgiving; on anything it does not expect it
stops and returns what it has found, and a lookup falls back to the nearest enclosing
table).

What it understands: comments, ``[table]`` headers (``[[array.of.tables]]`` headers
are located like tables), dotted and quoted keys, basic, literal and multi-line
strings, arrays that span lines, and inline tables ``{ a = 1 }`` (whose keys are
located too).
"""

from __future__ import annotations

import contextlib
import tomllib

KeyPath = tuple[str, ...]
Spot = tuple[int, int]  # (line, column), both 1-based

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_END = frozenset(",]}#\n")


class _Stop(Exception):
    """The text is not what the locator expects; keep what was found so far."""


class _Locator:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 1
        self.line_start = 0
        self.found: dict[KeyPath, Spot] = {}

    # -- moving through the text ---------------------------------------------------

    def spot(self) -> Spot:
        return (self.line, self.i - self.line_start + 1)

    def peek(self, n: int = 1) -> str:
        return self.text[self.i : self.i + n]

    def advance(self, n: int = 1) -> None:
        end = min(self.i + n, len(self.text))
        while self.i < end:
            if self.text[self.i] == "\n":
                self.line += 1
                self.line_start = self.i + 1
            self.i += 1

    def skip_blank(self, newlines: bool) -> None:
        """Spaces and tabs (and line breaks and comments, if ``newlines``)."""
        while self.i < len(self.text):
            c = self.text[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.advance()
            elif newlines and c == "#":
                self.skip_to_line_end()
            else:
                return

    def skip_to_line_end(self) -> None:
        end = self.text.find("\n", self.i)
        self.advance((end if end >= 0 else len(self.text)) - self.i)

    def expect(self, token: str) -> None:
        if self.peek(len(token)) != token:
            raise _Stop
        self.advance(len(token))

    # -- the grammar, as far as positions need it -----------------------------------

    def record(self, path: KeyPath, spot: Spot) -> None:
        for n in range(1, len(path) + 1):  # a dotted key also locates its prefixes
            self.found.setdefault(path[:n], spot)

    def document(self) -> None:
        table: KeyPath = ()
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.text):
                return
            spot = self.spot()
            if self.peek() == "[":
                double = self.peek(2) == "[["
                self.advance(2 if double else 1)
                table = self.key()
                self.skip_blank(newlines=False)
                self.expect("]]" if double else "]")
                self.record(table, spot)
            else:
                path = table + self.key()
                self.record(path, spot)
                self.assignment_value(path)

    def assignment_value(self, path: KeyPath | None) -> None:
        self.skip_blank(newlines=False)
        self.expect("=")
        self.skip_blank(newlines=False)
        self.value(path)

    def key(self) -> KeyPath:
        """A dotted key: bare or quoted parts separated by dots."""
        parts: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            c = self.peek()
            if c in ('"', "'"):
                start = self.i
                self.string()
                parts.append(_unquote(self.text[start : self.i]))
            else:
                start = self.i
                while self.i < len(self.text) and self.text[self.i] in _BARE:
                    self.advance()
                if self.i == start:
                    raise _Stop
                parts.append(self.text[start : self.i])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.advance()

    def value(self, path: KeyPath | None) -> None:
        c = self.peek()
        if c in ('"', "'"):
            self.string()
        elif c == "[":
            self.array()
        elif c == "{":
            self.inline_table(path)
        else:  # number, boolean, date: up to a delimiter (a date may hold a space)
            while self.i < len(self.text) and self.text[self.i] not in _SCALAR_END:
                self.advance()

    def string(self) -> None:
        quote = self.peek()
        if self.peek(3) == quote * 3:
            self.advance(3)
            end = self._find_close(quote * 3, escapes=quote == '"')
            self.advance(end + 3 - self.i)
            while self.peek() == quote:  # up to two quotes may end the content
                self.advance()
            return
        self.advance()
        end = self._find_close(quote, escapes=quote == '"')
        self.advance(end + 1 - self.i)

    def _find_close(self, delimiter: str, escapes: bool) -> int:
        """Index of the closing ``delimiter`` (basic strings skip backslash escapes)."""
        if escapes:
            j = self._next_unescaped(delimiter, self.i)
        else:
            j = self.text.find(delimiter, self.i)
        if j < 0:
            raise _Stop
        return j

    def _next_unescaped(self, delimiter: str, j: int) -> int:
        while j < len(self.text):
            if self.text[j] == "\\":
                j += 2
            elif self.text.startswith(delimiter, j):
                return j
            else:
                j += 1
        return -1

    def array(self) -> None:
        self.expect("[")
        while True:
            self.skip_blank(newlines=True)
            if self.peek() == "]":
                self.advance()
                return
            self.value(None)  # keys inside arrays of inline tables are not located
            self.skip_blank(newlines=True)
            if self.peek() == ",":
                self.advance()

    def inline_table(self, path: KeyPath | None) -> None:
        self.expect("{")
        while True:
            self.skip_blank(newlines=False)
            if self.peek() == "}":
                self.advance()
                return
            spot = self.spot()
            inner = self.key()
            if path is not None:
                self.record(path + inner, spot)
            self.assignment_value(path + inner if path is not None else None)
            self.skip_blank(newlines=False)
            if self.peek() == ",":
                self.advance()


def _unquote(raw: str) -> str:
    """The text of a quoted key, with TOML's escapes (rare in keys: tomllib decodes)."""
    if raw.startswith("'") or "\\" not in raw:
        return raw[1:-1]
    value = tomllib.loads(f"k = {raw}")["k"]
    return value if isinstance(value, str) else raw[1:-1]


def locate(text: str) -> dict[KeyPath, Spot]:
    """Where each table header and key starts, by its full dotted path.

    A key's position is where the key is written (the start of its line for
    ``key = value``, the key inside ``{ ... }`` for an inline table). The first
    occurrence wins.
    """
    locator = _Locator(text)
    with contextlib.suppress(_Stop, IndexError, tomllib.TOMLDecodeError):
        locator.document()  # positions are a courtesy: on a surprise, keep what was found
    return locator.found


def nearest(found: dict[KeyPath, Spot], path: KeyPath) -> Spot:
    """The position of ``path``, else of its nearest enclosing key or table, else 1:1."""
    for n in range(len(path), 0, -1):
        spot = found.get(path[:n])
        if spot is not None:
            return spot
    return (1, 1)
