"""The hostile corpus: every case under tests/cases/hostile/ ends as its file says.

A case is a brief (``.yaml``/``.md``) whose first lines say what must happen, or a
``.py`` module that makes the input (huge, binary or special files) and says it in
EXPECT. Each case is rendered through the CLI in every language and both formats,
and must end within 10 seconds and 500 MB, with no traceback, ever.

    # expect: ok                         every file written; each "# contains:" text
    # contains: <b>not bold</b>          is in the PDF and DOCX text of every language
    # expect: error LINE:COL: message    exit 1, that message at that position of the
    # expect: error -: message           brief (or anywhere, with -), no file written
    # expect: usage -: message           exit 2 (a usage error), no file written
    # args: --limit table-columns=60     extra CLI arguments
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.readback import docx_body, pdf_pages, squash

CASES = Path(__file__).parent / "cases" / "hostile"
LANGS = ("en", "az", "ru")
SECONDS = 10
MEGABYTES = 500


@dataclass
class Case:
    name: str
    expect: str
    contains: list[str] = field(default_factory=list)
    args: list[str] = field(default_factory=list)
    written: int = 6
    make: Callable[[Path], Path] | None = None  # a .py case's make(folder) -> brief
    file: Path | None = None
    skip: str | None = None


def load_case(path: Path) -> Case:
    if path.suffix == ".py":
        spec = importlib.util.spec_from_file_location(f"hostile_{path.stem}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        skip = module.skip() if hasattr(module, "skip") else None
        return Case(
            path.stem, module.EXPECT, list(getattr(module, "CONTAINS", [])),
            list(getattr(module, "ARGS", [])), getattr(module, "WRITTEN", 6), module.make,
            skip=skip,
        )  # fmt: skip
    expect = ""
    contains: list[str] = []
    args: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(": ")
        if key == "contains":
            contains.append(value)
        elif key == "args":
            args = value.split()
        elif key == "expect":
            expect = value
    assert expect, f"{path.name} lacks '# expect:'"
    return Case(path.stem, expect, contains, args, file=path)


ALL = sorted(
    p for p in CASES.iterdir() if p.suffix in (".yaml", ".md", ".py") and p.name != "README.md"
)


# Runs the CLI as its only child and reports that child's peak memory on the last line
# of stderr (RUSAGE_CHILDREN in the test process itself would mix in every other test).
_MEASURE = (
    "import resource, subprocess, sys;"
    "r = subprocess.run(sys.argv[1:]);"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
    "sys.exit(r.returncode)"
)


def run_limited(args: list[str]) -> tuple[int, str, str, float, int]:
    """Run the CLI; (exit status, stdout, stderr, seconds, peak memory in MB)."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, "-m", "briefing", *args],
        capture_output=True, text=True, timeout=SECONDS * 6,
    )  # fmt: skip
    seconds = time.monotonic() - started
    err, _, peak_kb = proc.stderr.rstrip("\n").rpartition("\n")
    if not peak_kb.isdigit():  # the CLI printed nothing: the last line is the peak
        err, peak_kb = "", proc.stderr.strip()
    return proc.returncode, proc.stdout, err, seconds, int(peak_kb) // 1024


@pytest.mark.parametrize("path", ALL, ids=[p.name for p in ALL])
def test_hostile_case(path: Path, tmp_path: Path) -> None:
    case = load_case(path)
    if case.skip:
        pytest.skip(case.skip)
    brief = case.make(tmp_path) if case.make is not None else case.file
    assert isinstance(brief, Path)
    out = tmp_path / "out"
    args = [a.replace("{folder}", str(tmp_path)) for a in case.args]
    if "-o" not in args:
        args += ["-o", str(out)]
    else:
        out = Path(args[args.index("-o") + 1])
    code, stdout, stderr, seconds, peak = run_limited(["render", str(brief), "-l", "all", *args])
    assert "Traceback" not in stderr, stderr
    assert seconds < SECONDS, f"took {seconds:.1f} s"
    assert peak < MEGABYTES, f"used {peak} MB"
    if case.expect == "ok":
        assert code == 0, stderr
        assert len(stdout.splitlines()) == 6
        for lang in LANGS:
            pdf = squash("\n".join(pdf_pages(out / f"{brief.stem}.{lang}.pdf")))
            docx = squash(docx_body(out / f"{brief.stem}.{lang}.docx"))
            for text in case.contains:
                assert squash(text) in pdf, f"{lang} PDF lacks {text!r}"
                assert squash(text) in docx, f"{lang} DOCX lacks {text!r}"
        return
    kind, _, rest = case.expect.partition(" ")
    assert kind in ("error", "usage"), case.expect
    where, _, message = rest.partition(": ")
    assert code == (1 if kind == "error" else 2), stderr
    if where == "-":
        assert message in stderr, stderr
    else:
        assert f"{brief}:{where}: {message}" in stderr, stderr
    written = [line for line in stdout.splitlines() if line]
    assert len(written) == (case.written if case.written != 6 else 0), stdout
    if out.is_dir() and case.written == 6:
        assert [p for p in out.rglob("*") if p.is_file()] == []


