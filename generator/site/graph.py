"""Stage 5: the site graph. Articles, topics, tags, entities and timelines, linked.

This is where many articles become one record: a topic's timeline merges the
events of all its articles (the same event reported twice shows once, with
both sources); a person quoted in several articles has one entity page; the
site-wide timeline holds every event. Bodies are rendered here too, because
placing each `as_stated` span in the text is a check (`factsheet check`
reports spans that are not in the text), not only a matter of display.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

from .body import lead_lines, render_body, strip_lead
from ..content.datevalue import DateValue
from ..content.errors import Diagnostics
from ..content.fields import slugify
from .highlight import Highlight, apply_highlights, link_mentions, normalise
from .merge import ArticleFacts, EntityMention, fact_key, same_person
from ..content.model import Article, Entity, Event, Fact, Facts, Origin, Quote, SiteConfig, Topic
from .urls import Urls


@dataclass(frozen=True)
class Report:
    """One source's report of an event: the event as that article (or topic sheet) gives it."""

    event: Event
    article: Article | None  # None: the topic sheet's own event
    topic: str | None = None  # the slug of the topic sheet that gives it, for a topic sheet's own event


@dataclass(frozen=True)
class TimelineEntry:
    """A point on a timeline; several reports of the same event share one entry."""

    date: DateValue
    text: str
    reports: tuple[Report, ...]
    anchor: str

    @cached_property  # pages ask each entry several times
    def extracted(self) -> bool:
        return all(r.event.origin.extracted for r in self.reports)

    @cached_property
    def articles(self) -> tuple[Article, ...]:
        # by identity: hashing an Article hashes its whole body and facts, and pages ask for this often
        return tuple({id(r.article): r.article for r in self.reports if r.article is not None}.values())


@dataclass(frozen=True)
class SourcedFact:
    fact: Fact
    article: Article | None


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    facts: Facts
    mentions: tuple[EntityMention, ...]
    body_html: str
    timeline: tuple[TimelineEntry, ...]
    anchors: dict = field(default_factory=dict, compare=False, hash=False)  # item -> id of its mark in the text
    # its search documents (search.py), counted and pickled: only the search worker needs them, and
    # unpickling them with every page made loading a big site's pages from the cache twice as slow
    search: bytes = field(default=b"", compare=False, hash=False)


@dataclass(frozen=True)
class TopicPage:
    topic: Topic
    articles: tuple[Article, ...]
    timeline: tuple[TimelineEntry, ...]
    facts: tuple[tuple[str, tuple[SourcedFact, ...]], ...]  # label -> every source's figure
    body_html: str


@dataclass(frozen=True)
class TagPage:
    slug: str
    name: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class EntityPage:
    entity: Entity
    roles: tuple[tuple[str | None, str | None, Article | None], ...]
    quotes: tuple[tuple[Quote, Article], ...]
    articles: tuple[Article, ...]
    events: tuple[TimelineEntry, ...]


@dataclass(frozen=True)
class TimelineYear:
    """One page of the site-wide timeline: a year's entries (or the entries with no start date)."""

    slug: str  # "2015", or "undated"
    label: str  # "2015", or "Undated start"
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True)
class SiteGraph:
    config: SiteConfig
    articles: tuple[ArticlePage, ...]  # newest first
    topics: tuple[TopicPage, ...]
    tags: tuple[TagPage, ...]
    entities: tuple[EntityPage, ...]
    timeline: tuple[TimelineEntry, ...]
    years: tuple[TimelineYear, ...] = ()  # the timeline, split into its pages
    article_by_slug: dict = field(default_factory=dict, compare=False, hash=False)
    entity_slug_by_name: dict = field(default_factory=dict, compare=False, hash=False)
    entity_names: dict = field(default_factory=dict, compare=False, hash=False)  # slug -> name
    entities_of_entry: dict = field(default_factory=dict, compare=False, hash=False)  # entry anchor -> entity slugs
    tag_names: dict = field(default_factory=dict, compare=False, hash=False)  # slug -> name
    year_of_entry: dict = field(default_factory=dict, compare=False, hash=False)  # entry anchor -> year slug
    mention_targets: dict = field(default_factory=dict, compare=False, hash=False)  # article slug -> {name: URL}
    article_keys: dict = field(default_factory=dict, compare=False, hash=False)  # article slug -> hash of its inputs
    input_keys: dict = field(default_factory=dict, compare=False, hash=False)  # topic/entity file path -> hash
    pages: tuple = ()  # plain pages (pages.PlainPage), in menu order

    def linked_body(self, page: ArticlePage) -> str:
        """The article's body with each name it mentions linked to that entity's page.

        Done when the page is rendered, not when the graph is built: it is a
        tenth of an article's work, and a build that leaves a page as it was
        need not do it at all.
        """
        return link_mentions(page.body_html, self.mention_targets.get(page.article.slug, {}))

    def timeline_url(self, entry: TimelineEntry) -> str:
        """Where an entry of the site-wide timeline is, relative to the site root."""
        return f"timeline/{self.year_of_entry[entry.anchor]}/#{entry.anchor}"


