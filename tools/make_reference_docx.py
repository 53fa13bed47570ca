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

from briefing.renderers.docx.package import zip_parts  # noqa: E402  (the same zip as a memo)

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
# The look, as numbers. Twips (1/20 pt) for lengths, half-points for font sizes,
# eighths of a point for rules.
# ---------------------------------------------------------------------------------
FONT = "Noto Sans"
PAGE_W, PAGE_H = 11906, 16838  # A4
MARGIN_TOP, MARGIN_BOTTOM = 1134, 1134  # 2.0 cm
MARGIN_LEFT, MARGIN_RIGHT = 1418, 1134  # 2.5 cm binding side, 2.0 cm
HEADER_DIST, FOOTER_DIST = 567, 567  # 1.0 cm
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # 9354

NAVY = "1F3864"
LINK = "1F4E79"
TEXT = "1A1A1A"
MUTED = "595959"
RULE = "A6A6A6"
RULE_LIGHT = "BFBFBF"
HEADER_FILL = "DCE3ED"
NOTE_FILL = "EEF2F7"
MARKING = "9C1C1C"

LIST_INDENT = 397  # 0.7 cm per level, also the hanging indent


# ---------------------------------------------------------------------------------
# styles.xml: every style the renderer uses, and nothing else. Children of pPr and
# rPr are written in schema order (see ECMA-376 CT_PPrBase / CT_RPr).
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
    ppr: str = "",
    rpr: str = "",
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
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    return f"<w:style {attrs}>{''.join(parts)}</w:style>"


def _rule(side: str, size: int, color: str, space: int) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'


def _spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    line_attr = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_attr}/>'


def _color(c: str) -> str:
    return f'<w:color w:val="{c}"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _tabs_center_right() -> str:
    return (
        f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_W // 2}"/>'
        f'<w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
    )


def _heading(level: int, size: int, before: int, after: int, color: str, rule: bool) -> str:
    pbdr = f"<w:pBdr>{_rule('bottom', 4, RULE_LIGHT, 2)}</w:pBdr>" if rule else ""
    return _style(
        "paragraph",
        f"Heading{level}",
        f"heading {level}",
        next_id="BodyText",
        ui_priority=9,
        ppr=(
            f"<w:keepNext/><w:keepLines/>{pbdr}{_spacing(before, after)}"
            f'<w:outlineLvl w:val="{level - 1}"/>'
        ),
        rpr=f"<w:b/><w:bCs/>{_color(color)}{_size(size)}",
    )


def _list_style(style_id: str, name: str, num_id: int, level: int) -> str:
    return _style(
        "paragraph",
        style_id,
        name,
        ui_priority=99,
        ppr=(
            f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
            f"{_spacing(0, 60)}"
        ),
    )


def _toc_style(level: int, *, indent: int, before: int, bold: bool) -> str:
    """Word's built-in "toc N": the page number right-aligned after a dotted leader."""
    ind = f'<w:ind w:left="{indent}"/>' if indent else ""
    return _style(
        "paragraph",
        f"TOC{level}",
        f"toc {level}",
        next_id="Normal",
        ui_priority=39,
        semi_hidden=True,
        ppr=(
            f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>'
            f"{_spacing(before, 40)}{ind}"
        ),
        rpr=f"<w:b/><w:bCs/>{_color(NAVY)}" if bold else "",
    )


BULLETS_NUM_ID = 1
NUMBERS_NUM_ID = 2


