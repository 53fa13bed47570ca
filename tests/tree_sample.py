"""A hand-built document tree that uses every node kind, for renderer tests.

Renderer tests start from this tree rather than from a brief, so they test the
renderer alone; the round-trip tests render the bundled example end to end.
"""

from __future__ import annotations

from briefing.tree import (
    Document,
    ListBlock,
    ListItem,
    MemoRow,
    Metadata,
    Note,
    Paragraph,
    Quote,
    Run,
    SectionNode,
    Table,
)


def r(text: str, **kw: object) -> tuple[Run, ...]:
    return (Run(text, **kw),)  # type: ignore[arg-type]


def sample_document(lang: str = "ru") -> Document:
    """A two-page-ish memo in Russian (Cyrillic) with Azerbaijani names (ə, İ)."""
    body = (
        Paragraph(
            (
                Run("Хартия о стратегическом партнёрстве подписана в Баку. "),
                Run("Жирный", bold=True),
                Run(" и "),
                Run("курсив", italic=True),
                Run(", а также "),
                Run("ссылка", link="https://az.usembassy.gov/"),
                Run(". Литерально: a < b & c, <b>не жирный</b>, S&P 500, {{ x }}."),
            )
        ),
        ListBlock(
            ordered=False,
            items=(
                ListItem(r("Транспортные коридоры")),
                ListItem(
                    r("Энергетика"),
                    ListBlock(
                        ordered=False,
                        items=(
                            ListItem(r("Диверсификация маршрутов")),
                            ListItem(
                                r("Транзит"),
                                ListBlock(False, (ListItem(r("Третий уровень")),)),
                            ),
                        ),
                    ),
                ),
            ),
        ),
        ListBlock(ordered=True, items=(ListItem(r("Первый")), ListItem(r("Второй")))),
        ListBlock(ordered=True, items=(ListItem(r("Снова первый")),)),
        Table(
            columns=(r("Направление"), r("Статус"), r("Бюджет")),
            rows=(
                (r("Средний коридор"), r("Расширяется"), r("250\u00a0000 ₼")),
                (r("TRIPP"), r("Переговоры"), r("—")),
            ),
            label="Таблица 1",
            caption=r("Сравнение маршрутов"),
            widths=(0.5, 0.3, 0.2),
        ),
        Quote(r("Для нас большая честь быть стратегическим партнёром США."), r("Ильхам Алиев")),
        Note("Примечание", r("Следите за переговорами по маршруту TRIPP.")),
    )
    sections = (
        SectionNode("Резюме", 1, "summary", (Paragraph(r("Итог в двух строках.")),)),
        SectionNode(
            "Предыстория",
            1,
            "background",
            body,
            children=(
                SectionNode(
                    "Региональная связанность",
                    2,
                    None,
                    (Paragraph(r("Подраздел второго уровня.")),),
                    children=(SectionNode("Детали", 3, None, (Paragraph(r("Третий уровень.")),)),),
                ),
            ),
        ),
        SectionNode(
            "Рекомендации",
            1,
            "recommendations",
            (ListBlock(True, (ListItem(r("Создать рабочую группу.")),)),),
        ),
        SectionNode(
            "Источники",
            1,
            "sources",
            (
                ListBlock(
                    True,
                    (
                        ListItem(
                            (
                                Run("Подписана Хартия", italic=True),
                                Run(". Посольство США в Азербайджане, 25 ноября 2026 г. "),
                                Run("https://az.usembassy.gov/", link="https://az.usembassy.gov/"),
                            )
                        ),
                    ),
                ),
            ),
        ),
        SectionNode(
            "Приложение 1. Хронология",
            1,
            "annex",
            (Paragraph(r("Ильхам Əliyev — İlham. Текст приложения.")),),
            page_break_before=True,
        ),
    )
    return Document(
        lang=lang,
        lang_tag="ru-RU",
        doc_type="Аналитическая записка",
        title="Хартия о стратегическом партнёрстве США и Азербайджана",
        subtitle="Что хартия обязывает делать обе стороны",
        date="26 ноября 2026 г.",
        reference=MemoRow("Номер документа", "PB-2026-041"),
        marking="ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ",
        classification="internal",
        memo=(
            MemoRow("Кому", "Директору по региональной политике"),
            MemoRow("От", "Отдел Южного Кавказа"),
            MemoRow("Копия", "Энергетическая группа; Торговая группа"),
            MemoRow("Тема", "Подписание хартии в Баку"),
            MemoRow("Дата", "26 ноября 2026 г."),
        ),
        sections=sections,
        prepared_by=MemoRow("Исполнитель", "Отдел Южного Кавказа"),
        closing=len(sections) - 1,  # "Prepared by" before the one annex, as localize does
        page_of="Страница {page} из {pages}",
        contents_title="Содержание",
        metadata=Metadata(
            title="Хартия о стратегическом партнёрстве США и Азербайджана",
            subject="Подписание хартии в Баку",
            author="Отдел Южного Кавказа",
            keywords=("Азербайджан", "Средний коридор"),
            language="ru-RU",
            created="2026-11-26",
            modified="2026-11-26T00:00:00Z",
        ),
    )
