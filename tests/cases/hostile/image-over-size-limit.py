"""An image file over the image-mb limit (lowered here), refused before it is decoded."""

from pathlib import Path

from tests.figure_files import brief, png

EXPECT = "error 4:13: big.png: the image is over the image-mb limit"
ARGS = ["--limit", "image-mb=0.01"]


def make(folder: Path) -> Path:
    (folder / "big.png").write_bytes(png(200, 200, bytes(range(256)) * 157) + b"\x00" * 20_000)
    return brief(folder, "big.png")
