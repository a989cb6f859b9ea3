"""Everything that goes into the output folder: pages, feeds, data exports and the theme's assets."""

from __future__ import annotations

from pathlib import Path

from . import parallel
from .cache import BuildState, OutputFile
from .export import export_files, page_data_files
from .feeds import feed_files
from .graph import SiteGraph
from .progress import reporter
from .render import PageSpec, Renderer, page_specs, template_dirs
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

    Pages are rendered and written on every core: each worker renders a share
    of them straight into the new site folder and sends back only what it
    wrote. `previous` is what the last build wrote: files with the same bytes
    are hard-linked from the site being replaced instead of written again.
    """
    recover(out)
    check_output(out)
    before = previous.files if previous and previous.out == str(out.resolve()) else None
    renderer = Renderer(graph, root)
    renderer.compile_all()  # once, before forking
    specs = page_specs(graph)
    batches = _batches(specs)
    reporter.start("writing pages", len(specs))
    with SiteWriter(out, before) as writer:
        jobs = [("pages", batch) for batch in batches] + [("feeds", ()), ("exports", ()), ("search", ())]
        for written in parallel.run_tasks(_write_job, len(jobs), (renderer, writer, jobs), chunksize=1,
                                          parallel=len(specs) >= PARALLEL_PAGES):
            for relative, record, linked in written:
                writer.adopt(relative, record, linked)
            reporter.advance(len(written))
        for relative, source in asset_files(root).items():
            writer.copy_file(source, relative)
        count = writer.count
        writer.commit()
    reporter.finish()
    return count, writer.files


PARALLEL_PAGES = 300  # fewer pages than this: starting worker processes costs more than it saves
_BATCH = 64  # pages per task: big enough to make sending a task cheap, small enough to share the work evenly


def _batches(specs: list[PageSpec]) -> list[list[PageSpec]]:
    """The pages cut into tasks; the biggest pages (topics, years, indexes) first, alone, so no worker is
    left rendering a huge page at the end while the other waits."""
    heavy = [s for s in specs if s.kind not in ("articles", "tags", "entities")]
    light = [s for s in specs if s.kind in ("articles", "tags", "entities")]
    return [[s] for s in heavy] + [light[i : i + _BATCH] for i in range(0, len(light), _BATCH)]


def _write_job(index: int) -> list[tuple[str, OutputFile, bool]]:
    """A task: render one job's files and put them into the new site folder."""
    renderer, writer, jobs = parallel.shared()
    kind, specs = jobs[index]
    graph = renderer.graph
    if kind == "pages":
        files = [(spec.out, renderer.render(spec)) for spec in specs]
        files += [file for spec in specs if spec.kind for file in page_data_files(graph, spec.kind, spec.index)]
    else:
        files = {"feeds": feed_files, "exports": export_files, "search": search_files}[kind](graph)
    return [(relative, *writer.store(relative, data)) for relative, data in files]
