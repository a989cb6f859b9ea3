"""Machine-readable exports, each beside what it describes.

- `/data/site.json`: the index of the site: every article, topic and entity,
  with links to the data files below;
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
    return {"slug": page.topic.slug, "url": urls.abs_url(f"topics/{page.topic.slug}/"), "title": page.topic.title,
            "summary": page.topic.summary, "articles": [a.slug for a in page.articles],
            "timeline": urls.abs_url(f"topics/{page.topic.slug}/timeline.json")}


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
                      "data": urls.abs_url(f"timeline/{y.slug}/timeline.json")} for y in graph.years],
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
    if point.precision in ("day", "week"):
        date["day"] = day.day
    return date


def timeline_json(entries: tuple[TimelineEntry, ...], headline: str, text: str, urls: Urls) -> bytes:
    """A timeline in TimelineJS's JSON format (loads as-is in TimelineJS 3)."""
    events = []
    for entry in entries:
        start = _timelinejs_date(entry.date)
        if start is None:
            continue  # TimelineJS requires a start year
        sources = "; ".join(f'<a href="{urls.abs_url(f"articles/{a.slug}/")}">{_html(a.title)}</a>' for a in entry.articles)
        event = {
            "start_date": start,
            "text": {"headline": _html(entry.text), "text": f"Source: {sources}" if sources else ""},
            "display_date": entry.date.label(),
            "unique_id": entry.anchor,
        }
        if entry.date.is_range and entry.date.last:
            event["end_date"] = _timelinejs_date(entry.date, end=True)
        if entry.articles and entry.articles[0].topics:
            event["group"] = entry.articles[0].topics[0]
        events.append(event)
    data = {"title": {"text": {"headline": _html(headline), "text": _html(text)}}, "events": events}
    return _dump(data)


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
    writer.writerow(["date", "precision", "label", "event", "extracted", "sources"])
    for entry in graph.timeline:
        writer.writerow([_cell(x) for x in (
            entry.date.value, entry.date.precision, entry.date.label(), entry.text, "yes" if entry.extracted else "no",
            " ".join(urls.abs_url(f"articles/{a.slug}/") for a in entry.articles),
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
