"""The batch throughput comparison: many briefs, every language, both formats.

Ours: ``briefing render *.yaml -l all -j N`` (N = 1 and 2). Peers: pandoc makes each
DOCX (one process a file, as it works) and Typst each PDF (one Python process with one
compiler, the fastest way to drive it), from the same localized content. With one
process we compare against the peers run one file after the other; with two, against
the peers given two processes too (``xargs -P 2`` for pandoc, two Typst drivers), so
both sides may use both cores.

The commands are written as shell scripts into the work folder (1,200 pandoc calls do
not belong on a command line) and timed like every other command.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class BatchCommand:
    key: str  # "batch.briefing-j1", "batch.peers-j2", ...
    tool: str
    work: str
    command: str
    outputs: tuple[Path, ...]


def _script(path: Path, lines: Sequence[str]) -> str:
    path.write_text("set -e\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return shlex.join(["sh", str(path)])


def commands(
    briefing: Sequence[str],
    briefs: Sequence[Path],
    markdown: Sequence[Path],
    typst_sources: Sequence[Path],
    pandoc: Path | None,
    typst_python: Path | None,
    fonts: Path,
    work: Path,
) -> list[BatchCommand]:
    """Our two runs, and the peers' two runs when the peers are there."""
    langs = len(markdown) // max(len(briefs), 1)
    files = len(briefs) * langs * 2
    out: list[BatchCommand] = []
    for jobs in (1, 2):
        folder = work / f"ours-j{jobs}"
        folder.mkdir(parents=True, exist_ok=True)
        argv = [*briefing, "render", *map(str, briefs), "-l", "all", "-j", str(jobs)]
        argv += ["-o", str(folder)]
        outputs = tuple(
            folder / f"{b.stem}.{m.stem.rsplit('.', 1)[1]}.{fmt}"
            for b in briefs[:1]
            for m in markdown[:langs]
            for fmt in ("pdf", "docx")
        )
        out.append(
            BatchCommand(
                f"batch.briefing-j{jobs}",
                "briefing",
                f"{files} files, -j {jobs}",
                _script(work / f"ours-j{jobs}.sh", [shlex.join(argv) + " > /dev/null"]),
                outputs,
            )
        )
    if pandoc is None or typst_python is None:
        return out
    for jobs in (1, 2):
        folder = work / f"peers-j{jobs}"
        folder.mkdir(parents=True, exist_ok=True)
        listing = work / f"pandoc-j{jobs}.txt"  # one "OUTPUT INPUT" line a file
        listing.write_text(
            "".join(shlex.join([str(folder / f"{m.stem}.docx"), str(m)]) + "\n" for m in markdown),
            encoding="utf-8",
        )
        convert = shlex.join(["xargs", "-P", str(jobs), "-L", "1", str(pandoc), "-f", "markdown",
                              "-t", "docx", "-o"]) + f" < {shlex.quote(str(listing))}"  # fmt: skip
        halves = [typst_sources[i::jobs] for i in range(jobs)]
        drivers = [
            shlex.join(
                [
                    str(typst_python),
                    str(HERE / "drive_typst.py"),
                    str(fonts),
                    str(folder),
                    *map(str, half),
                ]
            )
            for half in halves
        ]
        typst_line = " & ".join(drivers) + (" & wait" if jobs > 1 else "")
        outputs = (folder / f"{typst_sources[0].stem}.pdf", folder / f"{markdown[0].stem}.docx")
        out.append(
            BatchCommand(
                f"batch.peers-j{jobs}",
                "pandoc + Typst",
                f"{files} files, {jobs} at a time",
                _script(work / f"peers-j{jobs}.sh", [convert, typst_line]),
                outputs,
            )
        )
    return out
