"""Translations of a Markdown brief written as its ``<stem>.<lang>.md`` files.

A Markdown brief keeps each language in a file of its own with the base file's
structure (briefing/readers/translations.py). The merge writes that file whole from the
brief's data with the new translations in (briefing/markdown_write.py): a text still
without a translation is written in the brief's language, since the file has a place
for every text. The base file is never touched. Before anything is written the brief
is read back with the new files, and every translation must read as intended.
"""

from __future__ import annotations

import re
from pathlib import Path

from briefing.errors import BriefError, Problem
from briefing.i18n.language import same_language
from briefing.markdown_write import document
from briefing.model import Brief

from .merge import Update
from .merge_yaml import put
from .units import units

_SPACE = re.compile(r"[ \t\n]+")


def merge_markdown(loaded: object, updates: list[Update]) -> dict[Path, str]:
    """The new text of each translation file ``updates`` change, by path."""
    from briefing.api import LoadedBrief, load_text
    from briefing.readers import read_text
    from briefing.readers.markdown_source import load_markdown
    from briefing.readers.translations import translation_files

    assert isinstance(loaded, LoadedBrief)
    brief = loaded.brief
    existing = translation_files(loaded.path)
    base_text = read_text(loaded.path)
    files: dict[str, Path] = {}
    codes: dict[str, str] = {}
    for update in updates:
        code = next((c for c in existing if same_language(c, update.lang)), update.lang)
        codes[update.lang] = code
        files[update.lang] = existing.get(
            code, loaded.path.with_name(f"{loaded.path.stem}.{code}.md")
        )
    written = {}
    for lang, path in files.items():
        # the base file's own data (every text a string), with this language's texts in
        data = load_markdown(base_text, str(loaded.path)).data
        for unit in units(brief, lang, loaded.source):
            if unit.target is not None:
                put(data, unit.path, brief.lang, lang, codes[lang], unit.target)
        for update in updates:
            if update.lang == lang:
                put(data, update.path, brief.lang, lang, codes[lang], update.text)
        written[path] = document(data, lang, brief.lang)
    texts = {c: read_text(p) for c, p in existing.items()}
    for path in files.values():
        code = path.name[len(loaded.path.stem) + 1 : -len(path.suffix)]
        texts[code] = written[path]
    try:
        again = load_text(read_text(loaded.path), "markdown", str(loaded.path), texts).brief
    except BriefError as exc:
        raise BriefError(
            [Problem(f"the new translation file would not read back: {p}") for p in exc.problems]
        ) from None
    _verify(brief, again, updates, files, loaded.source)
    return written


def _verify(
    before: Brief, after: Brief, updates: list[Update], files: dict[str, Path], source: object
) -> None:
    """Every text of each written language reads as it should: the new translation, the
    old one, or (where there was none) the brief's own text."""
    from briefing.readers import Source

    assert isinstance(source, Source)
    new = {(u.path, u.lang): u for u in updates}
    now = {lang: {u.path: u for u in units(after, lang, source)} for lang in files}
    for lang in files:
        for unit in units(before, lang, source):
            update = new.get((unit.path, lang))
            want = (
                update.text if update else unit.target if unit.target is not None else unit.source
            )
            got = now[lang].get(unit.path)
            have = got.target if got is not None else None
            if have is None or _SPACE.sub(" ", have).strip() != _SPACE.sub(" ", want).strip():
                where = update.position if update else unit.position
                raise BriefError(
                    Problem(
                        f"this translation cannot be written into {files[lang].name} so that it "
                        "reads back the same (Markdown gives it another meaning); nothing was "
                        "written",
                        where,
                    )
                )
