"""Deterministic benchmark corpus: N news articles written in three site layouts.

Each article is 3-4 KB of templated news prose with the things factsheet
extracts -- dates ("on 13 November", "last week", "Nov. 2, 2009"), quotes with
speakers ('"...," Smith said.') and figures ("130 people", "£2.5m", "50%",
"2,000 officers") -- plus front matter (title, a date spread over 20 years,
3 tags from a pool of 200, 1-2 topics from 50, hand-written facts and events).

Article ``i`` depends only on ``(seed, i)``, so the 1,000-article corpus is a
prefix of the 10,000-article one and reruns produce byte-identical files.

The same articles are written as:

* ``DIR/factsheet``: ``content/articles/<slug>.md`` with YAML front matter,
  ``content/topics/topic-N.md`` and ``site.yaml``;
* ``DIR/pelican``: ``content/<slug>.md`` with a Pelican metadata header and
  ``pelicanconf.py``;
* ``DIR/hugo``: ``content/posts/<slug>.md`` with YAML front matter,
  ``hugo.toml`` and a small theme in ``layouts/``.

Usage: ``python benchmarks/corpus.py N DIR [--seed S]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

# Bump when the generated text or layouts change, so cached corpora are rebuilt.
CORPUS_VERSION = 1
DEFAULT_SEED = 20240601
MANIFEST = "corpus.json"

FIRST_DATE = dt.date(2005, 1, 1)
SPAN_DAYS = 20 * 365  # dates spread over 20 years
N_TAGS = 200
N_TOPICS = 50

# --------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------

FIRST_NAMES = """James Mary Robert Patricia John Jennifer Michael Linda David
Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Charles
Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Margaret Donald Sandra Paul
Ashley Steven Kimberly Andrew Emily Kenneth Donna Joshua Michelle Kevin Carol
Brian Amanda George Melissa Edward Deborah Ronald Stephanie Timothy Rebecca
Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas
Angela Eric Shirley Jonathan Anna Stephen Brenda Larry Pamela Justin Emma
Scott Nicole Brandon Helen Benjamin Samantha Samuel Katherine Priya Rahul
Aisha Omar Fatima Yusuf Siobhan Declan Niamh Ciaran Gareth Rhian Hamish
Morag Tomasz Agnieszka Chen Wei Mei Hiroshi Yuki Kwame Ama Chidi Ngozi""".split()

SURNAMES = """Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas
Johnson Roberts Robinson Thompson Wright Walker White Edwards Hughes Green
Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper Hill Ward
Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips
Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter
Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall
Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell
Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes
Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins
Okafor Mensah Nowak Kowalski Nakamura Tanaka Zhang Liu O'Brien MacLeod""".split()

PLACES = """Leeds Bradford Sheffield York Hull Manchester Salford Bolton Wigan
Liverpool Chester Preston Lancaster Carlisle Newcastle Sunderland Durham
Middlesbrough Nottingham Derby Leicester Lincoln Coventry Birmingham
Wolverhampton Stoke Worcester Hereford Gloucester Bristol Bath Exeter
Plymouth Truro Taunton Swindon Oxford Reading Southampton Portsmouth
Brighton Hastings Canterbury Dover Norwich Ipswich Cambridge Peterborough
Bedford Luton Cardiff Swansea Newport Wrexham Glasgow Edinburgh Aberdeen
Dundee Inverness Belfast Derry Stirling Perth Dumfries Kendal Whitby""".split()

ORG_KINDS = [
    "City Council", "County Council", "Police", "Fire and Rescue Service",
    "NHS Trust", "Chamber of Commerce", "University", "Housing Association",
    "Water", "Transport Authority", "Magistrates' Court", "Crown Court",
]
NATIONAL_ORGS = [
    "the Environment Agency", "the Home Office", "the Treasury",
    "the Department for Transport", "the Met Office", "Network Rail",
    "the Office for National Statistics", "the Care Quality Commission",
    "Ofsted", "the Electoral Commission", "Historic England",
    "the Health and Safety Executive", "the Charity Commission",
    "the Food Standards Agency", "the Local Government Association",
]
ROLES = [
    "a spokesperson", "the chief executive", "the council leader",
    "a local resident", "the chief constable", "the head teacher",
    "a union representative", "the MP for the area", "a shop owner",
    "the chair of the residents' association", "a senior engineer",
    "the director of public health", "an economist", "a volunteer",
    "the deputy mayor", "a campaigner", "a consultant surgeon",
]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = """January February March April May June July August September
October November December""".split()
# AP-style month abbreviations, as in "Nov. 2, 2009".
AP_MONTHS = """Jan. Feb. March April May June July Aug. Sept. Oct. Nov.
Dec.""".split()

