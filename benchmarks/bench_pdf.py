"""Time the PDF renderer in-process: tree -> PDF bytes, median of N runs.

Why a script and not a timed test: timings depend on the machine and its load, so they
belong in a benchmark someone runs and reads, not in a test that fails at random. The
targets (issue 4): the example under 25 ms and a 60-page brief under 500 ms (medians on
the project's 2-core machine).

Loading and localizing the brief are done once, outside the timed loop: they are not
the renderer's work. The first render is reported apart ("cold"): it registers the
fonts and prepares the template, which happens once per process. Besides wall time
(perf_counter) each run's CPU time is taken: on a shared machine other jobs stretch
wall time, and CPU time shows how much of that is the renderer's own.

ReportLab uses its optional C accelerator (the rl_accel package) when installed; the
report says which; ``--pure`` hides it to time the pure-Python path.

    python benchmarks/bench_pdf.py                        # example (en) + 60-page (ru)
    python benchmarks/bench_pdf.py --runs 100 --lang az --toc
    python benchmarks/bench_pdf.py --large /tmp/large.yaml --profile
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if "--pure" in sys.argv:
    sys.modules["_rl_accel"] = None  # type: ignore[assignment]  # ReportLab falls back

from briefing import api
from briefing.renderers.options import RenderOptions
from briefing.renderers.pdf import render
from briefing.templates import load_template
from briefing.tree import Document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
MAKE_LARGE = ROOT / "benchmarks" / "make_large.py"
TARGETS_MS = {"example": 25.0, "large": 500.0}


def tree(path: Path, lang: str) -> Document:
    return api.localize(api.load(path), lang).doc


def time_renders(
    doc: Document, options: RenderOptions, runs: int
) -> tuple[float, list[float], list[float]]:
    """(cold ms, wall ms per run, CPU ms per run); the cold render is not in the lists."""
    template = load_template()
    start = time.perf_counter()
    render(doc, template, options)
    cold = (time.perf_counter() - start) * 1000
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        render(doc, template, options)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return cold, wall, cpu


def report(name: str, doc: Document, options: RenderOptions, runs: int) -> float:
    data = render(doc, load_template(), options)
    pages = data.count(b"/Type /Page\n")
    cold, wall, cpu = time_renders(doc, options, runs)
    median = statistics.median(wall)
    target = TARGETS_MS[name]
    verdict = "ok" if median < target else "OVER"
    print(
        f"{name:<8} {pages:3d} pages  median {median:7.1f} ms  min {min(wall):7.1f}"
        f"  max {max(wall):7.1f}  cpu median {statistics.median(cpu):7.1f}"
        f"  cold {cold:6.1f}  ({runs} runs, {len(data) / 1024:.0f} KiB)"
        f"  target {target:.0f} ms: {verdict}"
    )
    return median


def accelerated() -> bool:
    from reportlab.lib import rl_accel

    return "built-in" in repr(rl_accel.fp_str)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="timed renders of the example")
    parser.add_argument("--large-runs", type=int, default=10, help="timed renders, large")
    parser.add_argument("--lang", default="en", help="language of the example (default en)")
    parser.add_argument("--large-lang", default="ru", help="language of the large brief")
    parser.add_argument("--large", type=Path, help="the large brief (default: made now)")
    parser.add_argument("--toc", action="store_true", help="render with a contents page")
    parser.add_argument("--pure", action="store_true", help="without ReportLab's C helpers")
    parser.add_argument("--profile", action="store_true", help="cProfile the large brief")
    args = parser.parse_args()
    options = RenderOptions(toc=args.toc)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {load:.2f}, "
        f"reportlab accelerator: {'rl_accel (C)' if accelerated() else 'none (pure Python)'}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        large = args.large
        if large is None:
            large = Path(tmp) / "large.yaml"
            subprocess.run([sys.executable, str(MAKE_LARGE), str(large)], check=True)
        over = report("example", tree(EXAMPLE, args.lang), options, args.runs) >= 25.0
        big = tree(large, args.large_lang)
        over |= report("large", big, options, args.large_runs) >= 500.0
        if args.profile:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(render, big, load_template(), options)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load after: {load:.2f}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
