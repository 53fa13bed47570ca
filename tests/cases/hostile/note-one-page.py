"""A note and a quote about one page long each, in en, az and ru, split across pages."""

from pathlib import Path

from tests.long_note import items, write_brief

EXPECT = "ok"
PAGES = 1
CONTAINS = ["N00000", f"N{items(PAGES) - 1:05d}"]


def make(folder: Path) -> Path:
    return write_brief(folder / f"{Path(__file__).stem}.yaml", PAGES)
