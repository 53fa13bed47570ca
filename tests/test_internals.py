"""The private internals of ReportLab and python-docx that briefing relies on.

The renderers reach into both libraries where their public API is too slow or has no
handle at all (see each module's docstring for why). Private names may change in any
release, so pyproject.toml caps both at their next major version, and this file holds
one test per internal we use, checking it still exists with the shape we use. When a
test here fails after an upgrade, its message names the module of ours that depends
on the internal and what to check there; fix that module (or drop the trick), then
raise the bound.

Each test is cheap: no memo is rendered, only a one-page canvas or one tiny document.
"""

from __future__ import annotations

import importlib
import inspect
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.styles import BabelFish
from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFCatalog,
    PDFDictionary,
    PDFDocument,
    PDFInfo,
    PDFName,
    PDFObjectReference,
)
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from briefing.renderers.pdf.fastfont import FastTTFont
from briefing.renderers.pdf.metadata import BriefInfo, install
from briefing.resources import fonts_dir, templates_dir
from briefing.tree import Metadata

FONT = fonts_dir() / "NotoSans-Regular.ttf"
REFERENCE = templates_dir() / "memo" / "reference.docx"
# Latin, a no-break space (ReportLab draws it as the space), Azerbaijani and Cyrillic.
SAMPLE = "Baku\u00a0memo: ə İ ğ — Хартия, 26 ноября"


def relied_on(internal: str, ours: str, check: str) -> str:
    """The failure message: what changed, which file of ours uses it, what to do."""
    return (
        f"{internal} changed in this version of the library; {ours} relies on it. "
        f"After upgrading, {check}"
    )


def params(function: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(function).parameters)


# -- ReportLab --------------------------------------------------------------------------


def test_text_object_textout_without_measuring() -> None:
    """PDFTextObject._textOut(text): writes a text show operator, measures nothing."""
    why = relied_on(
        "reportlab.pdfgen.textobject.PDFTextObject._textOut",
        "briefing/renderers/pdf/textdraw.py (_Text.show, for fonts other than ours)",
        "use textOut there (it measures each run again, slower) or the new private name.",
    )
    assert callable(getattr(PDFTextObject, "_textOut", None)), why
    assert params(PDFTextObject._textOut)[:2] == ["self", "text"], why
    text = Canvas(io.BytesIO()).beginText()
    text.setFont("Helvetica", 10)
    text._textOut("abc")
    assert text.getCode().endswith("(abc) Tj ET"), why


@pytest.fixture(scope="module")
def noto() -> str:
    """The bundled Noto Sans, registered once as a FastTTFont under a name of its own."""
    name = "InternalsTestNotoSans"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(FastTTFont(name, str(FONT)))
    return name


def test_ttf_face_char_widths(noto: str) -> None:
    """getFont(name).face.charWidths {code point: width} and face.defaultWidth."""
    why = relied_on(
        "TTFont.face.charWidths / face.defaultWidth",
        "briefing/renderers/pdf/textfont.py (widths)",
        "find where the face keeps its advance widths (1/1000 em) per code point.",
    )
    face = pdfmetrics.getFont(noto).face
    widths = getattr(face, "charWidths", None)
    assert isinstance(widths, dict) and widths, why
    assert isinstance(widths.get(ord("a")), int | float), why
    assert 400 < widths[ord("a")] < 700, why  # 1/1000 em, not font units
    assert isinstance(getattr(face, "defaultWidth", None), int | float), why


def test_ttfont_state_assignments_and_split_string() -> None:
    """TTFont.state[doc].assignments, and splitString(text, doc, encoding) as we copy it.

    FastTTFont.splitString must return what TTFont.splitString returns, on a first pass
    (ReportLab's code hands out the codes) and a second (our translate table).
    """
    why = relied_on(
        "TTFont.state / State.assignments / TTFont.splitString",
        "briefing/renderers/pdf/fastfont.py (FastTTFont.splitString)",
        "compare FastTTFont.splitString with TTFont.splitString; remove the fast path if "
        "the codes are no longer kept per document in state.assignments.",
    )
    assert params(TTFont.splitString) == ["self", "text", "doc", "encoding"], why
    ours, theirs = FastTTFont("InternalsFast", str(FONT)), TTFont("InternalsPlain", str(FONT))
    doc_a, doc_b = PDFDocument(), PDFDocument()
    for _ in range(2):
        assert ours.splitString(SAMPLE, doc_a) == theirs.splitString(SAMPLE, doc_b), why
    state = ours.state.get(doc_a)
    assert state is not None, why
    assignments = getattr(state, "assignments", None)
    assert isinstance(assignments, dict) and ord("ə") in assignments, why
    assert "_briefing_codes" in vars(state), why  # we may keep our table on the state


