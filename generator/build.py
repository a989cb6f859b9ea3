"""The build: every stage in order, nothing written until everything has been read and checked.

    content/ ──load──▶ Documents ──validate──▶ Articles ──extract/merge──▶ facts
             ──graph──▶ topics, tags, entities, timelines ──render──▶ pages ──write──▶ site/
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import load_config
from .errors import ContentError, Diagnostics, SourceLocation
from .graph import SiteGraph, article_page, build_graph
from .load import load_content
from .merge import extract_article, merge_article
from .model import Article, Entity, Topic
from .validate import validate_article, validate_entity, validate_topic


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    graph: SiteGraph | None = None
    pages_written: int = 0
    seconds: float = 0.0
    wrote: bool = False
    timings: dict = field(default_factory=dict)


def read_site(root: Path, diagnostics: Diagnostics, base_url: str | None = None, extract: bool = True) -> SiteGraph | None:
    """Load, validate, extract and link the whole site; None if nothing usable came out."""
    config = load_config(root, diagnostics, base_url)
    documents = load_content(root, diagnostics)
    articles: list[Article] = []
    topics: list[Topic] = []
    entities: list[Entity] = []
    for doc in documents:
        if doc.kind == "article":
            article = validate_article(doc, diagnostics, config.extract)
            if article and not article.draft:
                articles.append(article)
        elif doc.kind == "topic":
            topic = validate_topic(doc, diagnostics)
            if topic:
                topics.append(topic)
        else:
            entity = validate_entity(doc, diagnostics)
            if entity:
                entities.append(entity)
    _check_unique("article", [(a.slug, a.path, a.location) for a in articles], diagnostics)
    _check_unique("topic", [(t.slug, t.path, t.location) for t in topics], diagnostics)
    _check_unique("entity", [(e.slug, e.path, e.location) for e in entities if e.location], diagnostics)
    _check_topics(articles, topics, diagnostics)
    pages = []
    for article in articles:
        extraction = extract_article(article, config) if extract else None
        pages.append(article_page(article, merge_article(article, extraction), config, diagnostics))
    return build_graph(config, pages, topics, entities, diagnostics)


def _check_unique(kind: str, items: list[tuple[str, str, SourceLocation]], diagnostics: Diagnostics) -> None:
    """Two files that would be written to the same URL are an error naming both."""
    first: dict[str, str] = {}
    for slug, path, location in sorted(items, key=lambda i: i[1]):
        if slug in first:
            diagnostics.error(
                location,
                f"this {kind} has the slug '{slug}', like {first[slug]}; both would be written to the same page "
                "(rename one file or give it its own 'slug:')",
            )
        else:
            first[slug] = path


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
) -> BuildResult:
    """Build the site at `root` into `out`. Writes nothing unless the whole site is good."""
    from .output import write_site  # the writing half is not needed by `factsheet check`

    started = time.perf_counter()
    diagnostics = Diagnostics()
    result = BuildResult(diagnostics)
    try:
        result.graph = read_site(root, diagnostics, base_url)
    except ContentError as error:  # a stage that could not go on at all
        diagnostics.error(error.location, error.message)
    if write and result.graph is not None and not diagnostics.failed(strict):
        result.pages_written = write_site(result.graph, root, out)
        result.wrote = True
    result.seconds = time.perf_counter() - started
    return result


def check(root: Path, *, base_url: str | None = None, strict: bool = False) -> BuildResult:
    """Everything a build does except writing."""
    return build(root, root / "site", base_url=base_url, strict=strict, write=False)
