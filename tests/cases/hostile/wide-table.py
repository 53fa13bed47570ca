"""50 columns is over the default table-columns limit: a clear error saying how to raise it."""

from pathlib import Path

EXPECT = (
    "error 9:20: sections[0].body[0].table.columns: 50 columns, over the table-columns limit "
    "of 30; raise it with --limit table-columns=50"
)


def make(folder: Path) -> Path:
    columns = ", ".join(f"C{n}" for n in range(50))
    row = ", ".join(str(n) for n in range(50))
    path = folder / "wide-table.yaml"
    path.write_text(
        "title: Wide table\ndate: 2026-11-26\nsections:\n  - kind: analysis\n    body:\n"
        "      - table:\n          rows:\n"
        f"            - [{row}]\n          columns: [{columns}]\n"
    )
    return path
