"""The command line contract: outputs, warnings, --strict, exit codes, no tracebacks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"

ONE_MISSING = """\
lang: en
title: {en: Charter, az: Xartiya, ru: Хартия}
date: 2026-11-26
summary:
  - {en: One, az: Bir, ru: Один}
  - {en: Only English and Russian here, ru: Только по-английски и по-русски}
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def test_missing_translation_warns_once_and_still_writes(tmp_path: Path) -> None:
    brief = tmp_path / "one.yaml"
    brief.write_text(ONE_MISSING, encoding="utf-8")
    out = tmp_path / "out"
    proc = run("render", str(brief), "-l", "az", "-f", "pdf", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert f"{brief}:6:5" in warnings[0] and "az" in warnings[0]
    assert proc.stdout.strip() == str(out / "one.az.pdf")
    assert (out / "one.az.pdf").stat().st_size > 0


def test_strict_makes_a_missing_translation_an_error(tmp_path: Path) -> None:
    brief = tmp_path / "one.yaml"
    brief.write_text(ONE_MISSING, encoding="utf-8")
    out = tmp_path / "out"
    proc = run("render", str(brief), "-l", "az", "--strict", "-o", str(out))
    assert proc.returncode == 1
    assert f"{brief}:6:5: summary[1]: no az text" in proc.stderr or (
        f"{brief}:6:5:" in proc.stderr and "no az text for summary[1]" in proc.stderr
    )
    assert not out.exists() or list(out.iterdir()) == []
    assert "Traceback" not in proc.stderr
    # the languages that are complete still render
    proc = run("render", str(brief), "-l", "ru,az", "--strict", "-o", str(out))
    assert proc.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["one.ru.docx", "one.ru.pdf"]


def test_validate_lists_every_missing_text_with_counts(tmp_path: Path) -> None:
    brief = tmp_path / "one.yaml"
    brief.write_text(ONE_MISSING, encoding="utf-8")
    proc = run("validate", str(brief), "-l", "all")
    assert proc.returncode == 0
    assert f"{brief}:6:5: warning: no az text for summary[1]" in proc.stderr
    assert "az: 2 of 3 texts translated (66%)" in proc.stdout
    assert "ru: 3 of 3 texts translated (100%)" in proc.stdout
    assert run("validate", str(brief), "-l", "az", "--strict").returncode == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    for args in (
        ["render", str(EXAMPLE), "-l", "de"],
        ["render", str(EXAMPLE), "-f", "odt"],
        ["render", str(EXAMPLE), "--colour"],
        [],
    ):
        proc = run(*args, cwd=tmp_path)
        assert proc.returncode == 2, args
        assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_missing_file_and_folder_are_user_errors(tmp_path: Path) -> None:
    for target in (tmp_path / "nope.yaml", tmp_path):
        proc = run("render", str(target), "-o", str(tmp_path / "out"))
        assert proc.returncode == 1
        assert "Traceback" not in proc.stderr
        assert str(target) in proc.stderr


def test_output_defaults_to_out_in_the_current_folder(tmp_path: Path) -> None:
    proc = run("render", str(EXAMPLE), "-l", "ru", "-f", "docx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "us-azerbaijan-charter.ru.docx").is_file()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["us-azerbaijan-charter.ru.docx"]


def test_languages_templates_schema_init(tmp_path: Path) -> None:
    langs = run("languages").stdout.splitlines()
    assert any(line.startswith("az\tAzerbaijani\tazərbaycan\t") for line in langs)
    assert any(line.startswith("ru\tRussian\tрусский\t") for line in langs)
    assert run("templates").stdout.split("\t")[0].strip() == "memo"
    assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in run("schema").stdout
    starter = tmp_path / "starter.yaml"
    assert run("init", str(starter)).returncode == 0
    assert run("validate", str(starter)).returncode == 0
    assert run("init", str(starter)).returncode == 1  # never overwrites
    proc = run("render", str(starter), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr


def test_python_dash_m_is_the_same_program() -> None:
    import shutil

    exe = shutil.which("briefing")
    if exe:
        assert subprocess.run([exe, "--version"], capture_output=True, text=True).stdout == (
            run("--version").stdout
        )


def test_init_writes_a_starter_in_each_language_that_renders_as_written(tmp_path: Path) -> None:
    for lang in ("en", "az", "ru"):
        starter = tmp_path / f"starter-{lang}.yaml"
        assert run("init", str(starter), "--lang", lang).returncode == 0
        text = starter.read_text(encoding="utf-8")
        assert f"lang: {lang}\n" in text
        for kind in ("key_points", "implications", "outlook", "risks", "options", "next_steps"):
            assert kind in text
        assert run("validate", str(starter), "-l", lang, "--strict").returncode == 0
        proc = run("render", str(starter), "-l", lang, "--strict", "-o", str(tmp_path / "out"))
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    proc = run("init", str(tmp_path / "de.yaml"), "--lang", "de")
    assert proc.returncode == 1 and "no starter brief in 'de'" in proc.stderr


def _count_texts(node: object, key: str = "") -> int:
    """Texts in a brief, counted from the raw YAML: maps of language to text, and strings
    in text positions (not lang, date, url, kind, widths or a standard classification)."""
    if isinstance(node, dict):
        if node and all(isinstance(v, str) for v in node.values()) and "en" in node:
            return 1
        return sum(_count_texts(v, k) for k, v in node.items())
    if isinstance(node, list):
        return sum(_count_texts(v, key) for v in node)
    if key in ("lang", "date", "url", "kind", "widths", "classification"):
        return 0
    if key in ("figure", "id", "type", "table") or isinstance(node, int | float):
        return 0  # a figure's file, a table's id, a chart's type and table, numbers
    return 1


def test_coverage_numbers_for_the_example_are_exact() -> None:
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    total = _count_texts(data)
    proc = run("validate", str(EXAMPLE), "-l", "all")
    assert proc.returncode == 0 and proc.stderr == ""
    for lang in ("az", "en", "ru"):
        assert f"{lang}: {total} of {total} texts translated (100%)" in proc.stdout


def test_coverage_counts_each_missing_text(tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    total = _count_texts(data)
    del data["title"]["az"]
    del data["sections"][0]["body"][0]["az"]
    data["date"] = str(data["date"])
    for source in data["sources"]:
        source["date"] = str(source["date"])
    shutil.copy(EXAMPLE.parent / "middle-corridor.svg", tmp_path)  # the example's figure
    brief = tmp_path / "partial.yaml"
    with brief.open("w", encoding="utf-8") as fh:
        yaml.safe_dump(data, fh, allow_unicode=True)
    proc = run("validate", str(brief), "-l", "az")
    warnings = [line for line in proc.stderr.splitlines() if ": warning: no az text for " in line]
    assert [w.rsplit(" ", 1)[1] for w in warnings] == ["title", "sections[0].body[0]"]
    share = 100 * (total - 2) // total
    assert f"az: {total - 2} of {total} texts translated ({share}%)" in proc.stdout


def test_the_library_api_loads_and_renders_more_than_once() -> None:
    """briefing.load stays the function after the readers are imported."""
    import briefing

    first = briefing.load(str(EXAMPLE))
    second = briefing.load(str(EXAMPLE.with_suffix(".md")))
    assert first.brief.title == second.brief.title
    assert briefing.render(first, "ru", "docx")[:2] == b"PK"
