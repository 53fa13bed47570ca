"""Every kind of DOCX the tests make passes both validators with zero errors.

The variants are the ones a user can get: the bundled example in each language through
the CLI, with and without ``--toc`` and ``--no-embed-fonts``; the hand-built sample tree
with every block kind; a memo without a classification marking; and memos restyled by
a reference.docx the toolkit did not write (python-docx's own default template, and a
house style edited by a user). The validators are shown to catch broken files in
test_docx_support.py.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefing.renderers.docx import render
from briefing.renderers.options import RenderOptions
from briefing.templates import Template, load_template
from tests.render.test_docx_support import (
    LANGS,
    assert_valid,
    cli_render,
    foreign_template,
    house_template,
)
from tests.tree_sample import sample_document

CLI_VARIANTS = {
    "default": (),
    "toc": ("--toc",),
    "no-embed": ("--no-embed-fonts",),
}


@pytest.fixture(scope="module")
def example_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example through the CLI: "<variant>.<lang>" -> path."""
    root = tmp_path_factory.mktemp("cli")
    files = {}
    for variant, flags in CLI_VARIANTS.items():
        for path in cli_render(root / variant, "-l", "all", *flags):
            lang = path.suffixes[-2].lstrip(".")
            files[f"{variant}.{lang}"] = path
    assert set(files) == {f"{v}.{lang}" for v in CLI_VARIANTS for lang in LANGS}
    return files


@pytest.mark.parametrize("variant", CLI_VARIANTS)
@pytest.mark.parametrize("lang", LANGS)
def test_example_is_valid(example_files: dict[str, Path], variant: str, lang: str) -> None:
    assert_valid(example_files[f"{variant}.{lang}"])


def _template(kind: str, tmp: Path) -> Template:
    if kind == "foreign":
        return foreign_template(tmp)
    if kind == "house":
        return house_template(tmp)
    return load_template()


SAMPLE_VARIANTS = {
    # name: (template kind, options, drop the marking)
    "sample": ("memo", RenderOptions(), False),
    "sample-toc": ("memo", RenderOptions(toc=True), False),
    "sample-no-embed": ("memo", RenderOptions(embed_fonts=False), False),
    "sample-no-marking": ("memo", RenderOptions(), True),
    "sample-foreign-reference": ("foreign", RenderOptions(toc=True), False),
    "sample-house-reference": ("house", RenderOptions(toc=True), False),
}


@pytest.mark.parametrize("name", SAMPLE_VARIANTS)
def test_sample_tree_is_valid(tmp_path: Path, name: str) -> None:
    kind, options, no_marking = SAMPLE_VARIANTS[name]
    doc = sample_document()
    if no_marking:
        doc = replace(doc, marking=None)
    path = tmp_path / f"{name}.docx"
    path.write_bytes(render(doc, _template(kind, tmp_path / "template"), options))
    assert_valid(path)
