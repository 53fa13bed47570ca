"""The Markdown body's blocks -> the brief's blocks, as a YAML brief's body list has them.

BlockReader walks markdown-it's block tokens under one heading: paragraphs (a lone
image is a figure, ``Table: caption`` goes to the table after it, ``[^name]:`` lines
are footnote definitions), bullet and numbered lists nested by indentation, pipe
tables with their relative widths, quotes with ``> — Author`` and ``> [!NOTE]``
call-outs, and ```brief blocks; anything else is a problem at its place. Separate from
markdown_source, which splits off the front matter and turns headings into sections:
this is the part that decides which Markdown means which block.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.token import Token

from briefing.errors import KeyPath, Position
from briefing.readers.md_context import Context

# our inline parser keeps *[]()\^ (a \^[ must reach it to stay a literal caret)
_ESCAPE = re.compile(r"\\([!\"#$%&'+,\-./:;<=>?@_`{|}~])")
_CALLOUT = re.compile(r"\A\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.I)
_BY = re.compile(r"\A(?:—|--|―)\s*")
_CAPTION = re.compile(r"\ATable:\s*")
_TABLE_ID = re.compile(r"\s*\{#([^\s{}]+)\}\s*\Z")
_BRIEF_INFO = "brief"  # the info string of a fenced block holding one block as YAML


def _definition(text: str) -> bool:
    from briefing.readers.md_notes import is_definition

    return is_definition(text)


def inline_text(token: Token) -> str:
    """The inline source of a paragraph or cell, soft line breaks as spaces.

    Split on ``\n`` only: ``str.splitlines()`` would also break at U+2028 and friends,
    which CommonMark keeps as characters of the text.
    """
    text = " ".join(line.strip(" \t") for line in token.content.split("\n"))
    return _ESCAPE.sub(r"\1", text)


class BlockReader:
    def __init__(self, tokens: list[Token], ctx: Context) -> None:
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
                text = inline_text(inline)
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
                    texts.append(inline_text(inline))
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
                row.append(inline_text(t))
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
                paragraphs.append((inline_text(inline), inline))
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


def _figure(text: str, here: KeyPath, inline: Token, ctx: Context) -> dict[str, Any] | None:
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