TOPIC_NAMES = [
    "Flooding", "Rail strikes", "Housing", "NHS waiting lists", "Policing",
    "School funding", "Local elections", "Bus services", "Air quality",
    "Knife crime", "Energy prices", "Social care", "Town centre regeneration",
    "Road safety", "University admissions", "Heatwaves", "Recycling",
    "Potholes", "Library closures", "Childcare", "Homelessness",
    "High street retail", "Airport expansion", "Coastal erosion",
    "Mental health services", "Water shortages", "Planning disputes",
    "Tourism", "Farming", "Fishing quotas", "Wind farms", "Broadband",
    "Pensions", "Youth services", "Court backlogs", "Prisons", "Ambulance delays",
    "Council tax", "Festival season", "Football grounds", "Wildlife",
    "Heritage buildings", "Cycling", "Student housing", "Food banks",
    "Storm damage", "Factory closures", "Port traffic", "Drug policy",
    "Sewage spills",
]
assert len(TOPIC_NAMES) == N_TOPICS

TAG_HEADS = """flood rail bus housing police school hospital council budget
energy water river road bridge tram airport port farm coast park library
court prison care youth""".split()
TAG_TAILS = """funding strikes closures review plans safety protest inquiry
repairs jobs costs delays""".split()

SUBJECTS = [
    "flood defence scheme", "rail timetable", "bypass", "housing estate",
    "bus route", "hospital ward", "primary school", "leisure centre",
    "recycling contract", "tram extension", "sea wall", "library service",
    "parking scheme", "care home", "water treatment works", "market hall",
    "cycle lane", "business park", "youth centre", "ambulance station",
]
ACTIONS_PAST = [
    "approved", "rejected", "delayed", "announced", "scrapped", "postponed",
    "criticised", "defended", "launched", "reviewed", "suspended", "backed",
]
ACTIONS_PRESENT = [
    "approves", "rejects", "delays", "unveils", "scraps", "postpones",
    "backs", "reviews", "suspends", "launches", "defends", "questions",
]
ADJECTIVES = [
    "controversial", "long-awaited", "ambitious", "costly", "delayed",
    "revised", "new", "temporary", "emergency", "£{money}", "overdue",
]
PEOPLE_NOUNS = [
    "people", "residents", "families", "officers", "staff", "pupils",
    "patients", "passengers", "volunteers", "households", "workers",
    "firefighters", "businesses", "homes", "jobs",
]
QUOTE_OPENERS = [
    "We have been clear from the start that",
    "Nobody should be surprised that",
    "I think people deserve to know why",
    "It is simply not acceptable that",
    "Our priority remains making sure",
    "What we have seen over the past few days shows",
    "The figures speak for themselves:",
    "I have lived here for {years} years and",
    "We are working closely with partners so that",
    "Frankly, it is disappointing that",
    "There is no quick fix, but",
    "We will look carefully at whether",
]
QUOTE_CLAUSES = [
    "the {subject} has to be finished on time",
    "{place} needs proper investment",
    "residents were not consulted properly",
    "the money is spent where it is needed most",
    "lessons are learned from what happened",
    "{org} acted as quickly as it could",
    "{number} {people} have already been affected",
    "nothing like this has happened here before",
    "the costs have risen to £{money}",
    "we cannot carry on as we are",
    "everyone is kept safe while the work goes on",
    "more than {percent}% of people supported the plan",
]

# --------------------------------------------------------------------------
# Facts and events: (label, unit, sentence template mentioning the value)
# --------------------------------------------------------------------------

