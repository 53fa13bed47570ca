"""Words a native writer would use: official dates, the source separators, the
enclosure and "Prepared by" rows and where they go, the template's [document] options
and the furniture contrast check."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from briefing import api
from briefing.contrast import contrast_ratio, low_contrast
from briefing.errors import TemplateError
from briefing.i18n.catalog import catalog_languages
from briefing.i18n.dates import az_ordinal_suffix, format_document_date
from briefing.i18n.language import babel_locale
from briefing.localize import after
from briefing.resources import templates_dir
from briefing.templates import check_template, load_template
from briefing.tree import Document, MemoRow, SectionNode, plain

# -- Azerbaijani ordinal suffix of a year ----------------------------------------------

# Derived by hand, independently of the table in dates.py: the numeral words, and the
# suffix vowel by the last vowel of the last word (i e ə -> i, ı a -> ı, u o -> u, ü ö -> ü).
_UNIT_WORDS = ["", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz"]
_TEN_WORDS = ["", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan"]
_HARMONY = {"i": "ci", "e": "ci", "ə": "ci", "ı": "cı", "a": "cı", "u": "cu", "o": "cu"}
_HARMONY |= {"ü": "cü", "ö": "cü"}


def _spelled(n: int) -> list[str]:
    """The Azerbaijani words of 1..9999 ("min doqquz yüz" for 1900: no "bir" before
    min and yüz)."""
    words = []
    thousands, hundreds, tens, units = n // 1000, n // 100 % 10, n // 10 % 10, n % 10
    if thousands:
        words += ([_UNIT_WORDS[thousands]] if thousands > 1 else []) + ["min"]
    if hundreds:
        words += ([_UNIT_WORDS[hundreds]] if hundreds > 1 else []) + ["yüz"]
    words += [w for w in (_TEN_WORDS[tens], _UNIT_WORDS[units]) if w]
    return words


def _by_harmony(n: int) -> str:
    last = _spelled(n)[-1]
    vowel = [ch for ch in last if ch in _HARMONY][-1]
    return _HARMONY[vowel]


def test_year_suffix_matches_the_spoken_numeral_for_every_year() -> None:
    """Every year a date can have (1..9999): the suffix of the last spoken word."""
    for year in range(1, 10000):
        assert az_ordinal_suffix(year) == _by_harmony(year), (year, _spelled(year))


@pytest.mark.parametrize(
    ("year", "suffix"),
    [  # the examples, then one of each ending class (units, tens, yüz, min)
        (2025, "ci"), (2026, "cı"), (2003, "cü"), (2010, "cu"), (2000, "ci"), (2020, "ci"),
        (2030, "cu"), (2040, "cı"), (2050, "ci"), (2060, "cı"), (2090, "cı"), (2009, "cu"),
        (2004, "cü"), (1900, "cü"), (2100, "cü"), (1999, "cu"), (2001, "ci"), (1980, "ci"),
    ],
)  # fmt: skip
def test_year_suffix_examples(year: int, suffix: str) -> None:
    assert az_ordinal_suffix(year) == suffix


def test_every_ending_class_occurs_between_1900_and_2100() -> None:
    """The exhaustive test above covers each way a year can end, and each suffix."""
    endings = set()
    for year in range(1900, 2101):
        last = _spelled(year)[-1]
        endings.add(last)
    assert {"min", "yüz", *_UNIT_WORDS[1:], *_TEN_WORDS[1:]} <= endings
    assert {az_ordinal_suffix(y) for y in range(1900, 2101)} == {"ci", "cı", "cu", "cü"}


def test_official_and_long_date_styles() -> None:
    day = dt.date(2026, 11, 26)
    assert format_document_date(day, "az", "official") == "26 noyabr 2026-cı il"
    assert format_document_date(day, "az", "long") == format_date(day, "long", locale="az")
    # Russian and English official documents write CLDR's long date
    for lang in ("ru", "en"):
        assert format_document_date(day, lang, "official") == format_date(day, "long", locale=lang)
    # the Cyrillic Azerbaijani long date gets no Latin suffix
    assert "-c" not in format_document_date(day, "az_Cyrl", "official")


# -- sources: no doubled full stop -------------------------------------------------------

SOURCES_BRIEF = """\
lang: en
title: T
date: 2026-11-26
sources:
  - title: Charter signed
    publisher: US Embassy
    url: "https://az.usembassy.gov/"
    date: 2026-11-25
  - {title: Why now?, publisher: APA, date: 2026-11-25}
  - {title: Undated, url: "https://apa.az/"}
  - {title: Ends with a stop., url: "https://apa.az/"}
