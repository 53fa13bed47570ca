"""The inline Markdown subset: ``**bold**``, ``*italic*``, ``[text](url)``, bare addresses,
footnotes ``^[note]`` and cross-references ``[@id]`` / ``[+@id]``.

Hand-written rather than taken from a Markdown library because the contract is a strict
subset: underscores, backticks, HTML and entities must all stay literal, and a link to
a forbidden scheme must be an error, not a silently dropped link. A backslash before
one of ``* [ ] ( ) \\ ^`` makes that character literal. Unmatched markers print as typed.
The text between markers is never changed.

``^[text]`` is a footnote (pandoc's inline note): a run with ``text`` "" whose ``note``
holds the note's own runs (parsed afresh: bold around the mark does not bolden the
note). A note may hold markup, links and references, not another note (an error: no
renderer can set a note of a note). ``^`` not followed by ``[`` is a caret.

``[@id]`` and ``[+@id]`` are cross-references: a run whose ``target`` is the id and
whose ``text`` is the reference as written, until localize resolves it to the number
or label it prints (briefing/crossref.py). ``[@id](url)`` stays a link, and inside a
link's text neither notes nor references are read (a link cannot hold a link).

A bare ``http://`` or ``https://`` address in text (not in a link's text) becomes a
link to itself, as GitHub's autolinks do: it starts after a character that is not a
letter or digit and runs to the next space, ``<``, ``>`` or ``"``; punctuation at its
end (``. , : ; ! ? * _ ~ '`` and closing quotes) is the sentence's, not the address's,
and so is a closing bracket that has no opening partner inside the address:
"(see https://e.org/a_(b))." links ``https://e.org/a_(b)``. Other schemes stay text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefing.tree import Run

REMEMBERED = 16_384  # parsed texts kept (parse_inline): a large brief in three languages

_ESCAPABLE = set("*[]()\\^")
_SPECIAL = re.compile(r"[\\\[*^]")  # the characters that can start markup
_REFERENCE = re.compile(r"\[(\+?)@([A-Za-z][A-Za-z0-9_-]{0,63})\]")
"""A cross-reference; the id as model.ID_PATTERN (kept in step by a test)."""
_STAR_OR_ESCAPE = re.compile(r"[*\\]")
_BRACKET_OR_ESCAPE = re.compile(r"[\\\[\]]")
_PAREN = re.compile(r"[()]")
_SAFE = r"[^\s<>\"\x00-\x1f\x7f]"
_URL = re.compile(rf"(?:https?://{_SAFE}+|mailto:{_SAFE}+@{_SAFE}+)\Z", re.IGNORECASE)


# a bare address: the scheme, then what a link target may hold (_URL)
_BARE = re.compile(rf"https?://{_SAFE}+", re.IGNORECASE)
_TRAILING = frozenset(".,:;!?*_~'\u2019\u201d\u00bb\u203a\u2026")
_CLOSING = {")": "(", "]": "[", "}": "{"}


class InlineError(ValueError):
    """Markup the inline subset cannot hold (its message says why, in plain words)."""


class LinkError(InlineError):
    """A link whose target is not http, https or mailto."""


def check_url(url: str) -> None:
    if not _URL.match(url):
        raise LinkError(f"link target {url!r} is not allowed: use an http, https or mailto address")


def _star_run(s: str, i: int) -> int:
    j = i
    while j < len(s) and s[j] == "*":
        j += 1
    return j - i


def escaped(s: str, i: int) -> bool:
    n = 0
    while i - 1 - n >= 0 and s[i - 1 - n] == "\\":
        n += 1
    return n % 2 == 1


class _Scanner:
    """Where markers close, for one string, in time linear in its length.

    Searching forward from every opener for its closer (a ``*`` run, a ``]``, a ``)``)
    is quadratic on text full of openers that never close ("*a *a *a ..." took 22 s for
    20,000 characters). Brackets and parentheses are matched once with a stack; a star
    search remembers, at every position it passed, what it found from there, so a later
    search that reaches a position already passed stops at once.
    """

    def __init__(self, s: str) -> None:
        self.s = s
        self.found: dict[int, dict[int, int]] = {1: {}, 2: {}}  # width -> position -> closer
        self._brackets: dict[int, int] | None = None
        self._parens: dict[int, int] | None = None

    def closer(self, start: int, width: int) -> int:
        """Index where a closing run of ``width`` stars begins, or -1.

        Only stars and backslashes can change the outcome, so the search jumps from one
        to the next and remembers its answer only there.
        """
        s, memo = self.s, self.found[width]
        passed: list[int] = []
        result = -1
        j = start
        while (found := _STAR_OR_ESCAPE.search(s, j)) is not None:
            j = found.start()
            if j > start:
                if j in memo:
                    result = memo[j]
                    break
                passed.append(j)
            if s[j] == "*" and not escaped(s, j):
                run = _star_run(s, j)
                if j > start and not s[j - 1].isspace():
                    if width == 2 and run >= 2:
                        result = j + run - 2
                        break
                    if width == 1 and run in (1, 3):
                        result = j + run - 1
                        break
                j += run
            elif s[j] == "\\":
                j += 2
            else:  # a star taken out of play by the backslash before the search began
                j += 1
        for p in passed:
            memo[p] = result
        return result

    def bracket(self, i: int) -> int | None:
        """For ``[`` at i: where its ``]`` is, or None."""
        if self._brackets is None:
            self._brackets, self._parens = match_brackets(self.s), _match_parens(self.s)
        return self._brackets.get(i)

    def link(self, i: int) -> tuple[int, int, int] | None:
        """For ``[`` at i: (end of text, start of url, end of url) or None."""
        j = self.bracket(i)
        s = self.s
        if j is None or j + 1 >= len(s) or s[j + 1] != "(":
            return None
        assert self._parens is not None
        close = self._parens.get(j + 1)
        if close is None or close == j + 2:
            return None
        url = s[j + 2 : close]
        if any(ch.isspace() for ch in url):
            return None
        return j, j + 2, close


def match_brackets(s: str) -> dict[int, int]:
    """Each ``[`` -> its ``]``, a backslash taking the character after it out of play."""
    out: dict[int, int] = {}
    stack: list[int] = []
    j = 0
    while (found := _BRACKET_OR_ESCAPE.search(s, j)) is not None:
        j = found.start()
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            stack.append(j)
        elif stack:
            out[stack.pop()] = j
        j += 1
    return out


def _match_parens(s: str) -> dict[int, int]:
    """Each ``(`` -> its ``)`` (parentheses inside a link target nest; no escapes)."""
    out: dict[int, int] = {}
    stack: list[int] = []
    for found in _PAREN.finditer(s):
        j = found.start()
        if s[j] == "(":
            stack.append(j)
        elif stack:
            out[stack.pop()] = j
    return out


def _parse(
    s: str, bold: bool, italic: bool, link: str | None, out: list[Run], in_note: bool = False
) -> None:
    buf: list[str] = []
    scan = _Scanner(s)

    def flush() -> None:
        if buf:
            out.append(Run("".join(buf), bold, italic, link))
            buf.clear()

    i = 0
    while i < len(s):
        special = _SPECIAL.search(s, i)  # plain characters are copied in one piece
        if special is None:
            buf.append(s[i:])
            break
        if special.start() > i:
            buf.append(s[i : special.start()])
            i = special.start()
        c = s[i]
        if c == "\\" and i + 1 < len(s) and s[i + 1] in _ESCAPABLE:
            buf.append(s[i + 1])
            i += 2
            continue
        if c == "[" and link is None:
            found = scan.link(i)
            if found:
                text_end, url_start, url_end = found
                url = s[url_start:url_end]
                check_url(url)
                flush()
                _parse(s[i + 1 : text_end], bold, italic, url, out, in_note)
                i = url_end + 1
                continue
            ref = _REFERENCE.match(s, i)
            if ref is not None:
                flush()
                out.append(Run(ref.group(), bold, italic, target=ref.group(2)))
                i = ref.end()
                continue
        if c == "^" and link is None and s.startswith("[", i + 1):
            end = scan.bracket(i + 1)
            if end is not None:
                if in_note:
                    raise InlineError(
                        "a footnote cannot hold another footnote (^[...] inside ^[...]); "
                        "write \\^ for a caret"
                    )
                if not s[i + 2 : end].strip():  # its mark would point at nothing
                    raise InlineError("an empty footnote ^[]: write its text, or \\^ for a caret")
                flush()
                note: list[Run] = []
                _parse(s[i + 2 : end], False, False, None, note, True)
                out.append(Run("", bold, italic, note=merge_runs(_autolink(note))))
                i = end + 1
                continue
        if c == "*":
            run = _star_run(s, i)
            width = 2 if run >= 2 and not bold else 1
            if width == 1 and italic:
                width = 0
            if width and i + width < len(s) and not s[i + width].isspace():
                close = scan.closer(i + width, width)
                if close > i + width:
                    flush()
                    inner = s[i + width : close]
                    _parse(inner, bold or width == 2, italic or width == 1, link, out)
                    i = close + width
                    continue
            buf.append(s[i : i + run])
            i += run
            continue
        buf.append(c)
        i += 1
    flush()


def note_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each footnote ``^[...]`` of ``text`` as written, ``^`` to its
    ``]``, outermost only: for writers that move a note's text elsewhere (the Markdown
    form's definitions) and put it back as it was."""
    if "^[" not in text:
        return []
    brackets = match_brackets(text)
    out: list[tuple[int, int]] = []
    for found in re.finditer(r"\^\[", text):
        i = found.start()
        end = brackets.get(i + 1)
        if end is None or escaped(text, i) or (out and i < out[-1][1]):
            continue
        out.append((i, end + 1))
    return out


def bare_links(text: str) -> list[tuple[int, int]]:
    """(start, end) of each bare http(s) address in ``text``, in one pass."""
    out: list[tuple[int, int]] = []
    for found in _BARE.finditer(text):
        start, end = found.span()
        if start and text[start - 1].isalnum():
            continue  # "xhttp://", inside a word
        counts = {c: text.count(c, start, end) for c in "()[]{}"}
        while end > start:
            last = text[end - 1]
            opener = _CLOSING.get(last)
            if last in _TRAILING or (opener is not None and counts[last] > counts[opener]):
                if opener is not None:
                    counts[last] -= 1
                end -= 1
                continue
            break
        if text.find("://", start, end) + 3 < end:  # something after the scheme
            out.append((start, end))
    return out


def _autolink(runs: list[Run]) -> list[Run]:
    """Runs with each bare address in unlinked text made a link of its own."""
    out: list[Run] = []
    for run in runs:
        if run.link is not None or run.target is not None or "://" not in run.text:
            out.append(run)
            continue
        at = 0
        for start, end in bare_links(run.text):
            out.append(Run(run.text[at:start], run.bold, run.italic))
            url = run.text[start:end]
            out.append(Run(url, run.bold, run.italic, url))
            at = end
        out.append(Run(run.text[at:], run.bold, run.italic))
    return out


@lru_cache(maxsize=REMEMBERED)
def parse_inline(text: str) -> tuple[Run, ...]:
    """Split text into styled runs; raises LinkError for a forbidden link target.

    Remembered (runs are immutable): loading a brief parses every text to check its
    markup, and localizing parses the same text again for each language asked;
    remembering it saved 28 ms of CPU of the large brief's 63 ms localizing in three
    languages. An error is not remembered: the same text raises it again."""
    if _SPECIAL.search(text) is None and "://" not in text:  # most texts: no markup at all
        return (Run(text),) if text else ()
    out: list[Run] = []
    _parse(text, False, False, None, out)
    return merge_runs(_autolink(out))


def merge_runs(runs: list[Run]) -> tuple[Run, ...]:
    """Neighbouring runs of the same style joined, empty ones dropped: the one form of a
    text's runs, so two spellings of the same styled text compare equal. A footnote's
    mark and a reference are runs of their own, never joined."""
    merged: list[Run] = []
    for run in runs:
        if run.note is not None or run.target is not None:
            merged.append(run)
        elif (
            merged
            and merged[-1].note is None
            and merged[-1].target is None
            and (merged[-1].bold, merged[-1].italic, merged[-1].link)
            == (run.bold, run.italic, run.link)
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.link)
        elif run.text:
            merged.append(run)
    return tuple(merged)
