"""The one place that knows where templates, catalogs and fonts live.

In a source checkout (and an editable install) ``templates/`` and ``locales/`` sit at
the top of the repository, beside the package. A wheel carries them inside the package
as ``briefing/_data/`` (see pyproject.toml), so a non-editable install renders from any
working folder. Fonts are package data under ``briefing/fonts/``.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_root() -> Path:
    """The folder that holds ``templates/`` and ``locales/``."""
    bundled = PACKAGE_DIR / "_data"
    if (bundled / "locales").is_dir():
        return bundled
    return PACKAGE_DIR.parent


def templates_dir() -> Path:
    return data_root() / "templates"


def bundled_locales_dir() -> Path:
    """The catalogs that ship with briefing (and their compiled forms)."""
    return data_root() / "locales"


def locales_dir() -> Path:
    """The catalogs; BRIEFING_LOCALES points at another folder (e.g. to try a new one)."""
    override = os.environ.get("BRIEFING_LOCALES")
    return Path(override) if override else bundled_locales_dir()


def fonts_dir() -> Path:
    return PACKAGE_DIR / "fonts"
