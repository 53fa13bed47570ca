"""Compile the bundled catalogs (locales/*/LC_MESSAGES/briefing.po) to the .mo files
briefing reads at run time.

Why: compiling a .po with Babel costs every command about 10 ms of CPU a language, so the
bundled catalogs ship compiled too (briefing/i18n/catalog.py). Each .mo is named after
the hash of the .po it was made from, so an edited .po is simply compiled at run time
until this script is run again; a test fails while any shipped .mo is missing or stale.

Usage: ``python tools/compile_catalogs.py [--check]``
``--check`` writes nothing and exits 1 if a .po has no .mo of its hash, or a .mo is
left over from an older .po.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.i18n.catalog import DOMAIN, catalog_languages, compile_catalog, compiled_path, po_path
from briefing.resources import bundled_locales_dir


def plan(root: Path) -> tuple[dict[Path, bytes], list[Path]]:
    """Each .mo that should exist with its bytes, and the compiled files left over."""
    wanted: dict[Path, bytes] = {}
    for code in catalog_languages(root):
        po = po_path(code, root)
        wanted[compiled_path(po, po.read_bytes())] = compile_catalog(code, root)
    stale = [mo for mo in root.glob(f"*/LC_MESSAGES/{DOMAIN}.*.mo") if mo not in wanted]
    return wanted, stale


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    opts = parser.parse_args(argv)
    root = bundled_locales_dir()
    wanted, stale = plan(root)
    if opts.check:
        missing = [mo for mo in wanted if not mo.is_file()]
        for path in missing:
            print(f"{path}: missing; run tools/compile_catalogs.py")
        for path in stale:
            print(f"{path}: left over from an older .po; run tools/compile_catalogs.py")
        return 1 if missing or stale else 0
    wrong = [mo for mo, data in wanted.items() if not mo.is_file() or mo.read_bytes() != data]
    for mo in wrong:
        mo.write_bytes(wanted[mo])
        print(f"wrote {mo}")
    for mo in stale:
        mo.unlink()
        print(f"removed {mo}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
