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

Inline text keeps its source form so the brief's own inline subset applies to it
(``**bold**``, ``*italic*``, ``[text](url)``; everything else literal). Markdown parsing
is markdown-it (CommonMark) with raw HTML off. Positions are the Markdown lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.errors import BriefError, KeyPath, Position, Problem
from briefing.limits import Limits
from briefing.readers import Source
from briefing.readers.yaml_source import load_yaml

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*$\r?\n?", re.S | re.M)
_KIND = re.compile(r"\s*\{\s*kind\s*=\s*([A-Za-z_]+)\s*\}\s*$")
_ESCAPE = re.compile(r"\\([!\"#$%&'+,\-./:;<=>?@^_`{|}~])")  # our inline parser keeps *[]()\
_CALLOUT = re.compile(r"\A\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.I)
_BY = re.compile(r"\A(?:—|--|―)\s*")
_CAPTION = re.compile(r"\ATable:\s*")


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


@dataclass
class _Ctx:
    file: str
    lines: list[str]
    offset: int  # lines of front matter before the body
    positions: dict[KeyPath, Position]
    problems: list[Problem]

    def pos(self, token: Token, text: str = "") -> Position:
        line = (token.map[0] if token.map else 0) + self.offset
        col = 1
        if text and line < len(self.lines):
            found = self.lines[line].find(text[:20])
            col = found + 1 if found >= 0 else 1
        return Position(self.file, line + 1, col)

    def at(self, path: KeyPath, token: Token, text: str = "") -> None:
        self.positions.setdefault(path, self.pos(token, text))

    def error(self, token: Token, message: str) -> None:
        self.problems.append(Problem(message, self.pos(token)))


def _inline(token: Token) -> str:
    """The inline source of a paragraph or cell, soft line breaks as spaces."""
    text = " ".join(line.strip(" \t") for line in token.content.splitlines())
    return _ESCAPE.sub(r"\1", text)


class _Reader:
    def __init__(self, tokens: list[Token], ctx: _Ctx) -> None:
        self.tokens = tokens
        self.i = 0
        self.ctx = ctx

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def paragraph(self) -> Token:
        """Consume paragraph_open, its inline token and paragraph_close; the inline."""
        self.take()
        inline = self.take()
        self.take()
        return inline

    def skip_to_close(self, open_type: str) -> None:
        close, depth = open_type.replace("_open", "_close"), 0
        while self.i < len(self.tokens):
            t = self.take()
            if t.type == open_type:
                depth += 1
            elif t.type == close:
                if depth == 0:
                    return
                depth -= 1

    # blocks -----------------------------------------------------------------------
    def blocks(self, path: KeyPath, stop: set[str]) -> list[Any]:
        """Blocks until a token whose type is in ``stop`` (not consumed)."""
        out: list[Any] = []
        caption: tuple[str, Token] | None = None
        while (t := self.peek()) is not None and t.type not in stop:
            here = (*path, len(out))
            if t.type == "heading_open":
                break
            if t.type == "paragraph_open":
                inline = self.paragraph()
                text = _inline(inline)
                nxt = self.peek()
                if _CAPTION.match(text) and nxt is not None and nxt.type == "table_open":
                    caption = (_CAPTION.sub("", text), inline)
                    continue
                self.ctx.at(here, inline, text)
                out.append(text)
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                key = "bullets" if t.type == "bullet_list_open" else "numbered"
                self.ctx.at(here, t)
                out.append({key: self.list_items((*here, key))})
            elif t.type == "table_open":
                self.ctx.at(here, t)
                out.append({"table": self.table((*here, "table"), caption)})
            elif t.type == "blockquote_open":
                self.ctx.at(here, t)
                out.append(self.quote(here))
            elif t.type == "hr":
                self.take()  # a thematic break has no meaning in a memo: ignored
                continue
            else:
                self.take()
                self.ctx.error(t, f"{_describe(t)} is not part of the brief format")
                if t.nesting == 1:
                    self.skip_to_close(t.type)
                continue
            caption = None
        return out

    def list_items(self, path: KeyPath) -> list[Any]:
        open_token = self.take()
        close = open_token.type.replace("_open", "_close")
        items: list[Any] = []
        while (t := self.peek()) is not None and t.type != close:
            self.take()  # list_item_open
            here = (*path, len(items))
            texts: list[str] = []
            child: tuple[str, list[Any]] | None = None
            first: Token | None = None
            while (c := self.peek()) is not None and c.type != "list_item_close":
                if c.type == "paragraph_open":
                    inline = self.paragraph()
                    first = first or inline
                    texts.append(_inline(inline))
                elif c.type in ("bullet_list_open", "ordered_list_open") and child is None:
                    key = "bullets" if c.type == "bullet_list_open" else "numbered"
                    self.ctx.at((*here, key), c)
                    child = (key, self.list_items((*here, key)))
                else:
                    self.take()
                    self.ctx.error(c, f"{_describe(c)} inside a list item is not supported")
                    if c.nesting == 1:
                        self.skip_to_close(c.type)
            self.take()  # list_item_close
            text = " ".join(texts)
            if child is None:
                if first is not None:
                    self.ctx.at(here, first, text)
                items.append(text)
            else:
                if first is not None:
                    self.ctx.at(here, first, text)
                    self.ctx.at((*here, "text"), first, text)
                items.append({"text": text, child[0]: child[1]})
        self.take()  # list close
        return items

    def table(self, path: KeyPath, caption: tuple[str, Token] | None) -> dict[str, Any]:
        open_token = self.take()
        rows: list[list[str]] = []
        row_tokens: list[Token] = []
        row: list[str] = []
        while (t := self.take()).type != "table_close":
            if t.type == "tr_open":
                row = []
                row_tokens.append(t)
            elif t.type == "inline":
                row.append(_inline(t))
            elif t.type == "tr_close":
                rows.append(row)
        columns, body = rows[0], rows[1:]
        spec: dict[str, Any] = {"columns": columns, "rows": body}
        self.ctx.at((*path, "columns"), row_tokens[0])
        for i, token in enumerate(row_tokens[1:]):
            self.ctx.at((*path, "rows", i), token)
            if token.map is None:
                continue
            # markdown-it pads or cuts a ragged row to the header's width; the brief
            # format calls that an error, so keep the row as wide as it was written.
            written = _cells_in_source(self.ctx.lines[token.map[0] + self.ctx.offset])
            if written != len(columns):
                spec["rows"][i] = body[i][:written] + [""] * max(0, written - len(body[i]))
        if caption is not None:
            spec["caption"] = caption[0]
            self.ctx.at((*path, "caption"), caption[1], caption[0])
        widths = _dash_widths(self.ctx.lines, open_token, self.ctx.offset)
        if widths is not None and len(widths) == len(columns):
            spec["widths"] = [str(w) for w in widths]
        return spec

    def quote(self, path: KeyPath) -> dict[str, Any]:
        self.take()  # blockquote_open
        paragraphs: list[tuple[str, Token]] = []
        while (t := self.peek()) is not None and t.type != "blockquote_close":
            if t.type == "paragraph_open":
                inline = self.paragraph()
                paragraphs.append((_inline(inline), inline))
            else:
                self.take()
                self.ctx.error(t, f"{_describe(t)} inside a quote is not supported")
                if t.nesting == 1:
                    self.skip_to_close(t.type)
        self.take()  # blockquote_close
        if not paragraphs:
            return {"quote": ""}
        first_text, first = paragraphs[0]
        if _CALLOUT.match(first_text):
            text = " ".join([_CALLOUT.sub("", first_text)] + [p for p, _ in paragraphs[1:]])
            self.ctx.at((*path, "note"), first, text)
            return {"note": text.strip()}
        by = None
        if len(paragraphs) > 1 and _BY.match(paragraphs[-1][0]):
            by_text, by_token = paragraphs.pop()
            by = _BY.sub("", by_text)
            self.ctx.at((*path, "by"), by_token, by)
        text = " ".join(p for p, _ in paragraphs)
        self.ctx.at((*path, "quote"), first, text)
        return {"quote": text} if by is None else {"quote": text, "by": by}


def _describe(token: Token) -> str:
    names = {
        "fence": "a code block",
        "code_block": "an indented code block",
        "html_block": "raw HTML",
        "heading_open": "a heading",
        "table_open": "a table",
        "blockquote_open": "a block quote",
    }
    return names.get(token.type, token.type.removesuffix("_open").replace("_", " "))


def _cells_in_source(line: str) -> int:
    """Cells a pipe-table row has as written (markdown-it pads or cuts ragged rows)."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(re.split(r"(?<!\\)\|", inner))


def _dash_widths(lines: list[str], table: Token, offset: int) -> list[int] | None:
    """Relative widths from the separator row's dashes, when they are not all equal."""
    if table.map is None:
        return None
    sep = lines[table.map[0] + 1 + offset].strip().strip("|")
    widths = [max(1, cell.count("-")) for cell in re.split(r"(?<!\\)\|", sep)]
    return widths if len(set(widths)) > 1 else None


def _split_front_matter(
    text: str, file: str, limits: Limits | None
) -> tuple[Source | None, str, int]:
    match = _FRONT.match(text)
    if not match:
        return None, text, 0
    front_text = match.group(1)
    front = load_yaml("\n" + front_text + "\n", file, limits) if front_text.strip() else None
    body = text[match.end() :]
    offset = text[: match.end()].count("\n")
    return front, body, offset


def load_markdown(text: str, file: str, limits: Limits | None = None) -> Source:
    """Parse a Markdown brief into a Source, or raise a positioned BriefError."""
    front, body, offset = _split_front_matter(text, file, limits)
    data: dict[str, Any] = {}
    positions: dict[KeyPath, Position] = {(): Position(file, 1, 1)}
    key_positions: dict[KeyPath, Position] = {}
    if front is not None:
        if not isinstance(front.data, dict):
            raise BriefError(Problem("the front matter must be a map of keys", front.position(())))
        data.update(front.data)
        positions.update(front.positions)
        key_positions.update(front.key_positions)
    ctx = _Ctx(file, text.splitlines(), offset, positions, [])
    reader = _Reader(_parser().parse(body), ctx)
    _read_body(reader, data, ctx)
    return Source(file, data, positions, key_positions, ctx.problems)


def _read_body(reader: _Reader, data: dict[str, Any], ctx: _Ctx) -> None:
    # Open sections, outermost first: (level, the section's dict, its path).
    stack: list[tuple[int, dict[str, Any], KeyPath]] = []
    if reader.blocks(("_lead",), {"heading_open"}):
        first = next(t for t in reader.tokens if t.map is not None)
        ctx.error(first, "text before the first ## section: put it under a heading")
    while reader.peek() is not None:
        heading = reader.take()
        inline = reader.take()
        reader.take()  # heading_close
        level = int(heading.tag[1]) - 1  # ## is a section (level 1)
        raw = _inline(inline)
        kind_match = _KIND.search(raw)
        kind = kind_match.group(1) if kind_match else None
        title = _KIND.sub("", raw).strip()
        if level == 0:
            if "title" in data:
                ctx.error(heading, "a # title and a title in the front matter: keep one")
            data["title"] = title
            ctx.at(("title",), inline, title)
            if reader.blocks(("_after_title",), {"heading_open"}):
                ctx.error(heading, "text after the # title: put it under a ## section")
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        if level == 1 and kind in ("summary", "recommendations"):
            _special(reader, data, ctx, heading, kind)
            continue
        if level == 1 and kind == "annex":
            annexes = data.setdefault("annexes", [])
            path: KeyPath = ("annexes", len(annexes))
            section: dict[str, Any] = {"title": title}
            ctx.at((*path, "title"), inline, title)
            annexes.append(section)
        elif level == 1 or (level <= 3 and stack and stack[-1][0] == level - 1):
            parent, parent_path = (data, ()) if level == 1 else stack[-1][1:]
            siblings = parent.setdefault("sections", [])
            path = (*parent_path, "sections", len(siblings))
            section = {"kind": kind} if kind else {"title": title}
            ctx.at((*path, "kind" if kind else "title"), inline, raw)
            siblings.append(section)
        else:
            why = (
                "sections nest at most 3 levels deep (## to ####)"
                if level > 3
                else (f"a level-{level + 1} heading needs a level-{level} heading above it")
            )
            ctx.error(heading, why)
            reader.blocks(("_orphan",), {"heading_open"})
            continue
        ctx.at(path, heading)
        body = reader.blocks((*path, "body"), {"heading_open"})
        if body:
            section["body"] = body
        stack.append((level, section, path))


def _special(reader: _Reader, data: dict[str, Any], ctx: _Ctx, heading: Token, kind: str) -> None:
    """## ... {kind=summary} and {kind=recommendations}: the brief's own parts."""
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
