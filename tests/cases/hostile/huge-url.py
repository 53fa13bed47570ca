"""A 100,000-character URL, printed as its own link text in a paragraph and a source.

Every line of the wrapped link has its own annotation, all pointing at one shared URI
action, so the PDF stays well under a megabyte (it was 249 MB, one copy of the address
per line). Needs the url-chars limit raised.
"""

import json
from pathlib import Path

EXPECT = "ok"
ARGS = ["--limit", "url-chars=200000"]
URL = "https://example.org/" + "a" * 99_980
CONTAINS = ["https://example.org/aaaa"]


def make(folder: Path) -> Path:
    brief = {
        "lang": "en",
        "title": {"en": "Huge URL", "az": "Nəhəng ünvan", "ru": "Огромный адрес"},
        "date": "2026-11-26",
        "summary": [
            {
                "en": f"See [{URL}]({URL}).",
                "az": f"Baxın: [{URL}]({URL}).",
                "ru": f"См. [{URL}]({URL}).",
            }
        ],
        "sources": [{"title": "Long", "url": URL}],
    }
    path = folder / "huge-url.yaml"
    path.write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    assert len(URL) == 100_000
    return path
