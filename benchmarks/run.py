"""Benchmark briefing against Typst, pandoc, WeasyPrint and LibreOffice (issue 7).

    python benchmarks/run.py            # full run, about 20 minutes on 2 cores
    python benchmarks/run.py --quick    # fewer timed runs, to try it out

Installs this clone into a venv of its own and the peers beside it, in
benchmarks/.peers/ (Debian tools by apt-get when missing), generates the large brief
and the batch of briefs, exports the same document tree as Markdown (pandoc -> DOCX),
Typst markup (-> PDF), HTML+CSS (WeasyPrint -> PDF) and our DOCX (LibreOffice -> PDF),
times whole processes with hyperfine and takes peak memory with GNU time, prints the
tables and writes them into docs/performance.md.

Run it with a Python that has briefing installed (``pip install -e .``): that copy
exports the peers' inputs; the ``briefing`` measured is the one in its own venv.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

import machine
import peers
import report
import targets
from measure import FULL, QUICK, Bench, Outcome, Plan, imported_modules
from peers import Peer
from results import Row, combined
from targets import Verdict

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
DOC = ROOT / "docs" / "performance.md"
DOC_HEADER = """# Performance

Measured by `python benchmarks/run.py` (see the top of that file); `--quick` for a try.
"""
METHOD = (
    "whole processes timed by hyperfine (its shell start subtracted); peak RSS (the largest "
    "process of the tree) from GNU time in one checked run before the timed ones, which also "
    "warms the caches; Python bytecode cached (PYTHONPYCACHEPREFIX), as in an installed package"
)
# Measuring order: each of our scale-1 runs right before its scale-4 run, so that load
# from other jobs, which changes over minutes, distorts the growth ratio as little as it can.
ORDER = ["example.*", "large.briefing-*", "x4.briefing-*", "large.*", "x4.*", "validate.*", "*"]
CONTENTS = {
    "example": "example, 3 languages",
    "large": "large (scale 1), 3 languages",
    "x4": "large ×4 (scale 4), 3 languages",
    "validate": "validate only",
    "batch": "batch of briefs, 3 languages",
}
BATCH = Plan(budget=60.0, min_runs=2, max_runs=3)  # runs of 20-60 s each
BATCH_QUICK = Plan(budget=0.0, min_runs=1, max_runs=1)


@dataclass(frozen=True)
class Case:
    """One command to measure, or the reason it cannot run."""

    key: str
    tool: str
    work: str
    command: str = ""
    outputs: tuple[Path, ...] = ()
    error: str = ""


@dataclass(frozen=True)
class Tools:
    """Every peer, usable or not, and our own command."""

    briefing: list[str]
    pandoc: Peer
    typst: Peer
    weasyprint: Peer
    libreoffice: Peer
    lo_profile: Path


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _sh(*argvs: Sequence[str | Path]) -> str:
    """A sh command line running the commands one after the other, each quoted."""
    return " && ".join(shlex.join(str(a) for a in argv) for argv in argvs)


def _briefing_argv() -> list[str]:
    """The ``briefing`` script next to this interpreter: used only when the clone cannot
    be installed into a venv of its own (see peers.briefing).

    Not whatever ``briefing`` PATH finds first: a pyenv shim or another venv's copy would
    add its own start-up cost or measure other code.
    """
    script = Path(sys.executable).with_name("briefing")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefing"]


def _outputs(folder: Path, stem: str, langs: Sequence[str], suffix: str) -> tuple[Path, ...]:
    return tuple(folder / f"{stem}.{lang}.{suffix}" for lang in langs)


def ours(key: str, tools: Tools, brief: Path, fmt: str, out: Path, langs: Sequence[str]) -> Case:
    formats = ("pdf", "docx") if fmt == "all" else (fmt,)
    outputs = tuple(p for f in formats for p in _outputs(out, brief.stem, langs, f))
    n = len(langs)
    work = {"all": f"{n} PDF + {n} DOCX", "pdf": f"{n} PDF", "docx": f"{n} DOCX"}[fmt]
    command = _sh([*tools.briefing, "render", brief, "-l", "all", "-f", fmt, "-o", out])
    return Case(f"{key}.briefing-{fmt}", "briefing", f"{work}, 1 process", command, outputs)


def pandoc(key: str, tools: Tools, markdown: Sequence[Path], out: Path) -> Case:
    work = f"{len(markdown)} DOCX, {len(markdown)} processes"
    if not tools.pandoc.ok:
        return Case(f"{key}.pandoc", "pandoc", work, error=tools.pandoc.error)
    outputs = tuple(out / f"{md.stem}.docx" for md in markdown)
    exe = tools.pandoc.exe or "pandoc"
    argvs = [
        [exe, "-f", "markdown", "-t", "docx", "-o", o, md]
        for md, o in zip(markdown, outputs, strict=True)
    ]
    return Case(f"{key}.pandoc", "pandoc", work, _sh(*argvs), outputs)


def typst(key: str, tools: Tools, sources: Sequence[Path], out: Path) -> Case:
    from export import FONTS

    work = f"{len(sources)} PDF, 1 process"
    if tools.typst.python is None or not tools.typst.ok:
        return Case(f"{key}.typst", "Typst", work, error=tools.typst.error)
    argv = [tools.typst.python, HERE / "drive_typst.py", FONTS, out, *sources]
    outputs = tuple(out / f"{s.stem}.pdf" for s in sources)
    return Case(f"{key}.typst", "Typst", work, _sh(argv), outputs)


def weasyprint(key: str, tools: Tools, sources: Sequence[Path], out: Path) -> Case:
    work = f"{len(sources)} PDF, 1 process"
    if tools.weasyprint.python is None or not tools.weasyprint.ok:
        return Case(f"{key}.weasyprint", "WeasyPrint", work, error=tools.weasyprint.error)
    argv = [tools.weasyprint.python, HERE / "drive_weasyprint.py", out, *sources]
    outputs = tuple(out / f"{s.stem}.pdf" for s in sources)
    return Case(f"{key}.weasyprint", "WeasyPrint", work, _sh(argv), outputs)


def libreoffice(key: str, tools: Tools, docx: Sequence[Path], out: Path, error: str) -> Case:
    """Our DOCX -> PDF in one soffice process, with a profile of its own so a LibreOffice
    someone else is running (tests, a desktop) neither blocks nor serves the request."""
    work = f"{len(docx)} DOCX → PDF, 1 process"
    reason = tools.libreoffice.error or error
    if reason or tools.libreoffice.exe is None:
        return Case(f"{key}.libreoffice", "LibreOffice", work, error=reason)
    argv: list[str | Path] = [
        tools.libreoffice.exe, f"-env:UserInstallation={tools.lo_profile.as_uri()}",
        "--headless", "--norestore", "--convert-to", "pdf", "--outdir", out, *docx,
    ]  # fmt: skip
    outputs = tuple(out / f"{d.stem}.pdf" for d in docx)
    return Case(f"{key}.libreoffice", "LibreOffice", work, _sh(argv), outputs)


def prepare(key: str, brief: Path, work: Path, tools: Tools, langs: Sequence[str]) -> list[Case]:
    """Export the peers' inputs for one brief and list the commands to measure.

    The example and the large brief get every peer; the ×4 brief only the fast ones
    (pandoc, Typst), since it is there for the growth of our own cost.
    """
    from export import export

    base = work / key
    out = {name: base / name for name in ("ours-all", "ours-pdf", "ours-docx", "peers", "lo-in")}
    for folder in out.values():
        folder.mkdir(parents=True, exist_ok=True)
    cases = [
        ours(key, tools, brief, "pdf", out["ours-pdf"], langs),
        ours(key, tools, brief, "docx", out["ours-docx"], langs),
    ]
    if key != "x4":
        cases.insert(0, ours(key, tools, brief, "all", out["ours-all"], langs))
    try:
        exported = export(brief, base / "inputs", tuple(langs))
    except Exception as exc:  # any failure of the exporters: report it, measure the rest
        reason = f"export failed: {type(exc).__name__}: {exc}"
        return [*cases, *(Case(f"{key}.{p}", p, "", error=reason) for p in ("pandoc", "typst"))]
    cases += [
        pandoc(key, tools, exported.markdown, out["peers"]),
        typst(key, tools, exported.typst, out["peers"]),
    ]
    if key == "x4":
        return cases
    lo_inputs = _outputs(out["lo-in"], brief.stem, langs, "docx")
    made = subprocess.run(
        [*tools.briefing, "render", str(brief), "-l", "all", "-f", "docx", "-o", str(out["lo-in"])],
        capture_output=True, text=True,
    )  # fmt: skip
    lo_error = "" if made.returncode == 0 else f"our DOCX for it failed: {made.stderr[-300:]}"
    cases += [
        weasyprint(key, tools, exported.html, out["peers"]),
        libreoffice(key, tools, lo_inputs, out["peers"], lo_error),
    ]
    return cases


def make_large(path: Path, scale: int) -> str:
    """Generate a large brief with benchmarks/make_large.py; the error text, or ""."""
    done = subprocess.run(
        [sys.executable, str(HERE / "make_large.py"), str(path), "--scale", str(scale)],
        capture_output=True, text=True,
    )  # fmt: skip
    return "" if done.returncode == 0 else f"make_large.py failed: {done.stderr[-300:]}"


def install(cache: peers.PeerCache) -> tuple[Tools, Peer, Peer, Peer]:
    log("Peers: installing or finding them (the first run takes a few minutes) ...")
    ours = peers.briefing(cache, ROOT)
    found = {
        "pandoc": peers.pandoc(cache),
        "typst": peers.typst(cache),
        "weasyprint": peers.weasyprint(cache),
        "libreoffice": peers.libreoffice(cache),
    }
    hyperfine = peers.debian_tool("hyperfine", "hyperfine", "hyperfine", ["--version"])
    gnu_time = peers.debian_tool("GNU time", "/usr/bin/time", "time", ["--version"])
    for peer in [ours, *found.values(), hyperfine, gnu_time]:
        log(f"  {peer.name}: {peer.version if peer.ok else 'NOT AVAILABLE: ' + peer.error}")
    argv = [str(ours.exe)] if ours.ok and ours.exe else _briefing_argv()
    if not ours.ok:
        ours.notes.append(f"measured instead: {' '.join(argv)}")
    tools = Tools(argv, lo_profile=cache.root / "libreoffice-profile", **found)
    return tools, hyperfine, gnu_time, ours


def measure_all(bench: Bench, cases: list[Case], others: int = 0, start: int = 0) -> dict[str, Row]:
    """Measure each case; ``others`` and ``start`` only number the progress lines."""
    rows: dict[str, Row] = {}
    total = len(cases) + others
    for n, case in enumerate(cases, start + 1):
        content = CONTENTS.get(case.key.split(".")[0], case.key.split(".")[0])
        load = os.getloadavg()[0]
        log(f"[{n:2}/{total}] {content}: {case.tool}, {case.work} (load {load:.2f}) ...")
        if case.error:
            outcome = Outcome(error=case.error)
        else:
            try:
                outcome = bench.measure(case.command, case.outputs)
            except Exception as exc:  # one command's surprise must not lose every other row
                outcome = Outcome(error=f"measuring failed: {type(exc).__name__}: {exc}")
        t = outcome.timing
        log(
            f"        {t.median:.3f} s, median of {t.runs}"
            if t
            else f"        FAILED: {outcome.error}"
        )
        rows[case.key] = Row(case.key, content, case.tool, case.work, outcome, load)
    return rows


def with_sums(rows: dict[str, Row]) -> dict[str, Row]:
    """Adds pandoc for the DOCX plus a PDF peer (what a user picks instead of our 6
    files); rows grouped by content, each group's sums at its end."""
    sums: dict[str, list[Row]] = {}
    for key in ("example", "large"):
        for pdf_peer, name in (
            ("typst", "Typst"),
            ("weasyprint", "WeasyPrint"),
            ("libreoffice", "LibreOffice"),
        ):
            a, b = rows.get(f"{key}.pandoc"), rows.get(f"{key}.{pdf_peer}")
            if a is not None and b is not None:
                sum_key = f"{key}.pandoc+{pdf_peer}"
                row = combined(sum_key, f"pandoc + {name}", "DOCX + PDF (sum of the two)", a, b)
                sums.setdefault(key, []).append(row)
    out: dict[str, Row] = {}
    for content in CONTENTS:  # the report groups rows by content, whatever the measuring order
        out.update((k, row) for k, row in rows.items() if k.split(".")[0] == content)
        out.update((row.key, row) for row in sums.get(content, []))
    out.update((k, row) for k, row in rows.items() if k not in out)
    return out


