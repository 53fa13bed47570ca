"""Build templates/memo/reference.docx, the look of every DOCX the toolkit writes.

Why a script: the DOCX renderer only names styles (Title, Heading 1, List Bullet,
Memo Label ...); fonts, sizes, colours, rules and list numbering live in this reference
document. Generating it from code keeps the look reviewable, and the script also writes
every part unzipped and pretty-printed to ``templates/memo/reference/`` so a change of
look shows up as a readable diff.

It starts from python-docx's default template (the package skeleton, theme and web
settings) and replaces what that template gets wrong for us: it drops the
stylesWithEffects part a validator flags, the bibliography custom XML and the stale
thumbnail; clears the "python-docx" author and the 2013 dates from the properties; sets
an A4 page; makes Noto Sans the theme and default font; and defines, from scratch and
nothing else, the styles the renderer uses plus the two list numbering definitions
("Briefing Bullets", "Briefing Numbers") that the renderer looks up by name.

The output is deterministic: parts in a fixed order, fixed zip timestamps, no ids or
dates that change between runs. ``--check`` verifies the committed files are current.

    python tools/make_reference_docx.py            # write reference.docx + reference/
    python tools/make_reference_docx.py --check    # exit 1 if they are out of date
"""

from __future__ import annotations

import argparse
import posixpath
import shutil
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx.styles import BabelFish  # noqa: E402

from briefing.renderers.docx.look import hexcolor  # noqa: E402
from briefing.renderers.docx.package import zip_parts  # noqa: E402  (the same zip as a memo)
from briefing.renderers.docx.themed import apply_theme, set_page  # noqa: E402
from briefing.theme import load_theme  # noqa: E402

OUT_DOCX = ROOT / "templates" / "memo" / "reference.docx"
OUT_DIR = ROOT / "templates" / "memo" / "reference"
DEFAULT_DOCX = Path(docx.__file__).resolve().parent / "templates" / "default.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
W = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

NEUTRAL_DATE = "2000-01-01T00:00:00Z"

# ---------------------------------------------------------------------------------
# The look comes from the memo's theme.toml, the one description of the look of both
# formats: briefing/renderers/docx/themed.py writes it into the styles below (the same
# code themes any template's reference at render time), and the numbers below are
# taken from it. What this script adds is what a theme does not say: which styles
# exist, their names, ids and inheritance, and the list numbering's structure.
# ---------------------------------------------------------------------------------
THEME = load_theme(ROOT / "templates" / "memo")
FONT = THEME.fonts.family("body").name
PAGE_W, PAGE_H = round(THEME.page.width * 20), round(THEME.page.height * 20)
LIST_INDENT = round(THEME.spacing.list_indent * 20)  # per level, also the hanging indent


