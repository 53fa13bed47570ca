"""A PNG cut off in the middle of its pixel data."""

from pathlib import Path

from tests.figure_files import brief, png

EXPECT = "error 4:13: a damaged PNG image"


def make(folder: Path) -> Path:
    data = png(200, 200, bytes(range(256)) * 157)  # 200 rows of filter byte + 200 pixels
    (folder / "cut.png").write_bytes(data[: len(data) // 2])
    return brief(folder, "cut.png")
