"""User errors versus bugs.

A user error (bad brief, missing translation under --strict, a character no font can
show, an unreadable file) carries every problem found, each with its position, and
becomes a message and exit status 1 in the CLI. Anything else that escapes is a bug in
the toolkit (exit 3). Only the CLI turns these into text and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Position:
    file: str
    line: int  # 1-based
    col: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a brief: where, which field, and what is wrong."""

    message: str
    position: Position | None = None
    field: str = ""
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.position}: " if self.position else ""
        kind = "warning: " if self.severity == "warning" else ""
        field = f"{self.field}: " if self.field else ""
        return f"{where}{kind}{field}{self.message}"


class BriefError(Exception):
    """A problem the user can fix. Holds one or more positioned problems."""

    def __init__(self, problems: str | Problem | list[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems
        super().__init__("\n".join(str(p) for p in problems))
