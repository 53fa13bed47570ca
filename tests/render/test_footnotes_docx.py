"""Footnotes and cross-references in the DOCX, read back as Word and a reader see them.

The trees come from the example with notes, anchors and references added
(tests/render/note_trees.py): a note in a paragraph, a list item, a quote, a table
caption, a table cell and a call-out, each with bold, italic and a link; references
to a table, a figure, a section and a source, in the text and inside a note. Checked:
footnotes.xml holds the notes in order, document.xml references each once, the styles
and the separators are there, each REF field names a bookmark that exists and holds
what the field shows; both validators pass; LibreOffice puts each note at the foot of
the page of its mark, in every language and side by side.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from briefing import api
from briefing.bilingual import Pair
from briefing.renderers.docx import render
from briefing.renderers.docx.bilingual import render as render_pair
from briefing.renderers.docx.xrefs import MAX_NAME, Xrefs, ascii_name
from briefing.templates import Template, load_template
from briefing.tree import Document, Figure, Table, walk_sections
from tests.render.note_trees import (
    ANNEX,
    LINK,
    PLACES,
    SECTION,
    TABLE,
    annex_label,
    with_notes,
    without_notes,
)
from tests.render.test_docx_support import (
    EXAMPLE,
    LANGS,
    assert_valid,
    foreign_template,
    pdf_text_pages,
    soffice_pdf,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")


def tree(lang: str) -> Document:
    return with_notes(api.localize(api.load(EXAMPLE), lang).doc)


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml(parts: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(parts[name])


def one(element: etree._Element, path: str) -> etree._Element:
    """The element at ``path`` below ``element``, which must be there."""
    found = element.find(path, NS)
    assert found is not None, path
    return found


def val_of(element: etree._Element, path: str, attr: str = "val") -> str | None:
    return one(element, path).get(f"{{{W}}}{attr}")


def text_of(element: etree._Element) -> str:
    return "".join(element.xpath(".//w:t/text()", namespaces=NS))


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    """lang -> the DOCX of its tree with notes; "en+az" side by side."""
    out = {lang: render(tree(lang), load_template()) for lang in LANGS}
    out["en+az"] = render_pair(Pair(tree("en"), tree("az")), load_template())
    return out


# --- the package -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_footnotes_part_holds_the_notes_in_order(rendered: dict[str, bytes], lang: str) -> None:
    parts = parts_of(rendered[lang])
    notes = xml(parts, "word/footnotes.xml").findall("w:footnote", NS)
    kinds = [(n.get(f"{{{W}}}id"), n.get(f"{{{W}}}type")) for n in notes[:2]]
    assert kinds == [("-1", "separator"), ("0", "continuationSeparator")]
    assert notes[0].find(".//w:separator", NS) is not None
    assert notes[1].find(".//w:continuationSeparator", NS) is not None
    real = notes[2:]
    assert [n.get(f"{{{W}}}id") for n in real] == [str(i) for i in range(1, len(PLACES) + 1)]
    for n, (note, where) in enumerate(zip(real, PLACES, strict=True), start=1):
        text = text_of(note)
        assert text.startswith(f" N{n} ") and f"({where})" in text, text
        p = one(note, "w:p")
        assert val_of(p, "w:pPr/w:pStyle") == "FootnoteText"
        first = one(p, "w:r")
        assert first.find("w:footnoteRef", NS) is not None  # the number at the foot
        assert val_of(first, "w:rPr/w:rStyle") == "FootnoteReference"
        assert p.find(".//w:r/w:rPr/w:b", NS) is not None
        assert p.find(".//w:r/w:rPr/w:i", NS) is not None
    # the first note holds a cross-reference to the table
    assert "REF budget_table" in "".join(real[0].xpath(".//w:instrText/text()", namespaces=NS))


@pytest.mark.parametrize("lang", LANGS)
def test_document_references_each_note_once_in_order(rendered: dict[str, bytes], lang: str) -> None:
    parts = parts_of(rendered[lang])
    body = xml(parts, "word/document.xml")
    refs = body.findall(".//w:footnoteReference", NS)
    assert [r.get(f"{{{W}}}id") for r in refs] == [str(i) for i in range(1, len(PLACES) + 1)]
    for ref in refs:
        run = ref.getparent()
        assert run is not None and val_of(run, "w:rPr/w:rStyle") == "FootnoteReference"

    # each mark where it belongs: in a list item, a table cell, a caption, a call-out
    def style_of(ref: etree._Element) -> str:
        p = next(a for a in ref.iterancestors(f"{{{W}}}p"))
        return str(val_of(p, "w:pPr/w:pStyle"))

    assert [style_of(r) for r in refs] == [
        "BodyText", "ListBullet", "Quote", "Caption", "TableText", "CalloutNote",
    ]  # fmt: skip
    assert refs[4].xpath("ancestor::w:tc", namespaces=NS)


def test_package_wiring(rendered: dict[str, bytes]) -> None:
    """Content type, the document's relationship, the note links' own relationships,
    footnotePr in settings, the two styles (superscript mark) and python-docx opens it."""
    parts = parts_of(rendered["en"])
    types = parts["[Content_Types].xml"].decode()
    assert 'PartName="/word/footnotes.xml"' in types
    assert "wordprocessingml.footnotes+xml" in types
    rels = parts["word/_rels/document.xml.rels"].decode()
    assert re.search(r'Type="[^"]*/footnotes" Target="footnotes.xml"', rels)
    note_rels = parts["word/_rels/footnotes.xml.rels"].decode()
    assert f'Target="{LINK}"' in note_rels and 'TargetMode="External"' in note_rels
    note_links = xml(parts, "word/footnotes.xml").findall(".//w:hyperlink", NS)
    ids = {i for h in note_links for i in [h.get(f"{{{R}}}id")] if i}
    assert ids and all(f'Id="{i}"' in note_rels for i in ids)
    settings = xml(parts, "word/settings.xml")
    pr = settings.find("w:footnotePr", NS)
    assert pr is not None
    assert [f.get(f"{{{W}}}id") for f in pr.findall("w:footnote", NS)] == ["-1", "0"]
    styles = xml(parts, "word/styles.xml")
    text = styles.find("w:style[@w:styleId='FootnoteText']", NS)
    mark = styles.find("w:style[@w:styleId='FootnoteReference']", NS)
    assert text is not None and text.get(f"{{{W}}}type") == "paragraph"
    assert mark is not None and mark.get(f"{{{W}}}type") == "character"
    assert val_of(mark, "w:rPr/w:vertAlign") == "superscript"
    assert text.find("w:rPr/w:sz", NS) is not None  # themed: smaller than the body
    document = docx.Document(io.BytesIO(rendered["en"]))
    assert document.styles["footnote text"].type == WD_STYLE_TYPE.PARAGRAPH


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# --- cross-references -----------------------------------------------------------------


def bookmarks(root: etree._Element) -> dict[str, str]:
    """name -> the text between a bookmark's start and its end (one paragraph)."""
    out: dict[str, str] = {}
    for start in root.iterfind(".//w:bookmarkStart", NS):
        number, name = start.get(f"{{{W}}}id"), start.get(f"{{{W}}}name")
        texts: list[str] = []
        for el in start.itersiblings():
            if el.tag == f"{{{W}}}bookmarkEnd" and el.get(f"{{{W}}}id") == number:
                break
            texts.append(text_of(el))
        else:
            pytest.fail(f"bookmark {name} is not closed in its paragraph")
        out[str(name)] = "".join(texts)
    return out