FACT_KINDS = [
    ("People evacuated", "people", "{value} people were evacuated from their homes"),
    ("Officers deployed", "officers", "{value} officers were deployed across {place}"),
    ("Homes affected", "homes", "{value} homes were affected"),
    ("Jobs at risk", "jobs", "{value} jobs are said to be at risk"),
    ("Cost", "GBP", "the cost has been put at {money}"),
    ("Funding announced", "GBP", "{money} of funding was announced"),
    ("Turnout", "percent", "turnout reached {value}%"),
    ("Share of residents in favour", "percent", "{value}% of residents backed the proposal"),
    ("Patients waiting", "patients", "{value} patients were still waiting for treatment"),
    ("Passengers affected", "passengers", "{value} passengers had their journeys disrupted"),
]
EVENT_TEXTS = [
    "Flooding begins in {place}", "{org} announces a review",
    "Protest held outside {org} offices", "Public consultation opens",
    "Emergency meeting called in {place}", "Contract awarded for the {subject}",
    "First complaints reported to {org}", "Work starts on the {subject}",
    "Report published by {national}", "Strike ballot announced",
    "{person} appointed to lead the inquiry", "Court hearing adjourned",
]
SOURCES = [
    ("Example News", "https://example.com"),
    ("The Daily Sample", "https://daily.example.org"),
    ("Northern Example Post", "https://post.example.net"),
    ("Example Evening Chronicle", "https://chronicle.example.com"),
    ("Sample Radio News", "https://radio.example.org"),
]


# --------------------------------------------------------------------------
# Article model
# --------------------------------------------------------------------------

@dataclass
class Fact:
    label: str
    value: int | float
    unit: str


@dataclass
class Article:
    index: int
    slug: str
    title: str
    date: dt.date
    source_name: str
    source_url: str
    tags: list[str]
    topics: list[int]  # 1-based topic numbers
    facts: list[Fact]
    events: list[tuple[dt.date, str]]
    body: str = ""


@dataclass
class _Cast:
    """Names and places that recur within one article, as in real reporting."""
    place: str
    org: str
    national: str
    subject: str
    speakers: list[tuple[str, str]] = field(default_factory=list)  # (name, role)


def tag_pool(seed: int) -> list[str]:
    """200 distinct tag slugs, e.g. 'flood-funding', shuffled reproducibly."""
    combos = [f"{h}-{t}" for h in TAG_HEADS for t in TAG_TAILS]
    random.Random(f"tags-{seed}").shuffle(combos)
    return combos[:N_TAGS]


def slugify(text: str) -> str:
    text = text.replace("£", "").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# --------------------------------------------------------------------------
# Prose
# --------------------------------------------------------------------------

def _thousands(n: int) -> str:
    return f"{n:,}"


def _money(rng: random.Random) -> tuple[int, str]:
    """An amount in pounds and how a reporter writes it: £2.5m, £340,000, £1.2bn."""
    kind = rng.random()
    if kind < 0.55:
        tenths = rng.randint(11, 999)  # £1.1m .. £99.9m
        value = tenths * 100_000
        text = f"£{tenths // 10}.{tenths % 10}m" if tenths % 10 else f"£{tenths // 10}m"
    elif kind < 0.9:
        value = rng.randint(12, 990) * 1000
        text = f"£{value:,}"
    else:
        tenths = rng.randint(11, 49)
        value = tenths * 100_000_000
        text = f"£{tenths // 10}.{tenths % 10}bn"
    return value, text


def _date_phrase(rng: random.Random, when: dt.date) -> str:
    """A date reference relative to the article date, in one of several styles."""
    past = when - dt.timedelta(days=rng.randint(1, 40))
    style = rng.randrange(8)
    if style == 0:
        return f"on {past.day} {MONTHS[past.month - 1]}"
    if style == 1:
        return "last week"
    if style == 2:
        return f"on {AP_MONTHS[past.month - 1]} {past.day}, {past.year}"
    if style == 3:
        return f"on {WEEKDAYS[past.weekday()]}"
    if style == 4:
        return f"in {MONTHS[past.month - 1]} {past.year}"
    if style == 5:
        return rng.choice(["earlier this month", "yesterday", "last month",
                           "at the weekend", "last year"])
    if style == 6:
        return f"on {past.day} {MONTHS[past.month - 1]} {past.year}"
    return f"on {past.day} {MONTHS[past.month - 1]}"


