"""Readers: source text (YAML, later Markdown) -> plain data plus positions.

Each reader returns a :class:`Source`: the data as plain dicts, lists and strings, and a
map from each value's path (a tuple of keys and indexes) to its line and column, so
validation can point at the exact place of every problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import BriefError, Position, Problem
from briefing.limits import Limits, hint

KeyPath = tuple[str | int, ...]


@dataclass
class Source:
    file: str
    data: Any
    positions: dict[KeyPath, Position] = field(default_factory=dict)
    key_positions: dict[KeyPath, Position] = field(default_factory=dict)
    # Problems the reader found but could read past; validation reports them with its own.
    problems: list[Problem] = field(default_factory=list)

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


def read_text(path: Path, limits: Limits | None = None) -> str:
    """The file as text: UTF-8 (a BOM is allowed), or a positioned error."""
    limits = limits or Limits()
    name = str(path)
    if path.is_dir():
        raise BriefError(Problem("is a folder, not a brief file", Position(name, 1, 1)))
    if path.exists() and not path.is_file():  # a pipe or device would block or never end
        raise BriefError(Problem("not a regular file", Position(name, 1, 1)))
    try:
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
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise BriefError(
            Problem(
                f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                Position(name, line, col),
            )
        ) from None


def load_source(path: Path, limits: Limits | None = None) -> Source:
    """Read a brief file into plain data with positions, by its extension."""
    limits = limits or Limits()
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        from briefing.readers.yaml_source import load_yaml

        return load_yaml(read_text(path, limits), str(path), limits)
    if suffix in (".md", ".markdown"):
        from briefing.readers.translations import load_markdown_brief

        return load_markdown_brief(path, limits)
    raise BriefError(
        Problem(f"unknown brief type {suffix!r}: use .yaml, .yml or .md", Position(str(path), 1, 1))
    )
