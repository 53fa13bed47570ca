"""Translations written into a YAML brief's language maps, every other byte kept.

The file is edited, not re-dumped: each changed text is found by the same YAML parser
that reads briefs (its nodes carry their start and end in the file), and only that
value is replaced, or one ``az: ...`` line is added to its map, or a plain string
becomes a map of its language and the new one. Comments, key order, quoting, folded
text and blank lines everywhere else stay exactly as they were. (A round-trip YAML
library such as ruamel.yaml re-emits the whole file: on the bundled example it
re-indents every list nested in a list, 84 lines no translation touched.)

The result is read back with the brief reader and must equal the old brief with the
new translations in it, or nothing is written.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass

import yaml
from yaml import MappingNode, Node, ScalarNode, SequenceNode

from briefing.errors import BriefError, KeyPath, Problem
from briefing.i18n.language import same_language
from briefing.readers import Source
from briefing.readers.yaml_source import load_yaml

from .merge import Update


@dataclass
class _Edit:
    start: int
    end: int
    text: str
    order: int


def merge_yaml(text: str, source: Source, base_lang: str, updates: list[Update]) -> str:
    """``text`` (the brief's YAML) with ``updates`` written in."""
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert root is not None  # the brief was read from this text a moment ago
    # A node written once and used again through YAML aliases (&a ... *a) is one text in
    # the file however many paths reach it: it is edited once, for every path.
    paths = _paths_of(root)
    by_node: dict[int, tuple[Node, Node, list[Update]]] = {}
    for update in updates:
        parent, node = _find(root, update.path)
        by_node.setdefault(id(node), (parent, node, []))[2].append(update)
    edits: list[_Edit] = []
    expected = list(updates)
    for n, (parent, node, group) in enumerate(by_node.values()):
        group = _one_per_language(group, paths[id(node)])
        edits.append(_edit(text, parent, node, base_lang, group, n))
        for update in group:  # the other paths that reach the node get it too
            expected += [
                Update(p, update.lang, update.key, update.text, update.position)
                for p in paths[id(node)]
                if p != update.path
            ]
    pieces: list[str] = []  # joined once: slicing the text per edit would be quadratic
    at = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.order)):
        pieces += [text[at : edit.start], edit.text]
        at = max(at, edit.end)
    out = "".join([*pieces, text[at:]])
    _verify(out, source, base_lang, expected)
    return out


