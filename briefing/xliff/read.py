"""An XLIFF file from a translator -> units, read as the untrusted input it is.

A file that comes back from a CAT tool, an agency or an e-mail can be crafted. So:

- the file is read as a brief is (briefing/readers ``read_text``): the input-mb limit,
  regular files only, UTF-8 with the position of a bad byte;
- a DTD is refused before the XML parser sees the file (``<!DOCTYPE`` or ``<!ENTITY``
  anywhere): a DTD is where entity bombs ("billion laughs") and external entities
  (XXE: reading local files, fetching URLs) live, and XLIFF never needs one; the parser
  itself also resolves no entity, loads no DTD and touches no network, and libxml2
  bounds depth and node sizes (no ``huge_tree``);
- every problem has the file, line and column of the element it is about.

Both XLIFF 1.2 (``<trans-unit>``, codes ``<g>``) and 2.x (``<unit>``, ``<segment>``,
codes ``<pc>``) are read; ``<mrk>`` annotations are transparent, and a 2.x unit a tool
split into several segments is read whole again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from briefing.errors import BriefError, Position, Problem
from briefing.limits import Limits
from briefing.readers import read_text

from .codes import Content, Part, Span
from .write import CODE_NAMES, NS, STANDALONE_NAMES

_NS_VERSION = {NS["1.2"]: "1.2", NS["2.1"]: "2"}
_DTD = re.compile(r"<!(DOCTYPE|ENTITY)")
_XML_NS = "{http://www.w3.org/XML/1998/namespace}"
_PAIRED = {"g", "pc"}
_STANDALONE = {"x", "ph"}
_TRANSPARENT = {"mrk", "sm", "em"}  # annotations: their text is the unit's text


@dataclass
class XUnit:
    """One unit as the file has it."""

    id: str
    position: Position
    source: Content
    target: Content | None  # None: no target, or an empty one
    target_position: Position
    target_lang: str  # the file's target language (or the target's own xml:lang)
    lang_position: Position  # where that language is written
    code_positions: dict[str, Position] = field(default_factory=dict)  # target codes
    problems: list[Problem] = field(default_factory=list)  # wrong codes in the target


@dataclass
class XliffFile:
    path: str
    version: str  # "1.2" or "2"
    source_lang: str
    source_lang_position: Position
    units: list[XUnit]
    original: str | None


class _Where:
    """Element -> its line and column in the file (lxml knows lines, not columns)."""

    def __init__(self, file: str, text: str, root: etree._Element) -> None:
        self.file = file
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.at: dict[etree._Element, Position] = {}
        cursor = 0
        patterns: dict[str, re.Pattern[str]] = {}
        for el in root.iter(etree.Element):
            name = (el.prefix + ":" if el.prefix else "") + etree.QName(el).localname
            pattern = patterns.get(name)
            if pattern is None:
                pattern = patterns[name] = re.compile("<" + re.escape(name) + r"[\s/>]")
            found = pattern.search(text, cursor)
            line = el.sourceline or 1
            if found is None or self._line(found.start()) > line:
                self.at[el] = Position(file, line, 1)
                continue
            cursor = found.end() - 1
            at = self._line(found.start())
            self.at[el] = Position(file, at, found.start() - self.starts[at - 1] + 1)

    def _line(self, index: int) -> int:
        return bisect_right(self.starts, index)

    def __call__(self, el: etree._Element) -> Position:
        return self.at.get(el) or Position(self.file, el.sourceline or 1, 1)

    def index(self, index: int) -> Position:
        line = self._line(index)
        return Position(self.file, line, index - self.starts[line - 1] + 1)


def read_xliff(path: Path, limits: Limits | None = None) -> XliffFile:
    """The units of an XLIFF file, or a BriefError positioned in it."""
    name = str(path)
    text = read_text(path, limits)
    dtd = _DTD.search(text)
    if dtd is not None:
        at = _Where(name, text[: dtd.start()], etree.Element("x")).index(dtd.start())
        raise BriefError(
            Problem(
                f"<!{dtd.group(1)}> is not allowed in an XLIFF file: a DTD can define "
                "entities that expand without end or read other files, and XLIFF needs none",
                at,
            )
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        encoding="utf-8",
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (1, 1)
        message = str(exc.msg or "not well-formed").split(", line ")[0]
        raise BriefError(
            Problem(
                f"not an XLIFF file: not well-formed XML ({message})", Position(name, line, col)
            )
        ) from None
    where = _Where(name, text, root)
    for el in root.iter(etree.Entity):  # none can be defined without a DTD; never trust
        at = where(el.getparent() or root)
        raise BriefError(Problem("entity references are not allowed in an XLIFF file", at))
    qname = etree.QName(root)
    version = _NS_VERSION.get(qname.namespace or "", "")
    if qname.localname != "xliff" or not version:
        raise BriefError(
            Problem(
                f"not an XLIFF file: the root element is <{qname.localname}> in "
                f"{qname.namespace or 'no namespace'}; XLIFF 1.2 or 2.x was expected",
                where(root),
            )
        )
    return _Reader(name, version, where).file(root)


class _Reader:
    def __init__(self, name: str, version: str, where: _Where) -> None:
        self.name = name
        self.version = version
        self.where = where
        self.ns = NS["1.2"] if version == "1.2" else NS["2.1"]

    def q(self, tag: str) -> str:
        return f"{{{self.ns}}}{tag}"

    def missing(self, el: etree._Element, what: str) -> BriefError:
        return BriefError(Problem(f"not an XLIFF file: {what}", self.where(el)))

    def file(self, root: etree._Element) -> XliffFile:
        files = root.findall(self.q("file"))
        if not files:
            raise self.missing(root, "it has no <file> element")
        units: list[XUnit] = []
        source_lang = ""
        lang_el = root
        original = None
        for file in files:
            if self.version == "1.2":
                lang_el = file
                src, trg = file.get("source-language"), file.get("target-language")
                units_here = file.iter(self.q("trans-unit"))
            else:
                src, trg = root.get("srcLang"), root.get("trgLang")
                units_here = file.iter(self.q("unit"))
            if not src:
                raise self.missing(lang_el, "no source language")
            if not trg:
                raise BriefError(
                    Problem(
                        "this XLIFF file names no target language (target-language in 1.2, "
                        "trgLang in 2.x)",
                        self.where(lang_el),
                    )
                )
            source_lang = source_lang or src
            original = original or file.get("original")
            units += [self.unit(el, trg, self.where(lang_el)) for el in units_here]
        return XliffFile(self.name, self.version, source_lang, self.where(lang_el), units, original)

    def unit(self, el: etree._Element, lang: str, lang_position: Position) -> XUnit:
        uid = el.get("id")
        if not uid:
            raise self.missing(el, "a unit without an id")
        if self.version == "1.2":
            sources = [el.find(self.q("source"))]
            targets = [el.find(self.q("target"))]
            if sources[0] is None:
                raise self.missing(el, f"unit {uid!r} has no <source>")
        else:
            parts = [p for p in el if p.tag in (self.q("segment"), self.q("ignorable"))]
            sources = [p.find(self.q("source")) for p in parts]
            if not parts or any(s is None for s in sources):
                raise self.missing(el, f"unit {uid!r} has a segment without a <source>")
            targets = [
                p.find(self.q("target"))
                if p.tag == self.q("segment") or p.find(self.q("target")) is not None
                else p.find(self.q("source"))
                for p in parts
            ]
        unit = XUnit(uid, self.where(el), (), None, self.where(el), lang, lang_position)
        source: list[Part] = []
        for s in sources:
            assert s is not None
            source += self.content(s, None)
        unit.source = tuple(source)
        present = [t for t in targets if t is not None]
        if present:
            unit.target_position = self.where(present[0])
            own = present[0].get(_XML_NS + "lang")
            if own and own.replace("_", "-").lower() != lang.replace("_", "-").lower():
                unit.problems.append(
                    Problem(
                        f"this target is in {own!r} (xml:lang) but the file's target language "
                        f"is {lang!r}",
                        self.where(present[0]),
                    )
                )
        if len(present) == len(targets):
            target: list[Part] = []
            for t in present:
                target += self.content(t, unit)
            if any(isinstance(p, Span) or p.strip() for p in target):
                unit.target = tuple(target)
        return unit

    def content(self, el: etree._Element, unit: XUnit | None) -> list[Part]:
        """The text and codes inside ``el``; for a target, unknown codes and repeated
        ids are recorded on ``unit`` at their positions."""
        out: list[Part] = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):  # a comment: not text
                out.append(child.tail or "")
                continue
            local = etree.QName(child).localname
            if local in _TRANSPARENT:
                out += self.content(child, unit)
            elif local == "cp" and self.version == "2":
                out.append(_code_point(child.get("hex", "")))
            else:
                out.append(self.code(child, local, unit))
            out.append(child.tail or "")
        return [p for p in out if p != ""]

    def code(self, el: etree._Element, local: str, unit: XUnit | None) -> Span:
        cid = el.get("id") or "?"
        kind = f"<{local}>"
        names = CODE_NAMES if local in _PAIRED else STANDALONE_NAMES if local in _STANDALONE else {}
        if names:
            for name, (ctype, pc_type, sub) in names.items():
                if self.version == "1.2":
                    same = el.get("ctype") == ctype
                else:
                    same = el.get("type") == pc_type and el.get("subType") == sub
                if same:
                    kind = name
        if unit is not None:
            if cid in unit.code_positions:
                unit.problems.append(
                    Problem(f"the code id {cid!r} is used twice in this target", self.where(el))
                )
            unit.code_positions[cid] = self.where(el)
        inner = tuple(self.content(el, unit)) if local in _PAIRED else ()
        return Span(cid, kind, inner)


def _code_point(hex_value: str) -> str:
    """<cp hex="0007"/>: the character XML itself cannot hold (the text check refuses it)."""
    try:
        return chr(int(hex_value, 16))
    except (ValueError, OverflowError):
        return "\x00"
