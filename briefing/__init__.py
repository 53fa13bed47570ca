"""briefing: one policy brief, written once, rendered to PDF and Word memos in several
languages.

Library use::

    import briefing
    loaded = briefing.load("brief.yaml")
    data = briefing.render(loaded, lang="az", fmt="pdf")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from briefing.api import LoadedBrief

__all__ = ["__version__", "load", "render"]


def load(path: str) -> LoadedBrief:
    """Read and validate a brief (raises briefing.errors.BriefError)."""
    from briefing.api import load as _load

    return _load(path)


def render(loaded: LoadedBrief, lang: str, fmt: str, template: str | None = None) -> bytes:
    """The bytes of one output file; fallbacks are allowed, glyph problems raise."""
    from briefing import api
    from briefing.errors import BriefError
    from briefing.renderers import render as _render
    from briefing.templates import load_template

    tpl = load_template(template)
    result = api.localized(loaded, lang)
    problems = api.glyph_problems(result, loaded, tpl)
    if problems:
        raise BriefError(problems)
    return _render(result.doc, fmt, tpl)