"""


def _sources(tmp_path: Path, lang: str, template: str | Path = "memo") -> list[str]:
    path = tmp_path / "s.yaml"
    path.write_text(SOURCES_BRIEF, encoding="utf-8")
    doc = api.localize(api.load(path), lang, api.template(template)).doc
    section = next(s for s in doc.sections if s.kind == "sources")
    listing = section.blocks[0]
    return [plain(item.runs) for item in listing.items]  # type: ignore[union-attr]


def _no_doubling(text: str) -> None:
    for closer in ".?!\u2026":
        assert f"{closer}." not in text and f"{closer} ." not in text, text


@pytest.mark.parametrize("lang", catalog_languages())
@pytest.mark.parametrize("style", ["long", "official"])
def test_source_lines_never_double_a_full_stop(tmp_path: Path, lang: str, style: str) -> None:
    folder = tmp_path / "tpl"
    shutil.copytree(templates_dir() / "memo", folder)
    theme = folder / "theme.toml"
    theme.write_text(
        theme.read_text(encoding="utf-8").replace(
            'date_style = "official"', f'date_style = "{style}"'
        ),
        encoding="utf-8",
    )
    lines = _sources(tmp_path, lang, folder)
    for line in lines:
        _no_doubling(line)
    assert lines[2] == "Undated. https://apa.az/"
    assert lines[3] == "Ends with a stop. https://apa.az/"
    if lang == "ru":  # the case: the date's own "г." ends the sentence
        assert lines[0].endswith("25 ноября 2026\u202fг. https://az.usembassy.gov/")


_TIME_FIELDS = set("hHkKmsSAabBzZvVOxX")


def _date_patterns(locale: str) -> list[str]:
    """Every CLDR pattern of ``locale`` that formats a date alone: the four standard
    widths and each date-only skeleton ("yMMMEd", "GyMMMd", "yQQQ" ...)."""
    from babel import Locale

    loc = Locale.parse(locale)
    patterns = [str(loc.date_formats[w].pattern) for w in ("short", "medium", "long", "full")]
    patterns += [
        str(p.pattern if hasattr(p, "pattern") else p)
        for skeleton, p in loc.datetime_skeletons.items()
        if not _TIME_FIELDS & set(skeleton)
    ]
    return patterns


@pytest.mark.parametrize("lang", catalog_languages())
def test_every_cldr_date_pattern_joins_cleanly(lang: str) -> None:
    """Whatever CLDR pattern a date uses (several end in an abbreviation's stop: az
    "Ç." for Wednesday, "4-cü kv.", ru "г." and "н. э."), and whatever the day, the
    separator after it leaves exactly one full stop before what follows."""
    locale = babel_locale(lang)
    patterns = _date_patterns(locale)
    stops = 0
    for pattern in patterns:
        for day in (dt.date(2026, 11, 25), dt.date(2003, 9, 1), dt.date(1999, 5, 31)):
            text = format_date(day, pattern, locale=locale)
            joined = text + after(text, ". ") + "https://x.org/"
            _no_doubling(joined)
            head = joined.removesuffix("https://x.org/").rstrip()
            assert head.startswith(text) and head.endswith(".") and not head.endswith("..")
            stops += text.endswith(".")
    assert len(patterns) > 30
    if lang in ("az", "ru"):  # the case that doubled: patterns ending in a stop exist
        assert stops > 0


@given(
    previous=st.text(min_size=1, max_size=20),
    separator=st.sampled_from([". ", ".", ".\u00a0", ". — ", ", ", " "]),
)
def test_after_drops_only_a_doubled_stop(previous: str, separator: str) -> None:
    """Only the separator's own leading stop is ever dropped, and only after text
    that already ends a sentence; what follows the stop is kept."""
    rest = after(previous, separator)
    if separator.startswith(".") and previous.rstrip().endswith(tuple(".?!\u2026")):
        assert not rest.lstrip().startswith(".")
        assert separator[1:].endswith(rest) and rest.strip() == separator[1:].strip()
    else:
        assert rest == separator


# -- enclosures, "Prepared by" and where it goes -----------------------------------------

ANNEX_BRIEF = """\
lang: en
title: T
date: 2026-11-26
classification: internal
authors: [{authors}]
memo: {{to: Director}}
summary: [Bottom line.]
annexes:
{annexes}"""


def _doc(tmp_path: Path, lang: str, annexes: int, authors: int = 1) -> Document:
    text = ANNEX_BRIEF.format(
        authors=", ".join(f"Desk {i}" for i in range(authors)),
        annexes="".join(f"  - {{title: Annex title {i + 1}, body: [x]}}\n" for i in range(annexes)),
    )
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    return api.localize(api.load(path), lang).doc


@pytest.mark.parametrize(
    ("lang", "annexes", "label"),
    [
        ("en", 1, "Enclosure"), ("en", 3, "Enclosures"),
        ("ru", 1, "Приложение"), ("ru", 3, "Приложения"),
        ("az", 1, "Əlavə"), ("az", 3, "Əlavələr"),
    ],
)  # fmt: skip
def test_enclosure_row_names_the_annexes(
    tmp_path: Path, lang: str, annexes: int, label: str
) -> None:
    doc = _doc(tmp_path, lang, annexes)
    row = doc.memo[-1]
    assert row.label == label
    if annexes == 1:
        assert row.value == "Annex title 1"
    else:
        assert row.value == "1. Annex title 1; 2. Annex title 2; 3. Annex title 3"


@pytest.mark.parametrize(("authors", "label"), [(1, "Исполнитель"), (2, "Исполнители")])
def test_prepared_by_agrees_and_comes_before_the_annexes(
    tmp_path: Path, authors: int, label: str
) -> None:
    doc = _doc(tmp_path, "ru", 2, authors)
    order = doc.reading_order()
    kinds = [p.kind if isinstance(p, SectionNode) else "prepared_by" for p in order]
    assert kinds == ["summary", "prepared_by", "annex", "annex"]
    closing = order[1]
    assert isinstance(closing, MemoRow) and closing.label == label


def test_prepared_by_is_before_the_annexes_in_both_formats(tmp_path: Path) -> None:
    from tests.readback import docx_body, pdf_pages, squash

    doc = _doc(tmp_path, "ru", 1)
    tpl = api.template()
    pdf_path, docx_path = tmp_path / "o.pdf", tmp_path / "o.docx"
    pdf_path.write_bytes(api.render(doc, "pdf", tpl))
    docx_path.write_bytes(api.render(doc, "docx", tpl))
    for text in (squash("".join(pdf_pages(pdf_path))), squash(docx_body(docx_path))):
        assert -1 < text.index("Исполнитель") < text.index("Приложение1.")


# -- the template's [document] and its furniture contrast --------------------------------


def test_contrast_ratio_is_wcag() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert low_contrast("#767676") is None and low_contrast("#777777") is not None


def test_the_memo_template_has_legible_furniture() -> None:
    theme = load_template("memo").theme
    assert theme.warnings == ()
    for name in ("header", "footer"):
        assert contrast_ratio(theme.styles[name].color, "#FFFFFF") >= 4.5
    for color in theme.classification.values():
        assert contrast_ratio(color, "#FFFFFF") >= 4.5
    assert theme.document.date_style == "official"
    assert theme.document.marking == "every_page"


def _memo_copy(tmp_path: Path, edit: dict[str, str]) -> Path:
    folder = tmp_path / "tpl"
    shutil.copytree(templates_dir() / "memo", folder)
    theme = folder / "theme.toml"
    text = theme.read_text(encoding="utf-8")
    for old, new in edit.items():
        assert old in text
        text = text.replace(old, new)
    theme.write_text(text, encoding="utf-8")
    return folder


def test_faint_furniture_is_a_positioned_warning(tmp_path: Path) -> None:
    folder = _memo_copy(tmp_path, {"[styles.footer]\n": '[styles.footer]\ncolor = "#BBBBBB"\n'})
    theme = load_template(str(folder)).theme  # still usable
    [warning] = theme.warnings
    assert warning.severity == "warning" and warning.field == "styles.footer.color"
    assert warning.position is not None and warning.position.file.endswith("theme.toml")
    line = (
        (folder / "theme.toml").read_text(encoding="utf-8").splitlines()[warning.position.line - 1]
    )
    assert line == 'color = "#BBBBBB"'
    assert "1.9" in warning.message and "4.5:1" in warning.message
    assert check_template(str(folder)) == [warning]


def test_a_bad_document_option_is_a_positioned_error(tmp_path: Path) -> None:
    folder = _memo_copy(tmp_path, {'marking = "every_page"': 'marking = "top-right"'})
    with pytest.raises(TemplateError) as caught:
        load_template(str(folder))
    [problem] = caught.value.problems
    assert problem.field == "document.marking"
    assert "'every_page' or 'first_page_right'" in problem.message


def test_marking_first_page_right_in_both_formats(tmp_path: Path) -> None:
    from tests.readback import pdf_pages

    folder = _memo_copy(tmp_path, {'marking = "every_page"': 'marking = "first_page_right"'})
    tpl = api.template(folder)
    doc = _doc(tmp_path, "ru", 1)
    marking = "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ"
    assert doc.marking == marking
    out = tmp_path / "m.pdf"
    out.write_bytes(api.render(doc, "pdf", tpl))
    pages = pdf_pages(out)
    assert len(pages) >= 2
    assert pages[0].count(marking) == 1 and pages[0].lstrip().startswith(marking)
    assert all(marking not in page for page in pages[1:])

    import io

    import docx

    document = docx.Document(io.BytesIO(api.render(doc, "docx", tpl)))
    first = document.paragraphs[0]
    assert first.text == marking and first.style is not None
    assert first.style.name == "Marking First Page"
    header = document.sections[0].header
    assert marking not in "".join(p.text for p in header.paragraphs)


# -- an uncaptioned table ------------------------------------------------------------------

TABLES_BRIEF = """\
lang: en
title: T
date: 2026-11-26
summary:
  - table: {caption: Routes, columns: [A, B], rows: [[a1, b1]]}
  - table: {columns: [C, D], rows: [[c1, d1]]}
  - table: {caption: Costs, columns: [E, F], rows: [[e1, f1]]}
