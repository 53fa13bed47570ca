"""[fonts] of theme.toml: the font families, their files, and the body and heading roles.

Separate from themeread because fonts are the part of a theme that reaches the file
system: each face is a file found in the template folder or among the bundled fonts
(briefing.fontfiles checks it), and a family is complete only when every face resolves.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from briefing.fontfiles import FontFileError, resolve_font
from briefing.theme import FACES, FontFamily, FontSettings
from briefing.themevalues import ThemeReader, show

FAMILY_KEYS = ("name", *FACES)


def read_fonts(r: ThemeReader, folder: Path, data: Mapping[str, Any]) -> FontSettings | None:
    if "fonts" not in data:
        r.fail((), "a [fonts] table is required")
        return None
    table = r.table(data, ("fonts",), ("body", "headings", "fallbacks", "families"))
    declared = r.table(table, ("fonts", "families"), None)
    families: dict[str, FontFamily] = {}
    for key in declared:
        family = _family(r, folder, declared, key)
        if family is not None:
            families[key] = family
    if not declared:
        r.fail(("fonts",), "[fonts.families] declares no family")

    def role(key: str, default: str | None) -> str | None:
        value = table.get(key, default)
        if value is None:
            r.fail(("fonts",), f"[fonts] needs {key!r}: the key of a family")
            return None
        name = r.typed(value, ("fonts", key), str, "a family key")
        if name is not None and name not in declared:
            r.fail(("fonts", key), f"{name!r} is not a family of [fonts.families]")
            return None
        return name

    body = role("body", None)
    headings = role("headings", body)
    fallbacks: list[str] = []
    raw = table.get("fallbacks", [])
    if r.typed(raw, ("fonts", "fallbacks"), list, "a list of family keys") is not None:
        for item in raw:
            if isinstance(item, str) and item in declared:
                fallbacks.append(item)
            else:
                r.fail(("fonts", "fallbacks"), f"{show(item)} is not a family of [fonts.families]")
    if body is None or headings is None or len(families) != len(declared):
        return None
    return FontSettings(body, headings, tuple(fallbacks), families)


def _family(
    r: ThemeReader, folder: Path, declared: Mapping[str, Any], key: str
) -> FontFamily | None:
    path = ("fonts", "families", key)
    spec = r.table(declared, path, FAMILY_KEYS)
    if not spec:
        r.fail(path, f"[fonts.families.{key}] needs a 'regular' face")
        return None
    name = r.typed(spec.get("name", key), (*path, "name"), str, "a text") or key
    files: dict[str, Path] = {}
    ok = True
    if "regular" not in spec:
        r.fail(path, f"[fonts.families.{key}] needs a 'regular' face")
        ok = False
    for face in FACES:
        if face not in spec:
            continue
        file_name = r.typed(spec[face], (*path, face), str, "a font file name")
        if file_name is None:
            ok = False
            continue
        try:
            files[face] = resolve_font(folder, file_name)
        except FontFileError as exc:
            r.fail((*path, face), str(exc))
            ok = False
    if not ok:
        return None
    files.setdefault("bold", files["regular"])
    files.setdefault("italic", files["regular"])
    files.setdefault("bold_italic", files["bold"])
    return FontFamily(key, name, **files)
