"""Cost of footnotes in the PDF (issue 15): the 60-page brief with 200 notes against
the same brief without them; the issue's bound is 1.2 times.

    python benchmarks/footnotes.py [--rounds 9] [--notes 200] [--lang en]

The brief is benchmarks/make_large.py's (written to a temporary folder). Each case is
one process that loads and localizes it, adds the notes to the document tree (through
the renderer's tree interface, ``Run.note``: the same spread whatever syntax a brief
uses for them; every 25th note is eight sentences long, so some continue on the next
page) and renders the PDF. The cases alternate round by round, so load from other jobs
falls on both alike; CPU time (user + system, ``RUSAGE_CHILDREN``) is compared, not
wall time. Prints the medians and their ratio; exits 1 above the bound.

    python benchmarks/footnotes.py --one 200 large.yaml out.pdf   # one case, as timed
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUND = 1.2


def cpu_of(argv: list[str]) -> float:
    """User + system seconds of one process run to its end (and the helpers it forks)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def one(notes: int, brief: str, out: str, lang: str) -> None:
    """Render ``brief`` in ``lang`` with ``notes`` footnotes spread evenly over it."""
    sys.path.insert(0, str(ROOT))
    from briefing import api
    from tests.render.footnote_trees import add_notes, count_texts

    doc = api.localize(api.load(brief), lang).doc
    if notes:
        every = max(1, count_texts(doc) // notes)
        doc = add_notes(doc, every=every, repeat=lambda n: 8 if n % 25 == 0 else 1, limit=notes)
    Path(out).write_bytes(api.render(doc, "pdf", api.template()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--one", nargs=3, metavar=("NOTES", "BRIEF", "OUT"))
    opts = parser.parse_args(argv)
    if opts.one:
        one(int(opts.one[0]), opts.one[1], opts.one[2], opts.lang)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        brief = str(Path(tmp) / "large.yaml")
        make = str(ROOT / "benchmarks" / "make_large.py")
        subprocess.run([sys.executable, make, brief], check=True, stdout=subprocess.DEVNULL)
        cases = {"without": 0, f"{opts.notes} notes": opts.notes}
        runs: dict[str, list[float]] = {name: [] for name in cases}
        for round_ in range(opts.rounds + 1):  # the first round warms up, untimed
            for name, n in cases.items():
                out = str(Path(tmp) / f"{n}.pdf")
                argv_ = [sys.executable, __file__, "--lang", opts.lang, "--one", str(n), brief, out]
                t = cpu_of(argv_)
                if round_:
                    runs[name].append(t)
    medians = {name: statistics.median(times) for name, times in runs.items()}
    base = medians["without"]
    for name, med in medians.items():
        print(f"{name:<12} median {med * 1000:8.1f} ms CPU  ratio {med / base:.3f}")
    ratio = max(medians.values()) / base
    print(f"bound {BOUND}: {'met' if ratio <= BOUND else 'EXCEEDED'} ({opts.rounds} rounds)")
    return 0 if ratio <= BOUND else 1


if __name__ == "__main__":
    sys.exit(main())
