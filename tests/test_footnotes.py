"""Footnotes ``^[...]`` / ``[^name]`` and cross-references ``[@id]`` / ``[+@id]`` (issue 15):
parsing, what localize puts in the tree, every error and warning at its place, the
Markdown form in every language, and the XLIFF round trip."""

from __future__ import annotations

import io
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from briefing import api, cli
from briefing.errors import BriefError
from briefing.inline import _REFERENCE, InlineError, note_spans, parse_inline
from briefing.markdown_write import Writer
from briefing.model import ID_PATTERN
from briefing.tree import (
    Document,
    Figure,
    ListBlock,
    Paragraph,
    Run,
    Table,
    all_texts,
    notes_of,
    plain,
    walk_sections,
)
from briefing.xliff import export_xliff, merge_xliff

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
MD_EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.md"


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def runs_of(doc: Document) -> list[tuple[Run, ...]]:
    """The runs of every paragraph, list item, table cell and figure caption or credit."""
    out: list[tuple[Run, ...]] = []
    for s in walk_sections(doc.sections):
        for b in s.blocks:
            if isinstance(b, Paragraph):
                out.append(b.runs)
            elif isinstance(b, ListBlock):
                out += [item.runs for item in b.items]
            elif isinstance(b, Table):
                out += [*b.columns, *(c for row in b.rows for c in row), b.caption or ()]
            elif isinstance(b, Figure):
                out += [b.caption or (), b.credit or ()]
    return out


# -- parsing ---------------------------------------------------------------------------


def test_a_note_holds_its_own_runs_and_the_mark_is_empty() -> None:
    runs = parse_inline("Trade grew^[Customs data, **preliminary**: https://e.org/x.] in 2025.")
    assert [r.text for r in runs] == ["Trade grew", "", " in 2025."]
    (note,) = notes_of(runs)
    assert note == (
        Run("Customs data, "),
        Run("preliminary", bold=True),
        Run(": "),
        Run("https://e.org/x", link="https://e.org/x"),
        Run("."),
    )


def test_styles_around_the_mark_stay_out_of_the_note() -> None:
    (before, mark) = parse_inline("**bold^[plain note]**")
    assert before == Run("bold", bold=True)
    assert mark.bold and mark.text == "" and mark.note == (Run("plain note"),)


@pytest.mark.parametrize(
    ("text", "prints"),
    [
        ("x\\^[2]", "x^[2]"),  # the escape
        ("2^3 and x ^ [y]", "2^3 and x ^ [y]"),  # a caret not before [
        ("^[unclosed", "^[unclosed"),  # no partner: as typed
        ("\\[@budget]", "[@budget]"),  # an escaped reference
        ("[@1bad] and [@]", "[@1bad] and [@]"),  # not an id
        ("[@" + "a" * 65 + "]", "[@" + "a" * 65 + "]"),  # longer than an id may be
        ("[a ^[n] [@x]](https://e.org)", "a ^[n] [@x]"),  # a link's text holds neither
    ],
)
def test_what_stays_text(text: str, prints: str) -> None:
    runs = parse_inline(text)
    assert plain(runs) == prints
    assert not any(r.note or r.target for r in runs)


def test_a_note_in_a_note_is_an_error() -> None:
    with pytest.raises(InlineError, match="cannot hold another footnote"):
        parse_inline("^[outer ^[inner]]")


@pytest.mark.parametrize("text", ["a^[] b", "a^[   ] b", "a^[\n] b"])
def test_an_empty_note_is_an_error(text: str) -> None:
    """A mark would point at nothing at the page foot (seen: "A¹ B" and a bare "1")."""
    with pytest.raises(InlineError, match="an empty footnote"):
        parse_inline(text)


def test_references_in_both_forms_and_a_link_that_looks_like_one() -> None:
    runs = parse_inline("see *Table [@budget]*, [+@fig-1] and [@x](https://e.org)")
    assert Run("[@budget]", italic=True, target="budget") in runs
    assert Run("[+@fig-1]", target="fig-1") in runs
    assert Run("@x", link="https://e.org") in runs


