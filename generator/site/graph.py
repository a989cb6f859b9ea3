"""Stage 5: the site graph. Articles, topics, tags, entities and timelines, linked.

This is where many articles become one record: a topic's timeline merges the
events of all its articles (the same event reported twice shows once, with
both sources, even when they differ on the date by a day) and ranks them,
key events first (`rank_timeline`); a person quoted in several articles has
one entity page; the site-wide timeline holds every event. Bodies are rendered here too, because
placing each `as_stated` span in the text is a check (`factsheet check`
reports spans that are not in the text), not only a matter of display.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cached_property, lru_cache
from itertools import chain

from .body import lead_lines, render_body, strip_lead
from ..content.datevalue import DateValue
from ..content.errors import Diagnostics
from ..content.fields import slugify
from ..content.slugs import distinct_slugs
from .highlight import Highlight, apply_highlights, link_mentions, normalise
from .merge import ArticleFacts, EntityMention, fact_key, same_person
from ..content.model import Article, Entity, Event, Fact, Facts, Origin, Quote, SiteConfig, Topic
from .overview import overview_strip
from .urls import Urls


@dataclass(frozen=True)
class Report:
    """One source's report of an event: the event as that article (or topic sheet) gives it."""

    event: Event
    article: Article | None  # None: the topic sheet's own event
    topic: str | None = None  # the slug of the topic sheet that gives it, for a topic sheet's own event
    order: int = 0  # its place among its source's events: extracted ones come in the order the text tells them


@dataclass(frozen=True)
class TimelineEntry:
    """A point on a timeline; several reports of the same event share one entry.

    `importance` ranks the entry on its timeline: 1 is a key event (shown
    first), 2 a development worth a place, 3 a passing mention. On a topic
    timeline, lesser happenings of the same day that only one article reports
    are listed under the day's main entry (`also`) rather than standing as
    entries of their own.
    """

    date: DateValue
    text: str
    reports: tuple[Report, ...]
    anchor: str
    importance: int = 2
    also: tuple["TimelineEntry", ...] = ()

    @cached_property  # pages ask each entry several times
    def extracted(self) -> bool:
        return all(r.event.origin.extracted for r in self.reports)

    @cached_property
    def articles(self) -> tuple[Article, ...]:
        # by identity: hashing an Article hashes its whole body and facts, and pages ask for this often
        return tuple({id(r.article): r.article for r in self.reports if r.article is not None}.values())

    @cached_property
    def sources(self) -> tuple[tuple[Article | None, DateValue], ...]:
        """Each source once, with the date it gives: an article, or None for the topic sheet itself."""
        seen: dict[int, tuple[Article | None, DateValue]] = {}
        for report in self.reports:
            seen.setdefault(id(report.article), (report.article, report.event.date))
        return tuple(seen.values())

    @cached_property
    def source_dates(self) -> tuple[tuple[DateValue, tuple[Article | None, ...]], ...]:
        """Each date the sources give, in date order, with the sources giving it."""
        by_date: dict[str, list] = {}
        for article, when in self.sources:
            by_date.setdefault(when.value, [when, []])[1].append(article)
        ordered = sorted(by_date.values(), key=lambda pair: pair[0].sort_key())
        return tuple((when, tuple(articles)) for when, articles in ordered)

    @cached_property
    def date_disputed(self) -> bool:
        """Whether the sources give the event different dates (a day apart, or a month against a day)."""
        return any(report.event.date.value != self.date.value for report in self.reports)


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

    @property
    def key_events(self) -> tuple[TimelineEntry, ...]:
        return tuple(e for e in self.timeline if e.importance == 1)

    @property
    def other_entries(self) -> tuple[TimelineEntry, ...]:
        return tuple(e for e in self.timeline if e.importance != 1)

    @cached_property
    def overview(self):
        """The strip drawn above the timeline (`overview.Strip`), or None."""
        return overview_strip(self.timeline)


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

    @cached_property
    def overview(self):
        """The strip drawn above the year's timeline (`overview.Strip`), or None."""
        return overview_strip(self.entries)


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
    tag_slugs: dict = field(default_factory=dict, compare=False, hash=False)  # tag as written -> slug
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

    def tag_slug(self, tag: str) -> str:
        """The slug of a tag's page: different tags with alike slugs get apart (see `distinct_slugs`)."""
        return self.tag_slugs.get(tag) or slugify(tag, "tag")


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
# Words that say when, not what: reports of one happening on one date differ in them ("on Friday",
# "on Aug. 7", "late yesterday"), so counting them keeps apart what is the same; and what was said,
# not who did what, so counting "said" joins what differs.
_WHEN = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april june july "
                  "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec "
                  "today yesterday tomorrow tonight morning afternoon evening night noon midnight late early "
                  "last next week weekend month year ago earlier later when said says say told".split())


