"""Bulleted and numbered lists -> text blocks, nested lists indented a level more.

A list is a run of text blocks, one per item, each with its marker (a textblock.Bullet
drawn in the indent) and the indent of its level: nothing to nest, and a page may
break between any two items. The markers come from the theme's ``[lists]`` (one per
level, the last repeated deeper down); numbering starts at 1 for each list, nested or
not, as in the DOCX renderer (lists.py there).
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing import tree
from briefing.renderers.pdf.footnotes import anchor
from briefing.renderers.pdf.kit import Kit
from briefing.renderers.pdf.tags import Node
from briefing.renderers.pdf.textblock import Bullet, TextBlock


class Lists:
    """The lists of one document; keeps the item style of each indent it has used."""

    def __init__(self, kit: Kit, gap: float) -> None:
        self.sheet = kit.sheet
        self.theme = kit.theme
        self.texts = kit.texts
        self.gap = gap
        self._indented: dict[tuple[str, float], ParagraphStyle] = {}

    def list_block(
        self, lb: tree.ListBlock, level: int, left: float, parent: Node
    ) -> list[TextBlock]:
        """One block per item, nested items after their parent, indented a level more;
        numbering starts at 1 for each list. The list's last block gets the block gap.
        An empty list (a nested ``numbered: []``) draws nothing.

        The structure is nested, as the brief is: L > LI > (Lbl, LBody), a nested list
        an L in its item's LBody, under ``parent``."""
        if not lb.items:
            return []
        # Numbers are always decimal (the theme's patterns vary only around the "1").
        node = parent.add("L", numbering="Decimal") if lb.ordered else parent.add("L")
        size = self.sheet["bullet"].fontSize
        font = self.sheet.fonts.body.face()
        color = self.theme.named_color("lists", "bullet_color", "text")
        indent = self.theme.spacing("list_indent", 15)
        if lb.ordered:
            pattern = _pick(self.theme.strings("lists", "numbers", ["1."]), level)
            marks = [pattern.replace("1", str(n), 1) for n in range(1, len(lb.items) + 1)]
            indent = max(indent, stringWidth(marks[-1], font, size) + 5)
        else:
            marks = [_pick(self.theme.strings("lists", "bullets", ["•"]), level)] * len(lb.items)
        style = self._indent("bullet", left + indent)
        out: list[TextBlock] = []
        for item, mark in zip(lb.items, marks, strict=True):
            bullet = Bullet(mark, font, size, color, left)
            block = TextBlock(self.texts.pieces(item.runs, "bullet"), style, bullet)
            anchor(block, item.anchor, tree.plain(item.runs))
            li = node.add("LI")
            block.label = li.add("Lbl")
            body = li.add("LBody")
            # The item's text before its nested list: in a P of its own, made first
            # (the text of an element comes after the elements made when it is built).
            block.node = body.add("P") if item.children is not None else body
            out.append(block)
            if item.children is not None:
                if tree.introduces(item.runs):
                    block.keepWithNext = 1  # "...as follows:" stays with its sub-items
                out.extend(self.list_block(item.children, level + 1, left + indent, body))
        if level == 0 and out:
            out[-1].spaceAfter = self.gap
        return out

    def _indent(self, name: str, left: float) -> ParagraphStyle:
        key = (name, left)
        style = self._indented.get(key)
        if style is None:
            style = self.sheet[name].clone(f"{name}@{left:g}", leftIndent=left)
            self._indented[key] = style
        return style


def _pick(values: list[str], level: int) -> str:
    return values[min(level, len(values) - 1)]