def fields(root: etree._Element) -> list[tuple[str, str]]:
    """(instruction, result) of each REF field, in order."""
    out = []
    for instr in root.iterfind(".//w:instrText", NS):
        code = (instr.text or "").strip()
        if not code.startswith("REF "):
            continue
        parent = instr.getparent()
        assert parent is not None
        run = parent.getnext()  # the "separate" run
        assert run is not None and val_of(run, "w:fldChar", "fldCharType") == "separate"
        result, run = [], run.getnext()
        while run is not None and run.find("w:fldChar", NS) is None:
            result.append(text_of(run))
            run = run.getnext()
        assert run is not None and val_of(run, "w:fldChar", "fldCharType") == "end"
        out.append((code, "".join(result)))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_ref_fields_name_bookmarks_that_hold_their_result(
    rendered: dict[str, bytes], lang: str
) -> None:
    parts = parts_of(rendered[lang])
    body = xml(parts, "word/document.xml")
    marks = bookmarks(body)
    mine = {n: t for n, t in marks.items() if not n.startswith("_")}
    assert all(NAME.match(n) for n in mine)
    assert len({n.lower() for n in mine}) == len(mine)
    refs = fields(body) + fields(xml(parts, "word/footnotes.xml"))
    assert len(refs) == 6  # table, figure, section, source, annex; the table from a note
    doc = tree(lang)
    section = next(s for s in doc.sections if s.kind == "background")
    for instruction, result in refs:
        name = instruction.split()[1]
        assert name in mine, instruction
        assert instruction.endswith("\\h \\* MERGEFORMAT")
        if "\\n" in instruction.split():
            assert mine[name] and result == "1"  # the first source's list number
        else:
            assert mine[name] == result, (instruction, mine[name], result)
    assert mine[ascii_name(SECTION)] == section.heading
    assert mine[ascii_name(TABLE)] == "1"
    assert mine[ascii_name(ANNEX)] == "1"  # the number in "Annex 1: ..."
    # the reference is also a link to its bookmark
    anchors = {h.get(f"{{{W}}}anchor") for h in body.iterfind(".//w:hyperlink", NS)}
    assert set(mine) <= anchors