@lru_cache(maxsize=1 << 18)  # a text is compared many times: grouped site-wide, joined, ranked per topic
def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _TOKEN.findall(text.lower())
                     if len(w) > 1 and w not in _STOP and w not in _WHEN and not _is_date_number(w))


_TOKEN = re.compile(r"[a-z0-9]+")


def _is_date_number(word: str) -> bool:
    """A day of the month or a year: part of the date, which reports grouped together already share."""
    return word.isdigit() and (int(word) <= 31 or (len(word) == 4 and 1800 <= int(word) <= 2100))


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
    """One entry per group, ordered by date and then text, each with an anchor unique on its page.

    A group joined across dates (`join_close_dates`) takes the date most of
    its sources give; its headline is the most representative report's
    (`representative`).
    """
    entries = []
    for group in groups:
        lead = representative(group)
        entries.append((_group_date(group, lead), lead.event.text, tuple(group)))
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


def representative(group: list[Report]) -> Report:
    """The report whose text heads the entry.

    A hand-written description reads better than an extracted sentence.
    Among extracted ones: a text that reads as a complete sentence (a capital
    first, some words), then the one sharing most words with the other reports
    (it says what they all say), then the earliest article's (the first
    report is usually the fullest account of the happening itself).
    """
    if len(group) == 1:
        return group[0]
    words = [_words(r.event.text) for r in group]
    shared = [sum(len(mine & other) for j, other in enumerate(words) if j != i) for i, mine in enumerate(words)]

    def rank(i: int) -> tuple:
        report = group[i]
        published = report.article.date.toordinal() if report.article and report.article.date else 0
        return (report.event.origin.extracted, not _complete(report.event.text), -shared[i], published, i)

    return group[min(range(len(group)), key=rank)]


_FRAGMENT_START = frozenset("and but or which who whom whose that with had has have was were said says also "
                            "then while when where as if".split())


def _complete(text: str) -> bool:
    """Whether an extracted text reads as a sentence rather than a clause cut out of one."""
    words = text.split()
    return (len(words) >= 4 and text[:1].isupper() and words[0].lower() not in _FRAGMENT_START
            and not text.startswith(("\"", "'", "“")))


def _group_date(group: list[Report], lead: Report) -> DateValue:
    """The date of a group: the one most of its sources give, then the finest, then the lead's."""
    if len(group) == 1:
        return lead.event.date
    votes: dict[str, set[int]] = defaultdict(set)
    dates: dict[str, DateValue] = {}
    for report in group:
        votes[report.event.date.value].add(id(report.article))
        dates.setdefault(report.event.date.value, report.event.date)
    if len(votes) == 1:
        return lead.event.date
    best = max(votes, key=lambda v: (len(votes[v]), -_RANK_OF.get(dates[v].precision, 9),
                                     v == lead.event.date.value, [-c for c in dates[v].start.timetuple()[:3]]))
    return dates[best]


_RANK_OF = {"day": 0, "week": 1, "month": 2}  # finer first; every other precision after these


# -- dates a day apart: one event, sources disagreeing -------------------------------------------