def styles_xml() -> str:
    table_cell_margins = (
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
    )
    grid_borders = "".join(
        _rule(side, 4, RULE_LIGHT, 0)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    styles = [
        # Defaults every style inherits.
        _style(
            "paragraph",
            "Normal",
            "Normal",
            based_on=None,
            default=True,
            ui_priority=0,
            ppr=f"<w:widowControl/>{_spacing(0, 0, 264)}",
            rpr=f"{_color(TEXT)}{_size(20)}",
        ),
        _style(
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            based_on=None,
            default=True,
            ui_priority=1,
            semi_hidden=True,
            q_format=False,
        ),
        _style(
            "table",
            "TableNormal",
            "Normal Table",
            based_on=None,
            default=True,
            ui_priority=99,
            semi_hidden=True,
            q_format=False,
            extra=(f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{table_cell_margins}</w:tblPr>'),
        ),
        _style(
            "numbering",
            "NoList",
            "No List",
            based_on=None,
            default=True,
            ui_priority=99,
            semi_hidden=True,
            q_format=False,
        ),
        # First-page title block.
        _style(
            "paragraph",
            "DocumentType",
            "Document Type",
            next_id="Title",
            ppr=(f"<w:keepNext/><w:pBdr>{_rule('top', 24, NAVY, 8)}</w:pBdr>{_spacing(0, 160)}"),
            rpr=f'<w:b/><w:bCs/>{_color(NAVY)}<w:spacing w:val="10"/>{_size(19)}',
        ),
        _style(
            "paragraph",
            "Title",
            "Title",
            next_id="Subtitle",
            ui_priority=10,
            ppr=f"<w:keepNext/>{_spacing(0, 80, 240)}",
            rpr=f'<w:b/><w:bCs/>{_color(NAVY)}<w:kern w:val="28"/>{_size(40)}',
        ),
        _style(
            "paragraph",
            "Subtitle",
            "Subtitle",
            next_id="DateLine",
            ui_priority=11,
            ppr=f"<w:keepNext/>{_spacing(0, 200)}",
            rpr=f"{_color(MUTED)}{_size(26)}",
        ),
        _style(
            "paragraph",
            "DateLine",
            "Date Line",
            next_id="BodyText",
            ppr=(
                f"<w:keepNext/><w:pBdr>{_rule('bottom', 6, RULE, 6)}</w:pBdr>"
                f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
                f"{_spacing(0, 160)}"
            ),
            rpr=f"{_color(MUTED)}{_size(19)}",
        ),
        _style(
            "paragraph",
            "MemoLabel",
            "Memo Label",
            ppr=_spacing(30, 30),
            rpr=f"<w:b/><w:bCs/>{_color(MUTED)}",
        ),
        _style("paragraph", "MemoValue", "Memo Value", ppr=_spacing(30, 30)),
        _style(
            "table",
            "MemoTable",
            "Memo Table",
            based_on="TableNormal",
            ui_priority=99,
            extra=(
                '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
                f"<w:tblBorders>{_rule('bottom', 6, RULE, 0)}</w:tblBorders>"
                '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
                '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="113" w:type="dxa"/>'
                "</w:tblCellMar></w:tblPr>"
            ),
        ),
        # Body.
        _heading(1, 26, 360, 120, NAVY, rule=True),
        _heading(2, 23, 240, 80, NAVY, rule=False),
        _heading(3, 20, 200, 60, "404040", rule=False),
        _style(
            "paragraph",
            "BodyText",
            "Body Text",
            ui_priority=99,
            ppr=_spacing(0, 120),
        ),
        _list_style("ListBullet", "List Bullet", BULLETS_NUM_ID, 0),
        _list_style("ListBullet2", "List Bullet 2", BULLETS_NUM_ID, 1),
        _list_style("ListBullet3", "List Bullet 3", BULLETS_NUM_ID, 2),
        _list_style("ListNumber", "List Number", NUMBERS_NUM_ID, 0),
        _list_style("ListNumber2", "List Number 2", NUMBERS_NUM_ID, 1),
        _list_style("ListNumber3", "List Number 3", NUMBERS_NUM_ID, 2),
        _style(
            "paragraph",
            "Quote",
            "Quote",
            next_id="BodyText",
            ui_priority=29,
            ppr=(
                f"<w:pBdr>{_rule('left', 18, RULE, 10)}</w:pBdr>"
                f'{_spacing(120, 40)}<w:ind w:left="{LIST_INDENT}" w:right="{LIST_INDENT}"/>'
            ),
            rpr=f"<w:i/><w:iCs/>{_color('404040')}{_size(21)}",
        ),
        _style(
            "paragraph",
            "Attribution",
            "Attribution",
            based_on="Quote",
            next_id="BodyText",
            ppr=_spacing(0, 160),
            rpr=f'<w:i w:val="0"/><w:iCs w:val="0"/>{_color(MUTED)}{_size(19)}',
        ),
        _style(
            "paragraph",
            "CalloutNote",
            "Call-out Note",
            next_id="BodyText",
            ppr=(
                "<w:keepLines/><w:pBdr>"
                f"{_rule('top', 4, NOTE_FILL, 5)}{_rule('left', 24, NAVY, 8)}"
                f"{_rule('bottom', 4, NOTE_FILL, 5)}{_rule('right', 4, NOTE_FILL, 8)}"
                f'</w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="{NOTE_FILL}"/>'
                f'{_spacing(200, 240)}<w:ind w:left="227" w:right="170"/>'
            ),
            rpr=_size(19),
        ),
        _style(
            "paragraph",
            "Caption",
            "caption",
            next_id="BodyText",
            ui_priority=35,
            ppr=f"<w:keepNext/>{_spacing(200, 80)}",
            rpr=f"<w:b/><w:bCs/>{_color(NAVY)}{_size(18)}",
        ),
        _style("paragraph", "TableText", "Table Text", ppr=_spacing(40, 40), rpr=_size(18)),
        _style(
            "paragraph",
            "TableHeading",
            "Table Heading",
            based_on="TableText",
            ppr="<w:keepNext/>",
            rpr=f"<w:b/><w:bCs/>{_color(NAVY)}",
        ),
        _style(
            "table",
            "TableGrid",
            "Table Grid",
            based_on="TableNormal",
            ui_priority=59,
            q_format=False,
            extra=(
                '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
                f"<w:tblBorders>{grid_borders}</w:tblBorders>"
                '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
                '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
                "</w:tblCellMar></w:tblPr>"
                '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
                f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>'
                "</w:tblStylePr>"
            ),
        ),
        _style(
            "character",
            "Hyperlink",
            "Hyperlink",
            based_on="DefaultParagraphFont",
            ui_priority=99,
            q_format=False,
            rpr=f'{_color(LINK)}<w:u w:val="single"/>',
        ),
        _style(
            "paragraph",
            "PreparedBy",
            "Prepared By",
            ppr=(
                f"<w:keepLines/><w:pBdr>{_rule('top', 4, RULE_LIGHT, 6)}</w:pBdr>{_spacing(480, 0)}"
            ),
            rpr=f"{_color(MUTED)}{_size(19)}",
        ),
        # Table of contents (--toc): a title outside the outline, one style per level.
        _style(
            "paragraph",
            "TOCHeading",
            "TOC Heading",
            next_id="Normal",
            ui_priority=39,
            semi_hidden=True,
            ppr=f"<w:keepNext/><w:keepLines/>{_spacing(360, 120)}",
            rpr=f"<w:b/><w:bCs/>{_color(NAVY)}{_size(26)}",
        ),
        _toc_style(1, indent=0, before=80, bold=True),
        _toc_style(2, indent=LIST_INDENT, before=20, bold=False),
        _toc_style(3, indent=2 * LIST_INDENT, before=0, bold=False),
        # Page furniture.
        _style(
            "paragraph",
            "Header",
            "header",
            ui_priority=99,
            ppr=_tabs_center_right(),
            rpr=f"{_color(MUTED)}{_size(16)}",
        ),
        _style(
            "paragraph",
            "Footer",
            "footer",
            ui_priority=99,
            ppr=(f"<w:pBdr>{_rule('top', 4, RULE_LIGHT, 4)}</w:pBdr>{_tabs_center_right()}"),
            rpr=f"{_color(MUTED)}{_size(16)}",
        ),
        _style(
            "paragraph",
            "ClassificationMarking",
            "Classification Marking",
            based_on="Header",
            ppr='<w:jc w:val="center"/>',
            rpr=f'<w:b/><w:bCs/>{_color(MARKING)}<w:spacing w:val="20"/>{_size(17)}',
        ),
        # The marking once, at the top right of page 1 (theme [document] marking =
        # "first_page_right", the Russian practice): body text, not the header.
        _style(
            "paragraph",
            "MarkingFirstPage",
            "Marking First Page",
            based_on="ClassificationMarking",
            ppr='<w:spacing w:after="160"/><w:jc w:val="right"/>',
        ),
    ]
    font = f'w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"'
    return (
        f"<w:styles {W}>"
        "<w:docDefaults>"
        f"<w:rPrDefault><w:rPr><w:rFonts {font}/>{_size(20)}"
        '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault>"
        "</w:docDefaults>"
        f"{''.join(styles)}"
        "</w:styles>"
    )


# ---------------------------------------------------------------------------------
# numbering.xml: one multilevel definition for bullets, one for numbers, 3 levels
# each. The renderer finds them by w:name and starts a new w:num for every numbered
# list so that each list restarts at 1.
# ---------------------------------------------------------------------------------
BULLET_LEVELS = [("bullet", "\u2022", 20), ("bullet", "\u2013", 20), ("bullet", "\u2022", 16)]
NUMBER_LEVELS = [("decimal", "%1.", 0), ("decimal", "%2)", 0), ("lowerRoman", "%3.", 0)]


def _abstract_num(
    abstract_id: int, nsid: str, name: str, levels: list[tuple[str, str, int]]
) -> str:
    lvls = []
    for ilvl, (fmt, text, bullet_size) in enumerate(levels):
        left = LIST_INDENT * (ilvl + 1)
        rpr = f"<w:rPr>{_size(bullet_size)}</w:rPr>" if bullet_size else ""
        lvls.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{LIST_INDENT}"/></w:pPr>{rpr}</w:lvl>'
        )
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:nsid w:val="{nsid}"/>'
        f'<w:multiLevelType w:val="multilevel"/><w:name w:val="{name}"/>'
        f"{''.join(lvls)}</w:abstractNum>"
    )


