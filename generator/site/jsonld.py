"""schema.org JSON-LD for each page type: NewsArticle, Event, Person/Organization/Place, ClaimReview.

These return plain dicts; the template filter `jsonld` serialises them so
that no string can close the surrounding <script> element.
"""

from __future__ import annotations

from .graph import ArticlePage, EntityPage, TimelineEntry, TopicPage

CONTEXT = "https://schema.org"
_ENTITY_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place"}


def _event(entry: TimelineEntry, page_url: str) -> dict:
    item = {"@type": "Event", "name": entry.text, "url": f"{page_url}#{entry.anchor}"}
    if entry.date.first:
        item["startDate"] = entry.date.first.value if entry.date.precision != "day" else entry.date.first.start.isoformat()
    if entry.date.is_range and entry.date.last:
        item["endDate"] = entry.date.last.value
    return item


def article_jsonld(page: ArticlePage, page_url: str) -> dict:
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
    if a.source.name:
        data["publisher"] = {"@type": "Organization", "name": a.source.name}
    if a.source.url:
        data["isBasedOn"] = a.source.url
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