def _future_phrase(rng: random.Random, when: dt.date) -> str:
    later = when + dt.timedelta(days=rng.randint(7, 400))
    if rng.random() < 0.5:
        return f"by {later.day} {MONTHS[later.month - 1]} {later.year}"
    return rng.choice(["next year", "by the end of the month", "in the spring",
                       "within six months", f"in {MONTHS[later.month - 1]}"])


def _fill(rng: random.Random, template: str, cast: _Cast, when: dt.date) -> str:
    """Fill {slots} in a template; each slot draws a fresh value."""
    def slot(match: re.Match) -> str:
        name = match.group(1)
        if name == "place":
            return cast.place if rng.random() < 0.7 else rng.choice(PLACES)
        if name == "org":
            return cast.org
        if name == "national":
            return cast.national
        if name == "subject":
            return cast.subject
        if name == "number":
            return _thousands(rng.choice([rng.randint(12, 990), rng.randint(1, 95) * 100,
                                          rng.randint(1, 60) * 1000]))
        if name == "people":
            return rng.choice(PEOPLE_NOUNS)
        if name == "money":
            return _money(rng)[1][1:]  # template supplies the £
        if name == "percent":
            return str(rng.randint(5, 95))
        if name == "years":
            return str(rng.randint(3, 60))
        if name == "when":
            return _date_phrase(rng, when)
        if name == "later":
            return _future_phrase(rng, when)
        if name == "small":
            return str(rng.randint(2, 60))
        if name == "person":
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            return f"{first} {last}"
        raise KeyError(name)
    return re.sub(r"\{(\w+)\}", slot, template)


def _sentence(rng: random.Random, template: str, cast: _Cast, when: dt.date) -> str:
    """A filled template with its first letter capitalised ('the Met Office' starts it)."""
    text = _fill(rng, template, cast, when)
    return text[0].upper() + text[1:]


NARRATIVE = [
    "{org} said {number} {people} had been affected {when}.",
    "The {subject} in {place} was first proposed {when}, when it was expected to cost £{money}.",
    "According to {national}, around {percent}% of {people} in the area were affected.",
    "Figures released {when} showed that {number} {people} had contacted {org} for help.",
    "A meeting held {when} heard that the budget had grown to £{money}.",
    "Work on the {subject} is expected to be completed {later}.",
    "More than {number} {people} signed a petition calling for the plans to be reviewed.",
    "{national} confirmed {when} that it was looking into the matter.",
    "Roads around {place} were closed for several hours {when}.",
    "The figure is up from {number} the year before, a rise of {percent}%.",
    "Campaigners in {place} have staged {small} protests since the plans were announced.",
    "The report, published {when}, said the {subject} would need another £{money}.",
    "Officials said {number} {people} would be contacted over the coming weeks.",
    "{org} has set aside £{money} to deal with the problem.",
    "Residents first raised concerns {when}, but said they were ignored.",
    "About {percent}% of the work has been finished so far, {org} said.",
    "The decision was taken {when} after a vote of {small} to {small}.",
    "Some {number} {people} attended a public meeting in {place} {when}.",
    "Insurers estimate the damage at £{money}, with {number} claims lodged so far.",
    "A spokesperson for {national} said the {subject} was being monitored closely.",
]
SUBHEADS = ["Background", "What happens next", "Reaction", "The figures",
            "How we got here", "Local concerns"]


def _quote(rng: random.Random, cast: _Cast, when: dt.date) -> str:
    """One quoted paragraph with an attributed speaker, in a varied style."""
    name, role = rng.choice(cast.speakers)
    surname = name.split()[-1]
    opener = _fill(rng, rng.choice(QUOTE_OPENERS), cast, when)
    clause = _fill(rng, rng.choice(QUOTE_CLAUSES), cast, when)
    said = rng.choice(["said", "told reporters", "added", "said on Tuesday"])
    words = f"{opener} {clause}"
    style = rng.randrange(4)
    if style == 0:
        return f'"{words}," {surname} {said}.'
    if style == 1:
        return f'"{words}," said {name}, {role} at {cast.org}.'
    if style == 2:
        return f'{name}, {role}, said: "{words}."'
    tail = rng.choice(["We will keep people informed.", "That is the bottom line.",
                       "People want answers.", "We owe it to the community."])
    return f'"{words}," {name} said. "{tail}"'