def _paths_of(root: Node) -> dict[int, list[KeyPath]]:
    """Every path that reaches each node (several for a node used through aliases)."""
    out: dict[int, list[KeyPath]] = {}
    stack: list[tuple[Node, KeyPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        out.setdefault(id(node), []).append(path)
        if isinstance(node, MappingNode):
            stack += [(v, (*path, str(k.value))) for k, v in node.value]
        elif isinstance(node, SequenceNode):
            stack += [(v, (*path, i)) for i, v in enumerate(node.value)]
    return out


def _one_per_language(group: list[Update], paths: list[KeyPath]) -> list[Update]:
    """The updates of one node, one per language; an aliased text must get the same
    translation at every place it is used."""
    chosen: dict[str, Update] = {}
    for update in group:
        first = chosen.setdefault(update.lang, update)
        if first.text != update.text:
            where = ", ".join(".".join(map(str, p)) for p in paths[:4])
            raise BriefError(
                Problem(
                    f"this text is written once in the brief and used again through a YAML "
                    f"alias ({where}); it takes one translation, and {first.position} gives "
                    "another",
                    update.position,
                )
            )
    return list(chosen.values())


def _find(root: Node, path: KeyPath) -> tuple[Node, Node]:
    parent, node = root, root
    for part in path:
        parent = node
        if isinstance(node, MappingNode):
            node = next(v for k, v in node.value if k.value == part)
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            node = node.value[part]
        else:
            raise KeyError(path)
    return parent, node


def _scalar(value: str, flow: bool = False) -> str:
    """``value`` as one line of YAML, plain where that reads back as the same string
    (in a flow collection, where ``,`` and brackets end a plain one, if the emitter says
    so), else double-quoted with escapes for line breaks."""
    if flow:
        inside = _dump([value], flow=True)
        plain = inside.strip()[1:-1]
    else:
        plain = _dump(value)
        plain = plain.removesuffix("\n...\n").removesuffix("\n")
    if "\n" not in plain:
        return plain
    quoted = _dump(value, default_style='"')
    return quoted.removesuffix("\n")


def _value(text: str, value: str, column: int, like: Node) -> str:
    """``value`` for a key at ``column`` of a block map, in the style of ``like`` (the
    value beside it): folded (``>-``) and wrapped as wide as ``like`` when that one is
    folded and the text reads back the same that way, else on one line."""
    if isinstance(like, ScalarNode) and like.style in ('"', "'"):  # quoted like it
        quoted = _dump(value, default_style=like.style if "\n" not in value else '"')
        quoted = quoted.removesuffix("\n")
        return quoted if "\n" not in quoted else _scalar(value)
    if not (isinstance(like, ScalarNode) and like.style == ">"):
        return _scalar(value)
    if not value or value != value.strip() or "  " in value or not value.isprintable():
        return _scalar(value)
    width = max(len(line) for line in text[like.start_mark.index : like.end_mark.index].split("\n"))
    pad = " " * (column + 2)
    lines: list[str] = []
    for word in value.split(" "):
        if lines and len(pad) + len(lines[-1]) + 1 + len(word) <= max(width, 40):
            lines[-1] += " " + word
        else:
            lines.append(word)
    folded = ">-\n" + "\n".join(pad + line for line in lines)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if yaml.load("k: " + folded.replace("\n" + pad, "\n  "), Loader=loader) != {"k": value}:
        return _scalar(value)
    return folded


def _dump(value: object, default_style: str | None = None, flow: bool | None = None) -> str:
    """One value as PyYAML's safe emitter writes it on one line (libyaml's when there)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        value,
        Dumper=dumper,
        allow_unicode=True,
        width=1 << 30,
        default_style=default_style,
        default_flow_style=flow,
    )
    return text


def _line_end(text: str, index: int) -> int:
    """Where the line holding ``index`` ends (before its line break)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _edit(
    text: str, parent: Node, node: Node, base_lang: str, group: list[Update], order: int
) -> _Edit:
    flow = bool(getattr(parent, "flow_style", False))
    if isinstance(node, MappingNode):
        keys = {str(k.value): v for k, v in node.value}
        new_pairs: list[tuple[str, str]] = []
        replaced: list[_Edit] = []
        for update in group:
            current = _key_for(keys, update)
            if current is not None:
                value = keys[current]
                start, end = value.start_mark.index, value.end_mark.index
                tail = "\n" if text[start:end].endswith("\n") else ""
                key_node = next(k for k, v in node.value if v is value)
                if node.flow_style:
                    new = _scalar(update.text, True)
                else:
                    new = _value(text, update.text, key_node.start_mark.column, value)
                replaced.append(_Edit(start, end, new + tail, order))
            else:
                new_pairs.append((update.key, update.text))
        if replaced and not new_pairs and len(replaced) == 1:
            return replaced[0]
        if replaced:  # several languages of one map: replace the whole map's values
            return _whole_map(text, node, group, order)
        before = _insert_before(node, [k for k, _ in new_pairs], base_lang)
        if node.flow_style:
            if before is not None:
                at = before.start_mark.index
                added = "".join(f"{k}: {_scalar(v, True)}, " for k, v in new_pairs)
                return _Edit(at, at, added, order)
            close = node.end_mark.index - 1
            added = "".join(f", {k}: {_scalar(v, True)}" for k, v in new_pairs)
            return _Edit(close, close, added, order)
        if before is not None:  # a line of its own, before the key it sorts before
            column = node.start_mark.column  # the map's, also for an explicit "? key"
            at = text.rfind("\n", 0, before.start_mark.index) + 1
            like = node.value[0][1]
            lines = "".join(
                f"{' ' * column}{k}: {_value(text, v, column, like)}\n" for k, v in new_pairs
            )
            return _Edit(at, at, lines, order)
        last = node.value[-1][1]
        column = node.start_mark.column  # where its keys (or "? " indicators) start
        at = last.end_mark.index
        if last.end_mark.column == 0:  # a block scalar ends at the next line's start
            lines = "".join(
                f"{' ' * column}{k}: {_value(text, v, column, last)}\n" for k, v in new_pairs
            )
            return _Edit(at, at, lines, order)
        at = _line_end(text, at)
        lines = "".join(
            f"\n{' ' * column}{k}: {_value(text, v, column, last)}" for k, v in new_pairs
        )
        return _Edit(at, at, lines, order)
    assert isinstance(node, ScalarNode)
    pairs = [(base_lang, str(node.value))] + [(u.key, u.text) for u in group]
    start, end = node.start_mark.index, node.end_mark.index
    tail = "\n" if text[start:end].endswith("\n") else ""
    if flow:
        inner = ", ".join(f"{k}: {_scalar(v, True)}" for k, v in pairs)
        return _Edit(start, end, "{" + inner + "}" + tail, order)
    if isinstance(parent, SequenceNode):  # "- text" becomes "- en: text\n  az: ..."
        column = node.start_mark.column
        lines = f"\n{' ' * column}".join(f"{k}: {_scalar(v)}" for k, v in pairs)
        return _Edit(start, end, lines + tail, order)
    key = next(k for k, v in parent.value if v is node)
    column = parent.start_mark.column + 2
    lines = "".join(f"\n{' ' * column}{k}: {_scalar(v)}" for k, v in pairs)
    # "title: text" -> "title:" and the map below it (no space left after the colon)
    colon = text.rfind(":", key.end_mark.index, start)  # not a ":" the value starts with
    return _Edit(colon + 1, end, lines + tail, order)


def _insert_before(node: MappingNode, new: list[str], base_lang: str) -> Node | None:
    """The key node new languages go before, so a map whose other languages are in
    alphabetical order after the brief's own stays so (en, az, ru); None: at the end."""
    keys = [str(k.value) for k, _ in node.value]
    rest = keys[1:] if keys and same_language(keys[0], base_lang) else keys
    if len(new) != 1 or rest != sorted(rest):
        return None
    for i, key in enumerate(keys):
        if key in rest and key > new[0] and i > 0:
            key_node: Node = node.value[i][0]
            return key_node
    return None


def _key_for(keys: Mapping[str, object], update: Update) -> str | None:
    """The key of the map the translation goes under: its own key if the map has it,
    else one of the same language (az-Latn for az), else None (a new key)."""
    if update.key in keys:
        return update.key
    return next((k for k in keys if same_language(k, update.lang)), None)


def _whole_map(text: str, node: MappingNode, group: list[Update], order: int) -> _Edit:
    """Every language of a map rewritten (rare: two files change one text)."""
    values = {str(k.value): str(v.value) for k, v in node.value}
    for update in group:
        values[_key_for(values, update) or update.key] = update.text
    start, end = node.start_mark.index, node.end_mark.index
    tail = "\n" if text[start:end].endswith("\n") else ""
    if node.flow_style:
        inner = ", ".join(f"{k}: {_scalar(v, True)}" for k, v in values.items())
        return _Edit(start, end, "{" + inner + "}" + tail, order)
    column = node.start_mark.column
    lines = f"\n{' ' * column}".join(f"{k}: {_scalar(v)}" for k, v in values.items())
    return _Edit(start, end, lines + tail, order)


def _verify(out: str, source: Source, base_lang: str, updates: list[Update]) -> None:
    """The written YAML must read as the old brief plus exactly the new translations."""
    expected = copy.deepcopy(source.data)
    for update in updates:
        put(expected, update.path, base_lang, update.lang, update.key, update.text)
    try:
        got = load_yaml(out, source.file).data
    except BriefError:
        got = None
    if got != expected:
        raise BriefError(
            Problem(
                f"{source.file}: the translations could not be written into the YAML without "
                "changing something else; nothing was written (this is a bug in briefing: "
                "please report it with the brief and the XLIFF file)"
            )
        )


def put(data: object, path: KeyPath, base_lang: str, lang: str, key: str, text: str) -> None:
    """In plain brief data: the text at ``path`` gets ``text`` as its ``lang`` translation."""
    holder: object = data
    for part in path[:-1]:
        holder = holder[part]  # type: ignore[index]
    last = path[-1]
    value = holder[last]  # type: ignore[index]
    if isinstance(value, str):
        holder[last] = {base_lang: value, key: text}  # type: ignore[index]
        return
    assert isinstance(value, dict)
    exact = key if key in value else None
    value[exact or next((k for k in value if same_language(k, lang)), key)] = text