def test_side_by_side_notes_and_bookmarks(rendered: dict[str, bytes]) -> None:
    """Both columns' notes, in reading order (left, then right), each in its language;
    each column's references lead to its own bookmarks."""
    parts = parts_of(rendered["en+az"])
    notes = xml(parts, "word/footnotes.xml").findall("w:footnote", NS)[2:]
    assert len(notes) == 2 * len(PLACES)
    langs = [set(n.xpath(".//w:lang/@w:val", namespaces=NS)) for n in notes]
    texts = [text_of(n) for n in notes]
    assert texts[0].startswith(" N1 Source") and texts[1].startswith(" N1 Mənbə")
    assert langs[0] == {"en-US"} and langs[1] == {"az-Latn-AZ"}
    body = xml(parts, "word/document.xml")
    marks = {n for n in bookmarks(body) if not n.startswith("_")}
    assert len(marks) == 10 and len({m.lower() for m in marks}) == 10
    for cell in body.iterfind(".//w:tc", NS):
        tag = cell.xpath("string((.//w:lang/@w:val)[1])", namespaces=NS)
        for instruction, _ in fields(cell):
            suffix = "_en" if tag == "en-US" else "_az"
            assert instruction.split()[1].endswith(suffix), (tag, instruction)


def test_valid(rendered: dict[str, bytes], tmp_path: Path) -> None:
    for name in ("en", "en+az"):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(rendered[name])
        assert_valid(path)


# --- templates ------------------------------------------------------------------------


def test_a_reference_with_footnote_styles_keeps_them(tmp_path: Path) -> None:
    """A user's reference.docx with its own footnote styles: used, not duplicated."""
    template = foreign_template(tmp_path / "own")
    reference = docx.Document(str(template.path / "reference.docx"))
    for name in ("Normal", "Body Text", "List Bullet", "Caption", "Quote", "Footer"):
        if name not in [s.name for s in reference.styles]:
            reference.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    own = reference.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    reference.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    own_id = own.style_id
    reference.save(str(template.path / "reference.docx"))
    data = render(tree("en"), load_template(str(template.path)))
    styles = xml(parts_of(data), "word/styles.xml")
    names = styles.xpath("w:style/w:name/@w:val", namespaces=NS)
    assert names.count("footnote text") == 1 and names.count("footnote reference") == 1
    notes = xml(parts_of(data), "word/footnotes.xml")
    used = set(notes.xpath(".//w:pStyle/@w:val", namespaces=NS))
    assert used == {own_id}
    path = tmp_path / "own.docx"
    path.write_bytes(data)
    assert_valid(path)


