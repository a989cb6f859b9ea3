"""The Atom feeds, sitemap.xml and robots.txt every published site is expected to have.

Besides the site's feed, each topic and each tag has its own
(`topics/<slug>/feed.xml`, `tags/<slug>/feed.xml`), linked from its page.

Feed ids and sitemap locations must be absolute URLs, so both need the
site's `base_url`; without one only robots.txt is written.

The feed's `updated` is the newest article date, not the build time, so two
builds of the same content are byte-identical.
"""

from __future__ import annotations

from typing import Iterator
from xml.sax.saxutils import escape, quoteattr

from .graph import SiteGraph
from .urls import Urls

_ATOM_TIME = "{}T00:00:00Z"


def _x(text: str) -> str:
    # XML 1.0 cannot carry most control characters at all; drop them rather than emit a broken feed.
    cleaned = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
    return escape(cleaned)


def atom_feed(graph: SiteGraph) -> bytes:
    """The site's feed: its newest articles."""
    return _feed(graph, graph.articles, graph.config.title, "", "feed.xml")


def topic_feed(graph: SiteGraph, topic) -> bytes:
    """A topic's feed (topics/<slug>/feed.xml): the newest articles of the topic."""
    return _feed(graph, _pages_of(graph, topic.articles), f"{topic.topic.title} · {graph.config.title}",
                 f"topics/{topic.topic.slug}/", f"topics/{topic.topic.slug}/feed.xml")


def tag_feed(graph: SiteGraph, tag) -> bytes:
    """A tag's feed (tags/<slug>/feed.xml): the newest articles with the tag."""
    return _feed(graph, _pages_of(graph, tag.articles), f"{tag.name} · {graph.config.title}",
                 f"tags/{tag.slug}/", f"tags/{tag.slug}/feed.xml")


def _pages_of(graph: SiteGraph, articles) -> list:
    """The article pages of a topic's or tag's articles, newest first like the site's feed."""
    pages = [graph.article_by_slug[a.slug] for a in articles if a.slug in graph.article_by_slug]
    return sorted(pages, key=lambda p: p.article.date.toordinal() if p.article.date else 0, reverse=True)


def _feed(graph: SiteGraph, pages, title: str, page: str, self_path: str) -> bytes:
    """An Atom feed of `pages` (newest first), for the page at `page`, itself at `self_path`."""
    urls = Urls(graph.config.base_url)
    dated = [p for p in pages if p.article.date][: graph.config.feed_limit]
    updated = max((p.article.updated or p.article.date for p in dated), default=None)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{_x(title)}</title>",
        f"  <id>{_x(urls.abs_url(page))}</id>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(urls.abs_url(page))}/>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(urls.abs_url(self_path))}/>",
        f"  <updated>{_ATOM_TIME.format(updated.isoformat()) if updated else '1970-01-01T00:00:00Z'}</updated>",
        f"  <author><name>{_x(graph.config.author or graph.config.title)}</name></author>",
        "  <generator>factsheet</generator>",
    ]
    for page in dated:
        a = page.article
        link = urls.abs_url(f"articles/{a.slug}/")
        lines += [
            "  <entry>",
            f"    <title>{_x(a.title)}</title>",
            f"    <id>{_x(link)}</id>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>",
            f"    <published>{_ATOM_TIME.format(a.date.isoformat())}</published>",
            f"    <updated>{_ATOM_TIME.format((a.updated or a.date).isoformat())}</updated>",
        ]
        lines += [f"    <author><name>{_x(name)}</name></author>" for name in a.authors]
        lines += [f"    <category term={quoteattr(tag)}/>" for tag in a.tags]
        summary = a.summary or _first_paragraph(page.body_html)
        if summary:
            lines.append(f"    <summary>{_x(summary)}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _first_paragraph(fragment: str) -> str:
    import html
    import re

    match = re.search(r"<p>(.*?)</p>", fragment, re.S)
    if not match:
        return ""
    text = html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))
    return text if len(text) <= 300 else text[:299].rsplit(" ", 1)[0] + "…"


SITEMAP_LIMIT = 50_000  # URLs a sitemap may hold (sitemaps.org); a bigger site gets a sitemap index


def sitemap_entries(graph: SiteGraph) -> list[tuple[str, str | None]]:
    """Every page a crawler should know, as (path, last modification date or None)."""
    entries: list[tuple[str, str | None]] = [("", None), ("articles/", None), ("topics/", None), ("timeline/", None), ("tags/", None), ("entities/", None), ("search/", None)]
    entries += [(f"articles/{p.article.slug}/", (p.article.updated or p.article.date).isoformat() if p.article.date else None) for p in graph.articles]
    entries += [(f"topics/{t.topic.slug}/", None) for t in graph.topics]
    entries += [(f"tags/{t.slug}/", None) for t in graph.tags]
    entries += [(f"entities/{e.entity.slug}/", None) for e in graph.entities]
    entries += [(f"{p.page.slug}/", None) for p in graph.pages]
    return entries


def sitemap(graph: SiteGraph, entries: list[tuple[str, str | None]] | None = None) -> bytes:
    """One sitemap of `entries` (default: the whole site)."""
    urls = Urls(graph.config.base_url)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, lastmod in sitemap_entries(graph) if entries is None else entries:
        lines.append(f"  <url><loc>{_x(urls.abs_url(path))}</loc>{f'<lastmod>{lastmod}</lastmod>' if lastmod else ''}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap_files(graph: SiteGraph, limit: int | None = None) -> Iterator[tuple[str, bytes]]:
    """sitemap.xml; past `limit` URLs (SITEMAP_LIMIT), an index of sitemap-1.xml, sitemap-2.xml…

    Crawlers read at most 50,000 URLs from one sitemap; robots.txt names
    sitemap.xml either way, since an index is read at the same address.
    """
    limit = limit or SITEMAP_LIMIT
    entries = sitemap_entries(graph)
    if len(entries) <= limit:
        yield "sitemap.xml", sitemap(graph, entries)
        return
    urls = Urls(graph.config.base_url)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for number, start in enumerate(range(0, len(entries), limit), 1):
        name = f"sitemap-{number}.xml"
        yield name, sitemap(graph, entries[start : start + limit])
        lines.append(f"  <sitemap><loc>{_x(urls.abs_url(name))}</loc></sitemap>")
    lines.append("</sitemapindex>")
    yield "sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8")


def robots(graph: SiteGraph) -> bytes:
    urls = Urls(graph.config.base_url)
    sitemap_line = f"Sitemap: {urls.abs_url('sitemap.xml')}\n" if urls.absolute else ""
    return f"User-agent: *\nAllow: /\n{sitemap_line}".encode("utf-8")


def feed_files(graph: SiteGraph, sitemap_limit: int | None = None) -> Iterator[tuple[str, bytes]]:
    """The feeds and sitemap need absolute URLs: without a base_url (the build warns) they are left out."""
    if Urls(graph.config.base_url).absolute:
        yield "feed.xml", atom_feed(graph)
        for topic in graph.topics:
            yield f"topics/{topic.topic.slug}/feed.xml", topic_feed(graph, topic)
        for tag in graph.tags:
            yield f"tags/{tag.slug}/feed.xml", tag_feed(graph, tag)
        yield from sitemap_files(graph, sitemap_limit)
    yield "robots.txt", robots(graph)
