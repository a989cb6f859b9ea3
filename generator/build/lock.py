"""One build at a time per site folder.

`factsheet build` holds an exclusive lock on `.factsheet.lock` in the site
folder for as long as it runs. A second build started meanwhile does not
wait: it stops at once with `SiteBusy`, whose message names the process that
holds the lock, so the two can never write the same output or cache.

The lock is `fcntl.flock` on an open file: the operating system releases it
when the holder exits, however it exits (even SIGKILL), so a stale lock file
never blocks the next build; the file itself is left in place (deleting it
would let two builds lock two different files). Where `fcntl` does not exist
(Windows), builds are not locked.
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

LOCK_FILE = ".factsheet.lock"


class SiteBusy(Exception):
    """Another build holds the site folder's lock."""

    def __init__(self, pid: int | None):
        holder = f" (pid {pid})" if pid else ""
        super().__init__(f"another factsheet build is running in this folder{holder}; wait for it to finish")
        self.pid = pid


@contextlib.contextmanager
def site_lock(root: Path) -> Iterator[None]:
    """Hold the site's build lock for the duration of the block; raise SiteBusy if it is taken."""
    if fcntl is None:
        yield
        return
    path = root / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SiteBusy(_holder(fd)) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _holder(fd: int) -> int | None:
    """The pid the lock's holder wrote into the file, if it is readable."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None