# ---------------------------------------------------------------------------------
# styles.xml: every style the renderer uses, and nothing else; themed.py fills in
# their paragraph, run and table properties.
# ---------------------------------------------------------------------------------
def _style(
    kind: str,
    style_id: str,
    name: str,
    *,
    based_on: str | None = "Normal",
    next_id: str | None = None,
    ui_priority: int | None = None,
    default: bool = False,
    semi_hidden: bool = False,
    q_format: bool = True,
    extra: str = "",
) -> str:
    attrs = f'w:type="{kind}" w:styleId="{style_id}"'
    if default:
        attrs += ' w:default="1"'
    parts = [f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_id:
        parts.append(f'<w:next w:val="{next_id}"/>')
    if ui_priority is not None:
        parts.append(f'<w:uiPriority w:val="{ui_priority}"/>')
    if semi_hidden:
        parts.append("<w:semiHidden/><w:unhideWhenUsed/>")
    if q_format:
        parts.append("<w:qFormat/>")
    parts.append(extra)
    return f"<w:style {attrs}>{''.join(parts)}</w:style>"


def _list_style(style_id: str, name: str, num_id: int, level: int) -> str:
    """A list paragraph style; its numbering (glyph, indent) is numbering.xml's, which
    themed.py does not touch, so the link is written here."""
    numbering = (
        f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
    )
    return _style("paragraph", style_id, name, ui_priority=99, extra=numbering)


BULLETS_NUM_ID = 1
NUMBERS_NUM_ID = 2


def styles_xml() -> str:
    table_cell_margins = (
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
    )
    p = "paragraph"
    styles = [
        _style(p, "Normal", "Normal", based_on=None, default=True, ui_priority=0),
        _style(
            "character", "DefaultParagraphFont", "Default Paragraph Font", based_on=None,
            default=True, ui_priority=1, semi_hidden=True, q_format=False,
        ),
        _style(
            "table", "TableNormal", "Normal Table", based_on=None, default=True,
            ui_priority=99, semi_hidden=True, q_format=False,
            extra=f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{table_cell_margins}</w:tblPr>',
        ),
        _style(
            "numbering", "NoList", "No List", based_on=None, default=True, ui_priority=99,
            semi_hidden=True, q_format=False,
        ),
        # First-page title block.
        _style(p, "DocumentType", "Document Type", next_id="Title"),
        _style(p, "Title", "Title", next_id="Subtitle", ui_priority=10),
        _style(p, "Subtitle", "Subtitle", next_id="DateLine", ui_priority=11),
        _style(p, "DateLine", "Date Line", next_id="BodyText"),
        _style(p, "MemoLabel", "Memo Label"),
        _style(p, "MemoValue", "Memo Value"),
        _style("table", "MemoTable", "Memo Table", based_on="TableNormal", ui_priority=99),
        # Body.
        *(
            _style(p, f"Heading{n}", f"heading {n}", next_id="BodyText", ui_priority=9)
            for n in (1, 2, 3)
        ),
        _style(p, "BodyText", "Body Text", ui_priority=99),
        _list_style("ListBullet", "List Bullet", BULLETS_NUM_ID, 0),
        _list_style("ListBullet2", "List Bullet 2", BULLETS_NUM_ID, 1),
        _list_style("ListBullet3", "List Bullet 3", BULLETS_NUM_ID, 2),
        _list_style("ListNumber", "List Number", NUMBERS_NUM_ID, 0),
        _list_style("ListNumber2", "List Number 2", NUMBERS_NUM_ID, 1),
        _list_style("ListNumber3", "List Number 3", NUMBERS_NUM_ID, 2),
        _style(p, "Quote", "Quote", next_id="BodyText", ui_priority=29),
        _style(p, "Attribution", "Attribution", based_on="Quote", next_id="BodyText"),
        _style(p, "CalloutNote", "Call-out Note", next_id="BodyText"),
        _style(p, "Caption", "caption", next_id="BodyText", ui_priority=35),
        _style(p, "TableText", "Table Text"),
        _style(p, "TableHeading", "Table Heading", based_on="TableText"),
        _style(p, "TableTextNumber", "Table Text Number", based_on="TableText"),
        _style(p, "TableHeadingNumber", "Table Heading Number", based_on="TableHeading"),
        _style(
            "table", "DataTable", "Data Table", based_on="TableNormal", ui_priority=59,
            q_format=False,
        ),
        _style(
            "character", "Hyperlink", "Hyperlink", based_on="DefaultParagraphFont",
            ui_priority=99, q_format=False,
        ),
        _style(p, "PreparedBy", "Prepared By"),
        # Table of contents (--toc): a title outside the outline, one style per level.
        _style(p, "TOCHeading", "TOC Heading", next_id="Normal", ui_priority=39, semi_hidden=True),
        *(
            _style(p, f"TOC{n}", f"toc {n}", next_id="Normal", ui_priority=39, semi_hidden=True)
            for n in (1, 2, 3)
        ),
        # Page furniture.
        _style(p, "Header", "header", ui_priority=99),
        _style(p, "Footer", "footer", ui_priority=99),
        _style(p, "ClassificationMarking", "Classification Marking", based_on="Header"),
        # The marking once, at the top right of page 1 (theme [document] marking =
        # "first_page_right", the Russian practice): body text, not the header.
        _style(p, "MarkingFirstPage", "Marking First Page", based_on="ClassificationMarking"),
    ]  # fmt: skip
    font = f'w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"'
    return (
        f"<w:styles {W}>"
        "<w:docDefaults>"
        f'<w:rPrDefault><w:rPr><w:rFonts {font}/><w:sz w:val="20"/><w:szCs w:val="20"/>'
        '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault>"
        "</w:docDefaults>"
        f"{''.join(styles)}"
        "</w:styles>"
    )


def themed_styles(xml: str) -> etree._Element:
    root = etree.fromstring(xml.encode("utf-8"))
    apply_theme(root, THEME, BabelFish.internal2ui)
    return root


# ---------------------------------------------------------------------------------
# numbering.xml: one multilevel definition for bullets, one for numbers, 3 levels
# each, with the theme's markers, number patterns, indent and colour. The renderer
# finds them by w:name and starts a new w:num for every numbered list so that each
# list restarts at 1.
# ---------------------------------------------------------------------------------
def _levels(patterns: tuple[str, ...], numbered: bool) -> list[tuple[str, str]]:
    out = []
    for ilvl in range(3):
        pattern = patterns[min(ilvl, len(patterns) - 1)]
        if numbered:  # "1." -> "%1." (the first "1" is the number)
            out.append(("decimal", pattern.replace("1", f"%{ilvl + 1}", 1)))
        else:
            out.append(("bullet", pattern))
    return out


def _abstract_num(abstract_id: int, nsid: str, name: str, levels: list[tuple[str, str]]) -> str:
    color = hexcolor(THEME.lists.bullet_color)
    lvls = []
    for ilvl, (fmt, text) in enumerate(levels):
        left = LIST_INDENT * (ilvl + 1)
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{LIST_INDENT}"/></w:pPr>'
            f'<w:rPr><w:color w:val="{color}"/></w:rPr></w:lvl>'
        )
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:nsid w:val="{nsid}"/>'
        f'<w:multiLevelType w:val="multilevel"/><w:name w:val="{name}"/>'
        f"{''.join(lvls)}</w:abstractNum>"
    )


