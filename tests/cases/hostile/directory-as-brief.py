"""A folder given as the brief."""

from pathlib import Path

EXPECT = "error 1:1: is a folder, not a brief file"


def make(folder: Path) -> Path:
    path = folder / "a-folder.yaml"
    path.mkdir()
    return path
