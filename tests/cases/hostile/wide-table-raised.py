"""With the limit raised, 50 narrow columns still render, every cell inside the page."""

from pathlib import Path

EXPECT = "ok"
ARGS = ["--limit", "table-columns=60"]
CONTAINS = ["C0", "C49", "Dəyər49"]


def make(folder: Path) -> Path:
    columns = ", ".join(f"C{n}" for n in range(50))
    row = ", ".join(f"Dəyər{n}" for n in range(50))
    path = folder / "wide-table-raised.yaml"
    path.write_text(
        "title: Wide table\ndate: 2026-11-26\nsections:\n  - kind: analysis\n    body:\n"
        f"      - table:\n          columns: [{columns}]\n          rows:\n            - [{row}]\n"
    )
    return path
