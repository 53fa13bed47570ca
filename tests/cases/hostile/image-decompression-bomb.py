"""A 100-byte PNG that claims 100,000 × 100,000 pixels (10 billion): refused from its
header by the image-pixels limit, before a pixel is decoded."""

from pathlib import Path

from tests.figure_files import brief, png

EXPECT = "error 4:13: the image has 10,000,000,000 pixels"


def make(folder: Path) -> Path:
    (folder / "bomb.png").write_bytes(png(100_000, 100_000, b"\x00" * 1000))
    return brief(folder, "bomb.png")
