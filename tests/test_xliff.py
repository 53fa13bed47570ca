"""XLIFF export and merge: a translator's loop through an independent XLIFF reader.

translate-toolkit (the library behind Pootle and Weblate) reads what ``briefing xliff``
writes, fills targets and writes the file back as a CAT tool would; ``briefing merge``
must take that file. The example is stripped of a language, exported, filled from the
full example by translate-toolkit, merged, and must then read as the full example.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.storage import xliff as tt_xliff
from translate.storage import xliff2 as tt_xliff2

from briefing import api
from briefing.errors import BriefError
from briefing.i18n.language import same_language
from briefing.inline import parse_inline
from briefing.xliff import export_xliff, merge_xliff
from briefing.xliff.codes import plain_text, to_content, to_markdown
from briefing.xliff.units import units
from tests.readback import pdf_pages, squash
from tests.strategies import (
    ENDINGS,
    FORMS,
    MARKUP,
    WORDS,
    _valid_builder,
    repair,
    write_case,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
YAML_EXAMPLE = EXAMPLES / "us-azerbaijan-charter.yaml"
HOSTILE = ROOT / "tests" / "cases" / "hostile"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=120
    )


def strip_lang(text: str, lang: str) -> str:
    """A YAML brief's text with every ``lang:`` translation line (block maps) removed."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    cuts: list[tuple[int, int]] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == lang and isinstance(value, yaml.ScalarNode):
                    assert not node.flow_style
                    start = text.rfind("\n", 0, key.start_mark.index) + 1
                    end = value.end_mark.index
                    if not text[start:end].endswith("\n"):
                        end = text.index("\n", end) + 1
                    cuts.append((start, end))
                else:
                    walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for value in node.value:
                walk(value)

    assert root is not None
    walk(root)
    for start, end in sorted(cuts, reverse=True):
        text = text[:start] + text[end:]
    return text


def copy_markdown(folder: Path, langs: tuple[str, ...]) -> Path:
    shutil.copy(EXAMPLES / "us-azerbaijan-charter.md", folder)
    copy_images(folder)
    for lang in langs:
        shutil.copy(EXAMPLES / f"us-azerbaijan-charter.{lang}.md", folder)
    return folder / "us-azerbaijan-charter.md"


def copy_images(folder: Path) -> None:
    """The image files the example's figures show, which a copy of it needs beside it."""
    for image in EXAMPLES.glob("*.svg"):
        shutil.copy(image, folder)


def translations(path: Path, lang: str) -> dict[str, str | None]:
    loaded = api.load(path)
    return {u.id: u.target for u in units(loaded.brief, lang, loaded.source)}


def same_text(a: str | None, b: str | None) -> bool:
    """Two inline texts that print the same (runs equal, whitespace runs as one)."""
    if a is None or b is None:
        return a is b
    return parse_inline(" ".join(a.split())) == parse_inline(" ".join(b.split()))


def fill_with_toolkit(empty: Path, full: Path, version: str) -> int:
    """Fill every target of ``empty`` from ``full`` by unit id, with translate-toolkit
    reading and writing both files (codes kept as its rich placeables); the count."""
    kind = tt_xliff.xlifffile if version == "1.2" else tt_xliff2.Xliff2File
    source = kind.parsefile(str(full))
    by_id = {u.getid().split("\x04")[-1]: u for u in source.units if not u.isheader()}
    store = kind.parsefile(str(empty))
    filled = 0
    for unit in store.units:
        if unit.isheader():
            continue
        other = by_id[unit.getid().split("\x04")[-1]]
        assert unit.source == other.source
        if unit.target:
            continue
        unit.rich_target = other.rich_target
        if version == "1.2":
            unit.markapproved(False)
            unit.xmlelement.find(unit.namespaced("target")).set("state", "translated")
        filled += 1
    store.savefile(str(empty))
    return filled


