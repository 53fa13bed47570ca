"""Build the static fonts in briefing/fonts/ from the Noto variable fonts on PyPI.

Why this script exists: ReportLab reads a variable font at its default instance only,
so "bold" would silently print as regular, and the full Noto files are 2 MB each. We
subset the variable fonts to the scripts the toolkit writes (Latin incl. Azerbaijani,
Cyrillic, punctuation, currency signs incl. the manat sign), then cut static instances
at wght 400/700, wdth 100, upright and italic, and give each a proper RIBBI name.

Sources are the PyPI packages ``fontpkg-noto-sans`` and ``fontpkg-noto-serif``
(``pip install fontpkg-noto-sans fontpkg-noto-serif``). The output is deterministic:
the same sources give the same bytes (timestamps are taken from the source font).

Usage: ``python tools/make_fonts.py [--out DIR] [--check]``
``--check`` rebuilds in memory and exits 1 if any committed file differs.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.metadata
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "briefing" / "fonts"


def _ranges(*spans: tuple[int, int]) -> list[int]:
    out: list[int] = []
    for lo, hi in spans:
        out.extend(range(lo, hi + 1))
    return out


# What the toolkit writes: en, az (Latin: ə is U+0259, in the IPA block), ru, and the
# punctuation, currency and number signs that CLDR and typists use with them.
UNICODES: list[int] = sorted(
    set(
        _ranges(
            (0x0020, 0x007E),  # Basic Latin
            (0x00A0, 0x00FF),  # Latin-1 Supplement (incl. no-break space U+00A0)
            (0x0100, 0x017F),  # Latin Extended-A
            (0x0180, 0x024F),  # Latin Extended-B (Ə U+018F)
            (0x0259, 0x0259),  # ə (the only IPA letter we need)
            (0x02BB, 0x02BC),  # modifier letter turned comma / apostrophe
            (0x02C6, 0x02C7),  # circumflex, caron
            (0x02D8, 0x02DD),  # breve, dot above, ring, ogonek, tilde, double acute
            (0x0300, 0x0304),  # combining grave, acute, circumflex, tilde, macron
            (0x0306, 0x0308),  # combining breve, dot above, diaeresis (decomposed й, ё)
            (0x030A, 0x030C),  # combining ring, double acute, caron
            (0x0326, 0x0328),  # combining comma below, cedilla, ogonek (ş ç)
            (0x0400, 0x04FF),  # Cyrillic
            (0x0500, 0x052F),  # Cyrillic Supplement
            (0x1E00, 0x1EFF),  # Latin Extended Additional
            (0x2000, 0x206F),  # General Punctuation (– — ‘ ’ “ ” … • ‣, U+202F)
            (0x2070, 0x209F),  # superscripts and subscripts
            (0x20A0, 0x20CF),  # currency symbols (€ U+20AC, ₼ U+20BC, ₽ U+20BD)
            (0x2103, 0x2103),  # degree Celsius
            (0x2113, 0x2113),  # script l (litre)
            (0x2116, 0x2116),  # numero sign №
            (0x2122, 0x2122),  # trade mark sign
            (0x2126, 0x2126),  # ohm sign
            (0x212E, 0x212E),  # estimated sign
            (0x2150, 0x218F),  # number forms (fractions)
            (0x2190, 0x21FF),  # arrows (as far as the source has them)
            (0x2200, 0x22FF),  # mathematical operators (as far as the source has them)
            (0x25A0, 0x25FF),  # geometric shapes (as far as the source has them)
            (0xFEFF, 0xFEFF),  # BOM / zero-width no-break space
            (0xFFFD, 0xFFFD),  # replacement character
        )
    )
)

# ReportLab does not shape text; these features are for other consumers (a DOCX that
# embeds the fonts) and cost little. Mark positioning (mark, mkmk) is dropped: it was
# 20 KB a face for combining sequences that precomposed letters already cover.
FEATURES = ["kern", "liga", "ccmp", "locl"]

# name IDs kept from the source: copyright, names, version, trademark, vendor,
# designer, description, URLs, licence (the OFL asks for the licence to travel along).
NAME_IDS = list(range(0, 15))


@dataclass(frozen=True)
class Face:
    style: str  # Regular | Bold | Italic | Bold Italic
    weight: int
    italic: bool

    @property
    def ps_style(self) -> str:
        return self.style.replace(" ", "")


FACES = (
    Face("Regular", 400, False),
    Face("Bold", 700, False),
    Face("Italic", 400, True),
    Face("Bold Italic", 700, True),
)


@dataclass(frozen=True)
class Family:
    name: str  # "Noto Sans"
    package: str  # distribution name on PyPI
    module: str  # import name

    @property
    def ps_name(self) -> str:
        return self.name.replace(" ", "")

    def files_dir(self) -> Path:
        mod = importlib.import_module(self.module)
        return Path(mod.__file__ or "").resolve().parent / "files"

    def licence(self) -> Path:
        return self.files_dir().parent / "LICENSE"

    def version(self) -> str:
        return importlib.metadata.version(self.package)

    def source(self, italic: bool) -> Path:
        suffix = "-Italic" if italic else ""
        return self.files_dir() / f"{self.ps_name}{suffix}[wdth,wght].ttf"


FAMILIES = (
    Family("Noto Sans", "fontpkg-noto-sans", "fontpkg_noto_sans"),
    Family("Noto Serif", "fontpkg-noto-serif", "fontpkg_noto_serif"),
)


def _subset(font: TTFont, unicodes: list[int]) -> None:
    opts = subset.Options()
    opts.layout_features = FEATURES
    opts.hinting = False  # no TrueType instructions: smaller, and PDFs do not use them
    opts.desubroutinize = True
    opts.name_IDs = NAME_IDS
    opts.name_languages = [0x0409]
    opts.name_legacy = False
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.recalc_timestamp = False
    opts.drop_tables = [*opts.drop_tables, "gasp", "STAT"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)


def _rename(font: TTFont, family: Family, face: Face) -> None:
    """Give the static instance a plain RIBBI name and matching style bits."""
    name = font["name"]
    full = f"{family.name} {face.style}" if face.style != "Regular" else f"{family.name} Regular"
    ps = f"{family.ps_name}-{face.ps_style}"
    version = name.getDebugName(5) or "Version ?"
    numeric = version.replace("Version ", "").split(";")[0]
    wanted = {
        1: family.name,
        2: face.style,
        3: f"{numeric};GOOG;{ps};briefing static",
        4: full,
        6: ps,
    }
    for rec in list(name.names):
        if rec.nameID in (16, 17, 21, 22, 25) or rec.nameID > 255:
            name.removeNames(nameID=rec.nameID)
    for name_id, value in wanted.items():
        name.setName(value, name_id, 3, 1, 0x409)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))

    os2 = font["OS/2"]
    os2.usWeightClass = face.weight
    os2.usWidthClass = 5
    sel = os2.fsSelection & ~0b1100001  # clear ITALIC, BOLD, REGULAR
    if face.italic:
        sel |= 1 << 0
    if face.weight >= 700:
        sel |= 1 << 5
    if not face.italic and face.weight < 700:
        sel |= 1 << 6
    os2.fsSelection = sel
    head = font["head"]
    head.macStyle = (1 if face.weight >= 700 else 0) | (2 if face.italic else 0)


def family_unicodes(family: Family) -> list[int]:
    """UNICODES that every face of the family can show, so all four faces agree."""
    common = set(UNICODES)
    for italic in (False, True):
        common &= set(TTFont(family.source(italic), lazy=True)["cmap"].getBestCmap())
    return sorted(common)


def build_face(family: Family, face: Face, unicodes: list[int]) -> bytes:
    src = family.source(face.italic)
    font = TTFont(src, recalcTimestamp=False)
    _subset(font, unicodes)
    static = instancer.instantiateVariableFont(
        font,
        {"wght": face.weight, "wdth": 100},
        static=True,
        overlap=instancer.OverlapMode.KEEP_AND_SET_FLAGS,
    )
    _rename(static, family, face)
    for tag in ("STAT", "fvar", "avar", "gvar", "HVAR", "MVAR", "cvar"):
        if tag in static:
            del static[tag]
    static.recalcTimestamp = False
    buf = io.BytesIO()
    static.save(buf)
    return buf.getvalue()


def readme(families: tuple[Family, ...]) -> str:
    rows = "\n".join(
        f"- {f.name}: PyPI package `{f.package}` {f.version()} "
        f"(variable fonts `{f.ps_name}[wdth,wght].ttf`, `{f.ps_name}-Italic[wdth,wght].ttf`)"
        for f in families
    )
    return f"""# Bundled fonts