def _fact_sentence(rng: random.Random, fact: Fact, template: str,
                   cast: _Cast, when: dt.date, money_text: str) -> str:
    """A sentence that states a fact's value the way the body text would."""
    value = _thousands(fact.value) if isinstance(fact.value, int) else str(fact.value)
    core = template.format(value=value, money=money_text, place=cast.place)
    lead = rng.choice(["Officials said", "According to {org},", "It emerged {when} that",
                       "{org} confirmed that", "Latest figures show"])
    sentence = f"{_fill(rng, lead, cast, when)} {core}."
    return sentence[0].upper() + sentence[1:]


def _body(rng: random.Random, art: Article, cast: _Cast,
          fact_lines: list[str]) -> str:
    """3-4 KB of Markdown: lede, quotes, narrative, the facts, occasional extras."""
    target = rng.randint(3000, 3900)
    lede = (f"{cast.org} has {rng.choice(ACTIONS_PAST)} the "
            f"{rng.choice(ADJECTIVES).replace('{money}', _money(rng)[1][1:])} "
            f"{cast.subject} in {cast.place}, "
            f"{_date_phrase(rng, art.date)}. "
            f"{fact_lines[0]}")
    paragraphs = [lede]
    pending = list(fact_lines[1:])
    used_subhead = used_list = False
    size = len(lede)
    while size < target:
        roll = rng.random()
        if pending and roll < 0.25:
            para = pending.pop(0) + " " + _sentence(rng, rng.choice(NARRATIVE), cast, art.date)
        elif roll < 0.42:
            para = _quote(rng, cast, art.date)
        elif roll < 0.55 and not used_subhead and len(paragraphs) > 2:
            para = f"## {rng.choice(SUBHEADS)}"
            used_subhead = True
        elif roll < 0.6 and not used_list:
            items = rng.sample(NARRATIVE, 3)
            para = "\n".join(f"- {_sentence(rng, s, cast, art.date)}" for s in items)
            used_list = True
        else:
            count = rng.randint(2, 4)
            para = " ".join(_sentence(rng, s, cast, art.date)
                            for s in rng.sample(NARRATIVE, count))
            if rng.random() < 0.1:
                para += (f" More details are on the [{cast.national} website]"
                         f"(https://example.org/{slugify(cast.national)}).")
        paragraphs.append(para)
        size += len(para) + 2
    paragraphs.extend(pending)  # every fact is stated somewhere in the text
    return "\n\n".join(paragraphs) + "\n"


def make_article(seed: int, index: int, tags: list[str]) -> Article:
    """Article ``index`` of the corpus; depends only on (seed, index)."""
    rng = random.Random(f"article-{seed}-{index}")
    when = FIRST_DATE + dt.timedelta(days=rng.randrange(SPAN_DAYS))
    place = rng.choice(PLACES)
    cast = _Cast(
        place=place,
        org=f"{place} {rng.choice(ORG_KINDS)}",
        national=rng.choice(NATIONAL_ORGS),
        subject=rng.choice(SUBJECTS),
        speakers=[(f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}", rng.choice(ROLES))
                  for _ in range(rng.randint(2, 3))],
    )
    title = rng.choice([
        f"{cast.org} {rng.choice(ACTIONS_PRESENT)} {cast.subject} plan",
        f"{place} {cast.subject} {rng.choice(ACTIONS_PAST)} after {rng.choice(['row', 'review', 'vote', 'protest', 'delay'])}",
        f"{_thousands(rng.randint(2, 90) * 100)} {rng.choice(PEOPLE_NOUNS)} affected as {place} {cast.subject} is {rng.choice(ACTIONS_PAST)}",
        f"What the {cast.subject} decision means for {place}",
        f"{cast.national[0].upper() + cast.national[1:]} {rng.choice(ACTIONS_PRESENT)} {place} {cast.subject}",
    ])
    slug = f"{slugify(title)[:60].rstrip('-')}-{index}"

    facts, fact_lines = [], []
    for label, unit, template in rng.sample(FACT_KINDS, rng.randint(2, 4)):
        money_value, money_text = _money(rng)
        if unit == "GBP":
            value: int | float = money_value
        elif unit == "percent":
            value = rng.randint(5, 95)
        else:
            value = rng.choice([rng.randint(12, 990), rng.randint(2, 95) * 100])
        fact = Fact(label, value, unit)
        facts.append(fact)
        fact_lines.append(_fact_sentence(rng, fact, template, cast, when, money_text))

    events = []
    for _ in range(rng.randint(1, 3)):
        day = when - dt.timedelta(days=rng.randint(0, 60))
        events.append((day, _fill(rng, rng.choice(EVENT_TEXTS), cast, when)))
    events.sort()

    name, base = rng.choice(SOURCES)
    art = Article(
        index=index, slug=slug, title=title, date=when, source_name=name,
        source_url=f"{base}/{when.year}/{when.month:02d}/{slug}",
        tags=sorted(rng.sample(tags, 3)),
        topics=sorted(rng.sample(range(1, N_TOPICS + 1), rng.randint(1, 2))),
        facts=facts, events=events,
    )
    art.body = _body(rng, art, cast, fact_lines)
    return art


