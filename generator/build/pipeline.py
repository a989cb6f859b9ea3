"""The build: every stage in order, nothing written until everything has been read and checked.

    content/ ──load──▶ Documents ──validate──▶ Articles ──extract/merge──▶ facts
             ──graph──▶ topics, tags, entities, timelines ──render──▶ pages ──write──▶ site/

An article's result (its page data and the problems found in it) depends only
on its bytes, the settings and the code, so it is kept in the build cache
(`cache.py`) and an unchanged article is never read twice. The articles the
cache does not have are read in parallel, one process per core, when there
are enough of them to pay for starting the processes. A build whose inputs
all match the last good build leaves the site as it is.
"""

from __future__ import annotations

import os
import pickle
import time
from datetime import date
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import parallel
from .cache import BuildCache, BuildState, cache_folder, code_fingerprint, digest, folder_fingerprint, unchanged_output
from ..content.config import load_config
from ..content.errors import ContentError, Diagnostic, Diagnostics, SourceLocation
from ..site.graph import ArticlePage, SiteGraph, article_page, build_graph
from ..content.load import discover, parse_document, relative_path, working_on
from ..content.static import discover_static
from ..site.merge import extract_article, merge_article, published
from ..content.model import Article, Entity, Page, SiteConfig, Topic
from ..content.slugs import name_key
from .progress import reporter
from ..site.search import article_search_entries
from ..content.validate import validate_article, validate_entity, validate_page, validate_topic
from ..site.pages import plain_pages

MAX_EXTRACT_CHARS = 50_000  # about 8,000 words: a long feature; extraction on 50,000 hostile characters takes ~2 s
SPARE_SITE = "spare-site"  # in the cache folder: the site the last build replaced, the next one's starting point
PARALLEL_MIN = 200  # fewer articles to read than this: starting worker processes costs more than it saves


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    graph: SiteGraph | None = None
    pages_written: int = 0
    seconds: float = 0.0
    wrote: bool = False
    timings: dict = field(default_factory=dict)
    stages: list = field(default_factory=list)  # (stage, seconds, what it did), for --verbose

    def stage(self, name: str, since: float, detail: str) -> float:
        """Record a stage that began at `since` (perf_counter); returns now, the next stage's start."""
        now = time.perf_counter()
        self.stages.append((name, now - since, detail))
        return now


@dataclass
class ContentFile:
    """One content file: what it is, its path, a hash of its bytes, and the bytes once they are needed."""

    kind: str  # article, topic, entity, or static (a file of static/, copied as it is)
    rel: str  # its path relative to the site root
    path: Path
    digest: str
    seen: tuple[int, int, int]  # size, modification time and inode when it was hashed
    _data: bytes | None = None

    @property
    def data(self) -> bytes:
        if self._data is None:
            self._data = self.path.read_bytes()
        return self._data

    def release(self) -> None:
        """Let go of the bytes once they are read (40 MB for 10,000 articles, kept to the build's end otherwise)."""
        self._data = None


@dataclass(frozen=True)
class SiteInputs:
    """Everything a build reads: the settings and every content file."""

    config: SiteConfig
    files: tuple[ContentFile, ...]
    today: date | None = None  # articles dated after it are embargoed; None (--future): none is

    def key(self, root: Path, extract: bool) -> str:
        """A hash of every input of the site's output: content, settings, templates and factsheet's code.

        Today's date is one of them (an embargoed article is due some day), so
        a site unchanged since yesterday is built again, reusing its pages.
        """
        from ..site.render import template_dirs

        parts = [code_fingerprint(), repr(self.config), str(extract), folder_fingerprint(template_dirs(root)),
                 str(self.today)]
        for file in self.files:
            parts += [file.kind, file.rel, file.digest]
        return digest(*parts)

    def hashes(self, read_at_ns: int) -> dict[str, tuple[int, int, int, str]]:
        """Each file's size, modification time, inode and hash, for the next build to trust without reading.

        A file modified less than two seconds before it was read is left out:
        it could change again within the same clock tick without its
        modification time showing it, so the next build reads it again.
        """
        return {f.rel: (*f.seen, f.digest) for f in self.files if f.seen[1] < read_at_ns - 2_000_000_000}


