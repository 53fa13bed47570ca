"""Write a YAML brief as Markdown: ``brief.md`` plus ``brief.<lang>.md`` per translation.

For people moving a brief from YAML to Markdown, and how the bundled Markdown example
is made from the YAML one (a test checks that both give the same document tree):

    python tools/yaml_to_markdown.py examples/us-azerbaijan-charter.yaml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.markdown_write import document, languages  # noqa: E402
from briefing.readers import load_source  # noqa: E402


def convert(path: Path) -> list[Path]:
    data = load_source(path).data
    base = data.get("lang", "en")
    written = []
    for lang in sorted(languages(data, base), key=lambda code: code != base):
        name = f"{path.stem}.md" if lang == base else f"{path.stem}.{lang}.md"
        target = path.with_name(name)
        target.write_text(document(data, lang, base), encoding="utf-8")
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", type=Path)
    for path in convert(parser.parse_args().brief):
        print(path)


if __name__ == "__main__":
    main()
