"""The search index: `/search/index.json`, built with the site and read by `assets/search.js`.

Every article, topic, timeline event, quote and entity becomes one search
document with a kind, a title, a site-relative URL and its plain text. The
index maps each word to the documents that hold it, with a weight (a word in
the title counts more than one in the text), so the browser ranks results
without a server:

    {"version": 1,
     "docs": [{"k": "article", "t": "Title", "u": "articles/slug/", "d": "2 December 2015", "x": "text", "n": 120}],
     "terms": {"word": [doc, weight, doc, weight, ...]}}

(k: the kind, t: the title, u: the URL, d: a label shown with it, x: the text, n: its number of words.)

Words are folded the same way on both sides (`fold` here, `fold` in
search.js): lower case, accents removed, split at anything that is not a
letter or a digit. URLs are relative to the site root, so the same index
works under any base path. The index is plain JSON written by `json.dumps`:
nothing in it is HTML, and the client inserts it as text only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Iterator

from .graph import SiteGraph

INDEX_PATH = "search/index.json"
TITLE_WEIGHT = 5  # one word in a title is worth five in the text
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchDoc:
    """One search result: what it is, where it lives, and the text it is found by."""

    kind: str  # article, topic, event, quote, person, organisation, place
    title: str
    url: str  # relative to the site root, e.g. "articles/slug/" or "timeline/#e-2015-11-13"
    text: str
    label: str = ""  # shown after the title: an article's date, the article a quote is from


def fold(text: str) -> str:
    """Lower case without accents: 'Élysée' → 'elysee'. search.js folds queries identically."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment, with a space where a block ends."""

    _BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "div", "tr", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self.parts.append(" ")

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.parts.append(" ")


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment with whitespace collapsed."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _join(*parts: str | None) -> str:
    return " ".join(" ".join(p.split()) for p in parts if p)


def search_docs(graph: SiteGraph) -> list[SearchDoc]:
    """Every searchable item of the site, in a stable order."""
    docs: list[SearchDoc] = []
    for page in graph.articles:
        a = page.article
        docs.append(SearchDoc(
            "article", a.title, f"articles/{a.slug}/",
            _join(a.summary, a.source.name, " ".join(a.tags), plain_text(page.body_html)),
            f"{a.date.day} {a.date.strftime('%B %Y')}" if a.date else "",
        ))
        for number, quote in enumerate(page.facts.quotes, 1):
            speaker = quote.speaker or "Unattributed"
            # the article's title is the label, not searchable text: a quote should not rank on it
            docs.append(SearchDoc("quote", speaker, f"articles/{a.slug}/#quote-{number}",
                                  _join(quote.text, quote.via), f"in “{a.title}”"))
    for topic_page in graph.topics:
        t = topic_page.topic
        docs.append(SearchDoc("topic", t.title, f"topics/{t.slug}/",
                              _join(t.summary, " ".join(t.tags), plain_text(topic_page.body_html))))
    for entry in graph.timeline:
        sources = "; ".join(a.source.name or a.title for a in entry.articles)
        docs.append(SearchDoc("event", entry.text, f"timeline/#{entry.anchor}", _join(sources), entry.date.label()))
    for entity_page in graph.entities:
        e = entity_page.entity
        docs.append(SearchDoc(e.kind, e.name, f"entities/{e.slug}/",
                              _join(", ".join(e.aliases), e.role, e.description)))
    return docs


def build_index(docs: list[SearchDoc]) -> dict:
    """The inverted index: each word → [doc number, weight, …], documents in order."""
    postings: dict[str, list[int]] = {}
    entries = []
    for number, doc in enumerate(docs):
        counts: Counter[str] = Counter()
        title_words = words(doc.title)
        text_words = words(doc.text)
        for word in title_words:
            counts[word] += TITLE_WEIGHT
        counts.update(text_words)
        for word, weight in counts.items():
            postings.setdefault(word, []).extend((number, weight))
        entry = {"k": doc.kind, "t": doc.title, "u": doc.url, "x": doc.text, "n": len(title_words) + len(text_words)}
        if doc.label:
            entry["d"] = doc.label
        entries.append(entry)
    return {"version": 1, "docs": entries, "terms": dict(sorted(postings.items()))}


def search_files(graph: SiteGraph) -> Iterator[tuple[str, bytes]]:
    """The files search adds to the output folder (the page itself is rendered with the others)."""
    index = build_index(search_docs(graph))
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    yield INDEX_PATH, (text + "\n").encode("utf-8")
