"""JSON Schemas of the content files, for editors that check YAML as you type.

One schema each for an article's and a topic's front matter, an entity file
and `site.yaml`. They are built from the key lists the validator itself
checks (`validate.py`, `config.py`), with each key's type written once below,
so a key the validator learns without a type here fails the tests instead of
going missing from the schema. The built schemas are shipped in the package
(`generator/content/schemas/`) and printed by `factsheet schema`.

Draft-07, because it is what the YAML language server (VS Code's YAML
extension and the editors built on it) supports fully. The schemas are a
little stricter than a build: a key the build only warns about (an unknown
key, a likely typo) is flagged, which is what an editor should do while you
type; `factsheet check` remains the judge.

Run `python -m generator.content.schema` to write the files again after
changing a key.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from .config import CONFIG_KEYS, PUBLISH_EXTRACTED
from .fields import MAX_TEXT
from .validate import (
    ARTICLE_KEYS,
    ENTITY_KEYS,
    ENTITY_KINDS,
    EXTRACT_KINDS,
    FACT_KEYS,
    IMAGE_KEYS,
    ITEM_KEYS,
    SOURCE_KEYS,
    TOPIC_KEYS,
)

KINDS = ("article", "topic", "entity", "site")
DRAFT = "http://json-schema.org/draft-07/schema#"
FOLDER = "schemas"  # inside this package

# -- value types, as `Fields` reads them ------------------------------------------
# Text: a number is taken as written (title: 1984), true/false are refused (YAML's `no` trap).
TEXT = {"type": ["string", "number"], "maxLength": MAX_TEXT}
TEXT_LIST = {"anyOf": [{"type": "string", "maxLength": MAX_TEXT}, {"type": "array", "items": TEXT}],
             "description": "a list such as [a, b]; a single text is a list of one"}
# Only http(s) and links relative to the site: no javascript:, data:, or //other.host.
URL = {"type": ["string", "number"], "maxLength": MAX_TEXT,
       "pattern": r"^(?:[Hh][Tt][Tt][Pp][Ss]?:|(?![A-Za-z][A-Za-z0-9+.\-]*:)(?!//)(?!\\\\))",
       "description": "an http(s) link, or one relative to the site"}
DAY = {"type": "string", "pattern": r"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[Tt ].*)?$",
       "description": "a day, such as 2015-12-02"}
WHEN = {"type": ["string", "integer"],
        "description": "2015, 2015-11, 2015-11-13, a range 2015-11-13/2015-11-15, ~2015 (circa) or 2015? (uncertain)"}
BOOLEAN = {"type": "boolean"}
EXTRACT = {"anyOf": [BOOLEAN, {"type": "object", "additionalProperties": False,
                               "properties": {kind: BOOLEAN for kind in EXTRACT_KINDS}}],
           "description": "true, false, or which extractors run: {dates: true, quotes: false}"}


def _or_null(schema: dict) -> dict:
    """An optional key may be left empty (`summary:`): the build reads that as not there."""
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    if isinstance(schema.get("type"), list):
        return {**schema, "type": [*schema["type"], "null"]}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}


def _mapping(types: dict[str, dict], keys, required: tuple[str, ...] = (), description: str = "",
             helps: dict[str, str] | None = None) -> dict:
    """An object with exactly `keys`, each of the type `types` gives it (a KeyError if one has none).

    `helps` are the words an editor shows when the pointer rests on a key.
    """
    properties = {key: types[key] if key in required else _or_null(types[key]) for key in sorted(keys)}
    for key, help_text in (helps or {}).items():
        if key in properties:
            properties[key] = {**properties[key], "description": help_text}
    schema: dict = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


FRONT_HELP = {
    "title": "the headline (required for an article)",
    "date": "the publication date, a day such as 2015-12-02 (required): it anchors '13 November', 'last week'",
    "updated": "the day the article was last updated",
    "slug": "the page's name in its URL; by default made from the file name (an entity's: from its name)",
    "source": "where it was published: {name: …, url: https://…}",
    "authors": "the writers, [A. Reporter, B. Writer]",
    "tags": "[a, b]: each tag gets a page listing its articles",
    "topics": "the topic sheets it belongs to, each a file in content/topics/",
    "summary": "one or two sentences shown under the title and in lists",
    "image": "{src: https://…, alt: what it shows, caption: …, credit: …}",
    "extract": "find dates, numbers, quotes and people in the text: true, false, or {quotes: false}",
    "ignore": "extracted items you reject, by their text",
    "draft": "true keeps the article out of the site",
    "language": "the article's language when not the site's, e.g. fr, de, es: its dates are read in it",
    "lang": "the same as language (give one of the two)",
    "facts": "the key-fact box: - {label: …, value: …, unit: …, as_stated: words of the article, note: …}",
    "events": "the timeline: - {date: 2015-11-13, text: …, as_stated: words of the article}",
    "people": "- {name: …, role: …, org: …}",
    "quotes": "- {text: …, speaker: …, via: …}",
    "claims": "- {claim: …, by: …, verdict: …, explanation: …, url: …}",
    "name": "the name people, quotes and text are matched by",
    "kind": "person, organisation or place",
    "aliases": "other names it goes by, [Isis, IS, Daesh]",
    "role": "for a person: their role",
    "description": "a sentence about it",
    "url": "a link to more about it",
}
SITE_HELP = {
    "title": "the site's name (default: Fact sheets)",
    "description": "shown on the home page and in metadata",
    "base_url": "where the site is published, e.g. https://user.github.io/repo/; the feed and sitemap need it",
    "language": "the lang of every page (default: en)",
    "date_order": "how 11/12/2015 reads in article text: MDY (default) or DMY",
    "extract": "the default for every article: true, false, or {dates, numbers, quotes, people}",
    "allow_html": "let raw HTML in Markdown through, still sanitised (default: false)",
    "author": "the feed's author",
    "feed_limit": "articles in the Atom feed (default: 50)",
    "publish_extracted": "what the software found and nobody checked: all (default), none or events-only",
    "paginate": "articles per page of a tag, an entity and the archive (default: 50)",
    "params": "your own settings, for your own templates (site.params)",
}

SOURCE = _mapping({"name": TEXT, "url": URL}, SOURCE_KEYS, description="where the article was published")
ITEM_TYPES = {
    "facts": {"label": TEXT, "value": TEXT, "unit": TEXT, "as_stated": TEXT, "note": TEXT},
    "events": {"date": WHEN, "text": TEXT, "as_stated": TEXT, "source": SOURCE},
    "people": {"name": TEXT, "role": TEXT, "org": TEXT},
    "quotes": {"text": TEXT, "speaker": TEXT, "via": TEXT, "as_stated": TEXT},
    "claims": {"claim": TEXT, "by": TEXT, "verdict": TEXT, "explanation": TEXT, "url": URL},
}
ITEM_REQUIRED = {"facts": ("label", "value"), "events": ("date", "text"), "people": ("name",),
                 "quotes": ("text",), "claims": ("claim",)}
FACTS = {key: {"type": "array", "items": _mapping(ITEM_TYPES[key], ITEM_KEYS[key], ITEM_REQUIRED[key])}
         for key in FACT_KEYS}

LANGUAGE = {"type": "string", "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$"}   # as fields.language reads it
ARTICLE_TYPES = {
    "title": TEXT, "date": DAY, "updated": DAY, "slug": TEXT, "source": SOURCE, "authors": TEXT_LIST,
    "tags": TEXT_LIST, "topics": TEXT_LIST, "summary": TEXT, "extract": EXTRACT, "ignore": TEXT_LIST,
    "draft": BOOLEAN, "language": LANGUAGE, "lang": LANGUAGE,
    "image": _mapping({"src": URL, "alt": TEXT, "caption": TEXT, "credit": TEXT}, IMAGE_KEYS),
    **FACTS,
}
TOPIC_TYPES = {"title": TEXT, "summary": TEXT, "slug": TEXT, "tags": TEXT_LIST, **FACTS}
ENTITY_TYPES = {
    "name": TEXT, "kind": {"enum": list(ENTITY_KINDS)}, "aliases": TEXT_LIST, "role": TEXT,
    "description": TEXT, "url": URL, "slug": TEXT,
}
SITE_TYPES = {
    "title": TEXT, "description": TEXT, "base_url": URL, "language": LANGUAGE,
    "date_order": {"enum": ["DMY", "MDY"]}, "extract": EXTRACT, "allow_html": BOOLEAN, "author": TEXT,
    "feed_limit": {"type": "integer", "minimum": 1},
    "publish_extracted": {"enum": list(PUBLISH_EXTRACTED)},
    "paginate": {"type": "integer", "minimum": 1},
    "params": {"type": "object"},
}


def build_schema(kind: str) -> dict:
    """The JSON Schema of one kind of file: article, topic, entity or site."""
    if kind == "article":
        body = _mapping(ARTICLE_TYPES, ARTICLE_KEYS, ("title", "date"), "An article's YAML front matter", FRONT_HELP)
    elif kind == "topic":
        body = _mapping(TOPIC_TYPES, TOPIC_KEYS, (), "A topic sheet's YAML front matter", FRONT_HELP)
    elif kind == "entity":
        body = _mapping(ENTITY_TYPES, ENTITY_KEYS, ("name",),
                        "A person, organisation or place (content/entities/*.yaml)", FRONT_HELP)
    elif kind == "site":
        body = _mapping(SITE_TYPES, CONFIG_KEYS, (), "The site's settings (site.yaml)", SITE_HELP)
    else:
        raise ValueError(f"no schema for '{kind}'; there are {', '.join(KINDS)}")
    return {"$schema": DRAFT, "title": f"factsheet {kind}", **body}


def schema_text(kind: str) -> str:
    """A schema as the package ships it: indented JSON with a final newline."""
    return json.dumps(build_schema(kind), indent=2, ensure_ascii=False) + "\n"


def shipped_schema(kind: str) -> str:
    """The schema file the package carries for `kind`."""
    if kind not in KINDS:
        raise ValueError(f"no schema for '{kind}'; there are {', '.join(KINDS)}")
    return resources.files(__package__).joinpath(FOLDER, f"{kind}.schema.json").read_text(encoding="utf-8")


def write_schemas(folder: Path | None = None) -> list[Path]:
    """Write every schema into `folder` (the package's own by default); the paths written."""
    folder = folder or Path(__file__).resolve().parent / FOLDER
    folder.mkdir(exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_schemas():
        print(written_path.name)
