"""A 50 MB file is refused at once by the input limit, before it is read."""

from pathlib import Path

EXPECT = (
    "error 1:1: the file is 52,428,800 bytes, over the input limit of 5 MB; "
    "raise it with --limit input-mb=50"
)


def make(folder: Path) -> Path:
    path = folder / "huge-file.yaml"
    with path.open("wb") as fh:
        fh.write(b"title: Huge\ndate: 2026-11-26\nsummary:\n  - ")
        fh.truncate(50 * 1024 * 1024)
    return path
