"""Tagged PDF: marked content as pages are drawn, and the structure tree it belongs to.

A screen reader reads a PDF through its structure tree (ISO 32000-1, 14.7-14.8): a
tree of elements (Document, H1, P, L/LI/Lbl/LBody, Table/TR/TH/TD, ...) whose leaves
are marked-content sequences of the pages (``/P <</MCID 3>> BDC ... EMC``). ReportLab
writes neither, so this module does both, cheaply, while the pages are drawn:

- The tree is built with the story, in the brief's reading order (``Node``): each
  block's flowable carries its element (``TextBlock.node``). Layout never reorders the
  tree, so the reading order is the logical order whatever moves between pages, and a
  paragraph or table split over pages is still one element with content on each.
- Everything on a page is an artifact unless it is marked as content: the page's
  stream is wrapped in ``/Artifact BMC ... EMC`` (canvas.BriefCanvas.showPage) and a
  tagged block closes that artifact, marks its own text with the next MCID of the page,
  and reopens it. Rules, backgrounds, boxes, the running header and footer, page
  numbers and a table header repeated on a later page are thus artifacts, and no text
  is left outside both the tree and an artifact.
- At save, ``Tagger.finish`` writes the elements as PDF objects, the ParentTree (page
  -> elements by MCID, link annotation -> its Link element), /StructParents on pages,
  /MarkInfo and /StructTreeRoot on the catalog.

ReportLab internals used (reportlab 4.2-5.x; pyproject caps it below 6; each one is
checked in tests/test_internals.py): ``Canvas._code`` (the page's operator list),
``PDFTextObject._code``, ``Canvas._annotationrefs``, ``Canvas._doc``, ``PDFDocument.
Pages.pages``, page objects named ``Page<n>``, ``PDFDocument.idToObjectNumberAndVersion``
(object numbers by name), and how ``PDFDocument.Reference`` registers a new object
(``objectcounter``, ``numberToId``, ``idToObject``, the name ``R<number>``: done by
``Tagger.finish`` itself for the thousands of elements), ``PDFCatalog.__NoDefault__``
(the keys a catalog or page writes) and a plain ``str`` value being written as is.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFString,
)

# Opening and closing the page-wide artifact, around a marked sequence of content.
LEAVE_ARTIFACT = "EMC"
ENTER_ARTIFACT = "/Artifact BMC"

Kid = Any  # Node | tuple[int, int] (page, MCID) | tuple[str, Any, int] ("annot", ref, page)


class Node:
    """One structure element: its type, attributes and kids in reading order."""

    __slots__ = ("attrs", "kids", "number", "parent", "role")

    def __init__(self, role: str, parent: Node | None = None, **attrs: Any) -> None:
        self.role = role
        self.kids: list[Kid] = []
        self.attrs = attrs
        self.parent = parent  # where a footnote's Note goes: after its mark's Link
        self.number = 0  # its PDF object number, given at Tagger.finish
        if parent is not None:
            parent.kids.append(self)

    def add(self, role: str, **attrs: Any) -> Node:
        return Node(role, self, **attrs)

    def __repr__(self) -> str:
        return f"Node({self.role!r}, {len(self.kids)} kids)"


class Tagger:
    """The marked content of one document being drawn; its tree's root is ``root``."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self.mcids: dict[int, list[Node]] = {}  # page number -> element of each MCID
        self.keys: dict[int, int] = {}  # page number -> its /StructParents key
        self.annots: dict[int, Node] = {}  # annotation's /StructParent key -> Link
        self.next_key = 0

    def begin(self, canv: Any, node: Node) -> str:
        """The operator that opens ``node``'s next marked sequence on the current page."""
        page = canv.getPageNumber()
        owners = self.mcids.get(page)
        if owners is None:
            owners = self.mcids[page] = []
            self.keys[page] = self._key()
        mcid = len(owners)
        owners.append(node)
        node.kids.append((page, mcid))
        return f"/{node.role} <</MCID {mcid}>> BDC"

    def annotation(self, canv: Any, node: Node, annotation: PDFDictionary) -> None:
        """Tie a link annotation just added to the canvas to its Link element."""
        key = self._key()
        annotation["StructParent"] = key
        self.annots[key] = node
        node.kids.append(("annot", canv._annotationrefs[-1], canv.getPageNumber()))

    def _key(self) -> int:
        key = self.next_key
        self.next_key += 1
        return key

    # -- at the end ---------------------------------------------------------------------

    def page_done(self, canv: Any) -> None:
        """After ReportLab made the page object: its /StructParents and tab order."""
        page = canv._doc.Pages.pages[-1]
        number = len(canv._doc.Pages.pages)
        names = list(page.__NoDefault__)
        page.__NoDefault__ = [*names, "StructParents", "Tabs"]
        page.Tabs = PDFName("S")  # tab through links in structure order
        page.StructParents = self.keys.get(number)

    def finish(self, canv: Any) -> None:
        """Write the tree: elements, ParentTree, StructTreeRoot, MarkInfo."""
        doc = canv._doc
        # Each element takes the next object number, depth first in reading order, as
        # ReportLab's ``doc.Reference`` would give it, then the root.
        counter = doc.objectcounter
        order: list[tuple[Node, int]] = []  # with the parent's number
        todo: list[tuple[Node, int]] = [(self.root, 0)]  # 0: the StructTreeRoot
        while todo:  # without recursion: lists may nest deeply
            node, up = todo.pop()
            counter += 1
            node.number = counter
            order.append((node, up))
            todo += [(kid, counter) for kid in reversed(node.kids) if kid.__class__ is Node]
        root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        numbers, by_number, objects = doc.idToObjectNumberAndVersion, doc.numberToId, doc.idToObject
        top = counter + 1
        # Every number an element names is known now, so each is written here in one
        # pass, and registered as ReportLab's ``doc.Reference`` would (named R<number>)
        # without its checks: thousands of objects a file, new by construction.
        pages = {p: numbers[f"Page{p}"][0] for p in range(1, len(doc.Pages.pages) + 1)}
        for node, up in order:
            number = node.number
            name = f"R{number}"
            data = _element(node, up or top, pages, numbers)
            objects[name] = _Element(node, data) if node.attrs else data + b" >>"
            numbers[name] = (number, 0)
            by_number[number] = name
        doc.objectcounter = counter
        root_ref = doc.Reference(root)
        if numbers[root_ref.name][0] != top:  # a bug: the numbering above is wrong
            raise ValueError("structure tree root misnumbered")
        nums: list[Any] = []
        entries: list[tuple[int, Any]] = [
            (self.keys[page], PDFArray([b"%d 0 R" % n.number for n in owners]))
            for page, owners in self.mcids.items()
        ]
        entries += [(key, b"%d 0 R" % node.number) for key, node in self.annots.items()]
        for key, value in sorted(entries, key=lambda e: e[0]):
            nums += [key, value]
        root["K"] = PDFArray([b"%d 0 R" % self.root.number])
        root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
        root["ParentTreeNextKey"] = self.next_key
        cat = doc.Catalog
        cat.StructTreeRoot = root_ref
        cat.MarkInfo = PDFDictionary({"Marked": "true"})