def test_marks_and_references_are_never_merged_with_their_neighbours() -> None:
    runs = parse_inline("a^[x]^[y][@a][@a]b")
    assert [(r.text, r.target, r.note is not None) for r in runs] == [
        ("a", None, False),
        ("", None, True),
        ("", None, True),
        ("[@a]", "a", False),
        ("[@a]", "a", False),
        ("b", None, False),
    ]


def test_the_reference_pattern_is_the_models_id() -> None:
    ident = _REFERENCE.pattern.split("@", 1)[1].rsplit("\\]", 1)[0]
    assert f"^{ident[1:-1]}$" == ID_PATTERN


def test_note_spans_find_what_the_parser_reads() -> None:
    text = "a^[b [c] d] \\^[e] ^[f]"
    assert [text[s:e] for s, e in note_spans(text)] == ["^[b [c] d]", "^[f]"]


def test_a_text_without_markup_parses_as_fast_as_before() -> None:
    """The scanner's first look: a text with no special character is one run, found
    without walking it (the fast path must not grow with the new markers)."""
    assert parse_inline("plain words only, 20% more") == (Run("plain words only, 20% more"),)


# -- localize --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "Table 1"), ("az", "Cədvəl 1"), ("ru", "Таблица 1")]
)
def test_the_example_resolves_its_notes_and_references(lang: str, label: str) -> None:
    loaded = api.load(EXAMPLE)
    doc = api.localize(loaded, lang).doc
    runs = runs_of(doc)
    notes = [n for r in runs for n in notes_of(r)]
    assert len(notes) == 2
    # the first note cites the embassy's announcement: the first source, "[1]"
    assert Run("[1]", target="embassy") in notes[0]
    refs = [r for rs in runs for r in rs if r.target == "budget"]
    assert {r.text for r in refs} <= {"1", label} and len(refs) == 4
    if lang == "az":
        assert any(r.text == label for r in refs)  # "(bax: Cədvəl 1)"
    tables = [b for s in walk_sections(doc.sections) for b in s.blocks if isinstance(b, Table)]
    assert tables[0].anchor == "budget" and tables[0].label == label
    sources = next(s for s in doc.sections if s.kind == "sources").blocks[0]
    assert isinstance(sources, ListBlock)
    assert [item.anchor for item in sources.items] == ["embassy", "apa"]
    texts = "\n".join(all_texts(doc))  # the glyph guard sees the notes' words
    assert plain(notes[1])[:20] in texts


BRIEF = """\
title: Test
date: 2026-01-02
sections:
  - title: Costs
    id: costs
    body:
      - "Figure [@map] and [+@map], Annex [@ax] ([+@ax]), [@costs], [@src2], [+@later]."
      - figure: missing.png
        id: map
        alt: A map
      - table:
          id: later
          columns: [A]
          rows: [["1"]]
sources:
  - title: One
  - title: Two
    id: src2
annexes:
  - title: Timeline
    id: ax
"""


def test_every_kind_of_target_prints_what_it_should() -> None:
    loaded = api.load_text(BRIEF)
    for lang, words in (
        ("en", ("Figure 1", "Annex 1", "Costs", "Table 1")),
        ("ru", ("Рисунок 1", "Приложение 1", "Costs", "Таблица 1")),
    ):
        doc = api.localize(loaded, lang).doc
        paragraph = doc.sections[0].blocks[0]
        assert isinstance(paragraph, Paragraph)
        printed = [(r.text, r.target) for r in paragraph.runs if r.target]
        assert printed == [
            ("1", "map"),
            (words[0], "map"),
            ("1", "ax"),
            (words[1], "ax"),
            (words[2], "costs"),
            ("[2]", "src2"),
            (words[3], "later"),  # forward, to a table below
        ]
        assert doc.sections[0].anchor == "costs" and doc.sections[-1].anchor == "ax"
        figure = doc.sections[0].blocks[1]
        assert isinstance(figure, Figure) and figure.anchor == "map"


