"""Stage 2: front matter mappings become typed model objects, and every mistake a diagnostic.

Each `Document` from `load.py` is checked key by key against the content
schema (README: "Content schema"). A bad value is reported at its own line
and left out; the rest of the file is still checked, so one build lists
every problem. Unknown keys are warnings (errors with --strict).
"""

from __future__ import annotations

from .errors import Diagnostics, SourceLocation
from .fields import Fields, slugify
from .load import Document
from .model import (
    Article,
    Claim,
    Entity,
    Event,
    ExtractSettings,
    Fact,
    Facts,
    Image,
    Origin,
    Page,
    Person,
    Quote,
    Source,
    Topic,
)
from .yamlmarks import MarkedMap

FACT_KEYS = ("facts", "events", "people", "quotes", "claims")
ARTICLE_KEYS = frozenset(
    {"title", "date", "updated", "slug", "source", "authors", "tags", "topics", "summary", "image", "extract",
     "ignore", "draft", "language", "lang", *FACT_KEYS}
)
TOPIC_KEYS = frozenset({"title", "summary", "slug", "tags", *FACT_KEYS})
PAGE_KEYS = frozenset({"title", "slug", "summary", "menu", "weight", "draft"})
# the site's own sections and files: a page there would replace one of them
RESERVED_PAGE_SLUGS = frozenset({"articles", "topics", "timeline", "tags", "entities", "search", "data", "assets",
                                 "pages", "404"})
ENTITY_KEYS = frozenset({"name", "kind", "aliases", "role", "description", "url", "slug"})
ENTITY_KINDS = ("person", "organisation", "place")
EXTRACT_KINDS = ("dates", "numbers", "quotes", "people")
# the keys of the mappings inside front matter (content/schema.py builds the JSON Schema from all of these)
SOURCE_KEYS = ("name", "url")
IMAGE_KEYS = ("src", "alt", "caption", "credit")
ITEM_KEYS = {
    "facts": ("label", "value", "unit", "as_stated", "note"),
    "events": ("date", "text", "as_stated", "source"),
    "people": ("name", "role", "org"),
    "quotes": ("text", "speaker", "via", "as_stated"),
    "claims": ("claim", "by", "verdict", "explanation", "url"),
}


def validate_article(doc: Document, diagnostics: Diagnostics, default_extract: ExtractSettings) -> Article | None:
    """An Article from a document, or None when it lacks what every page needs (title, body)."""
    start = SourceLocation(doc.path, doc.front_line)
    if doc.front is None:
        return _article_without_front_matter(doc, diagnostics, default_extract)
    f = Fields(doc.front, doc.path, diagnostics)
    f.warn_unknown(ARTICLE_KEYS)
    f.require("title")
    f.require("date", hint=" (the publication date, e.g. date: 2015-12-02; it anchors dates such as '13 November')")
    title = f.text("title")
    published = f.publication_date("date")
    source_fields = f.mapping_of("source")
    source = Source()
    if source_fields:
        source_fields.warn_unknown(SOURCE_KEYS)
        source = Source(name=source_fields.text("name"), url=source_fields.url("url"))
    article = Article(
        slug=slugify(f.text("slug") or doc.stem, "article"),
        path=doc.path,
        title=title or "",
        date=published,
        body=doc.body,
        body_format=doc.body_format,
        body_line=doc.body_line,
        location=start,
        source=source,
        authors=f.text_list("authors", "names"),
        tags=f.text_list("tags", "tags"),
        topics=tuple(slugify(t, "topic") for t in f.text_list("topics", "topic names")),
        summary=f.text("summary"),
        image=_image(f),
        facts=read_facts(f),
        extract=_extract_settings(f, default_extract),
        ignore=f.text_list("ignore"),
        updated=f.publication_date("updated"),
        draft=f.boolean("draft", False),
        topics_location=f.value_location("topics") if "topics" in f else None,
        language=_language(f),
    )
    return article if title is not None else None  # every other field was still checked, so all problems are listed


def _article_without_front_matter(doc: Document, diagnostics: Diagnostics, default_extract: ExtractSettings) -> Article | None:
    # A pasted plain-text article still builds: its first line is the title.
    lines = doc.body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        diagnostics.error(SourceLocation(doc.path), "the file is empty")
        return None
    title = lines[first].strip().lstrip("#").strip() or doc.stem
    diagnostics.warning(
        SourceLocation(doc.path),
        "no front matter: the title is taken from the first line and the article has no date; "
        "add front matter with 'title:' and 'date:'",
    )
    body = "\n".join(lines[first + 1 :])
    return Article(
        slug=slugify(doc.stem, "article"),
        path=doc.path,
        title=title,
        date=None,
        body=body,
        body_format=doc.body_format,
        body_line=doc.body_line + first + 1,
        location=SourceLocation(doc.path),
        extract=default_extract,
    )


def _language(f: Fields) -> str | None:
    """`language:`, or its short form `lang:`; giving both is a mistake (which would win?)."""
    if "language" in f and "lang" in f:
        f.diagnostics.error(f.key_location("lang"), "give the article's language once: 'language:' or 'lang:', not both")
        return f.language("language")
    return f.language("language") if "language" in f else f.language("lang")


def _image(f: Fields) -> Image | None:
    image = f.mapping_of("image")
    if image is None:
        return None
    image.warn_unknown(IMAGE_KEYS)
    return Image(src=image.url("src"), alt=image.text("alt"), caption=image.text("caption"), credit=image.text("credit"))


def _extract_settings(f: Fields, default: ExtractSettings) -> ExtractSettings:
    return read_extract_settings(f, "extract", default)


