"""A brief's plain data written as the Markdown form, one file per language.

Used by ``tools/yaml_to_markdown.py`` (a YAML brief as ``brief.md`` plus a
``brief.<lang>.md`` per translation; how the bundled Markdown example is made) and by
``briefing merge`` (an XLIFF translation of a Markdown brief written as its
``brief.<lang>.md``). A text with no translation in the file's language is written in
the brief's own language: a translation file has a place for every text.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from briefing.inline import note_spans

_LITERAL_REF = re.compile(r"((?:^|[^\\])(?:\\\\)*)\[\^")
"""A ``[^`` not after a backslash (pairs of backslashes are backslashes)."""
_BLOCK_START = re.compile(r"^(\s*)([-+*]\s|[>#|]|\d+[.)]\s|Table:)")
_FRONT_TEXT_KEYS = ("title", "subtitle", "reference", "classification")


def _langs(node: Any, base: str) -> set[str]:
    if isinstance(node, dict):
        found = set()
        if node and all(isinstance(v, str) for v in node.values()) and base in node:
            found |= set(node)
        for value in node.values():
            found |= _langs(value, base)
        return found
    if isinstance(node, list):
        return set().union(*(_langs(v, base) for v in node)) if node else set()
    return set()


class Writer:
    def __init__(self, lang: str, base: str) -> None:
        self.lang = lang
        self.base = base
        self.notes: list[str] = []  # the footnotes of the body, [^1] first

    def t(self, value: Any) -> str:
        """The text in this file's language, or the base text where it has none; a
        ``[^`` that is text (not a footnote) escaped, as the Markdown reader reads
        ``[^name]`` as a footnote reference."""
        text = value.get(self.lang, value.get(self.base, "")) if isinstance(value, dict) else value
        text = re.sub(r"[ \t\r\n]+", " ", str(text)).strip(" ")  # keeps no-break spaces
        return _LITERAL_REF.sub(r"\1\\[^", text) if "[^" in text else text

    def inline(self, value: Any) -> str:
        """A body text, each footnote ``^[text]`` written as ``[^N]`` with its text
        defined at the end of the file (:meth:`definitions`), as Markdown authors write
        notes. A note whose text starts or ends with a space stays inline: a definition
        line would lose the space."""
        text = self.t(value)
        spans = note_spans(text)
        if not spans:
            return text
        out, at = [], 0
        for start, end in spans:
            note = text[start + 2 : end - 1]
            if note != note.strip() or not note:
                continue
            self.notes.append(note)
            out += [text[at:start], f"[^{len(self.notes)}]"]
            at = end
        return "".join(out) + text[at:]

    def definitions(self) -> list[str]:
        return [f"[^{n}]: {note}" for n, note in enumerate(self.notes, 1)]

    def kind_heading(self, kind: str) -> str:
        """The catalog's heading, so the author reads the file in one language."""
        from briefing.i18n import terms
        from briefing.i18n.catalog import match_catalog, translations

        code = match_catalog(self.lang) or "en"
        return str(translations(code).gettext(terms.SECTION_HEADINGS[kind]))

    def para(self, value: Any) -> str:
        text = self.inline(value)
        return "\\" + text if _BLOCK_START.match(text) else text

    def items(self, items: list[Any], ordered: bool, indent: str) -> list[str]:
        lines = []
        for n, item in enumerate(items, 1):
            marker = f"{n}. " if ordered else "- "
            text = item["text"] if isinstance(item, dict) and "text" in item else item
            lines.append(f"{indent}{marker}{self.para(text)}")
            if isinstance(item, dict):
                for key in ("bullets", "numbered"):
                    if item.get(key) is not None:  # an absent list may be written null
                        pad = indent + " " * len(marker)
                        lines += self.items(item[key], key == "numbered", pad)
        return lines

    def cell(self, value: Any) -> str:
        return self.inline(value).replace("|", "\\|")

    def block(self, block: Any) -> list[str]:
        if not isinstance(block, dict) or _is_text_map(block):
            return [self.para(block)]
        if "bullets" in block or "numbered" in block:
            ordered = "numbered" in block
            return self.items(block["numbered" if ordered else "bullets"], ordered, "")
        if "table" in block:
            spec = block["table"]
            caption = self.inline(spec["caption"]) if spec.get("caption") else ""
            named = f"{caption} {{#{spec['id']}}}".strip() if spec.get("id") else caption
            lines = [f"Table: {named}", ""] if named else []
            lines.append("| " + " | ".join(self.cell(c) for c in spec["columns"]) + " |")
            dashes = _dashes(spec, self.lang != self.base)
            lines.append("|" + "|".join("-" * n for n in dashes) + "|")
            lines += ["| " + " | ".join(self.cell(c) for c in row) + " |" for row in spec["rows"]]
            return lines
        if "quote" in block:
            lines = [f"> {self.para(block['quote'])}"]
            if block.get("by"):
                lines += [">", f"> — {self.inline(block['by'])}"]
            return lines
        if "note" in block:
            return ["> [!NOTE]", f"> {self.para(block['note'])}"]
        # any other block kind of the model: the generic fenced form, in this language
        text = yaml.safe_dump(_resolve(block, self), allow_unicode=True, sort_keys=False)
        return ["```brief", *text.rstrip("\n").split("\n"), "```"]

    def body(self, blocks: list[Any]) -> list[str]:
        lines: list[str] = []
        for block in blocks:
            lines += [*self.block(block), ""]
        return lines

    def section(self, section: dict[str, Any], level: int) -> list[str]:
        hashes = "#" * (level + 1)
        if section.get("title") is not None:
            heading = self.t(section["title"])
        else:
            heading = f"{self.kind_heading(section['kind'])} {{kind={section['kind']}}}"
        lines = [f"{hashes} {heading}", "", *self.body(section.get("body", []))]
        for child in section.get("sections", []):
            lines += self.section(child, level + 1)
        return lines

    def front(self, data: dict[str, Any]) -> dict[str, Any]:
        from briefing.i18n.language import is_neutral

        if self.lang == self.base:
            keep = {k: v for k, v in data.items() if k not in _BODY_KEYS}
            resolved: dict[str, Any] = _resolve(keep, self)  # a dict stays a dict
            return resolved
        out: dict[str, Any] = {}
        for key in _FRONT_TEXT_KEYS:
            value = data.get(key)
            if isinstance(value, dict):
                out[key] = self.t(value)
            elif isinstance(value, str) and key != "classification" and not is_neutral(value):
                out[key] = value
        if isinstance(data.get("memo"), dict):
            out["memo"] = {k: _resolve(v, self) for k, v in data["memo"].items()}
        for key in ("authors", "keywords"):
            if data.get(key) is not None:
                out[key] = _resolve(data[key], self)
        if isinstance(data.get("sources"), list):
            out["sources"] = [
                {
                    k: self.t(v)
                    for k, v in s.items()
                    if k in ("title", "publisher") and v is not None
                }
                for s in data["sources"]
            ]
        return out

    def document(self, data: dict[str, Any]) -> str:
        import io

        buffer = io.StringIO()
        # keys in the brief's order, texts unwrapped
        yaml.safe_dump(self.front(data), buffer, allow_unicode=True, sort_keys=False, width=4096)
        lines = ["---", buffer.getvalue().rstrip("\n"), "---", ""]
        if data.get("summary"):
            lines += [f"## {self.kind_heading('summary')} {{kind=summary}}", ""]
            lines += self.body(data["summary"])
        for section in data.get("sections", []):
            lines += self.section(section, 1)
        if data.get("recommendations"):
            lines += [f"## {self.kind_heading('recommendations')} {{kind=recommendations}}", ""]
            lines += [*self.items(data["recommendations"], True, ""), ""]
        for annex in data.get("annexes", []):
            lines += [f"## {self.t(annex['title'])} {{kind=annex}}", ""]
            lines += self.body(annex.get("body", []))
            for child in annex.get("sections", []):
                lines += self.section(child, 2)
        if self.notes:  # the footnotes' texts, after everything else
            while lines and not lines[-1]:
                lines.pop()
            lines += ["", *self.definitions()]
        return "\n".join(lines).rstrip("\n") + "\n"


_BODY_KEYS = {"summary", "sections", "recommendations", "annexes"}


def _is_text_map(value: dict[str, Any]) -> bool:
    """A map of translations (every key a language code), not a block."""
    from briefing.model import LANG_CODE

    return all(LANG_CODE.match(str(k)) for k in value) and not {"by", "text"} & set(value)


def _dashes(spec: dict[str, Any], translation: bool) -> list[int]:
    """Dashes per column of the separator row, in proportion to the widths (3 at least):
    the Markdown reader takes relative widths from them. Widths that are dash counts
    already (as a Markdown brief's are) are written as they are, so they read back the
    same; a translation file that cannot say them exactly leaves them to the base file
    (equal dashes say nothing)."""
    widths = [float(w) for w in spec.get("widths") or [1] * len(spec["columns"])]
    if all(w.is_integer() and w >= 3 for w in widths):
        return [int(w) for w in widths]
    if translation:
        return [3] * len(widths)
    narrowest = min(widths)
    return [max(3, round(3 * w / narrowest)) for w in widths]


# Keys of the model whose values are numbers: written as YAML numbers, not quoted text.
_NUMERIC = ("width", "widths", "columns", "rows", "labels", "values")


def _numbers(value: Any) -> Any:
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
        number = float(value)
        return int(number) if number.is_integer() and "." not in value else number
    return value


def _resolve(value: Any, writer: Writer) -> Any:
    """Texts to this file's language; structure and non-text values unchanged."""
    if isinstance(value, dict):
        if value and all(isinstance(v, str) for v in value.values()) and writer.base in value:
            return writer.t(value)
        return {k: v if k in ("url", "date", "lang") else _numbers(v) if k in _NUMERIC
                else _resolve(v, writer)
                for k, v in value.items()}  # fmt: skip
    if isinstance(value, list):
        return [_resolve(v, writer) for v in value]
    return value


def languages(data: Any, base: str) -> set[str]:
    """Every language a text of ``data`` is written in."""
    return _langs(data, base)


def document(data: dict[str, Any], lang: str, base: str) -> str:
    """The Markdown file of ``data`` in ``lang`` (the base file when ``lang`` is ``base``)."""
    return Writer(lang, base).document(data)