# -- export -----------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_translate_toolkit_reads_the_export(tmp_path: Path, version: str) -> None:
    loaded = api.load(YAML_EXAMPLE)
    data = export_xliff(loaded, "az", version)
    path = tmp_path / "brief.az.xlf"
    path.write_bytes(data)
    kind = tt_xliff.xlifffile if version == "1.2" else tt_xliff2.Xliff2File
    store = kind.parsefile(str(path))
    got = [u for u in store.units if not u.isheader()]
    want = units(loaded.brief, "az", loaded.source)
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "az"
    assert [u.getid().split("\x04")[-1] for u in got] == [u.id for u in want]
    for tt_unit, unit in zip(got, want, strict=True):
        # the words as codes leave them: a reference is a code without text, a
        # footnote's words are inside its code
        plain = plain_text(to_content(unit.source)[0])
        assert tt_unit.source == plain
        assert tt_unit.target == plain_text(to_content(unit.target or "")[0])
        where = f"{unit.position.line}:{unit.position.col}"
        if version == "1.2":  # translate-toolkit reads 2.x notes from the segment only
            assert (
                tt_unit.getnotes().startswith(f"{unit.id.split('.')[0]}")
                and where in tt_unit.getnotes()
            )
    # markup became codes, the link address is nowhere in a source or target
    summary = next(u for u in got if u.getid().endswith("summary.0"))
    bold = summary.rich_source[0].sub[0]  # a placeable (a tag in a CAT tool), not text
    assert type(bold).__name__ in ("G", "UnknownXML") and str(bold) == "Bottom line:"
    assert "https://az.usembassy.gov/" not in str(got[0].source)
    text = data.decode("utf-8")
    assert ">https://" not in text and '"https://' not in text
    assert text.count("<note>") == len(want) and "at us-azerbaijan-charter.yaml:" in text


def test_units_are_the_texts_coverage_counts_in_file_order() -> None:
    loaded = api.load(YAML_EXAMPLE)
    found = units(loaded.brief, "az", loaded.source)
    result = api.localize(loaded, "en")  # the texts as written, before translation
    from briefing.i18n.language import is_neutral

    words = [path for path, text in result.texts if path is not None and not is_neutral(text)]
    assert sorted(u.path for u in found) == sorted(set(words))
    lines = [(u.position.line, u.position.col) for u in found]
    assert lines == sorted(lines)
    assert "reference" not in {u.id for u in found}  # PB-2026-041: no words
    assert "classification" not in {u.id for u in found}  # a standard level


def test_export_cli_writes_per_language_and_refuses_the_brief_language(tmp_path: Path) -> None:
    proc = run("xliff", str(YAML_EXAMPLE), "-l", "az,ru", "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [
        str(tmp_path / "us-azerbaijan-charter.az.xlf"),
        str(tmp_path / "us-azerbaijan-charter.ru.xlf"),
    ]
    proc = run("xliff", str(YAML_EXAMPLE), "-l", "en", "-o", str(tmp_path))
    assert proc.returncode == 2 and "the language" in proc.stderr
    proc = run("xliff", str(YAML_EXAMPLE), "-l", "all", "-o", str(tmp_path / "all"))
    assert proc.returncode == 0 and [Path(p).name for p in proc.stdout.split()] == [
        "us-azerbaijan-charter.az.xlf",
        "us-azerbaijan-charter.ru.xlf",
    ]


# -- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2.1"])
@pytest.mark.parametrize("form", ["yaml", "markdown"])
def test_export_then_merge_unchanged_is_byte_identical(
    tmp_path: Path, version: str, form: str
) -> None:
    if form == "yaml":
        brief = tmp_path / YAML_EXAMPLE.name
        shutil.copy(YAML_EXAMPLE, brief)
        copy_images(tmp_path)
    else:
        brief = copy_markdown(tmp_path, ("az", "ru"))
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    files = []
    for lang in ("az", "ru"):
        xlf = tmp_path / "x" / f"{lang}.xlf"
        xlf.parent.mkdir(exist_ok=True)
        xlf.write_bytes(export_xliff(api.load(brief), lang, version))
        files.append(xlf)
    result = merge_xliff(api.load(brief), files)
    assert result.written == [] and all("0 merged" in line for line in result.summary)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("lang", ["az", "ru"])
