"""Table header cells longer than a page, and half a page, in en, az and ru.

A header row taller than a third of the frame is printed once, not repeated (it would
leave no room for the rows under it); taller than the frame, it splits across pages.
"""

import json
from pathlib import Path

EXPECT = "ok"
CONTAINS = ["H00000", "H00599", "K00000", "K00099", "R0", "R199"]
PHRASES = {"en": "Route status", "az": "Marşrutun vəziyyəti", "ru": "Состояние маршрута"}


def make(folder: Path) -> Path:
    def cell(mark: str, count: int) -> dict[str, str]:
        return {
            lang: " ".join(f"{p} {mark}{n:05d}" for n in range(count))
            for lang, p in PHRASES.items()
        }

    brief = {
        "lang": "en",
        "title": {"en": "Long table header", "az": "Uzun başlıq", "ru": "Длинный заголовок"},
        "date": "2026-11-26",
        "sections": [
            {
                "kind": "analysis",
                "body": [
                    {"table": {"columns": [cell("H", 600), "B"], "rows": [["a", "b"], ["c", "d"]]}},
                    {
                        "table": {
                            "columns": [cell("K", 100), "Km"],
                            "rows": [[f"R{n}", f"{n * 10} km"] for n in range(200)],
                        }
                    },
                ],
            }
        ],
    }
    path = folder / "long-table-header.yaml"
    path.write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    return path