# Two sources' dates for one happening: a day or two apart (a "Friday night" that is Saturday in
# another time zone, a report filed after midnight), or a month against a day in it.
_CLOSE_DAYS = 2
# Reports sharing at least this many words, and half the shorter one's, tell of the same happening
_CLOSE_SHARED = 3
# A word in more of a month's reports than this tells nothing about which happening a report is about
_COMMON_IN_MONTH = 200


def join_close_dates(groups: list[list[Report]]) -> list[list[Report]]:
    """Join groups of different articles that tell of one happening on dates a day or so apart.

    `group_reports` keeps each date value apart. Here a day-precise group
    joins a group from other articles dated up to two days away, or dated to
    the month or week holding its day, when a report of each shares at least three
    words and half the words of the shorter text. The joined group keeps
    every report with the date it gives, so an entry can show where its
    sources disagree. A single article giving two dates is two happenings
    ("talks began on Monday ... resumed on Tuesday"), so groups are joined
    only across articles.

    Candidates are found through a (word, month) index, skipping words
    common in that month, so a big site is not compared pair by pair.
    """
    keys = [_close_key(group[0].event.date) for group in groups]
    words = [set().union(*(_words(r.event.text) for r in group)) for group in groups]
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, key in enumerate(keys):
        if key:
            for word in words[number]:
                index[(word, key[0])].append(number)
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for number, key in enumerate(keys):
        if not key or key[1] is None:  # only a day-precise group looks for its neighbours
            continue
        months = {key[0], *key[2]}
        found: set[int] = set()
        for word in words[number]:
            for month in months:
                postings = index.get((word, month), ())
                if len(postings) <= _COMMON_IN_MONTH:
                    found.update(postings)
        for other in found:
            if other == number or root(other) == root(number):
                continue
            day = keys[other][1]
            if day is not None and not (0 < abs(day - key[1]) <= _CLOSE_DAYS):
                continue
            if day is None and not _holds(groups[other][0].event.date, groups[number][0].event.date):
                continue  # a month- or week-precise group joins only the days inside it
            if _same_happening(groups[number], groups[other]):
                parent[root(other)] = root(number)
    joined: dict[int, list[Report]] = {}
    for number, group in enumerate(groups):
        joined.setdefault(root(number), []).extend(group)
    return list(joined.values())


def _close_key(when: DateValue) -> tuple[str, int | None, tuple[str, ...]] | None:
    """(month value, day ordinal or None, neighbouring months within reach) for a day- or month-precise date."""
    if when.is_range or when.first is None or when.circa or when.uncertain:
        return None
    point = when.first
    if point.precision == "month":
        return (point.value, None, ())
    if point.precision == "week":  # a week is a span holding the day, as a month is: keyed by its month
        return (point.start.strftime("%Y-%m"), None, ())
    if point.precision != "day":
        return None
    day = point.start
    near = {(day + timedelta(days=d)).strftime("%Y-%m") for d in range(-_CLOSE_DAYS, _CLOSE_DAYS + 1)}
    return (day.strftime("%Y-%m"), day.toordinal(), tuple(sorted(near - {day.strftime("%Y-%m")})))


def _holds(span: DateValue, day: DateValue) -> bool:
    return span.start <= day.start <= span.end


def _same_happening(one: list[Report], other: list[Report]) -> bool:
    mine = {id(r.article) for r in one if r.article is not None}
    if any(id(r.article) in mine for r in other if r.article is not None):
        return False
    for a in one:
        a_words = _words(a.event.text)
        for b in other:
            b_words = _words(b.event.text)
            common = len(a_words & b_words)
            if common >= _CLOSE_SHARED and 2 * common >= min(len(a_words), len(b_words)):
                return True
    return False


# -- salience: which entries are the key events --------------------------------------------------

# How many key events a timeline of n articles opens with: an editor's timeline of a story keeps one
# or two happenings an article, and even a long-running story's fits on a screen or two.
_KEY_PER_ARTICLE = 1.5
_KEY_MIN, _KEY_MAX = 3, 25
# An event dated at most this many days before the article reporting it is its news; up to
# `_RECENT_DAYS`, a recent development it recalls; earlier, background to it
_NEWS_DAYS = 31
_RECENT_DAYS = 120
_SPANS = frozenset({"week", "month"})  # a happening may be dated to one; a quarter or a year is a period