@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_round_trip_of_the_yaml_example(tmp_path: Path, lang: str, version: str) -> None:
    """The example without its ``lang`` texts, exported, filled by translate-toolkit,
    merged: every translation is back, and every other byte of the file is as it was."""
    full = tmp_path / "full" / "brief.yaml"
    full.parent.mkdir()
    shutil.copy(YAML_EXAMPLE, full)
    copy_images(full.parent)
    copy_images(tmp_path)
    stripped = strip_lang(YAML_EXAMPLE.read_text(encoding="utf-8"), lang)
    brief = tmp_path / "brief.yaml"
    brief.write_text(stripped, encoding="utf-8")
    empty, filled_from = tmp_path / "empty.xlf", tmp_path / "full.xlf"
    empty.write_bytes(export_xliff(api.load(brief), lang, version))
    filled_from.write_bytes(export_xliff(api.load(full), lang, version))
    count = fill_with_toolkit(empty, filled_from, version)
    assert count > 80
    result = merge_xliff(api.load(brief), [empty])
    assert result.written == [brief]
    assert result.summary == [
        f"{empty}: {lang}: {count} merged, 0 unchanged, 0 untranslated (skipped)"
    ]
    assert (tmp_path / "brief.yaml.bak").read_text(encoding="utf-8") == stripped
    want, got = translations(full, lang), translations(brief, lang)
    assert got.keys() == want.keys()
    assert all(same_text(got[k], want[k]) for k in want), [k for k in want if got[k] != want[k]]
    # nothing but new lines: the stripped file's lines are all there, in order
    merged_text = brief.read_text(encoding="utf-8")
    it = iter(merged_text.split("\n"))
    assert all(line in it for line in stripped.split("\n"))
    # each new key where the example has it (en, az, ru), folded where its neighbours are
    orders = {tuple(m) for m in _maps(yaml.safe_load(merged_text)) if {"en", "az", "ru"} <= set(m)}
    assert orders == {("en", "az", "ru")}
    assert sum(1 for line in merged_text.split("\n") if line.strip() == f"{lang}: >-") > 20


def _maps(value: object) -> list[dict[str, object]]:
    if isinstance(value, dict):
        return [value, *(m for v in value.values() for m in _maps(v))]
    if isinstance(value, list):
        return [m for v in value for m in _maps(v)]
    return []


