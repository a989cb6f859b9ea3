"""Stage 6: pages. The Jinja environment, URLs, and one function per page type.

Autoescaping is on for every template and undefined variables are errors
(`StrictUndefined`), so a typo in a template fails the build instead of
printing nothing. Every internal link goes through `url()`, which puts the
site's base path in front, so a site built with
`--base-url https://user.github.io/repo/` works under `/repo/`.

`page_specs` lists every page and a `Renderer` turns one into bytes; writing
them is the build's business (`build/output.py`, `build/write.py`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import __version__
from . import jsonld
from ..content.fields import slugify
from .paginate import Pager, page_count, page_out, pager
from .urls import Urls
from .graph import SiteGraph, TimelineEntry, TimelineYear, EntityIndex
from .itemkey import item_key
from ..content.datevalue import DateValue


def theme_dir() -> Path:
    """The default theme: packaged beside the code in a wheel, `templates/` in a checkout."""
    package = Path(__file__).resolve().parent.parent   # generator/
    packaged = package / "theme"
    return packaged if packaged.is_dir() else package.parent / "templates"


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
    env.globals.update(url=urls.url, abs_url=urls.abs_url, absolute_urls=urls.absolute, version=__version__, date_label=_date_label,
                       date_html=date_html, precision_html=precision_html)
    env.filters["jsonld"] = _jsonld
    env.filters["slug"] = lambda text: slugify(str(text), "item")
    env.filters["entity_key"] = lambda name: EntityIndex.key(name)
    env.filters["item_key"] = item_key  # data-item-key: names an extracted item for the preview's review tools
    env.filters["article_jsonld"] = jsonld.article_jsonld
    env.filters["topic_jsonld"] = jsonld.topic_jsonld
    env.filters["entity_jsonld"] = jsonld.entity_jsonld
    env.filters["datetime_attr"] = lambda d: d.first.html_datetime() if d.first else None
    return env


def date_html(d: DateValue) -> Markup:
    """A date as HTML: `<time>` where HTML can say the date, a range as its two ends.

    Python rather than a template macro because a big site's timelines show
    hundreds of thousands of dates, and a Jinja macro call costs ten times more.
    """
    if d.is_range:
        first = f'<time datetime="{escape(d.first.html_datetime() or "")}">{escape(d.first.label())}</time>' if d.first else "…"
        last = f'<time datetime="{escape(d.last.html_datetime() or "")}">{escape(d.last.label())}</time>' if d.last else "…"
        marks = (" (approximate)" if d.circa else "") + (" (uncertain)" if d.uncertain else "")
        return Markup(f'<span class="date date-range">{first} – {last}{marks}</span>')
    stamp = d.first.html_datetime()
    if stamp:
        return Markup(f'<time class="date date-{escape(d.precision)}" datetime="{escape(stamp)}">{escape(d.label())}</time>')
    return Markup(f'<span class="date date-{escape(d.precision)}">{escape(d.label())}</span>')


def precision_html(d: DateValue) -> Markup:
    """' to the month' and the like, after a date less precise than a day."""
    if d.precision == "day" or d.is_range:
        return Markup("")
    unit = {"half": "half-year"}.get(d.precision, d.precision)
    return Markup(f' <span class="precision"><span class="visually-hidden">Date given </span>to the {escape(unit)}</span>')


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


def timeline_facets(graph: SiteGraph, year: TimelineYear) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, list[str]]]]:
    """What a year's timeline filter offers: names of its topics, tags and entities, and each entry's values."""
    names: dict[str, dict[str, str]] = {"topics": {}, "tags": {}, "entities": {}}
    topic_titles = {t.topic.slug: t.topic.title for t in graph.topics}
    by_entry: dict[str, dict[str, list[str]]] = {}
    for entry in year.entries:
        topics = sorted({t for a in entry.articles for t in a.topics})
        tags = {slug: graph.tag_names[slug] for a in entry.articles for slug in map(graph.tag_slug, a.tags)}
        entities = sorted(graph.entities_of_entry.get(entry.anchor, ()))
        by_entry[entry.anchor] = {"topics": topics, "tags": sorted(tags), "entities": entities}
        names["topics"].update((t, topic_titles.get(t, t)) for t in topics)
        names["tags"].update(tags)
        names["entities"].update((slug, graph.entity_names[slug]) for slug in entities)
    return ({kind: dict(sorted(values.items())) for kind, values in names.items()}, by_entry)


@dataclass(frozen=True)
class PageSpec:
    """One page to render: its template, where it goes, and which item of the graph it shows."""

    template: str
    out: str
    kind: str = ""  # "articles", "topics", "tags", "entities", "years", "pages" or "" (a page of the whole site)
    index: int = 0  # the item's position in that part of the graph
    number: int = 1  # which page of the item's list of articles (see paginate.py)


def page_specs(graph: SiteGraph) -> list[PageSpec]:
    """Every page of the site, in a stable order."""
    size = graph.config.paginate

    def paged(template: str, base: str, kind: str, index: int, total: int) -> list[PageSpec]:
        return [PageSpec(template, page_out(base, n), kind, index, n) for n in range(1, page_count(total, size) + 1)]

    specs = [PageSpec("home.html", "index.html")]
    specs += paged("archive.html", "articles/", "", 0, len(graph.articles))
    specs += [PageSpec("article.html", f"articles/{p.article.slug}/index.html", "articles", i)
              for i, p in enumerate(graph.articles)]
    specs.append(PageSpec("topics.html", "topics/index.html"))
    specs += [PageSpec("topic.html", f"topics/{p.topic.slug}/index.html", "topics", i) for i, p in enumerate(graph.topics)]
    specs.append(PageSpec("timeline.html", "timeline/index.html"))
    specs += [PageSpec("timeline-year.html", f"timeline/{year.slug}/index.html", "years", i)
              for i, year in enumerate(graph.years)]
    specs.append(PageSpec("tags.html", "tags/index.html"))
    for i, p in enumerate(graph.tags):
        specs += paged("tag.html", f"tags/{p.slug}/", "tags", i, len(p.articles))
    specs.append(PageSpec("entities.html", "entities/index.html"))
    for i, p in enumerate(graph.entities):
        specs += paged("entity.html", f"entities/{p.entity.slug}/", "entities", i, len(p.articles))
    specs += [PageSpec("page.html", f"{p.page.slug}/index.html", "pages", i) for i, p in enumerate(graph.pages)]
    specs.append(PageSpec("search.html", "search/index.html"))  # its index is search.py's search_files
    specs.append(PageSpec("404.html", "404.html"))
    return specs


class Renderer:
    """Renders pages of one site graph; one per process (the Jinja environment is not shared)."""

    def __init__(self, graph: SiteGraph, root: Path):
        self.graph = graph
        self.env = make_environment(root, Urls(graph.config.base_url))
        self.common = dict(site=graph.config, graph=graph, by_year_month=by_year_month, facets={}, facet_names={},
                           pager=None, page_feed=None)

    def render(self, spec: PageSpec) -> bytes:
        context = dict(self.common, page_path=out_to_url(spec.out))
        if spec.kind == "articles":
            page = self.graph.articles[spec.index]
            context["page_data"] = replace(page, body_html=self.graph.linked_body(page))
        elif spec.kind:
            context["page_data"] = getattr(self.graph, spec.kind)[spec.index]
        if spec.kind == "years":
            context["facet_names"], context["facets"] = timeline_facets(self.graph, context["page_data"])
        context["pager"] = self._pager(spec, context.get("page_data"))
        if spec.kind == "topics":  # written by feeds.feed_files, when the site has an absolute base_url
            context["page_feed"] = f"topics/{context['page_data'].topic.slug}/feed.xml"
        elif spec.kind == "tags":
            context["page_feed"] = f"tags/{context['page_data'].slug}/feed.xml"
        return self.env.get_template(spec.template).render(**context).encode("utf-8")

    def _pager(self, spec: PageSpec, page_data) -> Pager | None:
        """The page of a paginated list this page shows (None: the page has no such list)."""
        size = self.graph.config.paginate
        if spec.template == "archive.html":
            return pager("articles/", [p.article for p in self.graph.articles], spec.number, size)
        if spec.kind == "tags":
            return pager(f"tags/{page_data.slug}/", page_data.articles, spec.number, size)
        if spec.kind == "entities":
            return pager(f"entities/{page_data.entity.slug}/", page_data.articles, spec.number, size)
        return None

    def compile_all(self) -> None:
        """Compile every template now (before forking, so that workers inherit them compiled)."""
        for name in self.env.list_templates(extensions=["html"]):
            self.env.get_template(name)


def out_to_url(out: str) -> str:
    """'articles/x/index.html' → 'articles/x/' (the URL path a page is served under)."""
    return out[: -len("index.html")] if out.endswith("index.html") else out