def _element(node: Node, parent: int, pages: dict[int, int], numbers: Any) -> bytes:
    """A structure element's dictionary, without its text attributes (``_Element``)."""
    text = f"<< /Type /StructElem /S /{node.role} /P {parent} 0 R"
    first = 0  # the page of the first marked sequence: the element's /Pg
    kids: list[str] = []
    for kid in node.kids:
        if kid.__class__ is Node:
            kids.append(f"{kid.number} 0 R")
        elif len(kid) == 2:
            page, mcid = kid
            if not first:
                first = page
            if page == first:
                kids.append(str(mcid))
            else:
                kids.append(f"<< /Type /MCR /Pg {pages[page]} 0 R /MCID {mcid} >>")
        else:
            _, annot, page = kid
            n, v = numbers[annot.name]
            kids.append(f"<< /Type /OBJR /Obj {n} {v} R /Pg {pages[page]} 0 R >>")
    if first:
        text += f" /Pg {pages[first]} 0 R"
    if kids:
        text += f" /K [ {' '.join(kids)} ]"
    return text.encode("ascii")


class _Element(PDFObject):  # type: ignore[misc]
    """A structure element with text attributes (/Alt, /Lang ...): those are written
    with the file, as ReportLab writes strings (and would encrypt them). Elements
    without are registered as their finished bytes, which ReportLab writes as they are."""

    __slots__ = ("data", "node")

    def __init__(self, node: Node, data: bytes) -> None:
        self.node = node
        self.data = data

    def format(self, document: Any) -> bytes:
        text = self.data
        for key, value in self.node.attrs.items():
            if key == "scope":
                text += f" /A << /O /Table /Scope /{value} >>".encode("ascii")
            elif key == "numbering":
                text += f" /A << /O /List /ListNumbering /{value} >>".encode("ascii")
            elif key in ("Alt", "ActualText", "Lang", "T", "ID"):
                text += f" /{key} ".encode("ascii") + PDFString(value).format(document)
            else:  # a bug: the renderer sets only the keys above
                raise ValueError(f"unknown structure attribute {key}")
        return text + b" >>"


def mark(canv: Any, node: Node | None) -> bool:
    """Open ``node``'s marked sequence on the page (outside any text object); False
    (and nothing written) when the document is untagged or the flowable has no node."""
    tagger: Tagger | None = getattr(canv, "tagger", None)
    if tagger is None or node is None:
        return False
    canv._code.append(f"{LEAVE_ARTIFACT} {tagger.begin(canv, node)}")
    return True


def unmark(canv: Any) -> None:
    """Close what ``mark`` opened and go back into the page's artifact."""
    canv._code.append(f"EMC {ENTER_ARTIFACT}")


class TextMarks:
    """The marked sequences inside one text object (a paragraph's lines): each opened
    only when content of its element comes, so no sequence is empty, and closed when
    another element's content starts. ``to`` before drawing, ``close`` before ET."""

    __slots__ = ("canv", "code", "open", "tagger")

    def __init__(self, tagger: Tagger, canv: Any, code: list[str]) -> None:
        self.tagger = tagger
        self.canv = canv
        self.code = code
        self.open: Node | None = None

    def to(self, node: Node) -> None:
        if node is not self.open:
            if self.open is not None:
                self.code.append("EMC")
            self.code.append(self.tagger.begin(self.canv, node))
            self.open = node

    def close(self) -> None:
        if self.open is not None:
            self.code.append("EMC")
            self.open = None