# --------------------------------------------------------------------------
# Layout writers
# --------------------------------------------------------------------------

def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def factsheet_text(art: Article) -> str:
    facts = "\n".join(
        f"  - {{label: {_q(f.label)}, value: {f.value}, unit: {f.unit}}}" for f in art.facts)
    events = "\n".join(
        f"  - {{date: {d.isoformat()}, text: {_q(t)}}}" for d, t in art.events)
    return (
        "---\n"
        f"title: {_q(art.title)}\n"
        f"date: {art.date.isoformat()}\n"
        f"source: {{name: {_q(art.source_name)}, url: {_q(art.source_url)}}}\n"
        f"tags: [{', '.join(art.tags)}]\n"
        f"topics: [{', '.join(f'topic-{t}' for t in art.topics)}]\n"
        f"facts:\n{facts}\n"
        f"events:\n{events}\n"
        "---\n\n" + art.body
    )


def pelican_text(art: Article) -> str:
    # Pelican takes a single category: use the article's first topic.
    return (
        f"Title: {art.title}\n"
        f"Date: {art.date.isoformat()} 09:00\n"
        f"Tags: {', '.join(art.tags)}\n"
        f"Category: {TOPIC_NAMES[art.topics[0] - 1]}\n"
        f"Slug: {art.slug}\n\n" + art.body
    )


def hugo_text(art: Article) -> str:
    cats = ", ".join(_q(TOPIC_NAMES[t - 1]) for t in art.topics)
    return (
        "---\n"
        f"title: {_q(art.title)}\n"
        f"date: {art.date.isoformat()}\n"
        f"tags: [{', '.join(art.tags)}]\n"
        f"categories: [{cats}]\n"
        "---\n\n" + art.body
    )


def topic_text(n: int, rng: random.Random) -> str:
    name = TOPIC_NAMES[n - 1]
    intro = (f"This fact sheet collects reporting on {name.lower()} across the country, "
             f"from {rng.choice(PLACES)} to {rng.choice(PLACES)}. It brings together "
             "the key numbers, the timeline of events and what people involved have said.")
    return (f"---\ntitle: {_q(name)}\n"
            f"summary: {_q(f'Key facts and timeline: {name.lower()}.')}\n---\n\n{intro}\n")


PELICANCONF = '''\
# Pelican settings for the factsheet benchmark (generated by benchmarks/corpus.py).
AUTHOR = ""
SITENAME = "Benchmark"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
DEFAULT_PAGINATION = 10
# Article, index, tag and category pages only -- no feeds, archives or author
# pages -- to match the Hugo site.
DIRECT_TEMPLATES = ["index", "tags", "categories"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
# No caching: every run re-reads every article (Pelican's default).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
'''

HUGO_TOML = '''\
# Hugo settings for the factsheet benchmark (generated by benchmarks/corpus.py).
baseURL = "https://example.org/"
title = "Benchmark"
locale = "en-GB"
# Article, home, tag and category pages only -- no feeds, sitemap, robots.txt,
# 404 page or /posts/ section list -- to match the Pelican site.
disableKinds = ["rss", "sitemap", "robotstxt", "404", "section"]
# benchmarks/build.py sets HUGO_CACHEDIR=<this dir>/hugo_cache so that a cold
# build can delete Hugo's file cache (cacheDir must be an absolute path).

[pagination]
pagerSize = 10
# No /page/1/ redirect pages (Pelican writes none).
disableAliases = true

[taxonomies]
tag = "tags"
category = "categories"
'''

