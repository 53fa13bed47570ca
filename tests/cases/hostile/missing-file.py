"""A brief that does not exist."""

from pathlib import Path

EXPECT = "error -: no such file"


def make(folder: Path) -> Path:
    return folder / "does-not-exist.yaml"
