"""Generated whole briefs: no input makes briefing fail with a bug (exit 3).

Hypothesis generates whole briefs from the model (tests/strategies.py: every field of
every class, every block kind, texts from empty to tens of thousands of characters in
en/az/ru and markup, translations, line endings LF/CRLF/CR), writes each as YAML (the
safe dumper, or by hand in other styles) or Markdown (with per-language translation
files sometimes) and renders it through the CLI entry point, in process, in every
language and both formats. Each must end with exit 0 (every file written whole), or
exit 1 with every error naming its file (``FILE:LINE:COL:`` or ``FILE: ...``); never
exit 3, a traceback, a usage error, or a ``.tmp`` file left in the output folder. A
character the format forbids (controls, bidi controls, lone surrogates) must be exit 1.

Run on its own: ``pytest tests/test_generated_briefs.py``. Environment:

- ``BRIEFING_HYPOTHESIS_EXAMPLES``: examples of each of the two properties (default
  300: the file takes about 3-4 minutes; measured on 2 shared cores, a rendered brief
  costs 0.25-0.45 s and a validated one 0.3-0.45 s, generating included, and the
  coverage and writer checks about a minute).
- ``BRIEFING_HYPOTHESIS_SEED``: explore other examples (default: derandomized, the
  same examples on every run, so a CI failure reproduces anywhere with the same N).
- ``BRIEFING_COLLECT_FAILURES=1``: record failures but do not stop at them, to survey
  every distinct failure of a long run.

Each failing brief is written to ``/tmp/briefing-failures/<failure>/`` (the smallest
seen for that failure), with the command that reproduces it.
"""

from __future__ import annotations

import io
import math
import os
import re
import shlex
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from briefing import cli
from tests import strategies
from tests.strategies import Case

EXAMPLES = int(os.environ.get("BRIEFING_HYPOTHESIS_EXAMPLES", "300"))
SEED = os.environ.get("BRIEFING_HYPOTHESIS_SEED")
COLLECT = os.environ.get("BRIEFING_COLLECT_FAILURES") == "1"
FAILURES = Path(os.environ.get("BRIEFING_FAILURES", "/tmp/briefing-failures"))

F = TypeVar("F", bound=Callable[..., Any])


def configured(examples: int) -> Callable[[F], F]:
    """Hypothesis settings for these properties.

    Derandomized by default: every run tries the same examples, so a failure in CI is
    one anyone reproduces with the same example count, and no example database is
    needed (CI machines do not keep one). BRIEFING_HYPOTHESIS_SEED explores others.
    """

    def wrap(test: F) -> F:
        wrapped = settings(
            max_examples=examples,
            deadline=None,
            derandomize=SEED is None,
            database=None,
            print_blob=True,
            suppress_health_check=[
                HealthCheck.too_slow,
                HealthCheck.data_too_large,
                HealthCheck.filter_too_much,
                HealthCheck.large_base_example,
            ],
        )(test)
        return seed(int(SEED))(wrapped) if SEED is not None else wrapped

    return wrap


