"""A brief saved as UTF-16 with a BOM ("Unicode" in Windows Notepad): named at 1:1."""

from pathlib import Path

EXPECT = "error 1:1: the file is UTF-16 (little-endian) text, not UTF-8"


def make(folder: Path) -> Path:
    path = folder / "unicode.yaml"
    path.write_bytes("title: Unicode\ndate: 2026-11-26\n".encode("utf-16"))
    return path
