"""Stage 4: what the build found in an article's text, merged with what the user wrote.

The human always wins. An extracted item is dropped when:

* a hand-written item covers the same thing (an event on the same date
  whose `as_stated` overlaps the extracted sentence, a fact with the same
  value, a quote with the same words, a person with the same name);
* the article's `ignore:` list names it (by its text);
* its kind is switched off with `extract:` (in the article or site.yaml).

Vague references (`now`, `recently`) never become timeline events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .body import lead_lines
from ..content.datevalue import DateValue, from_timex, parse_date_value
from ..content.errors import SourceLocation
from .highlight import normalise
from ..content.model import Article, Event, Fact, Facts, Origin, Person, Quote, SiteConfig


@dataclass(frozen=True)
class EntityMention:
    """An organisation or place the text names, with the aliases it gives it."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class ArticleFacts:
    """An article's facts after merging: hand-written first, then extracted."""

    facts: Facts
    mentions: tuple[EntityMention, ...] = ()


def extract_article(article: Article, config: SiteConfig):
    """Run the extractors on an article's text, or return None when extraction is off.

    Dates are read in the article's language (its `language:`, else the site's).
    """
    kinds = set(article.extract.kinds)
    if article.date is None:
        kinds.discard("dates")  # relative dates cannot be resolved without a publication date
    if not kinds:
        return None
    from ..extract import extract  # imported here: `factsheet check --no-extract` never pays for it

    return extract(
        article.body,
        article.date,
        kinds=frozenset(kinds),
        date_order=config.date_order,
        language=article.language or config.language,
        skip_lines=lead_lines(article.body, article.image),
        markdown=article.body_format == "markdown",
    )


def merge_article(article: Article, extraction) -> ArticleFacts:
    """Hand-written facts plus the extracted ones that nothing hand-written covers."""
    written = article.facts
    if extraction is None:
        return ArticleFacts(written)
    lines = _LineIndex(article)
    ignored = _Ignore(article.ignore)
    events = [e for e in _events(extraction, lines) if not ignored.matches(e.text, e.as_stated)]
    events = [e for e in events if not any(_same_event(w, e, article.body) for w in written.events)]
    facts = [f for f in _facts(extraction, lines) if not ignored.matches(f.as_stated, f.value, f.label)]
    facts = [f for f in facts if not any(_same_fact(w, f) for w in written.facts)]
    quotes = [q for q in _quotes(extraction, lines) if not ignored.matches(q.text, q.speaker)]
    quotes = [q for q in quotes if not any(_same_quote(w, q) for w in written.quotes)]
    quotes = [_with_full_speaker(q, written.people) for q in quotes]
    people = [p for p in _people(extraction, lines) if not ignored.matches(p.name)]
    people = [p for p in people if not any(same_person(w.name, p.name) for w in written.people)]
    mentions = tuple(
        EntityMention(x.name, x.kind, tuple(x.aliases), lines.origin(x.span.start))
        for x in extraction.entities
        if x.kind != "person" and not ignored.matches(x.name)
    )
    return ArticleFacts(
        Facts(
            facts=written.facts + tuple(facts),
            events=written.events + tuple(events),
            people=written.people + tuple(people),
            quotes=written.quotes + tuple(quotes),
            claims=written.claims,
        ),
        mentions,
    )


def published(merged: ArticleFacts, policy: str) -> ArticleFacts:
    """What site.yaml's `publish_extracted` lets the site show: every extracted item (`all`), only
    extracted events (`events-only`), or none (`none`). Hand-written items are always shown; the
    review tools of `factsheet serve` still see everything, since they read the text themselves."""
    if policy == "all":
        return merged
    f = merged.facts

    def keep(items: tuple, kind_allowed: bool) -> tuple:
        return tuple(x for x in items if kind_allowed or not x.origin.extracted)

    events_ok = policy == "events-only"
    return replace(merged, facts=Facts(facts=keep(f.facts, False), events=keep(f.events, events_ok),
                                       people=keep(f.people, False), quotes=keep(f.quotes, False),
                                       claims=f.claims))


class _LineIndex:
    """Turns body offsets into file locations for extracted items."""

    def __init__(self, article: Article):
        self.article = article
        self.newlines = [m.start() for m in re.finditer("\n", article.body)]

    def origin(self, offset: int, sentence: str | None = None) -> Origin:
        import bisect

        line_in_body = bisect.bisect_left(self.newlines, offset)
        line_start = self.newlines[line_in_body - 1] + 1 if line_in_body else 0
        location = SourceLocation(self.article.path, self.article.body_line + line_in_body, offset - line_start + 1)
        return Origin(location, extracted=True, sentence=sentence)