def read_inputs(root: Path, diagnostics: Diagnostics, base_url: str | None = None,
                known: dict[str, tuple[int, int, int, str]] | None = None, *,
                drafts: bool = False, today: date | None = None) -> SiteInputs:
    """site.yaml and every content file, hashed.

    `known` is what the last build recorded (`SiteInputs.hashes`): a file with
    the same size, modification time and inode is not read again, only its
    recorded hash is used; a 10,000-article site is 40 MB to read otherwise.
    `drafts` publishes drafts too; `today` leaves out the articles dated after it.
    """
    config = replace(load_config(root, diagnostics, base_url), drafts=drafts)
    files = []
    found = discover(root, diagnostics) + [("static", path) for path in discover_static(root, diagnostics)]
    for kind, path in found:
        rel = relative_path(path, root)
        try:
            st = path.stat()
            seen = (st.st_size, st.st_mtime_ns, st.st_ino)
            recorded = (known or {}).get(rel)
            if recorded is not None and recorded[:3] == seen:
                files.append(ContentFile(kind, rel, path, recorded[3], seen))
            else:
                data = path.read_bytes()
                files.append(ContentFile(kind, rel, path, digest(data), seen, data))
        except OSError as error:
            diagnostics.error(SourceLocation(rel), f"cannot read file: {error.strerror}")
    return SiteInputs(config, tuple(files), today)


def read_site(
    root: Path,
    diagnostics: Diagnostics,
    base_url: str | None = None,
    extract: bool = True,
    cache: BuildCache | None = None,
) -> SiteGraph | None:
    """Load, validate, extract and link the whole site; None if nothing usable came out."""
    return link_site(read_inputs(root, diagnostics, base_url), diagnostics, extract, cache)


def link_site(inputs: SiteInputs, diagnostics: Diagnostics, extract: bool = True, cache: BuildCache | None = None):
    """Articles from the cache or read afresh, topics and entities read, all checked and linked.

    The cache is saved as soon as the articles are in (what it holds is
    their pickled results, which need not stay in memory while the graph is made).
    """
    config = inputs.config
    topics: list[Topic] = []
    entities: list[Entity] = []
    plain: list[Page] = []
    results: list = []  # per article: (ArticlePage or None, its diagnostics)
    missing: list[tuple[int, str, ContentFile]] = []  # (slot in results, cache key, file)
    article_keys: list[str] = []  # per article, in the order of results
    settings = digest(code_fingerprint(), article_settings(config), str(extract))
    for file in inputs.files:
        kind, rel = file.kind, file.rel
        if kind == "static":
            continue  # copied as it is when the site is written
        if kind == "article":
            key = digest("article", settings, rel, file.digest)
            article_keys.append(key)
            cached = cache.get(key) if cache else None
            if cached is None:
                missing.append((len(results), key, file))
            results.append(cached)
            continue
        with working_on(rel):
            try:
                doc = parse_document(kind, rel, file.data)
            except OSError as error:
                diagnostics.error(SourceLocation(rel), f"cannot read file: {error.strerror}")
                continue
            except ContentError as error:
                diagnostics.error(error.location, error.message)
                continue
            if kind == "topic":
                topic = validate_topic(doc, diagnostics)
                if topic:
                    topics.append(topic)
            elif kind == "page":
                page = validate_page(doc, diagnostics)
                if page:
                    plain.append(page)
            else:
                entity = validate_entity(doc, diagnostics)
                if entity:
                    entities.append(entity)
    sources = []
    for slot, key, file in missing:
        try:
            sources.append((file.rel, file.data))
        except OSError as error:  # gone or unreadable since it was found: an error, like any unreadable file
            diagnostics.error(SourceLocation(file.rel), f"cannot read file: {error.strerror}")
            results[slot] = (None, ())
    missing = [(slot, key, file) for slot, key, file in missing if results[slot] is None]
    blobs = _read_articles(sources, config, extract)
    for (slot, key, _), blob in zip(missing, blobs):
        results[slot] = pickle.loads(blob)
        if cache:
            cache.put_blob(key, blob)
    del blobs, sources
    for _, _, file in missing:
        file.release()
    if cache:
        cache.save()  # and so let go of every pickled result (hundreds of MB on a big site) before the graph is made
    pages: list[ArticlePage] = []
    keys: dict[str, str] = {}  # article slug -> its cache key: a hash of everything its page is made from
    for (page, found), key in zip(results, article_keys):
        diagnostics.items.extend(found)
        if page is not None:
            pages.append(page)
            keys.setdefault(page.article.slug, key)
    if inputs.today is not None:  # embargoed: checked like the others, published from their date on
        pages = [p for p in pages if p.article.date is None or p.article.date <= inputs.today]
    articles = [p.article for p in pages]
    _check_unique("article", [(a.slug, a.path, a.location) for a in articles], diagnostics)
    _check_unique("topic", [(t.slug, t.path, t.location) for t in topics], diagnostics)
    # two entity files with different names ("Søren Hansen", "Soren Hansen") get pages apart (the graph
    # suffixes the second slug); only the same name twice is a mistake
    _check_unique("entity", [(e.slug, e.path, e.location, name_key(e.name)) for e in entities if e.location],
                  diagnostics)
    _check_unique("page", [(p.slug, p.path, p.location) for p in plain], diagnostics)
    _check_topics(articles, topics, diagnostics)
    graph = build_graph(config, pages, topics, entities, diagnostics)
    return replace(graph, article_keys=keys, input_keys=_other_keys(inputs), pages=plain_pages(plain, config))


