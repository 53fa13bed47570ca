"""Markdown with YAML front matter -> the same plain data a YAML brief gives.

The front matter holds the metadata keys (title, date, memo, sources, ...). The body:

- ``## Heading`` starts a section, ``###`` a sub-section, ``####`` a third level;
  ``## Anything {kind=background}`` is a standard section (the words are for the
  author; the heading comes from the catalog). ``{kind=summary}`` and
  ``{kind=recommendations}`` fill the brief's summary and recommendations;
  ``## Timeline {kind=annex}`` makes an annex titled "Timeline".
- paragraphs; ``-``/``*`` bullets and ``1.`` numbered lists, nested by indentation;
  pipe tables, with ``Table: caption`` in the paragraph just before, and relative
  column widths from the dashes of the separator row when they differ;
  ``> quote`` with an optional last paragraph ``> — Author``; ``> [!NOTE]`` call-outs.

Any other block is written as a fenced code block with the info string ``brief``
holding that one block in YAML, exactly as a YAML brief's body list holds it
(``note: ...``, ``table: {columns: [...], rows: [...]}``, any kind the model gains):
every block kind can be written in Markdown without a change here. Other code blocks
are errors.

Inline text keeps its source form so the brief's own inline subset applies to it
(``**bold**``, ``*italic*``, ``[text](url)``; everything else literal). Markdown parsing
is markdown-it (CommonMark) with raw HTML off, so ``<b>`` prints as typed. HTML comments
are the exception: ``<!-- ... -->`` is how authors leave private notes in Markdown, so
the brief reads as if each comment had been deleted (see briefing.readers.md_comments).

Positions are the lines and columns an editor shows for the file as saved: line breaks
are normalized before parsing (CRLF and CR count as one break), lines are split on
``\n`` only (as markdown-it does; U+2028 inside a line is a character of its text), and
a position inside text that lost a comment is mapped back to the original file.

This module reads the front matter and turns headings into sections; md_blocks reads
the blocks under each heading, md_context holds positions and problems, md_comments
cuts HTML comments, md_notes resolves footnotes.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.errors import BriefError, KeyPath, Position, Problem
from briefing.limits import Limits
from briefing.readers import Source, normalize_newlines
from briefing.readers.md_blocks import BlockReader, inline_text
from briefing.readers.md_context import Context, Origin
from briefing.readers.yaml_source import Budget, load_yaml

# Text reaches these patterns with \n line breaks only (normalize_newlines).
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n?^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)
_FIRST_LINE = re.compile(r"\n*([^\n]*)")
_KIND = re.compile(r"\s*\{\s*kind\s*=\s*([A-Za-z_]+)\s*\}\s*$")
_HEADING_ID = re.compile(r"\s*\{#([^\s{}]+)\}\s*$")


def _parser() -> MarkdownIt:
    """CommonMark block structure only: the brief's own inline subset (briefing/inline.py)
    reads each paragraph's source, so markdown-it's inline pass (whose worst cases are
    quadratic: 7-15 s for a few MB of backticks or ``<!--``) is never run."""
    # normalize is off too: line breaks are normalised when the file is read, and it
    # would turn U+0000 into U+FFFD, hiding a character every brief must refuse.
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    # reference is off too: the format has no reference links, and "[^a]: https://..."
    # (a footnote holding only an address) would vanish as a link definition.
    return md.disable(["normalize", "inline", "text_join", "reference"])


def _split_front_matter(
    text: str, file: str, limits: Limits, budget: Budget
) -> tuple[Source | None, str, int]:
    """(front matter, body, lines before the body), or an error at the front matter.

    Front matter is YAML between a ``---`` line at line 1 and the next ``---`` (or
    ``...``) line. A front matter that is there but cannot be read is reported as
    itself: read as body, it would surface as "title: required key is missing".
    """
    first = _FIRST_LINE.match(text)
    opener = first.group(1).rstrip(" \t") if first else ""
    line = text[: first.start(1)].count("\n") + 1 if first else 1
    if opener == "+++":
        raise BriefError(
            Problem(
                "front matter starts with +++ (TOML); "
                "briefing reads YAML front matter between --- lines",
                Position(file, line, 1),
            )
        )
    if opener != "---":
        return None, text, 0
    if line > 1:
        raise BriefError(
            Problem(
                f"front matter must start at line 1, not after {line - 1} empty "
                f"line{'s' if line > 2 else ''}",
                Position(file, line, 1),
            )
        )
    match = _FRONT.match(text)
    if not match:
        raise BriefError(
            Problem(
                "the front matter opened at line 1 is never closed with ---", Position(file, 1, 1)
            )
        )
    front_text = match.group(1)
    front = (
        load_yaml("\n" + front_text + "\n", file, limits, budget=budget)
        if front_text.strip()
        else None
    )
    body = text[match.end() :]
    offset = text[: match.end()].count("\n")
    return front, body, offset


def load_markdown(text: str, file: str, limits: Limits | None = None) -> Source:
    """Parse a Markdown brief into a Source, or raise a positioned BriefError."""
    text = normalize_newlines(text)  # read_text did it already; this costs one scan
    limits = limits or Limits()
    budget = Budget()
    front, body, offset = _split_front_matter(text, file, limits, budget)
    data: dict[str, Any] = {}
    positions: dict[KeyPath, Position] = {(): Position(file, 1, 1)}
    key_positions: dict[KeyPath, Position] = {}
    if front is not None:
        if not isinstance(front.data, dict):
            raise BriefError(Problem("the front matter must be a map of keys", front.position(())))
        data.update(front.data)
        positions.update(front.positions)
        key_positions.update(front.key_positions)
    origin = Origin(offset)
    problems: list[Problem] = []
    if "<!--" in body:
        from briefing.readers.md_comments import drop_comments

        body = drop_comments(body, origin, file, problems)
    ctx = Context(
        file, body.split("\n"), origin, positions, key_positions, problems, limits, budget
    )
    reader = BlockReader(_parser().parse(body), ctx)
    _read_body(reader, data, ctx)
    warnings: list[Problem] = []
    if "[^" in text:  # footnotes: each [^name] becomes the inline note ^[text]
        from briefing.readers.md_notes import Notes, substitute, unused

        notes = ctx.notes or Notes()
        data = substitute(data, notes, Source(file, data, positions).position)
        problems += notes.problems
        warnings = unused(notes)
    return Source(file, data, positions, key_positions, ctx.problems, warnings)


def _read_body(reader: BlockReader, data: dict[str, Any], ctx: Context) -> None:
    # Open sections, outermost first: (level, the section's dict, its path).
    stack: list[tuple[int, dict[str, Any], KeyPath]] = []
    if reader.blocks(("_lead",), {"heading_open"}):
        first = next(t for t in reader.tokens if t.map is not None)
        ctx.error(first, "text before the first ## section: put it under a heading")
    special: str | None = None
    while reader.peek() is not None:
        heading = reader.take()
        inline = reader.take()
        reader.take()  # heading_close
        level = int(heading.tag[1]) - 1  # ## is a section (level 1)
        raw = inline_text(inline)
        kind, ident = None, None
        while (found := _KIND.search(raw) or _HEADING_ID.search(raw)) is not None:
            if found.re is _KIND and kind is None:
                kind = found.group(1)
            elif found.re is _HEADING_ID and ident is None:
                ident = found.group(1)
            else:
                break  # a second {kind=...} or {#id}: left in the title
            raw = raw[: found.start()]
        title = raw.strip()
        if level == 0:
            if "title" in data:
                ctx.error(heading, "a # title and a title in the front matter: keep one")
            data["title"] = title
            ctx.at(("title",), inline)
            if reader.blocks(("_after_title",), {"heading_open"}):
                ctx.error(heading, "text after the # title: put it under a ## section")
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        if level == 1:  # the summary or recommendations this heading is under, if any
            special = kind if kind in ("summary", "recommendations") else None
        if level == 1 and kind in ("summary", "recommendations"):
            if ident is not None:
                ctx.error(
                    heading,
                    f"the {kind} cannot carry an id {{#{ident}}}: only sections, "
                    "annexes, tables, figures and sources can be referenced",
                )
            _special(reader, data, ctx, heading, kind)
            continue
        if level == 1 and kind == "annex":
            annexes = data.setdefault("annexes", [])
            if not isinstance(annexes, list):  # the front matter set annexes: to a non-list
                ctx.error(
                    heading, "annexes are written as ## ... {kind=annex}, not in the front matter"
                )
                reader.blocks(("_orphan",), {"heading_open"})
                continue
            path: KeyPath = ("annexes", len(annexes))
            section: dict[str, Any] = {"title": title}
            ctx.at((*path, "title"), inline)
            annexes.append(section)
        elif level == 1 or (level <= 3 and stack and stack[-1][0] == level - 1):
            parent, parent_path = (data, ()) if level == 1 else stack[-1][1:]
            siblings = parent.setdefault("sections", [])
            if not isinstance(siblings, list):  # the front matter set sections: to a non-list
                ctx.error(heading, "sections are written as ## headings, not in the front matter")
                reader.blocks(("_orphan",), {"heading_open"})
                continue
            path = (*parent_path, "sections", len(siblings))
            section = {"kind": kind} if kind else {"title": title}
            ctx.at((*path, "kind" if kind else "title"), inline)
            siblings.append(section)
        else:
            why = (
                "sections nest at most 3 levels deep (## to ####)"
                if level > 3
                else f"the {special} has no sub-sections: its ## heading holds only blocks"
                if special and not stack
                else f"a level-{level + 1} heading needs a level-{level} heading above it"
            )
            ctx.error(heading, why)
            reader.blocks(("_orphan",), {"heading_open"})
            continue
        ctx.at(path, heading)
        if ident is not None:  # ## Heading {#id}: what cross-references [@id] point at
            section["id"] = ident
            ctx.at((*path, "id"), inline, "{#" + ident)
        body = reader.blocks((*path, "body"), {"heading_open"})
        if body:
            section["body"] = body
        stack.append((level, section, path))


def _special(
    reader: BlockReader, data: dict[str, Any], ctx: Context, heading: Token, kind: str
) -> None:
    """## ... {kind=summary} and {kind=recommendations}: the brief's own parts, once each
    (a second one would silently replace the first)."""
    if kind in data:
        first = ctx.positions.get((kind,))
        where = f" (the first is at line {first.line})" if first is not None else ""
        ctx.error(heading, f"a second {kind} section: a brief has one{where}")
        reader.blocks(("_again",), {"heading_open"})
        return
    if kind == "summary":
        ctx.at(("summary",), heading)
        data["summary"] = reader.blocks(("summary",), {"heading_open"})
        return
    ctx.at(("recommendations",), heading)
    blocks = reader.blocks(("_recommendations",), {"heading_open"})
    if len(blocks) != 1 or not isinstance(blocks[0], dict) or "numbered" not in blocks[0]:
        ctx.error(heading, "a recommendations section holds one numbered list")
        return
    data["recommendations"] = blocks[0]["numbered"]
    for path, pos in list(ctx.positions.items()):
        if path[:3] == ("_recommendations", 0, "numbered"):
            ctx.positions.setdefault(("recommendations", *path[3:]), pos)
