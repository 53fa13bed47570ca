"""Describe the machine and software a run measured, for the report.

Timings mean nothing without the CPU, the core count and the versions behind them, and
a busy machine (other jobs on a shared box) shows in the load average, so that is
recorded before and after the run.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _cpuinfo(key: str) -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith(key) and ":" in line:
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown"


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.system()


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _git_commit() -> str:
    """The commit measured, and whether the work tree differs from it (read-only git)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, timeout=30, check=True,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, timeout=30, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    return head + (" with uncommitted changes" if dirty else "")


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _versions_in(python: str | None, dists: Sequence[str]) -> list[str]:
    """The versions of ``dists`` installed for ``python`` (this interpreter if None)."""
    if python is None:
        return [_version(d) for d in dists]
    probe = (
        "import importlib.metadata as m, sys\n"
        "for d in sys.argv[1:]:\n"
        "    try: print(m.version(d))\n"
        "    except m.PackageNotFoundError: print('not installed')"
    )
    done = subprocess.run([python, "-c", probe, *dists], capture_output=True, text=True, timeout=60)
    found = done.stdout.split()
    return found if len(found) == len(dists) else ["unknown"] * len(dists)


def describe(python: str | None = None) -> list[tuple[str, str]]:
    """Label/value rows: hardware, system, Python and our own dependencies (as installed
    for ``python``, the interpreter of the measured briefing)."""
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    names = ("briefing", "reportlab", "python-docx", "Babel", "PyYAML")
    ours, *versions = _versions_in(python, names)
    deps = ", ".join(f"{name} {v}" for name, v in zip(names[1:], versions, strict=True))
    return [
        ("CPU", _cpuinfo("model name")),
        ("Cores", f"{usable} usable ({cores} online)"),
        ("Memory", _memory()),
        ("System", f"{_os_name()}, Linux {platform.release()}"),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("briefing", f"{ours}, commit {_git_commit()}"),
        ("Its dependencies", deps),
    ]
