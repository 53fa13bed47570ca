"""An HTML comment never closed would hide the rest of the brief: an error at its start."""

from pathlib import Path

EXPECT = (
    "error 8:8: this HTML comment is never closed with -->; "
    "close it, or write the text without <!--"
)


def make(folder: Path) -> Path:
    path = folder / "unclosed-html-comment.md"
    path.write_text(
        "---\ntitle: Unclosed comment\ndate: 2026-11-26\n---\n\n## Economy {kind=background}\n\n"
        "Growth <!-- reviewer: the rest of the brief\n\n## Outlook {kind=outlook}\n\nText.\n",
        encoding="utf-8",
    )
    return path