def test_ttfont_add_objects_basic_fonts_widths() -> None:
    """addObjects(doc) puts each subset in doc.idToObject["BasicFonts"].dict, its Widths a
    PDFArray with .sequence; a PDFArray writes bytes items as they are."""
    why = relied_on(
        'PDFDocument.idToObject["BasicFonts"].dict / font.Widths.sequence / PDFArray',
        "briefing/renderers/pdf/fastfont.py (FastTTFont.addObjects)",
        "check where the subset font objects and their /Widths arrays are kept.",
    )
    assert params(TTFont.addObjects) == ["self", "doc"], why
    written = []
    for font in (FastTTFont("InternalsFastW", str(FONT)), TTFont("InternalsPlainW", str(FONT))):
        doc = PDFDocument()
        fonts = doc.idToObject["BasicFonts"].dict
        assert isinstance(fonts, dict), why
        font.splitString(SAMPLE, doc)
        font.addObjects(doc)
        assert len(fonts) == 1, why
        (pdf_font,) = fonts.values()
        assert isinstance(pdf_font.Widths, PDFArray), why
        assert isinstance(pdf_font.Widths.sequence, list), why
        written.append(pdf_font.Widths.format(doc))
    assert written[0] == written[1], why  # the same bytes as ReportLab's own numbers


def test_canvas_doc_info_and_catalog() -> None:
    """Canvas._doc is the PDFDocument; its .info holds what set* stored, .Catalog exists."""
    why = relied_on(
        "Canvas._doc / PDFDocument.info / PDFDocument.Catalog",
        "briefing/renderers/pdf/document.py (make_canvas) and metadata.py (install)",
        "find the canvas's document object and its info dictionary.",
    )
    canv = Canvas(io.BytesIO())
    assert isinstance(getattr(canv, "_doc", None), PDFDocument), why
    canv.setTitle("T")
    canv.setAuthor("A")
    info = canv._doc.info
    assert isinstance(info, PDFInfo), why
    assert vars(info).get("title") == "T" and vars(info).get("author") == "A", why
    assert isinstance(canv._doc.Catalog, PDFCatalog), why


def test_pdf_info_format_writes_the_keys_brief_info_writes() -> None:
    """BriefInfo replaces PDFInfo.format: both must write the same keys, from the same
    attributes (a new key in ReportLab's would be lost from our info dictionary)."""
    why = relied_on(
        "PDFInfo.format(document) and its attributes",
        "briefing/renderers/pdf/metadata.py (BriefInfo.format)",
        "write every key PDFInfo.format writes, from the attributes it reads.",
    )
    assert params(PDFInfo.format) == ["self", "document"], why
    doc = PDFDocument(invariant=1)
    theirs = PDFInfo().format(doc)
    ours_info = BriefInfo()
    ours_info.created = ours_info.modified = "2026-11-26"
    ours = ours_info.format(doc)

    def keys(data: bytes) -> set[bytes]:
        return set(re.findall(rb"/(\w+) ", data.split(b"<<", 1)[1]))

    assert keys(theirs) == keys(ours), why
    for attr in ("title", "author", "subject", "keywords", "creator", "producer", "trapped"):
        assert hasattr(PDFInfo(), attr), why