def article_settings(config: SiteConfig) -> str:
    """The settings `read_article` reads, and so the only ones in its cache key.

    The base URL, title, author, params, page size and the rest shape pages,
    not an article's facts: switching between `serve` (base "/") and `build`
    must not make the next build re-read every article. (`drafts` decides
    whether a draft is read at all.)
    """
    return repr((config.language, config.date_order, config.extract, config.allow_html, config.publish_extracted,
                 config.drafts))


def _other_keys(inputs: SiteInputs) -> dict[str, str]:
    """A hash of each topic and entity file, by path (what their pages are made from, besides articles)."""
    return {f.rel: digest(f.kind, f.rel, f.digest) for f in inputs.files if f.kind not in ("article", "static")}


def read_article(rel: str, data: bytes, config: SiteConfig, extract: bool) -> tuple[ArticlePage | None, tuple[Diagnostic, ...]]:
    """One article file, start to finish: its page data (None for a broken file, or a draft unless
    `config.drafts`) and its problems.

    Depends on nothing but its arguments, which is what lets the cache keep
    the result and a worker process compute it.
    """
    diagnostics = Diagnostics()
    with working_on(rel):
        try:
            doc = parse_document("article", rel, data)
        except ContentError as error:
            diagnostics.error(error.location, error.message)
            return None, tuple(diagnostics.items)
        article = validate_article(doc, diagnostics, config.extract)
        if not article or (article.draft and not config.drafts):
            return None, tuple(diagnostics.items)
        extraction = extract_article(_extractable(article, diagnostics), config) if extract else None
        merged = published(merge_article(article, extraction), config.publish_extracted)
        page = article_page(article, merged, config, diagnostics)
        page = replace(page, search=pickle.dumps(article_search_entries(page), protocol=pickle.HIGHEST_PROTOCOL))
    return page, tuple(diagnostics.items)


def _read_pickled(index: int) -> bytes:
    """A task: one article, returned pickled (the parent keeps the bytes in the cache as they are)."""
    files, config, extract = parallel.shared()
    return pickle.dumps(read_article(*files[index], config, extract), protocol=pickle.HIGHEST_PROTOCOL)


def _read_articles(files: list[tuple[str, bytes]], config: SiteConfig, extract: bool) -> list[bytes]:
    """read_article for each (path, bytes), pickled; on every core when there are enough of them."""
    from .. import extract as _  # noqa: F401 - imported before any fork, so no worker imports it again
    from ..extract import dates as _dates  # noqa: F401 - the English tagger too: its patterns compile once

    reporter.start("reading articles", len(files))
    results = []
    for blob in parallel.run_tasks(_read_pickled, len(files), (files, config, extract),
                                   parallel=len(files) >= PARALLEL_MIN):
        results.append(blob)
        reporter.advance()
    return results


