"""The search index: small JSON shards under `/search/`, built with the site and read by `assets/search.js`.

Every article, quote, topic, entity and selected timeline event is one search
document with a kind, a title, a site-relative URL, a label and a short
excerpt. The index is split so that the browser loads only what a query needs,
and a site of 50,000 articles costs a query a few small files:

    search/index.json        the manifest, loaded first:
        {"version": 3, "documents": 5210, "kinds": {"article": 1000, ...},
         "terms": ["00", "ab", ...],     the term shards that exist
         "pairs": {"ab": "cd", ...},     the pair shards that exist: "ab-c" and "ab-d"
         "docs": [0, 1024, ...]}         the first document number of each document shard
    search/terms/<key>.json  {"word": [gap, score, gap, score, ...]} for every word whose key is <key>
    search/pairs/<key>.json  {"word next": [gap, gap, ...]}: the documents where "next" follows "word"
                             (<key>: the first word's key, "-", the first character of the next word's key)
    search/docs/<n>.json     {"<number>": {"k": kind, "t": title, "u": url, "d": label, "x": excerpt}}

A word's key comes from its first two folded characters (`shard_key`: the
characters themselves for a-z and 0-9, three hex digits of their code points
for other letters, so Cyrillic, Greek or Chinese words spread over many
shards): a query word of two or more characters finds every word it begins in
one term shard, and a one-character query word matches only that exact word
(one small shard). The document numbers in a posting list are gaps from the
previous number, so a common word costs a few bytes a document. A score is
the word's BM25F-like weight in that document (title and text scored apart: a
longer text counts each word less, a title word counts `TITLE_WEIGHT` times a
saturated text word), times `SCORE_SCALE`, rounded; the browser multiplies it by the word's
rarity. Phrases are checked with word pairs: every adjacent pair of the phrase
must follow each other in the document (exact for two-word phrases).

Document numbers are stable: article *i* (in slug order) owns the numbers
`i * STRIDE` to `i * STRIDE + STRIDE - 1` (itself, then its quotes; quotes
past the 63rd are found through their article), and the site-level documents
follow the last article's shard. Editing an article's text, date or quotes
therefore changes only the term and pair shards of the words it gained or
lost, its document shard and, when a shard appears or goes, the manifest. (An
edit that adds or removes an entity or a hand-written event renumbers the
site-level documents after it; adding or removing an article renumbers the
articles after it.)

The build's cost is split so that the work per article is a pure function of
its page, `article_search_entries`, which the build may run in its worker
processes and keep in its cache; `search_files` then only merges the postings
and writes the shards. The excerpt is the opening of the text (about
`EXCERPT_CHARS` characters): the snippet shows the query's words when they are
in it, and the opening otherwise; whole texts are never shipped.

Words are folded the same way on both sides (`fold` and `words` here, `fold`
and `words` in search.js): lower case, diacritics removed ("Søren" is found
by "soren"), split at anything that is not a letter, a digit or a mark, and
Chinese and Japanese text split into its characters. URLs are relative to the site root, so the same index
works under any base path. The index is plain JSON written by `json.dumps`
with sorted keys (byte-identical from build to build): nothing in it is HTML,
and the client inserts it as text only.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from itertools import repeat
from typing import Iterable, Iterator, Mapping

from .graph import ArticlePage, SiteGraph, TimelineEntry

INDEX_PATH = "search/index.json"
VERSION = 3  # 3: words starting with a letter outside a-z have shards of their own
TITLE_WEIGHT = 2  # a title holding the word counts twice as much as a text saturated with it
SCORE_SCALE = 10  # scores are stored as integers: tenths of a BM25 term weight
REFERENCE_LENGTH = 100  # words; a fixed "average document" so no edit rescales every score
K1, B = 1.2, 0.75  # the usual BM25 constants: term-frequency saturation, length normalisation
STRIDE = 64  # document numbers per article: the article and up to 63 of its quotes
ARTICLES_PER_SHARD = 16  # articles (with their quotes) per document shard: about 40 KB
SITE_DOCS_PER_SHARD = 128  # topics, events and entities per document shard
EXCERPT_CHARS = 300
_WORD = re.compile(r"[^\W_]+")  # the words of a text without marks or CJK (else: `_tokeniser`)
# the marks folding takes off: Latin, Greek and Cyrillic diacritics, Hebrew points, Arabic vowel signs
_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
                         "\u0591-\u05c7\u064b-\u065f\u0670]")
# letters NFKD does not take apart, as a reader searching without them would type them
_FOLD_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "æ": "ae", "œ": "oe",
                               "þ": "th", "ħ": "h", "ı": "i", "ς": "σ"})
_FOLD_LETTER = re.compile("[ßøđðłæœþħıς]")
# Han, Hiragana and Katakana: written without spaces, so indexed one character a word
_CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_CHAR = re.compile(f"[{_CJK}]")
# where a block ends or a line breaks, words part; any other tag (attributes may quote a ">") goes
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_GAP = re.compile(r"</(?:p|li|h[1-6]|blockquote|div|tr|pre)\s*>|<br\b" + _ATTRIBUTES + ">", re.I)
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z]" + _ATTRIBUTES + ">", re.S)
_SHARD_CHAR = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@dataclass(frozen=True)
class SearchDoc:
    """One search result: what it is, where it lives, and the text it is found by."""

    kind: str  # article, topic, event, quote, person, organisation, place, page
    title: str
    url: str  # relative to the site root, e.g. "articles/slug/" or "timeline/2015/#e-2015-11-13"
    text: str
    label: str = ""  # shown after the title: an article's date, the article a quote is from


@dataclass(frozen=True)
class SearchEntry:
    """A document ready to index: what the browser shows, and the words it is found by, already counted."""

    kind: str
    title: str
    url: str
    label: str
    excerpt: str  # the opening of the text, for the snippet
    words: tuple[str, ...]  # each word once, in order of first appearance
    scores: tuple[int, ...]  # the score of each word in `words`
    pairs: tuple[str, ...]  # "word next" for each adjacent pair of words, each once, in order

    def shown(self) -> dict:
        """The document as its document shard holds it."""
        entry = {"k": self.kind, "t": self.title, "u": self.url}
        if self.label:
            entry["d"] = self.label
        if self.excerpt:
            entry["x"] = self.excerpt
        return entry


def fold(text: str) -> str:
    """Lower case without diacritics: 'Élysée' → 'elysee', 'Søren' → 'soren'; search.js folds queries alike.

    NFKD, then the diacritic marks of Latin, Greek and Cyrillic (and Hebrew
    and Arabic vowel points) go, then lower case, then NFC so the marks other
    scripts need (a Hindi vowel sign) are whole again, then the few letters
    that have no decomposition ('ø', 'ß', final 'ς') are spelled as their
    plain cousins.
    """
    if text.isascii():  # nearly every text: no accents to take off
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed.lower()
    folded = unicodedata.normalize("NFC", _DIACRITICS.sub("", decomposed).lower())
    # translate() looks up every character: worth it only for the rare text that has one of these letters
    return folded.translate(_FOLD_LETTERS) if _FOLD_LETTER.search(folded) else folded


def words(text: str) -> list[str]:
    """The folded words of a text, in order; Chinese and Japanese text one character a word.

    A word is a run of letters and digits with the marks that belong to them.
    Scripts written without spaces have no word breaks to find, so each of
    their characters is a word, and a query's adjacent characters are matched
    as a phrase (search.js).
    """
    folded = fold(text)
    if folded.isascii():
        return _WORD.findall(folded)
    others = [c for c in set(folded) if not c.isascii()]
    marks = "".join(sorted(c for c in others if unicodedata.category(c)[0] == "M"))
    cjk = any(_CJK_CHAR.match(c) for c in others)
    if not marks and not cjk:  # European text with quotes and dashes, say: plain words
        return _WORD.findall(folded)
    return _tokeniser(marks, cjk).findall(folded)


@functools.lru_cache(maxsize=256)
def _tokeniser(marks: str, cjk: bool) -> re.Pattern:
    """Words for a text holding these marks (and CJK characters or not).

    Python's `\\w` leaves out marks, so a Hindi vowel sign would split its
    word; a class of every mark in Unicode makes the regular expression slow,
    so the class holds only the marks the text has.
    """
    letter = f"(?![{_CJK}])[^\\W_]" if cjk else "[^\\W_]"
    word = f"{letter}(?:{letter}|[{re.escape(marks)}])*" if marks else f"(?:{letter})+"
    return re.compile(f"[{_CJK}]|{word}" if cjk else word)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment with whitespace collapsed; a block's end or a <br> separates words.

    A regular expression rather than an HTML parser: the fragments are the
    build's own sanitised output, where every `<` of the text is escaped, so
    tags and text are told apart reliably and entities are decoded after the
    tags are gone.
    """
    return " ".join(html.unescape(_TAG.sub("", _GAP.sub(" ", fragment))).split())


