"""TOML front matter (+++, as Hugo writes): reported as such at line 1, not as a brief
with no title and no date."""

from pathlib import Path

EXPECT = (
    "error 1:1: front matter starts with +++ (TOML); "
    "briefing reads YAML front matter between --- lines"
)


def make(folder: Path) -> Path:
    path = folder / "toml-front-matter.md"
    path.write_text(
        '+++\ntitle = "TOML"\ndate = 2026-11-26\n+++\n\n## Economy {kind=background}\n\nText.\n',
        encoding="utf-8",
    )
    return path
