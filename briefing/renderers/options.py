"""Choices about one rendering that are not language and not look: set by CLI flags."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RenderOptions:
    toc: bool = False  # a table of contents after the memo block (--toc)
    embed_fonts: bool = True  # DOCX: embed the fonts used (--no-embed-fonts turns off)
