"""Time whole processes with hyperfine and take their peak memory with GNU time.

Every command is first run once under ``/usr/bin/time -v``: that run tells whether it
works at all (exit status, the files it must write), gives its peak memory, warms the
page cache, and its duration sets how many timed runs fit the time budget. Only then
does hyperfine time it. A command that fails is not timed: its outcome carries the
reason instead, for the table.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

CHECK_TIMEOUT = 900.0  # s for one run of one command: a wedged peer must not hang us


@dataclass(frozen=True)
class Timing:
    median: float  # seconds of wall time
    low: float
    high: float
    runs: int
    cpu: float  # mean user + system seconds a run: what load from other jobs hardly moves


@dataclass(frozen=True)
class Outcome:
    """What one command did: its timing and peak memory, or why it has none."""

    timing: Timing | None = None
    max_rss_kb: int | None = None
    error: str = ""
    pages: int | None = None  # total pages of the PDFs written: is the work comparable?


@dataclass(frozen=True)
class Plan:
    """How hard to measure: ``budget`` seconds of timed runs per command, within
    ``min_runs``..``max_runs``."""

    budget: float
    min_runs: int
    max_runs: int

    def runs(self, one_run: float) -> int:
        wanted = round(self.budget / max(one_run, 0.001))
        return max(self.min_runs, min(self.max_runs, wanted))


FULL = Plan(budget=15.0, min_runs=3, max_runs=10)
QUICK = Plan(budget=3.0, min_runs=1, max_runs=3)


def _tail(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " / ".join(lines[-3:])[-400:] or "no output"


def _run_group(
    argv: Sequence[str], timeout: float, env: dict[str, str] | None
) -> subprocess.CompletedProcess[str]:
    """Run in its own process group, so a timeout kills the whole tree (soffice forks)."""
    with subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env=env,
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
        return subprocess.CompletedProcess(argv, proc.returncode, out, err)


class Bench:
    """Runs the measurements with the tools that could be had.

    ``hyperfine`` or ``gnu_time`` may be None (not installable): then a plain
    perf_counter loop times the runs, or peak memory is left out, and the machine
    description says so.
    """

    def __init__(
        self,
        hyperfine: Path | None,
        gnu_time: Path | None,
        plan: Plan,
        env: dict[str, str] | None = None,
    ) -> None:
        self.hyperfine = hyperfine
        self.gnu_time = gnu_time
        self.plan = plan
        self.env = env  # the environment of every measured command

    def measure(self, command: str, outputs: Sequence[Path]) -> Outcome:
        """Check ``command`` (a sh command line) once, then time it; ``outputs`` are the
        files it must write, removed first so a stale file cannot pass the check."""
        for path in outputs:
            path.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
            argv = ["sh", "-c", command]
            if self.gnu_time is not None:
                argv = [str(self.gnu_time), "-v", "-o", report.name, *argv]
            start = time.perf_counter()
            try:
                done = _run_group(argv, CHECK_TIMEOUT, self.env)
            except subprocess.TimeoutExpired:
                return Outcome(error=f"did not finish in {CHECK_TIMEOUT:.0f} s")
            one_run = time.perf_counter() - start
            rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read())
        if done.returncode != 0:
            return Outcome(error=f"exit status {done.returncode}: {_tail(done.stderr)}")
        missing = [p.name for p in outputs if not p.exists() or p.stat().st_size == 0]
        if missing:
            return Outcome(error=f"exit 0 but did not write {', '.join(missing)}")
        max_rss = int(rss.group(1)) if rss else None
        pages = pdf_pages(outputs)
        try:
            timing = self._time(command, self.plan.runs(one_run), one_run)
        except (subprocess.SubprocessError, OSError, ValueError, KeyError) as exc:
            return Outcome(max_rss_kb=max_rss, error=f"timing failed: {exc}", pages=pages)
        return Outcome(timing=timing, max_rss_kb=max_rss, pages=pages)

    def _time(self, command: str, runs: int, one_run: float) -> Timing:
        if self.hyperfine is None:
            return _time_loop(command, runs, self.env)
        with tempfile.NamedTemporaryFile("r", suffix=".json") as export:
            argv = [
                str(self.hyperfine), "--style", "none", "--runs", str(runs),
                # The check run warmed the caches; one more warm-up is cheap for fast tools.
                "--warmup", "1" if one_run < 1 else "0",
                "--export-json", export.name, command,
            ]  # fmt: skip
            done = _run_group(argv, CHECK_TIMEOUT + 3 * runs * one_run, self.env)
            if done.returncode != 0:
                raise subprocess.SubprocessError(f"hyperfine: {_tail(done.stderr)}")
            result = json.load(export)["results"][0]
        times = result["times"]
        cpu = result["user"] + result["system"]
        return Timing(result["median"], min(times), max(times), len(times), cpu)


def _time_loop(command: str, runs: int, env: dict[str, str] | None) -> Timing:
    """The fallback without hyperfine: wall time of ``sh -c`` runs, shell start included."""
    times = []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(["sh", "-c", command], capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) / runs
    return Timing(statistics.median(times), min(times), max(times), runs, cpu)


def pdf_pages(paths: Sequence[Path]) -> int | None:
    """Total pages of the PDFs among ``paths`` (poppler's pdfinfo), or None if there are
    none or pdfinfo is missing: a peer that sets fewer pages does less work."""
    pdfs = [p for p in paths if p.suffix == ".pdf"]
    if not pdfs or shutil.which("pdfinfo") is None:
        return None
    total = 0
    for pdf in pdfs:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        found = re.search(r"^Pages:\s+(\d+)", info, re.M)
        if found is None:
            return None
        total += int(found.group(1))
    return total


def imported_modules(argv: Sequence[str]) -> set[str]:
    """Top-level packages a Python command imports (``-X importtime``), to prove that
    ``briefing validate`` never loads reportlab or python-docx."""
    done = subprocess.run(
        [argv[0], "-X", "importtime", *argv[1:]], capture_output=True, text=True, timeout=120
    )
    names = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)", done.stderr, re.M)
    return {name.split(".")[0] for name in names}
