"""5,000 bullets render."""

from pathlib import Path

EXPECT = "ok"
CONTAINS = ["Bənd 1 ", "Bənd 4999 "]


def make(folder: Path) -> Path:
    items = "".join(f'        - "Bənd {n} — qısa mətn"\n' for n in range(5_000))
    path = folder / "many-bullets.yaml"
    path.write_text(
        "title: Many bullets\ndate: 2026-11-26\nsections:\n  - kind: analysis\n"
        f"    body:\n      - bullets:\n{items}"
    )
    return path
