"""Everything that goes into the output folder: pages, feeds, data exports and the theme's assets."""

from __future__ import annotations

from pathlib import Path

from .export import export_files
from .feeds import feed_files
from .cache import BuildState
from .graph import SiteGraph
from .progress import reporter
from .render import render_site, template_dirs
from .search import search_files
from .write import SiteWriter, check_output, recover


def asset_files(root: Path) -> dict[str, Path]:
    """The theme's assets/ folder, with the user's templates/assets/ files taking precedence."""
    files: dict[str, Path] = {}
    for folder in reversed(template_dirs(root)):  # default theme first, so the user's files overwrite
        assets = folder / "assets"
        if not assets.is_dir():
            continue
        for path in sorted(assets.rglob("*")):
            if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                files[f"assets/{path.relative_to(assets).as_posix()}"] = path
    return files


def write_site(graph: SiteGraph, root: Path, out: Path, previous: BuildState | None = None) -> tuple[int, dict]:
    """Write the whole site atomically; returns the number of files written and what each is.

    `previous` is what the last build wrote: files with the same bytes are
    hard-linked from the site being replaced instead of written again.
    """
    recover(out)
    check_output(out)
    before = previous.files if previous and previous.out == str(out.resolve()) else None
    reporter.start("writing pages")
    with SiteWriter(out, before) as writer:
        for relative, data in render_site(graph, root):
            writer.write(relative, data)
            reporter.advance()
        for relative, data in feed_files(graph):
            writer.write(relative, data)
        for relative, data in export_files(graph):
            writer.write(relative, data)
        for relative, data in search_files(graph):
            writer.write(relative, data)
        for relative, source in asset_files(root).items():
            writer.copy_file(source, relative)
        count = writer.count
        writer.commit()
    reporter.finish()
    return count, writer.files