# -- running the CLI in process ---------------------------------------------------------


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """briefing.cli.main with stdout and stderr captured: (exit status, out, err)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # argparse: a usage error
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def write_files(case: Case, folder: Path) -> None:
    for name, data in case.files.items():
        (folder / name).write_bytes(data)


_POSITION = re.compile(r"(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): ")
_INTERNAL = re.compile(
    r"internal error \((?P<type>\w+): (?P<message>.*?)\)(?: in (?P<where>[\w.]+:\d+))?; this is",
    re.S,
)


def line_count(path: Path) -> int:
    text = path.read_bytes().decode("utf-8", "replace")
    return len(text.splitlines()) + 1


def unpositioned(err: str, folder: Path) -> list[str]:
    """Error lines that name no file of the brief or its output (warnings aside), or
    whose position is past the end of the file."""
    bad = []
    prefix = f"{folder}{os.sep}"
    for line in err.splitlines():
        if not line.strip() or line.startswith("warning:"):
            continue
        match = _POSITION.match(line)
        if match and match.group("file").startswith(prefix):
            where = Path(match.group("file"))
            if where.is_file() and int(match.group("line")) > line_count(where):
                bad.append(f"position past the end of {where.name}: {line}")
            continue
        if not line.startswith(prefix):
            bad.append(line)
    return bad


def well_formed(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    try:
        with zipfile.ZipFile(path) as docx:
            return docx.testzip() is None and "word/document.xml" in docx.namelist()
    except zipfile.BadZipFile:
        return False


def expected_outputs(case: Case) -> int:
    if "-l" not in case.args:
        return 2  # the brief's own language, both formats
    return 2 * len(case.args[case.args.index("-l") + 1].split(",")) if "all" not in case.args else 6


def render_problems(case: Case, folder: Path, code: int, out: str, err: str) -> list[str]:
    """What is wrong with one render of a generated brief; empty when all is well."""
    problems = []
    internal = _INTERNAL.search(err)
    if code == 3 or internal:
        problems.append(f"exit {code}: internal error: {err.strip()[-2000:]}")
    if "Traceback" in err:
        problems.append(f"a traceback on stderr: {err[-2000:]}")
    if code not in (0, 1, 3):
        problems.append(f"exit {code} (only 0 or 1 are right for a brief): {err[-500:]}")
    out_dir = folder / "out"
    left = sorted(p.name for p in out_dir.iterdir()) if out_dir.is_dir() else []
    if any(name.endswith(".tmp") or name.startswith(".") for name in left):
        problems.append(f"temporary files left in the output folder: {left}")
    written = [Path(line) for line in out.splitlines() if line.strip()]
    for path in written:
        if not path.is_file() or not well_formed(path):
            problems.append(f"{path.name}: printed as written but missing or not whole")
    unlisted = set(left) - {p.name for p in written} - {n for n in left if n.endswith(".tmp")}
    if unlisted:
        problems.append(f"files written but not reported: {sorted(unlisted)}")
    if code == 0:
        if len(written) != expected_outputs(case):
            problems.append(f"exit 0 but {len(written)} files written: {out}")
        errors = [line for line in err.splitlines() if line and "warning:" not in line]
        if errors:
            problems.append(f"exit 0 with errors on stderr: {errors[:3]}")
    if code == 1:
        if not err.strip():
            problems.append("exit 1 with nothing on stderr")
        bad = unpositioned(err, folder)
        if bad:
            problems.append(f"errors that name no file: {bad[:3]}")
    if case.poisoned is not None and code == 0 and poison_survives(case):
        char = f"U+{ord(case.poisoned[0]):04X}"
        problems.append(f"{char} (forbidden) in {case.poisoned_at} was accepted: exit 0")
    return problems


def poison_survives(case: Case) -> bool:
    """A forbidden character the written files still hold (as itself or escaped)."""
    char = case.poisoned
    if char is None or char not in strategies.FORBIDDEN:
        return False
    if char == "\x85":
        # NEL unescaped is a YAML line break, and the safe dumper writes it unescaped in
        # a single-quoted value, which folds it into a space; so do briefs by hand and a
        # Markdown brief's front matter and brief blocks (all seen in CI).
        return False
    if case.form == "yaml":
        return True  # the safe dumper writes it, escaped where it must
    return any(char in data.decode("utf-8", "surrogateescape") for data in case.files.values())


# -- recording failures -----------------------------------------------------------------


def signature(problem: str) -> str:
    """A short name for a kind of failure: the exception type and the message's shape."""
    internal = _INTERNAL.search(problem)
    if internal:
        where = (internal["where"] or "").replace(".py:", "-py-")
        text = f"{internal['type']} {where} {internal['message']}"
    else:
        text = problem.split(":")[0]
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "Q", text)
    text = re.sub(r"\d+(\.\d+)?(e[+-]?\d+)?", "N", text)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return slug[:70] or "failure"


def save_failure(sig: str, case: Case, command: list[str], err: str, problems: list[str]) -> Path:
    """Keep the smallest brief seen for each kind of failure, ready to reproduce."""
    target = FAILURES / sig
    size = sum(len(d) for d in case.files.values())
    size_file = target / "size"
    if size_file.is_file() and int(size_file.read_text()) <= size:
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    write_files(case, target)
    size_file.write_text(str(size))
    args = [a if not a.startswith("/") else Path(a).name for a in command]
    (target / "command.sh").write_text(
        f"cd {shlex.quote(str(target))} && briefing {shlex.join(args)} -o out -j 1\n"
    )
    (target / "stderr.txt").write_text(err)
    (target / "problems.txt").write_text("\n".join(problems) + "\n")
    (target / "case.txt").write_text(f"{case.describe()}\n\n{case.raw!r}\n")
    return target


@cache
def failure_type(sig: str) -> type[AssertionError]:
    """One exception type per kind of failure, so Hypothesis shrinks each separately
    and reports every distinct one rather than only the first."""
    return type(f"Failure_{sig.replace('-', '_')}", (AssertionError,), {})


def check(case: Case, command: list[str], problems: list[str], err: str) -> None:
    if not problems:
        return
    sig = signature(problems[0])
    where = save_failure(sig, case, command, err, problems)
    if COLLECT:
        return
    files = "\n".join(
        f"--- {name}\n{data[:3000].decode('utf-8', 'replace')}" for name, data in case.files.items()
    )
    raise failure_type(sig)(
        f"{problems[0]}\n\nall problems: {problems}\n{case.describe()}\n"
        f"reproduce: sh {where}/command.sh\n{files}"
    )


