"""Machine-readable exports, each beside what it describes.

- `/data/site.json`: the index of the site: every article, topic and entity,
  with links to the data files below, and each topic's and year's key events
  with their sources;
- `/articles/<slug>/facts.json`: one article's fact sheet, every item with its
  source: the file and line a user wrote it on or, for an extracted item, the
  sentence it was found in, and its status: "checked" (hand-written) or
  "extracted" (found by the software, not checked by anyone);
- `/topics/<slug>/timeline.json` and `/timeline/<year>/timeline.json`: a
  topic's and a year's timeline in TimelineJS's JSON format (kept to that
  format's keys: an event's status is in `facts.json` and `events.csv`);
- `/data/events.csv`: every event of the site-wide timeline, for spreadsheets.

One file per article, topic and year rather than one file for everything: a
10,000-article archive would otherwise put hundreds of megabytes in one file
that nobody can open, and rewrite it after every edit.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from ..content.datevalue import DateValue
from .graph import ArticlePage, EntityPage, SiteGraph, TimelineEntry, TopicPage
from ..content.model import Origin
from .urls import Urls


def _origin(origin: Origin) -> dict:
    data = {"file": origin.location.path, "line": origin.location.line, "extracted": origin.extracted}
    if origin.sentence:
        data["sentence"] = origin.sentence
    return data


def _status(origin: Origin) -> str:
    """"checked" for what an editor wrote, "extracted" for what the software found and nobody checked."""
    return "extracted" if origin.extracted else "checked"


def _date(value: DateValue) -> dict:
    return {"value": value.value, "precision": value.precision, "label": value.label(),
            "start": value.start.isoformat() if value.first else None,
            "end": value.end.isoformat() if value.last else None}


def article_json(page: ArticlePage, urls: Urls) -> bytes:
    """`articles/<slug>/facts.json`: the article's metadata and every item of its fact sheet, with sources."""
    f = page.facts
    data = {
        **_article_summary(page, urls),
        "facts": [{"label": x.label, "value": x.value, "unit": x.unit, "as_stated": x.as_stated, "note": x.note,
                   "status": _status(x.origin), "origin": _origin(x.origin)} for x in f.facts],
        "events": [{"date": _date(x.date), "text": x.text, "as_stated": x.as_stated, "status": _status(x.origin),
                    "origin": _origin(x.origin)} for x in f.events],
        "people": [{"name": x.name, "role": x.role, "org": x.org, "status": _status(x.origin),
                    "origin": _origin(x.origin)} for x in f.people],
        "quotes": [{"text": x.text, "speaker": x.speaker, "via": x.via, "status": _status(x.origin),
                    "origin": _origin(x.origin)} for x in f.quotes],
        "claims": [{"claim": x.claim, "by": x.by, "verdict": x.verdict, "explanation": x.explanation, "url": x.url,
                    "status": _status(x.origin), "origin": _origin(x.origin)} for x in f.claims],
    }
    return _dump(data)


def _article_summary(page: ArticlePage, urls: Urls) -> dict:
    a = page.article
    return {
        "slug": a.slug,
        "url": urls.abs_url(f"articles/{a.slug}/"),
        "data": urls.abs_url(f"articles/{a.slug}/facts.json"),
        "title": a.title,
        "date": a.date.isoformat() if a.date else None,
        "source": {"name": a.source.name, "url": a.source.url},
        "authors": list(a.authors),
        "tags": list(a.tags),
        "topics": list(a.topics),
        "summary": a.summary,
        "file": a.path,
    }


def _topic(page: TopicPage, urls: Urls) -> dict:
    url = urls.abs_url(f"topics/{page.topic.slug}/")
    return {"slug": page.topic.slug, "url": url, "title": page.topic.title,
            "summary": page.topic.summary, "articles": [a.slug for a in page.articles],
            "timeline": urls.abs_url(f"topics/{page.topic.slug}/timeline.json"),
            "entries": len(page.timeline),
            "key_events": [_key_event(e, url, urls) for e in page.key_events]}


def _key_event(entry: TimelineEntry, page_url: str, urls: Urls) -> dict:
    """A key event as site.json lists it (every entry, key or not, is in the page's timeline.json)."""
    return {"date": entry.date.value, "label": entry.date.label(), "text": entry.text, "importance": entry.importance,
            "status": "extracted" if entry.extracted else "checked",
            "url": f"{page_url}#{entry.anchor}", "sources": entry_sources(entry, urls)}


def _entity(page: EntityPage, urls: Urls) -> dict:
    e = page.entity
    return {"slug": e.slug, "url": urls.abs_url(f"entities/{e.slug}/"), "name": e.name, "kind": e.kind,
            "aliases": list(e.aliases), "role": e.role, "description": e.description,
            "roles": [{"role": r, "org": o, "article": a.slug if a else None} for r, o, a in page.roles],
            "articles": [a.slug for a in page.articles]}


def site_json(graph: SiteGraph) -> bytes:
    """`data/site.json`: every article, topic and entity, and where each one's data is."""
    urls = Urls(graph.config.base_url)
    data = {
        "site": {"title": graph.config.title, "url": urls.abs_url(), "language": graph.config.language,
                 "publish_extracted": graph.config.publish_extracted},
        "articles": [_article_summary(p, urls) for p in graph.articles],
        "topics": [_topic(p, urls) for p in graph.topics],
        "entities": [_entity(p, urls) for p in graph.entities],
        "timeline": [{"year": y.label, "url": urls.abs_url(f"timeline/{y.slug}/"), "events": len(y.entries),
                      "data": urls.abs_url(f"timeline/{y.slug}/timeline.json"),
                      "key_events": [_key_event(e, urls.abs_url(f"timeline/{y.slug}/"), urls)
                                     for e in y.entries if e.importance == 1]} for y in graph.years],
        "events": urls.abs_url("data/events.csv"),
    }
    return _dump(data)