class _Ignore:
    """The article's `ignore:` list: an extracted item goes when any of its texts is named."""

    def __init__(self, entries: tuple[str, ...]):
        self.entries = {normalise(e).lower() for e in entries if normalise(e)}

    def matches(self, *texts: str | None) -> bool:
        if not self.entries:
            return False
        return any(t is not None and normalise(t).lower() in self.entries for t in texts)


def _events(extraction, lines: _LineIndex) -> list[Event]:
    events = []
    for x in extraction.events:
        when = from_timex(x.value, x.mod)
        if when is None:
            continue  # PRESENT_REF and friends: true, but not a point on a timeline
        origin = lines.origin(x.span.start, x.sentence)
        events.append(Event(_when_reported(when, x.text, lines.article.date), x.text, origin, as_stated=x.as_stated))
    return events


# "Crossland reported a third-quarter loss": results for a period are news when they are reported.
_REPORTS_RESULTS = re.compile(r"\b(?:reported|posted|reports|posts)\b")


def _when_reported(when: DateValue, text: str, published: date | None) -> DateValue:
    """A company's results for a quarter or half already over go on the timeline when reported.

    The extractor dates "X reported a third-quarter loss" by the quarter, as the
    sentence does; on a timeline of many articles the event is the report, in
    the month the article published it (never finer than the month: the day
    of the report is not known). Only for a period that ended before the
    article: a forecast for the current quarter keeps its quarter.
    """
    if published is None or when.precision not in ("quarter", "half") or when.end >= published \
            or not _REPORTS_RESULTS.search(text):
        return when
    return parse_date_value(f"{published.year:04d}-{published.month:02d}")


def _facts(extraction, lines: _LineIndex) -> list[Fact]:
    # The qualifier goes into the value, as an editor would write it ("at least 82"), so that
    # every page, data file and `factsheet extract` proposal shows it with the number.
    return [
        Fact(x.label, f"{x.qualifier} {x.value}" if x.qualifier else x.value,
             lines.origin(x.span.start, x.sentence), unit=x.unit, as_stated=x.as_stated)
        for x in extraction.facts
    ]


# Words that do not change what a figure counts: "People killed" and "Killed" are one figure.
_GENERIC_LABEL_WORDS = frozenset({"people", "persons", "number", "of", "the", "total"})


def fact_key(label: str) -> str:
    """What a fact's label counts, for comparing figures across sources: "People killed",
    "killed" and "Killed" give the same key; "Death toll" does not (it is another label)."""
    words = normalise(label).lower().split()
    kept = [w for w in words if w not in _GENERIC_LABEL_WORDS]
    return " ".join(kept or words)


def _quotes(extraction, lines: _LineIndex) -> list[Quote]:
    return [
        Quote(x.text, lines.origin(x.span.start, x.sentence), speaker=x.speaker, via=x.via, as_stated=x.text)
        for x in extraction.quotes
    ]


def _people(extraction, lines: _LineIndex) -> list[Person]:
    return [Person(x.name, lines.origin(x.span.start), role=x.role, org=x.org) for x in extraction.people]


def _same_event(written: Event, extracted: Event, body: str) -> bool:
    """Same date, and the user's `as_stated` overlaps the extracted sentence (or is not given)."""
    if written.date.value != extracted.date.value and not (
        written.date.start <= extracted.date.start and extracted.date.end <= written.date.end
        and written.date.precision == extracted.date.precision
    ):
        return False
    if not written.as_stated:
        return True
    stated = normalise(written.as_stated)
    sentence = normalise(extracted.origin.sentence or extracted.text)
    return stated in sentence or sentence in stated or normalise(extracted.as_stated or "") in stated


def _digits(value: str) -> str:
    return re.sub(r"[^\d.]", "", value)


def _same_fact(written: Fact, extracted: Fact) -> bool:
    if written.as_stated and extracted.as_stated:
        a, b = normalise(written.as_stated), normalise(extracted.as_stated)
        if a in b or b in a:
            return True
    return bool(_digits(written.value)) and _digits(written.value) == _digits(extracted.value)


def _same_quote(written: Quote, extracted: Quote) -> bool:
    a, b = normalise(written.text).lower(), normalise(extracted.text).lower()
    return a in b or b in a


def same_person(a: str, b: str) -> bool:
    """'Patricia Gallan' and 'Gallan' are one person; 'Ann Smith' and 'John Smith' are not."""
    a_words, b_words = a.lower().split(), b.lower().split()
    if a_words == b_words:
        return True
    short, long = sorted((a_words, b_words), key=len)
    return len(short) == 1 and bool(long) and long[-1] == short[0]


def _with_full_speaker(quote: Quote, people: tuple[Person, ...]) -> Quote:
    """A surname-only speaker takes the full name of a hand-written person."""
    if quote.speaker is None:
        return quote
    for person in people:
        if same_person(person.name, quote.speaker):
            return replace(quote, speaker=person.name)
    return quote
