"""One build at a time per site folder.

`factsheet build` holds an exclusive lock on `.factsheet.lock` in the site
folder for as long as it runs. A second build started meanwhile does not
wait: it stops at once with `SiteBusy`, whose message names the process that
holds the lock, so the two can never write the same output or cache.

The lock is one the operating system releases when the holder exits, however
it exits (even SIGKILL), so a stale lock file never blocks the next build;
the file itself is left in place (deleting it would let two builds lock two
different files). On Unix it is `fcntl.flock` on the whole file. On Windows
it is `msvcrt.locking` on one byte far past the end of the file: Windows
locks are mandatory, and a locked byte cannot be read, so the lock must not
cover the holder's pid at the start of the file, which the second build
reads to name it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
try:
    import msvcrt
except ImportError:  # anywhere but Windows
    msvcrt = None  # type: ignore[assignment]

LOCK_FILE = ".factsheet.lock"
WINDOWS_LOCK_OFFSET = 1 << 30  # the byte locked on Windows: past any pid ever written at the start


class SiteBusy(Exception):
    """Another build holds the site folder's lock."""

    def __init__(self, pid: int | None):
        holder = f" (pid {pid})" if pid else ""
        super().__init__(f"another factsheet build is running in this folder{holder}; wait for it to finish")
        self.pid = pid


@contextlib.contextmanager
def site_lock(root: Path) -> Iterator[None]:
    """Hold the site's build lock for the duration of the block; raise SiteBusy if it is taken."""
    if fcntl is None and msvcrt is None:  # neither Unix nor Windows: nothing to lock with
        yield
        return
    path = root / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    try:
        if not _lock(fd):
            raise SiteBusy(_holder(fd))
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)  # closing the descriptor releases the lock in any case


def _lock(fd: int) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)  # msvcrt.locking locks from the current position
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:  # held by another process (msvcrt raises OSError, EDEADLOCK or EACCES)
        return False
    return True


def _unlock(fd: int) -> None:
    """Release the lock before closing (Windows releases a closed file's locks only eventually)."""
    if fcntl is not None:
        return  # flock's lock goes with the descriptor
    with contextlib.suppress(OSError):
        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _holder(fd: int) -> int | None:
    """The pid the lock's holder wrote into the file, if it is readable."""
    try:
        if hasattr(os, "pread"):
            data = os.pread(fd, 32, 0)
        else:  # Windows has no pread
            os.lseek(fd, 0, os.SEEK_SET)
            data = os.read(fd, 32)
        text = data.decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None
