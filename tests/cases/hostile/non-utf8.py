"""A Latin-1 (not UTF-8) file: an error pointing at the first byte that is not UTF-8."""

from pathlib import Path

EXPECT = "error 2:12: not UTF-8 text (byte 0xe7); save the file as UTF-8"


def make(folder: Path) -> Path:
    path = folder / "non-utf8.yaml"
    path.write_bytes("date: 2026-11-26\ntitle: Fran\xe7ais\n".encode("latin-1"))
    return path