@dataclass(frozen=True)
class Salience:
    """Why an entry ranks where it does: the signals timeline summarisation relies on."""

    articles: int  # independent articles reporting it: the strongest signal
    day_articles: int  # articles reporting anything on its date (a big day is told by many)
    day_mentions: int  # reports of anything on its date, across the timeline's articles
    central: float  # share of its words shared with the topic's title and intro or other articles
    timing: str  # "news" (a month before a report at most), "recent", "ahead" (after every report), "background"
    complete: bool  # its text reads as a sentence
    vouched: bool  # written by a person, not extracted
    order: int = 0  # how early a source tells it: news is written top down, the main news first

    @property
    def score(self) -> float:
        timing = {"news": 1.0, "recent": 0.5, "ahead": 0.3}.get(self.timing, 0.0)
        return (1.5 * (self.articles - 1) + 0.75 * (self.day_articles - self.articles) + self.central
                + 0.25 * math.log2(1 + self.day_mentions) + timing + (0.3 if self.complete else 0.0)
                + 0.5 / (1 + self.order) + (3.0 if self.vouched else 0.0))


def rank_timeline(entries: tuple[TimelineEntry, ...], context: str = "", fold: bool = True,
                  n_articles: int = 0) -> tuple[TimelineEntry, ...]:
    """The entries of a topic's (or a year's) timeline with their importance, in date order.

    Salience (`Salience.score`): how many independent articles report the
    event, how many articles and reports its date gathers, how much it
    shares with what the rest of the timeline is about (`context`: the
    topic's title and intro, and the other articles), and whether it was
    news to the articles that report it rather than a date recalled in
    passing. `n_articles`: how many articles the timeline is made of (by
    default, those with entries).

    With `fold`, each date is shown once with its main happenings
    (`_fold_date`): what only one article reports that day goes under the
    date's main entry (`TimelineEntry.also`), unless it is another source's
    account of a main happening (it joins it) or several articles tell it
    (it becomes a main entry).

    Importance 1 (key): a happening dated to the day, or to the week or
    month by two articles or by hand; news to a source, or recalled by three
    articles; among the best `_KEY_PER_ARTICLE` per article (3 to 25). A
    topic sheet's own events are always among the candidates.
    Importance 2: the other entries two articles report, or news dated to
    the day. Importance 3: everything else, background years mentioned in
    passing among them.
    """
    if not entries:
        return entries
    n_articles = n_articles or len({id(a) for e in entries for a in e.articles}) or 1
    profile = _profile(entries, context)
    on_date = Counter(e.date.value for e in entries for _ in e.reports)
    sources_on_date: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        sources_on_date[entry.date.value].update(id(r.article) for r in entry.reports)
    salience = {e.anchor: _salience(e, profile, len(sources_on_date[e.date.value]), on_date[e.date.value])
                for e in entries}
    kept: list[TimelineEntry] = []
    folded: dict[str, list[TimelineEntry]] = {}
    if fold:
        story = _story_words(profile[0], n_articles)
        by_date: dict[str, list[TimelineEntry]] = defaultdict(list)
        for entry in entries:
            by_date[entry.date.value].append(entry)
        for same_day in by_date.values():
            mains, asides = _fold_date(same_day, salience, story)
            kept.extend(mains)
            folded[mains[0].anchor] = asides
    else:
        kept = list(entries)
    score = {anchor: s.score for anchor, s in salience.items()}
    budget = max(_KEY_MIN, min(_KEY_MAX, round(_KEY_PER_ARTICLE * n_articles)))
    eligible = [e for e in kept if _may_be_key(e, salience[e.anchor])]
    # ties: an entry with a start before one without (it has a place on the strip and in TimelineJS)
    eligible.sort(key=lambda e: (-score[e.anchor], e.date.first is None, e.date.sort_key(), e.anchor))
    key = {e.anchor for e in eligible[:budget]}
    result = []
    for entry in kept:
        s = salience[entry.anchor]
        if entry.anchor in key:
            importance = 1
        elif s.vouched or s.articles > 1 or (s.timing in ("news", "recent") and entry.date.precision == "day"):
            importance = 2
        else:
            importance = 3
        asides = sorted(folded.get(entry.anchor, ()), key=lambda e: e.anchor)
        also = tuple(replace_entry(e, importance=3) for e in asides)
        result.append(replace_entry(entry, importance=importance, also=also))
    order = {e.anchor: n for n, e in enumerate(entries)}
    result.sort(key=lambda e: order[e.anchor])
    return tuple(result)


