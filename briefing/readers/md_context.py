"""What the Markdown reader knows while it reads: positions, problems, ```brief blocks.

markdown-it gives each block token the body lines it spans; the brief needs the file's
line and column of every value. Origin maps a place in the parsed body back to the file
(through the front matter's lines and any HTML comments cut out, see md_comments), and
Context turns a token into that Position, records positions and problems, and reads a
```brief fenced block with the YAML reader, moving its positions into the Markdown
file. Separate from the block reader (md_blocks) because every part of the Markdown
reader needs it and none of it is about which Markdown means which block.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markdown_it.token import Token

from briefing.errors import BriefError, KeyPath, Position, Problem
from briefing.limits import Limits

if TYPE_CHECKING:
    from briefing.readers.md_notes import Notes
from briefing.readers.yaml_source import Budget, load_yaml


class Origin:
    """Where a place in the parsed body was in the file: (line, column), both 1-based.

    The body markdown-it parses starts ``offset`` lines into the file (after the front
    matter) and may have lost HTML comments. Without comments a body line is a file
    line; with them, the kept pieces of the body are recorded (where each starts in the
    parsed text and in the original body) and a place is mapped back through them.
    """

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.pieces: tuple[list[int], list[int], list[int], list[int]] | None = None

    def record(self, original: str, kept: str, parsed: list[int], source: list[int]) -> None:
        """``kept`` was made of ``original`` pieces starting at ``source``/``parsed``."""
        self.pieces = (_line_starts(kept), parsed, source, _line_starts(original))

    def at(self, line: int, col: int) -> tuple[int, int]:
        """The file's 1-based (line, column) of 0-based ``line``/``col`` of the body."""
        if self.pieces is None:
            return line + self.offset + 1, col + 1
        kept_starts, parsed, source, original_starts = self.pieces
        line = min(line, len(kept_starts) - 1)
        index = kept_starts[line] + col
        piece = bisect_right(parsed, index) - 1
        index = source[piece] + index - parsed[piece]
        original_line = bisect_right(original_starts, index) - 1
        return original_line + self.offset + 1, index - original_starts[original_line] + 1


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


@dataclass
class Context:
    file: str
    lines: list[str]  # the parsed body's lines (split on \n only, as markdown-it does)
    origin: Origin
    positions: dict[KeyPath, Position]
    key_positions: dict[KeyPath, Position]
    problems: list[Problem]
    limits: Limits
    budget: Budget = field(default_factory=Budget)
    notes: Notes | None = None  # the footnote definitions, once there is one (md_notes)

    def pos(self, token: Token, value: str = "") -> Position:
        """Where ``token`` starts; ``value``: where that text starts on its first line.

        A block token (a list, a table row, a heading, a fence) is at its line's first
        character that is not indentation. An inline token (a paragraph's or heading's
        text) is where its source text starts: markdown-it's ``content`` is the source
        with the line's prefix (indentation, ``>``, ``-``) removed, so it ends the
        line. ``value`` is for a value that follows a marker on that line (``Table:``,
        ``—``, ``[!NOTE]``); it is found within the text, not in the whole line, so a
        word that also occurs in the marker or earlier cells cannot be picked instead.
        """
        line = token.map[0] if token.map else 0
        col = 0
        if line < len(self.lines):
            src = self.lines[line]
            col = len(src) - len(src.lstrip(" \t"))
            first = token.content.split("\n", 1)[0].strip(" \t") if token.type == "inline" else ""
            if first:
                end = src.rstrip(" \t")
                start = len(end) - len(first) if end.endswith(first) else src.find(first)
                if start >= 0:
                    col = start
                    found = first.find(value[:20]) if value else -1
                    col += max(found, 0)
        return Position(self.file, *self.origin.at(line, col))

    def at(self, path: KeyPath, token: Token, value: str = "") -> None:
        self.positions.setdefault(path, self.pos(token, value))

    def error(self, token: Token, message: str) -> None:
        self.problems.append(Problem(message, self.pos(token)))

    def brief_block(self, token: Token, path: KeyPath) -> dict[str, Any] | None:
        """A ```brief fenced block: its YAML is one block of the brief, at ``path``.

        Read by the YAML reader, counting against the brief's values and depth limits;
        every position it reports (values, keys, problems) is moved to the Markdown
        file: YAML line 1 is the line after the opening fence, columns shift by the
        fence's indentation (which markdown-it removed from the content).
        """
        self.at(path, token)
        if not token.content.strip():
            self.error(token, "an empty ```brief block: write one block in it as YAML (note: ...)")
            return None
        try:
            source = load_yaml(
                token.content, self.file, self.limits, budget=self.budget, depth=len(path)
            )
        except BriefError as exc:
            moved = [
                Problem(p.message, self._moved(token, p.position), p.field, p.severity)
                for p in exc.problems
            ]
            if self.budget.values > self.limits.values:  # every later block would fail too
                raise BriefError(moved) from None
            self.problems.extend(moved)
            return None
        if not isinstance(source.data, dict):
            self.error(
                token,
                "a ```brief block holds one block of the brief as a YAML map "
                "(note: ..., table: ...)",
            )
            return None
        for sub, where in source.positions.items():
            self.positions.setdefault((*path, *sub), self._moved(token, where))
        for sub, where in source.key_positions.items():
            self.key_positions[(*path, *sub)] = self._moved(token, where)
        return source.data

    def _moved(self, fence: Token, where: Position | None) -> Position:
        """A position in a fenced block's content -> its position in the file."""
        if where is None or fence.map is None:
            return self.pos(fence)
        opener = self.lines[fence.map[0]]
        indent = len(opener) - len(opener.lstrip(" "))
        return Position(
            self.file, *self.origin.at(fence.map[0] + where.line, where.col - 1 + indent)
        )
