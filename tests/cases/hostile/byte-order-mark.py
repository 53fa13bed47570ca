"""A UTF-8 byte-order mark (as Windows editors write) is accepted."""

from pathlib import Path

EXPECT = "ok"
CONTAINS = ["Byte order mark"]


def make(folder: Path) -> Path:
    path = folder / "bom.yaml"
    path.write_bytes("\ufefftitle: Byte order mark\ndate: 2026-11-26\n".encode())
    return path
