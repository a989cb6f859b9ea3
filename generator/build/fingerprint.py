"""What each page is made from, as one hash: a page whose hash has not changed is not rendered again.

After one article is edited, almost every page of a big site is exactly what
the last build wrote. Rendering them all again is most of an edit's cost, so
each page gets a fingerprint: a hash of the code, theme and settings, and of
every input the page shows. An article page's inputs are its article (the
hash the build cache keys it by, which covers the file's bytes, the
settings and factsheet's code), the names it links and the titles of its
topics; a topic, tag or entity page's inputs are the hashes of the articles
it lists, and the entries of its timeline with the hashes of their sources (a
topic's timeline follows the site-wide grouping of events, which another
article can change); a timeline year's are its entries likewise.
The writer reuses the last build's file when its fingerprint matches.

A page of the article archive is made from the articles it lists and how
many there are in all. Pages that show the whole site (home, indexes, search, 404) have no
fingerprint and are always rendered; they are few. A site with its own page
templates gets no fingerprints at all: a template of the user's may show
anything from the graph on any page, so every page is rendered.
"""

from __future__ import annotations

from pathlib import Path

from .cache import code_fingerprint, digest, folder_fingerprint
from ..site.graph import EntityIndex, SiteGraph, TimelineEntry
from ..site.pages import menu
from ..site.render import PageSpec, template_dirs


def fingerprint_base(graph: SiteGraph, root: Path) -> str | None:
    """What every page's fingerprint starts from: code, theme and settings (None: fingerprint no page)."""
    own = root / "templates"
    if own.is_dir() and any(own.rglob("*.html")):
        return None
    # the footer of every page links the plain pages of the menu
    return digest(code_fingerprint(), folder_fingerprint(template_dirs(root)), repr(graph.config), repr(menu(graph.pages)))


def page_fingerprint(graph: SiteGraph, spec: PageSpec, base: str | None) -> str | None:
    """A page's fingerprint (None: render it whatever happened before).

    Computed by the worker that renders the page: for a big site's topic and
    timeline pages, listing every entry with its sources is seconds of work.
    """
    if base is not None and spec.template == "archive.html":  # a page of /articles/: its slice of the list
        size = graph.config.paginate
        shown = [p.article for p in graph.articles[(spec.number - 1) * size : spec.number * size]]
        return digest(base, spec.template, spec.out, str(len(graph.articles)), _keys(graph, shown))
    if base is None or spec.kind not in _PARTS:
        return None
    item = getattr(graph, spec.kind)[spec.index]
    return digest(base, spec.template, spec.out, *_PARTS[spec.kind](graph, item))


def _keys(graph: SiteGraph, articles) -> str:
    return ",".join(graph.article_keys.get(a.slug, "?") for a in articles)


def _article(graph: SiteGraph, page) -> list[str]:
    a, f = page.article, page.facts
    titles = {t.topic.slug: t.topic.title for t in graph.topics if t.topic.slug in a.topics}
    names = [p.name for p in f.people] + [q.speaker for q in f.quotes if q.speaker] + [c.by for c in f.claims if c.by]
    slugs = [str(graph.entity_slug_by_name.get(EntityIndex.key(n))) for n in names]
    targets = sorted(graph.mention_targets.get(a.slug, {}).items())
    tags = [graph.tag_slug(t) for t in a.tags]  # a tag's slug changes when another article brings a look-alike
    return [graph.article_keys.get(a.slug, "?"), repr(targets), repr(sorted(titles.items())), repr(slugs), repr(tags)]


def _topic(graph: SiteGraph, page) -> list[str]:
    # the timeline too: it follows the site-wide grouping, which an article outside the topic can change
    return [graph.input_keys.get(page.topic.path, "?"), _keys(graph, page.articles), _entries(graph, page.timeline)]


def _tag(graph: SiteGraph, page) -> list[str]:
    return [page.slug, page.name, _keys(graph, page.articles)]


def _entries(graph: SiteGraph, entries: tuple[TimelineEntry, ...]) -> str:
    """Each entry as a page shows it: its anchor, date and text, and its sources.

    An article's key stands for everything the article says (whether its
    event was extracted included); a topic sheet's own event is given whole.
    A big site's topic and year pages list 100,000s of entries, so this is
    kept to plain string work.
    """
    keys = graph.article_keys
    lines = []

    def sources_of(e: TimelineEntry) -> str:
        return ",".join([keys.get(r.article.slug, "?") if r.article else repr(r.event) for r in e.reports])

    for e in entries:
        sources = sources_of(e)
        # its rank and the day's other reports under it come from the whole topic, not from these sources
        also = ";".join(f"{a.anchor}:{a.text}:{sources_of(a)}" for a in e.also)
        lines.append(f"{e.anchor}\t{e.date.value}\t{e.text}\t{sources}\t{e.importance}\t{also}")
    return "\n".join(lines)


def _entity(graph: SiteGraph, page) -> list[str]:
    sources = [a for _, _, a in page.roles if a] + [a for _, a in page.quotes] + list(page.articles)
    return [repr(page.entity), repr([(r, o, a.slug if a else None) for r, o, a in page.roles]),
            repr([(q.text, q.speaker, q.via, a.slug) for q, a in page.quotes]), _keys(graph, sources),
            _entries(graph, page.events)]


def _year(graph: SiteGraph, year) -> list[str]:
    # its filter names every topic, tag and entity of its entries: the topics and tags come with the
    # articles (their keys), their names from the whole site, the entities from the site-wide grouping
    topics = {t.topic.slug: t.topic.title for t in graph.topics}
    entities = [(e.anchor, graph.entities_of_entry.get(e.anchor, ())) for e in year.entries]
    names = sorted({(s, graph.entity_names[s]) for _, slugs in entities for s in slugs})
    return [repr([(y.slug, y.label, len(y.entries)) for y in graph.years]), _entries(graph, year.entries),
            repr(sorted(topics.items())), repr(sorted(graph.tag_names.items())), repr(entities), repr(names),
            repr(sorted(graph.tag_slugs.items()))]


def _page(graph: SiteGraph, page) -> list[str]:
    return [graph.input_keys.get(page.page.path, "?")]


_PARTS = {"articles": _article, "topics": _topic, "tags": _tag, "entities": _entity, "years": _year, "pages": _page}