def read_extract_settings(f: Fields, key: str, default: ExtractSettings) -> ExtractSettings:
    """`extract: false`, `extract: true`, or `extract: {dates: true, quotes: false, …}`."""
    if key not in f:
        return default
    value = f.mapping[key]
    if isinstance(value, bool):
        return ExtractSettings(*(value for _ in EXTRACT_KINDS))
    kinds = f.mapping_of(key)
    if kinds is None:
        return default
    kinds.warn_unknown(EXTRACT_KINDS)
    return ExtractSettings(*(kinds.boolean(kind, getattr(default, kind)) for kind in EXTRACT_KINDS))


def read_facts(f: Fields) -> Facts:
    """The hand-written facts, events, people, quotes and claims of an article or topic."""
    return Facts(
        facts=tuple(filter(None, (_fact(x) for x in f.list_of_mappings("facts")))),
        events=tuple(filter(None, (_event(x) for x in f.list_of_mappings("events")))),
        people=tuple(filter(None, (_person(x) for x in f.list_of_mappings("people")))),
        quotes=tuple(filter(None, (_quote(x) for x in f.list_of_mappings("quotes")))),
        claims=tuple(filter(None, (_claim(x) for x in f.list_of_mappings("claims")))),
    )


def _origin(f: Fields) -> Origin:
    return Origin(f.here())


def _fact(f: Fields) -> Fact | None:
    f.warn_unknown(ITEM_KEYS["facts"])
    f.require("label")
    f.require("value")
    label, value = f.text("label"), f.text("value")
    if label is None or value is None:
        return None
    return Fact(label, value, _origin(f), unit=f.text("unit"), as_stated=f.text("as_stated"), note=f.text("note"))


def _event(f: Fields) -> Event | None:
    f.warn_unknown(ITEM_KEYS["events"])
    f.require("date")
    f.require("text")
    when, text = f.date_value("date"), f.text("text")
    if when is None or text is None:
        return None
    source = None
    source_fields = f.mapping_of("source")
    if source_fields:
        source_fields.warn_unknown(SOURCE_KEYS)
        source = Source(source_fields.text("name"), source_fields.url("url"))
    return Event(when, text, _origin(f), as_stated=f.text("as_stated"), source=source)


def _person(f: Fields) -> Person | None:
    f.warn_unknown(ITEM_KEYS["people"])
    f.require("name")
    name = f.text("name")
    if name is None:
        return None
    return Person(name, _origin(f), role=f.text("role"), org=f.text("org"))


def _quote(f: Fields) -> Quote | None:
    f.warn_unknown(ITEM_KEYS["quotes"])
    f.require("text")
    text = f.text("text")
    if text is None:
        return None
    return Quote(text, _origin(f), speaker=f.text("speaker"), via=f.text("via"), as_stated=f.text("as_stated"))


def _claim(f: Fields) -> Claim | None:
    f.warn_unknown(ITEM_KEYS["claims"])
    f.require("claim")
    claim = f.text("claim")
    if claim is None:
        return None
    return Claim(claim, _origin(f), by=f.text("by"), verdict=f.text("verdict"),
                 explanation=f.text("explanation"), url=f.url("url"))


def validate_topic(doc: Document, diagnostics: Diagnostics) -> Topic | None:
    front = doc.front if doc.front is not None else MarkedMap()
    f = Fields(front, doc.path, diagnostics)
    f.warn_unknown(TOPIC_KEYS)
    title = f.text("title") or doc.stem.replace("-", " ").capitalize()
    if doc.front is None or "title" not in f:
        diagnostics.warning(SourceLocation(doc.path), f"the topic has no title; using '{title}'")
    return Topic(
        slug=slugify(f.text("slug") or doc.stem, "topic"),
        path=doc.path,
        title=title,
        body=doc.body,
        body_format=doc.body_format,
        location=SourceLocation(doc.path, doc.front_line),
        summary=f.text("summary"),
        facts=read_facts(f),
        tags=f.text_list("tags", "tags"),
    )


def validate_page(doc: Document, diagnostics: Diagnostics) -> Page | None:
    """A plain page: a title (required) and a body; no date and nothing extracted."""
    if doc.front is None:
        diagnostics.error(SourceLocation(doc.path), "a page needs front matter with at least 'title:'")
        return None
    f = Fields(doc.front, doc.path, diagnostics)
    f.warn_unknown(PAGE_KEYS)
    f.require("title")
    title = f.text("title")
    slug = slugify(f.text("slug") or doc.stem, "page")
    if slug in RESERVED_PAGE_SLUGS:
        where = f.value_location("slug") if "slug" in f else SourceLocation(doc.path, doc.front_line)
        diagnostics.error(where, f"a page cannot have the slug '{slug}': /{slug}/ is a section of the site "
                                 "(rename the file or give it another 'slug:')")
        return None
    page = Page(
        slug=slug,
        path=doc.path,
        title=title or "",
        body=doc.body,
        body_format=doc.body_format,
        location=SourceLocation(doc.path, doc.front_line),
        summary=f.text("summary"),
        menu=f.boolean("menu", False),
        weight=f.integer("weight", 0),
        draft=f.boolean("draft", False),
    )
    return page if title is not None else None


def validate_entity(doc: Document, diagnostics: Diagnostics) -> Entity | None:
    assert doc.front is not None
    f = Fields(doc.front, doc.path, diagnostics)
    f.warn_unknown(ENTITY_KEYS)
    f.require("name")
    name = f.text("name")
    if name is None:
        return None
    return Entity(
        slug=slugify(f.text("slug") or name, "entity"),
        path=doc.path,
        name=name,
        kind=f.choice("kind", ENTITY_KINDS, "person"),
        location=f.here(),
        aliases=f.text_list("aliases", "names"),
        role=f.text("role"),
        description=f.text("description"),
        url=f.url("url"),
    )
