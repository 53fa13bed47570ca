"""A 60,000-character reference: printed whole on page 1, cut to fit in every footer.

The footer's cut measures each character once (it cut one character at a time and
measured again: 53 s for this brief).
"""

import json
from pathlib import Path

EXPECT = "ok"
REFERENCE = "PB-" + "0123456789" * 6_000
CONTAINS = ["PB-0123456789", "0123456789" * 20]


def make(folder: Path) -> Path:
    brief = {
        "lang": "en",
        "title": {"en": "Long reference", "az": "Uzun nömrə", "ru": "Длинный номер"},
        "date": "2026-11-26",
        "reference": REFERENCE,
        "summary": [{"en": "Short.", "az": "Qısa.", "ru": "Кратко."}],
    }
    path = folder / "long-reference.yaml"
    path.write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    return path
