"""A 200 KB paragraph renders, split across pages, within the time limit."""

from pathlib import Path

EXPECT = "ok"
CONTAINS = ["Abşeron yarımadası 0", "Abşeron yarımadası 9999"]


def make(folder: Path) -> Path:
    words = " ".join(f"Abşeron yarımadası {n}" for n in range(10_000))
    path = folder / "big-paragraph.yaml"
    path.write_text(f'title: Big paragraph\ndate: 2026-11-26\nsummary:\n  - "{words}"\n')
    assert path.stat().st_size > 200_000
    return path
