"""Write the peers' inputs for one brief: the same document tree, in their formats.

Going through our own document tree (``briefing.api.localize(...).doc``) rather than
the YAML means the peers get exactly the text we print, in the output language, with
headings, labels, dates and markings already localized: only layout is compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from export_html import html
from export_markdown import markdown
from export_typst import typst

import briefing
import briefing.api

FONTS = Path(briefing.api.__file__).resolve().parent / "fonts"


@dataclass(frozen=True)
class Exported:
    """The peers' input files of one brief, one per output language each."""

    markdown: tuple[Path, ...]
    typst: tuple[Path, ...]
    html: tuple[Path, ...]


def export(brief: Path, dest: Path, langs: tuple[str, ...]) -> Exported:
    """Localize ``brief`` in each language and write ``dest/<stem>.<lang>.{md,typ,html}``."""
    dest.mkdir(parents=True, exist_ok=True)
    loaded = briefing.api.load(brief)
    md: list[Path] = []
    typ: list[Path] = []
    htm: list[Path] = []
    for lang in langs:
        doc = briefing.api.localize(loaded, lang).doc
        for paths, suffix, text in (
            (md, ".md", markdown(doc)),
            (typ, ".typ", typst(doc)),
            (htm, ".html", html(doc, FONTS)),
        ):
            path = dest / f"{brief.stem}.{lang}{suffix}"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return Exported(tuple(md), tuple(typ), tuple(htm))