Static instances of the Noto variable fonts, made by `tools/make_fonts.py`:

{rows}

Each family is subset to Latin (Basic, Latin-1, Extended-A/B, Extended Additional, plus
ə U+0259), Cyrillic and Cyrillic Supplement, General Punctuation, superscripts,
currency signs (€ ₼ ₽ ...), a few letterlike symbols (№ ™ ℓ), number forms, common
combining accents, and the arrows, maths and shapes the sources have (the Noto
sources have no arrows and, among the maths, only − U+2212), then
instanced at wght 400/700 and wdth 100, upright and italic: Regular, Bold, Italic,
Bold Italic. Hinting is dropped; OpenType features kept: {", ".join(FEATURES)}.
ReportLab reads a variable font at its default weight only, hence static files.

Licence: SIL Open Font License 1.1, see `OFL.txt` (copied from the packages).

Regenerate (deterministic: same package versions give the same bytes):

```
pip install fontpkg-noto-sans fontpkg-noto-serif
python tools/make_fonts.py
```

`python tools/make_fonts.py --check` rebuilds in memory and fails if a file differs.
"""


def build_all() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for family in FAMILIES:
        cmaps: list[frozenset[int]] = []
        unicodes = family_unicodes(family)
        for face in FACES:
            data = build_face(family, face, unicodes)
            cmap = TTFont(io.BytesIO(data))["cmap"].getBestCmap()
            cmaps.append(frozenset(cmap))
            out[f"{family.ps_name}-{face.ps_style}.ttf"] = data
        if len(set(cmaps)) != 1:
            raise SystemExit(f"{family.name}: faces cover different characters")
    licences = {f.licence().read_bytes() for f in FAMILIES}
    if len(licences) != 1:
        raise SystemExit("the families carry different licence texts; keep both")
    out["OFL.txt"] = licences.pop()
    out["README.md"] = readme(FAMILIES).encode("utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="compare with the files on disk")
    args = ap.parse_args(argv)
    files = build_all()
    if args.check:
        stale = [
            n
            for n, d in files.items()
            if not (args.out / n).is_file() or (args.out / n).read_bytes() != d
        ]
        for n in stale:
            print(f"differs: {args.out / n}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, data in sorted(files.items()):
        (args.out / n).write_bytes(data)
        print(f"{n:28} {len(data):8} bytes  sha256 {hashlib.sha256(data).hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