def test_catalog_writes_metadata() -> None:
    """Setting Catalog.Metadata to a stream puts /Metadata in the written file."""
    why = relied_on(
        "PDFCatalog.Metadata (in PDFCatalog.__NoDefault__)",
        "briefing/renderers/pdf/metadata.py (install: the XMP packet)",
        "attach the XMP stream to the catalog the way the new version allows.",
    )
    assert "Metadata" in getattr(PDFCatalog, "__NoDefault__", ()), why
    buf = io.BytesIO()
    canv = Canvas(buf, invariant=1)
    meta = Metadata(
        title="T",
        subject="S",
        author="A",
        keywords=(),
        language="en",
        created="2026-11-26",
        modified="2026-11-26",
    )
    install(canv._doc, meta, "en")
    canv.drawString(10, 10, "x")
    canv.save()
    data = buf.getvalue()
    assert b"/Metadata" in data and b"<x:xmpmeta" in data, why
    assert b"/CreationDate (D:20261126)" in data, why


def test_tagging_internals_page_code_and_annotations() -> None:
    """Canvas._code (the page's operators, in order), PDFTextObject._code (a list that
    stays the object's own), Canvas._annotationrefs (the page's annotation references,
    the last added last), Canvas._bookmarkReference, Canvas._absRect, and page objects
    named Page<n> in PDFDocument.Pages.pages."""
    why = relied_on(
        "Canvas._code / PDFTextObject._code / Canvas._annotationrefs / "
        "Canvas._bookmarkReference / Pages.pages / page names",
        "briefing/renderers/pdf/tags.py, textdraw.py (draw), canvas.py, links.py",
        "find where the page's operators, a text object's operators and the page's "
        "annotations are kept, and how page objects are named.",
    )
    buf = io.BytesIO()
    canv = Canvas(buf, invariant=1, pageCompression=0)
    canv._code.append("/P <</MCID 0>> BDC")
    text = canv.beginText(10, 10)
    code = text._code
    text.setFont("Helvetica", 10)
    text._textOut("abc")
    code.append("EMC")
    assert text._code is code, why
    canv.drawText(text)
    assert canv._code[-1].endswith("(abc) Tj EMC ET"), why
    canv._addAnnotation(PDFDictionary({"Type": PDFName("Annot")}))
    refs = canv._annotationrefs
    assert len(refs) == 1 and isinstance(refs[-1], PDFObjectReference), why
    assert isinstance(canv._absRect((0, 0, 1, 1), 1), list | tuple), why
    assert canv._bookmarkReference("k") is canv._bookmarkReference("k"), why
    canv.bookmarkPage("k")
    canv.showPage()
    pages = canv._doc.Pages.pages
    assert len(pages) == 1, why
    assert canv._doc.Reference(pages[0]).name == "Page1", why
    canv.save()
    number, version = canv._doc.idToObjectNumberAndVersion["Page1"]
    assert f"{number} {version} obj\n<<\n/Annots".encode() in buf.getvalue(), why
    assert b"/P <</MCID 0>> BDC" in buf.getvalue(), why


def test_catalog_and_page_keys_through_no_default_and_raw_strings() -> None:
    """A key added to an object's own __NoDefault__ list is written (StructParents,
    Tabs, OutputIntents); a plain str value is written as it is (``true``)."""
    why = relied_on(
        "PDFCatalog/PDFPage.__NoDefault__ and format() of a str",
        "briefing/renderers/pdf/tags.py (page_done, finish) and archival.py",
        "write /StructParents, /Tabs, /MarkInfo and /OutputIntents another way.",
    )
    buf = io.BytesIO()
    canv = Canvas(buf, invariant=1, pageCompression=0)
    canv.drawString(10, 10, "x")
    canv.showPage()
    page = canv._doc.Pages.pages[-1]
    page.__NoDefault__ = [*page.__NoDefault__, "StructParents"]
    page.StructParents = 7
    cat = canv._doc.Catalog
    cat.__NoDefault__ = [*cat.__NoDefault__, "OutputIntents"]
    cat.OutputIntents = PDFArray([1])
    cat.MarkInfo = PDFDictionary({"Marked": "true"})
    canv.save()
    data = buf.getvalue()
    assert b"/StructParents 7" in data, why
    assert b"/OutputIntents [ 1 ]" in data, why
    assert re.search(rb"/Marked\s+true", data), why


