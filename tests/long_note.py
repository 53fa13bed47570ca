"""The brief of the note-*-pages hostile cases: a note and a quote of a given length.

Shared so that each case file says only how long its note is.
"""

from __future__ import annotations

import json
from pathlib import Path

PHRASES = {
    "en": "Strategic partnership",
    "az": "Strateji tərəfdaşlıq",
    "ru": "Стратегическое партнёрство",
}
ITEMS_PER_PAGE = 150  # numbered phrases that fill about a page


def items(pages: int) -> int:
    return ITEMS_PER_PAGE * pages


def write_brief(path: Path, pages: int) -> Path:
    """A brief whose note and quote are each about ``pages`` pages long, in three
    languages, numbered N00000... so a reader can check nothing was lost."""
    each = {
        lang: " ".join(f"{phrase} N{n:05d}" for n in range(items(pages)))
        for lang, phrase in PHRASES.items()
    }
    brief = {
        "lang": "en",
        "title": {"en": "Long note", "az": "Uzun qeyd", "ru": "Длинная заметка"},
        "date": "2026-11-26",
        "sections": [
            {
                "kind": "analysis",
                "body": [
                    {"en": "Before.", "az": "Əvvəl.", "ru": "До."},
                    {"note": each},
                    {"quote": each, "by": {"en": "Someone", "az": "Kimsə", "ru": "Кто-то"}},
                    {"en": "After.", "az": "Sonra.", "ru": "После."},
                ],
            }
        ],
    }
    path.write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    return path