def test_a_reference_without_them_gets_themed_ones(tmp_path: Path) -> None:
    template: Template = foreign_template(tmp_path / "foreign")
    data = render(tree("ru"), template)
    styles = xml(parts_of(data), "word/styles.xml")
    assert styles.find("w:style[@w:styleId='FootnoteText']", NS) is not None
    path = tmp_path / "foreign.docx"
    path.write_bytes(data)
    assert_valid(path)


def test_no_notes_no_footnotes_part() -> None:
    """A brief without notes or references: no part, styles, settings or bookmarks of
    theirs (its DOCX is byte for byte what it was before footnotes), even where an id
    names a table (the example's, for its chart's data) that nothing refers to."""
    doc = without_notes(api.localize(api.load(EXAMPLE), "en").doc)
    tables = [b for s in walk_sections(doc.sections) for b in s.blocks if isinstance(b, Table)]
    assert any(t.anchor for t in tables)
    data = render(doc, load_template())
    parts = parts_of(data)
    assert "word/footnotes.xml" not in parts
    assert b"footnote" not in parts["word/settings.xml"].lower()
    assert b"footnote" not in parts["word/styles.xml"].lower()
    assert b"bookmarkStart" not in parts["word/document.xml"]


# --- bookmark names -------------------------------------------------------------------


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=20))
def test_bookmark_names_are_valid_and_unique(anchors: list[str]) -> None:
    x = Xrefs(())
    names = [x.name(0, a) for a in anchors] + [x.name(1, a) for a in anchors]
    assert all(NAME.match(n) and len(n) <= MAX_NAME for n in names), names
    distinct = {(side, a) for side in (0, 1) for a in anchors}
    assert len({n.lower() for n in names}) == len(distinct)


def test_bookmark_names_read_like_their_anchor() -> None:
    x = Xrefs(())
    assert x.name(0, "budget-table") == "budget_table"
    assert x.name(0, "Budget_Table") == "Budget_Table_2"  # Word ignores case
    assert x.name(0, "2024") == "ref_2024"
    assert x.name(0, "şəhər") == "seher"
    assert x.name(0, "бюджет-таблица") == "byudzhet_tablitsa"
    assert x.name(0, "中文") == "ref"
    assert len(x.name(0, "a" * 60)) == MAX_NAME


# --- LibreOffice: the notes at the foot of the page of their marks --------------------


def test_libreoffice_shows_each_note_on_the_page_of_its_mark(
    rendered: dict[str, bytes], tmp_path: Path
) -> None:
    sources = []
    for name, data in rendered.items():
        path = tmp_path / f"notes-{name}.docx"
        path.write_bytes(data)
        sources.append(path)
    pdfs = soffice_pdf(sources, tmp_path / "pdf")
    for source, pdf in pdfs.items():
        pages = pdf_text_pages(pdf)
        columns = 2 if "+" in source.stem else 1
        for n in range(1, len(PLACES) + 1):
            marked = [i for i, page in enumerate(pages) if f"[M{n}]" in page]
            noted = [i for i, page in enumerate(pages) for _ in re.finditer(f"N{n} ", page)]
            assert len(noted) == columns, (source.name, n, noted)
            if columns == 2:
                # LibreOffice 7.4 puts a cell's note on the next page when the row holding
                # its mark breaks across the page (docs/format.md says so): there, the
                # page of the mark or the one after it
                marked += [i + 1 for i in marked]
            assert set(noted) <= set(marked), (source.name, n, marked, noted)
        # the references read as the tree has them (LibreOffice computes REF fields from
        # the bookmarks, so this also checks what the bookmarks hold)
        text = " ".join(pages)
        for lang in source.stem.removeprefix("notes-").split("+"):
            doc = tree(lang)
            figure = next(
                b for s in walk_sections(doc.sections) for b in s.blocks if isinstance(b, Figure)
            )
            section = next(s for s in doc.sections if s.kind == "background")
            refs = f"(Table 1, {figure.label}, {section.heading}, [1], {annex_label(doc)})"
            if columns == 1:
                assert refs in text, lang
            else:  # a row that breaks across pages has the page furniture between
                assert all(ref in text for ref in refs[1:-1].split(", ")), lang


