"""Small helpers for writing WordprocessingML with lxml.

python-docx has no API for much of what a memo needs (hyperlinks, fields, numbering
instances, table header rows, w:lang), and its object API is slow when used per run.
The renderer therefore builds most of the body as raw elements. These helpers keep
that readable: one call per element, attributes by prefixed name. Callers are
responsible for schema order; each builder writes children in the order ECMA-376
requires, and says so where it matters.
"""

from __future__ import annotations

import re
from functools import cache

from docx.oxml.ns import qn
from lxml import etree

# An lxml element. lxml has no type hints, so this alias is all mypy can check.
Element = etree._Element

_SPECIAL = re.compile(r"(\n|\t)")


@cache
def clark(name: str) -> str:
    """``"w:p"`` -> ``"{http://...main}p"``, memoized: a long memo asks tens of thousands
    of times for the same few dozen names, and python-docx's ``qn`` splits each anew."""
    return str(qn(name))


def sub(parent: Element, tag: str, attrs: dict[str, str] | None = None) -> Element:
    """Append a child element ``tag`` (e.g. ``"w:p"``) with prefixed attributes."""
    child = etree.SubElement(parent, clark(tag))
    if attrs:
        for key, value in attrs.items():
            child.set(clark(key), value)
    return child


def val(parent: Element, tag: str, value: str) -> Element:
    """Append the common ``<tag w:val="value"/>`` form."""
    return sub(parent, tag, {"w:val": value})


def add_text(run: Element, text: str) -> None:
    """Put ``text`` into a ``w:r``: tabs become w:tab, line breaks w:br.

    Every character the author wrote reaches the page; nothing is added or dropped.
    """
    for piece in _SPECIAL.split(text):
        if piece == "\n":
            sub(run, "w:br")
        elif piece == "\t":
            sub(run, "w:tab")
        elif piece:
            t = sub(run, "w:t")
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def plain_run(parent: Element, text: str, *, bold: bool = False) -> Element:
    """A run of literal text, optionally bold (labels the toolkit writes itself)."""
    run = sub(parent, "w:r")
    if bold:
        rpr = sub(run, "w:rPr")
        sub(rpr, "w:b")
        sub(rpr, "w:bCs")
    add_text(run, text)
    return run
