"""Stage 7: writing the site, all or nothing.

The new site is written into a hidden sibling folder and swapped in only when
every file is there, so a failed or interrupted build leaves the previous
`site/` as it was. On Linux the swap is one atomic exchange; elsewhere it is
two renames, and if a build is killed between them, the next build finds the
previous site under its parked name and puts it back before doing anything
else. SIGINT and SIGTERM wait until the swap is over.

The output folder carries a marker file. A folder without it that is not
empty was not made by factsheet, and the build refuses to replace it: it
never deletes anything it did not create.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import sys
import uuid
from pathlib import Path, PurePosixPath

from .cache import OutputFile, digest

MARKER = ".factsheet-site"
MARKER_TEXT = "This folder is written by `factsheet build`; it is replaced on every build.\n"
_BUILDING = ".factsheet-building"


class OutputError(Exception):
    """The output folder cannot be written safely; the message says why and what to do."""


def _parked(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.old-*"))


def _is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file() or (folder / _BUILDING).is_file()


def _remove(folder: Path) -> None:
    """Delete a folder of ours, its markers last: a build killed halfway through
    deleting leaves a folder the next build still recognises as its own."""
    markers = {MARKER, _BUILDING}
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name in markers:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)


def recover(out: Path) -> None:
    """Undo what an interrupted build left behind: restore a parked site, drop half-written ones."""
    if not out.parent.is_dir():
        return
    for parked in _parked(out):
        if not _is_ours(parked):
            continue
        if not out.exists():
            os.replace(parked, out)  # killed between the two renames: the previous site comes back
        else:
            _remove(parked)
    for temp in out.parent.glob(f".{out.name}.tmp-*"):
        if _is_ours(temp):
            _remove(temp)
        elif temp.is_dir() and not temp.is_symlink() and not any(temp.iterdir()):
            temp.rmdir()  # killed between creating the folder and marking it: empty, so nothing to lose


def check_output(out: Path) -> None:
    """Refuse an output folder that holds files factsheet did not write."""
    if out.is_symlink():
        raise OutputError(f"{out} is a symbolic link; choose a real folder with --out")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputError(
            f"refusing to replace {out}: it is not empty and was not written by factsheet "
            f"(no {MARKER} file in it); empty it, or choose another folder with --out"
        )


def safe_join(base: Path, relative: str) -> Path:
    """base/relative, refusing anything that could land outside base."""
    parts = PurePosixPath(relative).parts
    if (
        not parts
        or relative.startswith(("/", "\\"))
        or any(p in ("..", ".", "") or "\\" in p or ":" in p or "\x00" in p for p in parts)
    ):
        raise OutputError(f"refusing to write outside the output folder: {relative!r}")
    return base.joinpath(*parts)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux's renameat2 RENAME_EXCHANGE); False where unsupported.

    Even SIGKILL cannot then leave the output folder missing. Elsewhere the
    caller falls back to two renames, and `recover` repairs the gap between them.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without renameat2 (glibc < 2.28, musl)
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


@contextlib.contextmanager
def _signals_deferred():
    """Hold SIGINT and SIGTERM until the block is done (delivered right after), where the OS allows."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class SiteWriter:
    """Collects the new site in a temporary folder; `commit` swaps it in, `abort` throws it away."""

    def __init__(self, out: Path, previous: dict[str, OutputFile] | None = None):
        self.out = out
        self.temp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:12]}"
        self.count = 0
        self.linked = 0
        self.previous = previous or {}  # the site being replaced, as the last build recorded it
        self.files: dict[str, OutputFile] = {}  # what this build wrote, for the next build
        self._folders: set[Path] = set()

    def __enter__(self) -> "SiteWriter":
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.temp.mkdir()
        (self.temp / _BUILDING).write_text("A factsheet build is writing here.\n", encoding="utf-8")
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None or self.temp.exists():
            self.abort()

    def write(self, relative: str, data: bytes) -> None:
        self.adopt(relative, *self.store(relative, data))

    def store(self, relative: str, data: bytes) -> tuple[OutputFile, bool]:
        """Put one file into the new site; returns its record and whether it was linked rather than written.

        Touches nothing but the file, so worker processes forked from the
        build call it too and hand the results to `adopt` in the parent.
        """
        path = safe_join(self.temp, relative)
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        hash_ = digest(data)
        linked = self._link_unchanged(relative, path, hash_, len(data))
        if not linked:
            path.write_bytes(data)
        st = path.stat()
        return OutputFile(st.st_size, st.st_mtime_ns, st.st_ino, hash_), linked

    def adopt(self, relative: str, record: OutputFile, linked: bool) -> None:
        """Count a file `store` put in place (here or in a worker)."""
        self.files[relative] = record
        self.linked += linked
        self.count += 1

    def _link_unchanged(self, relative: str, path: Path, hash_: str, size: int) -> bool:
        """Hard-link the previous site's file when it holds these very bytes: nothing is written, its date stays.

        The previous file is used only if it is still exactly as the last build
        left it (size, modification time and inode); otherwise, or where links
        are not possible, the caller writes the bytes.
        """
        before = self.previous.get(relative)
        if before is None or before.hash != hash_ or before.size != size:
            return False
        old = safe_join(self.out, relative)
        try:
            st = old.stat()
            if (st.st_size, st.st_mtime_ns, st.st_ino) != (before.size, before.mtime_ns, before.inode):
                return False
            os.link(old, path)
        except OSError:
            return False
        return True

    def copy_file(self, source: Path, relative: str) -> None:
        self.write(relative, source.read_bytes())

    def commit(self) -> None:
        (self.temp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        st = (self.temp / MARKER).stat()
        self.files[MARKER] = OutputFile(st.st_size, st.st_mtime_ns, st.st_ino, digest(MARKER_TEXT.encode("utf-8")))
        (self.temp / _BUILDING).unlink()
        parked = None
        with _signals_deferred():  # Ctrl-C or SIGTERM waits until the swap is done
            if self.out.exists() and _exchange(self.temp, self.out):
                parked = self.temp  # one atomic step: there is never a moment without a site
            elif self.out.exists():
                parked = self.out.parent / f".{self.out.name}.old-{uuid.uuid4().hex[:12]}"
                os.replace(self.out, parked)
                os.replace(self.temp, self.out)
            else:
                os.replace(self.temp, self.out)
        if parked is not None:
            _remove(parked)

    def abort(self) -> None:
        if self.temp.exists():
            _remove(self.temp)
