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
    """Collects the new site in a folder of its own; `commit` swaps it in, `abort` throws it away.

    The folder is either a new one beside the output folder, or the spare:
    the site the build before last wrote, kept (in the build cache's folder)
    for the purpose. Bringing the spare up to date touches only the files that
    differ, which for a one-article edit of a 10,000-article site is a few
    dozen instead of creating some 30,000 folders and links. Either way the
    output folder itself is never written into, so a build that fails or is
    killed leaves it as it was; after the swap the site it replaced becomes the
    next build's spare.
    """

    def __init__(self, out: Path, previous: dict[str, OutputFile] | None = None,
                 spare: Path | None = None, spare_files: dict[str, OutputFile] | None = None):
        self.out = out
        self.count = 0
        self.linked = 0
        self.previous = previous or {}  # the site being replaced, as the last build recorded it
        self.files: dict[str, OutputFile] = {}  # what this build wrote, for the next build
        self._folders: set[Path] = set()
        self.spare = spare if spare is not None and _same_device(spare.parent, out.parent) else None
        usable = self.spare is not None and spare_files is not None and (self.spare / MARKER).is_file()
        self.spare_files = spare_files if usable else None  # the spare's files, when it is brought up to date
        self.in_place = self.spare_files is not None
        self.temp = self.spare if self.in_place else out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:12]}"
        self._committed = False

    def __enter__(self) -> "SiteWriter":
        self.out.parent.mkdir(parents=True, exist_ok=True)
        if not self.in_place:
            self.temp.mkdir()
        (self.temp / _BUILDING).write_text("A factsheet build is writing here.\n", encoding="utf-8")
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self._committed:
            self.abort()

    def write(self, relative: str, data: bytes) -> None:
        self.adopt(relative, *self.store(relative, data))

    def store(self, relative: str, data: bytes, fingerprint: str = "") -> tuple[OutputFile, bool]:
        """Put one file into the new site; returns its record and whether it was linked rather than written.

        Touches nothing but the file, so worker processes forked from the
        build call it too and hand the results to `adopt` in the parent.
        """
        hash_ = digest(data)
        kept = self._kept(relative, hash_, fingerprint)
        if kept:
            return kept, True
        path = self._folder_for(relative)
        linked = self._link_unchanged(relative, path, hash_, len(data))
        if not linked:
            self._put(path, lambda target: _create(target, data))
        st = path.stat()
        return OutputFile(st.st_size, st.st_mtime_ns, st.st_ino, hash_, fingerprint), linked

    def reuse(self, relative: str, fingerprint: str) -> OutputFile | None:
        """The last build's file, when it was made from the same inputs (`fingerprint`) and is still there.

        None: the caller renders the file and `store`s it.
        """
        before = self.previous.get(relative)
        if not fingerprint or before is None or before.fingerprint != fingerprint:
            return None
        kept = self._kept(relative, before.hash, fingerprint)
        if kept:
            return kept
        path = self._folder_for(relative)
        if not self._link_unchanged(relative, path, before.hash, before.size):
            return None
        st = path.stat()
        return OutputFile(st.st_size, st.st_mtime_ns, st.st_ino, before.hash, fingerprint)

    def _kept(self, relative: str, hash_: str, fingerprint: str) -> OutputFile | None:
        """The spare's own copy of a file, when it already holds these bytes."""
        if self.spare_files is None:
            return None
        had = self.spare_files.get(relative)
        if had is None or had.hash != hash_:
            return None
        try:  # a file of the spare may be a hard link to the live site's, which someone may have edited
            st = os.stat(safe_join(self.temp, relative))
        except OSError:
            return None
        if (st.st_size, st.st_mtime_ns, st.st_ino) != (had.size, had.mtime_ns, had.inode):
            return None
        return OutputFile(had.size, had.mtime_ns, had.inode, had.hash, fingerprint)

    def _folder_for(self, relative: str) -> Path:
        path = safe_join(self.temp, relative)
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        return path

    def _put(self, path: Path, make) -> None:
        """Create `path` with make(target), which must refuse an existing target.

        A file already there (any file of the spare, or one put in place
        earlier in this build) may be a hard link shared with the live site:
        it is replaced by a new file, never written into.
        """
        if not self.in_place:
            try:
                make(path)
                return
            except FileExistsError:
                pass
        temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.new")
        try:
            make(temp)
            os.replace(temp, path)
        finally:
            temp.unlink(missing_ok=True)

    def adopt(self, relative: str, record: OutputFile, linked: bool) -> None:
        """Count a file `store` or `reuse` put in place (here or in a worker)."""
        self.files[relative] = record
        self.linked += linked
        self.count += 1

    def _link_unchanged(self, relative: str, path: Path, hash_: str, size: int) -> bool:
        """Hard-link the live site's file when it holds these very bytes: nothing is written, its date stays.

        The live file is used only if it is still exactly as the last build
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
            self._put(path, lambda target: os.link(old, target))
        except OSError:
            return False
        return True

    def copy_file(self, source: Path, relative: str) -> None:
        self.write(relative, source.read_bytes())

    def _drop_stale(self) -> None:
        """In the spare: delete the files the new site does not have, and folders left empty."""
        folders = set()
        for relative in self.spare_files or {}:
            if relative not in self.files and relative != MARKER:
                path = safe_join(self.temp, relative)
                path.unlink(missing_ok=True)
                folders.add(path.parent)
        for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
            while folder != self.temp:
                try:
                    folder.rmdir()  # only if empty
                except OSError:
                    break
                folder = folder.parent

    def commit(self) -> dict[str, OutputFile] | None:
        """Swap the new site in. Returns the files of the site it replaced when that site is now the
        spare (as the last build recorded them), None when it was deleted."""
        if self.in_place:
            self._drop_stale()
        marker = self.temp / MARKER
        if not marker.is_file():
            marker.write_text(MARKER_TEXT, encoding="utf-8")
        st = marker.stat()
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
            self._committed = True
        if parked is None:
            return None
        if self.spare is not None and (self.previous or self.in_place):
            try:
                if parked != self.spare:
                    if self.spare.exists():
                        _remove(self.spare)
                    os.replace(parked, self.spare)
                return dict(self.previous)
            except OSError:
                pass
        _remove(parked)
        return None

    def abort(self) -> None:
        if self.in_place:
            return  # the spare is only half brought up to date: the build state no longer vouches for it
        if self.temp.exists():
            _remove(self.temp)


def _create(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:  # "x": never open an existing file, which may be the live site's
        handle.write(data)


def _same_device(a: Path, b: Path) -> bool:
    """Folders on one file system: the only place a folder can be renamed or swapped into the other."""
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False
