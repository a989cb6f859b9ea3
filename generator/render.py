"""Stage 6: pages. The Jinja environment, URLs, and one function per page type.

Autoescaping is on for every template and undefined variables are errors
(`StrictUndefined`), so a typo in a template fails the build instead of
printing nothing. Every internal link goes through `url()`, which puts the
site's base path in front, so a site built with
`--base-url https://user.github.io/repo/` works under `/repo/`.

`render_site` yields `(output path, bytes)` pairs; writing them is
`write.py`'s business.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Iterator

import jinja2

from . import __version__, jsonld
from .fields import slugify
from .urls import Urls
from .graph import SiteGraph, TimelineEntry, EntityIndex
from .datevalue import DateValue


def theme_dir() -> Path:
    """The default theme: packaged beside the code in a wheel, `templates/` in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "theme"
    return packaged if packaged.is_dir() else here.parent / "templates"


def template_dirs(root: Path) -> list[Path]:
    """The user's `templates/` first (it overrides file by file), then the default theme."""
    dirs = [root / "templates", theme_dir()]
    unique: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in [u.resolve() for u in unique]:
            unique.append(d)
    return unique


def _jsonld(value: object) -> str:
    """JSON for a <script type="application/ld+json"> block: '<', '>' and '&' can never end it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return jinja2.utils.markupsafe.Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process.

    Compiling the theme takes about half of a small site's build; `factsheet serve`
    rebuilds on every change, so it pays once. Jinja checks each template's source
    checksum against what is kept, so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._kept:
            bucket.bytecode_from_string(self._kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._kept[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def make_environment(root: Path, urls: Urls) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(root)]),
        bytecode_cache=_COMPILED,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(url=urls.url, abs_url=urls.abs_url, version=__version__, date_label=_date_label)
    env.filters["jsonld"] = _jsonld
    env.filters["slug"] = lambda text: slugify(str(text), "item")
    env.filters["entity_key"] = lambda name: EntityIndex.key(name)
    env.filters["article_jsonld"] = jsonld.article_jsonld
    env.filters["topic_jsonld"] = jsonld.topic_jsonld
    env.filters["entity_jsonld"] = jsonld.entity_jsonld
    env.filters["datetime_attr"] = lambda d: d.first.html_datetime() if d.first else None
    return env


def _date_label(value) -> str:
    if isinstance(value, DateValue):
        return value.label()
    return f"{value.day} {value.strftime('%B %Y')}"


def by_year_month(entries: tuple[TimelineEntry, ...]) -> list[tuple[str, list[tuple[str, list[TimelineEntry]]]]]:
    """Group timeline entries as [(year, [(month heading, entries)])], in date order."""
    years: dict[str, dict[str, list[TimelineEntry]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        when = entry.date
        year = str(when.year()) if when.first else "Undated start"
        if when.precision in ("day", "week", "month") and when.first:
            month = when.first.start.strftime("%B")
        else:
            month = ""  # a year-precise event sits under its year, above the months
        years[year][month].append(entry)
    return [(year, list(months.items())) for year, months in years.items()]


def timeline_facets(graph: SiteGraph) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, list[str]]]]:
    """What the timeline filter offers: names of topics, tags and entities, and each entry's values."""
    names: dict[str, dict[str, str]] = {"topics": {}, "tags": {}, "entities": {}}
    names["topics"] = {t.topic.slug: t.topic.title for t in graph.topics}
    by_entry: dict[str, dict[str, list[str]]] = {}
    for entry in graph.timeline:
        topics = sorted({t for a in entry.articles for t in a.topics})
        tags = sorted({slugify(t, "tag") for a in entry.articles for t in a.tags})
        by_entry[entry.anchor] = {"topics": topics, "tags": tags, "entities": []}
    for tag in graph.tags:
        names["tags"][tag.slug] = tag.name
    for page in graph.entities:
        for entry in page.events:
            by_entry[entry.anchor]["entities"].append(page.entity.slug)
            names["entities"][page.entity.slug] = page.entity.name
    return names, by_entry


def render_site(graph: SiteGraph, root: Path) -> Iterator[tuple[str, bytes]]:
    """Every page of the site as (path in the output folder, bytes)."""
    urls = Urls(graph.config.base_url)
    env = make_environment(root, urls)
    facet_names, facets = timeline_facets(graph)
    common = dict(site=graph.config, graph=graph, by_year_month=by_year_month, facets=facets, facet_names=facet_names)

    def page(template: str, out: str, **context) -> tuple[str, bytes]:
        html = env.get_template(template).render(**common, page_path=out_to_url(out), **context)
        return out, html.encode("utf-8")

    yield page("home.html", "index.html")
    for article_page in graph.articles:
        yield page("article.html", f"articles/{article_page.article.slug}/index.html", page_data=article_page)
    yield page("topics.html", "topics/index.html")
    for topic_page in graph.topics:
        yield page("topic.html", f"topics/{topic_page.topic.slug}/index.html", page_data=topic_page)
    yield page("timeline.html", "timeline/index.html")
    yield page("tags.html", "tags/index.html")
    for tag_page in graph.tags:
        yield page("tag.html", f"tags/{tag_page.slug}/index.html", page_data=tag_page)
    yield page("entities.html", "entities/index.html")
    for entity_page in graph.entities:
        yield page("entity.html", f"entities/{entity_page.entity.slug}/index.html", page_data=entity_page)
    yield page("search.html", "search/index.html")  # its index is search.py's search_files
    yield page("404.html", "404.html")


def out_to_url(out: str) -> str:
    """'articles/x/index.html' → 'articles/x/' (the URL path a page is served under)."""
    return out[: -len("index.html")] if out.endswith("index.html") else out