def _fold_date(same_day: list[TimelineEntry], salience: dict[str, Salience],
               story: set[str]) -> tuple[list[TimelineEntry], list[TimelineEntry]]:
    """One date's entries as (main entries, the first one heading the date; asides under it).

    `story`: the words of the whole story (`_story_words`). `salience` is
    updated for the entries that gain sources here.
    """
    same_day = sorted(same_day, key=lambda e: (-salience[e.anchor].score, e.anchor))
    mains = [same_day[0]]
    for entry in same_day[1:]:
        s = salience[entry.anchor]
        if s.articles > 1 or s.vouched:
            mains.append(entry)  # a happening of its own: others report it too
    separate = {id(e) for e in mains}
    asides: list[TimelineEntry] = []
    for entry in same_day[1:]:
        if id(entry) in separate:
            continue
        # a report the site-wide grouping left apart (it came before the report that links it to a
        # main entry) joins that entry as one more source
        into = next((n for n, main in enumerate(mains) if _another_source(entry, main, story)), None)
        if into is None:
            asides.append(entry)
        else:
            mains[into] = _joined([mains[into], entry], salience)
    result: list[TimelineEntry] = []
    # what several articles tell in their own words is a happening of its own, not an aside
    for group in _retold(asides, story):
        if len(group) == 1:
            result.append(group[0])
        else:
            mains.append(_joined(group, salience))
    # main entries that no article tells apart, and that tell of one happening, are one entry
    merged: list[TimelineEntry] = []
    for main in mains:
        into = next((n for n, kept in enumerate(merged) if _another_source(main, kept, story)), None)
        if into is None:
            merged.append(main)
        else:
            merged[into] = _joined([merged[into], main], salience)
    return merged, result


def _joined(entries: list[TimelineEntry], salience: dict[str, Salience]) -> TimelineEntry:
    """The first entry with the reports of all: one happening, several sources."""
    reports = tuple(r for e in entries for r in e.reports)
    joined = replace_entry(entries[0], reports=reports, text=representative(list(reports)).event.text)
    salience[joined.anchor] = replace(salience[entries[0].anchor], articles=len(joined.articles))
    return joined


def replace_entry(entry: TimelineEntry, **changes) -> TimelineEntry:
    """A copy of an entry with some fields changed (dataclasses.replace, without its cached properties)."""
    fields = {"date": entry.date, "text": entry.text, "reports": entry.reports, "anchor": entry.anchor,
              "importance": entry.importance, "also": entry.also}
    fields.update(changes)
    return TimelineEntry(**fields)


def _story_words(spread: dict[str, int], n_articles: int) -> set[str]:
    """The words more than half of the timeline's articles use: they name the story, not one happening in it."""
    return {w for w, n in spread.items() if 2 * n > n_articles}


def _retold(entries: list[TimelineEntry], story: set[str]) -> list[list[TimelineEntry]]:
    """Single-article entries of one date, grouped where different articles tell the same happening.

    Looser than `group_reports`, because these are already known to share a
    date and to differ from the date's main entries: two texts from different
    articles sharing two words that name the happening rather than the story
    (words that at most half the timeline's articles use) tell of one thing.
    """
    words = [_words(e.text) - story for e in entries]
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(entries)):
        for j in range(i):
            if (len(words[i] & words[j]) >= 2 and root(i) != root(j)
                    and not any(a is b for a in entries[i].articles for b in entries[j].articles)):
                parent[root(i)] = root(j)
    groups: dict[int, list[TimelineEntry]] = {}
    for i, entry in enumerate(entries):
        groups.setdefault(root(i), []).append(entry)
    return list(groups.values())


