"""Where a figure's image may come from: a file inside the brief's folder, nothing else.

A brief is untrusted: its image path could point at ``/etc/passwd``, climb out with
``../``, follow a symlink out of the folder, or name a URL for us to fetch. Each is
refused with a message that says which rule it broke; the file is read only up to the
image-mb limit, whatever its size claims.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from briefing.errors import KeyPath
from briefing.limits import Limits, hint

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class PathRefused(Exception):
    """A figure that cannot be shown: the message, and the path in the brief it is about."""

    def __init__(self, path: KeyPath, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def shown(name: str) -> str:
    """A path as a message shows it: quoted with escapes when it holds a character that
    does not print (a line break would split the message into lines without a place)."""
    return name if name.isprintable() else repr(name)


def image_bytes(base: Path, raw: str, limits: Limits, at: KeyPath) -> bytes:
    """The bytes of the file ``raw`` names, relative to ``base`` and inside it."""
    target = resolve(base, raw, at)
    raw = shown(raw)
    try:
        info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            raise PathRefused(at, f"{raw}: not a regular file")
        with target.open("rb") as fh:  # no more than the limit, whatever stat said
            data = fh.read(limits.image_bytes + 1)
    except FileNotFoundError:
        raise PathRefused(at, f"{raw}: no such image file beside the brief") from None
    except PermissionError:
        raise PathRefused(at, f"{raw}: cannot read: permission denied") from None
    except OSError as exc:
        raise PathRefused(at, f"{raw}: cannot read: {exc.strerror}") from None
    if len(data) > limits.image_bytes:
        raise PathRefused(
            at,
            f"{raw}: the image is over the image-mb limit of {limits.image_mb:g} MB; "
            f"{hint('image_mb')}",
        )
    return data


def resolve(base: Path, raw: str, at: KeyPath) -> Path:
    """``base / raw`` if it names a file inside ``base`` (after symlinks), else refused."""
    text = raw.strip()
    if not text:
        raise PathRefused(at, "an image needs a file name")
    if "\x00" in text:
        raise PathRefused(at, "an image path cannot hold U+0000")
    name = shown(text)
    windows = PureWindowsPath(text)
    if _SCHEME.match(text) and not windows.drive:
        raise PathRefused(
            at,
            f"{name}: a URL; briefing fetches nothing from the network: save the image "
            "in the brief's folder and name the file",
        )
    posix = PurePosixPath(text.replace("\\", "/"))
    if posix.is_absolute() or windows.drive or windows.root:
        raise PathRefused(at, f"{name}: an absolute path; name the image relative to the brief")
    if ".." in posix.parts:
        raise PathRefused(at, f"{name}: leaves the brief's folder (..); images stay beside it")
    try:
        root = base.resolve()
        target = (root / posix).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise PathRefused(at, f"{name}: cannot be followed: {exc}") from None
    if not target.is_relative_to(root):
        raise PathRefused(at, f"{name}: a link out of the brief's folder; images stay beside it")
    return target
