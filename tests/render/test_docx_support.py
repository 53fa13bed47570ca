"""What the DOCX tests share: the CLI, the two validators, LibreOffice, and their controls.

- ``cli_render`` runs ``python -m briefing render`` in its own process, as a user would.
- ``validation_problems`` runs two independent checkers on a .docx: openxml-audit (a
  pure-Python port of the Open XML SDK validator: ECMA-376 schemas, Office 2010
  profile, semantic and package checks) and ooxml-integrity (dangling styles, numbering,
  relationships). The tests below feed both a known-bad file for each kind of mistake
  the renderer could make, so a checker that stopped checking fails here first.
- ``soffice_pdf`` converts .docx files to PDF with LibreOffice headless, in a profile
  folder of its own, optionally with a different fontconfig.

Tools that are missing make the tests that need them skip, with the reason, unless CI's
BRIEFING_REQUIRE_LIBREOFFICE=1 / BRIEFING_REQUIRE_TOOLS=1 says they must be there.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from briefing.resources import templates_dir
from briefing.templates import Template, load_template

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
LANGS = ("en", "az", "ru")
# The only warning openxml-audit may give: a hyperlink to an external web address,
# which is exactly what a link in a brief is.
ALLOWED_WARNING = re.compile(r"External relationship target: (https?|mailto):")


def require(what: str, flag: str) -> None:
    """Skip for ``what`` is missing, or fail where ``flag`` says CI installed it."""
    if os.environ.get(flag) == "1":
        pytest.fail(f"{what} ({flag}=1)")
    pytest.skip(what)


def cli_render(
    out: Path, *args: str, brief: Path = EXAMPLE, env: dict[str, str] | None = None
) -> list[Path]:
    """``briefing render BRIEF -f docx ARGS -o OUT`` in a new process; the written paths."""
    command = [sys.executable, "-m", "briefing", "render", str(brief), "-f", "docx"]
    proc = subprocess.run(
        [*command, "-o", str(out), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        cwd=out.parent,
    )
    assert proc.returncode == 0, proc.stderr
    return [Path(line) for line in proc.stdout.splitlines()]


# --- templates a user brings -------------------------------------------------------------

HOUSE_COLOUR = "C00000"
HOUSE_FONT = "Noto Serif"
HOUSE_RESTYLED = ("Title", "Heading 1", "Heading 2")


def house_template(folder: Path) -> Template:
    """A copy of the memo template whose reference.docx a user restyled (with python-docx,
    as they could in Word): serif red headings and title, 11 pt body text."""
    from docx.shared import Pt, RGBColor

    folder.mkdir(parents=True)
    memo = templates_dir() / "memo"
    shutil.copy(memo / "theme.toml", folder / "theme.toml")
    reference = docx.Document(str(memo / "reference.docx"))
    for name in HOUSE_RESTYLED:
        font = reference.styles[name].font
        font.name = HOUSE_FONT
        font.color.rgb = RGBColor.from_string(HOUSE_COLOUR)
    reference.styles["Body Text"].font.size = Pt(11)
    reference.save(str(folder / "reference.docx"))
    return load_template(str(folder))


def foreign_template(folder: Path) -> Template:
    """A template whose reference.docx knows none of the toolkit's own styles or lists:
    python-docx's default template, as a stand-in for any document a user has."""
    folder.mkdir(parents=True)
    shutil.copy(templates_dir() / "memo" / "theme.toml", folder / "theme.toml")
    default = Path(docx.__file__).parent / "templates" / "default.docx"
    shutil.copy(default, folder / "reference.docx")
    return load_template(str(folder))


# --- validators ---------------------------------------------------------------------


def _validators() -> tuple[Any, Callable[[str], list[Any]]]:
    try:
        from ooxml_integrity import check
        from openxml_audit import (  # type: ignore[import-untyped]  # no type hints
            FileFormat,
            OpenXmlValidator,
        )
    except ImportError:
        require(
            "openxml-audit and ooxml-integrity are needed (pip install -e '.[test]')",
            "BRIEFING_REQUIRE_TOOLS",
        )
    validator = OpenXmlValidator(
        file_format=FileFormat.OFFICE_2010, max_errors=0, security_validation=True
    )
    return validator, check