# -- article pages ------------------------------------------------------------------------------


def article_page(article: Article, merged: ArticleFacts, config: SiteConfig, diagnostics: Diagnostics) -> ArticlePage:
    """Render the body, mark every `as_stated` span, and report hand-written spans not in the text."""
    lead = lead_lines(article.body, article.image)
    fragment = render_body(strip_lead(article.body, lead), article.body_format, config.allow_html)
    highlights, anchors = _highlights(merged.facts)
    fragment, missing, targets = apply_highlights(fragment, [h for h, _ in highlights])
    missing_ids = {h.mark_id for h in missing}
    for highlight, item in highlights:
        anchors[item] = targets.get(highlight.mark_id)
        if highlight.mark_id in missing_ids:
            anchors.pop(item, None)
            if not item.origin.extracted and highlight.needle == item.as_stated:
                diagnostics.error(
                    item.origin.location,
                    f"as_stated: the text \"{_short(highlight.needle)}\" is not in the article; "
                    "copy the words exactly as the article has them",
                )
    timeline = merge_events([Report(e, article) for e in merged.facts.events])
    return ArticlePage(article, merged.facts, merged.mentions, fragment, timeline, anchors)


def _highlights(facts: Facts) -> tuple[list[tuple[Highlight, object]], dict]:
    pairs: list[tuple[Highlight, object]] = []
    anchors: dict = {}
    groups = (("fact", facts.facts), ("event", facts.events), ("quote", facts.quotes))
    for kind, items in groups:
        for index, item in enumerate(items, 1):
            # a quote is its own evidence: its words mark it even without as_stated
            needle = item.as_stated or (item.text if kind == "quote" else None)
            if not needle:
                continue
            mark_id = f"s-{kind}-{index}"
            title = {"fact": lambda f: f"{f.label}: {f.value}", "event": lambda e: e.date.label(),
                     "quote": lambda q: f"Quote: {q.speaker or 'unattributed'}"}[kind](item)
            pairs.append((Highlight(needle, mark_id, f"span-{kind}", title), item))
            anchors[item] = mark_id
    return pairs, anchors


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- timelines ------------------------------------------------------------------------------------

_STOP = frozenset("a an the of in on at to for and or by with from as is was were be been has have had it its this that "
                  "which who after before during over into than their there they he she his her".split())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 1}


def merge_events(reports: list[Report]) -> tuple[TimelineEntry, ...]:
    """Group reports of the same event; order by date, then by text for a stable page."""
    return timeline_entries(group_reports(reports))


def group_reports(reports: list[Report]) -> list[list[Report]]:
    """The reports in groups, one per happening, in the order each group's first report came.

    Two reports tell of the same happening when they have the same date value
    (a month-precise and a day-precise report stay apart) and at least half
    the words of the shorter text, stop words aside, are in the other. A
    report joins the first group (in the order groups were made) holding such
    a report; a report with no words at all joins none and starts its own.

    A group never spans two date values, so each date is grouped on its own
    (see `_date_groups`) and the groups are then put back in the order their
    first reports came.
    """
    texts = [report.event.text for report in reports]
    known = {text: _words(text) for text in dict.fromkeys(texts)}  # a big site repeats texts
    held = list(map(known.__getitem__, texts))
    by_value: dict[str, list[int]] = {}  # date value -> positions of its reports
    for position, report in enumerate(reports):
        value = report.event.date.value
        if value in by_value:
            by_value[value].append(position)
        else:
            by_value[value] = [position]
    groups: list[list[Report]] = []
    firsts: list[int] = []  # per group: the position of its first report
    for positions in by_value.values():
        start = len(groups)
        for position, group in zip(positions, _date_groups([held[p] for p in positions])):
            if start + group == len(groups):
                groups.append([reports[position]])
                firsts.append(position)
            else:
                groups[start + group].append(reports[position])
    return [groups[i] for i in sorted(range(len(groups)), key=firsts.__getitem__)]


