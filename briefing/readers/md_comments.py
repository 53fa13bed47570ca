"""HTML comments out of a Markdown body before it is parsed, with the cuts remembered.

``<!-- ... -->`` is how authors leave private notes in Markdown; with raw HTML off,
markdown-it would print them, so the body is read as if each had been deleted. Finding
them as CommonMark does (not in a code span, not after a backslash, not in a fenced
block) takes a scanner of its own; it is separate from markdown_source because only a
body with ``<!--`` in it needs it (it is imported then), and the cuts it makes are
handed to md_context.Origin so positions still point into the file as saved.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from briefing.errors import Position, Problem
from briefing.readers.md_context import Origin

# What the comment scanner stops at: a line break, an escape, a code span, a comment.
_SCAN = re.compile(r"[\n\\`]|<!--")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|\Z)")
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}(?=[^`\n]*$)|~{3,})", re.M)
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def drop_comments(body: str, origin: Origin, file: str, problems: list[Problem]) -> str:
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