HUGO_LAYOUTS = {
    "baseof.html": '''\
<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/tags/" | relURL }}">Tags</a> <a href="{{ "/categories/" | relURL }}">Topics</a></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
''',
    "_partials/summary.html": '''\
<article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<div>{{ .Summary }}</div>
</article>
''',
    "_partials/pager.html": '''\
{{ with .Paginator }}{{ if gt .TotalPages 1 }}<nav class="pager">
{{ with .Prev }}<a href="{{ .URL }}">Newer</a>{{ end }}
Page {{ .PageNumber }} of {{ .TotalPages }}
{{ with .Next }}<a href="{{ .URL }}">Older</a>{{ end }}
</nav>{{ end }}{{ end }}
''',
    # Home paginates site.RegularPages directly (no where-filter).
    "home.html": '''\
{{ define "main" }}
{{ range (.Paginate site.RegularPages).Pages }}{{ partial "summary.html" . }}{{ end }}
{{ partial "pager.html" . }}
{{ end }}
''',
    "page.html": '''\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ .Content }}
<footer>
{{ with .GetTerms "tags" }}<p>Tags: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
{{ with .GetTerms "categories" }}<p>Topics: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
</footer>
</article>
{{ end }}
''',
    "taxonomy.html": '''\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
''',
    "term.html": '''\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ range .Paginator.Pages }}{{ partial "summary.html" . }}{{ end }}
{{ partial "pager.html" . }}
{{ end }}
''',
}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_configs(root: Path, seed: int) -> None:
    """Site configuration, theme and topic pages: everything but the articles."""
    _write(root / "factsheet" / "site.yaml", "title: Benchmark\n")
    rng = random.Random(f"topics-{seed}")
    for n in range(1, N_TOPICS + 1):
        _write(root / "factsheet" / "content" / "topics" / f"topic-{n}.md", topic_text(n, rng))
    _write(root / "pelican" / "pelicanconf.py", PELICANCONF)
    _write(root / "hugo" / "hugo.toml", HUGO_TOML)
    for name, text in HUGO_LAYOUTS.items():
        _write(root / "hugo" / "layouts" / name, text)


def article_paths(root: Path, slug: str) -> dict[str, Path]:
    """Where one article lives in each layout, keyed by tool name."""
    return {
        "factsheet": root / "factsheet" / "content" / "articles" / f"{slug}.md",
        "pelican": root / "pelican" / "content" / f"{slug}.md",
        "hugo": root / "hugo" / "content" / "posts" / f"{slug}.md",
    }


def read_manifest(root: Path) -> dict | None:
    try:
        return json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def generate(n: int, root: Path, seed: int = DEFAULT_SEED, force: bool = False) -> dict:
    """Write an n-article corpus under root unless an identical one is there.

    Returns the manifest: {"n", "seed", "version", "slugs"}.
    """
    manifest = read_manifest(root)
    if (not force and manifest and manifest.get("n") == n
            and manifest.get("seed") == seed and manifest.get("version") == CORPUS_VERSION):
        # Articles are reused; configs and theme are cheap, so always current.
        _write_configs(root, seed)
        return manifest
    # Start from scratch so stale articles or outputs from another size don't linger.
    if root.exists():
        shutil.rmtree(root)
    _write_configs(root, seed)
    tags = tag_pool(seed)
    slugs = []
    for i in range(n):
        art = make_article(seed, i, tags)
        paths = article_paths(root, art.slug)
        _write(paths["factsheet"], factsheet_text(art))
        _write(paths["pelican"], pelican_text(art))
        _write(paths["hugo"], hugo_text(art))
        slugs.append(art.slug)
    manifest = {"n": n, "seed": seed, "version": CORPUS_VERSION, "slugs": slugs}
    # Written last: a half-written corpus has no manifest and is regenerated.
    _write(root / MANIFEST, json.dumps(manifest))
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("dir", type=Path, help="output directory")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="regenerate even if present")
    args = parser.parse_args(argv)
    generate(args.n, args.dir, args.seed, args.force)
    print(f"wrote {args.n} articles x 3 layouts to {args.dir}")


if __name__ == "__main__":
    main()
