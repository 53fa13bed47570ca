"""The inline parser as it was before it was made linear: the test oracle.

Searching forward from every opener is easy to read and obviously right, and quadratic;
briefing/inline.py gives the same runs in linear time, and tests/test_inline.py checks
the two agree on generated text. Bare addresses are found here by walking the text a
character at a time and trimming the end by counting brackets anew each time, where
the parser uses a regular expression and running counts.
"""

from __future__ import annotations

from briefing.inline import _ESCAPABLE, _SPECIAL, check_url
from briefing.tree import Run


def _star_run(s: str, i: int) -> int:
    j = i
    while j < len(s) and s[j] == "*":
        j += 1
    return j - i


def _escaped(s: str, i: int) -> bool:
    n = 0
    while i - 1 - n >= 0 and s[i - 1 - n] == "\\":
        n += 1
    return n % 2 == 1


def _find_closer(s: str, start: int, width: int) -> int:
    """Index where a closing run of ``width`` stars begins, or -1."""
    j = start
    while j < len(s):
        if s[j] == "*" and not _escaped(s, j):
            run = _star_run(s, j)
            if j > start and not s[j - 1].isspace():
                if width == 2 and run >= 2:
                    return j + run - 2
                if width == 1 and run in (1, 3):
                    return j + run - 1
            j += run
        elif s[j] == "\\":
            j += 2
        else:
            j += 1
    return -1


def _find_link(s: str, i: int) -> tuple[int, int, int] | None:
    """For ``[`` at i: (end of text, start of url, end of url) or None."""
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                break
        j += 1
    else:
        return None
    if j + 1 >= len(s) or s[j + 1] != "(":
        return None
    close, depth = j + 2, 1
    while close < len(s):
        if s[close] == "(":
            depth += 1
        elif s[close] == ")":
            depth -= 1
            if depth == 0:
                break
        close += 1
    if close >= len(s) or close == j + 2:
        return None
    url = s[j + 2 : close]
    if any(ch.isspace() for ch in url):
        return None
    return j, j + 2, close


def _parse(s: str, bold: bool, italic: bool, link: str | None, out: list[Run]) -> None:
    buf: list[str] = []

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
            found = _find_link(s, i)
            if found:
                text_end, url_start, url_end = found
                url = s[url_start:url_end]
                check_url(url)
                flush()
                _parse(s[i + 1 : text_end], bold, italic, url, out)
                i = url_end + 1
                continue
        if c == "*":
            run = _star_run(s, i)
            width = 2 if run >= 2 and not bold else 1
            if width == 1 and italic:
                width = 0
            if width and i + width < len(s) and not s[i + width].isspace():
                close = _find_closer(s, i + width, width)
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


_TRAILING = ".,:;!?*_~'\u2019\u201d\u00bb\u203a\u2026"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def _in_address(ch: str) -> bool:
    return not ch.isspace() and ch not in '<>"' and not (ord(ch) < 0x20 or ord(ch) == 0x7F)


def _bare_links(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        rest = text[i:].lower()
        scheme = next((s for s in ("https://", "http://") if rest.startswith(s)), None)
        if scheme is None:
            i += 1
            continue
        end = i + len(scheme)
        while end < len(text) and _in_address(text[end]):
            end += 1
        if end == i + len(scheme):  # nothing after the scheme: not an address
            i += 1
            continue
        greedy = end
        if not (i and text[i - 1].isalnum()):
            while end > i:
                url, last = text[i:end], text[end - 1]
                if last in _TRAILING or (
                    last in _PAIRS and url.count(last) > url.count(_PAIRS[last])
                ):
                    end -= 1
                else:
                    break
            if end > i + len(scheme):
                out.append((i, end))
        i = greedy
    return out


def _autolink(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if run.link is not None:
            out.append(run)
            continue
        at = 0
        for start, end in _bare_links(run.text):
            out.append(Run(run.text[at:start], run.bold, run.italic))
            out.append(Run(run.text[start:end], run.bold, run.italic, run.text[start:end]))
            at = end
        out.append(Run(run.text[at:], run.bold, run.italic))
    return out


def reference_parse(text: str) -> tuple[Run, ...]:
    """Split text into styled runs; raises LinkError for a forbidden link target."""
    out: list[Run] = []
    _parse(text, False, False, None, out)
    out = _autolink(out)
    merged: list[Run] = []
    for run in out:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (
            run.bold,
            run.italic,
            run.link,
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.link)
        elif run.text:
            merged.append(run)
    return tuple(merged)
