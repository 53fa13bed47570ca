"""Render HTML files to PDF with WeasyPrint in one Python process (its own venv).

One process for all files, so WeasyPrint pays its import and font set-up once, as we
do with ``-l all``.

    python drive_weasyprint.py OUT_DIR FILE.html...
"""

from __future__ import annotations

import sys
from pathlib import Path

from weasyprint import HTML


def main(argv: list[str]) -> None:
    out, *files = argv
    for name in files:
        source = Path(name)
        HTML(filename=source).write_pdf(Path(out) / source.with_suffix(".pdf").name)


if __name__ == "__main__":
    main(sys.argv[1:])