# Up to this many reports on a date, comparing every pair costs less than keeping indexes
_PAIRWISE_MAX = 64


def _date_groups(texts: list[set[str]]) -> list[int]:
    """Per report of one date (its words, in the order the reports came): its group, numbered from 0."""
    if len(texts) <= _PAIRWISE_MAX:
        return _groups_pairwise(texts)
    return _groups_by_prefix(texts)


def _groups_pairwise(texts: list[set[str]]) -> list[int]:
    """`_date_groups` by comparing each report with every earlier one: a day has a few dozen reports."""
    group_of: list[int] = []
    sizes: list[int] = []
    count = 0  # groups made so far
    for number, mine in enumerate(texts):
        size = len(mine)
        target = count
        if size:
            for other in range(number):
                group = group_of[other]
                if group < target:  # only an earlier group than the best found can change the answer
                    common = 2 * len(mine & texts[other])
                    # half of the shorter one; nothing in common is no match, even with a report with no words
                    if common and (common >= size or common >= sizes[other]):
                        target = group
        if target == count:
            count += 1
        group_of.append(target)
        sizes.append(size)
    return group_of


def _groups_by_prefix(texts: list[set[str]]) -> list[int]:
    """`_date_groups` for a date with many reports (a year, a month), looking only at likely matches.

    Comparing every pair grows with the square of the date's reports, and
    their texts share common words ("last", "year", "said"), so an index from
    every word to its reports finds nearly every pair too. Instead the date's
    words are ranked rarest first, and `_prefix` takes a report's first words
    in that rank: two reports sharing half the shorter one's words always
    share a word in the shorter one's prefix. So the date keeps two indexes,
    word -> earlier reports with the word in their prefix, and word -> earlier
    reports with the word at all. A new report looks up all its words in the
    first (finding the matches no longer than itself) and its prefix in the
    second (the longer ones); the reports found are checked word for word.
    """
    rank = _rank(texts)
    in_prefix: dict[str, list[int]] = {}
    having: dict[str, list[int]] = {}
    group_of: list[int] = []
    sizes: list[int] = []
    count = 0  # groups made so far
    for number, mine in enumerate(texts):
        size = len(mine)
        target = count
        if size:  # a report with no words is in no index, so it is never found either
            prefix = _prefix(sorted(mine, key=rank))
            # set() drops in C the candidates found through more than one word
            candidates = set(chain.from_iterable(in_prefix[w] for w in mine if w in in_prefix))
            candidates.update(chain.from_iterable(having[w] for w in prefix if w in having))
            for other in candidates:
                group = group_of[other]
                if group < target:  # only an earlier group than the best found can change the answer
                    common = 2 * len(mine & texts[other])
                    if common >= size or common >= sizes[other]:  # half of the shorter one
                        target = group
            for word in prefix:
                if word in in_prefix:
                    in_prefix[word].append(number)
                else:
                    in_prefix[word] = [number]
            for word in mine:
                if word in having:
                    having[word].append(number)
                else:
                    having[word] = [number]
        if target == count:
            count += 1
        group_of.append(target)
        sizes.append(size)
    return group_of


def _rank(texts: list[set[str]]):
    """A key ranking the words of these texts, the rarest among them first, ties by the word itself.

    Ranked among one date's texts, not the site's: only they are compared,
    and a word common on a date ("year" on a year) can be rare site-wide.
    """
    counts = Counter(chain.from_iterable(texts))
    order = sorted(counts)
    order.sort(key=counts.__getitem__)  # a stable sort: equal counts stay in the words' order
    return dict(zip(order, range(len(order)))).__getitem__


