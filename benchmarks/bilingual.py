"""Cost of a side-by-side memo (issue 18): ``-l en+az`` against ``-l en`` and ``-l az``.

    python benchmarks/bilingual.py [--rounds 9] [--brief examples/us-azerbaijan-charter.yaml]

Each round runs, in turn, one ``briefing render`` process per case (both formats):
en alone, az alone, en+az side by side, and en and az in one process (``-l en -l az``,
the same work as the two alone without the second start-up). The cases alternate
within a round so that load from other jobs falls on all of them alike. What is
compared is CPU time (user + system of the process and its helpers,
``RUSAGE_CHILDREN``), not wall time: on a shared machine the clock measures the
neighbours. The medians are printed; the exit status is 1 if en+az costs more than en
and az alone together (the issue's bound).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = {"en": ["-l", "en"], "az": ["-l", "az"], "en+az": ["-l", "en+az"], "en,az": ["-l", "en,az"]}


def cpu_of(argv: list[str]) -> float:
    """User + system seconds of one process run to its end (and the helpers it forks)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--brief", default=str(ROOT / "examples" / "us-azerbaijan-charter.yaml"))
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {case: [] for case in CASES}
    with tempfile.TemporaryDirectory() as out:
        base = [sys.executable, "-m", "briefing", "render", args.brief, "-o", out]
        for extra in CASES.values():  # once each, untimed: caches warm
            cpu_of([*base, *extra])
        for n in range(args.rounds):
            order = list(CASES) if n % 2 == 0 else list(reversed(CASES))
            for case in order:
                times[case].append(cpu_of([*base, *CASES[case]]))
    median = {case: statistics.median(values) for case, values in times.items()}
    for case, value in median.items():
        print(f"{case:>6}: {value * 1000:7.0f} ms CPU (median of {args.rounds})")
    alone = median["en"] + median["az"]
    print(
        f"en + az alone: {alone * 1000:.0f} ms; en+az side by side: {median['en+az'] * 1000:.0f}"
        f" ms ({100 * median['en+az'] / alone:.0f}%)"
    )
    return 0 if median["en+az"] <= alone else 1


if __name__ == "__main__":
    sys.exit(main())
