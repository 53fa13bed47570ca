"""The pipeline, once: load -> validate -> localize -> check -> render -> bytes -> file.

The CLI, batch, watch and the library (and a server) all go through these functions, so
the same problem gets the same message everywhere. Each step raises a
:class:`~briefing.errors.BriefError` for anything the user can fix, a
:class:`~briefing.errors.UsageError` for a value that names nothing briefing knows (a
language without a catalog, a format, a template), and never prints. docs/api.md shows
them in use.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import BriefError, KeyPath, Position, Problem, TemplateError, UsageError
from briefing.limits import Limits
from briefing.model import Brief
from briefing.readers import Source, load_source
from briefing.templates import Template, load_template
from briefing.validate import field_path, validate

if TYPE_CHECKING:
    from briefing.bilingual import Pair
    from briefing.localize import Localized
    from briefing.renderers.options import RenderOptions
    from briefing.tree import Document

SOURCE_FORMATS = {"yaml": "yaml", "yml": "yaml", "markdown": "markdown", "md": "markdown"}


@dataclass(frozen=True)
class LoadedBrief:
    """A checked brief and where it came from (for positions and output names)."""

    path: Path
    source: Source
    brief: Brief
    # Each figure's checked image or chart numbers, by its path (briefing/figures).
    assets: Mapping[KeyPath, object] = field(default_factory=dict)

    @property
    def stem(self) -> str:
        """The name its output files start with: ``brief`` for ``brief.yaml``."""
        return self.path.stem


def load(path: str | Path, limits: Limits | None = None) -> LoadedBrief:
    """Read and validate a brief file; BriefError lists every problem with its position."""
    p = Path(path)
    limits = limits or Limits()
    source = load_source(p, limits)
    return _with_figures(LoadedBrief(p, source, validate(source, limits)), p.parent, limits)


def _with_figures(loaded: LoadedBrief, base: Path | None, limits: Limits) -> LoadedBrief:
    """The brief with its figures read and checked; a brief without any imports nothing."""
    from briefing.figures import has_figures, read_figures

    if not has_figures(loaded.brief):
        return loaded
    assets = read_figures(loaded.brief, loaded.source, base, limits)
    return LoadedBrief(loaded.path, loaded.source, loaded.brief, assets)


def load_text(
    text: str,
    fmt: str = "yaml",
    name: str | None = None,
    translations: Mapping[str, str] | None = None,
    limits: Limits | None = None,
    base: str | Path | None = None,
) -> LoadedBrief:
    """Validate a brief given as text: ``fmt`` is yaml or markdown; ``name`` is the file
    name positions are reported against; ``translations`` maps a language code to the
    text of that language's Markdown file (Markdown only); ``base`` is the folder its
    figures' image files are read from (none: a figure may show a chart, not a file)."""
    limits = limits or Limits()
    kind = SOURCE_FORMATS.get(fmt.lower())
    if kind is None:
        raise UsageError(f"unknown brief format {fmt!r} (known: yaml, markdown)")
    name = name or f"brief.{'md' if kind == 'markdown' else 'yaml'}"
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:  # a lone surrogate: no file could hold it
        before = text[: exc.start]
        line, col = before.count("\n") + 1, exc.start - before.rfind("\n")
        message = f"U+{ord(text[exc.start]):04X} is a lone surrogate, not a character"
        raise BriefError(Problem(message, Position(name, line, col))) from None
    if size > limits.input_bytes:
        from briefing.limits import hint

        needed = -(-size // (1024 * 1024))
        message = f"the text is {size:,} bytes, over the input limit of {limits.input_mb:g} MB"
        raise BriefError(Problem(f"{message}; {hint('input_mb', needed)}", Position(name, 1, 1)))
    from briefing.readers import normalize_newlines

    text = normalize_newlines(text.removeprefix("\ufeff"))
    if kind == "yaml":
        if translations:
            raise UsageError("translation files are for Markdown briefs; YAML holds its own")
        from briefing.readers.yaml_source import load_yaml

        source = load_yaml(text, name, limits)
    else:
        from briefing.readers.markdown_source import load_markdown
        from briefing.readers.translations import is_language, merge_translations

        source = load_markdown(text, name, limits)
        others = {}
        for code, other in (translations or {}).items():
            if not is_language(code):
                raise UsageError(f"{code!r} is not a language code for a translation")
            stem, _, ext = name.rpartition(".")
            file = f"{stem}.{code}.{ext}" if stem else f"{name}.{code}"
            others[code] = load_markdown(normalize_newlines(other), file, limits)
        source = merge_translations(source, others)
    loaded = LoadedBrief(Path(name), source, validate(source, limits))
    return _with_figures(loaded, None if base is None else Path(base), limits)


def warnings(loaded: LoadedBrief, strict: bool = False) -> list[Problem]:
    """What a loaded brief may render with but likely should fix: the reader's warnings
    (a Markdown footnote defined and never referenced) and :func:`figure_warnings`."""
    return [*loaded.source.warnings, *figure_warnings(loaded, strict)]


def figure_warnings(loaded: LoadedBrief, strict: bool = False) -> list[Problem]:
    """A figure without alt text: readers who cannot see it learn nothing of it. A
    warning, or with ``strict`` an error (the brief is then not rendered). Also, as
    warnings, each image of a brief given as text without a folder (not shown)."""
    if not loaded.assets:
        return []
    from briefing.figures import UNREAD, missing_alt

    unread = [
        Problem(
            "the image is not shown (a blank frame stands in): a brief given as text has "
            "no folder to read image files from",
            loaded.source.position((*path, "figure")),
            field_path((*path, "figure")),
            severity="warning",
        )
        for path, asset in loaded.assets.items()
        if asset is UNREAD
    ]
    return unread + [
        Problem(
            "a figure without alt text: add alt, what the figure shows, for readers who "
            "cannot see it",
            loaded.source.position(path),
            field_path(path),
            severity="error" if strict else "warning",
        )
        for path in missing_alt(loaded.brief)
    ]


def languages(asked: Iterable[str], brief: LoadedBrief | None = None) -> list[str]:
    """The output languages for what was asked: codes, ``all`` for every catalog, none
    for the brief's own ``lang``, ``en+az`` for two side by side (bilingual.py). Each is
    checked (UnknownLanguage; a bad pair is a UsageError); duplicates go."""
    from briefing.bilingual import is_pair, pair_name
    from briefing.i18n.catalog import catalog_for, catalog_languages
    from briefing.i18n.language import canonical

    out: list[str] = []
    for lang in asked:
        if lang == "all":
            out += catalog_languages()
        elif is_pair(lang):
            out.append(pair_name(lang))
        else:
            catalog_for(lang)
            out.append(canonical(lang))
    if not out and brief is not None:
        out.append(brief.brief.lang)
    return list(dict.fromkeys(out))


def output_format(fmt: str) -> str:
    """``fmt`` if a renderer writes it, else UnknownFormat naming those that exist."""
    from briefing.renderers import check_format

    return check_format(fmt)


def template(name_or_path: str | Path | None = None) -> Template:
    """A bundled template by name or a template folder, loaded and checked."""
    try:
        return load_template(None if name_or_path is None else str(name_or_path))
    except OSError as exc:  # a name too long for the file system, say
        raise TemplateError(f"{name_or_path}: cannot read the template: {exc.strerror}") from None


def localize(
    loaded: LoadedBrief, lang: str, tpl: Template | None = None, *, date_style: str | None = None
) -> Localized:
    """The document tree in ``lang`` (UnknownLanguage without a catalog); its fallbacks
    (texts not translated) and every text it prints, with their paths. Dates follow
    ``date_style`` if given (``long`` or ``official``), else ``tpl``'s (its theme's
    [document]; without ``tpl``, the memo template's)."""
    from briefing.i18n.catalog import catalog_for
    from briefing.localize import localize as _localize

    catalog_for(lang)
    if date_style is not None:
        from briefing.theme import DATE_STYLES

        if date_style not in DATE_STYLES:
            raise UsageError(f"unknown date style {date_style!r} (known: {', '.join(DATE_STYLES)})")
    style = date_style or (tpl or template()).theme.document.date_style
    return _localize(loaded.brief, loaded.source, lang, source_date(), style, assets=loaded.assets)


@dataclass(frozen=True)
class LocalizedPair:
    """Two languages side by side (``en+az``): the pair of trees to render, and each
    language's own result (its fallbacks and texts), first language first."""

    doc: Pair
    results: tuple[Localized, Localized]


def localize_pair(
    loaded: LoadedBrief, spec: str, tpl: Template | None = None, *, date_style: str | None = None
) -> LocalizedPair:
    """The brief in the two languages of ``spec`` (``en+az``; a UsageError for a
    language twice, more than two or one without a catalog), for a bilingual memo."""
    from briefing.bilingual import Pair, pair_languages

    first, second = pair_languages(spec)
    a = localize(loaded, first, tpl, date_style=date_style)
    b = localize(loaded, second, tpl, date_style=date_style)
    return LocalizedPair(Pair(a.doc, b.doc), (a, b))


def check(
    result: Localized, loaded: LoadedBrief, tpl: Template, strict: bool = False
) -> list[Problem]:
    """What stops ``result`` from being rendered: characters no font of the template can
    show, and with ``strict`` every text that fell back to another language."""
    untranslated = [Problem(p.message, p.position, p.field) for p in result.fallbacks]
    return (untranslated if strict else []) + glyph_problems(result, loaded, tpl)


def render(
    doc: Document | Pair, fmt: str, tpl: Template, options: RenderOptions | None = None
) -> bytes:
    """The bytes of one file of ``doc`` (a localized tree, or a pair of them side by
    side) in ``fmt`` with ``tpl``'s look."""
    from briefing import renderers

    return renderers.render(doc, fmt, tpl, options)


def source_date() -> str | None:
    """SOURCE_DATE_EPOCH as ISO 8601 UTC, for reproducible builds; None if unset."""
    import datetime as dt

    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        stamp = dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise BriefError(f"SOURCE_DATE_EPOCH={value!r} is not a Unix time in seconds") from None
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def glyph_problems(result: Localized, loaded: LoadedBrief, tpl: Template) -> list[Problem]:
    """Characters no font of the template can show, each with its field and position.

    Checked before drawing: reportlab would silently draw an empty box, Word would fall
    back to some other font.
    """
    from briefing.glyphs import covered_chars, missing_chars

    problems = []
    seen: set[tuple[str, str]] = set()
    covered = covered_chars(tpl)
    for path, text in result.texts:
        for ch in missing_chars(text, tpl, covered):
            where = field_path(path) if path is not None else "the toolkit's own text"
            if (ch, where) in seen:
                continue
            seen.add((ch, where))
            problems.append(
                Problem(
                    f"U+{ord(ch):04X} {_char_name(ch)} cannot be shown: "
                    f"no font of template {tpl.name!r} has it",
                    _position(loaded, path),
                    where,
                )
            )
    return problems


def _position(loaded: LoadedBrief, path: KeyPath | None) -> Position | None:
    return loaded.source.position(path) if path is not None else None


def _char_name(ch: str) -> str:
    import unicodedata

    name = unicodedata.name(ch, "")
    return f"({name})" if name else ""


def write_atomic(target: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file in the same folder, then rename.

    A failed or killed render never leaves a partial file under the final name, and
    never touches the previous good output.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise BriefError(f"{target}: is a folder; cannot write the output there")
        if target.is_symlink() or target.exists():
            kind = target.lstat().st_mode
            if not (stat.S_ISREG(kind) or stat.S_ISLNK(kind)):  # a device, a pipe...
                raise BriefError(f"{target}: not a regular file; it is left as it is")
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise BriefError(f"{target.parent}: cannot write output: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BriefError(f"{target}: cannot write output: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def output_path(out_dir: Path, stem: str, lang: str, fmt: str) -> Path:
    """OUT/<brief file stem>.<lang>.<pdf|docx>; ``lang`` may be a pair, ``en+az``."""
    return out_dir / f"{stem}.{lang}.{fmt}"
