"""Stage 7: writing the site, all or nothing.

The new site is written into a hidden sibling folder and swapped in with two
renames only when every file is there, so a failed or interrupted build
leaves the previous `site/` as it was. If a build is killed between the two
renames, the next build finds the previous site under its parked name and
puts it back before doing anything else.

The output folder carries a marker file. A folder without it that is not
empty was not made by factsheet, and the build refuses to replace it: it
never deletes anything it did not create.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path, PurePosixPath

MARKER = ".factsheet-site"
MARKER_TEXT = "This folder is written by `factsheet build`; it is replaced on every build.\n"
_BUILDING = ".factsheet-building"


class OutputError(Exception):
    """The output folder cannot be written safely; the message says why and what to do."""


def _parked(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.old-*"))


def _is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file() or (folder / _BUILDING).is_file()


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
            shutil.rmtree(parked, ignore_errors=True)
    for temp in out.parent.glob(f".{out.name}.tmp-*"):
        if _is_ours(temp):
            shutil.rmtree(temp, ignore_errors=True)


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


class SiteWriter:
    """Collects the new site in a temporary folder; `commit` swaps it in, `abort` throws it away."""

    def __init__(self, out: Path):
        self.out = out
        self.temp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:12]}"
        self.count = 0

    def __enter__(self) -> "SiteWriter":
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.temp.mkdir()
        (self.temp / _BUILDING).write_text("A factsheet build is writing here.\n", encoding="utf-8")
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None or self.temp.exists():
            self.abort()

    def write(self, relative: str, data: bytes) -> None:
        path = safe_join(self.temp, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.count += 1

    def copy_file(self, source: Path, relative: str) -> None:
        self.write(relative, source.read_bytes())

    def commit(self) -> None:
        (self.temp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        (self.temp / _BUILDING).unlink()
        parked = None
        if self.out.exists():
            parked = self.out.parent / f".{self.out.name}.old-{uuid.uuid4().hex[:12]}"
            os.replace(self.out, parked)
        os.replace(self.temp, self.out)
        if parked is not None:
            shutil.rmtree(parked, ignore_errors=True)

    def abort(self) -> None:
        if self.temp.exists():
            shutil.rmtree(self.temp, ignore_errors=True)
