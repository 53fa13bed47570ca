"""Language choice per text, fallbacks with positions, and the toolkit's own words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel.dates import format_date

from briefing import api
from briefing.i18n.language import is_neutral, pick
from briefing.tree import Paragraph, plain

BRIEF = """\
lang: en
title: {en: Charter, az: Xartiya, ru: Хартия}
date: 2026-11-26
classification: internal
summary:
  - {en: One, az: Bir, ru: Один}
  - Only English here
  - "2026"
annexes:
  - title: {en: Timeline, az: Xronologiya, ru: Хронология}
    body: [{en: x, az: y, ru: z}]
"""


def load(tmp_path: Path) -> api.LoadedBrief:
    path = tmp_path / "b.yaml"
    path.write_text(BRIEF, encoding="utf-8")
    return api.load(path)


def test_fallback_is_reported_with_position(tmp_path: Path) -> None:
    loaded = load(tmp_path)
    result = api.localize(loaded, "az")
    assert [str(p) for p in result.fallbacks] == [
        f"{tmp_path / 'b.yaml'}:7:5: warning: no az text for summary[1]"
    ]
    summary = result.doc.sections[0]
    assert [plain(b.runs) for b in summary.blocks if isinstance(b, Paragraph)] == [
        "Bir",
        "Only English here",
        "2026",
    ]
    assert api.localize(loaded, "en").fallbacks == []


def test_an_empty_translation_is_a_missing_one(tmp_path: Path) -> None:
    """`az: ""` (or only spaces) printed nothing and counted as translated; it falls back
    to the brief's language and is reported at its text like any missing translation."""
    path = tmp_path / "b.yaml"
    path.write_text(BRIEF.replace("az: Bir", 'az: ""').replace("az: y", "az: ' '"), "utf-8")
    result = api.localize(api.load(path), "az")
    assert [str(p) for p in result.fallbacks] == [
        f"{path}:6:5: warning: no az text for summary[0]",
        f"{path}:7:5: warning: no az text for summary[1]",
        f"{path}:11:12: warning: no az text for annexes[0].body[0]",
    ]
    first = result.doc.sections[0].blocks[0]
    assert isinstance(first, Paragraph) and plain(first.runs) == "One"


def test_toolkit_words_and_dates_are_localized(tmp_path: Path) -> None:
    loaded = load(tmp_path)
    doc = api.localize(loaded, "ru").doc
    assert doc.marking == "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ"
    assert doc.date == format_date(dt.date(2026, 11, 26), "long", locale="ru")
    assert doc.sections[0].heading == "Резюме"
    assert doc.sections[-1].heading == "Приложение 1. Хронология"
    assert doc.sections[-1].page_break_before
    assert doc.page_label(2, 5) == "Страница 2 из 5"
    assert doc.lang_tag == "ru-RU"
    az = api.localize(loaded, "az-Latn-AZ").doc
    assert az.date == "26 noyabr 2026-cı il"  # the memo template's official dates
    assert az.lang_tag == "az-Latn-AZ"


def test_pick_and_neutral_text() -> None:
    assert pick({"en": "a", "az": "b"}, "az-Latn-AZ", "en") == ("b", False)
    assert pick({"en": "a"}, "ru", "en") == ("a", True)
    assert pick("Hello", "en-GB", "en") == ("Hello", False)
    assert all(is_neutral(t) for t in ["2022", "310 mln", "PB-2026-041", "—", "6,500"])
    assert not any(is_neutral(t) for t in ["Baku", "TRIPP", "Middle Corridor"])
