"""Everything that goes into the output folder: pages, feeds, data exports and the theme's assets."""

from __future__ import annotations

import pickle
from pathlib import Path

from . import parallel
from .cache import BuildState, OutputFile
from ..site.export import export_files, page_data_file, page_data_path
from ..content.static import output_path
from .fingerprint import fingerprint_base, page_fingerprint
from ..site.feeds import feed_files
from ..site.graph import SiteGraph
from .progress import reporter
from ..site.render import PageSpec, Renderer, page_specs, template_dirs
from ..site.search import search_files
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


class StaticConflict(Exception):
    """Files of static/ that would replace files the build generates: (static path, generated path) pairs."""

    def __init__(self, clashes: list[tuple[str, str]]):
        super().__init__(", ".join(f"{a} -> {b}" for a, b in clashes))
        self.clashes = clashes


def write_site(graph: SiteGraph, root: Path, out: Path, previous: BuildState | None = None,
               spare: Path | None = None, static=(), counts: dict | None = None) -> tuple[int, dict, dict | None]:
    """Write the whole site atomically; returns the number of files, what each is, and the files of the
    site it replaced when that site was kept as the spare at `spare` (see SiteWriter).

    Pages are rendered and written on every core: each worker renders a share
    of them straight into the new site folder and sends back only what it
    wrote. `static` are the files of static/ (pipeline.ContentFile), copied
    last. `counts`, when given, gets how many files were reused (hard-linked
    or kept) from the last build. A page whose fingerprint (`fingerprint.py`) is the one the last
    build recorded is not rendered at all: the last build's file is reused.
    """
    recover(out)
    check_output(out)
    before = previous.files if previous and previous.out == str(out.resolve()) else None
    spare_files = previous.spare_files if before is not None else None
    renderer = Renderer(graph, root)
    renderer.compile_all()  # once, before forking
    specs = page_specs(graph)
    base = fingerprint_base(graph, root)
    batches = _batches(specs)
    reporter.start("writing pages", len(specs))
    with SiteWriter(out, before, spare, spare_files) as writer:
        # the site-wide files first: each is one long task, which one worker does while the others render pages
        jobs = [("search", ()), ("exports", ()), ("feeds", ())] + [("pages", batch) for batch in batches]
        for written in parallel.run_tasks(_write_job, len(jobs), (renderer, writer, jobs, base), chunksize=1,
                                          parallel=len(specs) >= PARALLEL_PAGES):
            for relative, record, linked in written:
                writer.adopt(relative, record, linked)
            reporter.advance(len(written))
        for relative, source in asset_files(root).items():
            writer.copy_file(source, relative)
        # static/ last, once every generated file is known: one of them is never replaced
        clashes = [(f.rel, output_path(f.rel)) for f in static if output_path(f.rel) in writer.files]
        if clashes:
            raise StaticConflict(clashes)  # the writer throws the new site away; the live one stays
        for f in static:
            # a file whose bytes (by the hash the inputs recorded) are the last build's is linked unread:
            # static/ may hold many megabytes of images
            relative, fingerprint = output_path(f.rel), f"static:{f.digest}"
            record = writer.reuse(relative, fingerprint)
            if record:
                writer.adopt(relative, record, True)
            else:
                writer.adopt(relative, *writer.store(relative, f.data, fingerprint))
        count = writer.count
        replaced = writer.commit()
    if counts is not None:
        counts["reused"] = writer.linked
    reporter.finish()
    return count, writer.files, replaced


# fewer pages than this: starting worker processes costs more than it saves (a big site forks even to
# render a few changed pages: checking every page's fingerprint is most of such a build's work)
PARALLEL_PAGES = 300
_BATCH = 64  # pages per task: big enough to make sending a task cheap, small enough to share the work evenly


def _batches(specs: list[PageSpec]) -> list[list[PageSpec]]:
    """The pages cut into tasks; the biggest pages (topics, years, indexes) first, alone, so no worker is
    left rendering a huge page at the end while the other waits."""
    light_kinds = ("articles", "tags", "entities")
    heavy = [s for s in specs if s.kind not in light_kinds and s.template != "archive.html"]
    light = [s for s in specs if s.kind in light_kinds or s.template == "archive.html"]
    return [[s] for s in heavy] + [light[i : i + _BATCH] for i in range(0, len(light), _BATCH)]


def _write_job(index: int) -> list[tuple[str, OutputFile, bool]]:
    """A task: render one job's files (or reuse the last build's) and put them into the new site folder."""
    renderer, writer, jobs, base = parallel.shared()
    kind, items = jobs[index]
    graph = renderer.graph
    if kind != "pages":
        if kind == "search":
            with parallel.collector_paused():   # the shards are many small objects, none of them garbage
                files = list(search_files(graph, {p.article.slug: pickle.loads(p.search)
                                                  for p in graph.articles if p.search}))
        else:
            files = {"feeds": feed_files, "exports": export_files}[kind](graph)
        return [(relative, *writer.store(relative, data)) for relative, data in files]
    written = []
    for spec in items:
        fingerprint = page_fingerprint(graph, spec, base)
        data_path = page_data_path(graph, spec.kind, spec.index) if spec.kind else None
        outputs = [spec.out] + ([data_path] if data_path else [])
        reused = [writer.reuse(path, fingerprint) for path in outputs] if fingerprint else [None]
        if all(reused):
            written += [(path, record, True) for path, record in zip(outputs, reused)]
            continue
        written.append((spec.out, *writer.store(spec.out, renderer.render(spec), fingerprint or "")))
        if data_path:
            written.append((data_path, *writer.store(data_path, page_data_file(graph, spec.kind, spec.index),
                                                     fingerprint or "")))
    return written
