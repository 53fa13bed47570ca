"""Per-language Markdown files merged into one brief.

``brief.md`` is written in its ``lang``; ``brief.az.md`` and ``brief.ru.md`` beside it
hold the same document in other languages: the same headings, blocks, list items and
table cells in the same order, and in their front matter only the texts to translate
(title, subtitle, memo, authors, keywords, source titles...). Each text of the base file
becomes a map ``{en: ..., az: ..., ru: ...}``, exactly as a YAML brief writes it, so
the rest of the toolkit never knows the brief came in several files. A translation
whose structure differs is an error at the translation's line.

The merge walks the base data along the model's type hints (briefing/decode.py says
how to read them): what the model calls a text is merged, everything else (dates,
links, kinds, widths, a standard classification) is the base file's. So a field or
block kind added to the model is merged with no change here.
"""

from __future__ import annotations

import dataclasses
import glob
from collections.abc import Mapping
from pathlib import Path
from typing import get_args, get_origin

from briefing.decode import (
    Raw,
    fields_of,
    is_keyword,
    is_text,
    is_text_list,
    member_for,
    optional_inner,
    union_members,
)
from briefing.errors import BriefError, KeyPath, Position, Problem
from briefing.limits import Limits
from briefing.model import LANG_CODE, Brief, Text
from briefing.readers import Source, read_text
from briefing.readers.markdown_source import load_markdown


def is_language(code: str) -> bool:
    """Whether ``code`` (from a file name) names a language: a well-formed tag that has a
    catalog or that CLDR knows. ``brief.bak.md`` or ``brief.old.md`` is not a translation."""
    if not LANG_CODE.match(code):
        return False
    from briefing.i18n.catalog import catalog_languages

    if code.lower() in {c.lower() for c in catalog_languages()}:
        return True
    from babel import localedata  # only when a file looks like a translation

    return bool(localedata.exists(code.replace("-", "_")))


def translation_files(path: Path) -> dict[str, Path]:
    """``brief.<lang>.md`` files beside ``brief.md``, by language code.

    The brief's name is matched literally (a name such as ``a?.md`` or ``c[1].md`` is
    not a pattern), and a translation that is a link leading out of the brief's folder
    is an error: nothing is read beyond where the user pointed.
    """
    found = {}
    pattern = f"{glob.escape(path.stem)}.*{glob.escape(path.suffix)}"
    folder = path.parent.resolve()
    for candidate in sorted(path.parent.glob(pattern)):
        code = candidate.name[len(path.stem) + 1 : -len(path.suffix)]
        if not (is_language(code) and candidate.is_file()):
            continue
        if not candidate.resolve().is_relative_to(folder):
            raise BriefError(
                Problem(
                    f"this translation is a link to {candidate.resolve()}, outside the "
                    "brief's folder; it is not read",
                    Position(str(candidate), 1, 1),
                )
            )
        found[code] = candidate
    return found


def load_markdown_brief(path: Path, limits: Limits | None = None) -> Source:
    """The base Markdown file merged with its translation files."""
    parts = path.name.split(".")
    if len(parts) >= 3 and is_language(parts[-2]):
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
    return merge_translations(source, translations)


def merge_translations(source: Source, translations: Mapping[str, Source]) -> Source:
    """One Source: the base's data with every text a map of its languages."""
    if not translations:
        return source
    data = source.data
    lang = data.get("lang") if isinstance(data, dict) else None
    base_lang = lang if isinstance(lang, str) else "en"
    from briefing.i18n.language import same_language

    for code, other in translations.items():
        if same_language(code, base_lang):  # it would replace the base file's own texts
            raise BriefError(
                Problem(
                    f"{Path(other.file).name} is in {code}, the language of "
                    f"{Path(source.file).name} itself (lang: {base_lang}); rename it or "
                    "change the brief's lang",
                    Position(other.file, 1, 1),
                )
            )
    merger = _Merger(source, translations, base_lang)
    merged = merger.merge(Brief, {}, data, {c: t.data for c, t in translations.items()}, ())
    problems = source.problems + [p for t in translations.values() for p in t.problems]
    warnings = source.warnings + [w for t in translations.values() for w in t.warnings]
    return Source(
        source.file,
        merged,
        merger.positions,
        source.key_positions,
        problems + merger.problems,
        warnings,
    )