def _prefix(ranked: list[str]) -> list[str]:
    """Of a report's words in rank, the first ones: those a match no longer than it shares at least one of.

    Say the report has n words, the other report at least n, and they share
    c >= ceil(n/2). The rarest shared word has the other c - 1 shared words
    after it, so it is among the first n - c + 1 <= n - ceil(n/2) + 1 =
    n // 2 + 1 words of this report.
    """
    return ranked[: len(ranked) // 2 + 1]


def timeline_entries(groups: list[list[Report]]) -> tuple[TimelineEntry, ...]:
    """One entry per group, ordered by date and then text, each with an anchor unique on its page."""
    entries = []
    for group in groups:
        # a hand-written description reads better than an extracted sentence
        lead = min(group, key=lambda r: r.event.origin.extracted)
        entries.append((lead.event.date, lead.event.text, tuple(group)))
    entries.sort(key=lambda e: (e[0].sort_key(), e[1]))
    used: dict[str, int] = {}
    bases: dict[str, str] = {}  # date value -> its anchor: many entries share a date
    result = []
    for when, text, group in entries:
        base = bases.get(when.value) or bases.setdefault(when.value, f"e-{slugify(when.value, 'date')}")
        used[base] = used.get(base, 0) + 1
        anchor = base if used[base] == 1 else f"{base}-{used[base]}"
        result.append(TimelineEntry(when, text, group, anchor))
    return tuple(result)


# -- the whole site ------------------------------------------------------------------------------


def build_graph(
    config: SiteConfig,
    pages: list[ArticlePage],
    topics: list[Topic],
    entities: list[Entity],
    diagnostics: Diagnostics,
) -> SiteGraph:
    """Link articles to their topics, tags and entities, and merge the timelines."""
    pages = sorted(pages, key=lambda p: (p.article.date is None, _neg_date(p.article), p.article.slug))
    reports = [Report(e, p.article) for p in pages for e in p.facts.events]
    reports += [Report(e, None, t.slug) for t in topics for e in t.facts.events]
    groups = group_reports(reports)
    timeline = timeline_entries(groups)
    by_topic = _groups_by_topic(groups)
    pages_by_topic: dict[str, list[ArticlePage]] = defaultdict(list)
    for page in pages:
        for slug in dict.fromkeys(page.article.topics):
            pages_by_topic[slug].append(page)
    topic_pages = tuple(_topic_page(t, pages_by_topic[t.slug], by_topic.get(t.slug, []), config)
                        for t in sorted(topics, key=lambda t: t.title.lower()))
    tag_pages = _tag_pages(pages)
    entity_pages, by_name = _entity_pages(entities, pages, timeline)
    targets = _mention_targets(pages, entity_pages, Urls(config.base_url))
    years = timeline_years(timeline)
    entities_of_entry: dict[str, list[str]] = defaultdict(list)
    for page in entity_pages:
        for entry in page.events:
            entities_of_entry[entry.anchor].append(page.entity.slug)
    return SiteGraph(
        config, tuple(pages), topic_pages, tag_pages, entity_pages, timeline, years,
        article_by_slug={p.article.slug: p for p in pages}, entity_slug_by_name=by_name,
        entity_names={p.entity.slug: p.entity.name for p in entity_pages},
        entities_of_entry=dict(entities_of_entry),
        tag_names={t.slug: t.name for t in tag_pages},
        year_of_entry={e.anchor: y.slug for y in years for e in y.entries},
        mention_targets=targets,
    )


def timeline_years(timeline: tuple[TimelineEntry, ...]) -> tuple[TimelineYear, ...]:
    """The site-wide timeline cut into one page per year, in date order.

    One page for everything stops working long before a newsroom archive is
    big: 10,000 articles hold some 150,000 dated events.
    """
    years: dict[str, list[TimelineEntry]] = defaultdict(list)
    for entry in timeline:
        years[str(entry.date.year()) if entry.date.first else "undated"].append(entry)
    return tuple(TimelineYear(slug, "Undated start" if slug == "undated" else slug, tuple(entries))
                 for slug, entries in years.items())


def _mention_targets(pages: list[ArticlePage], entities: tuple[EntityPage, ...], urls: Urls) -> dict[str, dict[str, str]]:
    """For each article, the names of the people, organisations and places it mentions, to their pages' URLs."""
    by_article: dict[str, list[Entity]] = defaultdict(list)
    for page in entities:
        for article in page.articles:
            by_article[article.slug].append(page.entity)
    curated = [page.entity for page in entities if page.entity.path]  # from content/entities: link wherever named
    result = {}
    for page in pages:
        targets: dict[str, str] = {}
        people = [e for e in by_article[page.article.slug] if e.kind == "person"]
        surnames = defaultdict(list)
        for person in people:
            if len(person.name.split()) > 1:
                surnames[person.name.split()[-1]].append(person)
        for entity in curated + by_article[page.article.slug]:
            href = urls.url(f"entities/{entity.slug}/")
            for name in (entity.name, *entity.aliases):
                targets.setdefault(name, href)
        for surname, owners in surnames.items():
            if len(owners) == 1 and len(surname) > 2:  # "Gallan" is Patricia Gallan only if no other Gallan is named
                targets.setdefault(surname, urls.url(f"entities/{owners[0].slug}/"))
        result[page.article.slug] = targets
    return result


def _neg_date(article: Article) -> int:
    return -article.date.toordinal() if article.date else 0


def _groups_by_topic(groups: list[list[Report]]) -> dict[str, list[list[Report]]]:
    """For each topic, the site-wide groups kept to the topic's reports (groups with none left out)."""
    result: dict[str, list[list[Report]]] = defaultdict(list)
    for group in groups:
        kept: dict[str, list[Report]] = {}
        for report in group:
            for slug in ([report.topic] if report.topic else report.article.topics if report.article else ()):
                kept.setdefault(slug, []).append(report)
        for slug, reports in kept.items():
            result[slug].append(reports)
    return result


def _topic_page(topic: Topic, members: list[ArticlePage], groups: list[list[Report]], config: SiteConfig) -> TopicPage:
    """A topic's articles (`members`, newest first), key figures and timeline.

    The timeline is the site-wide timeline's grouping kept to the topic's
    reports (`groups`): an event is grouped the same way on every page, and the reports
    of a big site are compared once, not once more for each topic.
    """
    # Figures are grouped by what they count (`fact_key`), so "Killed: 12" and "killed: at least
    # 14" from two articles stand side by side, each with its source.
    facts: dict[str, list[SourcedFact]] = {}
    extracted: dict[str, list[SourcedFact]] = {}
    for fact in topic.facts.facts:
        facts.setdefault(fact_key(fact.label), []).append(SourcedFact(fact, None))
    for page in members:
        for fact in page.facts.facts:
            if not fact.origin.extracted:  # a topic's key figures are the ones people vouched for,
                facts.setdefault(fact_key(fact.label), []).append(SourcedFact(fact, page.article))
            else:  # and extracted ones that another source gives a figure for too (an article's first)
                found = extracted.setdefault(fact_key(fact.label), [])
                if not any(item.article is page.article for item in found):
                    found.append(SourcedFact(fact, page.article))
    for key, items in extracted.items():
        if key in facts or len(items) > 1:
            facts.setdefault(key, []).extend(items)
    body_html = render_body(topic.body, topic.body_format, config.allow_html)
    return TopicPage(
        topic, tuple(p.article for p in members), timeline_entries(groups),
        tuple((items[0].fact.label, tuple(items)) for items in facts.values()), body_html,
    )


def _tag_pages(pages: list[ArticlePage]) -> tuple[TagPage, ...]:
    names: dict[str, str] = {}
    members: dict[str, dict[int, Article]] = defaultdict(dict)  # by id(): comparing articles is slow
    for page in pages:
        for tag in page.article.tags:
            slug = slugify(tag, "tag")
            names.setdefault(slug, tag)
            members[slug].setdefault(id(page.article), page.article)
    return tuple(TagPage(slug, names[slug], tuple(members[slug].values())) for slug in sorted(names))


class EntityIndex:
    """Names and aliases to one entity each; a surname alone finds the one person who has it."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.by_key: dict[str, str] = {}
        self.by_last_word: dict[str, set[str]] = defaultdict(set)  # slugs, for a surname alone

    @staticmethod
    def key(name: str) -> str:
        return normalise(name).lower().removeprefix("the ")

    def find(self, name: str, kind: str | None = None) -> str | None:
        slug = self.by_key.get(self.key(name))
        if slug:
            return slug
        if kind in (None, "person") and " " not in name.strip():
            words = name.lower().split()
            # same_person() pairs one word only with a name ending in it; other names cannot match
            slugs = self.by_last_word.get(words[-1], ()) if len(words) == 1 else self.entities
            matches = {s for s in slugs if self.entities[s].kind == "person" and same_person(self.entities[s].name, name)}
            if len(matches) == 1:
                return matches.pop()
        return None

    def add(self, entity: Entity) -> str:
        slug = entity.slug
        if slug in self.entities and self.entities[slug].name != entity.name:
            n = 2
            while f"{slug}-{n}" in self.entities:
                n += 1
            slug = f"{slug}-{n}"
            entity = Entity(slug, entity.path, entity.name, entity.kind, entity.location, entity.aliases,
                            entity.role, entity.description, entity.url)
        self.entities[slug] = entity
        if entity.name.split():
            self.by_last_word[entity.name.lower().split()[-1]].add(slug)
        for name in (entity.name, *entity.aliases):
            self.by_key.setdefault(self.key(name), slug)
        return slug

    def resolve(self, name: str, kind: str, aliases: tuple[str, ...] = (), origin: Origin | None = None) -> str:
        for candidate in (name, *aliases):
            slug = self.find(candidate, kind)
            if slug:
                entity = self.entities[slug]
                new = tuple(a for a in (name, *aliases) if self.key(a) not in {self.key(x) for x in (entity.name, *entity.aliases)})
                if new:
                    self.entities[slug] = Entity(slug, entity.path, entity.name, entity.kind, entity.location,
                                                 entity.aliases + new, entity.role, entity.description, entity.url)
                    for alias in new:
                        self.by_key.setdefault(self.key(alias), slug)
                return slug
        return self.add(Entity(slugify(name, "entity"), None, name, kind, origin.location if origin else None, aliases))


def _entity_pages(entities: list[Entity], pages: list[ArticlePage], timeline: tuple[TimelineEntry, ...]):
    index = EntityIndex()
    for entity in sorted(entities, key=lambda e: e.slug):
        index.add(entity)
    roles: dict[str, list] = defaultdict(list)
    quotes: dict[str, list] = defaultdict(list)
    articles: dict[str, dict[int, Article]] = defaultdict(dict)  # by id(): comparing articles field by field is slow

    def note(slug: str, article: Article) -> None:
        articles[slug].setdefault(id(article), article)

    for page in pages:
        # hand-written people first, so their spelling of a name is the one that stays
        for person in sorted(page.facts.people, key=lambda p: p.origin.extracted):
            slug = index.resolve(person.name, "person", origin=person.origin)
            role = (person.role, person.org, page.article)
            if (person.role or person.org) and not any(r[:2] == role[:2] and r[2] is role[2] for r in roles[slug]):
                roles[slug].append(role)
            note(slug, page.article)
        for quote in page.facts.quotes:
            if quote.speaker:
                slug = index.resolve(quote.speaker, "person", origin=quote.origin)
                quotes[slug].append((quote, page.article))
                note(slug, page.article)
        for mention in page.mentions:
            slug = index.resolve(mention.name, mention.kind, mention.aliases, mention.origin)
            note(slug, page.article)
    # An entity a user described in content/entities/ counts as mentioned wherever its
    # name or an alias stands in the text, as the article page links it there.
    curated = _curated_names(entities)
    if curated:
        for page in pages:
            for match in curated[0].finditer(page.article.body):
                note(curated[1][match.group(0)], page.article)
    mentions = _TextIndex([entry.text.lower() for entry in timeline])
    result = []
    for slug, entity in sorted(index.entities.items()):
        names = [index.key(n) for n in (entity.name, *entity.aliases)]
        found = sorted({i for n in names if len(n) > 2 for i in mentions.find(n)})
        related = tuple(timeline[i] for i in found)
        result.append(EntityPage(entity, tuple(roles[slug]), tuple(quotes[slug]), tuple(articles[slug].values()), related))
    return tuple(result), dict(index.by_key)


def _curated_names(entities: list[Entity]) -> tuple[re.Pattern, dict[str, str]] | None:
    """One pattern for every name and alias of the curated entities (case-sensitive: 'IS' is not 'is')."""
    names = {n: e.slug for e in sorted(entities, key=lambda e: e.slug) for n in (e.name, *e.aliases) if len(n) > 1}
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), names


class _TextIndex:
    """Which texts contain a name as whole words (`\\bname\\b`), without searching every text.

    Every word of a name is a whole word of any text that contains the name, so
    only the texts holding the name's rarest word are searched. A site's
    timeline has tens of thousands of entries and its entities thousands of
    names: scanning them all for each name was the slowest part of a large build.
    """

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(texts):
            for word in set(_WORD.findall(text)):
                self.by_word[word].append(i)

    def find(self, name: str) -> list[int]:
        words = _WORD.findall(name)
        candidates = min((self.by_word.get(w, []) for w in words), key=len) if words else range(len(self.texts))
        if name and _is_word_char(name[0]) and _is_word_char(name[-1]):
            # what \bname\b finds, without compiling a pattern for each of thousands of names
            return [i for i in candidates if _whole_word_in(name, self.texts[i])]
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        return [i for i in candidates if pattern.search(self.texts[i])]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # re's \w for str patterns


def _whole_word_in(name: str, text: str) -> bool:
    """Whether `name`, which starts and ends with a word character, stands in `text` as whole words."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not _is_word_char(text[start - 1])) and (end == len(text) or not _is_word_char(text[end])):
            return True
        start = text.find(name, start + 1)
    return False


_WORD = re.compile(r"\w+")
