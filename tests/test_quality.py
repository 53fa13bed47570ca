"""The code stays ruff- and mypy-clean: checked in the suite so CI enforces it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_ruff_is_clean() -> None:
    if shutil.which("ruff") is None and _run("ruff", "--version").returncode != 0:
        pytest.skip("ruff is not installed (pip install '.[test]')")
    lint = _run("ruff", "check", "briefing", "tests", "tools")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", "briefing", "tests", "tools")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_is_clean() -> None:
    if _run("mypy", "--version").returncode != 0:
        pytest.skip("mypy is not installed (pip install '.[test]')")
    result = _run("mypy", "briefing")
    assert result.returncode == 0, result.stdout + result.stderr
