"""120 annexes, each with a long title: the memo block's "Enclosures" row names every
one ("1. ...; 2. ..."), about two pages tall and must split across pages in
both formats; the 120 annexes each start a page of their own."""

import json
from pathlib import Path

EXPECT = "ok"
CONTAINS = ["Enclosure 0000", "Enclosure 0119"]


def make(folder: Path) -> Path:
    words = "a title long enough to take most of a line of the memo block"
    brief = {
        "lang": "en",
        "title": "Many annexes",
        "date": "2026-11-26",
        "memo": {"to": "Desk"},
        "summary": ["Short."],
        "annexes": [{"title": f"Enclosure {n:04d}, {words}", "body": ["x"]} for n in range(120)],
    }
    path = folder / "many-annexes.yaml"
    path.write_text(json.dumps(brief), encoding="utf-8")
    return path
