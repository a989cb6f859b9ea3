"""schema.org JSON-LD for each page type: NewsArticle, Event, Person/Organization/Place, ClaimReview.

These return plain dicts; the template filter `jsonld` serialises them so
that no string can close the surrounding <script> element.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from ..content.datevalue import DatePoint
from ..content.model import SiteConfig
from .graph import ArticlePage, EntityPage, TimelineEntry, TopicPage

CONTEXT = "https://schema.org"
_ENTITY_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place"}


# schema.org dates are ISO 8601: a year, a month or a day. A decade ("199"), a week
# ("2015-W48"), a quarter or a season has no such form, and a wrong date is worse than none.
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _iso(point: DatePoint | None) -> str | None:
    return point.value if point is not None and _ISO_DATE.fullmatch(point.value) else None


def _event(entry: TimelineEntry, page_url: str) -> dict:
    item = {"@type": "Event", "name": entry.text, "url": f"{page_url}#{entry.anchor}"}
    start = _iso(entry.date.first)
    if start:
        item["startDate"] = start
    end = _iso(entry.date.last) if entry.date.is_range else None
    if end:
        item["endDate"] = end
    return item


def article_jsonld(page: ArticlePage, page_url: str, site: SiteConfig | None = None, site_url: str = "") -> dict:
    """The fact sheet as a NewsArticle published by this site, based on the source article."""
    a = page.article
    data: dict = {"@context": CONTEXT, "@type": "NewsArticle", "headline": a.title, "url": page_url, "mainEntityOfPage": page_url}
    if a.date:
        data["datePublished"] = a.date.isoformat()
    if a.updated:
        data["dateModified"] = a.updated.isoformat()
    if a.summary:
        data["description"] = a.summary
    if a.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in a.authors]
    if site is not None:
        # The page is this site's fact sheet; the outlet published the article it is based on.
        data["publisher"] = {"@type": "Organization", "name": site.title, **({"url": site_url} if site_url else {})}
    if a.source.name or a.source.url:
        source: dict = {"@type": "NewsArticle"}
        if a.source.url:
            source["url"] = a.source.url
        if a.source.name:
            source["publisher"] = {"@type": "Organization", "name": a.source.name}
        data["isBasedOn"] = source
    if a.image and a.image.src:
        data["image"] = urljoin(page_url, a.image.src)
    if a.tags:
        data["keywords"] = list(a.tags)
    mentions = [{"@type": "Person", "name": p.name} for p in page.facts.people]
    if mentions:
        data["mentions"] = mentions
    graph = [data]
    if page.timeline:
        data["about"] = [_event(entry, page_url) for entry in page.timeline]
    for claim in page.facts.claims:
        if claim.verdict:
            review = {
                "@context": CONTEXT,
                "@type": "ClaimReview",
                "url": page_url,
                "claimReviewed": claim.claim,
                "reviewRating": {"@type": "Rating", "alternateName": claim.verdict},
                "itemReviewed": {"@type": "Claim", "appearance": {"@type": "NewsArticle", "url": a.source.url or page_url}},
            }
            if claim.by:
                review["itemReviewed"]["author"] = {"@type": "Person", "name": claim.by}
            graph.append(review)
    return graph[0] if len(graph) == 1 else graph  # type: ignore[return-value]


def topic_jsonld(page: TopicPage, page_url: str) -> dict:
    data = {"@context": CONTEXT, "@type": "CollectionPage", "name": page.topic.title, "url": page_url}
    if page.topic.summary:
        data["description"] = page.topic.summary
    if page.timeline:
        data["about"] = [_event(entry, page_url) for entry in page.timeline]
    return data


def entity_jsonld(page: EntityPage, page_url: str) -> dict:
    e = page.entity
    data = {"@context": CONTEXT, "@type": _ENTITY_TYPES[e.kind], "name": e.name, "url": page_url}
    if e.aliases:
        data["alternateName"] = list(e.aliases)
    if e.description:
        data["description"] = e.description
    if e.url:
        data["sameAs"] = e.url
    roles = [role for role, _, _ in page.roles if role]
    if e.kind == "person" and (e.role or roles):
        data["jobTitle"] = e.role or roles[0]
    orgs = [org for _, org, _ in page.roles if org]
    if e.kind == "person" and orgs:
        data["affiliation"] = {"@type": "Organization", "name": orgs[0]}
    return data