def test_translators_loop_ends_in_a_strict_render(tmp_path: Path) -> None:
    """The issue's "done when": az removed, exported, filled, merged, rendered strictly."""
    brief = tmp_path / "brief.yaml"
    brief.write_text(strip_lang(YAML_EXAMPLE.read_text(encoding="utf-8"), "az"), "utf-8")
    full = tmp_path / "full.yaml"
    shutil.copy(YAML_EXAMPLE, full)
    copy_images(tmp_path)
    out = tmp_path / "out"
    assert run("render", str(brief), "-l", "az", "--strict", "-o", str(out)).returncode == 1
    proc = run("xliff", str(brief), "-l", "az", "-o", str(tmp_path / "x"))
    assert proc.returncode == 0, proc.stderr
    proc = run("xliff", str(full), "-l", "az", "-o", str(tmp_path / "x"))
    fill_with_toolkit(tmp_path / "x" / "brief.az.xlf", tmp_path / "x" / "full.az.xlf", "1.2")
    proc = run("merge", str(brief), str(tmp_path / "x" / "brief.az.xlf"))
    assert proc.returncode == 0, proc.stderr
    assert "103 merged" in proc.stdout
    proc = run("render", str(brief), "-l", "az", "--strict", "-f", "pdf", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    # the merged words are what a reader of the PDF sees, bold markup kept as bold runs
    text = squash(" ".join(pdf_pages(out / "brief.az.pdf")))
    assert squash("Əsas nəticə: Prezident İlham Əliyevlə") in text
    assert squash("ABŞ–Azərbaycan Strateji Tərəfdaşlıq Xartiyası") in text and "**" not in text


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_round_trip_of_the_markdown_example(tmp_path: Path, lang: str) -> None:
    """No brief.<lang>.md: the merge writes one that reads back as the example's."""
    other = "ru" if lang == "az" else "az"
    brief = copy_markdown(tmp_path, (other,))
    full = tmp_path / "full" / "us-azerbaijan-charter.md"
    full.parent.mkdir()
    copy_markdown(full.parent, (lang,))
    empty, source = tmp_path / "empty.xlf", tmp_path / "full.xlf"
    empty.write_bytes(export_xliff(api.load(brief), lang))
    source.write_bytes(export_xliff(api.load(full), lang))
    fill_with_toolkit(empty, source, "1.2")
    before_other = (tmp_path / f"us-azerbaijan-charter.{other}.md").read_bytes()
    result = merge_xliff(api.load(brief), [empty])
    written = tmp_path / f"us-azerbaijan-charter.{lang}.md"
    assert result.written == [written]
    assert (tmp_path / f"us-azerbaijan-charter.{other}.md").read_bytes() == before_other
    want, got = translations(full, lang), translations(brief, lang)
    assert all(same_text(got[k], want[k]) for k in want)
    # the layout tools/yaml_to_markdown.py gives: the example's, line for line, but
    # for texts with no words ("Q1 2027"), which are not exported and stay as written
    made = written.read_text(encoding="utf-8").split("\n")
    example = (EXAMPLES / written.name).read_text("utf-8").split("\n")
    assert len(made) == len(example)
    differ = [a for a, b in zip(made, example, strict=True) if a != b]
    assert len(differ) <= 5 and all("|" in line for line in differ), differ


# -- checks ------------------------------------------------------------------------------

SMALL = """\
lang: en
title: {en: Charter, az: Xartiya}
date: 2026-11-26
# a comment that must stay
summary:
  - A paragraph with **bold** and [a link](https://example.org).
  - 'Quoted: second'  # a trailing comment
recommendations: [Open a working group, {en: Fund it, ru: Финансировать}]
"""


def small(tmp_path: Path) -> tuple[Path, Path, str]:
    brief = tmp_path / "small.yaml"
    brief.write_text(SMALL, encoding="utf-8")
    xlf = tmp_path / "small.az.xlf"
    text = export_xliff(api.load(brief), "az").decode("utf-8")
    return brief, xlf, text


def fill(text: str, unit: str, target: str) -> str:
    start = text.index(f'id="{unit}"')
    at = text.index("<target", start)
    end = text.index(">", at) + 1
    if text[end - 2] == "/":
        return text[:at] + f'<target state="translated">{target}</target>' + text[end:]
    close = text.index("</target>", end)
    return text[:at] + f'<target state="translated">{target}' + text[close:]


def merge_cli(brief: Path, xlf: Path, text: str, *extra: str) -> subprocess.CompletedProcess[str]:
    xlf.write_text(text, encoding="utf-8")
    return run("merge", str(brief), str(xlf), *extra)


def test_merge_writes_maps_keeping_comments_and_quoting(tmp_path: Path) -> None:
    brief, xlf, text = small(tmp_path)
    text = fill(
        text,
        "summary.0",
        'Bir abzas: <g id="1" ctype="bold">qalın</g>, <g id="2" ctype="link">keçid</g>.',
    )
    text = fill(text, "recommendations.0", "İşçi qrupu yaradın")
    text = fill(text, "recommendations.1", "Maliyyələşdirin (*) [ok]")
    proc = merge_cli(brief, xlf, text)
    assert proc.returncode == 0, proc.stderr
    assert "3 merged, 1 unchanged, 1 untranslated (skipped)" in proc.stdout
    out = brief.read_text(encoding="utf-8")
    assert "# a comment that must stay" in out and "'Quoted: second'  # a trailing comment" in out
    assert "  - en: A paragraph with **bold** and [a link](https://example.org).\n" in out
    assert "    az: 'Bir abzas: **qalın**, [keçid](https://example.org).'" in out
    assert "{en: Open a working group, az: İşçi qrupu yaradın}" in out
    assert "{en: Fund it, az: 'Maliyyələşdirin (*) [ok]', ru: Финансировать}" in out
    got = translations(brief, "az")
    assert got["recommendations.1"] == "Maliyyələşdirin (*) [ok]"
    assert parse_inline(got["recommendations.1"] or "")[0].text == "Maliyyələşdirin (*) [ok]"
    assert (tmp_path / "small.yaml.bak").read_text(encoding="utf-8") == SMALL


@pytest.mark.parametrize(
    ("unit", "target", "message"),
    [
        ("summary.0", "Bir abzas keçidsiz", "the bold code '1' of the source is missing"),
        ("summary.0", '<g id="1" ctype="bold">a</g> <g id="2" ctype="link">b</g> <x id="3"/>',
         "the target has <x> (id '3') that the source has not"),
        ("summary.0", '<g id="1" ctype="italic">a</g> <g id="2" ctype="link">b</g>',
         "code '1' is bold in the source but italic here"),
        ("title", "Xartiya 中", "U+4E2D cannot be shown"),
        ("title", "Xartiya \u202e", "bidirectional"),
    ],
)  # fmt: skip
def test_bad_targets_are_errors_at_their_place(
    tmp_path: Path, unit: str, target: str, message: str
) -> None:
    brief, xlf, text = small(tmp_path)
    text = fill(text, unit, target)
    proc = merge_cli(brief, xlf, text)
    assert proc.returncode == 1, proc.stdout
    line = text[: text.index(f'id="{unit}"')].count("\n") + 1
    assert f"{xlf}:{line + 2}:" in proc.stderr, proc.stderr
    assert message in proc.stderr
    assert brief.read_text(encoding="utf-8") == SMALL
    assert not (tmp_path / "small.yaml.bak").exists()


def test_control_character_in_a_2x_code_point_is_refused(tmp_path: Path) -> None:
    brief = tmp_path / "small.yaml"
    brief.write_text(SMALL, encoding="utf-8")
    text = export_xliff(api.load(brief), "az", "2.1").decode("utf-8")
    at = text.index("<target", text.index('id="title"'))
    end = text.index("</target>", at)
    text = text[:at] + '<target xml:space="preserve">Xar<cp hex="0007"/>tiya' + text[end:]
    proc = merge_cli(brief, tmp_path / "s.xlf", text)
    assert proc.returncode == 1 and "U+0007" in proc.stderr and "control" in proc.stderr


def test_unknown_unit_wrong_language_and_not_xliff(tmp_path: Path) -> None:
    brief, xlf, text = small(tmp_path)
    bad = text.replace('id="title"', 'id="sections.9.title"')
    proc = merge_cli(brief, xlf, bad)
    assert proc.returncode == 1 and "'sections.9.title'" in proc.stderr
    assert f"{xlf}:8:7:" in proc.stderr
    proc = merge_cli(brief, xlf, text.replace('target-language="az"', 'target-language="en"'))
    assert proc.returncode == 1 and f"{xlf}:3:3:" in proc.stderr
    assert "the brief's own language" in proc.stderr
    two = fill(text, "title", "Xartiya").replace(
        '<target state="translated">Xartiya', '<target xml:lang="ru" state="translated">Xartiya'
    )
    proc = merge_cli(brief, xlf, two)
    assert proc.returncode == 1 and "'ru'" in proc.stderr, proc.stderr
    proc = merge_cli(brief, xlf, "<html><body>hi</body></html>")
    assert proc.returncode == 1 and f"{xlf}:1:1: not an XLIFF file" in proc.stderr
    proc = merge_cli(brief, xlf, "title: not xml\n")
    assert proc.returncode == 1 and "not an XLIFF file: not well-formed XML" in proc.stderr
    assert brief.read_text(encoding="utf-8") == SMALL


def test_stale_units_are_skipped_unless_accepted(tmp_path: Path) -> None:
    brief, xlf, text = small(tmp_path)
    text = fill(text, "recommendations.0", "İşçi qrupu yaradın")
    brief.write_text(SMALL.replace("Open a working group", "Open two working groups"), "utf-8")
    edited = brief.read_text(encoding="utf-8")
    proc = merge_cli(brief, xlf, text)
    assert proc.returncode == 0, proc.stderr
    assert "warning: unit 'recommendations.0': the source was changed" in proc.stderr
    assert "0 merged" in proc.stdout and "1 stale (skipped)" in proc.stdout
    assert brief.read_text(encoding="utf-8") == edited
    proc = merge_cli(brief, xlf, text, "--accept-stale")
    assert proc.returncode == 0 and "1 merged" in proc.stdout
    assert translations(brief, "az")["recommendations.0"] == "İşçi qrupu yaradın"


HOSTILE_XLF = sorted(HOSTILE.glob("*.xlf"))


def hostile_expect(path: Path) -> str:
    first = path.read_text(encoding="utf-8", errors="replace").split("\n")
    line = next(x for x in first if "expect:" in x)
    return line.split("expect:", 1)[1].split("-->")[0].strip()


@pytest.mark.parametrize("path", HOSTILE_XLF, ids=[p.name for p in HOSTILE_XLF])
def test_hostile_xliff(path: Path, tmp_path: Path) -> None:
    """Each hostile XLIFF file is refused as its ``expect:`` line says, quickly, with the
    brief untouched and nothing fetched or read beyond the file."""
    brief = tmp_path / "small.yaml"
    brief.write_text(SMALL, encoding="utf-8")
    expect = hostile_expect(path)
    assert expect.startswith("error ")
    where, _, message = expect.removeprefix("error ").partition(": ")
    proc = run("merge", str(brief), str(path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"{path}:{where}: {message}" in proc.stderr, proc.stderr
    assert brief.read_text(encoding="utf-8") == SMALL


def test_an_oversized_xliff_is_refused_before_reading(tmp_path: Path) -> None:
    brief = tmp_path / "small.yaml"
    brief.write_text(SMALL, encoding="utf-8")
    big = tmp_path / "big.xlf"
    with big.open("wb") as fh:
        fh.truncate(6 * 1024 * 1024)
    proc = run("merge", str(brief), str(big))
    assert proc.returncode == 1 and "over the input limit of 5 MB" in proc.stderr


# -- properties ---------------------------------------------------------------------------

inline_texts = st.lists(
    st.sampled_from(WORDS + MARKUP + (" ", "*", "[", "](", ")", "\\")), max_size=12
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inline_texts)
def test_codes_round_trip_any_inline_text(tokens: list[str]) -> None:
    """A text as codes and back prints the same (the same styled runs)."""
    text = " ".join(tokens)
    try:
        runs = parse_inline(text)
    except ValueError:
        return  # a forbidden link: the brief would refuse it before any export
    content, links = to_content(text)
    assert parse_inline(to_markdown(content, links)) == runs


def test_merge_api_refuses_nothing_silently(tmp_path: Path) -> None:
    brief, xlf, text = small(tmp_path)
    xlf.write_text(fill(text, "summary.0", "no codes"), encoding="utf-8")
    with pytest.raises(BriefError) as info:
        merge_xliff(api.load(brief), [xlf])
    assert info.value.problems[0].position is not None
    assert info.value.problems[0].position.file == str(xlf)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    raw=_valid_builder().brief(),
    seed=st.integers(0, 2**16),
    form=st.sampled_from(FORMS),
    ending=st.sampled_from(ENDINGS),
    lang=st.sampled_from(("az", "ru", "de")),
)
def test_any_brief_takes_its_translations_back(
    tmp_path_factory: pytest.TempPathFactory,
    raw: dict[str, object],
    seed: int,
    form: str,
    ending: str,
    lang: str,
) -> None:
    """Any valid brief, in any form, layout and line endings: export, translate every
    unit (its source with "TR " before it, codes kept), merge. The brief then holds
    exactly those translations, in the line endings it was saved with, or the merge
    refuses with positioned problems and writes nothing; never a traceback."""
    repair(raw)
    folder = tmp_path_factory.mktemp("prop")
    files = write_case(raw, form, ending, seed)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    brief = folder / ("brief.yaml" if "brief.yaml" in files else "brief.md")
    try:
        loaded = api.load(brief)
    except BriefError:
        return  # the generator made something the format refuses: not this test's subject
    if same_language(loaded.brief.lang, lang):
        return
    xlf = folder / "t.xlf"
    xlf.write_bytes(export_xliff(loaded, lang))
    data = xlf.read_text(encoding="utf-8")
    data = re.sub(  # every target: its source with "TR " in front (codes kept as they are)
        r"(<source>)(.*?)(</source>\s*<target[^>]*?)(/>|>.*?</target>)",
        lambda m: (
            f"{m[1]}{m[2]}{m[3].replace('needs-translation', 'translated')}>TR {m[2]}</target>"
        ),
        data,
        flags=re.S,
    )
    xlf.write_text(data, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    try:
        result = merge_xliff(loaded, [xlf])
    except BriefError as exc:
        assert all(p.position is not None for p in exc.problems), exc.problems
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
        return
    after = api.load(brief)
    want = {u.id: u.source for u in units(loaded.brief, lang, loaded.source)}
    got = {u.id: u.target for u in units(after.brief, lang, after.source)}
    assert got.keys() == want.keys()
    for key, source in want.items():
        assert same_text(got[key], "TR " + source) or same_text(
            got[key], "TR " + to_markdown(*to_content(source))
        ), (key, got[key], source)
    for path in result.written:
        text = path.read_bytes()
        if path.suffix == ".yaml" and ending != "\n":  # saved as it was: CRLF or CR
            assert text.count(ending.encode()) >= text.count(b"\n") - text.count(b"\r\n")


def test_one_change_to_a_markdown_translation_changes_one_line(tmp_path: Path) -> None:
    """The rewritten brief.az.md keeps every other text, codes and amounts included."""
    brief = copy_markdown(tmp_path, ("az", "ru"))
    xlf = tmp_path / "az.xlf"
    text = export_xliff(api.load(brief), "az").decode("utf-8")
    old = '<target state="translated">ABŞ–Azərbaycan Strateji Tərəfdaşlıq Xartiyası</target>'
    assert old in text
    xlf.write_text(text.replace(old, old.replace("Strateji Tərəfdaşlıq ", ""), 1), "utf-8")
    result = merge_xliff(api.load(brief), [xlf])
    az = tmp_path / "us-azerbaijan-charter.az.md"
    assert result.written == [az] and result.backups == [az.with_name(az.name + ".bak")]
    before = (EXAMPLES / az.name).read_text("utf-8").split("\n")
    after = az.read_text("utf-8").split("\n")
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [(f"title: {'ABŞ–Azərbaycan Strateji Tərəfdaşlıq Xartiyası'}",
                        "title: ABŞ–Azərbaycan Xartiyası")]  # fmt: skip


_PIECES = ("<", ">", "/", '"', "&", "&amp;", "<g>", "</g>", '<g id="1" ctype="bold">', "<x/>",
           "<target>", "</target>", "<mrk>", "]]>", "<![CDATA[", "\u0085", "\u202e", "\ud7ff",
           'id="', "xml:lang", "-->", "<!--", "\n", " ")  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    cuts=st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 40), st.sampled_from(_PIECES)),
        min_size=1,
        max_size=6,
    )
)
def test_a_damaged_xliff_file_is_an_error_never_a_crash(
    tmp_path_factory: pytest.TempPathFactory, cuts: list[tuple[int, int, str]]
) -> None:
    """Any damage to a returned file (pieces cut out, markup put in) ends as a merge or
    as positioned problems with the brief untouched: never another exception."""
    folder = tmp_path_factory.mktemp("damaged")
    brief = folder / "small.yaml"
    brief.write_text(SMALL, encoding="utf-8")
    text = fill(export_xliff(api.load(brief), "az").decode("utf-8"), "summary.1", "İkinci")
    for at, length, piece in cuts:
        at %= len(text) + 1
        text = text[:at] + piece + text[at + length :]
    xlf = folder / "damaged.xlf"
    xlf.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        merge_xliff(api.load(brief), [xlf])
    except BriefError as exc:
        assert all(p.position is not None for p in exc.problems), exc.problems
        assert brief.read_text(encoding="utf-8") == SMALL
        return
    assert api.load(brief).brief is not None  # whatever was merged reads as a brief
