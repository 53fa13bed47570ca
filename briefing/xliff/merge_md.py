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
from typing import TYPE_CHECKING

from briefing.errors import BriefError, Problem
from briefing.i18n.language import pick, same_language
from briefing.markdown_write import document
from briefing.model import Brief

from .merge import Update
from .merge_yaml import put
from .units import texts, translation

if TYPE_CHECKING:
    from briefing.api import LoadedBrief
    from briefing.readers import Source


_SPACE = re.compile(r"[ \t\n]+")


def merge_markdown(loaded: LoadedBrief, updates: list[Update]) -> dict[Path, str]:
    """The new text of each translation file ``updates`` change, by path."""
    from briefing.api import load_text
    from briefing.readers import read_text
    from briefing.readers.markdown_source import load_markdown
    from briefing.readers.translations import translation_files

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
    for lang, file in files.items():
        # the base file's own data (every text a string), with this language's texts in
        data = load_markdown(base_text, str(loaded.path)).data
        for path, value in texts(brief, loaded.source):  # what it has, words or not
            found = translation(value, lang)
            if found is not None:
                put(data, path, brief.lang, lang, codes[lang], found[1])
        for update in updates:
            if update.lang == lang:
                put(data, update.path, brief.lang, lang, codes[lang], update.text)
        written[file] = document(data, lang, brief.lang)
    contents = {c: read_text(f) for c, f in existing.items()}
    for file in files.values():
        contents[file.name[len(loaded.path.stem) + 1 : -len(file.suffix)]] = written[file]
    try:
        # base: the brief's folder, where its figures' image files are
        again = load_text(
            base_text, "markdown", str(loaded.path), contents, base=loaded.path.parent
        ).brief
    except BriefError as exc:
        raise BriefError(
            [
                Problem(
                    "these translations would make a translation file the Markdown reader "
                    f"refuses ({p}); nothing was written",
                    updates[0].position,
                )
                for p in exc.problems
            ]
        ) from None
    _verify(brief, again, updates, files, loaded.source)
    return written


def _verify(
    before: Brief, after: Brief, updates: list[Update], files: dict[str, Path], source: Source
) -> None:
    """Every text of each written language reads as it should: the new translation, the
    old one, or (where there was none) the brief's own text."""
    new = {(u.path, u.lang): u for u in updates}
    for lang in files:
        now = dict(texts(after, source))
        for path, value in texts(before, source):
            update = new.get((path, lang))
            old = translation(value, lang)
            want = update.text if update else old[1] if old else pick(value, before.lang, "")[0]
            got = translation(now.get(path, ""), lang)
            if got is None and update is None and old is None:
                continue  # left out of the file (a code in the front matter): as before
            if got is None or _SPACE.sub(" ", got[1]).strip() != _SPACE.sub(" ", want).strip():
                where = update.position if update else source.position(path)
                raise BriefError(
                    Problem(
                        f"this translation cannot be written into {files[lang].name} so that it "
                        "reads back the same (Markdown gives it another meaning); nothing was "
                        "written",
                        where,
                    )
                )
