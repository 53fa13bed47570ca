"""A TrueType font that encodes text and writes its widths faster, with the same bytes.

To draw text, ReportLab maps every character to a code in one of the font's 256-glyph
subsets, one character at a time in Python; for a memo that loop was the largest single
cost of drawing. Once a character has its code, the mapping never changes for that
document, so this subclass keeps a translation table of the codes handed out so far and
encodes a run with ``str.translate`` when all its characters are known and share one
subset (nearly always: a brief's alphabet fits one subset). Anything else (a character
never seen, a run spanning subsets) goes through ReportLab's own code, which also hands
out the codes, so the output is byte for byte what ReportLab writes.

A subset's name (``/F1+0``) and the font's state are kept on the document for the
same reason: they are asked for with every run.

Each embedded subset also carries a /Widths array of up to 256 numbers, which ReportLab
formats one by one through its general object formatter; here they are formatted once,
the same way, when the font objects are made.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFArray
from reportlab.pdfbase.ttfonts import TTFont

_NBSP = 0xA0  # ReportLab draws the no-break space as the space (code 32)


class _Codes:
    """The codes of one font in one document: char -> chr(code), kept in step."""

    def __init__(self) -> None:
        self.seen = 0  # how many assignments the table reflects
        self.table: dict[int, str] = {}
        self.known: set[str] = set()
        self.lows: dict[int, dict[int, int]] = {}  # subset -> {chr(code): code & 0xFF}

    def update(self, assignments: dict[int, int]) -> None:
        if len(assignments) == self.seen:
            return
        for cp, n in assignments.items():
            self.table[cp] = chr(n)
            self.known.add(chr(cp))
        if 32 in assignments:
            self.table[_NBSP] = chr(assignments[32])
            self.known.add(chr(_NBSP))
        self.seen = len(assignments)

    def low(self, subset: int) -> dict[int, int]:
        found = self.lows.get(subset)
        if found is None:
            base = subset << 8
            found = self.lows[subset] = {base + k: k for k in range(256)}
        return found


class _Escapes(dict[int, str]):
    """Code point -> its escaped subset-0 code, for ``str.translate``; a character
    without one sets ``missed`` (and is dropped): one pass both encodes a run and tells
    whether it could, with no second pass over the run to check its characters."""

    __slots__ = ("missed",)

    def __init__(self) -> None:
        super().__init__()
        self.missed = False

    def __missing__(self, cp: int) -> None:
        self.missed = True


class Shows:
    """Text-show operators of one TrueType font in one document, as ReportLab's text
    object writes them, for the text drawer (textdraw.py).

    Most runs hold only characters that already have a code in subset 0 (a brief's
    alphabet fits one subset): for them ``escaped`` maps each character straight to its
    escaped code, so a run becomes its ``(...) Tj`` operand with one ``str.translate``
    (ReportLab: encode per character, split into subsets, escape). Anything else goes
    through ``show``, which is ReportLab's way (and hands out the new codes)."""

    __slots__ = ("doc", "escape", "escaped", "font", "names", "seen")

    def __init__(self, font: FastTTFont, doc: Any, escape: Any) -> None:
        self.font = font
        self.doc = doc
        self.escape = escape  # the canvas's string escape (bytes -> str)
        self.escaped = _Escapes()  # code point -> its escaped subset-0 code
        self.names: dict[int, str] = {}  # subset -> its font resource name (/F1+0)
        self.seen = 0  # how many of the font's assignments ``escaped`` reflects
        self.refresh()

    def refresh(self) -> None:
        """Take in the codes handed out since last time (they never change after)."""
        state = self.font.state.get(self.doc)
        if state is None or len(state.assignments) == self.seen:
            return
        assignments: dict[int, int] = state.assignments
        for cp, n in islice(assignments.items(), self.seen, None):  # in the order given
            if n < 256 and cp not in self.escaped:
                self.escaped[cp] = self.escape(bytes((n,)))
        if 32 in self.escaped:  # ReportLab draws the no-break space as the space
            self.escaped[_NBSP] = self.escaped[32]
        self.seen = len(assignments)

    def name(self, subset: int) -> str:
        found = self.names.get(subset)
        if found is None:
            found = self.names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return found

    def show(self, text: str, subset: int, tail: str) -> tuple[str, int]:
        """``text`` shown with ``subset`` current, as ReportLab's ``_formatText`` writes it
        (a ``Tf`` where the subset changes, ``tail`` being ``"<size> Tf <leading> TL"``),
        and the subset current after it."""
        parts: list[str] = []
        for sub, encoded in self.font.splitString(text, self.doc):
            if sub != subset:
                parts.append(f"{self.name(sub)} {tail}")
                subset = sub
            parts.append(f"({self.escape(encoded)}) Tj")
        self.refresh()
        return " ".join(parts), subset


def shows(font: Any, doc: Any, escape: Any) -> Shows | None:
    """The ``Shows`` of ``font`` in ``doc`` (kept on the document), or None for a font
    this fast path does not know (not a FastTTFont: ReportLab's text object draws it)."""
    if not isinstance(font, FastTTFont):
        return None
    found: Shows | None = _per_document(doc, "_briefing_shows").get(font)
    if found is None:
        found = _per_document(doc, "_briefing_shows")[font] = Shows(font, doc, escape)
    return found


def _per_document(doc: Any, what: str) -> dict[Any, Any]:
    """A cache kept on the PDF document itself (it lives as long as the file it makes):
    ReportLab's per-document font state is a WeakKeyDictionary, whose lookup makes a
    weak reference each time, and the text of every run asks for it twice."""
    found: dict[Any, Any] | None = doc.__dict__.get(what)
    if found is None:
        found = {}
        setattr(doc, what, found)
    return found


class FastTTFont(TTFont):  # type: ignore[misc]
    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list[Any]:
        states = _per_document(doc, "_briefing_font_states")
        state = states.get(self)
        if state is None:
            state = self.state.get(doc)
            if state is not None:
                states[self] = state
        if state is not None and isinstance(text, str) and text:
            codes = state.__dict__.get("_briefing_codes")
            if codes is None:
                codes = state._briefing_codes = _Codes()
            codes.update(state.assignments)
            if codes.known.issuperset(text):
                coded = text.translate(codes.table)
                subset = ord(min(coded)) >> 8
                if ord(max(coded)) >> 8 == subset:
                    low = coded.translate(codes.low(subset)) if subset else coded
                    return [(subset, low.encode("latin-1"))]
        result: list[Any] = super().splitString(text, doc, encoding)
        return result

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:
        """ReportLab's, remembered: a subset's name never changes within a document once
        it has one (the first call gives the font its name and queues its objects)."""
        names = _per_document(doc, "_briefing_subset_names")
        key = (self, subset)
        found: str | None = names.get(key)
        if found is None:
            found = names[key] = super().getSubsetInternalName(subset, doc)
        return found

    def addObjects(self, doc: Any) -> None:
        fonts = doc.idToObject["BasicFonts"].dict
        before = set(fonts)
        super().addObjects(doc)
        for name in set(fonts) - before:
            font = fonts[name]
            font.Widths = PDFArray([_number(w) for w in font.Widths.sequence])


def _number(value: float) -> bytes:
    """A number as ReportLab writes it (fp_str), ready made: arrays pass bytes through."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value)).encode("ascii")
    return str(fp_str(value)).encode("ascii")
