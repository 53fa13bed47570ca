"""Figures: every image file and chart a brief shows, read and checked once, at load.

A figure's image is read from the brief's own folder (paths.py), checked as what it
claims to be (images.py: PNG and JPEG decoded in full under a pixel limit, SVG parsed
with nothing external allowed), and a chart that takes its numbers from a table gets
them here (tables.py). All of it happens before any language is localized, so a bad
figure is one positioned error for the whole brief and nothing is written.

What this returns (:data:`Assets`) maps the path of each figure in the brief to what
it shows; localize.py turns that into the tree's Picture or Chart.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefing.errors import BriefError, KeyPath, Problem
from briefing.figures.charts import ChartData, chart_data
from briefing.limits import Limits
from briefing.model import FIGURE_BLOCKS, Annex, Block, Brief, ChartBlock, Section, TableBlock
from briefing.readers import Source
from briefing.tree import Picture

UNREAD = Picture(
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 225">'
    b'<rect x="1" y="1" width="398" height="223" fill="#F5F7FA" stroke="#A9B3BF"/></svg>',
    "svg",
    300.0,
    168.75,
)
"""What a figure shows when its brief came as text with no folder to read its image
from (an editor's preview): a blank frame, reported by api.figure_warnings."""

Assets = dict[KeyPath, Picture | ChartData]
"""The path of each figure or chart block -> its checked picture or chart numbers."""


def blocks(brief: Brief) -> Iterator[tuple[KeyPath, Block]]:
    """Every body block of the brief with its path, in reading order."""
    yield from _body(brief.summary, ("summary",))
    for i, s in enumerate(brief.sections):
        yield from _section(s, ("sections", i))
    for i, a in enumerate(brief.annexes):
        yield from _section(a, ("annexes", i))


def _body(body: list[Block], path: KeyPath) -> Iterator[tuple[KeyPath, Block]]:
    for i, b in enumerate(body):
        yield (*path, i), b


def _section(s: Section | Annex, path: KeyPath) -> Iterator[tuple[KeyPath, Block]]:
    yield from _body(s.body, (*path, "body"))
    for i, child in enumerate(s.sections):
        yield from _section(child, (*path, "sections", i))


def missing_alt(brief: Brief) -> list[KeyPath]:
    """The path of each figure that has no alt text."""
    return [path for path, b in blocks(brief) if isinstance(b, FIGURE_BLOCKS) and b.alt is None]


def has_figures(brief: Brief) -> bool:
    return any(isinstance(b, FIGURE_BLOCKS) for _, b in blocks(brief))


def read_figures(brief: Brief, source: Source, base: Path | None, limits: Limits) -> Assets:
    """Each figure's picture or chart numbers; BriefError lists every bad one.

    ``base`` is the folder image paths are relative to (the brief's); None for a brief
    given as text, which has no folder, so it may not name image files.
    """
    from briefing.figures.images import read_image
    from briefing.figures.paths import PathRefused, image_bytes

    assets: Assets = {}
    problems: list[Problem] = []
    tables = {
        b.table.id: (path, b)
        for path, b in blocks(brief)
        if isinstance(b, TableBlock) and b.table.id
    }
    for path, block in blocks(brief):
        try:
            if isinstance(block, ChartBlock):
                assets[path] = chart_data(block.chart, (*path, "chart"), tables, brief.lang)
            elif isinstance(block, FIGURE_BLOCKS):
                at = (*path, "figure")
                if base is None:  # nothing is read: a blank frame stands in (see UNREAD)
                    assets[path] = UNREAD
                    continue
                data = image_bytes(base, block.figure, limits, at)
                assets[path] = read_image(data, base, limits, at)
        except PathRefused as exc:
            problems.append(Problem(exc.message, source.position(exc.path)))
    if problems:
        raise BriefError(problems)
    return assets
