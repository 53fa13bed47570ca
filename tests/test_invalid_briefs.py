"""Every invalid brief under tests/cases/invalid/ fails with its positioned message.

These are the ordinary mistakes of an author (a wrong date, a misspelt kind, a ragged
table row); tests/cases/hostile/ holds crafted input. Both folders share one header
syntax, read by the same function (tests.test_hostile.load_case), so a case can move
between them unchanged:

    # expect: error LINE:COL: message    exit 1, that message (a prefix is enough) at
    # expect: error -: message           that position of the brief, or anywhere (-)
    # args: --limit depth=10             extra CLI arguments ({folder}: a temporary one)

A ``.py`` case makes its input, as in the hostile folder. tests/cases/invalid/README.md
lists the cases.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_hostile import load_case

FOLDER = Path(__file__).parent / "cases" / "invalid"
CASES = sorted(
    p for p in FOLDER.iterdir() if p.suffix in (".yaml", ".md", ".py") and p.name != "README.md"
)


@pytest.mark.parametrize("path", CASES, ids=[c.stem for c in CASES])
def test_invalid_brief_is_reported_with_position(path: Path, tmp_path: Path) -> None:
    case = load_case(path)
    assert case.expect.startswith("error "), f"{path.name}: an invalid brief must fail"
    where, _, message = case.expect.removeprefix("error ").partition(": ")
    brief = case.make(tmp_path) if case.make is not None else path
    out = tmp_path / "out"
    args = [a.replace("{folder}", str(tmp_path)) for a in case.args]
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "render", str(brief), "-o", str(out), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    wanted = message if where == "-" else f"{brief}:{where}: {message}"
    assert wanted in proc.stderr, proc.stderr
    assert not out.exists() or not any(out.iterdir()), "no output file for an invalid brief"
    assert proc.stdout == ""


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    brief = tmp_path / "many.yaml"
    brief.write_text(
        "title: A\ndate: 2026-13-01\nextra: 1\nsections:\n  - kind: nope\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "validate", str(brief)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.startswith(str(brief))]
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{brief}:2:7",
        f"{brief}:3:1",
        f"{brief}:5:11",
    ]


@pytest.mark.parametrize("key", ["\x1e", "a\u2028b", "tab\there"])
def test_a_key_that_does_not_print_is_named_on_one_line(key: str, tmp_path: Path) -> None:
    """Found by the generated briefs: a key holding a record separator printed raw in the
    field name, which splits the message into lines without a position."""
    from briefing.validate import field_path

    assert field_path(("sections", 0, key)) == f"sections[0].{key!r}"
    brief = tmp_path / "brief.yaml"
    escaped = key.encode("unicode_escape").decode("ascii")
    brief.write_text(f'title: T\ndate: 2026-01-01\n"{escaped}": x\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "validate", str(brief)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert lines and all(line.startswith(f"{brief}:") for line in lines), lines
    assert f"{key!r}: unknown key" in run.stderr