def bytecode_env(prefix: Path) -> dict[str, str]:
    """The environment for measured commands: Python may cache bytecode, in ``prefix``.

    An installed package has its .pyc files, so a user never pays for compiling our
    modules at start-up; a machine with PYTHONDONTWRITEBYTECODE set (as CI boxes often
    are) and an editable install would make every run compile them again. The prefix
    keeps the cache out of the source tree.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    return env


def plan_cases(tools: Tools, work: Path, langs: Sequence[str]) -> list[Case]:
    """Generate the large briefs, export every brief for the peers, list the commands."""
    log("Briefs: the example, and the large one at scale 1 and 4 ...")
    briefs = {"example": (EXAMPLE, "")}
    for key, scale, name in (("large", 1, "large.yaml"), ("x4", 4, "large-x4.yaml")):
        briefs[key] = (work / name, make_large(work / name, scale))
    cases: list[Case] = []
    for key, (brief, error) in briefs.items():
        if error:
            cases.append(Case(f"{key}.briefing-pdf", "briefing", "", error=error))
            continue
        cases += prepare(key, brief, work, tools, langs)
    for key in ("example", "large"):
        brief, error = briefs[key]
        work_done = f"{CONTENTS[key].split(',')[0]}, 1 process"
        command = _sh([*tools.briefing, "validate", brief])
        cases.append(Case(f"validate.{key}", "briefing validate", work_done, command, error=error))
    return sorted(
        cases, key=lambda case: next(n for n, p in enumerate(ORDER) if fnmatch(case.key, p))
    )


def plan_batch(tools: Tools, work: Path, langs: Sequence[str], count: int) -> list[Case]:
    """``count`` numbered copies of the example, exported for the peers (batch.py)."""
    if count <= 0:
        return []
    import batch
    import make_batch
    from export import FONTS, export

    log(f"Batch: {count} briefs, exported for the peers ...")
    briefs = make_batch.write(work / "briefs", count)
    markdown: list[Path] = []
    typst_sources: list[Path] = []
    try:
        for brief in briefs:
            exported = export(brief, work / "inputs", tuple(langs))
            markdown += exported.markdown
            typst_sources += exported.typst
    except Exception as exc:  # report it, and measure our own side anyway
        log(f"  export failed: {type(exc).__name__}: {exc}")
        markdown, typst_sources = [], []
    usable = bool(markdown) and tools.pandoc.ok and tools.typst.ok
    commands = batch.commands(
        tools.briefing,
        briefs,
        markdown or [work / f"x.{lang}.md" for lang in langs],
        typst_sources,
        tools.pandoc.exe if usable else None,
        tools.typst.python if usable else None,
        FONTS,
        work,
    )
    cases = [Case(c.key, c.tool, c.work, c.command, c.outputs) for c in commands]
    if not usable:
        why = "peers or their inputs not available"
        cases += [Case(f"batch.peers-j{j}", "pandoc + Typst", "", error=why) for j in (1, 2)]
    return cases


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark briefing against its peers.")
    parser.add_argument("--quick", action="store_true", help="1-3 timed runs per command")
    parser.add_argument("--cache", type=Path, default=HERE / ".peers", help="peers and scratch")
    parser.add_argument("--doc", type=Path, default=DOC, help="Markdown file to update")
    parser.add_argument("--no-write", action="store_true", help="print only, leave --doc alone")
    parser.add_argument(
        "--batch", type=int, default=200, metavar="N", help="briefs in the batch run (0: none)"
    )
    args = parser.parse_args(argv)
    try:
        from briefing.i18n.catalog import catalog_languages
    except ImportError:
        log(f"briefing is not installed in {sys.executable}: run `pip install -e .` first")
        return 2
    started = time.monotonic()
    load_before = machine.load_average()

    cache = peers.PeerCache(args.cache.resolve())
    tools, hyperfine, gnu_time, ours = install(cache)
    work = cache.root / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    cases = plan_cases(tools, work, catalog_languages())
    batch_cases = plan_batch(tools, work / "batch", catalog_languages(), args.batch)

    plan = QUICK if args.quick else FULL
    env = bytecode_env(cache.root / "pycache")
    bench = Bench(hyperfine.exe, gnu_time.exe, plan, env)
    batch_bench = Bench(hyperfine.exe, gnu_time.exe, BATCH_QUICK if args.quick else BATCH, env)
    rows = measure_all(bench, cases, len(batch_cases))
    rows.update(measure_all(batch_bench, batch_cases, len(cases), start=len(cases)))
    rows = with_sums(rows)
    python = str(ours.python) if ours.ok and ours.python else sys.executable
    left_out = {"batch": "left out with --batch 0"} if args.batch <= 0 else {}
    verdicts = verdicts_of(rows, python, left_out)

    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    mode = (
        f"{'quick' if args.quick else 'full'} mode: {plan.min_runs}–{plan.max_runs} timed "
        f"runs per command (about {plan.budget:.0f} s of runs each)"
    )
    everything = [tools.pandoc, tools.typst, tools.weasyprint, tools.libreoffice]
    tool_rows = [(p.name, _version(p)) for p in [ours, *everything, hyperfine, gnu_time]]
    machine_rows = [
        *machine.describe(python),
        ("Load average (1, 5, 15 min)", f"before {load_before}; after {machine.load_average()}"),
        ("Method", METHOD),
        ("Run time", f"{time.monotonic() - started:.0f} s"),
    ]
    text = report.section(when, mode, machine_rows, tool_rows, rows, verdicts)
    print(text)
    if not args.no_write:
        report.write(args.doc, text, DOC_HEADER)
        log(f"Wrote {args.doc}")
    return 0


def verdicts_of(rows: dict[str, Row], python: str, left_out: dict[str, str]) -> list[Verdict]:
    """The targets' verdicts; never raises, so minutes of measurements always reach the
    tables (a failure here becomes a row of the targets table instead)."""
    try:
        imports: set[str] | None = imported_modules(
            [python, "-m", "briefing", "validate", str(EXAMPLE)]
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log(f"Imports of `briefing validate` not measured: {exc}")
        imports = None
    try:
        return targets.check(rows, imports, left_out)
    except Exception as exc:  # a bug in a target: report it, keep the tables
        log(f"Checking the targets failed: {type(exc).__name__}: {exc}")
        return [("every target", "–", f"not checked: {type(exc).__name__}: {exc}")]


def _version(peer: Peer) -> str:
    if not peer.ok:
        return f"not available: {peer.error}"
    return "; ".join([peer.version, *peer.notes])


if __name__ == "__main__":
    sys.exit(main())
