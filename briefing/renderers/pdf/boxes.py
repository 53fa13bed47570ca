"""Boxes around text (quotes, notes) and label/value rows (memo block), as flowables.

These used to be one-cell and two-column ReportLab Tables. A Table is a general grid
(spans, styles per cell, splitting rules) and measuring and drawing one cost more than
the text inside it; these shapes need none of that. A Box is a column of text blocks
with padding, an optional background and a bar on its left edge, and it splits between
or inside its blocks (textblock.TextBlock keeps two lines on each side). Rows split
between rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from .textblock import TextBlock


def _stack(blocks: Sequence[TextBlock], width: float, canv: Any) -> list[tuple[float, float]]:
    """(gap above, height) of each block laid out at ``width``; the gap between two
    blocks is the larger of the first's space after and the second's space before."""
    out: list[tuple[float, float]] = []
    after = None
    for b in blocks:
        _, h = b.wrapOn(canv, width, 0xFFFFFFF)
        gap = 0.0 if after is None else max(after, b.spaceBefore)
        out.append((gap, h))
        after = b.spaceAfter
    return out


class Box(Flowable):  # type: ignore[misc]
    def __init__(
        self,
        blocks: Sequence[TextBlock],
        width: float,
        padding: tuple[float, float, float, float],  # top, right, bottom, left
        background: Color | None = None,
        bar: tuple[float, Color] | None = None,  # width, colour
        align: str = "LEFT",
    ) -> None:
        super().__init__()
        self.blocks = list(blocks)
        self.box_width = width
        self.padding = padding
        self.background = background
        self.bar = bar
        self.hAlign = align
        self._rows: list[tuple[float, float]] = []

    def _inner(self) -> float:
        _, right, _, left = self.padding
        return self.box_width - left - right

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        top, _, bottom, _ = self.padding
        self._rows = _stack(self.blocks, self._inner(), self.canv)
        self.width = self.box_width
        self.height = top + bottom + sum(g + h for g, h in self._rows)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Split between or inside blocks, with at least two lines of text on each side
        (a lone attribution line on the next page looks lost); only a box that starts
        a page may split anywhere, or it could never be placed."""
        top, _, bottom, _ = self.padding
        self.wrap(availWidth, availHeight)
        room = availHeight - top - bottom
        used = 0.0
        parts: list[Any] = [self]
        for k, (gap, h) in enumerate(self._rows):
            if used + gap + h <= room:
                used += gap + h
                continue
            block = self.blocks[k]
            inside = block.split(self._inner(), room - used - gap) if room > used + gap else []
            if len(inside) == 2:
                head, tail = [*self.blocks[:k], inside[0]], [inside[1], *self.blocks[k + 1 :]]
            else:
                head, tail = self.blocks[:k], self.blocks[k:]
            parts = [self._copy(head), self._copy(tail)] if head else []
            break
        if len(parts) < 2:
            return parts
        enough = all(sum(len(b.lines) for b in part.blocks) >= 2 for part in parts)
        frame = self._doctemplateAttr("frame")
        return parts if enough or getattr(frame, "_atTop", False) else []

    def _copy(self, blocks: list[TextBlock]) -> Box:
        box = Box(blocks, self.box_width, self.padding, self.background, self.bar, self.hAlign)
        box.spaceBefore, box.spaceAfter = self.spaceBefore, self.spaceAfter
        return box

    def draw(self) -> None:
        canv = self.canv
        top, _, _, left = self.padding
        if self.background is not None:
            canv.setFillColor(self.background)
            canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.bar is not None:
            canv.setStrokeColor(self.bar[1])
            canv.setLineWidth(self.bar[0])
            canv.line(0, 0, 0, self.height)
        y = self.height - top
        for block, (gap, h) in zip(self.blocks, self._rows, strict=True):
            y -= gap + h
            block.drawOn(canv, left, y)


class Rows(Flowable):  # type: ignore[misc]
    """Label/value rows: labels in a column of fixed width, values beside them."""

    def __init__(
        self,
        rows: Sequence[tuple[TextBlock, TextBlock]],
        label_width: float,
        pad_y: float = 1.5,
        gutter: float = 6.0,
    ) -> None:
        super().__init__()
        self.rows = list(rows)
        self.label_width = label_width
        self.pad_y = pad_y
        self.gutter = gutter
        self._heights: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self._heights = []
        for label, value in self.rows:
            _, hl = label.wrapOn(self.canv, self.label_width - self.gutter, availHeight)
            _, hv = value.wrapOn(
                self.canv, availWidth - self.label_width - self.gutter, availHeight
            )
            self._heights.append(max(hl, hv) + 2 * self.pad_y)
        self.height = sum(self._heights)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self.wrap(availWidth, availHeight)
        used, k = 0.0, 0
        while k < len(self.rows) and used + self._heights[k] <= availHeight:
            used += self._heights[k]
            k += 1
        if k == 0 or k == len(self.rows):
            return [] if k == 0 else [self]
        head = Rows(self.rows[:k], self.label_width, self.pad_y, self.gutter)
        tail = Rows(self.rows[k:], self.label_width, self.pad_y, self.gutter)
        head.spaceBefore, tail.spaceAfter = self.spaceBefore, self.spaceAfter
        return [head, tail]

    def draw(self) -> None:
        y = self.height
        for (label, value), h in zip(self.rows, self._heights, strict=True):
            top = y - self.pad_y
            label.drawOn(self.canv, 0, top - label.height)
            value.drawOn(self.canv, self.label_width, top - value.height)
            y -= h
