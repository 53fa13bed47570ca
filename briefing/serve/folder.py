"""The briefs of the FOLDER given to ``briefing serve``: list, open, save, create.

Every path comes from a request, so none is trusted: it must be relative, name a brief
(.yaml, .yml, .md, .markdown), contain no hidden part, and resolve (symlinks followed)
inside the folder. A save is atomic (api.write_atomic) and carries the version the
editor opened (a hash of the bytes): when the file changed on disk since then, the save
is refused with both versions kept: the disk's stays in place and is returned, and the
editor's is written beside it as a conflict copy, so nothing typed is lost.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from briefing.api import write_atomic
from briefing.limits import Limits
from briefing.readers import decode

SUFFIXES = (".yaml", ".yml", ".md", ".markdown")
MAX_LISTED = 1000  # briefs listed at most (a huge tree is not walked to the end)
MAX_DEPTH = 4


class PathRefused(Exception):
    """A path outside the folder, not a brief, or otherwise not allowed (HTTP 400)."""


class NotFound(Exception):
    """No such brief (HTTP 404)."""


@dataclass(frozen=True)
class Conflict(Exception):
    """The file changed on disk since it was opened (HTTP 409)."""

    disk_text: str
    disk_version: str
    copy: str  # where the editor's text was kept, relative to the folder


def version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _usable(name: str) -> bool:
    """Listed only if it can be opened by name."""
    try:
        _check_name(name)
    except PathRefused:
        return False
    return True


def _check_name(part: str) -> None:
    """One file or folder name from a request: no line breaks, controls, bidi overrides
    or lone surrogates (not printable), no U+FFFD (a percent-escape that was not UTF-8),
    no spaces at its ends, and short enough for the file system (a longer one was an
    OSError: HTTP 500). Such names were saved as files no one could type."""
    if not part.isprintable() or "\ufffd" in part or part != part.strip():
        raise PathRefused(f"{part!r}: not a usable file name")
    if len(part.encode("utf-8")) > 255:
        raise PathRefused(f"{part[:40]}...: a file name is at most 255 bytes")


class Folder:
    def __init__(self, root: Path, limits: Limits) -> None:
        self.root = root.resolve(strict=True)
        self.limits = limits

    def resolve(self, relative: str) -> Path:
        """The file ``relative`` names, or PathRefused saying why."""
        if not relative or "\x00" in relative or "\\" in relative or len(relative) > 1000:
            raise PathRefused("not a usable path")
        pure = PurePosixPath(relative)
        if pure.is_absolute() or any(
            part in ("..", "") or part.startswith(".") for part in pure.parts
        ):
            raise PathRefused(f"{relative}: only paths inside the folder, without hidden parts")
        if pure.suffix.lower() not in SUFFIXES:
            raise PathRefused(f"{relative}: a brief ends in {', '.join(SUFFIXES)}")
        for part in pure.parts:
            _check_name(part)
        try:
            target = (self.root / pure).resolve()
        except OSError as exc:  # a loop of symlinks, say
            raise PathRefused(f"{relative}: {exc.strerror or 'not a usable path'}") from None
        if not target.is_relative_to(self.root):  # resolve() followed every symlink
            raise PathRefused(f"{relative}: leads outside the folder")
        return target

    def list(self) -> list[str]:
        """The briefs under the folder (symlinks not followed), sorted, at most MAX_LISTED."""
        found: list[str] = []
        stack = [(self.root, 0)]
        while stack and len(found) < MAX_LISTED:
            folder, depth = stack.pop()
            try:
                entries = sorted(folder.iterdir())
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(".") or entry.is_symlink() or not _usable(entry.name):
                    continue
                if entry.is_dir() and depth < MAX_DEPTH:
                    stack.append((entry, depth + 1))
                elif entry.is_file() and entry.suffix.lower() in SUFFIXES:
                    found.append(entry.relative_to(self.root).as_posix())
        return sorted(found)[:MAX_LISTED]

    def read(self, relative: str) -> tuple[str, str]:
        """(text, version) of a brief; BriefError for bytes that are not UTF-8."""
        data = self._bytes(self.resolve(relative), relative)
        return decode(data, relative), version(data)

    def translations(self, relative: str) -> tuple[tuple[str, str], ...]:
        """The texts of a Markdown brief's translation files (brief.az.md beside
        brief.md), as the editor's preview needs them; those leading outside are left out."""
        from briefing.readers.translations import translation_files

        path = self.resolve(relative)
        if path.suffix.lower() not in (".md", ".markdown"):
            return ()
        out = []
        for code, file in translation_files(path).items():
            if file.resolve().is_relative_to(self.root):
                name = file.relative_to(self.root).as_posix()
                out.append((code, decode(self._bytes(file, name), name)))
        return tuple(out)

    def _bytes(self, path: Path, relative: str) -> bytes:
        if not path.is_file():
            raise NotFound(f"{relative}: no such brief")
        try:
            with path.open("rb") as fh:
                data = fh.read(self.limits.input_bytes + 1)
        except OSError as exc:  # permission denied, or replaced by a folder meanwhile
            raise PathRefused(f"{relative}: cannot read: {exc.strerror}") from None
        if len(data) > self.limits.input_bytes:
            raise PathRefused(f"{relative}: over the input limit of {self.limits.input_mb:g} MB")
        return data

    def save(self, relative: str, text: str, opened: str | None) -> str:
        """Write ``text``; ``opened`` is the version the editor read, None for a new file.
        Returns the new version; Conflict if the file is not what the editor opened."""
        path = self.resolve(relative)
        if not path.parent.is_dir():
            raise PathRefused(f"{relative}: no such folder")
        data = text.encode("utf-8")
        exists = path.exists()
        current = self._bytes(path, relative) if exists else None
        if (opened is None and exists) or (
            opened is not None and (current is None or version(current) != opened)
        ):
            copy = self._conflict_copy(path, data)
            disk = decode(current, relative) if current is not None else ""
            raise Conflict(disk, version(current) if current is not None else "", copy)
        write_atomic(path, data)
        return version(data)

    def _conflict_copy(self, path: Path, data: bytes) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for n in range(1, 100):
            extra = f"-{n}" if n > 1 else ""
            copy = path.with_name(f"{path.stem}.conflict-{stamp}{extra}{path.suffix}")
            if not copy.exists():
                write_atomic(copy, data)
                return copy.relative_to(self.root).as_posix()
        raise PathRefused("too many conflict copies; resolve the conflict first")
