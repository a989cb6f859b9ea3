"""The `static/` folder: files copied into the site as they are (images, CNAME, favicon.ico…).

Only what the user put in `static/` is published: a symbolic link that leads
outside it is refused, like one that leads out of `content/`, and a folder
reached through a link is never followed. Hidden files are skipped (an editor's
or the operating system's), except `.well-known/` and `.nojekyll`, which
hosts read.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import Diagnostics, SourceLocation
from .load import relative_path

STATIC_DIR = "static"
_HIDDEN_KEPT = (".well-known", ".nojekyll")


def discover_static(root: Path, diagnostics: Diagnostics) -> list[Path]:
    """Every file under root/static to publish, in a stable order."""
    static = root / STATIC_DIR
    if not static.is_dir() or static.is_symlink():
        if static.is_symlink():
            diagnostics.error(SourceLocation(STATIC_DIR), "static/ is a symbolic link; make it a real folder")
        return []
    real = static.resolve()
    found: list[Path] = []
    folders = [static]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as error:
            diagnostics.error(SourceLocation(relative_path(folder, root)), f"cannot read folder: {error.strerror}")
            continue
        subfolders = []
        for entry in entries:
            if _skipped(entry.name):
                continue
            path = Path(entry.path)
            problem = _name_problem(entry.name)
            if problem:
                diagnostics.error(SourceLocation(_printable(relative_path(path, root))),
                                  f"cannot publish this file: {problem}; rename it")
                continue
            if entry.is_symlink():
                target = path.resolve()
                if target != real and real not in target.parents:
                    diagnostics.error(SourceLocation(relative_path(path, root)),
                                      "symbolic link points outside static/; refusing to publish it "
                                      "(copy the file in instead)")
                elif target.is_file():
                    found.append(path)
                continue  # a linked folder is never followed: it could loop
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(path)
            elif entry.is_file(follow_symlinks=False):
                found.append(path)
        folders.extend(reversed(subfolders))
    return found


def _skipped(name: str) -> bool:
    if name.startswith(".") and name not in _HIDDEN_KEPT:
        return True
    return name.endswith(("~", ".swp", ".tmp"))


def _name_problem(name: str) -> str | None:
    """Why a name cannot be an address of the site, or None.

    ':' and '\\' are refused by the writer everywhere (they mean drive letters
    and folders on Windows), and an address must be text.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "its name is not UTF-8 text"
    if ":" in name or "\\" in name:
        return "its name has ':' or '\\', which cannot be part of an address on every system"
    return None


def _printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def output_path(rel: str) -> str:
    """'static/img/a.png' → 'img/a.png', where the file goes in the site."""
    return rel[len(STATIC_DIR) + 1:]