def _dump(data: dict) -> bytes:
    # compact: with `indent`, json encodes in Python instead of C, several times slower on a big site
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _timelinejs_date(value: DateValue, end: bool = False) -> dict | None:
    point = value.last if end else value.first
    if point is None:
        return None
    day = point.end if end else point.start
    date = {"year": day.year}
    if point.precision in ("month", "day", "week", "quarter", "half", "season"):
        date["month"] = day.month
    if point.precision == "day":  # a week's first day would read as the day it happened: give its month only
        date["day"] = day.day
    return date


def timeline_json(entries: tuple[TimelineEntry, ...], headline: str, text: str, urls: Urls) -> bytes:
    """A timeline in TimelineJS's JSON format (loads as-is in TimelineJS 3).

    Each event also carries `importance` (1 key, 2, 3), `status` ("checked"
    when an editor wrote any of its reports, else "extracted") and `sources`,
    every article reporting it with the date that article gives; TimelineJS
    ignores all three. Its text names the sources, says where they disagree on
    the date, and lists what else happened that day (`TimelineEntry.also`).
    """
    events = []
    for entry in entries:
        start = _timelinejs_date(entry.date)
        if start is None:
            continue  # TimelineJS requires a start year
        event = {
            "start_date": start,
            "text": {"headline": _html(entry.text), "text": _slide_text(entry, urls)},
            "display_date": entry.date.label(),
            "unique_id": entry.anchor,
            "importance": entry.importance,
            "status": "extracted" if entry.extracted else "checked",
            "sources": entry_sources(entry, urls),
        }
        if entry.date.is_range and entry.date.last:
            event["end_date"] = _timelinejs_date(entry.date, end=True)
        if entry.articles and entry.articles[0].topics:
            event["group"] = entry.articles[0].topics[0]
        events.append(event)
    data = {"title": {"text": {"headline": _html(headline), "text": _html(text)}}, "events": events}
    return _dump(data)


def entry_sources(entry: TimelineEntry, urls: Urls) -> list[dict]:
    """Every source of an entry, once, with the date it gives the event."""
    result = []
    for article, when in entry.sources:
        item = {"date": when.value}
        if article is not None:
            # no title: the slide's text links each source by its title already, and a big year has many
            item.update(article=article.slug, url=urls.abs_url(f"articles/{article.slug}/"),
                        outlet=article.source.name, published=article.date.isoformat() if article.date else None)
        else:
            item["topic_sheet"] = True
        result.append(item)
    return result


def _links(entry: TimelineEntry, urls: Urls) -> str:
    return "; ".join(f'<a href="{urls.abs_url(f"articles/{a.slug}/")}">{_html(a.title)}</a>' for a in entry.articles)


def _slide_text(entry: TimelineEntry, urls: Urls) -> str:
    parts = []
    sources = _links(entry, urls)
    if sources:
        parts.append(f"Source{'s' if len(entry.articles) > 1 else ''}: {sources}")
    if entry.date_disputed:
        given = "; ".join(f"{_html(a.title) if a else 'the topic sheet'}: {_html(when.label())}"
                          for a, when in entry.sources)
        parts.append(f"Sources differ on the date: {given}")
    if entry.also:
        also = "".join(f"<li>{_html(e.text)} ({_links(e, urls) or 'topic sheet'})</li>" for e in entry.also)
        parts.append(f"Also that day:<ul>{also}</ul>")
    return "<p>" + "</p><p>".join(parts) + "</p>" if parts else ""


def _html(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def events_csv(graph: SiteGraph) -> bytes:
    urls = Urls(graph.config.base_url)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", "precision", "label", "event", "extracted", "importance", "sources", "source_dates"])
    for entry in graph.timeline:
        # the date each source gives, where they differ: "slug=2024-03-04 slug=2024-03-05"
        dates = " ".join(f"{a.slug if a else '-'}={when.value}" for a, when in entry.sources)
        writer.writerow([_cell(x) for x in (
            entry.date.value, entry.date.precision, entry.date.label(), entry.text, "yes" if entry.extracted else "no",
            entry.importance, " ".join(urls.abs_url(f"articles/{a.slug}/") for a in entry.articles),
            dates if entry.date_disputed else "",
        )])
    return buffer.getvalue().encode("utf-8")


def export_files(graph: SiteGraph) -> Iterator[tuple[str, bytes]]:
    """The site-wide exports (the data of each article, topic and year goes with its page: `page_data_file`)."""
    yield "data/site.json", site_json(graph)
    yield "data/events.csv", events_csv(graph)


def page_data_path(graph: SiteGraph, kind: str, index: int) -> str | None:
    """Where the data file that goes with a page is written (None: that kind of page has none)."""
    if kind == "articles":
        return f"articles/{graph.articles[index].article.slug}/facts.json"
    if kind == "topics":
        return f"topics/{graph.topics[index].topic.slug}/timeline.json"
    if kind == "years":
        return f"timeline/{graph.years[index].slug}/timeline.json"
    return None


def page_data_file(graph: SiteGraph, kind: str, index: int) -> bytes:
    """The data file that goes with a page: an article's facts.json, a topic's or a year's timeline.json."""
    urls = Urls(graph.config.base_url)
    if kind == "articles":
        return article_json(graph.articles[index], urls)
    if kind == "topics":
        topic = graph.topics[index]
        return timeline_json(topic.timeline, topic.topic.title, topic.topic.summary or "", urls)
    year = graph.years[index]
    return timeline_json(year.entries, f"{graph.config.title}: {year.label}", graph.config.description or "", urls)
