"""The fonts travel with the file: embedded faces are real fonts that cover the memo.

Two checks. First, each embedded part, de-obfuscated here as ECMA-376 Part 1 §17.8.1
describes (independently of the renderer's own code), opens in fontTools as the face
the font table says it is, and its character map covers every character the memo
shows, list bullets included, in every language. Second, LibreOffice run with a
fontconfig file that hides the system's Noto fonts still sets the Azerbaijani and
Russian memo in Noto Sans: the only Noto it can find is the one in the file. The same
memo without embedded fonts, under the same fontconfig, comes out in another font,
which shows the hiding works.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from tests.readback import pdffonts_rows
from tests.render.test_docx_support import LANGS, cli_render, require, soffice_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
FACES = {
    "embedRegular": "Regular",
    "embedBold": "Bold",
    "embedItalic": "Italic",
    "embedBoldItalic": "Bold Italic",
}
TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|numbering)\.xml")


def deobfuscate(blob: bytes, font_key: str) -> bytes:
    """§17.8.1: the key GUID's 32 hex digits, read from the last pair to the first, give
    16 bytes; the first 32 bytes of the font were XORed with them, twice over."""
    digits = font_key.strip("{}").replace("-", "")
    key = [int(digits[i : i + 2], 16) for i in range(30, -1, -2)]
    head = bytes(b ^ key[i % 16] for i, b in enumerate(blob[:32]))
    return head + blob[32:]


def embedded_fonts(path: Path) -> list[tuple[str, str, TTFont]]:
    """(font table name, face, the de-obfuscated font) for every embedded part."""
    with zipfile.ZipFile(path) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
        rels = etree.fromstring(z.read("word/_rels/fontTable.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{REL}Relationship")}
        out = []
        for font in table.iter(f"{W}font"):
            for tag, face in FACES.items():
                embed = font.find(f"{W}{tag}")
                if embed is None:
                    continue
                blob = z.read("word/" + targets[embed.get(R_ID)])
                data = deobfuscate(blob, embed.get(f"{W}fontKey", ""))
                out.append((font.get(f"{W}name", ""), face, TTFont(io.BytesIO(data))))
    return out


def memo_characters(path: Path) -> set[str]:
    """Every character the memo shows: text runs, header, footer and list glyphs."""
    chars: set[str] = set()
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not TEXT_PARTS.fullmatch(name):
                continue
            root = etree.fromstring(z.read(name))
            for t in root.iter(f"{W}t"):
                chars.update(t.text or "")
            for lvl_text in root.iter(f"{W}lvlText"):
                chars.update(re.sub(r"%\d", "", lvl_text.get(f"{W}val", "")))
    return {c for c in chars if c not in "\t\n\r"}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("fonts") / "out"
    return {path.suffixes[-2].lstrip("."): path for path in cli_render(out, "-l", "all")}


@pytest.mark.parametrize("lang", LANGS)
def test_embedded_parts_are_the_faces_the_font_table_names(
    examples: dict[str, Path], lang: str
) -> None:
    fonts = embedded_fonts(examples[lang])
    assert [(name, face) for name, face, _ in fonts] == [
        ("Noto Sans", face) for face in FACES.values()
    ]
    for name, face, font in fonts:
        font.ensureDecompiled()  # every table parses
        assert font["name"].getBestFamilyName() == name
        assert font["name"].getBestSubFamilyName() == face
        assert font["maxp"].numGlyphs > 100 and "glyf" in font


@pytest.mark.parametrize("lang", LANGS)
def test_embedded_faces_cover_every_character_of_the_memo(
    examples: dict[str, Path], lang: str
) -> None:
    chars = memo_characters(examples[lang])
    assert {"ə", "İ"} <= chars if lang == "az" else True
    assert "Ж" in chars if lang == "ru" else True
    for _, face, font in embedded_fonts(examples[lang]):
        cmap = font.getBestCmap()
        missing = sorted(c for c in chars if ord(c) not in cmap)
        assert not missing, f"{face} lacks {[f'U+{ord(c):04X} {c}' for c in missing]}"


# --- LibreOffice without the system's Noto ------------------------------------------------


def fonts_conf_without_noto(folder: Path) -> Path:
    """A fontconfig file: the system's configuration, minus every Noto font file."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        require("fc-list (fontconfig) is needed to hide fonts", "BRIEFING_REQUIRE_LIBREOFFICE")
    assert fc_list is not None
    listing = subprocess.run(
        [fc_list, ":", "file", "family"], capture_output=True, text=True, check=True
    ).stdout
    noto_dirs = sorted(
        {
            str(Path(line.split(":", 1)[0]).parent)
            for line in listing.splitlines()
            if line.split(":", 1)[-1].strip().startswith("Noto")
        }
    )
    rejects = "".join(f"<glob>{d}/*</glob>" for d in noto_dirs)
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        '<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<cachedir>{folder / 'fc-cache'}</cachedir>"
        f"<selectfont><rejectfont>{rejects}</rejectfont></selectfont></fontconfig>\n",
        encoding="utf-8",
    )
    hidden = subprocess.run(
        [fc_list, ":", "family"],
        capture_output=True,
        text=True,
        check=True,
        env={"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin"},
    ).stdout
    assert "Noto" not in hidden, "the fontconfig file must hide every Noto font"
    assert hidden.strip(), "some other font stays, for LibreOffice to fall back on"
    return conf


@pytest.fixture(scope="module")
def without_system_noto(
    examples: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """ "<lang>" and "<lang>.no-embed" -> PDF LibreOffice made with no Noto installed."""
    root = tmp_path_factory.mktemp("hidden")
    env = {"FONTCONFIG_FILE": str(fonts_conf_without_noto(root))}
    embedded = [examples["az"], examples["ru"]]
    bare = cli_render(root / "no-embed", "-l", "az,ru", "--no-embed-fonts")
    # Two LibreOffice runs: fonts embedded in one document stay registered for the rest
    # of the run, so the control must not share a run with the files that carry them.
    pdfs = {}
    for name, files in (("embedded", embedded), ("no-embed", bare)):
        for source, pdf in soffice_pdf(files, root / name, env=env).items():
            lang = source.suffixes[-2].lstrip(".")
            pdfs[lang if name == "embedded" else f"{lang}.{name}"] = pdf
    return pdfs


def _font_names(pdf: Path) -> set[str]:
    return {name.split("+")[-1] for name, *_ in pdffonts_rows(pdf)}


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_embedded_noto_is_used_where_noto_is_not_installed(
    without_system_noto: dict[str, Path], lang: str
) -> None:
    fonts = _font_names(without_system_noto[lang])
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= fonts, fonts
    assert all(name.startswith("NotoSans") for name in fonts), fonts
    control = _font_names(without_system_noto[f"{lang}.no-embed"])
    assert control and not any("Noto" in name for name in control), control
