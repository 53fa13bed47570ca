"""Find or install the peers (and the measuring tools) the benchmark compares us with.

Each peer lives in its own environment under the cache folder (``benchmarks/.peers/``
by default), never in the project's: WeasyPrint and Typst pull in dependencies we do not
want to test against by accident, and a peer must never make ``briefing`` look faster or
slower by sharing its packages. Debian tools (pandoc, LibreOffice, hyperfine, GNU time)
come from apt-get when missing, because that is how a server would get them.

Nothing here raises for a peer that cannot be had: the result says why instead, so the
benchmark reports it in the table and goes on with the others.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_TIMEOUT = 900  # s; a cold pip or apt install on a slow mirror


@dataclass
class Peer:
    """One tool: how to call it, its version, or why it is not available."""

    name: str
    version: str = ""
    python: Path | None = None  # the interpreter of its own venv, for Python peers
    exe: Path | None = None  # the program, for command-line peers
    error: str = ""  # why it cannot be used; empty when it can
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error


class SetupError(Exception):
    """A peer could not be installed; the message is the reason shown in the table."""


def _tail(text: str, lines: int = 3) -> str:
    """The last few non-empty lines of a tool's output: where the real reason usually is."""
    kept = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " / ".join(kept[-lines:])[-400:]


def _run(argv: Sequence[str | Path], timeout: float = INSTALL_TIMEOUT) -> str:
    """Run a setup command; SetupError with its last output lines if it fails."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    try:
        done = subprocess.run(
            [str(a) for a in argv], capture_output=True, text=True, timeout=timeout, env=env
        )
    except subprocess.TimeoutExpired:
        raise SetupError(f"`{' '.join(map(str, argv[:4]))}` timed out after {timeout} s") from None
    except OSError as exc:
        raise SetupError(f"`{argv[0]}`: {exc.strerror}") from None
    if done.returncode != 0:
        raise SetupError(
            f"`{' '.join(map(str, argv[:5]))}` exited {done.returncode}: "
            f"{_tail(done.stderr or done.stdout)}"
        )
    return done.stdout


def apt_install(package: str) -> None:
    """apt-get install one Debian package, updating the lists once if the first try fails.

    Only as root (a benchmark must not prompt for a password); otherwise the reason says
    what to run.
    """
    if shutil.which("apt-get") is None:
        raise SetupError(f"not installed, and no apt-get here to install Debian {package!r}")
    if os.geteuid() != 0:
        raise SetupError(f"not installed; as root: apt-get install {package}")
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", package]
    try:
        _run(install)
    except SetupError:
        _run(["apt-get", "update", "-q"])
        _run(install)


class PeerCache:
    """The cache folder: one venv per Python peer, plus a scratch LibreOffice profile."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        # The cache is machine-local and large; it must never be committed.
        ignore = root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# benchmark peers and scratch files: never committed\n*\n")

    def venv(self, name: str, packages: Sequence[str]) -> Path:
        """A venv with ``packages`` installed; reused while the package list is unchanged."""
        where = self.root / name
        python = where / "bin" / "python"
        stamp = where / ".installed"
        wanted = "\n".join(packages)
        if python.exists() and stamp.exists() and stamp.read_text() == wanted:
            return python
        shutil.rmtree(where, ignore_errors=True)
        _run([sys.executable, "-m", "venv", where])
        _run([python, "-m", "pip", "install", "-q", *packages])
        stamp.write_text(wanted)
        return python


def _version_line(argv: Sequence[str | Path]) -> str:
    try:
        return _run(argv, timeout=120).strip().splitlines()[0]
    except (SetupError, IndexError):
        return "unknown version"


def typst(cache: PeerCache) -> Peer:
    """Typst through its Python bindings (PyPI ``typst``): compiles in one Python process."""
    peer = Peer("Typst")
    try:
        peer.python = cache.venv("typst", ["typst"])
        probe = (
            "import importlib.metadata as m, typst; "
            "print(m.version('typst'), typst.Compiler().eval('str(sys.version)').strip('\"'))"
        )
        binding, _, compiler = _version_line([peer.python, "-c", probe]).partition(" ")
        peer.version = f"Typst {compiler} (typst-py {binding})"
    except SetupError as exc:
        peer.error = f"pip install typst failed: {exc}"
    return peer


