"""The closed set of words the toolkit writes itself.

Every string the renderers show that the author did not write comes from here, through
the catalog of the output language. Marked with ``N_`` so ``pybabel extract`` finds
them; the catalog test checks that every catalog translates every one of them.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a term for extraction; it is translated later, in localize."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a counted term (translated with ngettext) for extraction."""
    return singular, plural


SECTION_HEADINGS: dict[str, str] = {
    "summary": N_("Summary"),
    "key_points": N_("Key points"),
    "background": N_("Background"),
    "analysis": N_("Analysis"),
    "implications": N_("Implications"),
    "outlook": N_("Outlook"),
    "risks": N_("Risks"),
    "options": N_("Options"),
    "recommendations": N_("Recommendations"),
    "next_steps": N_("Next steps"),
    "sources": N_("Sources"),
    "annex": N_("Annex"),
    "timeline": N_("Timeline"),
}

MARKINGS: dict[str, str] = {
    "public": N_("PUBLIC"),
    "internal": N_("FOR OFFICIAL USE ONLY"),
    "confidential": N_("CONFIDENTIAL"),
    "restricted": N_("RESTRICTED"),
}

DOC_TYPE = N_("Policy memo")
TO = N_("To")
FROM = N_("From")
CC = N_("Cc")
SUBJECT = N_("Subject")
DATE = N_("Date")
REFERENCE = N_("Reference")
CONTENTS = N_("Contents")
TABLE_N = N_("Table {n}")
FIGURE_N = N_("Figure {n}")
ANNEX_N = N_("Annex {n}")
ANNEX_HEADING = N_("Annex {n}: {title}")
NOTE = N_("Note")
PAGE_OF = N_("Page {page} of {pages}")

# (singular, plural) pairs, translated with ngettext: the word agrees with how many
# there are (Russian has three forms, Azerbaijani two).
# The memo-block label before the annexes' titles (GOST R 7.0.97's "Приложение:",
# the Azerbaijani instruction's "Əlavə:"), by the number of annexes.
ENCLOSURES = Nn_("Enclosure", "Enclosures")
# The closing row naming the authors (GOST's "Исполнитель"), by the number of authors.
PREPARED_BY = Nn_("Prepared by", "Prepared by")

SINGULAR_TERMS: tuple[str, ...] = (
    *SECTION_HEADINGS.values(),
    *MARKINGS.values(),
    DOC_TYPE,
    TO,
    FROM,
    CC,
    SUBJECT,
    DATE,
    REFERENCE,
    CONTENTS,
    TABLE_N,
    FIGURE_N,
    ANNEX_N,
    ANNEX_HEADING,
    NOTE,
    PAGE_OF,
)
PLURAL_TERMS: tuple[tuple[str, str], ...] = (ENCLOSURES, PREPARED_BY)
