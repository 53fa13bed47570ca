"""Section headings that put themselves in the PDF outline (bookmarks) when drawn.

A bookmark made while the heading is drawn lands on the page the heading is really on,
whatever happens later. (The usual "Page X of Y" recipe that replays saved pages at the
end points every bookmark at page 1; page.py avoids that recipe for this reason.)
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph


class Outline:
    """Keys and levels for one document's outline (levels may not skip, so clamp)."""

    def __init__(self) -> None:
        self.count = 0
        self.last_level = -1

    def add(self, canv: Any, title: str, level: int, top: float) -> None:
        self.count += 1
        key = f"section-{self.count}"
        canv.bookmarkHorizontal(key, 0, top)
        level = max(0, min(level, self.last_level + 1))
        canv.addOutlineEntry(title, key, level=level, closed=False)
        self.last_level = level


class Heading(Paragraph):  # type: ignore[misc]
    """A Paragraph that adds an outline entry (title, level 0..2) when first drawn."""

    outline_entry: tuple[Outline, str, int] | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if parts:  # only the first part carries the bookmark
            parts[0].outline_entry = self.outline_entry
        return parts

    def draw(self) -> None:
        if self.outline_entry is not None:
            outline, title, level = self.outline_entry
            outline.add(self.canv, title, level, self.height + self.style.fontSize * 0.5)
        super().draw()


def heading(markup: str, style: Any, outline: Outline, title: str, level: int) -> Heading:
    h = Heading(markup, style)
    h.outline_entry = (outline, title, level)
    return h
