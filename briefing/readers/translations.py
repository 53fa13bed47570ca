"""Per-language Markdown files merged into one brief.

``brief.md`` is written in its ``lang``; ``brief.az.md`` and ``brief.ru.md`` beside it
hold the same document in other languages: the same headings, blocks, list items and
table cells in the same order, and in their front matter only the texts to translate
(title, subtitle, memo, authors, keywords, source titles...). Each text of the base file
becomes a map ``{en: ..., az: ..., ru: ...}``, exactly as a YAML brief writes it, so
the rest of the toolkit never knows the brief came in several files. A translation
whose structure differs is an error at the translation's line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from briefing.errors import BriefError, KeyPath, Position, Problem
from briefing.limits import Limits
from briefing.readers import Source, read_text
from briefing.readers.markdown_source import load_markdown

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# Values that are not text: the same in every file, never turned into language maps.
_NOT_TEXT = {"lang", "date", "url", "kind", "widths"}
# Keys of the format's maps: a dict with only these keys is structure, not translations.
_STRUCTURE = {
    "lang", "title", "subtitle", "date", "reference", "classification", "memo", "to",
    "from", "cc", "subject", "authors", "keywords", "summary", "sections", "kind", "body",
    "bullets", "numbered", "text", "table", "columns", "rows", "caption", "widths",
    "quote", "by", "note", "recommendations", "sources", "publisher", "url", "annexes",
}  # fmt: skip


def translation_files(path: Path) -> dict[str, Path]:
    """``brief.<lang>.md`` files beside ``brief.md``, by language code."""
    found = {}
    for candidate in sorted(path.parent.glob(f"{path.stem}.*{path.suffix}")):
        code = candidate.name[len(path.stem) + 1 : -len(path.suffix)]
        if _LANG.match(code):
            found[code] = candidate
    return found


def load_markdown_brief(path: Path, limits: Limits | None = None) -> Source:
    """The base Markdown file merged with its translation files."""
    parts = path.name.split(".")
    if len(parts) >= 3 and _LANG.match(parts[-2]):
        base = path.with_name(".".join(parts[:-2] + parts[-1:]))
        if base.is_file():
            raise BriefError(
                Problem(
                    f"this is the {parts[-2]} translation of {base.name}; render {base}",
                    Position(str(path), 1, 1),
                )
            )
    source = load_markdown(read_text(path, limits), str(path), limits)
    translations = {
        code: load_markdown(read_text(file, limits), str(file), limits)
        for code, file in translation_files(path).items()
    }
    if not translations:
        return source
    base_lang = source.data.get("lang") if isinstance(source.data.get("lang"), str) else "en"
    merger = _Merger(source, translations, str(base_lang))
    data = merger.merge(source.data, {c: t.data for c, t in translations.items()}, ())
    problems = source.problems + [p for t in translations.values() for p in t.problems]
    return Source(
        source.file, data, merger.positions, source.key_positions, problems + merger.problems
    )


class _Merger:
    def __init__(self, base: Source, translations: dict[str, Source], base_lang: str) -> None:
        self.base = base
        self.translations = translations
        self.base_lang = base_lang
        self.positions = dict(base.positions)
        self.problems: list[Problem] = []

    def mismatch(self, lang: str, path: KeyPath, message: str) -> None:
        where = self.translations[lang].position(path)
        self.problems.append(Problem(f"{message} (compare {Path(self.base.file).name})", where))

    def merge(self, base: Any, others: dict[str, Any], path: KeyPath) -> Any:
        others = {lang: value for lang, value in others.items() if value is not None}
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if isinstance(base, str) or _is_lang_map(base):
            return self.text(base, others, path, key)
        if isinstance(base, dict):
            for lang, value in others.items():
                if not isinstance(value, dict) or _is_lang_map(value):
                    self.mismatch(lang, path, "a different kind of content than the base file")
                    continue
                for extra in set(value) - set(base):
                    self.problems.append(
                        Problem(
                            f"{extra!r} is not in the base file",
                            self.translations[lang].key_position((*path, extra)),
                        )
                    )
            return {
                k: self.merge(
                    v,
                    {lang: o.get(k) for lang, o in others.items() if isinstance(o, dict)},
                    (*path, k),
                )
                for k, v in base.items()
            }
        if isinstance(base, list):
            for lang, value in others.items():
                if not isinstance(value, list):
                    self.mismatch(lang, path, "a different kind of content than the base file")
                elif len(value) != len(base):
                    self.mismatch(
                        lang, path, f"{_entries(len(value))} here but {len(base)} in the base file"
                    )
            usable = {
                lang: value
                for lang, value in others.items()
                if isinstance(value, list) and len(value) == len(base)
            }
            return [
                self.merge(item, {lang: v[i] for lang, v in usable.items()}, (*path, i))
                for i, item in enumerate(base)
            ]
        return base

    def text(self, base: Any, others: dict[str, Any], path: KeyPath, key: str) -> Any:
        if key in _NOT_TEXT or (key == "classification" and isinstance(base, str)):
            return base
        merged = dict(base) if isinstance(base, dict) else {self.base_lang: base}
        for lang, value in others.items():
            if isinstance(value, str):
                merged[lang] = value
                where = self.translations[lang].positions.get(path)
                if where is not None:
                    self.positions[(*path, lang)] = where
            elif _is_lang_map(value):
                merged.update(value)
            else:
                self.mismatch(lang, path, "a text in the base file, something else here")
        return merged


def _is_lang_map(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and not set(value) <= _STRUCTURE
        and all(isinstance(k, str) and _LANG.match(k) for k in value)
    )


def _entries(n: int) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"
