"""The canvas every page is drawn on: deferred drawing at save, compact streams.

Some things are only known when the last page is done: the total for "Page X of Y",
the page each heading landed on (for the contents page). Pages use form XObjects for
them, and whoever drew a form registers a finisher that defines it just before the
file is written (ReportLab allows a form to be used before it is defined).

ReportLab wraps every compressed stream in ASCII85 by default: 25 % bigger files and,
in pure Python, a large share of the time spent writing. Binary streams are standard
PDF, so the setting is switched off while this canvas writes (and restored after, so
other ReportLab users in the process keep theirs); two of ReportLab's writing helpers
are swapped for faster ones giving the same bytes the same way (fastwrite.py).

A tagged document (tags.py) has a ``tagger``: each page's stream is then wrapped in an
artifact, which the tagged blocks step out of to mark their content, and the structure
tree is written after the last finisher.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from briefing.renderers.pdf.fastwrite import faster_writing
from briefing.renderers.pdf.tags import ENTER_ARTIFACT, Tagger

_STATE_NAMES = tuple(Canvas.STATE_ATTRIBUTES)
_STATE = itemgetter(*_STATE_NAMES)


class BriefCanvas(Canvas):  # type: ignore[misc]
    finishers: list[Callable[[Canvas], None]]
    tagger: Tagger | None = None

    def push_state_stack(self) -> None:
        """ReportLab's, with the state copied by one itemgetter instead of a Python loop
        over its 22 names: platypus saves the state around every flowable it draws."""
        state = dict(zip(_STATE_NAMES, _STATE(self.__dict__), strict=True))
        self.state_stack.append(state)
        self._extgstate = self.__dict__["_extgstate"].pushCopy()

    def showPage(self) -> None:
        tagger = self.tagger
        if tagger is not None:
            self._code.insert(0, ENTER_ARTIFACT)
            self._code.append("EMC")
        super().showPage()
        # ReportLab gives every page an empty /Trans (no transition): dropped, as
        # meaningless bytes that PDF/A checkers then have to look at.
        self._doc.Pages.pages[-1].Trans = None
        if tagger is not None:
            tagger.page_done(self)

    def save(self) -> None:
        for finish in getattr(self, "finishers", ()):
            finish(self)
        if self.tagger is not None:
            self.tagger.finish(self)
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            with faster_writing(self._doc):
                super().save()
        finally:
            rl_config.useA85 = saved
