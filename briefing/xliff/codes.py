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

A footnote ``^[...]`` is a paired code of kind ``note`` around the note's own text (the
translator translates it in place, its markup codes inside); a cross-reference is a
standalone code (no text: it prints a number) of kind ``ref`` for ``[@id]`` or
``label`` for ``[+@id]``, its id kept out of the file like a link's address. A
translation may use the other form than the source (the label where its language
inflects the word before a number): the code's kind says which, and a merge writes
that form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.inline import merge_runs, parse_inline
from briefing.tree import Run

KINDS = ("link", "bold", "italic", "note", "ref", "label")
"""The kinds of code, outermost first when several open at once (a note and a
reference are each a code of their own, inside whatever styles their mark)."""
VALUED = ("link", "ref", "label")
REFS = ("ref", "label")
"""The two forms of a cross-reference's code: ``[@id]`` and ``[+@id]``."""
"""Kinds whose code stands for a value kept out of the file: the address, the reference."""


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
    """The tree of a brief's text, and each link code's address (and each reference
    code's reference, ``[@id]``) by id."""
    links: dict[str, str] = {}
    root = _tree(parse_inline(text), links, [0])
    return _freeze(root), links


def _tree(runs: tuple[Run, ...], links: dict[str, str], opened: list[int]) -> list[Part | _Open]:
    """The spans of ``runs``; ``opened`` counts the codes opened so far (ids in order)."""
    root: list[Part | _Open] = []
    stack: list[_Open] = []  # the spans open at this point, outermost first
    for run in runs:
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
            opened[0] += 1
            span = _Open(str(opened[0]), kind, link)
            if link is not None:
                links[span.id] = link
            (stack[-1].parts if stack else root).append(span)
            stack.append(span)
        here = stack[-1].parts if stack else root
        if run.note is not None:
            opened[0] += 1
            note = _Open(str(opened[0]), "note", None)
            here.append(note)
            note.parts = _tree(run.note, links, opened)
        elif run.target is not None:
            opened[0] += 1
            links[str(opened[0])] = run.text
            kind = "label" if run.text.startswith("[+") else "ref"
            here.append(_Open(str(opened[0]), kind, run.text))
        else:
            here.append(run.text)
    return root


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


def reference_id(written: str) -> str:
    """The id of a reference as written: ``budget`` for ``[@budget]`` or ``[+@budget]``."""
    return written.strip("[]").lstrip("+@")


def reference(kind: str, ident: str) -> str:
    """A reference to ``ident`` written in the form ``kind`` says."""
    return f"[+@{ident}]" if kind == "label" else f"[@{ident}]"


def plain_text(content: Content) -> str:
    """The words of ``content`` (a reference has none; a note's are its own)."""
    return "".join(p if isinstance(p, str) else plain_text(p.parts) for p in content)


def to_runs(content: Content, links: dict[str, str]) -> tuple[Run, ...]:
    """The styled runs the tree means, merged as the inline parser merges them."""
    flat: list[Run] = []

    def walk(parts: Content, bold: bool, italic: bool, link: str | None) -> None:
        for part in parts:
            if isinstance(part, str):
                if part:
                    flat.append(Run(part, bold, italic, link))
            elif part.kind == "note":
                flat.append(Run("", bold, italic, note=to_runs(part.parts, links)))
            elif part.kind in REFS:
                ident = reference_id(links[part.id])
                flat.append(Run(reference(part.kind, ident), bold, italic, target=ident))
            elif part.kind == "bold":
                walk(part.parts, True, italic, link)
            elif part.kind == "italic":
                walk(part.parts, bold, True, link)
            else:
                walk(part.parts, bold, italic, link if link is not None else links[part.id])

    walk(content, False, False, None)
    return merge_runs(flat)


def _shown(content: Content) -> str:
    """``content`` as its edges look: a note's mark and a reference print something, so
    each counts as one character that is not a space (spaces are never moved into or
    across them)."""
    return "".join(
        p if isinstance(p, str) else "\x00" if p.kind in ("note", *REFS) else _shown(p.parts)
        for p in content
    )


_MARKUP = re.compile(r"[*\[\]()\\^]")
_EDGE = re.compile(r"\A(\s*)(.*?)(\s*)\Z", re.S)


def _tidy(parts: Content) -> Content:
    """Spaces at the inside edge of a span moved outside it (``** a**`` is not bold in
    the inline subset) and empty spans dropped: what a reader sees is the same."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        if part.kind in ("note", *REFS):  # kept where they are, whatever they hold
            out.append(Span(part.id, part.kind, _tidy(part.parts)))
            continue
        inner = _tidy(part.parts)
        text = _shown(inner)
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
                size = len(_shown(part.parts))
                cut = min(n, size)
                inner = _strip(part.parts, cut if end == 0 else 0, 0 if end == 0 else cut)
                items[end] = Span(part.id, part.kind, inner)
                n -= cut
            if not _shown((items[end],)):  # nothing left of it
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
        elif part.kind == "note":
            out.append(f"^[{_write(part.parts, links, escape)}]")
        elif part.kind in REFS:
            out.append(reference(part.kind, reference_id(links[part.id])))
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