def numbering_xml() -> str:
    return (
        f"<w:numbering {W}>"
        + _abstract_num(0, "4252460B", "Briefing Bullets", BULLET_LEVELS)
        + _abstract_num(1, "4252460E", "Briefing Numbers", NUMBER_LEVELS)
        + f'<w:num w:numId="{BULLETS_NUM_ID}"><w:abstractNumId w:val="0"/></w:num>'
        + f'<w:num w:numId="{NUMBERS_NUM_ID}"><w:abstractNumId w:val="1"/></w:num>'
        + "</w:numbering>"
    )


# ---------------------------------------------------------------------------------
# The other parts.
# ---------------------------------------------------------------------------------
def document_xml() -> str:
    return (
        f"<w:document {W}><w:body><w:sectPr>"
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
        f'w:left="{MARGIN_LEFT}" w:header="{HEADER_DIST}" w:footer="{FOOTER_DIST}" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:docGrid w:linePitch="360"/>'
        "</w:sectPr></w:body></w:document>"
    )


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
    """Noto Sans for headings and body; the memo's navy as accent and link colour."""
    ns = {"a": A_NS}
    for latin in root.iterfind(".//a:fontScheme/*/a:latin", ns):
        latin.set("typeface", FONT)
    for scheme in root.iterfind(".//a:fontScheme", ns):
        scheme.set("name", "Briefing")
    for scheme in root.iterfind(".//a:clrScheme", ns):
        scheme.set("name", "Briefing")
    for tag, value in (("dk2", NAVY), ("accent1", NAVY), ("hlink", LINK)):
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
            if name in REPLACED:
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
