"""HTML comments in a Markdown brief are private notes: dropped, never printed (inline,
on lines of their own, over several lines); the text around them is. A comment inside a
code span is text. (tests/test_readers_robust.py checks no output holds a comment.)"""

from pathlib import Path

EXPECT = "ok"
CONTAINS = ["Growth was 4.1% last year.", "First row", "Code `<!-- kept -->` stays."]


def make(folder: Path) -> Path:
    path = folder / "html-comment.md"
    path.write_text(
        "---\ntitle: Comments\ndate: 2026-11-26\n---\n\n<!-- draft: not for the minister -->\n"
        "## Economy {kind=background}\n\n"
        "Growth was 4.1% <!-- reviewer: check this number --> last year.\n\n"
        "<!--\nTODO: a paragraph on inflation\n\nand one on trade\n-->\n\n"
        "| Row | Value |\n|---|---|\n| First row | 1 |\n<!-- hidden row note -->\n"
        "| Second row <!-- really? --> | 2 |\n\nCode `<!-- kept -->` stays.\n",
        encoding="utf-8",
    )
    return path
