"""A brief unlike the bundled example, for comparing the DOCX and PDF layouts.

Free-text (custom) classification in each language, no memo block, a title long
enough for the running header to shorten it, long sections of several paragraphs,
tables of many rows (one long enough to cross a page), nested lists, a quote without
attribution, a note and an annex: what a reviewer had not seen when the look was set.
The text is made from a few sentences per language, varied by number, so the brief is
long without being a copy of anything.
"""

from __future__ import annotations

from typing import Any

LANGS = ("en", "az", "ru")

MARKING = {
    "en": "Embargoed until 1 December 2026, 09:00 Baku time",
    "az": "1 dekabr 2026, Bakı vaxtı ilə 09:00-dək embarqo",
    "ru": "Эмбарго до 1 декабря 2026 г., 09:00 по бакинскому времени",
}
TITLE = {
    "en": "Regional grid interconnection, water sharing and the winter energy balance "
    "of the South Caucasus: options for the 2027 programme",
    "az": "Cənubi Qafqazda regional enerji şəbəkələrinin birləşdirilməsi, su bölgüsü və "
    "qış enerji balansı: 2027-ci il proqramı üçün variantlar",
    "ru": "Объединение энергосетей, распределение воды и зимний энергобаланс Южного "
    "Кавказа: варианты для программы на 2027 год",
}
SENTENCES = {
    "en": (
        "Line {n} carries power across the border only in the summer months.",
        "The desk counts {n} substations that would need new protection relays.",
        "Water releases in season {n} decide how much hydropower the grid can count on.",
        "Operators on both sides report {n} unplanned outages over the last winter.",
    ),
    "az": (
        "{n} saylı xətt enerjini sərhəddən yalnız yay aylarında ötürür.",
        "Şöbə yeni mühafizə relelərinə ehtiyacı olan {n} yarımstansiya sayır.",
        "{n}-ci mövsümdə su buraxılışı şəbəkənin nə qədər hidroenerjiyə arxalana "
        "biləcəyini müəyyən edir.",
        "Hər iki tərəfin operatorları ötən qışda {n} plansız kəsinti barədə məlumat verir.",
    ),
    "ru": (
        "Линия {n} передаёт энергию через границу только в летние месяцы.",
        "Отдел насчитывает {n} подстанций, которым нужны новые реле защиты.",
        "Попуски воды в сезоне {n} определяют, на сколько гидроэнергии может рассчитывать сеть.",
        "Операторы обеих сторон сообщают о {n} внеплановых отключениях прошлой зимой.",
    ),
}
HEADINGS = {
    "en": ("Grid interconnection", "Water sharing", "Winter balance", "Options"),
    "az": ("Şəbəkələrin birləşdirilməsi", "Su bölgüsü", "Qış balansı", "Variantlar"),
    "ru": ("Объединение сетей", "Распределение воды", "Зимний баланс", "Варианты"),
}
COLUMNS = {
    "en": ("Measure", "Lead", "Cost, mln ₼", "Share"),
    "az": ("Tədbir", "Məsul", "Xərc, mln ₼", "Pay"),
    "ru": ("Мера", "Исполнитель", "Стоимость, млн ₼", "Доля"),
}


def text(index: int, sentences: int = 4) -> dict[str, str]:
    """A paragraph of ``sentences`` sentences in every language, varied by ``index``."""
    out = {}
    for lang in LANGS:
        pool = SENTENCES[lang]
        out[lang] = " ".join(
            pool[(index + k) % len(pool)].format(n=index * 7 + k + 2) for k in range(sentences)
        )
    return out


def table(index: int, rows: int) -> dict[str, Any]:
    return {
        "caption": {lang: f"{HEADINGS[lang][index % 4]} ({index})" for lang in LANGS},
        "columns": [{lang: COLUMNS[lang][c] for lang in LANGS} for c in range(4)],
        "widths": [6, 3, 2, 2],
        "rows": [
            [
                text(index + r, 2),
                {lang: HEADINGS[lang][(index + r) % 4] for lang in LANGS},
                f"{(r + 1) * 12.5:.1f}",
                f"{(r * 7) % 100} %",
            ]
            for r in range(rows)
        ],
    }


def section(index: int) -> dict[str, Any]:
    body: list[Any] = [text(index * 10 + k, 5) for k in range(3)]
    body.append({"bullets": [text(index + k, 1) for k in range(3)]})
    body.append({"table": table(index, 16 if index == 1 else 5)})
    body.append(text(index * 10 + 5, 3))
    body.append({"quote": text(index + 40, 2)})
    return {
        "title": {lang: HEADINGS[lang][index] for lang in LANGS},
        "body": body,
        "sections": [
            {
                "title": {lang: f"{HEADINGS[lang][index]} {k}" for lang in LANGS},
                "body": [text(index * 20 + k, 6), {"numbered": [text(k, 1), text(k + 1, 1)]}],
            }
            for k in (1, 2)
        ],
    }


def parity_brief() -> dict[str, Any]:
    return {
        "lang": "en",
        "title": TITLE,
        "date": "2027-01-15",
        "reference": "EN-2027-007",
        "classification": MARKING,
        "authors": [{"en": "Energy Desk", "az": "Enerji şöbəsi", "ru": "Отдел энергетики"}],
        "summary": [text(1, 3), {"note": text(2, 2)}],
        "sections": [section(i) for i in range(4)],
        "annexes": [
            {
                "title": {lang: HEADINGS[lang][3] for lang in LANGS},
                "body": [text(90, 4), {"table": table(9, 6)}],
            }
        ],
    }
