"""One pipeline: the library, batch, watch and the CLI say the same thing for the same
problem, a bug in one brief never stops the others, and no option reaches outside."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing
from briefing import api, cli
from briefing.batch import Job, guarded
from briefing.errors import BriefError, UnknownFormat, UnknownLanguage, UnknownTemplate
from briefing.limits import Limits
from briefing.tree import Document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "us-azerbaijan-charter.yaml"
SMALL = "title: {title}\ndate: 2026-11-26\nsummary: [One line.]\n"


def brief(folder: Path, name: str = "brief.yaml", title: str = "A brief") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SMALL.format(title=title), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("xx", "pdf", None), UnknownLanguage, "no catalog for language 'xx'"),
        (("az-Cyrl", "pdf", None), UnknownLanguage, "no catalog for language 'az-Cyrl'"),
        (("en", "odt", None), UnknownFormat, "unknown format 'odt' (known: pdf, docx"),
        (("en", "pdf", "no-such-template"), UnknownTemplate, "unknown template 'no-such-template'"),
    ],
)
def test_library_and_cli_say_the_same(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, str, str | None],
    error: type[BriefError],
    message: str,
) -> None:
    lang, fmt, template = args
    with pytest.raises(error) as raised:
        briefing.render(EXAMPLE, lang, fmt, template)
    assert message in str(raised.value)
    argv = ["render", str(EXAMPLE), "-l", lang, "-f", fmt, "-o", str(tmp_path)]
    code = cli.main([*argv, "-t", template] if template else argv)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert not list(tmp_path.iterdir())


def test_library_renders_from_a_path_and_from_text(tmp_path: Path) -> None:
    data = briefing.render(EXAMPLE, "az", "pdf")
    assert data.startswith(b"%PDF")
    loaded = briefing.load_text(SMALL.format(title="From text"), "yaml", "memo.yaml")
    assert loaded.stem == "memo"
    assert briefing.render(loaded, "ru", "docx").startswith(b"PK")
    with pytest.raises(BriefError) as raised:
        briefing.load_text("title: [\n", "yaml", "broken.yaml")
    assert str(raised.value.problems[0]).startswith("broken.yaml:")


def test_markdown_text_with_translations() -> None:
    base = "---\ntitle: Title\ndate: 2026-11-26\n---\n\n## Background {kind=background}\n\nHello.\n"
    az = "---\ntitle: Başlıq\n---\n\n## Arxa plan {kind=background}\n\nSalam.\n"
    loaded = api.load_text(base, "markdown", "note.md", {"az": az})
    assert loaded.brief.title == {"en": "Title", "az": "Başlıq"}
    result = api.localize(loaded, "az")
    assert result.fallbacks == []


@pytest.mark.parametrize("lang", ["en/../../escape", "en-/../../escape", "../en", "en x"])
def test_a_language_with_a_path_is_a_usage_error(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "out"
    code = cli.main(["render", str(brief(tmp_path)), "-l", lang, "-o", str(out)])
    assert code == 2
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.yaml"]


def test_two_briefs_with_one_output_name_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = brief(tmp_path / "a")
    b = brief(tmp_path / "b")
    out = tmp_path / "out"
    assert cli.main(["render", str(a), str(b), "-f", "pdf", "-o", str(out)]) == 2
    assert "would both be written as" in capsys.readouterr().err
    assert not out.exists()
    # the same file named twice is rendered once
    assert cli.main(["render", str(a), str(a), "-f", "pdf", "-o", str(out), "-j", "1"]) == 0
    assert capsys.readouterr().out.count("brief.en.pdf") == 1


def test_workers_are_no_more_than_the_briefs(tmp_path: Path) -> None:
    paths = [str(brief(tmp_path, f"b{i}.yaml")) for i in range(2)]
    out = tmp_path / "out"
    assert cli.main(["render", *paths, "-f", "docx", "-o", str(out), "-j", "100000"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["b0.en.docx", "b1.en.docx"]


def _buggy_for(title: str) -> object:
    from briefing import renderers

    real = renderers.render

    def render(doc: Document, *args: object, **kwargs: object) -> bytes:
        if doc.title == title:
            raise ZeroDivisionError("simulated bug")
        return real(doc, *args, **kwargs)  # type: ignore[arg-type]

    return render


def test_a_bug_in_one_brief_does_not_stop_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("briefing.renderers.render", _buggy_for("Bug"))
    first = brief(tmp_path, "first.yaml", "Bug")
    second = brief(tmp_path, "second.yaml", "Fine")
    out = tmp_path / "out"
    code = cli.main(["render", str(first), str(second), "-f", "pdf", "-o", str(out), "-j", "1"])
    captured = capsys.readouterr()
    assert code == 3
    assert "first.yaml: internal error (ZeroDivisionError: simulated bug)" in captured.err
    assert "Traceback" not in captured.err
    assert sorted(p.name for p in out.iterdir()) == ["second.en.pdf"]


def test_watch_reports_a_bug_and_keeps_watching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing import watch

    monkeypatch.setattr("briefing.renderers.render", _buggy_for("Bug"))
    monkeypatch.setattr(watch, "POLL_SECONDS", 0.01)
    path = brief(tmp_path, "w.yaml", "Bug")
    job = Job((), ("pdf",), api.template(), tmp_path / "out")
    said: list[str] = []
    rounds = iter(range(1000))

    def stop() -> bool:
        n = next(rounds)
        if n == 3:  # the bug was met; the author fixes the brief
            path.write_text(SMALL.format(title="Fixed now"), encoding="utf-8")
        return n > 200 or (tmp_path / "out" / "w.en.pdf").exists()

    watch.watch(path, job, stop=stop, say=said.append)
    assert any("internal error (ZeroDivisionError" in line for line in said)
    assert (tmp_path / "out" / "w.en.pdf").exists()


def test_guarded_raises_with_debug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("briefing.renderers.render", _buggy_for("Bug"))
    job = Job((), ("pdf",), api.template(), tmp_path, debug=True)
    with pytest.raises(ZeroDivisionError):
        guarded(str(brief(tmp_path, title="Bug")), job)


@pytest.mark.parametrize(
    "limit", ["input-mb=nan", "input-mb=inf", "input-mb=1e400", "depth=100000", "values=-1"]
)
def test_impossible_limits_are_usage_errors(tmp_path: Path, limit: str) -> None:
    code = cli.main(["validate", str(brief(tmp_path)), "--limit", limit])
    assert code == 2


def test_a_raised_depth_limit_never_overflows_the_stack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("title: Deep\ndate: 2026-11-26\nsummary: " + "[" * 190 + "]" * 190 + "\n")
    code = cli.main(["validate", str(path), "--limit", "depth=200"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"{path}:3:" in err and "internal error" not in err


def test_a_stray_file_beside_a_markdown_brief_is_not_a_translation(tmp_path: Path) -> None:
    base = tmp_path / "note.md"
    base.write_text("---\ntitle: Note\ndate: 2026-11-26\n---\n\n## Hi {kind=summary}\n\nText.\n")
    (tmp_path / "note.bak.md").write_text("something else entirely\n")
    (tmp_path / "note.old.md").write_text("# older\n")
    loaded = api.load(base)
    assert loaded.brief.title == "Note"


def test_an_output_that_is_not_a_regular_file_is_left_alone(tmp_path: Path) -> None:
    import os
    import stat

    fifo = tmp_path / "brief.en.pdf"
    os.mkfifo(fifo)
    with pytest.raises(BriefError, match="not a regular file"):
        api.write_atomic(fifo, b"x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["brief.en.pdf"]


MD = "---\ntitle: {title}\ndate: 2026-11-26\n---\n\n## S {{kind=summary}}\n\n{text}\n"


@pytest.mark.parametrize("stem", ["a?", "c[1]", "d*"])
def test_a_markdown_brief_name_is_not_a_pattern(tmp_path: Path, stem: str) -> None:
    (tmp_path / f"{stem}.md").write_text(MD.format(title="Mine", text="Hello."))
    (tmp_path / f"{stem}.az.md").write_text(MD.format(title="Mənim", text="Salam."))
    (tmp_path / "ab.md").write_text(MD.format(title="Other", text="Other."))
    (tmp_path / "ab.az.md").write_text(MD.format(title="Başqa", text="Başqa."))
    (tmp_path / "c1.az.md").write_text(MD.format(title="Başqa", text="Başqa."))
    loaded = api.load(tmp_path / f"{stem}.md")
    assert loaded.brief.title == {"en": "Mine", "az": "Mənim"}


def test_a_translation_linked_from_outside_the_folder_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text(MD.format(title="Gizli", text="GİZLİ MƏLUMAT"))
    folder = tmp_path / "brief"
    folder.mkdir()
    (folder / "b.md").write_text(MD.format(title="Open", text="Open text."))
    (folder / "b.az.md").symlink_to(outside)
    with pytest.raises(BriefError, match="outside the brief's folder"):
        api.load(folder / "b.md")


def test_two_summary_sections_are_an_error_not_a_silent_loss(tmp_path: Path) -> None:
    path = tmp_path / "two.md"
    path.write_text(MD.format(title="T", text="first") + "\n## Again {kind=summary}\n\nsecond\n")
    with pytest.raises(BriefError) as raised:
        api.load(path)
    assert "a second summary section" in str(raised.value)


def test_language_codes_are_written_one_way(tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = brief(tmp_path)
    assert cli.main(["render", str(path), "-l", "AZ,az", "-f", "docx", "-o", str(out)]) == 0
    assert [p.name for p in out.iterdir()] == ["brief.az.docx"]


def test_a_name_too_long_for_the_file_system_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = str(tmp_path / ("x" * 300 + ".yaml"))
    assert cli.main(["validate", long]) == 1
    assert cli.main(["render", str(brief(tmp_path)), "-t", "y" * 300, "-o", str(tmp_path)]) in (
        1,
        2,
    )
    assert "internal error" not in capsys.readouterr().err


def test_text_with_a_lone_surrogate_is_refused_at_its_place() -> None:
    with pytest.raises(BriefError) as raised:
        briefing.load_text("title: a\ndate: 2026-11-26\nsummary: [x\ud800]\n", "yaml", "s.yaml")
    assert str(raised.value.problems[0]).startswith("s.yaml:3:")


def test_all_tables_together_are_bounded(tmp_path: Path) -> None:
    row = "[" + ", ".join("c" for _ in range(10)) + "]"
    table = "  - table:\n      columns: [" + ",".join("h" for _ in range(10)) + "]\n      rows:\n"
    table += "".join(f"        - {row}\n" for _ in range(1200))
    path = tmp_path / "cells.yaml"
    path.write_text("title: x\ndate: 2026-11-26\nsummary:\n" + table + table)
    with pytest.raises(BriefError, match="24,000 table cells, over the table-cells limit"):
        api.load(path)
    assert api.load(path, Limits(table_cells=30_000)).brief.title == "x"


def test_a_translation_in_the_briefs_own_language_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text(MD.format(title="Mine", text="Hello."))
    (tmp_path / "b.en.md").write_text(MD.format(title="Other", text="Other."))
    with pytest.raises(BriefError, match=r"b\.en\.md is in en, the language of b\.md itself"):
        api.load(tmp_path / "b.md")


def test_an_empty_output_folder_is_a_usage_error(tmp_path: Path) -> None:
    assert cli.main(["render", str(brief(tmp_path)), "-o", ""]) == 2