def _another_source(entry: TimelineEntry, main: TimelineEntry, story: set[str]) -> bool:
    """Whether an entry tells of a main entry's happening from articles the main entry does not have yet.

    Either their texts match as `group_reports` matches texts, or each text
    has two words in the other's sentence beyond the words of the whole story
    (`story`): an extracted text can be a clipped part of its sentence
    ("Tomas Brenn, resigned on April 17"). Both ways, so that a sentence
    telling of two happenings ("declared an emergency as the fire destroyed
    forty homes") does not pull a report of the other one in.
    """
    if any(a is b for a in entry.articles for b in main.articles):
        return False
    for report in entry.reports:
        mine = _words(report.event.text)
        my_sentence = _words(report.event.origin.sentence or "") | mine
        for other in main.reports:
            theirs = _words(other.event.text)
            common = 2 * len(mine & theirs)
            if common and (common >= len(mine) or common >= len(theirs)):
                return True
            their_sentence = _words(other.event.origin.sentence or "") | theirs
            if len((mine & their_sentence) - story) >= 2 and len((theirs & my_sentence) - story) >= 2:
                return True
    return False


def _may_be_key(entry: TimelineEntry, s: Salience) -> bool:
    if any(report.article is None for report in entry.reports):
        return True  # the topic sheet's own timeline: what its editor chose for the topic
    if entry.date.precision not in _SPANS | {"day"}:
        return False  # a year, a quarter, a season: a period, not a happening one can put a day to
    if entry.date.is_range and not s.vouched:
        return False  # an extracted range is mostly a period ("from 2010 to 2014") too
    if entry.date.precision in _SPANS and s.articles == 1 and not s.vouched:
        return False  # "this week", "by the end of the month": too vague for one source alone to make it key
    # a date recalled long after is background, unless many articles recall it
    return s.timing != "background" or s.articles >= 3


def _profile(entries: tuple[TimelineEntry, ...], context: str) -> tuple[dict[str, int], set[str]]:
    """Per word, how many articles of the timeline use it in an event; and the words of the context."""
    articles_of: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        for report in entry.reports:
            for word in _words(report.event.text):
                articles_of[word].add(id(report.article))
    return {w: len(a) for w, a in articles_of.items()}, _words(context)


def _salience(entry: TimelineEntry, profile: tuple[dict[str, int], set[str]], day_articles: int,
              day_mentions: int) -> Salience:
    spread, context = profile
    articles = len(entry.articles) + (1 if any(r.article is None for r in entry.reports) else 0)
    words = _words(entry.text)
    # a word counts as shared when the context has it or articles beyond this entry's own use it
    shared = sum(1 for w in words if w in context or spread.get(w, 0) > articles)
    central = shared / len(words) if words else 0.0
    timings = set()
    for report in entry.reports:
        published = report.article.date if report.article else None
        when = report.event.date
        if published is None or when.first is None:
            timings.add("news")
            continue
        if when.start > published:
            timings.add("ahead")
        elif (published - min(when.end, published)).days <= _NEWS_DAYS:
            timings.add("news")
        elif (published - when.end).days <= _RECENT_DAYS and when.precision == "day":
            timings.add("recent")  # a day an article still names months later mattered to it
        else:
            timings.add("background")
    timing = next(t for t in ("news", "recent", "ahead", "background") if t in timings) if timings else "news"
    vouched = any(not r.event.origin.extracted for r in entry.reports)
    order = min(r.order for r in entry.reports)
    return Salience(articles, day_articles, day_mentions, central, timing, _complete(entry.text), vouched, order)


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
    reports = [Report(e, p.article, order=n) for p in pages for n, e in enumerate(p.facts.events)]
    reports += [Report(e, None, t.slug, n) for t in topics for n, e in enumerate(t.facts.events)]
    groups = join_close_dates(group_reports(reports))
    by_topic = _groups_by_topic(groups)
    pages_by_topic: dict[str, list[ArticlePage]] = defaultdict(list)
    for page in pages:
        for slug in dict.fromkeys(page.article.topics):
            pages_by_topic[slug].append(page)
    topic_pages = tuple(_topic_page(t, pages_by_topic[t.slug], by_topic.get(t.slug, []), config)
                        for t in sorted(topics, key=lambda t: t.title.lower()))
    timeline = site_importance(timeline_entries(as_on_topic_pages(groups, topic_pages)), topic_pages)
    slugs_of_tags = tag_slugs(pages)
    tag_pages = _tag_pages(pages, slugs_of_tags)
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
        tag_slugs=slugs_of_tags,
        year_of_entry={e.anchor: y.slug for y in years for e in y.entries},
        mention_targets=targets,
    )