def numbering_xml() -> str:
    bullets = _levels(THEME.lists.bullets, numbered=False)
    numbers = _levels(THEME.lists.numbers, numbered=True)
    return (
        f"<w:numbering {W}>"
        + _abstract_num(0, "4252460B", "Briefing Bullets", bullets)
        + _abstract_num(1, "4252460E", "Briefing Numbers", numbers)
        + f'<w:num w:numId="{BULLETS_NUM_ID}"><w:abstractNumId w:val="0"/></w:num>'
        + f'<w:num w:numId="{NUMBERS_NUM_ID}"><w:abstractNumId w:val="1"/></w:num>'
        + "</w:numbering>"
    )


# ---------------------------------------------------------------------------------
# The other parts.
# ---------------------------------------------------------------------------------
def document_xml() -> str:
    """An empty body with the page set up; themed.set_page writes the theme's margins."""
    return (
        f"<w:document {W}><w:body><w:sectPr>"
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        '<w:pgMar w:top="0" w:right="0" w:bottom="0" w:left="0" w:header="0" w:footer="0" '
        'w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/>'
        "</w:sectPr></w:body></w:document>"
    )


def themed_document(xml: str) -> etree._Element:
    root = etree.fromstring(xml.encode("utf-8"))
    sect_pr = root.find(f"{{{W_NS}}}body/{{{W_NS}}}sectPr")
    assert sect_pr is not None
    set_page(sect_pr, THEME)
    return root