def shard_key(term: str) -> str:
    """The term shard a folded word lives in: a name from its first two characters.

    A word starting with a-z or 0-9 lives in the shard of its first two
    characters (any other second character as '_'), as it always has. A word
    starting with any other letter lives in "_" and three hex digits: for a
    word of one character, its code point's last twelve bits (a Chinese
    character, nearly its own shard); for a longer word, the last six bits of
    each of its first two (Cyrillic and Greek letters, each its own bits), so
    a query word of two or more characters still finds in one shard every word
    it begins. search.js computes the same (its `shardKey`).
    """
    first = term[:1]
    if first in _SHARD_CHAR or not first:
        return "".join(c if c in _SHARD_CHAR else "_" for c in term[:2])
    if len(term) == 1:
        return f"_{ord(first) % 4096:03x}"
    return f"_{(ord(first) % 64) * 64 + ord(term[1]) % 64:03x}"


def pair_key(pair: str) -> str:
    """The pair shard of "word next": the first word's key, a hyphen, the first character of the next's key.

    Pairs starting with a common word ("the ...") are split by the next word,
    so a phrase loads a small shard even on a large site.
    """
    first, _, second = pair.partition(" ")
    return f"{shard_key(first)}-{shard_key(second)[:1]}"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The opening of a text, at most `limit` characters, cut at a space when there is one."""
    if len(text) <= limit:
        return text
    space = text.rfind(" ", limit // 2, limit)
    return text[: space if space > 0 else limit]


def _join(*parts: str | None) -> str:
    """Fields of one item as its searchable text; " · " keeps them apart in the snippet shown."""
    return " · ".join(field for field in (" ".join(p.split()) for p in parts if p) if field)


def entry(doc: SearchDoc, shown: str | None = None) -> SearchEntry:
    """Count a document's words: each word's score (BM25F-like), and its adjacent word pairs.

    The title and the text are scored apart and added: a word of the text is
    weighed against the text's length, as BM25 does, while a word of the title
    is not, and counts `TITLE_WEIGHT` times. (Counting title words into a long
    article's text let any short quote holding the word outrank the article
    named after it.)
    """
    title_words = words(doc.title)
    text_words = words(doc.text)
    in_title = Counter(title_words)
    counts: Counter[str] = Counter(text_words)
    for word in title_words:
        counts[word] += 0   # a title word is a key even when the text lacks it
    norm = K1 * (1 - B + B * len(text_words) / REFERENCE_LENGTH)
    scale = SCORE_SCALE * (K1 + 1)

    def score(word: str, count: int) -> int:
        text = count / (count + norm) if count else 0.0
        title = TITLE_WEIGHT * in_title[word] / (in_title[word] + K1) if word in in_title else 0.0
        return max(1, round(scale * (text + title)))

    scores = tuple(score(word, count) for word, count in counts.items())
    sequence = title_words + text_words
    pairs = tuple(dict.fromkeys(map(" ".join, zip(sequence, sequence[1:]))))
    text = doc.text if shown is None else shown
    return SearchEntry(doc.kind, doc.title, doc.url, doc.label, excerpt(text), tuple(counts), scores, pairs)


def article_search_entries(page: ArticlePage) -> tuple[SearchEntry, ...]:
    """An article's search documents, counted: the article, then each quote (at most STRIDE - 1).

    A pure function of the page, so the build can run it in a worker process
    and cache it with the page; pass the results to `search_files` as
    `article_entries` (by slug) to skip recomputing them.
    """
    a = page.article
    body = plain_text(page.body_html)
    docs = [entry(
        SearchDoc("article", a.title, f"articles/{a.slug}/",
                  _join(a.summary, a.source.name, " ".join(a.tags), body),
                  f"{a.date.day} {a.date.strftime('%B %Y')}" if a.date else ""),
        shown=_join(a.summary, body),  # the snippet reads the text, not the source and tags
    )]
    for number, quote in enumerate(page.facts.quotes[: STRIDE - 1], 1):
        speaker = quote.speaker or "Unattributed"
        # the article's title is the label, not searchable text: a quote should not rank on it
        docs.append(entry(SearchDoc("quote", speaker, f"articles/{a.slug}/#quote-{number}",
                                    _join(quote.text, quote.via), f"in “{a.title}”")))
    return tuple(docs)


def indexed_event(timeline_entry: TimelineEntry) -> bool:
    """Whether a timeline entry is a search document of its own: when someone wrote it by hand.

    An event found in an article's text is a sentence of that article, and the
    article's document already finds it by those words (and so finds every
    article reporting it); indexing each again, about 17 an article, would
    multiply the index and the build's work for nothing. A hand-written event
    (in an article's front matter or a topic sheet) has words of its own, so
    its timeline entry is indexed, once however many sources report it.
    """
    return any(not report.event.origin.extracted for report in timeline_entry.reports)


def site_search_entries(graph: SiteGraph) -> list[SearchEntry]:
    """The documents that belong to the site rather than one article: topics, hand-written events, entities,
    plain pages."""
    docs: list[SearchEntry] = []
    for topic_page in graph.topics:
        t = topic_page.topic
        docs.append(entry(SearchDoc("topic", t.title, f"topics/{t.slug}/",
                                    _join(t.summary, " ".join(t.tags), plain_text(topic_page.body_html)))))
    for timeline_entry in graph.timeline:
        if indexed_event(timeline_entry):
            sources = "; ".join(a.source.name or a.title for a in timeline_entry.articles)
            docs.append(entry(SearchDoc("event", timeline_entry.text, graph.timeline_url(timeline_entry),
                                        sources, timeline_entry.date.label())))
    for entity_page in graph.entities:
        e = entity_page.entity
        docs.append(entry(SearchDoc(e.kind, e.name, f"entities/{e.slug}/",
                                    _join(", ".join(e.aliases), e.role, e.description))))
    for plain in graph.pages:
        p = plain.page
        docs.append(entry(SearchDoc("page", p.title, f"{p.slug}/", _join(p.summary, plain_text(plain.body_html)))))
    return docs


def numbered_entries(graph: SiteGraph, article_entries: Mapping[str, tuple[SearchEntry, ...]] | None = None
                     ) -> list[tuple[int, SearchEntry]]:
    """Every search document with its number, in number order (see the module docstring)."""
    pages = sorted(graph.articles, key=lambda p: p.article.slug)
    numbered: list[tuple[int, SearchEntry]] = []
    for position, page in enumerate(pages):
        found = article_entries.get(page.article.slug) if article_entries else None
        for offset, doc in enumerate(found if found is not None else article_search_entries(page)):
            numbered.append((position * STRIDE + offset, doc))
    site_first = site_start(len(pages))
    numbered.extend((site_first + n, doc) for n, doc in enumerate(site_search_entries(graph)))
    return numbered


def site_start(article_count: int) -> int:
    """The first site-level document number: after the last article's block, on a shard boundary."""
    span = STRIDE * ARTICLES_PER_SHARD
    return -(-article_count * STRIDE // span) * span


def _pair_index(pair_shards: Mapping[str, dict]) -> dict[str, str]:
    """The pair shards' keys, compactly: first word's key → the next words' first characters."""
    index: dict[str, str] = {}
    for key in sorted(pair_shards):
        first, _, second = key.partition("-")
        index[first] = index.get(first, "") + second
    return index


def _consume(iterator: Iterator) -> None:
    deque(iterator, maxlen=0)


def _gaps(numbers: list[int]) -> list[int]:
    return [b - a for a, b in zip([0] + numbers, numbers)]


def _dump(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")


def build_shards(numbered: Iterable[tuple[int, SearchEntry]], article_count: int) -> dict[str, bytes]:
    """The index files, path → bytes, from the numbered documents (in number order)."""
    numbers: defaultdict[str, list[int]] = defaultdict(list)  # word → the documents that have it
    scores: defaultdict[str, list[int]] = defaultdict(list)  # word → its score in each of them
    pair_numbers: defaultdict[str, list[int]] = defaultdict(list)
    doc_shards: dict[int, dict[str, dict]] = {}
    kinds: Counter[str] = Counter()
    site_first = site_start(article_count)
    article_span = STRIDE * ARTICLES_PER_SHARD
    for number, doc in numbered:
        kinds[doc.kind] += 1
        # list.append mapped over the words' lists: millions of postings without a Python-level loop
        _consume(map(list.append, map(numbers.__getitem__, doc.words), repeat(number)))
        _consume(map(list.append, map(scores.__getitem__, doc.words), doc.scores))
        _consume(map(list.append, map(pair_numbers.__getitem__, doc.pairs), repeat(number)))
        if number < site_first:
            first = number - number % article_span
        else:
            first = number - (number - site_first) % SITE_DOCS_PER_SHARD
        doc_shards.setdefault(first, {})[str(number - first)] = doc.shown()

    term_shards: dict[str, dict] = {}
    for term, found in numbers.items():
        flat = [0] * (2 * len(found))
        flat[0::2] = _gaps(found)
        flat[1::2] = scores[term]
        term_shards.setdefault(shard_key(term), {})[term] = flat
    pair_shards: dict[str, dict] = {}
    for pair, found in pair_numbers.items():
        pair_shards.setdefault(pair_key(pair), {})[pair] = _gaps(found)

    firsts = sorted(doc_shards)
    files = {INDEX_PATH: _dump({
        "version": VERSION,
        "documents": sum(kinds.values()),
        "kinds": dict(kinds),
        "terms": sorted(term_shards),
        "pairs": _pair_index(pair_shards),
        "docs": firsts,
    })}
    for key, terms in term_shards.items():
        files[f"search/terms/{key}.json"] = _dump(terms)
    for key, pairs in pair_shards.items():
        files[f"search/pairs/{key}.json"] = _dump(pairs)
    for n, first in enumerate(firsts):
        files[f"search/docs/{n}.json"] = _dump(doc_shards[first])
    return files


def search_files(graph: SiteGraph, article_entries: Mapping[str, tuple[SearchEntry, ...]] | None = None
                 ) -> Iterator[tuple[str, bytes]]:
    """The files search adds to the output folder (the page itself is rendered with the others).

    `article_entries` maps an article's slug to its `article_search_entries`,
    computed earlier (in a worker, or kept in the cache); articles missing
    from it are counted here.
    """
    files = build_shards(numbered_entries(graph, article_entries), len(graph.articles))
    for path in sorted(files):
        yield path, files[path]
