"""Choices about one rendering that are not language and not look: set by CLI flags."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RenderOptions:
    toc: bool = False  # a table of contents after the memo block (--toc)
    embed_fonts: bool = True  # DOCX: embed the fonts used (--no-embed-fonts turns off)
    pdf_tags: bool = True  # PDF: tagged, PDF/UA-1 (--no-pdf-tags for the smallest file)
    pdf_standard: tuple[str, ...] = ()  # PDF: e.g. ("a-2b",) (--pdf-standard a-2b)
