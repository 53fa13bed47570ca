"""Plain data with positions -> Brief, with every problem as FILE:LINE:COL.

briefing/decode.py checks shapes, types and values; its issues are placed here at the
line and column of the value (or key) they are about. Rules that need the whole
structure (ragged table rows, nesting depth, limits) are checked on the raw data in the
same run, so all problems are reported at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefing.decode import decode, describe
from briefing.errors import BriefError, Problem
from briefing.limits import Limits, hint
from briefing.model import MAX_LIST_DEPTH, MAX_SECTION_DEPTH, Brief
from briefing.readers import KeyPath, Source


def field_path(path: KeyPath) -> str:
    """("sections", 2, "body", 0) -> "sections[2].body[0]"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


def validate(source: Source, limits: Limits | None = None) -> Brief:
    """Build the Brief, or raise BriefError listing every problem with its position."""
    limits = limits or Limits()
    if not isinstance(source.data, dict):
        raise BriefError(
            Problem(
                f"a brief must be a map of keys (title, date, sections, ...), "
                f"not {describe(source.data)}",
                source.position(()),
            )
        )
    problems = list(source.problems) + [
        Problem(msg, source.position(path), field_path(path))
        for path, msg in [*_structure(source.data, limits), *_long_texts(source.data, (), limits)]
    ]
    brief, issues = decode(source.data)
    for issue in issues:
        if issue.at_key:
            where = source.key_position(issue.path)
        else:  # a problem in one translation points into that language's text
            where = source.position((*issue.path, issue.lang) if issue.lang else issue.path)
        problems.append(Problem(issue.message, where, field_path(issue.path)))
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


def _long_texts(node: Any, path: KeyPath, limits: Limits) -> Iterator[tuple[KeyPath, str]]:
    """Texts over the text-chars limit (one runaway paste must not stall the layout)."""
    if isinstance(node, str):
        if len(node) > limits.text_chars:
            yield (
                path,
                (
                    f"this text has {len(node):,} characters, over the text-chars limit of "
                    f"{limits.text_chars:,}; {hint('text_chars', len(node))}"
                ),
            )
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _long_texts(value, (*path, key), limits)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _long_texts(value, (*path, i), limits)


def _structure(data: dict[str, Any], limits: Limits) -> Iterator[tuple[KeyPath, str]]:
    """Rules the schema alone cannot express, checked on the raw data.

    Run on the raw data (defensively: shapes may be wrong) so these problems are
    reported together with the schema's, not in a second round.
    """
    yield from _blocks(data.get("summary"), ("summary",), limits)
    yield from _sections(data.get("sections"), ("sections",), 1, limits)
    yield from _items(data.get("recommendations"), ("recommendations",), 1)
    for i, annex in _each(data.get("annexes")):
        if isinstance(annex, dict):
            yield from _blocks(annex.get("body"), ("annexes", i, "body"), limits)
            yield from _sections(annex.get("sections"), ("annexes", i, "sections"), 2, limits)


def _each(value: Any) -> Iterator[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else iter(())


def _sections(
    sections: Any, path: KeyPath, level: int, limits: Limits
) -> Iterator[tuple[KeyPath, str]]:
    for i, section in _each(sections):
        here = (*path, i)
        if not isinstance(section, dict):
            continue
        if level > MAX_SECTION_DEPTH:
            yield here, f"sections nest at most {MAX_SECTION_DEPTH} levels deep"
            continue
        yield from _blocks(section.get("body"), (*here, "body"), limits)
        yield from _sections(section.get("sections"), (*here, "sections"), level + 1, limits)


def _blocks(blocks: Any, path: KeyPath, limits: Limits) -> Iterator[tuple[KeyPath, str]]:
    for i, block in _each(blocks):
        here = (*path, i)
        if not isinstance(block, dict):
            continue
        for key in ("bullets", "numbered"):
            if key in block:
                yield from _items(block[key], (*here, key), 1)
        table = block.get("table")
        if isinstance(table, dict) and isinstance(table.get("columns"), list):
            width = len(table["columns"])
            rows = table.get("rows")
            if width > limits.table_columns:
                yield (
                    (*here, "table", "columns"),
                    (
                        f"{width} columns, over the table-columns limit of {limits.table_columns}; "
                        f"{hint('table_columns', width)}"
                    ),
                )
            if isinstance(rows, list) and len(rows) > limits.table_rows:
                yield (
                    (*here, "table", "rows"),
                    (
                        f"{len(rows):,} rows, over the table-rows limit of {limits.table_rows:,}; "
                        f"{hint('table_rows', len(rows))}"
                    ),
                )
            for r, row in _each(table.get("rows")):
                if isinstance(row, list) and len(row) != width:
                    yield (
                        (*here, "table", "rows", r),
                        f"row has {len(row)} cells but the table has {width} columns",
                    )


def _items(items: Any, path: KeyPath, depth: int) -> Iterator[tuple[KeyPath, str]]:
    for i, item in _each(items):
        if not isinstance(item, dict):
            continue
        for key in ("bullets", "numbered"):
            if key in item:
                if depth >= MAX_LIST_DEPTH:
                    yield (*path, i, key), f"lists nest at most {MAX_LIST_DEPTH} levels deep"
                else:
                    yield from _items(item[key], (*path, i, key), depth + 1)
