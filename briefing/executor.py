"""Where the files of one brief are rendered: here, or shared with a forked helper.

Rendering one brief reads as a plain sequence (batch.render_one: load, then for each
language localize and check, then submit each file); this module decides who does the
submitted work, so the speed machinery stays out of that sequence:

- :class:`Here` renders every file in this process, in order.
- :class:`Shared` forks a helper first (fork.py), before the brief is even read: it
  imports the slowest renderer and loads its fonts while this process reads the brief,
  then takes the files a plan gives it as soon as they are submitted. Several formats:
  the helper takes the PDF of every language, so each process imports one renderer.
  One format in several languages: the helper takes the first half.

Both give back results in the order the files were submitted. :func:`run_process`
holds the process-wide settings that make a command quick: the cycle collector runs less
often, and the process ends without tearing the interpreter down.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from types import TracebackType
from typing import TYPE_CHECKING, Generic, NoReturn, Protocol, TypeVar

if TYPE_CHECKING:
    from briefing.fork import Helper


Piece = TypeVar("Piece")
Result = TypeVar("Result")


class Executor(Protocol[Piece, Result]):
    def submit(self, piece: Piece) -> None: ...

    def results(self) -> list[Result]: ...

    def __enter__(self) -> Executor[Piece, Result]: ...

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class Here(Generic[Piece, Result]):
    """Every piece done in this process, when the results are asked for."""

    def __init__(self, work: Callable[[Sequence[Piece]], list[Result]]) -> None:
        self.work = work
        self.pieces: list[Piece] = []

    def submit(self, piece: Piece) -> None:
        self.pieces.append(piece)

    def results(self) -> list[Result]:
        return self.work(self.pieces)

    def __enter__(self) -> Here[Piece, Result]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None


class Shared(Generic[Piece, Result]):
    """Pieces that ``theirs`` picks go to a forked helper as soon as they are submitted
    (it ran ``prepare`` first); the rest are done here. A helper given nothing is
    stopped; one that crashes gives ChildFailed, which results() raises as a bug.

    ``early``: the helper is forked at once, to prepare while this process reads the
    brief. Otherwise (this process prepared already) it is forked with its first piece,
    which it then has in memory instead of in a pickle (half the hand-over of a
    PDF-only render in three languages: about 20 ms of CPU for the large brief).
    """

    def __init__(
        self,
        work: Callable[[Sequence[Piece]], list[Result]],
        prepare: Callable[[], object],
        theirs: Callable[[Piece], bool],
        *,
        early: bool = True,
    ) -> None:
        self.work = work
        self.prepare = prepare
        self.theirs = theirs
        from briefing.fork import Helper  # pickle, tempfile, signal: only when sharing

        self.order: list[tuple[bool, Piece]] = []  # (given to the helper, piece)
        self.open = True  # pieces may still be given (until results() is asked for)
        self.helper: Helper | None = Helper(prepare) if early else None

    def submit(self, piece: Piece) -> None:
        given = self.open and self.theirs(piece)
        if given:
            task = (self.work, piece)
            if self.helper is None:
                from briefing.fork import Helper

                self.helper = Helper(self.prepare, first=(_work_one, task))
            else:
                self.helper.give(_work_one, task)
        self.order.append((given, piece))

    def results(self) -> list[Result]:
        from briefing.fork import ChildFailed

        helper, self.helper, self.open = self.helper, None, False
        if helper is not None and not any(given for given, _ in self.order):
            helper.cancel()  # nothing for it after all (an invalid brief, say)
            helper = None
        mine = iter(self.work([p for given, p in self.order if not given]))
        theirs = iter(helper.results() if helper is not None else [])
        out: list[Result] = []
        for given, _ in self.order:
            answer = next(theirs) if given else next(mine)
            if isinstance(answer, ChildFailed):
                raise answer  # a bug in the toolkit, as if it had happened here
            out.append(answer)
        return out

    def __enter__(self) -> Shared[Piece, Result]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.helper is not None:  # left early: an error, or Ctrl-C
            self.helper.cancel()
            self.helper = None


def _work_one(task: tuple[Callable[[Sequence[Piece]], list[Result]], Piece]) -> Result:
    """In the helper: one piece of work (module level, so it pickles by reference)."""
    work, piece = task
    return work([piece])[0]


def can_share() -> bool:
    """Whether a helper may be forked here: POSIX, and no threads in this process."""
    from briefing.fork import can_fork

    return can_fork()


def run_process(main: Callable[[], int]) -> NoReturn:
    """Run a command's ``main`` with the process tuned for one short job, then end.

    A render allocates millions of short-lived objects (layout tuples, XML elements)
    that reference counting frees; the cycle collector's default pass every 700
    allocations finds almost nothing among them and cost 6% of a render's CPU time, so
    it runs a hundred times less often (no change in peak memory for the large
    benchmark brief). Finalizing an interpreter that has loaded ReportLab, lxml and the
    document trees took 40-80 ms, a tenth of rendering the example; by the time main()
    returns every output file is closed, synced and renamed, so only stdout and stderr
    are flushed and the process ends at once.
    """
    gc.set_threshold(100_000, 50, 100)
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe: nothing more can be said
            stream.flush()
    os._exit(code)
