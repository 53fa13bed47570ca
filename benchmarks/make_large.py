"""Write a large brief (about 60 pages) in three languages, for benchmarks.

The text is recycled from the bundled example, so it is real prose in English,
Azerbaijani and Russian with the same markup and characters; only the amount grows.
``--scale`` multiplies the number of sections (1 gives 84 sections, about 60 pages).

    python benchmarks/make_large.py out/large.yaml [--scale 1]
"""

from __future__ import annotations

import argparse
import itertools
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
SECTIONS_PER_SCALE = 84
_REF = re.compile(r"\[\+?@[A-Za-z][\w-]*\]")


def strip(text: str) -> str:
    """``text`` without footnotes ``^[...]`` (to their balancing bracket) and with each
    reference ``[@id]`` printed as "1"."""
    out, k = [], 0
    while k < len(text):
        if text.startswith("^[", k) and (k == 0 or text[k - 1] != "\\"):
            depth, k = 1, k + 2
            while k < len(text) and depth:
                depth += {"[": 1, "]": -1}.get(text[k], 0)
                k += 1
            continue
        out.append(text[k])
        k += 1
    return _REF.sub("1", "".join(out))


def _stripped(node: Any) -> Any:
    """``node`` with every string :func:`strip`-ped: the copies keep none of the
    example's footnotes, and its references print as \"1\" (their targets' ids are not
    copied), so the brief is the plain text it was before the example had notes."""
    if isinstance(node, dict):
        return {k: _stripped(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_stripped(v) for v in node]
    return strip(node) if isinstance(node, str) else node


def _texts(node: Any) -> list[dict[str, str]]:
    """Every full translation map of the example, in document order."""
    if isinstance(node, dict):
        if {"en", "az", "ru"} <= set(node) and all(isinstance(v, str) for v in node.values()):
            return [dict(node)]
        return [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in _texts(value)]
    return []


def make_brief(scale: float) -> dict[str, Any]:
    example = _stripped(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    pool = [t for t in _texts(example["sections"]) if len(t["en"]) > 60]
    short = [t for t in _texts(example["sections"]) if 10 < len(t["en"]) <= 60]
    long_texts = itertools.cycle(pool)
    short_texts = itertools.cycle(short)
    kinds = itertools.cycle(["background", "analysis", "implications", "risks", "outlook"])
    sections = []
    for n in range(int(SECTIONS_PER_SCALE * scale)):
        body: list[Any] = [next(long_texts) for _ in range(8)]
        if n % 3 == 0:
            body.append(
                {
                    "bullets": [
                        next(long_texts),
                        {"text": next(short_texts), "bullets": [next(short_texts)] * 2},
                    ]
                }
            )
        if n % 3 == 1:
            body.append({"numbered": [next(short_texts), next(short_texts), next(short_texts)]})
        if n % 4 == 2:
            body.append(
                {
                    "table": {
                        "caption": next(short_texts),
                        "columns": [next(short_texts), next(short_texts), "2027"],
                        "rows": [
                            [next(short_texts), next(short_texts), f"{k * 10} 000"]
                            for k in range(1, 6)
                        ],
                        "widths": [3, 3, 1],
                    }
                }
            )
        if n % 6 == 5:
            body.append({"note": next(long_texts)})
        section: dict[str, Any] = {"body": body}
        if n % 2:
            section["kind"] = next(kinds)
        else:
            section["title"] = next(short_texts)
        sections.append(section)
    brief = {k: example[k] for k in ("lang", "title", "subtitle", "reference", "memo", "authors")}
    brief.update(
        date=str(example["date"]),
        classification="internal",
        summary=example["summary"],
        sections=sections,
        recommendations=example["recommendations"],
        sources=[{**s, "date": str(s["date"])} for s in example["sources"]],
    )
    return brief


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    args.path.parent.mkdir(parents=True, exist_ok=True)

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # write every text out in full

    with args.path.open("w", encoding="utf-8") as fh:
        yaml.dump(make_brief(args.scale), fh, Dumper=NoAliases, allow_unicode=True, sort_keys=False)


if __name__ == "__main__":
    main()