"""


def test_an_uncaptioned_table_keeps_its_number_without_a_dangling_label(tmp_path: Path) -> None:
    """Tables are numbered in order, captioned or not (body text cites "table 3", so a
    number skipped for an uncaptioned table would point at the wrong one). Its caption
    line is the bare number, with no separator or empty title after it, in both
    formats, followed by the table itself."""
    import io

    import docx

    from tests.readback import pdf_pages

    path = tmp_path / "t.yaml"
    path.write_text(TABLES_BRIEF, encoding="utf-8")
    doc = api.localize(api.load(path), "en").doc
    tpl = api.template()
    out = tmp_path / "t.pdf"
    out.write_bytes(api.render(doc, "pdf", tpl))
    lines = [line.strip() for line in pdf_pages(out)[0].splitlines()]
    assert "Table 1. Routes" in lines and "Table 3. Costs" in lines
    bare = lines.index("Table 2")
    assert lines[bare + 1].split() == ["C", "D"]
    document = docx.Document(io.BytesIO(api.render(doc, "docx", tpl)))
    captions = [p.text for p in document.paragraphs if p.style and p.style.name == "Caption"]
    assert captions == ["Table 1. Routes", "Table 2", "Table 3. Costs"]


def test_localize_takes_a_date_style_or_the_templates(tmp_path: Path) -> None:
    from briefing.errors import UsageError

    path = tmp_path / "d.yaml"
    path.write_text("lang: az\ntitle: T\ndate: 2026-11-26\n", encoding="utf-8")
    loaded = api.load(path)
    assert api.localize(loaded, "az").doc.date == "26 noyabr 2026-cı il"
    assert api.localize(loaded, "az", date_style="long").doc.date == "26 noyabr 2026"
    with pytest.raises(UsageError, match="unknown date style 'iso'"):
        api.localize(loaded, "az", date_style="iso")


def test_check_lists_a_warning_and_still_says_ok(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = _memo_copy(tmp_path, {'muted = "#646D79"': 'muted = "#AAB0B8"'})
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "templates", "--check", str(folder)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{folder}: ok"
    warnings = [line for line in proc.stderr.splitlines() if ": warning: " in line]
    assert [w.split(": warning: ")[1].split(":")[0] for w in warnings] == [
        "styles.header.color",
        "styles.footer.color",
    ]
    assert "Traceback" not in proc.stderr
