"""The PDF through the whole pipeline, as a user gets it: YAML file -> CLI -> PDF file.

Text that looks like markup prints as typed; two processes give the same bytes; a
copied and changed template folder changes the look with no code; --toc adds a
contents page whose numbers and links match where the headings landed; the info
dictionary and the XMP carry the brief's metadata and dates.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from tests.readback import squash
from tests.render.test_pdf_tools import assert_valid_pdf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
LITERAL = ROOT / "tests" / "cases" / "pdf" / "literal-text.yaml"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z

# Every one of these is somewhere in literal-text.yaml and must print exactly so.
LITERALS = (
    "a < b & c",
    "<b>not bold</b>",
    "<font size=40>x</font>",
    "S&P 500",
    "{{ x }}",
    "]]>",
    "&amp;",
    "&lt;b&gt;",
    "<br/>",
    '<a href="javascript:alert(1)">click</a>',
    "<font color=red>SECRET</font> & co",
    "PB-<i>1</i>&amp;",
    "<i>not italic</i>",
    "&nbsp; &#x41; &bogus; %s {0} ${x} <!-- c --> <![CDATA[x]]>",
    "<th>",
    "<b>caption</b> & S&P",
    "— <b>by</b> & co",
    "R&D <team>",
)


def render(brief: Path, out: Path, *args: str, **env: str) -> Path:
    """Run the CLI in its own process; the path of the one PDF it wrote."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing",
            "render",
            str(brief),
            "-f",
            "pdf",
            "-o",
            str(out),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )
    assert proc.returncode == 0, proc.stderr
    written = [Path(line) for line in proc.stdout.split()]
    assert len(written) == 1, proc.stdout
    return written[0]


@pytest.fixture(scope="module")
def literal_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return render(LITERAL, tmp_path_factory.mktemp("literal")).read_bytes()