def weasyprint(cache: PeerCache) -> Peer:
    """WeasyPrint from PyPI in its own venv; it needs Pango from the system (Debian)."""
    peer = Peer("WeasyPrint")
    try:
        peer.python = cache.venv("weasyprint", ["weasyprint"])
        info = _run([peer.python, "-m", "weasyprint", "--info"], timeout=120)
    except SetupError as exc:
        if peer.python is None:
            peer.error = f"pip install weasyprint failed: {exc}"
        else:  # installed, but does not start: usually a missing system library
            peer.error = f"installed but does not start: {exc}"
        return peer
    fields = dict(
        line.split(":", 1) for line in info.splitlines() if ":" in line and not line[0].isspace()
    )
    peer.version = fields.get("WeasyPrint version", "?").strip()
    pango = fields.get("Pango version", "").strip()
    if pango.isdigit():  # reported as one number, 15012 for 1.50.12
        number = int(pango)
        pango = f"{number // 10000}.{number // 100 % 100}.{number % 100}"
    if pango:
        peer.version += f" (Pango {pango})"
    return peer


def pandoc(cache: PeerCache) -> Peer:
    """pandoc: the Debian package if it can be had, else the binary shipped by PyPI's
    ``pypandoc-binary`` (a registry package, so allowed here) in its own venv."""
    peer = Peer("pandoc")
    found = shutil.which("pandoc")
    debian_error = ""
    if found is None:
        try:
            apt_install("pandoc")
            found = shutil.which("pandoc")
        except SetupError as exc:
            debian_error = str(exc)
    if found is None:
        try:
            python = cache.venv("pandoc", ["pypandoc-binary"])
            found = _run(
                [python, "-c", "import pypandoc; print(pypandoc.get_pandoc_path())"]
            ).strip()
            peer.notes.append("from PyPI pypandoc-binary (Debian pandoc failed)")
        except SetupError as exc:
            peer.error = f"Debian: {debian_error}; PyPI pypandoc-binary: {exc}"
            return peer
    peer.exe = Path(found)
    peer.version = _version_line([peer.exe, "--version"])
    return peer


def libreoffice(cache: PeerCache) -> Peer:
    """LibreOffice headless (Debian ``libreoffice-writer-nogui``): Word's "Save as PDF"."""
    peer = Peer("LibreOffice")
    found = shutil.which("soffice")
    if found is None:
        try:
            apt_install("libreoffice-writer-nogui")
            found = shutil.which("soffice")
        except SetupError as exc:
            peer.error = str(exc)
            return peer
    if found is None:
        peer.error = "libreoffice-writer-nogui installed but no soffice on PATH"
        return peer
    peer.exe = Path(found)
    peer.version = _version_line([peer.exe, "--version"])
    return peer


def debian_tool(name: str, program: str, package: str, version_argv: Sequence[str]) -> Peer:
    """A measuring tool from Debian (hyperfine, GNU time), installed when missing."""
    peer = Peer(name)
    found = shutil.which(program) or (program if Path(program).is_absolute() else None)
    if found is None or not Path(found).exists():
        try:
            apt_install(package)
            found = shutil.which(program)
        except SetupError as exc:
            peer.error = str(exc)
            return peer
    if found is None:
        peer.error = f"{package} installed but {program} not found"
        return peer
    peer.exe = Path(found)
    peer.version = _version_line([peer.exe, *version_argv])
    if "UNKNOWN" in peer.version and shutil.which("dpkg-query"):  # Debian's GNU time says so
        debian = _version_line(["dpkg-query", "-W", "-f", "${Version}", package])
        peer.version = peer.version.replace("UNKNOWN", f"(Debian {package} {debian})")
    return peer


def briefing(cache: PeerCache, root: Path) -> Peer:
    """briefing as a user gets it from the README: ``pip install .`` into a fresh venv.

    Measuring the interpreter the benchmark runs in would add whatever that Python has
    installed to every start-up (on this machine a site-packages with a hundred
    packages cost 0.14 s before any of our code ran). The venv is kept; the project is
    reinstalled on every run so the code measured is the code in the clone.
    """
    peer = Peer("briefing")
    deps = hashlib.sha256((root / "pyproject.toml").read_bytes()).hexdigest()
    stamp = cache.root / "briefing" / ".pyproject"
    if stamp.exists() and stamp.read_text() != deps:  # dependencies may have changed
        shutil.rmtree(cache.root / "briefing")
    try:
        python = cache.venv("briefing", [str(root)])
        stamp.write_text(deps)
        _run([python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", root])
        peer.exe = python.with_name("briefing")
        peer.python = python
        peer.version = _version_line([python, "-m", "briefing", "--version"])
    except SetupError as exc:
        peer.error = f"pip install . into a venv failed: {exc}"
    return peer
