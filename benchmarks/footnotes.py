"""Cost of footnotes in the PDF (issue 15): the 60-page brief with 200 notes against
the same brief without them; the issue's bound is 1.2 times.

    python benchmarks/footnotes.py [--rounds 9] [--notes 200] [--lang en]

The brief is benchmarks/make_large.py's, with the notes and references it copies from
the example taken out (its references point at ids the copies do not keep); the
second brief is the same with ``--notes`` footnotes ``^[...]`` spread evenly over its
body texts in every language (every 25th eight sentences long, so some continue on the
next page). Each case is one whole ``briefing render -f pdf`` process; the cases
alternate round by round, so load from other jobs falls on both alike, after one
untimed warm-up round. CPU time (user + system, ``RUSAGE_CHILDREN``) is compared, not
wall time. Prints the medians and their ratio; exits 1 above the bound.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from make_large import strip

ROOT = Path(__file__).resolve().parent.parent
BOUND = 1.2


def cpu_of(argv: list[str]) -> float:
    """User + system seconds of one process run to its end (and the helpers it forks)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


NOTES = {
    "en": "Source: the ministry's annual report, table {n}; figures rounded.",
    "az": "Mənbə: nazirliyin illik hesabatı, cədvəl {n}; rəqəmlər yuvarlaqlaşdırılıb.",
    "ru": "Источник: годовой отчёт министерства, таблица {n}; цифры округлены.",
}
# keys whose texts print without notes (titles, labels, chart words, alt text)
_PLAIN = {"title", "subtitle", "heading", "alt", "axis", "categories", "series", "label", "name"}


def briefs(folder: Path, notes: int) -> tuple[Path, Path]:
    """The large brief without notes, and with ``notes`` of them."""
    big = folder / "made.yaml"
    make = str(ROOT / "benchmarks" / "make_large.py")
    subprocess.run([sys.executable, make, str(big)], check=True, stdout=subprocess.DEVNULL)
    data = yaml.safe_load(big.read_text(encoding="utf-8"))
    texts: list[dict[str, str]] = []

    def walk(node: Any, key: str, body: bool = False) -> None:
        if isinstance(node, dict):
            if {"en", "az", "ru"} <= set(node) and all(isinstance(v, str) for v in node.values()):
                for lang in node:
                    node[lang] = strip(node[lang])
                if body and key not in _PLAIN and len(node["en"]) > 60:
                    texts.append(node)
                return
            for k, v in node.items():
                walk(v, str(k), body or k == "sections")
        elif isinstance(node, list):
            for v in node:
                walk(v, key, body)
        elif isinstance(node, str) and key in ("text", "caption"):
            pass

    walk(data, "")
    plain = folder / "without.yaml"
    plain.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    every = max(1, len(texts) // notes)
    for n, node in enumerate(texts[::every][:notes], 1):
        for lang, words in NOTES.items():
            note = " ".join([words.format(n=n)] * (8 if n % 25 == 0 else 1))
            node[lang] = f"{node[lang]}^[{note}]"
    noted = folder / "with.yaml"
    noted.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return plain, noted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--keep", metavar="FOLDER", help="write the briefs and PDFs here")
    opts = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(opts.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        plain, noted = briefs(folder, opts.notes)
        cases = {"without": plain, f"{opts.notes} notes": noted}
        runs: dict[str, list[float]] = {name: [] for name in cases}
        for round_ in range(opts.rounds + 1):  # the first round warms up, untimed
            for name, brief in cases.items():
                argv_ = [sys.executable, "-m", "briefing", "render", str(brief), "-l", opts.lang]
                t = cpu_of([*argv_, "-f", "pdf", "-o", str(folder / "out")])
                if round_:
                    runs[name].append(t)
    medians = {name: statistics.median(times) for name, times in runs.items()}
    base = medians["without"]
    for name, med in medians.items():
        print(f"{name:<12} median {med * 1000:8.1f} ms CPU  ratio {med / base:.3f}")
    ratio = max(medians.values()) / base
    print(f"bound {BOUND}: {'met' if ratio <= BOUND else 'EXCEEDED'} ({opts.rounds} rounds)")
    return 0 if ratio <= BOUND else 1


if __name__ == "__main__":
    sys.exit(main())