# Hostile values outside the corpus: CLI options, starter languages, encodings.


def briefing(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True, text=True, timeout=120, cwd=cwd,
    )  # fmt: skip


@pytest.mark.parametrize("lang", ["../starters/en", "../../../../../../../tmp/x", "en_GB", ""])
def test_init_language_is_never_a_path(lang: str, tmp_path: Path) -> None:
    """``init --lang`` named a file (briefing/starters/<lang>.yaml): ../ read any .yaml
    file on the machine, and one with braces in it was a bug (exit 3)."""
    (tmp_path / "x.yaml").write_text("a: {x}\n", encoding="utf-8")
    target = tmp_path / "brief.yaml"
    proc = briefing("init", str(target), "--lang", lang.replace("/tmp/x", f"{tmp_path}/x"))
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("no starter brief in "), proc.stderr
    assert not target.exists()


def test_init_file_name_with_a_line_break_stays_in_its_comment(tmp_path: Path) -> None:
    target = tmp_path / "a\ntitle: injected.yaml"
    assert briefing("init", str(target), "--lang", "AZ").returncode == 0
    assert briefing("validate", str(target)).returncode == 0
    assert "injected" not in target.read_text(encoding="utf-8").split("lang:")[1]


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "us-azerbaijan-charter.yaml"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{file}"], "-o {file}: {file} is a file, not a folder"),
        (["-o", "{file}/sub", "-l", "all"], "-o {file}/sub: {file} is a file, not a folder"),
        (["-l", ""], "-l '': give a value"),
        (["-l", "en", "-l", " , "], "-l ' , ': give a value"),
        (["-f", ","], "-f ',': give a value"),
        (["--pdf-standard", ""], "--pdf-standard '': give a value"),
        (["-t", ""], "-t '': give a template name or folder"),
    ],
)
def test_render_usage_errors_said_once(args: list[str], message: str, tmp_path: Path) -> None:
    """An existing file as -o was "cannot write output" once per language and format
    (exit 1); an empty -l or -f rendered the defaults as if it had not been given."""
    file = tmp_path / "taken.txt"
    file.write_text("mine\n", encoding="utf-8")
    args = [a.replace("{file}", str(file)) for a in args]
    proc = briefing("render", str(EXAMPLE), *args, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if "error" in line]
    assert len(errors) == 1, proc.stderr
    assert errors[0].startswith(f"briefing: error: {message.replace('{file}', str(file))}")
    assert proc.stdout == "" and file.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.txt"]


@pytest.mark.parametrize(
    "command", [["render", "-"], ["validate", "-"], ["xliff", "-", "-l", "az"]]
)
def test_standard_input_is_not_a_brief(command: list[str], tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", *command], input=EXAMPLE.read_text("utf-8"),
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "standard input (-) is not supported" in proc.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command", [["render", ""], ["validate", "x.yaml", " "], ["xliff", "", "-l", "az"]]
)
def test_an_empty_brief_path_is_a_usage_error(command: list[str], tmp_path: Path) -> None:
    """'' became '.', the working folder: ".:1:1: is a folder, not a brief file", exit 1."""
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", *command], capture_output=True, text=True,
        timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == (
        "briefing: error: an empty brief path: name a .yaml or .md file"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("name", ["brief.yaml", "brief.md", "brief.az.md"])
def test_utf16_and_utf32_named(name: str, encoding: str, bom: bool, tmp_path: Path) -> None:
    """Without a BOM, ASCII in UTF-16/32 is valid UTF-8 (with NULs): the error came at
    the first non-ASCII letter, far from the real cause, or at the BOM as "byte 0xff"."""
    text = "---\ntitle: Başlıq\ndate: 2026-11-26\n---\n\nMətn.\n"
    data = (("\ufeff" if bom else "") + text).encode(encoding)
    base = tmp_path / "brief.md"
    base.write_text(text, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    proc = briefing("validate", str(base if name == "brief.az.md" else tmp_path / name))
    assert proc.returncode == 1, proc.stderr
    order = "little" if encoding.endswith("le") else "big"
    width = encoding[:6].upper()
    assert f"{tmp_path / name}:1:1: the file is {width} ({order}-endian) text" in proc.stderr