def as_on_topic_pages(groups: list[list[Report]], topics: tuple[TopicPage, ...]) -> list[list[Report]]:
    """The site-wide groups, joined where a topic page found them to tell of one happening.

    A topic page joins reports the site-wide grouping kept apart (`_fold_date`:
    another source's clipped account, several articles' own words); the
    site-wide timeline follows, so that an event is one entry there too.
    The reports a topic page only lists under a day's main entry stay apart.
    """
    group_of = {id(report): number for number, group in enumerate(groups) for report in group}
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for page in topics:
        for entry in page.timeline:
            numbers = {root(group_of[id(r)]) for r in entry.reports if id(r) in group_of}
            first = min(numbers, default=None)
            for number in numbers:
                parent[number] = first
    joined: dict[int, list[Report]] = {}
    for number, group in enumerate(groups):
        joined.setdefault(root(number), []).extend(group)
    return list(joined.values())


def site_importance(timeline: tuple[TimelineEntry, ...], topics: tuple[TopicPage, ...]) -> tuple[TimelineEntry, ...]:
    """The site-wide timeline with each entry's importance.

    An entry of a topic is as important as on the topic's page (the most
    important, if it is in several). The entries of no topic are ranked
    year by year among themselves, as a timeline of their own.
    """
    best: dict[int, int] = {}  # id of a report -> the importance of its entry on a topic page
    for page in topics:
        for entry in page.timeline:
            for item in (entry, *entry.also):
                for report in item.reports:
                    best[id(report)] = min(best.get(id(report), 3), item.importance)
    ranked: dict[str, int] = {}
    loose: dict[int | None, list[TimelineEntry]] = defaultdict(list)
    for entry in timeline:
        found = [best[id(r)] for r in entry.reports if id(r) in best]
        if found:
            ranked[entry.anchor] = min(found)
        else:
            loose[entry.date.year()].append(entry)
    for entries in loose.values():
        ranked.update((e.anchor, e.importance) for e in rank_timeline(tuple(entries), fold=False))
    return tuple(replace_entry(e, importance=ranked[e.anchor]) for e in timeline)


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
    context = " ".join((topic.title, topic.summary or "", topic.body[:2000]))  # what the topic says it is about
    return TopicPage(
        topic, tuple(p.article for p in members),
        rank_timeline(timeline_entries(groups), context, n_articles=len(members)),
        tuple((items[0].fact.label, tuple(items)) for items in facts.values()), body_html,
    )


def tag_slugs(pages: list[ArticlePage]) -> dict[str, str]:
    """Every tag as written → its page's slug; two different tags never share one."""
    return distinct_slugs(sorted({tag for page in pages for tag in page.article.tags}), "tag")


def _tag_pages(pages: list[ArticlePage], slugs: dict[str, str]) -> tuple[TagPage, ...]:
    names: dict[str, str] = {}
    members: dict[str, dict[int, Article]] = defaultdict(dict)  # by id(): comparing articles is slow
    for page in pages:
        for tag in page.article.tags:
            slug = slugs[tag]
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
