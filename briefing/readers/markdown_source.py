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
the brief reads as if each comment had been deleted (see :func:`_drop_comments`).

Positions are the lines and columns an editor shows for the file as saved: line breaks
are normalized before parsing (CRLF and CR count as one break), lines are split on
``\n`` only (as markdown-it does; U+2028 inside a line is a character of its text), and
a position inside text that lost a comment is mapped back to the original file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.errors import BriefError, KeyPath, Position, Problem
from briefing.limits import Limits
from briefing.readers import Source, normalize_newlines

if TYPE_CHECKING:
    from briefing.readers.md_notes import Notes
from briefing.readers.yaml_source import Budget, load_yaml

# Text reaches these patterns with \n line breaks only (normalize_newlines).
_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n?^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)
_FIRST_LINE = re.compile(r"\n*([^\n]*)")
_KIND = re.compile(r"\s*\{\s*kind\s*=\s*([A-Za-z_]+)\s*\}\s*$")
_HEADING_ID = re.compile(r"\s*\{#([^\s{}]+)\}\s*$")
# our inline parser keeps *[]()\^ (a \^[ must reach it to stay a literal caret)
_ESCAPE = re.compile(r"\\([!\"#$%&'+,\-./:;<=>?@_`{|}~])")
_CALLOUT = re.compile(r"\A\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.I)
_BY = re.compile(r"\A(?:—|--|―)\s*")
_CAPTION = re.compile(r"\ATable:\s*")
_TABLE_ID = re.compile(r"\s*\{#([^\s{}]+)\}\s*\Z")
_BRIEF_INFO = "brief"  # the info string of a fenced block holding one block as YAML
# What the comment scanner stops at: a line break, an escape, a code span, a comment.
_SCAN = re.compile(r"[\n\\`]|<!--")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|\Z)")
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}(?=[^`\n]*$)|~{3,})", re.M)
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


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


class _Origin:
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
class _Ctx:
    file: str
    lines: list[str]  # the parsed body's lines (split on \n only, as markdown-it does)
    origin: _Origin
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


def _definition(text: str) -> bool:
    from briefing.readers.md_notes import is_definition

    return is_definition(text)


def _inline(token: Token) -> str:
    """The inline source of a paragraph or cell, soft line breaks as spaces.

    Split on ``\n`` only: ``str.splitlines()`` would also break at U+2028 and friends,
    which CommonMark keeps as characters of the text.
    """
    text = " ".join(line.strip(" \t") for line in token.content.split("\n"))
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
                if text.startswith("[^") and _definition(text):  # a footnote's text
                    self.definitions(inline)
                    continue
                nxt = self.peek()
                if _CAPTION.match(text) and nxt is not None and nxt.type == "table_open":
                    caption = (_CAPTION.sub("", text), inline)
                    continue
                self.ctx.at(here, inline)
                out.append(_figure(text, here, inline, self.ctx) or text)
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
            elif t.type == "fence" and t.info.split()[:1] == [_BRIEF_INFO]:
                self.take()
                block = self.ctx.brief_block(t, here)
                if block is not None:
                    out.append(block)
            else:
                self.take()
                self.ctx.error(t, f"{_describe(t)} is not part of the brief format")
                if t.nesting == 1:
                    self.skip_to_close(t.type)
                continue
            caption = None
        return out

    def definitions(self, inline: Token) -> None:
        """The footnote definitions of one paragraph, each at its own line."""
        from briefing.readers.md_notes import Notes, split_definitions

        if self.ctx.notes is None:
            self.ctx.notes = Notes()
        lines = [_ESCAPE.sub(r"\1", line.strip(" \t")) for line in inline.content.split("\n")]
        first = self.ctx.pos(inline)
        for name, text, i in split_definitions(lines):
            where = first
            if i and inline.map is not None:
                where = Position(self.ctx.file, *self.ctx.origin.at(inline.map[0] + i, 0))
            self.ctx.notes.define(name, text, where)

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
                    self.ctx.at(here, first)
                items.append(text)
            else:
                if first is not None:
                    self.ctx.at(here, first)
                    self.ctx.at((*here, "text"), first)
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
            written = _cells_in_source(self.ctx.lines[token.map[0]])
            if written != len(columns):
                spec["rows"][i] = body[i][:written] + [""] * max(0, written - len(body[i]))
        if caption is not None:
            text, table_id = caption[0], _TABLE_ID.search(caption[0])
            if table_id is not None:  # Table: Budget {#budget}: the id a chart reads
                text = text[: table_id.start()]
                spec["id"] = table_id.group(1)
                self.ctx.at((*path, "id"), caption[1], table_id.group(0))
            if text:
                spec["caption"] = text
                self.ctx.at((*path, "caption"), caption[1], text)
        widths = _dash_widths(self.ctx.lines, open_token)
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
            self.ctx.at((*path, "note"), first, _CALLOUT.sub("", first_text))
            return {"note": text.strip()}
        by = None
        if len(paragraphs) > 1 and _BY.match(paragraphs[-1][0]):
            by_text, by_token = paragraphs.pop()
            by = _BY.sub("", by_text)
            self.ctx.at((*path, "by"), by_token, by)
        text = " ".join(p for p, _ in paragraphs)
        self.ctx.at((*path, "quote"), first)
        return {"quote": text} if by is None else {"quote": text, "by": by}


# ![alt](file "caption") alone in a paragraph is a figure (the brief's inline subset has
# no images, so nothing else can mean this); a chart is a ```brief block.
_IMAGE = re.compile(
    r'^!\[([^\]]*)\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"([^"]*)")?\s*\)(?:\s*\{#([^\s{}]+)\})?$'
)  # ![alt](file "caption"), and {#id} for cross-references


def _figure(text: str, here: KeyPath, inline: Token, ctx: _Ctx) -> dict[str, Any] | None:
    """The figure block of an image paragraph, with a position for each of its values."""
    m = _IMAGE.match(text)
    if m is None:
        return None
    alt, image, caption = m.group(1).strip(), m.group(2).strip("<>"), m.group(3)
    block: dict[str, Any] = {"figure": image}
    ctx.at(here, inline)
    ctx.at((*here, "figure"), inline, image)
    if alt:
        block["alt"] = alt
        ctx.at((*here, "alt"), inline, alt)
    if caption:
        block["caption"] = caption
        ctx.at((*here, "caption"), inline, caption)
    if m.group(4):
        block["id"] = m.group(4)
        ctx.at((*here, "id"), inline, "{#" + m.group(4))
    return block


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


def _dash_widths(lines: list[str], table: Token) -> list[int] | None:
    """Relative widths from the separator row's dashes, when they are not all equal."""
    if table.map is None:
        return None
    sep = lines[table.map[0] + 1].strip().strip("|")
    widths = [max(1, cell.count("-")) for cell in re.split(r"(?<!\\)\|", sep)]
    return widths if len(set(widths)) > 1 else None


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
    origin = _Origin(offset)
    problems: list[Problem] = []
    if "<!--" in body:
        body = _drop_comments(body, origin, file, problems)
    ctx = _Ctx(file, body.split("\n"), origin, positions, key_positions, problems, limits, budget)
    reader = _Reader(_parser().parse(body), ctx)
    _read_body(reader, data, ctx)
    warnings: list[Problem] = []
    if "[^" in text:  # footnotes: each [^name] becomes the inline note ^[text]
        from briefing.readers.md_notes import Notes, substitute, unused

        notes = ctx.notes or Notes()
        data = substitute(data, notes, Source(file, data, positions).position)
        problems += notes.problems
        warnings = unused(notes)
    return Source(file, data, positions, key_positions, ctx.problems, warnings)


def _read_body(reader: _Reader, data: dict[str, Any], ctx: _Ctx) -> None:
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
        raw = _inline(inline)
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


def _special(reader: _Reader, data: dict[str, Any], ctx: _Ctx, heading: Token, kind: str) -> None:
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


def _drop_comments(body: str, origin: _Origin, file: str, problems: list[Problem]) -> str:
    """``body`` as if each HTML comment had been deleted; ``origin`` learns the cuts.

    An author's ``<!-- reviewer: check this number -->`` is a private note, never
    memo text. With raw HTML off, markdown-it would print it, so comments go before
    parsing; every other ``<tag>`` stays literal text. A comment is what CommonMark
    calls one (``<!-- ... -->``, ``<!-->``, ``<!--->``), found left to right as the
    inline parser would: not inside a code span (```<!--``` is text), not after a
    backslash, not inside a fenced code block (a ```brief block is YAML).

    A comment on lines of its own takes those lines with it, so a note between two
    table rows or list items leaves them one table or list; one inside a line leaves
    the text around it, one space where it stood between words. A comment never closed
    is an error at its start rather than a brief that silently ends there.
    """
    cuts: list[tuple[int, int]] = []
    n = len(body)
    spans: _CodeSpanEnds | None = None  # the runs of the paragraph being scanned
    i = 0
    line_start = True
    while i < n:
        if line_start:
            line_start = False
            opened = _FENCE_OPEN.match(body, i) if body[i : i + 4].lstrip(" ")[:1] in "`~" else None
            if opened:  # a fenced block is code (or a ```brief block's YAML): skip it whole
                fence = opened.group(1)
                closing = re.compile(
                    f"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M
                )
                closed = closing.search(body, body.find("\n", i) + 1 or n)
                i, line_start = (closed.end() + 1, True) if closed else (n, False)
                continue
        found = _SCAN.search(body, i)
        if found is None:
            break
        i, mark = found.start(), found.group()
        if mark == "\n":
            i, line_start = i + 1, True
        elif mark == "\\":
            i += 2 if i + 1 < n and body[i + 1] in _ASCII_PUNCT else 1
        elif mark == "`":
            run = _BACKTICKS.match(body, i)
            assert run is not None
            if spans is None or run.start() >= spans.end:
                spans = _CodeSpanEnds(body, run.start())
            i = spans.close(run.end(), len(run.group()))
        else:  # <!--
            if body.startswith("<!-->", i):
                end = i + 5
            elif body.startswith("<!--->", i):
                end = i + 6
            else:
                close_at = body.find("-->", i + 4)
                if close_at < 0:
                    before = body[:i]
                    line_no = before.count("\n")
                    col = i - (before.rfind("\n") + 1)
                    problems.append(
                        Problem(
                            "this HTML comment is never closed with -->; "
                            "close it, or write the text without <!--",
                            Position(file, *origin.at(line_no, col)),
                        )
                    )
                    break
                end = close_at + 3
            if cuts and not body[cuts[-1][1] : i].strip(" \t"):
                cuts[-1] = (cuts[-1][0], end)  # comments side by side: one cut
            else:
                cuts.append((i, end))
            i = end
    if not cuts:
        return body
    pieces: list[str] = []
    parsed: list[int] = []
    source: list[int] = []
    kept = 0
    previous = 0
    for start, end in cuts:
        start, end = _widen(body, start, end)
        start = max(start, previous)
        parsed.append(kept)
        source.append(previous)
        pieces.append(body[previous:start])
        kept += start - previous
        previous = end
    parsed.append(kept)
    source.append(previous)
    pieces.append(body[previous:])
    out = "".join(pieces)
    origin.record(body, out, parsed, source)
    return out


class _CodeSpanEnds:
    """The backtick runs of one paragraph, by length, to close code spans in it.

    A run of N backticks opens a code span only if a run of exactly N follows before the
    paragraph ends. Looking ahead afresh for every run would be quadratic in a crafted
    paragraph of unmatched runs; the runs are listed once per paragraph instead.
    """

    def __init__(self, body: str, start: int) -> None:
        blank = _BLANK_LINE.search(body, start)
        self.end = blank.start() if blank else len(body)
        self.runs: dict[int, list[int]] = {}  # length -> where each such run ends
        for m in _BACKTICKS.finditer(body, start, self.end):
            self.runs.setdefault(m.end() - m.start(), []).append(m.end())

    def close(self, after: int, length: int) -> int:
        """Where the code span opened by the run ending at ``after`` ends, or ``after``."""
        ends = self.runs.get(length, [])
        k = bisect_right(ends, after)
        return ends[k] if k < len(ends) else after


def _widen(body: str, start: int, end: int) -> tuple[int, int]:
    """The cut for the comment at ``start:end``: its lines, or it and a space.

    Lines that hold nothing but the comment go whole (with their line break), so the
    blocks around them join as if the lines were never there. Within a line, the
    spaces after the comment go too when there are spaces (or the line's start) before
    it, and the spaces before it when it ends the line: "a <!-- x --> b" reads "a b".
    Only the spaces next to the comment are looked at: a long line costs nothing more.
    """
    n = len(body)
    a = start
    while a > 0 and body[a - 1] in " \t":
        a -= 1
    b = end
    while b < n and body[b] in " \t":
        b += 1
    line_before = a == 0 or body[a - 1] == "\n"
    line_after = b == n or body[b] == "\n"
    if line_before and line_after:
        return (a, b + 1) if b < n else (max(a - 1, 0), b)
    if line_after:
        return a, b
    if line_before or a < start:
        return start, b
    return start, end
