"""Switches in word/settings.xml, inserted where ECMA-376 wants them.

CT_Settings is a strict sequence of about a hundred optional children; Word refuses
(and a validator flags) a file whose settings are out of order. The renderer sets only
two flags, but a user's reference.docx may carry any of the others, so a flag is placed
after the last existing sibling that the schema puts before it.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from briefing.renderers.docx.ooxml import Element

# The CT_Settings sequence up to w:updateFields; everything else comes after it.
_SEQUENCE = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
    "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields"
)
_ORDER = _SEQUENCE.split()
_RANK = {qn(f"w:{tag}"): i for i, tag in enumerate(_ORDER)}


def set_flag(settings: Element, tag: str) -> None:
    """Turn on the on/off setting ``tag`` (e.g. ``"updateFields"``) in schema order."""
    name = qn(f"w:{tag}")
    existing = settings.find(name)
    if existing is not None:
        existing.attrib.pop(qn("w:val"), None)  # a bare flag means "true"
        return
    rank = _RANK[name]
    flag = etree.Element(name)
    for child in settings:
        if _RANK.get(str(child.tag), len(_ORDER)) > rank:
            child.addprevious(flag)
            return
    settings.append(flag)