def test_a_footnote_missing_in_one_language_is_a_missing_translation(tmp_path: Path) -> None:
    brief = write(
        tmp_path,
        "b.yaml",
        "title: T\ndate: 2026-01-02\nsummary:\n"
        "  - en: Grew^[Customs data.] fast.\n    az: Sürətlə artıb.\n",
    )
    code, _, err = run_cli("validate", str(brief), "-l", "az")
    assert code == 0
    assert re.search(r"b\.yaml:5:9: warning: the az text of summary\[0\] has 0 footnotes", err)
    code, _, err = run_cli("validate", str(brief), "-l", "az", "--strict")
    assert code == 1 and "b.yaml:5:9:" in err and "warning" not in err


# -- errors, each at its place ---------------------------------------------------------

ERRORS = """\
title: "T"
date: 2026-01-02
memo:
  to: "Director^[no place here]"
sections:
  - title: "Costs [@budget]"
    id: budget
    body:
      - "See [@budgt]."
      - en: "x [@nope]"
        ru: "y"
      - "^[a ^[b]]"
      - table:
          id: budget
          columns: [A]
          rows: []
"""


def test_every_error_is_positioned(tmp_path: Path) -> None:
    brief = write(tmp_path, "e.yaml", ERRORS)
    code, _, err = run_cli("validate", str(brief))
    assert code == 1
    assert "e.yaml:4:7: memo.to: a footnote ^[...] cannot go here" in err
    assert "e.yaml:6:12: sections[0].title: a cross-reference [@budget] cannot go here" in err
    assert "e.yaml:12:9: sections[0].body[2]: a footnote cannot hold another footnote" in err
    fixed = ERRORS.replace("^[no place here]", "").replace(" [@budget]", "")
    brief.write_text(fixed.replace("^[a ^[b]]", "^[a]"), encoding="utf-8")
    code, _, err = run_cli("validate", str(brief))
    assert code == 1
    lines = err.strip().split("\n")
    assert lines == [
        f"{brief}:9:9: sections[0].body[0]: [@budgt] refers to no section, annex, table, "
        "figure or source: none has the id 'budgt'; did you mean 'budget'?",
        f"{brief}:10:13: sections[0].body[1]: the en text: [@nope] refers to no section, "
        "annex, table, figure or source: none has the id 'nope'",
        f"{brief}:14:15: sections[0].body[3].table.id: the id 'budget' is already used by the "
        "section at line 7 of e.yaml: an id names one thing",
    ]


def test_a_bad_id_says_what_an_id_is() -> None:
    text = "title: T\ndate: 2026-01-02\nsources:\n  - title: S\n    id: 1st\n"
    with pytest.raises(BriefError) as caught:
        api.load_text(text)
    assert str(caught.value) == (
        "brief.yaml:5:9: sources[0].id: '1st' is not an id: a letter, then letters, "
        "digits, - or _ (at most 64)"
    )


# -- Markdown --------------------------------------------------------------------------

MD = """\
---
title: Notes
date: 2026-01-02
sources:
  - title: IMF
    id: imf
---

## Costs {#costs}

Trade grew[^grew] and fell[^fell], see [@costs]. \\^[literal] \\[^lit] ^[inline].

[^grew]: Customs data, see [@imf] and [open [1.
[^fell]: Two lines,
continued.
"""

MD_AZ = """\
---
title: Qeydlər
sources:
  - title: BVF
---

## Xərclər {#costs}

Ticarət artıb[^a] və azalıb[^b], bax [@costs]. \\^[literal] \\[^lit] ^[daxili].

[^b]: İki sətir.
[^a]: Gömrük, bax [@imf] və [open [1.
"""


