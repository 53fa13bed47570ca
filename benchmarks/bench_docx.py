"""Time the DOCX renderer in-process: tree -> .docx bytes, median of N runs.

Why a script and not a timed test: timings depend on the machine and its load, so they
belong in a benchmark someone runs and reads, not in a test that fails at random. The
target (issue 3) is a 60-page brief under 300 ms on the project's 2-core machine.

Loading and localizing the brief are done once, outside the timed loop: they are not
the renderer's work. The first render of each brief is a warm-up (imports, the cached
reference document and font parts) and is not counted.

    python benchmarks/bench_docx.py                      # example + 60-page brief, ru
    python benchmarks/bench_docx.py --runs 50 --lang az --toc
    python benchmarks/bench_docx.py --large /tmp/large.yaml --profile
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefing import api
from briefing.renderers.docx import render
from briefing.renderers.options import RenderOptions
from briefing.templates import load_template
from briefing.tree import Document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
MAKE_LARGE = ROOT / "benchmarks" / "make_large.py"
TARGET_MS = 300.0


def tree(path: Path, lang: str) -> Document:
    return api.localize(api.load(path), lang).doc


def time_renders(doc: Document, options: RenderOptions, runs: int) -> list[float]:
    """Milliseconds per render, after one warm-up render."""
    template = load_template()
    render(doc, template, options)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render(doc, template, options)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, doc: Document, options: RenderOptions, runs: int) -> float:
    size = len(render(doc, load_template(), options))
    times = time_renders(doc, options, runs)
    median = statistics.median(times)
    print(
        f"{name:<28} median {median:7.1f} ms   min {min(times):7.1f}   max {max(times):7.1f}"
        f"   ({runs} runs, {size / 1024:.0f} KiB)"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed renders per brief")
    parser.add_argument("--lang", default="ru", help="output language (default: ru)")
    parser.add_argument("--large", type=Path, help="the large brief (default: made now)")
    parser.add_argument("--toc", action="store_true", help="render with a table of contents")
    parser.add_argument("--no-embed-fonts", dest="embed_fonts", action="store_false")
    parser.add_argument("--profile", action="store_true", help="cProfile the large brief")
    args = parser.parse_args()
    options = RenderOptions(toc=args.toc, embed_fonts=args.embed_fonts)

    with tempfile.TemporaryDirectory() as tmp:
        large = args.large
        if large is None:
            large = Path(tmp) / "large.yaml"
            subprocess.run([sys.executable, str(MAKE_LARGE), str(large)], check=True)
        example_doc, large_doc = tree(EXAMPLE, args.lang), tree(large, args.lang)

    print(f"DOCX render, lang={args.lang}, toc={args.toc}, embed_fonts={args.embed_fonts}")
    report("example (about 6 pages)", example_doc, options, args.runs)
    median = report("large (about 60 pages)", large_doc, options, args.runs)
    verdict = "under" if median < TARGET_MS else "OVER"
    print(f"target: 60-page brief under {TARGET_MS:.0f} ms -> {verdict}")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            render(large_doc, load_template(), options)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