def validation_problems(path: Path) -> list[str]:
    """Every error either validator reports, and any warning besides web links."""
    validator, integrity_check = _validators()
    problems = []
    for error in validator.validate(path).errors:
        if error.severity.value == "error" or not ALLOWED_WARNING.search(error.description):
            problems.append(f"openxml-audit {error.severity.value}: {error}")
    for finding in integrity_check(str(path)):
        problems.append(f"ooxml-integrity: {finding}")
    return problems


def assert_valid(path: Path) -> None:
    problems = validation_problems(path)
    assert problems == [], f"{path.name}:\n" + "\n".join(problems)


# --- LibreOffice ----------------------------------------------------------------------


def soffice_pdf(
    sources: list[Path], outdir: Path, env: dict[str, str] | None = None
) -> dict[Path, Path]:
    """Convert each .docx to PDF in one LibreOffice run with its own profile folder."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        require(
            "LibreOffice (soffice) and poppler-utils are needed to lay out the DOCX",
            "BRIEFING_REQUIRE_LIBREOFFICE",
        )
    assert soffice is not None
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "lo-profile"
    proc = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    pdfs = {source: outdir / f"{source.stem}.pdf" for source in sources}
    missing = [str(p) for p in pdfs.values() if not p.is_file()]
    assert proc.returncode == 0 and not missing, (missing, proc.stdout, proc.stderr)
    return pdfs


def pdf_text_pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext, reading order), whitespace runs made one space."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", " ", page).strip() for page in text.split("\f") if page.strip()]


# --- the validators catch what they must -----------------------------------------------


def _mutated(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    changed = change(parts[part])
    assert changed != parts[part], "the mutation must change the part"
    parts[part] = changed
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    target.write_bytes(buf.getvalue())
    return target


MUTATIONS: dict[str, tuple[str, Callable[[bytes], bytes], str]] = {
    # name: (part, change, what a checker must say)
    "pPr children out of schema order": (
        "word/document.xml",
        lambda b: b.replace(
            b'<w:pPr><w:pStyle w:val="Title"/>', b'<w:pPr><w:keepNext/><w:pStyle w:val="Title"/>', 1
        ),
        "Unexpected element",
    ),
    "unknown element": (
        "word/document.xml",
        lambda b: b.replace(
            b'<w:pStyle w:val="Title"/>', b'<w:pStyle w:val="Title"/><w:bogus/>', 1
        ),
        "bogus",
    ),
    "bad field type": (
        "word/footer1.xml",
        lambda b: b.replace(b'w:fldCharType="begin"', b'w:fldCharType="start"', 1),
        "fldCharType",
    ),
    "rPr out of order in a style": (
        "word/styles.xml",
        lambda b: b.replace(b"<w:b/><w:bCs/>", b"<w:bCs/><w:b/>", 1),
        "Unexpected element",
    ),
    "dangling hyperlink relationship": (
        "word/document.xml",
        lambda b: re.sub(rb'(<w:hyperlink r:id=")rId\w+', rb"\1rId999", b, count=1),
        "rId999",
    ),
    "undefined style": (
        "word/document.xml",
        lambda b: b.replace(b'<w:pStyle w:val="Title"/>', b'<w:pStyle w:val="NoSuchStyle"/>', 1),
        "NoSuchStyle",
    ),
    "undefined numbering instance": (
        "word/document.xml",
        lambda b: re.sub(rb'<w:numId w:val="\d+"/>', b'<w:numId w:val="999"/>', b, count=1),
        "999",
    ),
    "malformed font key": (
        "word/fontTable.xml",
        lambda b: re.sub(rb'w:fontKey="\{.', b'w:fontKey="{Z', b, count=1),
        "fontKey",
    ),
    "settings out of order": (
        "word/settings.xml",
        lambda b: b.replace(b"<w:embedTrueTypeFonts/>", b"", 1).replace(
            b"</w:settings>", b"<w:embedTrueTypeFonts/></w:settings>", 1
        ),
        "embedTrueTypeFonts",
    ),
}


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good")
    (path,) = cli_render(out / "out", "-l", "ru")
    return path


def test_a_good_file_passes(good_docx: Path) -> None:
    assert_valid(good_docx)


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_the_validators_catch_a_broken_file(good_docx: Path, tmp_path: Path, name: str) -> None:
    part, change, expected = MUTATIONS[name]
    broken = _mutated(good_docx, tmp_path / "broken.docx", part, change)
    problems = validation_problems(broken)
    assert any(expected in p for p in problems), (name, problems)
