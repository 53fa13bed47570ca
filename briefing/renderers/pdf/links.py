"""Link annotations: one URI action per link target, in 7-bit ASCII.

A link that wraps over several lines needs one annotation per line (each has its own
rectangle), and ReportLab's ``canvas.linkURL`` gives each annotation its own copy of
the action and so of the address: a 100,000-character URL over 1,300 lines made a
127 MB file. Here the action dictionary is made once per target and document, as an
indirect object, and every annotation of that target points at it.

PDF says a URI action's address is 7-bit ASCII (ISO 32000-1, 12.6.4.7); ReportLab
writes a non-ASCII string as UTF-16, which readers then misread. ``iri_to_uri`` turns
an IRI into the URI it stands for (RFC 3987, 3.1): the host through IDNA, everything
else percent-encoded as UTF-8. (The host goes through Python's own ``idna`` codec,
IDNA 2003: it maps "ß" to "ss" where IDNA 2008 keeps it; no registry serves names
that differ only so, and it needs no extra dependency.)

ReportLab internals used (reportlab 4.x; pyproject caps it below 6, tested in
tests/render/test_pdf_robust.py): ``Canvas._absRect``, ``Canvas._addAnnotation``,
``Canvas._doc`` and ``PDFDocument.Reference``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObject, PDFString

from briefing.renderers.pdf.tags import Node

# RFC 3986 reserved characters and "%" (an escape already made) stay as they are;
# everything else that is not unreserved ASCII is percent-encoded from UTF-8.
_KEEP = "!#$%&'()*+,/:;=?@[]~"


def iri_to_uri(iri: str) -> str:
    """The ASCII URI for ``iri``: IDNA host, UTF-8 percent-encoding for the rest.

    ASCII addresses come back unchanged but for characters a URI may not hold
    (space, ``"<>\\^`{|}``, controls), which are percent-encoded too; nothing else is
    normalised (no case change, no dropped empty query). A host IDNA refuses (a label
    over 63 characters, say) is percent-encoded instead, which RFC 3986 allows for a
    registered name, so the result is always ASCII.
    """
    if iri.isascii() and not _needs_quoting(iri):
        return iri
    scheme, sep, rest = iri.partition("://")
    if not sep or not scheme.isascii():  # mailto: and the like have no authority
        return _quote(iri)
    end = next((k for k, ch in enumerate(rest) if ch in "/?#"), len(rest))
    return f"{scheme}://{_authority(rest[:end])}{_quote(rest[end:])}"


def _authority(authority: str) -> str:
    """``user@host:port`` with the host through IDNA and the rest percent-encoded."""
    userinfo, at, hostport = authority.rpartition("@")
    host, colon, port = hostport, "", ""
    head, sep, tail = hostport.rpartition(":")
    if sep and tail.isdigit() and not hostport.endswith("]"):
        host, colon, port = head, sep, tail
    return f"{_quote(userinfo)}{at}{_host(host)}{colon}{port}"


def _needs_quoting(text: str) -> bool:
    return any(ch <= " " or ch in '"<>\\^`{|}\x7f' for ch in text)


def _quote(text: str) -> str:
    return quote(text, safe=_KEEP, encoding="utf-8", errors="surrogatepass")


def _host(host: str) -> str:
    if host.isascii():
        return _quote(host)
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return _quote(host)


DESCRIPTION_CHARS = 80  # of a link's description, at most


def _description(url: str) -> PDFString:
    """The /Contents a screen reader announces for a link: where it goes, said short
    (the site, or a ``mailto:`` address), at most ``DESCRIPTION_CHARS``. Each line of a
    link has its own annotation, so a long address in full would be written once per
    line (a 3,000-character URL over 60 lines)."""
    try:
        where = urlsplit(url).netloc.rpartition("@")[2] or url
    except ValueError:  # "http://[" and the like: say the address as written
        where = url
    if len(where) > DESCRIPTION_CHARS:
        where = where[: DESCRIPTION_CHARS - 1] + "…"
    return PDFString(where)


class LinkActions:
    """The URI actions of one document, one per target, shared by its annotations."""

    def __init__(self) -> None:
        self._refs: dict[str, tuple[Any, PDFString]] = {}

    def annotate(
        self, canv: Any, url: str, rect: tuple[float, float, float, float], node: Node | None
    ) -> None:
        """A borderless, printable link annotation over ``rect`` (in the current
        coordinates), tied to its Link element ``node`` in a tagged PDF."""
        refs = self._refs.get(url)
        if refs is None:
            action = PDFDictionary()
            action["S"] = PDFName("URI")
            action["URI"] = PDFString(iri_to_uri(url))
            refs = self._refs[url] = (canv._doc.Reference(action), _description(url))
        ref, what = refs
        annotation = PDFDictionary()
        annotation["Type"] = PDFName("Annot")
        annotation["Subtype"] = PDFName("Link")
        annotation["Rect"] = PDFArray(canv._absRect(rect, 1))
        annotation["Border"] = PDFArray([0, 0, 0])
        annotation["A"] = ref
        annotation["F"] = 4  # Print: PDF/A wants every annotation printable
        annotation["Contents"] = what  # PDF/UA: a link says where it goes
        canv._addAnnotation(annotation)
        tagger = getattr(canv, "tagger", None)
        if tagger is not None and node is not None:
            tagger.annotation(canv, node, annotation)


def internal_link(
    canv: Any, key: str, rect: tuple[float, float, float, float], node: Node | None, what: str
) -> None:
    """A borderless, printable link over ``rect`` (relative to the current coordinates)
    to the destination ``key`` (a heading, titled ``what``), tied to its Link element
    ``node``. What
    ``canvas.linkRect`` does, with the structure parent it cannot give
    (ReportLab's ``Canvas._bookmarkReference``: the destination, bound when drawn)."""
    annotation = PDFDictionary()
    annotation["Type"] = PDFName("Annot")
    annotation["Subtype"] = PDFName("Link")
    annotation["Rect"] = PDFArray(canv._absRect(rect, 1))
    annotation["Border"] = PDFArray([0, 0, 0])
    annotation["Dest"] = canv._bookmarkReference(key)
    annotation["F"] = 4
    annotation["Contents"] = PDFString(what)
    canv._addAnnotation(annotation)
    tagger = getattr(canv, "tagger", None)
    if tagger is not None and node is not None:
        tagger.annotation(canv, node, annotation)


class _InternalLink(PDFObject):  # type: ignore[misc]
    """A link annotation to a destination, written straight to bytes with the file.

    What ``internal_link`` writes, without ReportLab's generic dictionary: a brief with
    hundreds of footnotes has two of these per note (the mark, the number back), and
    formatting generic dictionaries of names and arrays was a visible share of it."""

    def __init__(self, rect: list[float], dest: Any, what: str) -> None:
        self.rect, self.dest, self.what = rect, dest, what
        self.parent: int | None = None  # /StructParent, set by the tagger

    def __setitem__(self, key: str, value: int) -> None:
        if key != "StructParent":  # a bug: only the tagger sets a key
            raise KeyError(key)
        self.parent = value

    def format(self, document: Any) -> bytes:
        parent = b"" if self.parent is None else b" /StructParent %d" % self.parent
        return b"".join(
            (
                b"<< /Type /Annot /Subtype /Link /Rect [ ",
                fp_str(*self.rect).encode("ascii"),
                b" ] /Border [ 0 0 0 ] /F 4 /Dest ",
                self.dest.format(document),
                b" /Contents ",
                PDFString(self.what).format(document),
                parent,
                b" >>",
            )
        )


def note_link(
    canv: Any, key: str, rect: tuple[float, float, float, float], node: Node | None, what: str
) -> None:
    """``internal_link``, faster to write: for footnotes and cross-references."""
    annotation = _InternalLink(canv._absRect(rect, 1), canv._bookmarkReference(key), what)
    canv._addAnnotation(annotation)
    tagger = getattr(canv, "tagger", None)
    if tagger is not None and node is not None:
        tagger.annotation(canv, node, annotation)


def link(
    canv: Any, url: str, rect: tuple[float, float, float, float], node: Node | None = None
) -> None:
    """Link ``rect`` to ``url`` through the canvas's shared actions (made on first use);
    ``node`` is the Link element the annotation belongs to in a tagged PDF. An address
    starting with "#" is internal (a footnote's mark, a cross-reference: footnotes.py);
    no address a brief may hold starts so."""
    if url[:1] == "#":
        internal = getattr(canv, "internal_links", None)
        if internal is not None:
            internal(canv, url, rect, node)
        return
    actions = getattr(canv, "link_actions", None)
    if actions is None:
        actions = canv.link_actions = LinkActions()
    actions.annotate(canv, url, rect, node)