def test_markdown_notes_in_every_language_file(tmp_path: Path) -> None:
    base = write(tmp_path, "m.md", MD)
    write(tmp_path, "m.az.md", MD_AZ)
    loaded = api.load(base)
    for lang, first in (("en", "Customs data, see "), ("az", "Gömrük, bax ")):
        result = api.localize(loaded, lang)
        assert result.fallbacks == []
        (paragraph,) = result.doc.sections[0].blocks
        assert isinstance(paragraph, Paragraph)
        notes = notes_of(paragraph.runs)
        assert len(notes) == 3
        assert notes[0][0] == Run(first) and notes[0][1] == Run("[1]", target="imf")
        assert plain(notes[0]).endswith(" [open [1.")  # its lone bracket kept as text
        assert "^[literal] [^lit]" in plain(paragraph.runs)
        assert result.doc.sections[0].anchor == "costs"
    assert plain(notes_of(api.localize(loaded, "en").doc.sections[0].blocks[0].runs)[1]) == (  # type: ignore[union-attr]
        "Two lines, continued."
    )


def test_markdown_note_errors_and_warning_at_their_lines(tmp_path: Path) -> None:
    text = (
        "---\ntitle: T\ndate: 2026-01-02\n---\n\n## A\n\nText[^x] and[^y].\n\n"
        "[^y]: one\n[^y]: two\n[^z]: never used\n[^w]: holds [^y]\n"
    )
    base = write(tmp_path, "n.md", text)
    code, _, err = run_cli("validate", str(base))
    assert code == 1
    assert f"{base}:8:1: the footnote [^x] is referenced here but never defined" in err
    assert f"{base}:11:1: the footnote [^y] is defined twice (first at line 10)" in err
    assert f"{base}:13:1: the footnote [^w] refers to another footnote" in err
    base.write_text(text.replace("Text[^x]", "Text").replace("[^y]: two\n", "")
                    .replace("[^w]: holds [^y]\n", ""), encoding="utf-8")  # fmt: skip
    code, out, err = run_cli("validate", str(base))
    assert code == 0 and "valid" in out
    assert f"{base}:11:1: warning: the footnote [^z] is defined but never referenced" in err


def test_an_id_on_the_summary_heading_is_an_error(tmp_path: Path) -> None:
    base = write(
        tmp_path, "s.md", "---\ntitle: T\ndate: 2026-01-02\n---\n\n## S {kind=summary} {#s}\n\nx\n"
    )
    code, _, err = run_cli("validate", str(base))
    assert code == 1 and f"{base}:6:1: the summary cannot carry an id {{#s}}" in err


def test_the_markdown_writer_writes_notes_as_definitions_that_read_back(tmp_path: Path) -> None:
    writer = Writer("en", "en")
    line = writer.para("a^[one [x]] b [^lit] ^[ spaced] c^[two]")
    assert line == "a[^1] b \\[^lit] ^[ spaced] c[^2]"
    assert writer.definitions() == ["[^1]: one [x]", "[^2]: two"]
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    shutil.copy(ROOT / "examples" / "middle-corridor.svg", tmp_path)
    md = (ROOT / "examples" / "us-azerbaijan-charter.md").read_text(encoding="utf-8")
    assert md.count("[^1]") == 2 and md.count("[^2]") == 2  # the mark and its definition


