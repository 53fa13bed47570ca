"""briefing: one policy brief, written once, rendered to PDF and Word memos in several
languages.

Library use (docs/api.md has more)::

    import briefing
    loaded = briefing.load("brief.yaml")
    pdf = briefing.render(loaded, lang="az", fmt="pdf")

Every failure is a ``briefing.errors.BriefError``: its ``problems`` carry file, line and
column; a ``briefing.errors.UsageError`` (a subclass) names a language, format or
template that does not exist.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from briefing.api import LoadedBrief
    from briefing.limits import Limits
    from briefing.renderers.options import RenderOptions

__all__ = ["__version__", "load", "load_text", "render"]


def load(path: str | Path, limits: Limits | None = None) -> LoadedBrief:
    """Read and validate a brief file (YAML, or Markdown with its translation files)."""
    from briefing.api import load as _load

    return _load(path, limits)


def load_text(
    text: str,
    fmt: str = "yaml",
    name: str | None = None,
    translations: dict[str, str] | None = None,
    limits: Limits | None = None,
) -> LoadedBrief:
    """Validate a brief given as text: ``fmt`` is yaml or markdown; ``name`` is the file
    name its problems are reported against; ``translations`` maps a language code to the
    text of that language's Markdown file."""
    from briefing.api import load_text as _load_text

    return _load_text(text, fmt, name, translations, limits)


def render(
    brief: LoadedBrief | str | Path,
    lang: str,
    fmt: str,
    template: str | Path | None = None,
    *,
    strict: bool = False,
    options: RenderOptions | None = None,
) -> bytes:
    """The bytes of one output file: ``brief`` (loaded, or a path) in ``lang`` as ``fmt``
    (pdf or docx) with ``template`` (a bundled name or a folder; default memo).

    ``lang`` may be two languages side by side, ``en+az`` (first on the left). Texts
    missing in ``lang`` fall back to the brief's own language, unless ``strict``;
    a character no font of the template can show is an error either way.
    """
    from briefing import api, arguments
    from briefing.bilingual import is_pair
    from briefing.errors import BriefError
    from briefing.renderers.options import RenderOptions as Options

    lang = arguments.text(lang, "render", "lang")
    arguments.text(fmt, "render", "fmt")
    arguments.flag(strict, "render", "strict")
    arguments.optional(options, Options, "render", "options")
    arguments.any_of(template, (str, os.PathLike, type(None)), "render", "template",
                     "a str, a path or None")  # fmt: skip
    if not isinstance(brief, api.LoadedBrief):
        brief = arguments.path(brief, "render", "brief")
    loaded = brief if isinstance(brief, api.LoadedBrief) else api.load(brief)
    api.output_format(fmt)
    tpl = api.template(template)
    if is_pair(lang):
        pair = api.localize_pair(loaded, lang, tpl)
        problems = [p for r in pair.results for p in api.check(r, loaded, tpl, strict)]
        if problems:
            raise BriefError(problems)
        return api.render(pair.doc, fmt, tpl, options)
    result = api.localize(loaded, lang, tpl)
    problems = api.check(result, loaded, tpl, strict)
    if problems:
        raise BriefError(problems)
    return api.render(result.doc, fmt, tpl, options)
