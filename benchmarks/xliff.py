"""Time ``briefing xliff`` and ``briefing merge`` on the bundled example.

The issue's budget is 0.3 s for each, for the whole command as a user runs it. Both are
timed by benchmarks/measure.py (hyperfine when installed): export for az, then merge of
that file (no change: the common case of a returned file already merged), and merge of
a file with every az text to write (the example without its az texts). Wall time moves
with other jobs on the machine; the CPU column (user + system) hardly does.

    python benchmarks/xliff.py
"""

from __future__ import annotations

import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from measure import FULL, Bench  # benchmarks/ is on the path when run as a script

ROOT = Path(__file__).resolve().parents[1]

EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"


def _without(text: str, lang: str) -> str:
    """The YAML with every block-map ``lang:`` line (and its folded lines) removed."""
    import yaml

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    cuts: list[tuple[int, int]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == lang and isinstance(value, yaml.ScalarNode):
                    start = text.rfind("\n", 0, key.start_mark.index) + 1
                    end = value.end_mark.index
                    if not text[start:end].endswith("\n"):
                        end = text.index("\n", end) + 1
                    cuts.append((start, end))
                else:
                    stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    for start, end in sorted(cuts, reverse=True):
        text = text[:start] + text[end:]
    return text


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="briefing-xliff-bench-"))
    cli = f"{shlex.quote(sys.executable)} -m briefing"
    brief = work / "brief.yaml"
    shutil.copy(EXAMPLE, brief)
    stripped = work / "stripped.yaml"
    stripped.write_text(_without(EXAMPLE.read_text(encoding="utf-8"), "az"), encoding="utf-8")
    # the full file's az texts as the "translated" file for the stripped brief
    full_xlf = work / "brief.az.xlf"
    fill = work / "fill.xlf"
    hyperfine = shutil.which("hyperfine")
    bench = Bench(Path(hyperfine) if hyperfine else None, None, FULL)
    export = f"{cli} xliff {brief} -l az -o {work}"
    rows = [("export (xliff -l az)", bench.measure(export, [full_xlf]))]
    rows.append(("merge, no change", bench.measure(f"{cli} merge {brief} {full_xlf}", [])))
    # every unit to write: restore the stripped copy before each run
    text = full_xlf.read_text(encoding="utf-8").replace('original="brief.yaml"', 'original="s"')
    fill.write_text(text, encoding="utf-8")
    restore = f"cp {work / 'stripped.yaml'} {work / 's.yaml'}"
    shutil.copy(stripped, work / "s.yaml")
    merge_all = f"{restore} && {cli} merge {work / 's.yaml'} {fill}"
    rows.append(("merge, 92 texts written", bench.measure(merge_all, [])))
    print(f"{'command':28} {'median':>8} {'min':>8} {'cpu':>8}  runs")
    for name, outcome in rows:
        t = outcome.timing
        if t is None:
            print(f"{name:28} {outcome.error}")
            continue
        print(f"{name:28} {t.median:8.3f} {t.low:8.3f} {t.cpu:8.3f}  {t.runs}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