# -- XLIFF -----------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_notes_and_references_survive_xliff(tmp_path: Path, version: str) -> None:
    brief = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, brief)
    shutil.copy(ROOT / "examples" / "middle-corridor.svg", tmp_path)
    xlf = tmp_path / "ru.xlf"
    xlf.write_bytes(export_xliff(api.load(brief), "ru", version))
    text = xlf.read_text(encoding="utf-8")
    note_code = 'ctype="x-note"' if version == "1.2" else 'subType="brief:note"'
    ref_code = 'ctype="x-ref"' if version == "1.2" else 'subType="brief:ref"'
    assert text.count(note_code) == 4 and ref_code in text  # 2 notes, source and target
    assert "[@budget]" not in text.split("<note>")[0]  # references are codes, not text
    changed = text.replace("подписанный текст ему не известен", "текст подписанной хартии")
    xlf.write_text(changed, encoding="utf-8")
    result = merge_xliff(api.load(brief), [xlf])
    assert result.written == [brief]
    doc = api.localize(api.load(brief), "ru").doc
    notes = [n for r in runs_of(doc) for n in notes_of(r)]
    assert plain(notes[0]).endswith("текст подписанной хартии.")
    assert Run("[1]", target="embassy") in notes[0]
    # a reference code dropped by the translator is refused, nothing written
    code = re.compile(r"<(?:x|ph) [^>]*(?:x-ref|brief:ref)\"/>")
    dropped = re.sub(
        r"<target[^>]*>.*?</target>", lambda m: code.sub("", m.group()), changed, flags=re.S
    )
    assert dropped != changed
    xlf.write_text(dropped, encoding="utf-8")
    before = brief.read_bytes()
    with pytest.raises(BriefError, match="missing from the target"):
        merge_xliff(api.load(brief), [xlf])
    assert brief.read_bytes() == before


def test_a_translation_keeps_its_form_of_a_reference(tmp_path: Path) -> None:
    """az writes "(bax: [+@budget])" where en has "(see Table [@budget])": exported as a
    label code, merged back as the label form."""
    brief = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, brief)
    shutil.copy(ROOT / "examples" / "middle-corridor.svg", tmp_path)
    xlf = tmp_path / "az.xlf"
    xlf.write_bytes(export_xliff(api.load(brief), "az", "1.2"))
    text = xlf.read_text(encoding="utf-8")
    assert 'ctype="x-ref-label"' in text
    xlf.write_text(text.replace("dörd növbəti addım (bax:", "dörd yeni addım (bax:"), "utf-8")
    merge_xliff(api.load(brief), [xlf])
    assert "dörd yeni addım (bax: [+@budget])" in brief.read_text(encoding="utf-8")


def test_a_markdown_figure_takes_an_id(tmp_path: Path) -> None:
    shutil.copy(ROOT / "examples" / "middle-corridor.svg", tmp_path)
    text = (
        "---\ntitle: T\ndate: 2026-01-02\n---\n\n## A\n\nSee [+@map].\n\n"
        '![A map](middle-corridor.svg "The corridor") {#map}\n'
    )
    doc = api.localize(api.load(write(tmp_path, "f.md", text)), "ru").doc
    paragraph, figure = doc.sections[0].blocks
    assert isinstance(paragraph, Paragraph) and isinstance(figure, Figure)
    assert Run("Рисунок 1", target="map") in paragraph.runs and figure.anchor == "map"


def test_the_converter_keeps_every_id(tmp_path: Path) -> None:
    """A YAML brief with ids on a section, an annex, a table, a figure and a source,
    written as Markdown files, reads back as the same brief in every language."""
    from briefing.markdown_write import document, languages

    yaml_text = BRIEF.replace("title: Costs\n", "title: {en: Costs, az: Xərclər}\n")
    write(tmp_path, "b.yaml", yaml_text.replace("missing.png", "middle-corridor.svg"))
    shutil.copy(ROOT / "examples" / "middle-corridor.svg", tmp_path)
    loaded = api.load(tmp_path / "b.yaml")
    data = loaded.source.data
    for lang in languages(data, "en"):
        name = "c.md" if lang == "en" else f"c.{lang}.md"
        write(tmp_path, name, document(data, lang, "en"))
    again = api.load(tmp_path / "c.md")
    for lang in ("en", "az"):
        assert api.localize(again, lang).doc == api.localize(loaded, lang).doc
    assert "## Costs {#costs}" in (tmp_path / "c.md").read_text(encoding="utf-8")
    assert "## Xərclər {#costs}" in (tmp_path / "c.az.md").read_text(encoding="utf-8")
