"""A 1,000-row table renders across pages with its header repeated."""

from pathlib import Path

EXPECT = "ok"
CONTAINS = ["Marşrut 0", "Marşrut 999"]


def make(folder: Path) -> Path:
    row = '            - ["Marşrut {n}", "{km} km", "Genişlənir"]\n'
    rows = "".join(row.format(n=n, km=n * 10) for n in range(1000))
    path = folder / "big-table.yaml"
    path.write_text(
        "title: Big table\ndate: 2026-11-26\nsections:\n  - kind: analysis\n    body:\n"
        "      - table:\n          columns: [Route, Length, Status]\n          rows:\n" + rows
    )
    return path
