"""A ```brief block in Markdown is read by the YAML reader, with its safety rules: an
object tag is refused at its line and column in the Markdown file."""

from pathlib import Path

EXPECT = "error 9:7: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"


def make(folder: Path) -> Path:
    path = folder / "brief-block-python-tag.md"
    path.write_text(
        "---\ntitle: Tagged\ndate: 2026-11-26\n---\n\n## Economy {kind=background}\n\n"
        "```brief\nnote: !!python/object/apply:os.system [echo owned]\n```\n",
        encoding="utf-8",
    )
    return path
