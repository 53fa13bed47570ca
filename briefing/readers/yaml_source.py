"""YAML -> plain data with positions, safely.

The YAML is composed into nodes (PyYAML on libyaml: twenty times faster than a
pure-Python parser, which a 700-line brief would spend a tenth of a second in) and
converted by hand instead of being constructed by a YAML loader. That keeps every
line and column, and it is also the safety boundary: every scalar stays the string
the author typed (``2022`` is the text "2022", never an int; dates are parsed later
by the model), tags that would construct objects are refused, duplicate keys are
errors rather than silently overwritten, the merge key ``<<`` is refused by name
("unknown key '<<'" misled), and alias expansion is counted so a "billion laughs" file
stops early.

Positions are the editor's: YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029,
which no editor does, so in a text holding one of them a mark's line and column are
recomputed from its character index, counting ``\n`` only.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import MappingNode, Mark, MarkedYAMLError, Node, ScalarNode, SequenceNode, YAMLError
from yaml.reader import ReaderError

from briefing.errors import BriefError, KeyPath, Position, Problem
from briefing.limits import Limits, hint
from briefing.readers import Source, normalize_newlines

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to YAML 1.1, not to editors


@dataclass
class Budget:
    """Values built so far, shared by every YAML part of one brief.

    A Markdown brief holds YAML in its front matter and in each ```brief block; one
    budget for all of them keeps the values limit a limit on the brief, not on each part.
    """

    values: int = 0


class _Lines:
    """Mark -> editor position: the mark's own line and column unless YAML saw a
    line break that an editor does not (U+0085, U+2028, U+2029)."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] | None = None
        if any(ch in text for ch in _YAML_ONLY_BREAKS):
            self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def at(self, mark: Mark) -> tuple[int, int]:
        """1-based line and column of ``mark``."""
        if self.starts is None:
            return mark.line + 1, mark.column + 1
        line = bisect_right(self.starts, mark.index) - 1
        return line + 1, mark.index - self.starts[line] + 1


class _Builder:
    def __init__(self, file: str, limits: Limits, lines: _Lines, budget: Budget) -> None:
        self.file = file
        self.limits = limits
        self.lines = lines
        self.positions: dict[KeyPath, Position] = {}
        self.key_positions: dict[KeyPath, Position] = {}
        self.problems: list[Problem] = []
        self.budget = budget

    def pos(self, node: Node) -> Position:
        mark = node.start_mark
        if self.lines.starts is None:  # the usual case, inline: it runs for every node
            return Position(self.file, mark.line + 1, mark.column + 1)
        return Position(self.file, *self.lines.at(mark))

    def build(self, node: Node, path: KeyPath, depth: int = 0) -> Any:
        self.budget.values += 1
        if self.budget.values > self.limits.values:
            raise BriefError(
                Problem(
                    f"more than {self.limits.values:,} values after expanding YAML aliases "
                    f"(the values limit); {hint('values')}",
                    self.pos(node),
                )
            )
        if depth > self.limits.depth:
            raise BriefError(
                Problem(
                    f"nested more than {self.limits.depth} levels deep (the depth limit); "
                    f"{hint('depth')}",
                    self.pos(node),
                )
            )
        self.positions.setdefault(path, self.pos(node))
        tag = str(node.tag)
        if tag not in _ALLOWED_TAGS:
            self.problems.append(
                Problem(f"YAML tag {tag!r} is not allowed in a brief", self.pos(node))
            )
            return None
        if isinstance(node, ScalarNode):
            # ~, null, Null, NULL and an empty value mean "absent"; "null" quoted is text.
            # A plain scalar's style is None to PyYAML but "" to libyaml: test falsiness.
            if tag == _STD + "null" and not node.style:
                return None
            return str(node.value)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.problems.append(Problem("a key must be a plain name", self.pos(key_node)))
                    continue
                if key_node.tag == _STD + "merge":  # a plain <<: not a key to look up
                    self.problems.append(
                        Problem(
                            "the YAML merge key '<<' is not supported in a brief: "
                            "write the keys out (an anchor and *alias may stand for a value)",
                            self.pos(key_node),
                        )
                    )
                    continue
                key = str(key_node.value)
                if key in out:
                    first = self.key_positions[(*path, key)]
                    self.problems.append(
                        Problem(
                            f"duplicate key {key!r} (first at line {first.line})",
                            self.pos(key_node),
                        )
                    )
                    continue
                self.key_positions[(*path, key)] = self.pos(key_node)
                out[key] = self.build(value_node, (*path, key), depth + 1)
            return out
        raise AssertionError(f"unexpected YAML node {node!r}")


def load_yaml(
    text: str,
    file: str,
    limits: Limits | None = None,
    *,
    budget: Budget | None = None,
    depth: int = 0,
    loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] | None = None,
) -> Source:
    """Parse YAML text into a :class:`Source`, or raise a positioned BriefError.

    ``budget`` and ``depth`` let YAML embedded in a larger brief count against the
    brief's limits: values already built, and how deep the embedded part sits. ``loader``
    picks the parser (tests run both): libyaml when it is there, else pure Python.
    """
    text = normalize_newlines(text)
    if loader is None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    lines = _Lines(text)
    try:
        root = yaml.compose(text, Loader=loader)
    except ReaderError as exc:  # a character YAML does not allow in a file
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        # libyaml counts bytes, PyYAML characters: find the character itself instead
        index = text.find(chr(char))
        index = index if index >= 0 else min(exc.position, len(text))
        before = text[:index]
        line = before.count("\n") + 1
        col = index - (before.rfind("\n") + 1) + 1
        raise BriefError(
            Problem(
                f"character U+{char:04X} is not allowed in a YAML file",
                Position(file, line, col),
            )
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = lines.at(mark) if mark else (1, 1)
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        raise BriefError(
            Problem(f"YAML syntax error: {message}", Position(file, line, col))
        ) from None
    except YAMLError as exc:
        raise BriefError(Problem(f"YAML error: {exc}", Position(file, 1, 1))) from None
    if root is None:
        raise BriefError(
            Problem("the file is empty; a brief needs at least a title", Position(file, 1, 1))
        )
    builder = _Builder(file, limits or Limits(), lines, budget or Budget())
    data = builder.build(root, (), depth)
    if builder.problems:
        raise BriefError(builder.problems)
    return Source(file, data, builder.positions, builder.key_positions)