def text_of(data: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


# -- text safety ---------------------------------------------------------------------


def test_text_that_looks_like_markup_prints_as_typed(literal_pdf: bytes, tmp_path: Path) -> None:
    assert_valid_pdf(literal_pdf, tmp_path)
    text = text_of(literal_pdf)
    squashed = squash(text)
    for literal in LITERALS:
        assert squash(literal) in squashed, literal
    for literal in ("a < b & c", "S&P 500", "{{ x }}", "<b>not bold</b>"):
        assert literal in text, literal  # with its spaces, too


def test_markup_lookalikes_change_no_size_and_no_face(literal_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(literal_pdf)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    summary = text.index("Summary")
    for literal in ("<font size=40>x</font>", "<b>not bold</b>", "a < b & c"):
        at = text.index(literal, summary)
        run = chars[at : at + len(literal)]
        assert {round(c["size"], 2) for c in run} == {10.0}, literal
        assert all(c["fontname"].endswith("NotoSans-Regular") for c in run), literal


def test_only_the_real_link_is_a_link(literal_pdf: bytes) -> None:
    uris = []
    for page in PdfReader(io.BytesIO(literal_pdf)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                uris.append(str(action.get_object()["/URI"]))
    assert uris == ["https://example.org/a?b=1&c=%3C2%3E&d='x'"]


def test_metadata_holds_the_literal_texts(literal_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(literal_pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == "a < b & c — <b>not bold</b>"
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.dc_title is not None
    assert xmp.dc_title["x-default"] == "a < b & c — <b>not bold</b>"
    assert xmp.dc_subject == ["a < b & c", "]]>", "<?xml?>"]
    assert xmp.dc_creator == ["R&D <team>"]


# -- reproducible builds ---------------------------------------------------------------


def test_two_processes_give_identical_bytes(tmp_path: Path) -> None:
    """Different hash seeds too: nothing may depend on set or dict order."""
    first = render(EXAMPLE, tmp_path / "a", "-l", "az", SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="1")
    second = render(
        EXAMPLE, tmp_path / "b", "-l", "az", SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED="2"
    )
    data = first.read_bytes()
    assert data == second.read_bytes()
    assert_valid_pdf(data, tmp_path)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None
    assert str(reader.metadata["/CreationDate"]) == "D:20261126"  # the brief's date
    assert str(reader.metadata["/ModDate"]) == "D:20260101000000+00'00'"  # SOURCE_DATE_EPOCH
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.xmp_create_date is not None and xmp.xmp_modify_date is not None
    assert xmp.xmp_create_date.date().isoformat() == "2026-11-26"
    assert xmp.xmp_modify_date.isoformat().startswith("2026-01-01T00:00:00")


# -- the template is data ----------------------------------------------------------------


def test_a_copied_template_folder_changes_page_size_and_colour(tmp_path: Path) -> None:
    folder = tmp_path / "letter-red"
    shutil.copytree(ROOT / "templates" / "memo", folder)
    theme = folder / "theme.toml"
    text = theme.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^size = "A4"', 'size = "Letter"', text)
    text = re.sub(r'(?m)^navy = "#[0-9A-Fa-f]{6}"', 'navy = "#AA0000"', text)
    theme.write_text(text, encoding="utf-8")

    data = render(EXAMPLE, tmp_path / "out", "-t", str(folder)).read_bytes()
    assert_valid_pdf(data, tmp_path)
    for page in PdfReader(io.BytesIO(data)).pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = pdf.pages[0].chars
    title = [c for c in chars if c["size"] == 20.0]  # the title style
    assert title and all(_rgb(c["non_stroking_color"]) == (0.667, 0.0, 0.0) for c in title)


def _rgb(color: Any) -> tuple[float, ...]:
    return tuple(round(float(v), 3) for v in color)


# -- contents page ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def toc_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return render(EXAMPLE, tmp_path_factory.mktemp("toc"), "-l", "ru", "--toc").read_bytes()


def test_contents_lists_level_1_and_2_headings_with_their_pages(
    toc_pdf: bytes, tmp_path: Path
) -> None:
    from briefing import api

    assert_valid_pdf(toc_pdf, tmp_path)
    doc = api.localize(api.load(EXAMPLE), "ru").doc
    reader = PdfReader(io.BytesIO(toc_pdf))
    with pdfplumber.open(io.BytesIO(toc_pdf)) as pdf:  # places the numbers' forms right
        pages = [p.extract_text() or "" for p in pdf.pages]
    assert doc.contents_title in pages[0]
    entries = _outline(reader)
    headings = [(t, p) for t, p, level in entries if level <= 1]
    assert len(headings) > 5 and len(headings) < len(entries)  # level 3 is left out
    lines = pages[0].splitlines()
    lines = [ln for ln in lines[lines.index(doc.contents_title) + 1 :] if ln.strip()]
    for (title, page), line in zip(headings, lines[: len(headings)], strict=True):
        assert squash(line).startswith(squash(title)), (title, line)
        number = re.search(r"(\d+)\s*$", line)
        assert number is not None and int(number.group(1)) == page + 1, (title, line)
        assert squash(title) in squash(pages[page])


def test_contents_entries_link_to_their_headings(toc_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(toc_pdf))
    refs = [p.indirect_reference for p in reader.pages]
    page_index = {ref.idnum: i for i, ref in enumerate(refs) if ref is not None}
    targets = []
    for annot in reader.pages[0].get("/Annots") or []:
        dest = annot.get_object().get("/Dest")
        if dest is not None:  # [page, /XYZ, left, top, zoom]
            targets.append(page_index[dest[0].idnum])
    headings = [p for _, p, level in _outline(reader) if level <= 1]
    assert targets == headings


def _outline(reader: PdfReader) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                page = reader.get_destination_page_number(item)
                assert page is not None
                out.append((str(item.title), page, level))

    walk(reader.outline, 0)
    return out