def test_use_a85_is_read_at_save() -> None:
    """rl_config.useA85 is consulted when a canvas writes its streams."""
    why = relied_on(
        "reportlab.rl_config.useA85",
        "briefing/renderers/pdf/canvas.py (BriefCanvas.save)",
        "switch the ASCII85 wrapping off the new way, or accept 25 % bigger files.",
    )
    assert hasattr(rl_config, "useA85"), why
    saved = rl_config.useA85
    out = {}
    try:
        for flag in (0, 1):
            rl_config.useA85 = flag
            buf = io.BytesIO()
            canv = Canvas(buf, pageCompression=1, invariant=1)
            canv.drawString(10, 10, "x")
            canv.save()
            out[flag] = b"ASCII85Decode" in buf.getvalue()
    finally:
        rl_config.useA85 = saved
    assert out == {0: False, 1: True}, why


def test_table_split_internals() -> None:
    """Table._calc(w, h), ._rowHeights, ._splitRows(h, doInRowSplit=...), .splitInRow."""
    why = relied_on(
        "Table._calc / _rowHeights / _splitRows(doInRowSplit=) / splitInRow",
        "briefing/renderers/pdf/tables.py (DataTable.split)",
        "check how Table.split chooses between splitting between and inside rows.",
    )
    assert params(Table._calc) == ["self", "availWidth", "availHeight"], why
    assert params(Table._splitRows)[:3] == ["self", "availHeight", "doInRowSplit"], why
    table = Table([["h"], ["a"], ["b"], ["c"]], repeatRows=1, splitInRow=1)
    assert table.splitInRow == 1, why
    table._calc(200, 1000)
    heights = table._rowHeights
    assert len(heights) == 4 and all(isinstance(h, int | float) for h in heights), why
    parts = table._splitRows(sum(heights[:2]) + 1, doInRowSplit=False)
    assert isinstance(parts, list) and len(parts) == 2, why


def test_keep_together_wrap_state() -> None:
    """KeepTogether keeps its flowables in ._content; wrap sets ._H, ._H0, ._wrapInfo,
    which split reads (with ._frame): KeepWithNext.wrap sets the same ones."""
    why = relied_on(
        "KeepTogether._content / _H / _H0 / _wrapInfo / _frame",
        "briefing/renderers/pdf/keep.py (KeepWithNext) and document.py (keepTogetherClass)",
        "compare KeepTogether.wrap and .split with KeepWithNext.wrap.",
    )
    group = KeepTogether([Spacer(10, 10), Spacer(10, 20)])
    assert isinstance(getattr(group, "_content", None), list), why
    assert len(group._content) == 2, why
    source = inspect.getsource(KeepTogether.split)
    for name in ("_wrapInfo", "_H", "_H0", "_frame"):
        assert re.search(rf"\b{name}\b", source), why
    group.canv = Canvas(io.BytesIO())
    group.wrap(100, 100)
    assert (group._H, group._H0, group._wrapInfo) == (30, 10, (100, 100)), why
    assert "keepTogetherClass" in BaseDocTemplate._initArgs, why


class _Probe(Flowable):  # type: ignore[misc]
    """Too tall for its frame the first time: records what split sees, then shrinks."""

    seen: dict[str, Any]

    def __init__(self) -> None:
        super().__init__()
        self.seen = {}

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return aW, (5000.0 if not self.seen else 10.0)

    def split(self, aW: float, aH: float) -> list[Any]:
        frame = self._doctemplateAttr("frame")
        self.seen = {
            "frame": frame,
            "own_frame": getattr(self, "_frame", None),
            "at_top": getattr(frame, "_atTop", None),
            "height": frame.__dict__.get("_height") if frame is not None else None,
        }
        return [Spacer(10, 10)]


def test_flowables_see_their_frame() -> None:
    """In a build, _doctemplateAttr("frame") is the Frame, with _atTop and _height, and a
    flowable asked to split has ._frame set."""
    why = relied_on(
        'Flowable._doctemplateAttr("frame") / Frame._atTop / Frame._height / flowable._frame',
        "briefing/renderers/pdf/tables.py, boxes.py and keep.py (whether at a frame top)",
        "find how a flowable learns its frame and whether it is at the frame's top.",
    )
    probe = _Probe()
    doc = BaseDocTemplate(io.BytesIO(), pagesize=(300, 400))
    doc.addPageTemplates([PageTemplate("p", [Frame(0, 0, 300, 400, id="f")])])
    doc.build([Paragraph("x", ParagraphStyle("s")), probe])
    assert isinstance(probe.seen.get("frame"), Frame), why
    assert probe.seen["own_frame"] is probe.seen["frame"], why
    assert probe.seen["at_top"] == 0, why  # a paragraph is above it
    assert probe.seen["height"] == 400, why


