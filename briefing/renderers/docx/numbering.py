"""List numbering: find the template's list definitions and start numbered lists.

Word numbers a paragraph through numbering.xml: an abstract definition (glyphs,
formats, indents per level) and concrete ``w:num`` instances that point at it. All
paragraphs that share a ``w:num`` count as one list, so "List Number" alone continues
1, 2, 3 across separate lists. Each numbered list in a brief therefore gets a new
``w:num`` with ``w:startOverride`` 1 on every level; bullets share one instance.

The definitions are part of the look, so they live in the template's reference.docx,
named "Briefing Bullets" and "Briefing Numbers". A reference document that lacks them
(one a user brought) gets them copied from the bundled memo template.
"""

from __future__ import annotations

import copy
import zipfile
from functools import cache

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml import etree

from briefing.renderers.docx.ooxml import Element, sub, val
from briefing.resources import templates_dir

BULLETS = "Briefing Bullets"
NUMBERS = "Briefing Numbers"
LEVELS = 3


@cache
def _bundled_numbering() -> bytes:
    with zipfile.ZipFile(templates_dir() / "memo" / "reference.docx") as z:
        return z.read("word/numbering.xml")


def _bundled_abstract(name: str) -> Element:
    root = etree.fromstring(_bundled_numbering())
    for abstract in root.iterchildren(qn("w:abstractNum")):
        name_el = abstract.find(qn("w:name"))
        if name_el is not None and name_el.get(qn("w:val")) == name:
            return copy.deepcopy(abstract)
    raise LookupError(f"bundled reference.docx has no numbering definition {name!r}")


class Numbering:
    """The list definitions of one document and a factory for list instances."""

    def __init__(self, document: DocxDocument) -> None:
        self._root: Element = document.part.numbering_part.element
        abstract_ids: dict[str, str] = {}
        for abstract in self._root.iterchildren(qn("w:abstractNum")):
            name_el = abstract.find(qn("w:name"))
            if name_el is not None:
                abstract_ids.setdefault(
                    name_el.get(qn("w:val")), abstract.get(qn("w:abstractNumId"))
                )
        for name in (BULLETS, NUMBERS):
            if name not in abstract_ids:
                abstract_ids[name] = self._install(name)
        self._bullets_abstract = abstract_ids[BULLETS]
        self._numbers_abstract = abstract_ids[NUMBERS]
        num_ids = [int(n.get(qn("w:numId"))) for n in self._root.iterchildren(qn("w:num"))]
        self._next_num = max(num_ids, default=0) + 1
        self.bullets = self._plain_instance(self._bullets_abstract)
        self._twin: str | None = None  # new_numbered_twin's definition, once made

    def _install(self, name: str) -> str:
        """Copy a definition from the bundled template; return its new abstractNumId."""
        abstract = _bundled_abstract(name)
        used = [
            int(a.get(qn("w:abstractNumId"), "0"))
            for a in self._root.iterchildren(qn("w:abstractNum"))
        ]
        new_id = str(max(used, default=-1) + 1)
        abstract.set(qn("w:abstractNumId"), new_id)
        first_num = self._root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # every abstractNum precedes every num
        else:
            self._root.append(abstract)
        return new_id

    def _plain_instance(self, abstract_id: str) -> int:
        """An existing instance of the definition with no overrides, or a new one."""
        for num in self._root.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if (
                ref is not None
                and ref.get(qn("w:val")) == abstract_id
                and num.find(qn("w:lvlOverride")) is None
            ):
                return int(num.get(qn("w:numId"), "0"))
        return self._new_instance(abstract_id, restart=False)

    def _new_instance(self, abstract_id: str, *, restart: bool) -> int:
        num_id = self._next_num
        self._next_num += 1
        num = etree.Element(qn("w:num"))
        num.set(qn("w:numId"), str(num_id))
        val(num, "w:abstractNumId", abstract_id)
        if restart:
            for ilvl in range(LEVELS):
                override = sub(num, "w:lvlOverride", {"w:ilvl": str(ilvl)})
                val(override, "w:startOverride", "1")
        # w:num elements go after the abstract definitions and before numIdMacAtCleanup.
        cleanup = self._root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self._root.append(num)
        return num_id

    def new_numbered(self) -> int:
        """A fresh numbered-list instance that starts at 1 on every level."""
        return self._new_instance(self._numbers_abstract, restart=True)

    def new_numbered_twin(self) -> int:
        """As ``new_numbered``, of a copy of the definition (made once). Word counts
        each instance apart, but LibreOffice counts every instance of one definition
        together: two numbered lists whose items alternate (the two columns of a
        side-by-side memo) would number each other's items, 1, 3, 5 and 2, 4, 6."""
        if self._twin is None:
            source = next(
                a
                for a in self._root.iterchildren(qn("w:abstractNum"))
                if a.get(qn("w:abstractNumId")) == self._numbers_abstract
            )
            twin = copy.deepcopy(source)
            used = [
                int(a.get(qn("w:abstractNumId"), "0"))
                for a in self._root.iterchildren(qn("w:abstractNum"))
            ]
            self._twin = str(max(used) + 1)
            twin.set(qn("w:abstractNumId"), self._twin)
            for child in twin:
                if child.tag in (
                    qn("w:nsid"),
                    qn("w:name"),
                    qn("w:styleLink"),
                    qn("w:numStyleLink"),
                ):
                    twin.remove(child)  # its own list, linked to no style
            source.addnext(twin)
        return self._new_instance(self._twin, restart=True)
