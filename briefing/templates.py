"""Find a template folder and read its theme.

A template is data: ``templates/<name>/`` (or any folder given with ``-t``) holds
``theme.toml`` (the PDF look: page, fonts, sizes, colours, styles) and
``reference.docx`` (the styles the DOCX output uses). Adding a template is adding a
folder; no code lists them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import BriefError
from briefing.resources import templates_dir

DEFAULT_TEMPLATE = "memo"


@dataclass(frozen=True)
class Template:
    name: str
    path: Path
    theme: dict[str, Any]

    @property
    def reference_docx(self) -> Path:
        return self.path / "reference.docx"


def available() -> list[str]:
    """Names of the bundled templates."""
    root = templates_dir()
    return sorted(p.name for p in root.iterdir() if (p / "theme.toml").is_file())


def load_template(name_or_path: str | None = None) -> Template:
    """A bundled template by name, or a folder path a user brought."""
    spec = name_or_path or DEFAULT_TEMPLATE
    candidate = Path(spec)
    if candidate.is_dir():
        folder = candidate
    else:
        folder = templates_dir() / spec
        if not folder.is_dir():
            known = ", ".join(available())
            raise BriefError(f"unknown template {spec!r} (known: {known}; or give a folder path)")
    theme_file = folder / "theme.toml"
    if not theme_file.is_file():
        raise BriefError(f"{folder}: a template folder needs a theme.toml")
    try:
        theme = tomllib.loads(theme_file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BriefError(f"{theme_file}: {exc}") from None
    return Template(name=folder.name, path=folder.resolve(), theme=theme)