def test_reportlab_url_pattern_is_found_deferred() -> None:
    """lazyre.py: ReportLab's paragraph module gets the deferred URL pattern from re's
    cache. Run in a fresh interpreter: this file imported ReportLab already."""
    import subprocess
    import sys

    code = (
        "from briefing.renderers.pdf import prepare\n"
        "from briefing.templates import load_template\n"
        "prepare(load_template())\n"
        "import reportlab.platypus.paragraph as p\n"
        "print(type(p.uri_pat).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    why = relied_on(
        "reportlab.platypus.paragraph.uri_pat (its pattern or flags), or re._cache",
        "briefing/renderers/pdf/lazyre.py",
        "copy the new pattern into URI_PATTERN (or drop the trick: only speed is lost).",
    )
    assert out.stdout.strip() == "Deferred", why


def test_deferred_pattern_acts_as_the_compiled_one() -> None:
    from briefing.renderers.pdf.lazyre import URI_FLAGS, URI_PATTERN, Deferred

    lazy, real = Deferred(URI_PATTERN, URI_FLAGS), re.compile(URI_PATTERN, URI_FLAGS)
    assert (lazy.pattern, lazy.flags, lazy.groups) == (real.pattern, real.flags, real.groups)
    for text in (
        "https://example.org/a?b#c", "HTTP://user:pw@10.0.0.1:8080/x", "ftp://[::1]/",
        "https://bakı.az", "mailto:x", "not a url", "http://-bad-.com", "",
    ):  # fmt: skip
        found, expected = lazy.match(text), real.match(text)
        assert (found and (found.span(), found.groups())) == (
            expected and (expected.span(), expected.groups())
        ), text


def test_faster_writing_gives_reportlabs_bytes() -> None:
    """fastwrite.py: the swapped helpers give what ReportLab's give, or fail as they do,
    and ReportLab's are back after the save."""
    from reportlab.pdfbase import pdfdoc

    from briefing.renderers.pdf.fastwrite import faster_writing, pdf_name, pdfdoc_enc

    why = relied_on(
        "pdfdoc.pdfdocEnc or pdfdoc.PDFName",
        "briefing/renderers/pdf/fastwrite.py",
        "compare the two again (or drop the swap: only speed is lost).",
    )
    texts = [chr(c) for c in range(256)] + ["12 0 obj\n", "5 0 R", "ə İ", "a\x18b", b"raw"]
    for text in texts:
        try:
            expected: object = pdfdoc.pdfdocEnc(text)
        except UnicodeEncodeError:
            expected = UnicodeEncodeError
        try:
            found: object = pdfdoc_enc(text)
        except UnicodeEncodeError:
            found = UnicodeEncodeError
        assert found == expected, (why, text)
    for name in ["Type", "StructTreeRoot", "F1+0", "a b", "(x)", "#", "ə", "Page12", ""]:
        assert pdf_name(name) == pdfdoc.PDFName(name), (why, name)
        assert pdf_name(name) == pdfdoc.PDFName(name), (why, name)  # remembered
    originals = pdfdoc.pdfdocEnc, pdfdoc.PDFName
    with faster_writing():
        assert (pdfdoc.pdfdocEnc, pdfdoc.PDFName) == (pdfdoc_enc, pdf_name)
    assert (pdfdoc.pdfdocEnc, pdfdoc.PDFName) == originals


def test_a_memo_saved_with_and_without_faster_writing_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from contextlib import nullcontext

    from briefing import api
    from briefing.renderers.pdf import canvas

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")  # the same dates in both files
    tpl = api.template()
    example = Path(__file__).resolve().parents[1] / "examples" / "us-azerbaijan-charter.yaml"
    doc = api.localize(api.load(example), "ru", tpl).doc
    fast = api.render(doc, "pdf", tpl)
    monkeypatch.setattr(canvas, "faster_writing", nullcontext)
    assert api.render(doc, "pdf", tpl) == fast


