"""A text's inline markup as XLIFF sees it: plain text with paired codes.

A brief's text is the inline Markdown subset (briefing/inline.py). In XLIFF the
markers must not be text a translator can break (a lost ``*`` turns a whole paragraph
italic), so each **bold**, *italic* and [link](url) becomes a paired code that CAT tools
show as a tag, and everything between is literal text. The link's address is not in the
XLIFF file at all: it is not the translator's to change, so a merge takes it from the
brief by the code's id.

:func:`to_content` turns a text into a tree of :class:`Span` (numbered in opening
order, so the same text always gives the same ids); :func:`to_markdown` turns a
translated tree back into the inline subset, escaping only what would otherwise be
read as markup, and checks the result reads back as the tree says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.inline import merge_runs, parse_inline
from briefing.tree import Run

KINDS = ("link", "bold", "italic")
"""The kinds of code, outermost first when several open at once."""


@dataclass(frozen=True, slots=True)
class Span:
    """A paired inline code: its id, its kind, and what it holds."""

    id: str
    kind: str  # one of KINDS
    parts: tuple[Part, ...]


Part = str | Span
Content = tuple[Part, ...]


class Unwritable(ValueError):
    """A translated tree the inline subset cannot express as it stands."""


def to_content(text: str) -> tuple[Content, dict[str, str]]:
    """The tree of a brief's text, and each link code's address by id."""
    root: list[Part | _Open] = []
    stack: list[_Open] = []  # the spans open at this point, outermost first
    links: dict[str, str] = {}
    opened = 0  # codes are numbered in the order they open
    for run in parse_inline(text):
        wanted: list[tuple[str, str | None]] = []
        if run.link is not None:
            wanted.append(("link", run.link))
        if run.bold:
            wanted.append(("bold", None))
        if run.italic:
            wanted.append(("italic", None))
        keep = 0  # spans still open that this run is inside too
        while keep < len(stack) and (stack[keep].kind, stack[keep].link) in wanted:
            keep += 1
        del stack[keep:]
        for kind, link in wanted:
            if any((s.kind, s.link) == (kind, link) for s in stack):
                continue
            opened += 1
            span = _Open(str(opened), kind, link)
            if link is not None:
                links[span.id] = link
            (stack[-1].parts if stack else root).append(span)
            stack.append(span)
        (stack[-1].parts if stack else root).append(run.text)
    return _freeze(root), links


@dataclass(slots=True)
class _Open:
    """A span while its runs are being collected."""

    id: str
    kind: str
    link: str | None
    parts: list[Part | _Open] = field(default_factory=list)


def _freeze(parts: list[Part | _Open]) -> Content:
    return tuple(Span(p.id, p.kind, _freeze(p.parts)) if isinstance(p, _Open) else p for p in parts)


def codes(content: Content) -> list[tuple[str, str]]:
    """(id, kind) of every code in the tree, in document order."""
    out: list[tuple[str, str]] = []
    for part in content:
        if isinstance(part, Span):
            out.append((part.id, part.kind))
            out += codes(part.parts)
    return out


def plain_text(content: Content) -> str:
    return "".join(p if isinstance(p, str) else plain_text(p.parts) for p in content)


def to_runs(content: Content, links: dict[str, str]) -> tuple[Run, ...]:
    """The styled runs the tree means, merged as the inline parser merges them."""
    flat: list[Run] = []

    def walk(parts: Content, bold: bool, italic: bool, link: str | None) -> None:
        for part in parts:
            if isinstance(part, str):
                if part:
                    flat.append(Run(part, bold, italic, link))
            elif part.kind == "bold":
                walk(part.parts, True, italic, link)
            elif part.kind == "italic":
                walk(part.parts, bold, True, link)
            else:
                walk(part.parts, bold, italic, link if link is not None else links[part.id])

    walk(content, False, False, None)
    return merge_runs(flat)


_MARKUP = re.compile(r"[*\[\]()\\]")
_EDGE = re.compile(r"\A(\s*)(.*?)(\s*)\Z", re.S)


def _tidy(parts: Content) -> Content:
    """Spaces at the inside edge of a span moved outside it (``** a**`` is not bold in
    the inline subset) and empty spans dropped: what a reader sees is the same."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        inner = _tidy(part.parts)
        text = plain_text(inner)
        if not text.strip():
            out.append(text)
            continue
        lead = _EDGE.match(text)
        assert lead is not None
        before, after = lead.group(1), lead.group(3)
        inner = _strip(inner, len(before), len(after))
        out += [before, Span(part.id, part.kind, inner), after]
    return tuple(p for p in out if p != "")


def _strip(parts: Content, head: int, tail: int) -> Content:
    """``parts`` without ``head`` characters at the start and ``tail`` at the end."""
    items = list(parts)
    for end in (0, -1):
        n = head if end == 0 else tail
        while n and items:
            part = items[end]
            if isinstance(part, str):
                cut = min(n, len(part))
                items[end] = part[cut:] if end == 0 else part[: len(part) - cut]
                n -= cut
            else:
                size = len(plain_text(part.parts))
                cut = min(n, size)
                inner = _strip(part.parts, cut if end == 0 else 0, 0 if end == 0 else cut)
                items[end] = Span(part.id, part.kind, inner)
                n -= cut
            if not plain_text((items[end],)):  # nothing left of it
                items.pop(end)
    return tuple(items)


def _write(parts: Content, links: dict[str, str], escape: bool) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(_MARKUP.sub(r"\\\g<0>", part) if escape else part)
        elif part.kind == "bold":
            out.append(f"**{_write(part.parts, links, escape)}**")
        elif part.kind == "italic":
            out.append(f"*{_write(part.parts, links, escape)}*")
        else:
            out.append(f"[{_write(part.parts, links, escape)}]({links[part.id]})")
    return "".join(out)


def to_markdown(content: Content, links: dict[str, str]) -> str:
    """The inline-subset text for a translated tree; Unwritable if no spelling of it
    reads back as the same styled text.

    Text is written as it is where that reads back right, so an ``*`` or ``(`` the
    translator typed stays as typed in the brief; otherwise every markup character of
    the text is escaped with a backslash.
    """
    tidy = _tidy(content)
    expected = to_runs(tidy, links)
    for escape in (False, True):
        text = _write(tidy, links, escape)
        try:
            if parse_inline(text) == expected:
                return text
        except ValueError:  # a link the parser refuses: cannot be, links come from the brief
            continue
    raise Unwritable(
        "this arrangement of bold, italic and links cannot be written in the brief's "
        "inline markup (**bold**, *italic*, [text](url)); place the tags around whole "
        "words, not directly next to each other"
    )
