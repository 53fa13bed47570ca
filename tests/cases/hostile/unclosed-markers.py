"""A paragraph of 100,000 characters full of markers that never close renders in time.

Every ``*``, ``**`` and ``[`` opens a search for its closer; searching from each one to
the end of the text made this quadratic (20,000 characters took 22 s). Each kind of
marker gets its own stretch.
"""

from pathlib import Path

EXPECT = "ok"
CONTAINS = ["start of the markers"]


def make(folder: Path) -> Path:
    stretches = ["*a ", "**b ", "[c ", "[d](e ", "*[ "]
    text = "start of the markers " + "".join(s * 6_000 for s in stretches)
    path = folder / "unclosed-markers.yaml"
    path.write_text(f"title: Unclosed markers\ndate: 2026-11-26\nsummary:\n  - '{text}'\n")
    return path