def test_canvas_state_push_as_reportlab_does() -> None:
    """canvas.py copies Canvas.STATE_ATTRIBUTES by itemgetter in push_state_stack."""
    from briefing.renderers.pdf.canvas import BriefCanvas

    why = relied_on(
        "Canvas.push_state_stack / STATE_ATTRIBUTES / state_stack",
        "briefing/renderers/pdf/canvas.py",
        "copy what ReportLab's push_state_stack now saves.",
    )
    ours, theirs = BriefCanvas(io.BytesIO()), Canvas(io.BytesIO())
    for canv in (ours, theirs):
        canv.setFont("Helvetica", 13)
        canv.translate(3, 4)
        canv.saveState()
    assert ours.state_stack[-1].keys() == theirs.state_stack[-1].keys(), why
    assert ours.state_stack[-1]["_fontsize"] == theirs.state_stack[-1]["_fontsize"] == 13, why
    assert ours._extgstate is not ours.state_stack[-1]["_extgstate"], why
    for canv in (ours, theirs):
        canv.setFont("Helvetica", 7)
        canv.restoreState()
        assert canv._fontsize == 13, why


def test_text_block_draw_on_as_flowable_draw_on() -> None:
    """TextBlock.drawOn writes what Flowable.drawOn writes (q, the cm of
    Canvas.translate, Q) and leaves Canvas._currentMatrix and Canvas._extgstate as
    restoreState would, saving only those two; links land on the same rectangles."""
    from reportlab.lib.colors import Color

    from briefing.renderers.pdf.kit import kit
    from briefing.renderers.pdf.textblock import Piece, TextBlock
    from briefing.templates import load_template

    why = relied_on(
        "Flowable.drawOn / Canvas.transform / Canvas._currentMatrix / Canvas._extgstate",
        "briefing/renderers/pdf/textblock.py (TextBlock.drawOn)",
        "compare with Flowable.drawOn; save and write what it now saves and writes.",
    )
    style = kit(load_template("memo")).sheet["body"]
    pieces = [
        Piece(style.fontName, "Half see-through text, then ", Color(0.2, 0.3, 0.4, alpha=0.5)),
        Piece(style.fontName, "a link over the line end", style.textColor, "https://x.az/"),
    ]
    results = []
    for draw_on in (TextBlock.drawOn, Flowable.drawOn):
        canv = Canvas(io.BytesIO(), invariant=1)
        canv.translate(70.86614, 300.5)
        canv.scale(1.5, 1)
        block = TextBlock(pieces, style)
        block.wrap(120.25, 500)
        draw_on(block, canv, 12.3456, 78.9)
        rects = [canv._doc.idToObject[ref.name]["Rect"].sequence for ref in canv._annotationrefs]
        results.append((list(canv._code), canv._currentMatrix, canv._extgstate._d, rects))
    assert len(results[0][3]) == 2, why  # the link's two lines
    assert any(" gs" in op for op in results[0][0]), why  # the alpha was set
    assert results[0] == results[1], why


# -- python-docx ------------------------------------------------------------------------


@pytest.fixture
def reference() -> DocxDocument:
    return docx.Document(str(REFERENCE))


@pytest.mark.parametrize(
    ("module", "name", "ours"),
    [
        ("docx.parts.hdrftr", "HeaderPart", "briefing/renderers/docx/page.py"),
        ("docx.parts.hdrftr", "FooterPart", "briefing/renderers/docx/page.py"),
        ("docx.oxml.section", "CT_SectPr", "briefing/renderers/docx/page.py"),
        ("docx.oxml.xmlchemy", "BaseOxmlElement", "briefing/renderers/docx/page.py"),
        ("docx.styles", "BabelFish", "briefing/renderers/docx/styles.py"),
        ("docx.oxml.parser", "OxmlElement", "briefing/renderers/docx/document.py"),
        ("docx.parts.document", "DocumentPart", "briefing/renderers/docx/context.py"),
        ("docx.opc.part", "Part", "briefing/renderers/docx/fonts.py, package.py"),
        ("docx.opc.packuri", "PackURI", "briefing/renderers/docx/fonts.py"),
    ],
)
def test_docx_import_paths(module: str, name: str, ours: str) -> None:
    """Names we import from python-docx's internal modules."""
    why = relied_on(f"{module}.{name}", ours, "import it from where it moved.")
    assert hasattr(importlib.import_module(module), name), why


