"""User errors versus bugs.

A user error (bad brief, missing translation under --strict, a character no font can
show, an unreadable file, a broken template) carries every problem found, each with its
position, and becomes a message and exit status 1 in the CLI. A value given to a command
or to the library that names nothing briefing knows (a language without a catalog, a
format, a template) is a :class:`UsageError`: the same message everywhere, exit status 2
in the CLI. Anything else that escapes is a bug in the toolkit (exit 3). Only the CLI
turns these into text and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass

KeyPath = tuple[str | int, ...]
"""Where a value sits in a brief: keys and list indexes, e.g. ("sections", 2, "body", 0)."""


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


class TemplateError(BriefError):
    """A template that cannot be used: theme.toml, a font file or reference.docx."""


class UsageError(BriefError):
    """A value that names nothing briefing knows: the caller's mistake, not the brief's."""


class UnknownLanguage(UsageError):
    """A language with no catalog of the toolkit's words."""


class UnknownFormat(UsageError):
    """An output format no renderer writes."""


class UnknownTemplate(UsageError):
    """A template name that is neither bundled nor a folder."""


def bug_report(what: str, exc: BaseException) -> str:
    """The one line a bug gets: what it happened on, the exception and where it was
    raised, and where to report it (the traceback only with --debug)."""
    import os
    import traceback  # only once there is a bug to report

    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    at = f" in {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return (
        f"{what}: internal error ({type(exc).__name__}: {exc}){at}; this is a bug in "
        "briefing: please report it with the brief that caused it (--debug shows details)"
    )
