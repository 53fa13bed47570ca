"""Plain data with positions -> Brief, with every problem as FILE:LINE:COL.

briefing/decode.py reads the data as the model describes it (shapes, types, values,
nesting, limits, whole-object rules) and records each problem with its path; this
module places each at the line and column of the value (or key) it is about, beside the
problems the reader itself found, in reading order.
"""

from __future__ import annotations

from briefing.decode import decode, describe
from briefing.errors import BriefError, KeyPath, Problem
from briefing.limits import Limits
from briefing.model import Brief
from briefing.readers import Source


def field_path(path: KeyPath) -> str:
    """("sections", 2, "body", 0) -> "sections[2].body[0]".

    A key with a character that does not print (a control character, a line separator)
    is shown quoted with escapes, so the message stays on one line and shows the key.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if part.isprintable() else repr(part)
        out += f".{name}" if out else name
    return out or "(top level)"


def validate(source: Source, limits: Limits | None = None) -> Brief:
    """Build the Brief, or raise BriefError listing every problem with its position."""
    if not isinstance(source.data, dict):
        raise BriefError(
            Problem(
                f"a brief must be a map of keys (title, date, sections, ...), "
                f"not {describe(source.data)}",
                source.position(()),
            )
        )
    references: list[tuple[KeyPath, str | None, str]] = []
    brief, issues = decode(source.data, limits, references)
    problems = list(source.problems)
    for issue in issues:
        if issue.at_key:
            where = source.key_position(issue.path)
        else:  # a problem in one translation points into that language's text
            where = source.position((*issue.path, issue.lang) if issue.lang else issue.path)
        problems.append(Problem(issue.message, where, field_path(issue.path)))
    if brief is not None:  # a walk over blocks only: no cost worth skipping
        from briefing.crossref import problems as crossref_problems

        problems += crossref_problems(brief, source, references)
    if problems or brief is None:
        raise BriefError(_sorted(problems, source.file))
    return brief


def _sorted(problems: list[Problem], main_file: str) -> list[Problem]:
    """In reading order: the brief's own file first, then its translation files."""

    def key(p: Problem) -> tuple[bool, str, int, int]:
        if p.position is None:
            return (False, "", 0, 0)
        pos = p.position
        return (pos.file != main_file, pos.file, pos.line, pos.col)

    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=key)