def test_header_footer_parts_made_by_hand(reference: DocxDocument) -> None:
    """HeaderPart/FooterPart(partname, content type, element, package), and the section
    properties' titlePg_val and add_header/footerReference, as page.py makes the four
    header and footer parts without the section API."""
    from docx.enum.section import WD_HEADER_FOOTER
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.oxml.parser import OxmlElement
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.parts.hdrftr import FooterPart, HeaderPart

    why = relied_on(
        "docx.parts.hdrftr.HeaderPart(...), CT_SectPr.add_headerReference, titlePg_val",
        "briefing/renderers/docx/page.py (_new_part)",
        "make the parts as the new python-docx does, or go back to the section API.",
    )
    sect_pr = reference.element.body.sectPr
    sect_pr.titlePg_val = True
    for cls, ct, rt, tag, add in (
        (HeaderPart, CT.WML_HEADER, RT.HEADER, "w:hdr", sect_pr.add_headerReference),
        (FooterPart, CT.WML_FOOTER, RT.FOOTER, "w:ftr", sect_pr.add_footerReference),
    ):
        root = OxmlElement(tag)
        assert isinstance(root, BaseOxmlElement), why
        part = cls(PackURI("/word/x.xml"), ct, root, reference.part.package)
        add(WD_HEADER_FOOTER.FIRST_PAGE, reference.part.relate_to(part, rt))
    section = reference.sections[0]
    assert section.different_first_page_header_footer, why
    assert section.first_page_header._element.tag.endswith("}hdr"), why
    assert section.first_page_footer._element.tag.endswith("}ftr"), why


def test_core_properties_element(reference: DocxDocument) -> None:
    """core_properties._element: the cp:coreProperties element (for cp:lastPrinted)."""
    why = relied_on(
        "docx.opc.coreprops.CoreProperties._element",
        "briefing/renderers/docx/package.py (set_properties)",
        "find how to remove cp:lastPrinted from the core properties.",
    )
    element = reference.core_properties._element
    assert element.tag.endswith("}coreProperties"), why
    assert callable(element.findall) and callable(element.remove), why


def test_font_table_is_a_plain_part_with_blob(reference: DocxDocument) -> None:
    """The font table is a plain Part: .blob returns ._blob, so assigning ._blob
    replaces the bytes written."""
    why = relied_on(
        "docx.opc.part.Part._blob (font table part)",
        "briefing/renderers/docx/fonts.py (embed_fonts)",
        "if the font table got an XML part class, edit its element instead of _blob.",
    )
    font_table = reference.part.part_related_by(RT.FONT_TABLE)
    assert isinstance(getattr(font_table, "_blob", None), bytes), why
    font_table._blob = b"<changed/>"
    assert font_table.blob == b"<changed/>", why


def test_part_constructor_and_next_partname(reference: DocxDocument) -> None:
    """Part(partname, content_type, blob, package) and package.next_partname(template)."""
    why = relied_on(
        "docx.opc.part.Part(...) / OpcPackage.next_partname",
        "briefing/renderers/docx/fonts.py (embed_fonts: the font parts)",
        "make a binary part and its name the new way.",
    )
    assert params(Part.__init__)[1:5] == ["partname", "content_type", "blob", "package"], why
    package = reference.part.package
    name = package.next_partname("/word/fonts/font%d.odttf")
    assert str(name).startswith("/word/fonts/font"), why
    part = Part(PackURI(name), "application/x-test", b"data", package)
    assert part.blob == b"data" and part.partname == name, why


def test_babel_fish_internal_to_ui() -> None:
    """BabelFish.internal2ui maps styles.xml's lower-case built-in names to Word's."""
    why = relied_on(
        "docx.styles.BabelFish.internal2ui",
        "briefing/renderers/docx/styles.py (StyleMap)",
        "map built-in style names (heading 1 -> Heading 1) another way.",
    )
    assert BabelFish.internal2ui("heading 1") == "Heading 1", why
    assert BabelFish.internal2ui("Memo Label") == "Memo Label", why


