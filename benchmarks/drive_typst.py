"""Compile Typst files to PDF in one Python process (run with the Typst peer's venv).

One compiler with the fonts loaded once serves every file, as a user batching memos
would do; only our bundled Noto fonts (and Typst's own embedded ones) are scanned, so
the system's font folders do not add to its start-up time.

    python drive_typst.py FONT_DIR OUT_DIR FILE.typ...
"""

from __future__ import annotations

import sys
from pathlib import Path

import typst


def main(argv: list[str]) -> None:
    fonts, out, *files = argv
    compiler = typst.Compiler(font_paths=[fonts], ignore_system_fonts=True)
    for name in files:
        source = Path(name).resolve()
        target = Path(out) / source.with_suffix(".pdf").name
        compiler.compile(input=source, output=target, root=source.parent)


if __name__ == "__main__":
    main(sys.argv[1:])