def _extractable(article: Article, diagnostics: Diagnostics) -> Article:
    """The article as the extractors see it: at most MAX_EXTRACT_CHARS of text, cut at a paragraph.

    Extraction time grows faster than the text, so an enormous body (a pasted
    book, a hostile file) would stall the build; the rest is still published.
    """
    if len(article.body) <= MAX_EXTRACT_CHARS:
        return article
    cut = article.body.rfind("\n", 0, MAX_EXTRACT_CHARS)
    cut = cut if cut > MAX_EXTRACT_CHARS // 2 else MAX_EXTRACT_CHARS
    diagnostics.warning(
        article.location,
        f"the text is {len(article.body):,} characters long; facts are extracted from the first {cut:,} only "
        "(write the key facts of the rest in the front matter)",
    )
    return replace(article, body=article.body[:cut])


def _check_unique(kind: str, items: list[tuple], diagnostics: Diagnostics) -> None:
    """Two files that would be written to the same URL are an error naming both.

    Items are (slug, path, location) or (slug, path, location, name): with
    names, only two files of the same slug and the same name clash.
    """
    first: dict[tuple, str] = {}
    for slug, path, location, *name in sorted(items, key=lambda i: i[1]):
        if (slug, *name) in first:
            diagnostics.error(
                location,
                f"this {kind} has the slug '{slug}', like {first[(slug, *name)]}; both would be written to the same "
                "page (rename one file or give it its own 'slug:')",
            )
        else:
            first[(slug, *name)] = path


def _check_static(graph: SiteGraph, inputs: SiteInputs, diagnostics: Diagnostics) -> None:
    """A file of static/ at the address of a page or feed is an error naming both, found before
    anything is written (and by `factsheet check`). The writer still refuses any other clash."""
    from ..content.static import output_path
    from ..site.export import page_data_path
    from ..site.render import page_specs

    static = [f.rel for f in inputs.files if f.kind == "static"]
    if not static:
        return
    generated = {"feed.xml", "sitemap.xml", "robots.txt", "404.html"}
    for spec in page_specs(graph):
        generated.add(spec.out)
        data = page_data_path(graph, spec.kind, spec.index) if spec.kind and spec.number == 1 else None
        if data:
            generated.add(data)
    generated.update(f"topics/{t.topic.slug}/feed.xml" for t in graph.topics)
    generated.update(f"tags/{t.slug}/feed.xml" for t in graph.tags)
    for rel in static:
        target = output_path(rel)
        if target in generated or target.startswith(("data/", "search/")) or \
                (target.startswith("sitemap-") and target.endswith(".xml")):
            _static_clash(rel, target, diagnostics)


def _static_clash(rel: str, generated: str, diagnostics: Diagnostics) -> None:
    diagnostics.error(SourceLocation(rel), f"this file would overwrite {generated}, which the build generates; "
                      "rename or move it (static/ files never replace what the build writes)")


def _check_topics(articles: list[Article], topics: list[Topic], diagnostics: Diagnostics) -> None:
    known = {t.slug for t in topics}
    for article in articles:
        for slug in article.topics:
            if slug not in known:
                diagnostics.error(
                    article.topics_location or article.location,
                    f"topics: there is no topic '{slug}'; create content/topics/{slug}.md (with a title) "
                    f"or remove it from the list",
                )


def build(
    root: Path,
    out: Path,
    *,
    base_url: str | None = None,
    strict: bool = False,
    write: bool = True,
    cache: bool = True,
    drafts: bool = False,
    future: bool = False,
    today: date | None = None,
) -> BuildResult:
    """Build the site at `root` into `out`. Writes nothing unless the whole site is good.

    With `cache`, results are kept in root/.factsheet-cache/ for the next build
    (`cache=False`: a cold build that neither reads nor writes the cache).
    `drafts` publishes drafts too (marked as drafts); articles dated after
    `today` (default: `build_today()`) are left out unless `future`.
    """
    options = BuildOptions(drafts, None if future else (today or build_today()))
    with parallel.collector_paused():
        return _build(root, out, base_url, strict, write, cache, options)


