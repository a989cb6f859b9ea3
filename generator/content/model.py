"""The content model: frozen dataclasses, no I/O.

Everything the build knows about a site is one of these values. Each item
keeps where it came from (`origin`): the file and line for what a user
wrote, or `extracted=True` plus the sentence for what the build found in the
text, so every fact on a page can be traced back to its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .datevalue import DateValue
from .errors import SourceLocation


@dataclass(frozen=True)
class Origin:
    """Where an item comes from: a line of YAML, or a sentence the build extracted."""

    location: SourceLocation
    extracted: bool = False
    sentence: str | None = None  # the sentence of the body an extracted item came from


@dataclass(frozen=True)
class Source:
    name: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Image:
    src: str | None = None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Event:
    date: DateValue
    text: str
    origin: Origin
    as_stated: str | None = None
    source: Source | None = None  # set where an event was reported by an outside source


@dataclass(frozen=True)
class Fact:
    label: str
    value: str  # as stated: "130", "£2.5m", "50%"
    origin: Origin
    unit: str | None = None
    as_stated: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Person:
    name: str
    origin: Origin
    role: str | None = None
    org: str | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    origin: Origin
    speaker: str | None = None
    via: str | None = None
    as_stated: str | None = None


@dataclass(frozen=True)
class Claim:
    claim: str
    origin: Origin
    by: str | None = None
    verdict: str | None = None
    explanation: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ExtractSettings:
    """Which kinds of facts the build looks for in an article's text."""

    dates: bool = True
    numbers: bool = True
    quotes: bool = True
    people: bool = True

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(k for k in ("dates", "numbers", "quotes", "people") if getattr(self, k))


@dataclass(frozen=True)
class Facts:
    """The hand-written (or merged) facts of an article or a topic."""

    facts: tuple[Fact, ...] = ()
    events: tuple[Event, ...] = ()
    people: tuple[Person, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Article:
    slug: str
    path: str  # relative to the site root, with forward slashes
    title: str
    date: date | None
    body: str  # the text as written, without the front matter
    body_format: str  # "markdown" or "text"
    body_line: int  # the file line the body starts on
    location: SourceLocation  # the front matter's first line
    source: Source = Source()
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    summary: str | None = None
    image: Image | None = None
    facts: Facts = Facts()
    extract: ExtractSettings = ExtractSettings()
    ignore: tuple[str, ...] = ()
    updated: date | None = None
    draft: bool = False
    topics_location: SourceLocation | None = None  # where `topics:` is written, for messages about it
    language: str | None = None  # `language:` (or `lang:`) in the front matter; None: the site's


@dataclass(frozen=True)
class Topic:
    slug: str
    path: str
    title: str
    body: str
    body_format: str
    location: SourceLocation
    summary: str | None = None
    facts: Facts = Facts()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """A plain page (content/pages/about.md): a title and a text, published at /<slug>/."""

    slug: str
    path: str
    title: str
    body: str
    body_format: str
    location: SourceLocation
    summary: str | None = None
    menu: bool = False  # linked from every page's footer
    weight: int = 0  # the order of menu links: lower first, then by title
    draft: bool = False


@dataclass(frozen=True)
class Entity:
    slug: str
    path: str | None
    name: str
    kind: str  # "person", "organisation", "place"
    location: SourceLocation | None = None
    aliases: tuple[str, ...] = ()
    role: str | None = None
    description: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SiteConfig:
    """site.yaml, validated. Every field has a sensible default."""

    title: str = "Fact sheets"
    description: str | None = None
    base_url: str = "/"
    language: str = "en"
    date_order: str = "MDY"  # how 13/11/2015-style dates read; "DMY" or "MDY"
    extract: ExtractSettings = ExtractSettings()
    allow_html: bool = False
    author: str | None = None
    feed_limit: int = 50
    publish_extracted: str = "all"  # which extracted (unchecked) items pages show: all, none, events-only
    paginate: int = 50  # articles a page of a tag, an entity or the archive lists
    params: dict = field(default_factory=dict, hash=False)  # the user's own settings, for their templates
    drafts: bool = False  # --drafts: drafts are published too, marked as drafts
    extra_keys: tuple[str, ...] = field(default=())