def settings_xml() -> str:
    return (
        f"<w:settings {W}>"
        '<w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="709"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        "<w:compat>"
        '<w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        '<w:compatSetting w:name="enableOpenTypeFeatures" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        '<w:compatSetting w:name="doNotFlipMirrorIndents" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        "</w:compat>"
        '<w:themeFontLang w:val="en-US"/>'
        '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" '
        'w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" '
        'w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" '
        'w:followedHyperlink="followedHyperlink"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def font_table_xml() -> str:
    return (
        f"<w:fonts {W}>"
        f'<w:font w:name="{FONT}"><w:panose1 w:val="020B0502040504020204"/>'
        '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>'
        '<w:sig w:usb0="E00002FF" w:usb1="4000201F" w:usb2="08000029" w:usb3="00000000" '
        'w:csb0="0000019F" w:csb1="00000000"/></w:font>'
        "</w:fonts>"
    )


def core_xml() -> str:
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title/><dc:subject/><dc:creator/><cp:keywords/><cp:lastModifiedBy/>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{NEUTRAL_DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{NEUTRAL_DATE}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def app_xml() -> str:
    return (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes"><Template>Normal.dotm</Template><Application>briefing'
        "</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )


def fix_theme(root: etree._Element) -> None:
    """The theme's fonts for headings and body; its navy as accent, its link colour."""
    navy, link = THEME.color("navy").lstrip("#"), THEME.color("link").lstrip("#")
    heading_font = THEME.fonts.family("headings").name
    ns = {"a": A_NS}
    for latin in root.iterfind(".//a:fontScheme/a:majorFont/a:latin", ns):
        latin.set("typeface", heading_font)
    for latin in root.iterfind(".//a:fontScheme/a:minorFont/a:latin", ns):
        latin.set("typeface", FONT)
    for scheme in root.iterfind(".//a:fontScheme", ns):
        scheme.set("name", "Briefing")
    for scheme in root.iterfind(".//a:clrScheme", ns):
        scheme.set("name", "Briefing")
    for tag, value in (("dk2", navy), ("accent1", navy), ("hlink", link)):
        clr = root.find(f".//a:clrScheme/a:{tag}/a:srgbClr", ns)
        if clr is not None:
            clr.set("val", value)


DROPPED_PARTS = {
    "word/stylesWithEffects.xml",
    "customXml/item1.xml",
    "customXml/itemProps1.xml",
    "customXml/_rels/item1.xml.rels",
    "docProps/thumbnail.jpeg",
}


def fix_content_types(root: etree._Element) -> None:
    for el in list(root):
        part = el.get("PartName", "").lstrip("/")
        if part in DROPPED_PARTS or el.get("Extension") == "jpeg":
            root.remove(el)


def fix_rels(root: etree._Element, base: str) -> None:
    """Drop relationships that point at a dropped part."""
    for rel in list(root):
        target = posixpath.normpath(posixpath.join(base, rel.get("Target", "")))
        if target in DROPPED_PARTS:
            root.remove(rel)


# ---------------------------------------------------------------------------------
# Assembly: start from python-docx's default package, replace or fix each part,
# pretty-print, and zip with fixed order and timestamps.
# ---------------------------------------------------------------------------------
REPLACED: dict[str, Callable[[], str]] = {
    "word/styles.xml": styles_xml,
    "word/numbering.xml": numbering_xml,
    "word/document.xml": document_xml,
    "word/settings.xml": settings_xml,
    "word/fontTable.xml": font_table_xml,
    "docProps/core.xml": core_xml,
    "docProps/app.xml": app_xml,
}


def _pretty(root: etree._Element) -> bytes:
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data + b"\n"


def build_parts() -> dict[str, bytes]:
    parser = etree.XMLParser(remove_blank_text=True)
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(DEFAULT_DOCX) as source:
        for name in source.namelist():
            if name in DROPPED_PARTS:
                continue
            if name == "word/styles.xml":
                root = themed_styles(styles_xml())
            elif name == "word/document.xml":
                root = themed_document(document_xml())
            elif name in REPLACED:
                root = etree.fromstring(REPLACED[name]().encode("utf-8"), parser)
            else:
                root = etree.fromstring(source.read(name), parser)
                if name == "[Content_Types].xml":
                    fix_content_types(root)
                elif name == "_rels/.rels":
                    fix_rels(root, "")
                elif name == "word/_rels/document.xml.rels":
                    fix_rels(root, "word")
                elif name == "word/theme/theme1.xml":
                    fix_theme(root)
            parts[name] = _pretty(root)
    return parts


def write(parts: dict[str, bytes], data: bytes) -> None:
    OUT_DOCX.parent.mkdir(parents=True, exist_ok=True)
    OUT_DOCX.write_bytes(data)
    if OUT_DIR.exists():
        shutil.rmtree(OUT_DIR)
    for name, blob in parts.items():
        target = OUT_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob)


def is_current(parts: dict[str, bytes], data: bytes) -> bool:
    if not OUT_DOCX.is_file() or OUT_DOCX.read_bytes() != data:
        return False
    on_disk = {p.relative_to(OUT_DIR).as_posix() for p in OUT_DIR.rglob("*") if p.is_file()}
    if on_disk != set(parts):
        return False
    return all((OUT_DIR / name).read_bytes() == blob for name, blob in parts.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the files are stale")
    args = parser.parse_args(argv)
    parts = build_parts()
    data = zip_parts(parts)
    if args.check:
        if is_current(parts, data):
            return 0
        print(f"{OUT_DOCX} is out of date: run {Path(__file__).name}", file=sys.stderr)
        return 1
    write(parts, data)
    print(OUT_DOCX.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
