"""CPU time of whole commands, run in turn, medians: for before/after comparisons.

Why CPU time and not hyperfine's wall clock: this machine's cores are shared with other
jobs, which stretch wall time a lot and user+system time little. Each command runs as
a child; its CPU time is the growth of ``getrusage(RUSAGE_CHILDREN)`` (user + system)
across the run, which counts every process the child waited for (briefing's forked
helper included). The commands alternate round by round, so a burst of load falls on
all of them alike; one untimed warm-up round comes first (bytecode, disk cache).

    python benchmarks/cpu.py -r 12 'logo=briefing render ex.yaml -l all -o /tmp/a' \
        'nologo=briefing render ex.yaml -l all -o /tmp/b --template /tmp/memo-nologo'

Each argument is NAME=COMMAND (split like a shell line, no shell in between).
Prints each command's median, quartiles and min in ms, the ratio of its median to the
first command's, and the median of its per-round ratios to the first command (paired:
each round's runs are back to back, so a slow spell shifts both sides of a pair).
"""

from __future__ import annotations

import argparse
import resource
import shlex
import statistics
import subprocess
import sys


def cpu_of(argv: list[str]) -> float:
    """User + system seconds of one run of ``argv`` and whatever it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{shlex.join(argv)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(args: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-r", "--rounds", type=int, default=10)
    parser.add_argument("commands", nargs="+", metavar="NAME=COMMAND")
    opts = parser.parse_args(args)
    named = [c.partition("=")[::2] for c in opts.commands]
    runs: dict[str, list[float]] = {name: [] for name, _ in named}
    for _name, line in named:  # warm-up round, not timed
        cpu_of(shlex.split(line))
    for _ in range(opts.rounds):
        for name, line in named:
            runs[name].append(cpu_of(shlex.split(line)))
    first = statistics.median(runs[named[0][0]])
    base = runs[named[0][0]]
    print(
        f"{'command':<24} {'median':>8} {'q1':>8} {'q3':>8} {'min':>8}  ratio  paired"
        f"  ({opts.rounds} rounds, ms of CPU)"
    )
    for name, times in runs.items():
        paired = statistics.median(t / b for t, b in zip(times, base, strict=True))
        ms = sorted(t * 1000 for t in times)
        q1, med, q3 = statistics.quantiles(ms, n=4) if len(ms) > 1 else (ms[0],) * 3
        print(
            f"{name:<24} {med:8.1f} {q1:8.1f} {q3:8.1f} {ms[0]:8.1f}  "
            f"{statistics.median(ms) / 1000 / first:.3f}  {paired:.3f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
