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
(object numbers by name, read while the file is written), ``PDFCatalog.__NoDefault__``
(the keys a catalog or page writes) and a plain ``str`` value being written as is.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFString,
)

# Opening and closing the page-wide artifact, around a marked sequence of content.
LEAVE_ARTIFACT = "EMC"
ENTER_ARTIFACT = "/Artifact BMC"

Kid = Any  # Node | tuple[int, int] (page, MCID) | tuple[str, Any, int] ("annot", ref, page)


class Node:
    """One structure element: its type, attributes and kids in reading order."""

    __slots__ = ("attrs", "kids", "parent", "role")

    def __init__(self, role: str, parent: Node | None = None, **attrs: Any) -> None:
        self.role = role
        self.kids: list[Kid] = []
        self.attrs = attrs
        self.parent = parent  # where a footnote's Note goes: after its mark's Link
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
        refs: dict[int, PDFObjectReference] = {}
        todo: list[tuple[Node, Node | None]] = [(self.root, None)]
        while todo:  # depth-first, without recursion: lists may nest deeply
            node, parent = todo.pop()
            refs[id(node)] = doc.Reference(_Element(node, parent, refs))
            todo.extend((kid, node) for kid in reversed(node.kids) if isinstance(kid, Node))
        root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        refs[0] = doc.Reference(root)  # the parent of the Document element
        nums: list[Any] = []
        entries: list[tuple[int, Any]] = [
            (self.keys[page], PDFArray([refs[id(n)] for n in owners]))
            for page, owners in self.mcids.items()
        ]
        entries += [(key, refs[id(node)]) for key, node in self.annots.items()]
        for key, value in sorted(entries, key=lambda e: e[0]):
            nums += [key, value]
        root["K"] = PDFArray([refs[id(self.root)]])
        root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
        root["ParentTreeNextKey"] = self.next_key
        cat = doc.Catalog
        cat.StructTreeRoot = refs[0]
        cat.MarkInfo = PDFDictionary({"Marked": "true"})


class _Element(PDFObject):  # type: ignore[misc]
    """A structure element, written straight to bytes with the file: a long brief has
    thousands, and ReportLab's generic dictionaries took longer to write than all the
    marking of the pages (``PDFDocument.idToObjectNumberAndVersion``, ``Page<n>``)."""

    def __init__(self, node: Node, parent: Node | None, refs: dict[int, Any]) -> None:
        self.node = node
        self.parent = parent
        self.refs = refs

    def format(self, document: Any) -> bytes:
        # One pass over the kids, object numbers looked up directly: thousands of
        # elements a file, so this is written for speed (the same bytes as before).
        node, refs = self.node, self.refs
        numbers = document.idToObjectNumberAndVersion
        parent = refs[id(self.parent)] if self.parent is not None else refs[0]
        n, v = numbers[parent.name]
        out = [f"<< /Type /StructElem /S /{node.role} /P {n} {v} R"]
        first = None  # the page of the first marked sequence: the element's /Pg
        kids: list[str] = []
        for kid in node.kids:
            if isinstance(kid, Node):
                n, v = numbers[refs[id(kid)].name]
                kids.append(f"{n} {v} R")
            elif len(kid) == 2:
                page, mcid = kid
                if first is None:
                    first = page
                if page == first:
                    kids.append(str(mcid))
                else:
                    n, v = numbers[f"Page{page}"]
                    kids.append(f"<< /Type /MCR /Pg {n} {v} R /MCID {mcid} >>")
            else:
                _, annot, page = kid
                n, v = numbers[annot.name]
                p, pv = numbers[f"Page{page}"]
                kids.append(f"<< /Type /OBJR /Obj {n} {v} R /Pg {p} {pv} R >>")
        if first is not None:
            n, v = numbers[f"Page{first}"]
            out.append(f"/Pg {n} {v} R")
        if kids:
            out.append(f"/K [ {' '.join(kids)} ]")
        text = " ".join(out).encode("ascii")
        for key, value in node.attrs.items():
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