@dataclass(frozen=True)
class BuildOptions:
    drafts: bool = False
    today: date | None = None  # None: no article is embargoed


TODAY_VARIABLE = "FACTSHEET_TODAY"


def build_today() -> date:
    """Today, for embargoes: FACTSHEET_TODAY (YYYY-MM-DD) when set, so tests and reproducible builds
    can fix it; the computer's date otherwise."""
    fixed = os.environ.get(TODAY_VARIABLE, "").strip()
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise ValueError(f"{TODAY_VARIABLE}={fixed!r} is not a date such as 2015-12-02") from None
    return date.today()


def _build(root: Path, out: Path, base_url: str | None, strict: bool, write: bool, cache: bool,
           options: BuildOptions) -> BuildResult:
    from .output import StaticConflict, write_site  # the writing half is not needed by `factsheet check`

    started = time.perf_counter()
    diagnostics = Diagnostics()
    result = BuildResult(diagnostics)
    folder = cache_folder(root, out) if cache else None
    store = BuildCache(folder, read_only=not write) if folder else None   # `check` writes nothing at all
    site_key = None
    try:
        state = store.load_state() if store else None
        read_at = time.time_ns()
        inputs = read_inputs(root, diagnostics, base_url, state.inputs if state else None,
                             drafts=options.drafts, today=options.today)
        kinds = [f.kind for f in inputs.files]
        mark = result.stage("inputs", started, "files: " + ", ".join(f"{k} {kinds.count(k)}" for k in
                                                                    ("article", "topic", "entity", "page", "static")))
        if write and store:
            site_key = inputs.key(root, extract=True)
            from .write import recover

            recover(out)  # a killed build's leftovers go, whether or not there is anything to write
            if state and state.site_key == site_key and unchanged_output(state, out):
                # nothing the output depends on changed, and nobody touched the output: it is already right
                diagnostics.items[:] = list(state.diagnostics)
                result.wrote = not diagnostics.failed(strict)
                result.pages_written = state.count if result.wrote else 0
                result.stage("no change", mark, f"nothing changed since the last build: {state.count} files left as they were")
                result.seconds = time.perf_counter() - started
                return result
        result.graph = link_site(inputs, diagnostics, cache=store)
        if result.graph is not None:
            _check_static(result.graph, inputs, diagnostics)
        hits, misses = (store.hits, store.misses) if store else (0, kinds.count("article"))
        mark = result.stage("articles and graph", mark, f"{hits} article(s) from the cache (hits), {misses} read "
                            "(misses); topics, tags, entities and timelines linked")
    except ContentError as error:  # a stage that could not go on at all
        diagnostics.error(error.location, error.message)
    result.timings["read"] = time.perf_counter() - started
    if write and result.graph is not None and not diagnostics.failed(strict):
        previous = store.load_state() if store else None
        if store:
            store.save_state(None)  # the output is about to change: until it is recorded, trust none of it
        spare = store.folder / SPARE_SITE if store else None
        static = [f for f in inputs.files if f.kind == "static"]
        counts: dict = {}
        try:
            result.pages_written, files, spare_files = write_site(result.graph, root, out, previous, spare, static,
                                                                  counts)
        except StaticConflict as conflict:  # nothing was swapped in: the previous site is as it was
            for rel, generated in conflict.clashes:
                _static_clash(rel, generated, diagnostics)
            result.seconds = time.perf_counter() - started
            return result
        result.wrote = True
        reused = counts.get("reused", 0)
        result.stage("write", mark, f"{result.pages_written} files: {result.pages_written - reused} written, "
                     f"{reused} reused from the last build")
        if store and site_key:
            store.save_state(BuildState(site_key, str(out.resolve()), tuple(diagnostics.items), files,
                                        result.pages_written, spare_files, inputs.hashes(read_at)))
    result.seconds = time.perf_counter() - started
    result.timings["write"] = result.seconds - result.timings["read"]
    return result


def check(root: Path, *, base_url: str | None = None, strict: bool = False, **options) -> BuildResult:
    """Everything a build does except writing (`options`: drafts, future, today, as for `build`)."""
    return build(root, root / "site", base_url=base_url, strict=strict, write=False, **options)
