"""Memo fields (To, Cc, Subject) and an author list each longer than a page.

The memo rows split inside a row, across pages; the DOCX core properties (author,
subject) are shortened to 255 characters while the body keeps every name.
"""

import json
from pathlib import Path

EXPECT = "ok"
CONTAINS = ["T00000", "T00599", "C00000", "C00299", "A00000", "A00299"]
PHRASES = {"en": "Regional desk", "az": "Regional şöbə", "ru": "Региональный отдел"}


def make(folder: Path) -> Path:
    def text(mark: str, count: int) -> dict[str, str]:
        return {
            lang: " ".join(f"{p} {mark}{n:05d}" for n in range(count))
            for lang, p in PHRASES.items()
        }

    brief = {
        "lang": "en",
        "title": {"en": "Long memo field", "az": "Uzun memo sahəsi", "ru": "Длинное поле"},
        "date": "2026-11-26",
        "memo": {
            "to": text("T", 600),
            "from": "Desk",
            "cc": [f"C{n:05d}" for n in range(300)],
            "subject": text("S", 200),
        },
        "authors": [f"A{n:05d}" for n in range(300)],
        "summary": [{"en": "Short.", "az": "Qısa.", "ru": "Кратко."}],
    }
    path = folder / "long-memo-field.yaml"
    path.write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    return path
