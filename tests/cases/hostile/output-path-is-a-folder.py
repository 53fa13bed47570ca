"""The output file's name is taken by a folder: that file fails, the others are written."""

from pathlib import Path

EXPECT = "error -: is a folder; cannot write the output there"
ARGS = ["-o", "{folder}/out"]
WRITTEN = 5  # every language and format but the one that is a folder


def make(folder: Path) -> Path:
    (folder / "out" / "brief.en.pdf").mkdir(parents=True)
    path = folder / "brief.yaml"
    path.write_text("title: Output\ndate: 2026-11-26\n")
    return path