# -- the properties ---------------------------------------------------------------------


@configured(EXAMPLES)
@given(case=strategies.render_cases())
def test_a_generated_brief_renders_or_fails_with_positioned_errors(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="briefing-gen-") as tmp:
        folder = Path(tmp)
        write_files(case, folder)
        command = ["render", str(folder / case.main), *case.args]
        code, out, err = run_cli([*command, "-o", str(folder / "out"), "-j", "1"])
        check(case, command, render_problems(case, folder, code, out, err), err)


@configured(EXAMPLES)
@given(case=strategies.weighted((5, strategies.malformed_cases()), (1, strategies.big_cases())))
def test_validate_never_crashes_on_malformed_briefs(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="briefing-val-") as tmp:
        folder = Path(tmp)
        write_files(case, folder)
        command = ["validate", str(folder / case.main), *case.args]
        code, _out, err = run_cli(command)
        problems = []
        if code == 3 or _INTERNAL.search(err):
            problems.append(f"exit {code}: internal error: {err.strip()[-2000:]}")
        if "Traceback" in err:
            problems.append(f"a traceback on stderr: {err[-2000:]}")
        if code not in (0, 1, 3):
            problems.append(f"exit {code}: {err[-500:]}")
        if code == 1 and unpositioned(err, folder):
            problems.append(f"errors that name no file: {unpositioned(err, folder)[:3]}")
        check(case, command, problems, err)


# -- the generator itself ---------------------------------------------------------------


def test_strategy_is_built_for_every_field_of_every_model_class() -> None:
    builder = strategies.Builder()
    builder.brief()
    wild = strategies.Builder(strategies.Options(wild=True, big=True))
    wild.brief()
    everything = strategies.model_fields()
    assert {cls.__name__ for cls in strategies.reachable()} >= {"Brief", "Section", "TableSpec"}
    assert everything - builder.visited == set()
    assert everything - wild.visited == set()


def test_generated_briefs_set_every_field_and_every_kind() -> None:
    """Not only built: in 300 generated briefs every (class, field) pair is set at least
    once, and every value of every Literal (section kinds)."""
    seen: set[strategies.FieldKey] = set()
    kinds: set[tuple[strategies.FieldKey, str]] = set()

    @configured(300)
    @given(case=strategies.render_cases())
    def collect(case: Case) -> None:
        seen.update(strategies.set_fields(case.raw))
        kinds.update(strategies.set_literals(case.raw))

    collect()
    assert strategies.model_fields() - seen == set()
    assert strategies.literal_values() - kinds == set()


@configured(100)
@given(raw=st.deferred(lambda: strategies.Builder().brief()), style=st.integers(0, 2**16))
def test_hand_written_yaml_reads_back_as_generated(raw: dict[str, Any], style: int) -> None:
    """The by-hand YAML writer is faithful: the reader gets exactly the generated data
    (every scalar as its string), so failures are briefing's, not the writer's."""
    from briefing.readers.yaml_source import load_yaml

    text = strategies.to_yaml_by_hand(raw, style)
    assert load_yaml(text, "hand.yaml").data == as_read(raw), text


def as_read(value: Any) -> Any:
    """What the YAML reader gives for a generated value: every scalar its text."""
    if isinstance(value, dict):
        return {str(k): as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_read(v) for v in value]
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float):  # as the hand writer spells it (YAML's .inf, .nan)
        return repr(value) if math.isfinite(value) else strategies.yaml_float(value)
    return str(value)


@configured(max(EXAMPLES // 30, 6))
@given(case=strategies.render_cases(), spec=st.sampled_from(("en+az", "az+ru", "ru+en")))
def test_a_generated_brief_renders_side_by_side(case: Case, spec: str) -> None:
    """Two languages side by side (-l A+B): one file per format, or positioned errors."""
    import dataclasses

    args = list(case.args)
    for flag in ("-l", "-f"):  # the pair instead of the languages; both formats
        if flag in args:
            at = args.index(flag)
            del args[at : at + 2]
    paired = dataclasses.replace(case, args=[*args, "-l", spec])
    with tempfile.TemporaryDirectory(prefix="briefing-pair-") as tmp:
        folder = Path(tmp)
        write_files(paired, folder)
        command = ["render", str(folder / paired.main), *paired.args]
        code, out, err = run_cli([*command, "-o", str(folder / "out"), "-j", "1"])
        check(paired, command, render_problems(paired, folder, code, out, err), err)