# --- the bundled example: notes and references written in the brief's syntax -----------


@pytest.fixture(scope="module")
def example() -> dict[str, bytes]:
    """The example (two notes, references to its budget table and a source, in each
    language; briefing/inline.py reads them) as DOCX, alone and side by side."""
    loaded = api.load(EXAMPLE)
    template = load_template()
    out = {lang: render(api.localize(loaded, lang).doc, template) for lang in LANGS}
    out["en+ru"] = render_pair(api.localize_pair(loaded, "en+ru").doc, template)
    return out


def mark_contexts(body: etree._Element) -> list[str]:
    """For each footnote mark, in order, the last words before it in its paragraph (as
    pdftotext reads them: whole words, none broken at a hyphen)."""
    out = []
    for ref in body.iterfind(".//w:footnoteReference", NS):
        p = next(ref.iterancestors(f"{{{W}}}p"))
        before: list[str] = []
        for el in p.iter(f"{{{W}}}t", f"{{{W}}}footnoteReference"):
            if el is ref:
                break
            before.append(el.text or "" if el.tag == f"{{{W}}}t" else " ")
        words = " ".join("".join(before).split()).split(" ")
        out.append(" ".join(w for w in words[-3:] if "-" not in w and "\u2013" not in w))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_the_example_notes_are_word_footnotes(example: dict[str, bytes], lang: str) -> None:
    parts = parts_of(example[lang])
    notes = xml(parts, "word/footnotes.xml")
    texts = [text_of(n) for n in notes.findall("w:footnote", NS)[2:]]
    assert len(texts) == 2 and all(t.strip() for t in texts)
    assert "[1]" in texts[0]  # the embassy, cited by its number in the sources list
    body = xml(parts, "word/document.xml")
    assert [r.get(f"{{{W}}}id") for r in body.iterfind(".//w:footnoteReference", NS)] == [
        "1",
        "2",
    ]
    marks = bookmarks(body)
    refs = fields(body) + fields(notes)
    assert {i.split()[1] for i, _ in refs} == {"budget", "embassy"}
    for instruction, result in refs:
        if "\\n" in instruction.split():
            assert result == "1" and marks["embassy"]
        else:
            assert marks[instruction.split()[1]] == "1" and result.endswith("1")


def test_the_example_notes_on_their_pages(example: dict[str, bytes], tmp_path: Path) -> None:
    """LibreOffice sets each note at the foot of the page of its mark, alone and side by
    side, and the DOCX passes both validators."""
    sources = []
    for name, data in example.items():
        sources.append(tmp_path / f"example-{name}.docx")
        sources[-1].write_bytes(data)
        assert_valid(sources[-1])
    for source, pdf in soffice_pdf(sources, tmp_path / "pdf").items():
        pages = pdf_text_pages(pdf)
        parts = parts_of(source.read_bytes())
        notes = xml(parts, "word/footnotes.xml").findall("w:footnote", NS)[2:]
        contexts = mark_contexts(xml(parts, "word/document.xml"))
        assert len(contexts) == len(notes)
        for context, note in zip(contexts, notes, strict=True):
            start = " ".join(text_of(note).split()[:4])
            noted = [i for i, page in enumerate(pages) if start in page]
            marked = [i for i, page in enumerate(pages) if context in page]
            assert len(noted) == 1 and noted[0] in marked, (source.name, start, context)