class _Merger:
    def __init__(self, base: Source, translations: Mapping[str, Source], base_lang: str) -> None:
        self.base = base
        self.translations = translations
        self.base_lang = base_lang
        self.positions = dict(base.positions)
        self.problems: list[Problem] = []

    def mismatch(self, lang: str, path: KeyPath, message: str) -> None:
        where = self.translations[lang].position(path)
        self.problems.append(Problem(f"{message} (compare {Path(self.base.file).name})", where))

    def merge(
        self,
        hint: object,
        meta: Mapping[str, object],
        base: Raw,
        others: Mapping[str, Raw],
        path: KeyPath,
    ) -> Raw:
        """``base`` with the translations in ``others`` merged in, as ``hint`` says."""
        others = {lang: value for lang, value in others.items() if value is not None}
        if base is None:
            return None
        if is_text_list(hint):
            shape: object = list[Text] if isinstance(base, list) else Text
            return self.merge(shape, meta, base, others, path)
        if is_text(hint):
            return self.text(base, others, path, meta)
        inner = optional_inner(hint)
        if inner is not None:
            return self.merge(inner, meta, base, others, path)
        union = union_members(hint)
        if union is not None:
            cls = member_for(union[0], base)
            if cls is not None:
                return self.merge(cls, meta, base, others, path)
            return self.text(base, others, path, meta) if union[1] else base
        if get_origin(hint) is list:
            return self.list(get_args(hint)[0], base, others, path)
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return self.record(hint, base, others, path)
        return self.same(base, others, path)  # a date, number, kind or link

    def same(self, base: Raw, others: Mapping[str, Raw], path: KeyPath) -> Raw:
        """A value that is not translated: a translation may leave it out or repeat it,
        but one that differs would be silently ignored, so it is an error there."""
        for lang, value in others.items():
            if value != base:
                where = self.translations[lang].position(path)
                self.problems.append(
                    Problem(
                        f"{value!r} differs from the base file's {base!r}: this value is not "
                        "translated; leave it out here or write it as in the base file",
                        where,
                    )
                )
        return base

    def record(self, cls: type, base: Raw, others: Mapping[str, Raw], path: KeyPath) -> Raw:
        if not isinstance(base, dict):
            return base  # the decoder reports the wrong shape
        usable: dict[str, dict[str, Raw]] = {}
        for lang, value in others.items():
            if not isinstance(value, dict):
                self.mismatch(lang, path, "a different kind of content than the base file")
                continue
            usable[lang] = value
            for extra in value.keys() - base.keys():
                where = self.translations[lang].key_position((*path, extra))
                self.problems.append(Problem(f"{extra!r} is not in the base file", where))
        fields = {f.key: f for f in fields_of(cls)}
        out: dict[str, Raw] = {}
        for key, value in base.items():
            f = fields.get(key)
            if f is None:
                out[key] = value  # an unknown key: the decoder reports it
                continue
            theirs = {lang: o.get(key) for lang, o in usable.items()}
            out[key] = self.merge(f.hint, f.metadata, value, theirs, (*path, key))
        return out

    def list(self, item: object, base: Raw, others: Mapping[str, Raw], path: KeyPath) -> Raw:
        if not isinstance(base, list):
            return base
        usable: dict[str, list[Raw]] = {}
        for lang, value in others.items():
            if not isinstance(value, list):
                self.mismatch(lang, path, "a different kind of content than the base file")
            elif len(value) != len(base):
                self.mismatch(
                    lang, path, f"{_entries(len(value))} here but {len(base)} in the base file"
                )
            else:
                usable[lang] = value
        return [
            self.merge(item, {}, entry, {lang: v[i] for lang, v in usable.items()}, (*path, i))
            for i, entry in enumerate(base)
        ]

    def text(
        self, base: Raw, others: Mapping[str, Raw], path: KeyPath, meta: Mapping[str, object]
    ) -> Raw:
        if is_keyword(base, meta):
            return self.same(base, others, path)  # a standard classification
        if isinstance(base, str):
            merged: dict[str, Raw] = {self.base_lang: base}
        elif isinstance(base, dict):
            merged = dict(base)
        else:
            return base  # not a text: the decoder reports it
        for lang, value in others.items():
            if isinstance(value, str):
                merged[lang] = value
                where = self.translations[lang].positions.get(path)
                if where is not None:
                    self.positions[(*path, lang)] = where
            elif isinstance(value, dict):
                merged.update(value)
            else:
                self.mismatch(lang, path, "a text in the base file, something else here")
        return merged


def _entries(n: int) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"
