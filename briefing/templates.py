"""Find a template folder and load its checked theme.

A template is data: ``templates/<name>/`` (or any folder given with ``-t``) holds
``theme.toml`` (the PDF look: page, fonts, sizes, colours, styles) and
``reference.docx`` (the styles the DOCX output uses). Adding a template is adding a
folder; no code lists them.

A folder given with ``-t`` may come from anyone, so it is untrusted input: its theme is
checked whole when it loads (theme.py), its font files are looked up only inside it,
and its reference.docx is read with limits and rebuilt from the parts briefing uses
(renderers/docx/reference.py) — also when it loads, so a broken template fails before
any file is written. The bundled templates ship with the package and are tested; their
reference.docx is used as it is (tests check that the cleaner would not change it),
and read only when a DOCX is rendered.

Loading is cached per process on the theme file's path, size and time: a batch of
briefs reads and checks each theme once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.errors import Problem, TemplateError, UnknownTemplate
from briefing.resources import templates_dir
from briefing.theme import Theme, load_theme

DEFAULT_TEMPLATE = "memo"


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    theme: Theme

    @property
    def reference_docx(self) -> Path:
        return self.path / "reference.docx"

    @property
    def description(self) -> str:
        return self.theme.description


def available() -> list[str]:
    """Names of the bundled templates."""
    root = templates_dir()
    return sorted(p.name for p in root.iterdir() if (p / "theme.toml").is_file())


def find_template(name_or_path: str | None = None) -> Path:
    """The folder of a bundled template by name, or a folder path a user brought."""
    spec = name_or_path or DEFAULT_TEMPLATE
    candidate = Path(spec)
    if candidate.is_dir():
        folder = candidate
    else:
        folder = templates_dir() / spec
        if "/" in spec or "\\" in spec or spec.startswith(".") or not folder.is_dir():
            known = ", ".join(available())
            raise UnknownTemplate(
                f"unknown template {spec!r} (known: {known}; or give a folder path)"
            )
    if not (folder / "theme.toml").is_file():
        raise TemplateError(f"{folder}: a template folder needs a theme.toml")
    return folder.resolve()


def load_template(name_or_path: str | None = None) -> Template:
    """A bundled template by name, or a folder path a user brought, checked.

    Raises UnknownTemplate for a name that is neither, and TemplateError listing every
    problem of its theme, fonts and (for a folder not bundled) reference.docx.
    """
    folder = find_template(name_or_path)
    theme_file = folder / "theme.toml"
    stat = theme_file.stat()
    key = (folder, stat.st_mtime_ns, stat.st_size)
    found = _LOADED.get(key)
    if found is None:
        found = Template(name=folder.name, path=folder, theme=load_theme(folder))
        if not _bundled(folder):
            _check_reference(found)
        if len(_LOADED) >= _MAX_LOADED:
            del _LOADED[next(iter(_LOADED))]
        _LOADED[key] = found
    return found


_MAX_LOADED = 8
_LOADED: dict[tuple[Path, int, int], Template] = {}


def _bundled(folder: Path) -> bool:
    return folder.parent == templates_dir().resolve()


def _check_reference(template: Template) -> None:
    from briefing.renderers.docx.reference import clean_reference, template_reference

    path = template_reference(template.path)
    if path is not None:
        clean_reference(path)


def check_template(name_or_path: str) -> list[Problem]:
    """Every problem of a template: theme, fonts and reference.docx, and its warnings
    (severity "warning": usable, but see the message). Usable when no error is listed."""
    folder = find_template(name_or_path)
    problems: list[Problem] = []
    try:
        problems += load_theme(folder).warnings
    except TemplateError as exc:
        problems += exc.problems
    from briefing.renderers.docx.reference import clean_reference, template_reference

    try:
        path = template_reference(folder)
        if path is not None:
            clean_reference(path)
    except TemplateError as exc:
        problems += exc.problems
    return problems
