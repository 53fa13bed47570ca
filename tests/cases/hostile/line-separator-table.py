"""U+2028 (LINE SEPARATOR) in a Markdown table cell and paragraph: a character of the
text, not a line break, so the table stays valid and later lines keep their numbers
(str.splitlines() broke there: "row has 1 cells but the table has 2 columns")."""

from pathlib import Path

EXPECT = "ok"
CONTAINS = ["Expanding", "TRIPP route", "After the table."]


def make(folder: Path) -> Path:
    path = folder / "line-separator-table.md"
    path.write_text(
        "---\ntitle: Line separator\ndate: 2026-11-26\n---\n\n## Routes {kind=background}\n\n"
        "Before\u2028the table.\n\n| Route | Status |\n|---|---|\n"
        "| Middle\u2028Corridor | Expanding |\n| TRIPP route | Agreed |\n\nAfter the table.\n",
        encoding="utf-8",
    )
    return path