def test_package_parts_marshal_as_we_save(reference: DocxDocument) -> None:
    """What package.save does by hand: package.parts, part.before_marshal(), part.blob,
    partname.membername / rels_uri.membername, part.rels.xml and package.rels.xml as
    bytes, and Relationships as a dict of rId -> rel with .reltype (del removes one)."""
    why = relied_on(
        "OpcPackage.parts / Part.before_marshal / PackURI.membername / Relationships.xml",
        "briefing/renderers/docx/package.py (save, drop_stale_parts)",
        "compare package.save with python-docx's PackageWriter.",
    )
    package = reference.part.package
    parts = package.parts
    assert isinstance(parts, list) and reference.part in parts, why
    assert isinstance(package.rels.xml, bytes), why
    for part in parts:
        assert callable(part.before_marshal), why
        assert isinstance(part.blob, bytes), why
        assert isinstance(part.content_type, str), why
        assert not part.partname.membername.startswith("/"), why
        if len(part.rels):
            assert isinstance(part.rels.xml, bytes), why
            assert part.partname.rels_uri.membername.endswith(".rels"), why
    rels = reference.part.rels
    assert isinstance(rels, dict), why
    rid, rel = next(iter(rels.items()))
    assert isinstance(rel.reltype, str), why
    del rels[rid]
    assert rid not in rels, why


def test_package_reader_and_unmarshaller() -> None:
    """refcache.py keeps python-docx's PackageReader of the reference and unmarshals a
    new Package from it for every document, as ``docx.Document`` does in one go."""
    from docx.opc.package import Unmarshaller
    from docx.opc.part import PartFactory
    from docx.opc.pkgreader import PackageReader
    from docx.package import Package

    why = relied_on(
        "PackageReader.from_file / Unmarshaller.unmarshal / Package()",
        "briefing/renderers/docx/refcache.py",
        "open the reference as docx.Document(...) does now.",
    )
    reader = PackageReader.from_file(io.BytesIO(REFERENCE.read_bytes()))  # type: ignore[no-untyped-call]
    documents = []
    for _ in range(2):
        package = Package()
        Unmarshaller.unmarshal(reader, package, PartFactory)  # type: ignore[no-untyped-call]
        documents.append(package.main_document_part.document)
    assert documents[0].part is not documents[1].part, why
    assert documents[0].element.xml == docx.Document(str(REFERENCE)).element.xml, why


def test_reference_docx_is_where_the_tests_expect() -> None:
    """The fixtures above read the bundled files; a move would fail every test here."""
    assert isinstance(REFERENCE, Path) and REFERENCE.is_file()
    assert FONT.is_file()


def test_reference_registers_new_objects_as_tags_does() -> None:
    """PDFDocument.Reference gives a new object the next number (objectcounter + 1),
    named R<number>, in idToObjectNumberAndVersion, numberToId and idToObject; a
    registered bytes value is written as it is."""
    why = relied_on(
        "PDFDocument.Reference / objectcounter / numberToId / idToObject",
        "briefing/renderers/pdf/tags.py (Tagger.finish registers the elements itself)",
        "register the structure elements through doc.Reference again.",
    )
    buf = io.BytesIO()
    canv = Canvas(buf, invariant=1, pageCompression=0)
    doc = canv._doc
    counter = doc.objectcounter
    ref = doc.Reference(PDFDictionary({"A": 1}))
    assert ref.name == f"R{counter + 1}", why
    assert doc.objectcounter == counter + 1, why
    assert doc.idToObjectNumberAndVersion[ref.name] == (counter + 1, 0), why
    assert doc.numberToId[counter + 1] == ref.name, why
    name = f"R{counter + 2}"
    doc.objectcounter = counter + 2
    doc.idToObjectNumberAndVersion[name] = (counter + 2, 0)
    doc.numberToId[counter + 2] = name
    doc.idToObject[name] = b"<< /Raw 1 >>"
    canv.drawString(10, 10, "x")
    canv.save()
    assert f"{counter + 2} 0 obj\n<< /Raw 1 >>\nendobj\n".encode() in buf.getvalue(), why
