"""Section headings that put themselves in the PDF outline (bookmarks) when drawn.

A bookmark made while the heading is drawn lands on the page the heading is really on,
whatever happens later. (The usual "Page X of Y" recipe that replays saved pages at the
end points every bookmark at page 1; page.py avoids that recipe for this reason.) The
page each heading landed on is kept, so the contents page can print it afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefing.renderers.pdf.textblock import TextBlock


@dataclass(frozen=True)
class Entry:
    key: str  # the named destination of the heading
    title: str  # plain text, as the outline shows it
    level: int  # 0..2


class Outline:
    """One document's headings: their keys, outline levels and the pages they land on."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []  # in story order
        self.pages: dict[str, int] = {}  # key -> page number, once drawn
        self.last_level = -1

    def entry(self, title: str, level: int) -> Entry:
        e = Entry(f"section-{len(self.entries) + 1}", title, level)
        self.entries.append(e)
        return e

    def add(self, canv: Any, entry: Entry, top: float) -> None:
        """Bookmark ``entry`` at height ``top`` of the current page (levels may not skip)."""
        canv.bookmarkHorizontal(entry.key, 0, top)
        level = max(0, min(entry.level, self.last_level + 1))
        canv.addOutlineEntry(entry.title, entry.key, level=level, closed=False)
        self.last_level = level
        self.pages[entry.key] = canv.getPageNumber()


def heading(block: TextBlock, outline: Outline, title: str, level: int) -> TextBlock:
    """``block`` (a heading) adds its outline entry when drawn; if a page break splits
    it, only the first part does (textblock.TextBlock.split)."""
    entry = outline.entry(title, level)

    def mark(canv: Any, drawn: TextBlock) -> None:
        outline.add(canv, entry, drawn.height + drawn.style.fontSize * 0.5)

    block.on_draw = mark
    return block
