"""Choices about one rendering that are not language and not look: set by CLI flags."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RenderOptions:
    toc: bool = False  # a table of contents after the memo block (--toc)
    embed_fonts: bool = True  # DOCX: embed the fonts used (--no-embed-fonts turns off)
    pdf_tags: bool = True  # PDF: tagged, PDF/UA-1 (--no-pdf-tags for the smallest file)
    pdf_standard: tuple[str, ...] = ()  # PDF: e.g. ("a-2b",) (--pdf-standard a-2b)


# --pdf-standard values -> the PDF/A-2 conformance level they ask for (None: PDF/UA).
PDF_STANDARDS = {"a-2b": "B", "a-2u": "U", "a-2a": "A", "ua-1": None}


def pdf_standards(asked: list[str], tags: bool) -> tuple[str, ...]:
    """The ``--pdf-standard`` values, checked: known, one PDF/A level at most, and
    none that needs the structure tree (ua-1, a-2a) with ``--no-pdf-tags``."""
    from briefing.errors import UsageError

    out: list[str] = []
    for value in asked:
        name = value.strip().lower()
        if name not in PDF_STANDARDS:
            known = ", ".join(PDF_STANDARDS)
            raise UsageError(f"--pdf-standard: unknown standard {value!r} (known: {known})")
        if name not in out:
            out.append(name)
    levels = [n for n in out if PDF_STANDARDS[n]]
    if len(levels) > 1:
        raise UsageError(f"--pdf-standard: one PDF/A level at a time, not {' and '.join(levels)}")
    needs_tags = [n for n in out if n in ("ua-1", "a-2a")]
    if needs_tags and not tags:
        raise UsageError(
            f"--pdf-standard {needs_tags[0]} needs the tagged structure: drop --no-pdf-tags"
        )
    return tuple(out)


def pdfa_level(options: RenderOptions) -> str | None:
    """The PDF/A-2 conformance level asked for (B, U or A), if any."""
    return next((PDF_STANDARDS[n] for n in options.pdf_standard if PDF_STANDARDS[n]), None)
