"""The code stays ruff- and mypy-clean: checked in the suite so CI enforces it.

CI runs only the README's ``pytest``, so these tests are how CI lints and type-checks.
Both cover everything that is ours (package, tests, tools, benchmarks): mypy takes its
file list from ``[tool.mypy] files`` in pyproject.toml, so a bare ``mypy`` here, in an
editor and on the command line all check the same files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINTED = ("briefing", "tests", "tools", "benchmarks")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def test_ruff_is_clean() -> None:
    if shutil.which("ruff") is None and _run("ruff", "--version").returncode != 0:
        pytest.skip("ruff is not installed (pip install '.[test]')")
    lint = _run("ruff", "check", *LINTED)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", *LINTED)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_is_clean() -> None:
    if _run("mypy", "--version").returncode != 0:
        pytest.skip("mypy is not installed (pip install '.[test]')")
    result = _run("mypy")  # the files of [tool.mypy] in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr


def test_license_files_exist() -> None:
    """Every sdist and wheel carries these (PEP 639); a renamed file would drop silently."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "LICENSE" in project["license-files"]
    for name in project["license-files"]:
        assert (ROOT / name).is_file(), f"license file {name} is missing"
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
