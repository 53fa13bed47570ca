"""A note and a quote about ten pages long each, in en, az and ru, split across pages."""

from pathlib import Path

EXPECT = "ok"
PAGES = 10
ITEMS = 150 * PAGES  # ~150 numbered phrases fill a page
CONTAINS = ["N00000", f"N{ITEMS - 1:05d}"]
PHRASES = {
    "en": "Strategic partnership",
    "az": "Strateji tərəfdaşlıq",
    "ru": "Стратегическое партнёрство",
}


def text(lang: str) -> str:
    return " ".join(f"{PHRASES[lang]} N{n:05d}" for n in range(ITEMS))


def make(folder: Path) -> Path:
    import json

    each = {lang: text(lang) for lang in PHRASES}
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
    path = folder / f"{Path(__file__).stem}.yaml"
    path.write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    return path
