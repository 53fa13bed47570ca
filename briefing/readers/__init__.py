"""Readers: source text (YAML or Markdown) -> plain data plus positions.

Each reader returns a :class:`Source`: the data as plain dicts, lists and strings, and a
map from each value's path (a tuple of keys and indexes) to its line and column, so
validation can point at the exact place of every problem.

Text reaches the readers with ``\n`` line breaks only (:func:`normalize_newlines`): a
file saved on Windows (CRLF) or an old Mac (CR) reads exactly as the same file with LF,
and its lines are the lines an editor shows, because an editor counts CRLF as one break
and CR alone as one. The readers then split lines with ``split("\n")`` only, never
``str.splitlines()``, which also breaks at U+2028, U+2029, U+0085 and form feeds:
CommonMark does not, so the line numbers would drift from the parser's.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import BriefError, KeyPath, Position, Problem
from briefing.limits import Limits, hint


@dataclass
class Source:
    file: str
    data: Any
    positions: dict[KeyPath, Position] = field(default_factory=dict)
    key_positions: dict[KeyPath, Position] = field(default_factory=dict)
    # Problems the reader found but could read past; validation reports them with its own.
    problems: list[Problem] = field(default_factory=list)
    # What is usable but likely a mistake (a footnote defined and never referenced).
    warnings: list[Problem] = field(default_factory=list)

    def position(self, path: KeyPath) -> Position:
        """The position of the value at ``path``, or of its nearest known parent."""
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), Position(self.file, 1, 1))

    def key_position(self, path: KeyPath) -> Position:
        """Where the key of ``path`` is written (for unknown or duplicate keys)."""
        return self.key_positions.get(tuple(path)) or self.position(path)


def normalize_newlines(text: str) -> str:
    """``text`` with CRLF and lone CR turned into LF, and a leading BOM dropped.

    Done once where text enters a reader, so that no pattern, line count or parser
    downstream needs to know about ``\r``: a front matter closed by ``---\r`` was
    invisible to the Markdown reader. Line numbers stay the editor's: CRLF and CR each
    end one line, as LF does. A file with no CR costs one scan of the text.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: Path, limits: Limits | None = None) -> str:
    """The file as text with ``\n`` line breaks: UTF-8 (a BOM is allowed), or an error.

    The error for bytes that are not UTF-8 names the line and column an editor shows
    (CRLF and CR count as one line break; the column counts characters, not bytes).
    """
    limits = limits or Limits()
    name = str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise BriefError(Problem("is a folder, not a brief file", Position(name, 1, 1)))
        if not stat.S_ISREG(mode):  # a pipe or device would block or never end
            raise BriefError(Problem("not a regular file", Position(name, 1, 1)))
        size = path.stat().st_size
        if size > limits.input_bytes:
            needed = -(-size // (1024 * 1024))
            raise BriefError(
                Problem(
                    f"the file is {size:,} bytes, over the input limit of "
                    f"{limits.input_mb:g} MB; {hint('input_mb', needed)}",
                    Position(name, 1, 1),
                )
            )
        with path.open("rb") as fh:  # read no more than the limit, whatever stat said
            raw = fh.read(limits.input_bytes + 1)
        if len(raw) > limits.input_bytes:
            raise BriefError(
                Problem(
                    f"the file is over the input limit of {limits.input_mb:g} MB; "
                    f"{hint('input_mb')}",
                    Position(name, 1, 1),
                )
            )
    except FileNotFoundError:
        raise BriefError(f"{name}: no such file") from None
    except PermissionError:
        raise BriefError(f"{name}: cannot read: permission denied") from None
    except IsADirectoryError:
        raise BriefError(f"{name}: is a folder, not a brief file") from None
    except OSError as exc:
        raise BriefError(f"{name}: cannot read: {exc.strerror}") from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """``raw`` as text with ``\n`` line breaks: UTF-8 (a BOM is allowed), or an error at
    the line and column of the first byte that is not (for a file or an HTTP body)."""
    try:
        return normalize_newlines(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        # utf-8-sig counts from after the BOM. Everything before the bad byte decoded,
        # so it can be counted as text: lines as an editor shows them, columns in
        # characters.
        start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        before = normalize_newlines(raw[:start].decode("utf-8-sig", "replace"))
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        raise BriefError(
            Problem(
                f"not UTF-8 text (byte 0x{raw[start]:02x}); save the file as UTF-8",
                Position(name, line, col),
            )
        ) from None


def load_source(path: Path, limits: Limits | None = None) -> Source:
    """Read a brief file into plain data with positions, by its extension."""
    limits = limits or Limits()
    suffix = path.suffix.lower()
    try:
        folder = path.is_dir()
    except OSError as exc:  # a name too long for the file system, say
        raise BriefError(f"{path}: cannot read: {exc.strerror}") from None
    if folder:
        raise BriefError(Problem("is a folder, not a brief file", Position(str(path), 1, 1)))
    if suffix in (".yaml", ".yml"):
        from briefing.readers.yaml_source import load_yaml

        return load_yaml(read_text(path, limits), str(path), limits)
    if suffix in (".md", ".markdown"):
        from briefing.readers.translations import load_markdown_brief

        return load_markdown_brief(path, limits)
    raise BriefError(
        Problem(
            f"unknown brief type {suffix!r}: use .yaml, .yml, .md or .markdown",
            Position(str(path), 1, 1),
        )
    )
