"""The editor in a real browser: Playwright driving Debian's chromium, headless.

Playwright cannot download its own browser here, so it is launched through
``executable_path``; without chromium the tests skip, or fail under CI's
BRIEFING_REQUIRE_TOOLS=1 (.ci/run installs it).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.readback import docx_body, pdf_pages, squash
from tests.serve.conftest import EXAMPLE, Live

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")


def chromium_path() -> str:
    path = shutil.which(CHROMIUM)
    if path is None:
        if os.environ.get("BRIEFING_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{CHROMIUM} is required (BRIEFING_REQUIRE_TOOLS=1) but not installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, live: Live) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    opened = context.new_page()
    opened.goto(f"{live.url}/?token={live.token}")
    opened.wait_for_selector("#pages img")  # the starter's preview
    yield opened
    context.close()


def type_brief(page: Page, text: str) -> None:
    page.evaluate("document.getElementById('status').textContent = ''")  # wait for the next
    area = page.locator("#source")
    area.fill("")
    area.focus()
    page.keyboard.insert_text(text)  # input events, as typing makes them


def wait_status(page: Page, words: str) -> None:
    page.wait_for_function(
        "words => document.getElementById('status').textContent.includes(words)", arg=words
    )


def test_without_token_the_page_is_refused(browser: Browser, live: Live) -> None:
    context = browser.new_context()
    answer = context.new_page().goto(live.url + "/")
    assert answer is not None and answer.status == 401
    context.close()


def test_type_preview_problem_fix_languages_download(page: Page, tmp_path: Path) -> None:
    assert "?token" not in page.url  # the token went into the cookie
    text = EXAMPLE.read_text("utf-8")
    type_brief(page, text)
    wait_status(page, "Preview: ")
    assert page.locator("#pages img").count() >= 4
    first = page.locator("#pages img").first
    assert (first.get_attribute("alt") or "").startswith("Page 1 of")
    page.wait_for_function("() => document.querySelector('#pages img').naturalWidth > 0")
    assert page.evaluate("document.querySelector('#pages img').naturalWidth") >= 595

    # break a line: the problem is listed at its position; the last good pages stay
    broken = text.replace("date: 2026-11-26", "date: 2026-13-45", 1)
    line = broken[: broken.index("date: 2026-13-45")].count("\n") + 1
    type_brief(page, broken)
    wait_status(page, "problem")
    problem = page.locator("#problems button").first
    assert f"Line {line}, column 7" in problem.inner_text()
    assert "2026-13-45" in problem.inner_text()
    assert page.locator("#pages.stale img").count() >= 4
    problem.click()  # moves the cursor there
    assert page.locator("#cursor").inner_text() == f"Line {line}, column 7"
    assert page.evaluate("document.activeElement.id") == "source"

    type_brief(page, text)  # fixed
    wait_status(page, "Preview: ")
    assert page.locator("#problems li.error").count() == 0  # the figure's warning stays
    assert page.locator("#pages.stale").count() == 0

    for lang, title in [("az", "ABŞ–Azərbaycan"), ("ru", "Хартия о стратегическом")]:
        page.get_by_role("tab", name=f"{lang} ·").click()
        page.wait_for_function(
            "lang => document.querySelector('#pages img')?.alt.endsWith(`(${lang})`)", arg=lang
        )
        assert page.get_by_role("tab", name=f"{lang} ·").get_attribute("aria-selected") == "true"
        for fmt in ("pdf", "docx"):
            with page.expect_download() as info:
                page.get_by_role("button", name=f"Download {fmt.upper()}").click()
            target = tmp_path / info.value.suggested_filename
            info.value.save_as(target)
            assert target.name == f"brief.{lang}.{fmt}"
            shown = " ".join(pdf_pages(target)) if fmt == "pdf" else docx_body(target)
            assert squash(title) in squash(shown)


def test_markup_in_a_brief_is_shown_as_text(page: Page) -> None:
    type_brief(page, 'title: Test\ndate: 2026-11-26\nmemo: {"<script>x()</script>": 1}\n')
    wait_status(page, "problem")
    shown = page.locator("#problems button").first.inner_text()
    assert "<script>x()</script>" in shown
    assert page.locator("#problems script").count() == 0


def test_missing_translations_listed(page: Page) -> None:
    type_brief(page, "lang: en\ntitle: T\ndate: 2026-11-26\nsummary:\n  - Not translated.\n")
    page.get_by_role("tab", name="en ·").focus()
    page.keyboard.press("ArrowLeft")  # the tabs are az, en, ru: the keyboard moves along
    assert page.evaluate("document.activeElement.dataset.lang") == "az"
    page.wait_for_function(
        "() => document.getElementById('missing').textContent.includes('Line 5,')"
    )
    items = page.locator("#missing button").all_inner_texts()
    assert items[0].startswith("Line 2, column 8: ") and "title" in items[0]
    assert items[1].startswith("Line 5, column 5: ") and "summary[0]" in items[1]
    assert page.locator("#missing-title").inner_text() == "Missing translations (az) (2)"


def test_reader_warnings_are_listed(page: Page, live: Live) -> None:
    """A footnote defined and never referenced: the CLI warns at its line; the editor's
    problem list showed nothing. It is listed as a warning, and the preview is made."""
    target = live.folder / "unused-note.md"
    target.write_text(
        "---\ntitle: Title\ndate: 2026-11-26\n---\n\n## Summary {kind=summary}\n\n"
        "Trade grew.\n\n[^z]: A note nothing refers to.\n",
        "utf-8",
    )
    try:
        page.reload()
        page.evaluate("document.getElementById('status').textContent = ''")
        page.get_by_role("button", name="unused-note.md").click()
        wait_status(page, "Preview: ")
        item = page.locator("#problems li.warning")
        assert item.count() == 1
        shown = item.inner_text()
        assert shown.startswith("Line 10, column 1: ") and "[^z] is defined but never" in shown
        assert page.locator("#problem-count").inner_text() == "(1)"
        item.locator("button").click()
        assert page.locator("#cursor").inner_text() == "Line 10, column 1"
    finally:
        target.unlink()


def test_save_conflict_409(page: Page, live: Live) -> None:
    target = live.folder / "conflict.yaml"
    target.write_text("title: Disk\ndate: 2026-11-26\n", "utf-8")
    page.reload()
    page.get_by_role("button", name="conflict.yaml").click()
    page.wait_for_function("() => document.getElementById('source').value.includes('Disk')")
    assert page.locator("#save-name").input_value() == "conflict.yaml"
    type_brief(page, "title: Mine\ndate: 2026-11-26\n")
    page.get_by_role("button", name="Save").click()
    wait_status(page, "Saved conflict.yaml")
    assert target.read_text("utf-8") == "title: Mine\ndate: 2026-11-26\n"
    target.write_text("title: Theirs\ndate: 2026-11-26\n", "utf-8")  # changed on disk
    type_brief(page, "title: Mine again\ndate: 2026-11-26\n")
    page.get_by_role("button", name="Save").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "changed on disk" in alert.inner_text()
    assert target.read_text("utf-8") == "title: Theirs\ndate: 2026-11-26\n"
    copies = list(live.folder.glob("conflict.conflict-*.yaml"))
    assert [c.read_text("utf-8") for c in copies] == ["title: Mine again\ndate: 2026-11-26\n"]
    page.get_by_role("button", name="Open the version on disk").click()
    assert page.locator("#source").input_value() == "title: Theirs\ndate: 2026-11-26\n"
    # unsaved changes are not dropped without asking
    type_brief(page, "title: Unsaved\n")
    asked: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="New brief").click()
    assert asked and "not saved" in asked[0]
    assert page.locator("#source").input_value() == "title: Unsaved\n"
    for copy in copies:
        copy.unlink()
    target.unlink()


def test_narrow_window_single_column(browser: Browser, live: Live) -> None:
    context = browser.new_context(viewport={"width": 420, "height": 800})
    page = context.new_page()
    page.goto(f"{live.url}/?token={live.token}")
    page.wait_for_selector("#pages img")
    editor = page.locator("#source").bounding_box()
    pages = page.locator("#pages").bounding_box()
    assert editor is not None and pages is not None
    assert editor["width"] <= 420 and pages["y"] > editor["y"]  # stacked, not squeezed
    assert page.evaluate("document.documentElement.scrollWidth") <= 420  # no sideways scroll
    context.close()


def test_every_control_is_labelled(page: Page) -> None:
    """Each field has a label and each button a name, for screen readers."""
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label'))
            .map((el) => el.id)"""
    )
    assert unlabelled == []
    nameless = page.evaluate(
        """() => [...document.querySelectorAll('button')]
            .filter((b) => !b.textContent.trim()).map((b) => b.outerHTML)"""
    )
    assert nameless == []
    assert page.get_by_role("tablist").get_attribute("aria-label")
    assert page.locator("#pages img").first.get_attribute("alt")


def test_two_languages_side_by_side(page: Page) -> None:
    """The second language chosen beside the tab's: the preview and the missing
    translations are those of the pair."""
    type_brief(
        page, "lang: en\ntitle: {en: Pair, ru: Пара}\ndate: 2026-11-26\nsummary:\n  - Only.\n"
    )
    wait_status(page, "Preview")
    page.evaluate("document.getElementById('status').textContent = ''")
    page.select_option("#beside", "ru")
    wait_status(page, "pages in en+ru")
    assert page.locator("#missing-title").inner_text() == "Missing translations (en+ru) (1)"
    assert page.locator("#pages img").count() >= 1
