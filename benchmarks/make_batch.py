"""Write many briefs for the batch benchmark: the bundled example, each with its number.

A ministry's overnight run renders many briefs of about the example's size; numbering
the title and the reference makes every file a different document (and different
bytes) while the work per brief stays comparable.

    python benchmarks/make_batch.py FOLDER [--count 200]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"


def numbered(brief: dict[str, Any], n: int) -> dict[str, Any]:
    out = dict(brief)
    title = brief["title"]
    if isinstance(title, dict):
        out["title"] = {lang: f"{text} ({n})" for lang, text in title.items()}
    else:
        out["title"] = f"{title} ({n})"
    out["reference"] = f"PB-2026-{n:04d}"
    return out


def write(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    paths = []
    for n in range(1, count + 1):
        path = folder / f"brief-{n:04d}.yaml"
        text = yaml.safe_dump(numbered(example, n), allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    write(args.folder, args.count)


if __name__ == "__main__":
    main()
