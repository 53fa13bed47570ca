"""Boxes around text (quotes, notes) and label/value rows (memo block), as flowables.

These used to be one-cell and two-column ReportLab Tables. A Table is a general grid
(spans, styles per cell, splitting rules) and measuring and drawing one cost more than
the text inside it; these shapes need none of that. A Box is a column of text blocks
with padding, an optional background and a bar on its left edge, and it splits between
or inside its blocks (textblock.TextBlock keeps two lines on each side), as often as
needed: a note ten pages long is ten boxes, each split again at the top of its page.
Rows split between rows, and inside a row (label and value split at the same height)
when that row does not fit even a whole frame.

Both measure their blocks with whatever canvas they were given (``getattr``): a
caller may ask a flowable to split without going through ``splitOn`` (a keep group
trying whether its last member can start on this page), and a split part made here
has never been given one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from briefing.renderers.pdf.textblock import TextBlock


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
        self._rows = _stack(self.blocks, self._inner(), getattr(self, "canv", None))
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


Row = tuple[TextBlock | None, TextBlock | None]  # label, value; None: continued above


class Rows(Flowable):  # type: ignore[misc]
    """Label/value rows: labels in a column of fixed width, values beside them.

    A row whose label or value is longer than a page (a To: line of a thousand names)
    splits inside: the page holds as many lines of both as fit, and the rest continues
    at the top of the next page with an empty label cell (``None``). That happens only
    where moving the row would not help: at the top of a frame, or for a row taller
    than a whole frame. Otherwise a row that does not fit moves to the next page whole.
    """

    def __init__(
        self,
        rows: Sequence[Row],
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

    def _widths(self, availWidth: float) -> tuple[float, float, float]:
        """(label column, label text, value text) widths; the label column takes at
        most half of a narrow frame, so the values always have room."""
        label = min(self.label_width, availWidth / 2)
        return label, max(label - self.gutter, 1.0), max(availWidth - label - self.gutter, 1.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        canv = getattr(self, "canv", None)
        _, label_w, value_w = self._widths(availWidth)
        self.width = availWidth
        self._heights = []
        for label, value in self.rows:
            hl = label.wrapOn(canv, label_w, availHeight)[1] if label is not None else 0.0
            hv = value.wrapOn(canv, value_w, availHeight)[1] if value is not None else 0.0
            self._heights.append(max(hl, hv) + 2 * self.pad_y)
        self.height = sum(self._heights)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self.wrap(availWidth, availHeight)
        used, k = 0.0, 0
        while k < len(self.rows) and used + self._heights[k] <= availHeight:
            used += self._heights[k]
            k += 1
        if k == len(self.rows):
            return [self]
        if k > 0:
            return self._parts(self.rows[:k], self.rows[k:])
        frame = self._doctemplateAttr("frame")
        at_top = frame is not None and getattr(frame, "_atTop", False)
        too_tall = frame is not None and self._heights[0] > frame._height
        if not (at_top or too_tall):
            return []
        inside = self._split_row(self.rows[0], availHeight - 2 * self.pad_y)
        if inside is None:
            return []
        head, tail = inside
        return self._parts([head], [tail, *self.rows[1:]])

    @staticmethod
    def _split_row(row: Row, room: float) -> tuple[Row, Row] | None:
        """The row cut at ``room``: (what fits, the rest), or None if at least one of
        its blocks cannot put two lines here (textblock.TextBlock's orphan rule)."""
        heads: list[TextBlock | None] = []
        tails: list[TextBlock | None] = []
        for block in row:
            parts = block.split(block.width, room) if block is not None else [None]
            if not parts:
                return None
            heads.append(parts[0])
            tails.append(parts[1] if len(parts) == 2 else None)
        return (heads[0], heads[1]), (tails[0], tails[1])

    def _parts(self, head_rows: list[Row], tail_rows: list[Row]) -> list[Any]:
        head = Rows(head_rows, self.label_width, self.pad_y, self.gutter)
        tail = Rows(tail_rows, self.label_width, self.pad_y, self.gutter)
        head.spaceBefore, tail.spaceAfter = self.getSpaceBefore(), self.getSpaceAfter()
        return [head, tail]

    def draw(self) -> None:
        label_x, _, _ = self._widths(self.width)
        y = self.height
        for (label, value), h in zip(self.rows, self._heights, strict=True):
            top = y - self.pad_y
            if label is not None:
                label.drawOn(self.canv, 0, top - label.height)
            if value is not None:
                value.drawOn(self.canv, label_x, top - value.height)
            y -= h
