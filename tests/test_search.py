"""The sharded search index and the search page, without a browser (tests/browser/test_search.py runs the script).

`resolve` answers a query from the index files the way search.js does: the
manifest, then the term (and pair) shards of the query's words, ranking,
then the document shards of the results.
"""

from __future__ import annotations

import json
import math
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build.pipeline import build, read_site
from generator.content.errors import Diagnostics
from generator.site.search import (ARTICLES_PER_SHARD, EXCERPT_CHARS, INDEX_PATH, SCORE_SCALE, STRIDE,
                              article_search_entries, fold, indexed_event, pair_key, plain_text,
                              search_files, shard_key, words)
from tests.test_newsroom_site import SITE, parse_html


@pytest.fixture(scope="module")
def graph():
    diagnostics = Diagnostics()
    result = read_site(SITE, diagnostics)
    assert result is not None and not diagnostics.errors
    return result


@pytest.fixture(scope="module")
def files(graph) -> dict[str, bytes]:
    return dict(search_files(graph))


def _json(files: dict[str, bytes], path: str):
    return json.loads(files[path].decode("utf-8"))


def _numbers(gaps: list[int]) -> list[int]:
    total, numbers = 0, []
    for gap in gaps:
        total += gap
        numbers.append(total)
    return numbers


def _document(files: dict[str, bytes], number: int) -> dict:
    firsts = _json(files, INDEX_PATH)["docs"]
    n = max(i for i, first in enumerate(firsts) if first <= number)
    return _json(files, f"search/docs/{n}.json")[str(number - firsts[n])]


def _all_documents(files: dict[str, bytes]) -> dict[int, dict]:
    firsts = _json(files, INDEX_PATH)["docs"]
    return {first + int(k): doc for n, first in enumerate(firsts)
            for k, doc in _json(files, f"search/docs/{n}.json").items()}


def _shard(files: dict[str, bytes], folder: str, key: str) -> dict:
    path = f"search/{folder}/{key}.json"
    return _json(files, path) if path in files else {}


def _parse(query: str) -> tuple[list[list[str]], list[str]]:
    phrases = []

    def phrase(match: re.Match) -> str:
        found = words(match.group(1))
        if found:
            phrases.append(found)
        return " "

    rest = re.sub(r'["\u201c\u201d\u201e]([^"\u201c\u201d\u201e]*)["\u201c\u201d\u201e]?', phrase, query)
    return phrases, words(rest)


def resolve(files: dict[str, bytes], query: str) -> list[dict]:
    """The documents search.js shows for `query`, best first."""
    manifest = _json(files, INDEX_PATH)
    phrases, loose = _parse(query)
    wanted = [(w, False) for w in loose] + [(w, True) for phrase in phrases for w in phrase]
    total: dict[int, float] | None = None
    for word, exact in wanted:
        terms = _shard(files, "terms", shard_key(word))
        matching = [word] if (exact or len(word) < 2) and word in terms else \
            [] if exact or len(word) < 2 else [t for t in terms if t.startswith(word)]
        found: dict[int, float] = {}
        for term in matching:
            postings = terms[term]
            numbers = _numbers(postings[0::2])
            idf = math.log(1 + manifest["documents"] / len(numbers))
            closeness = 1 if term == word else 0.5 * len(word) / len(term)
            for number, score in zip(numbers, postings[1::2]):
                found[number] = max(found.get(number, 0), idf * closeness * score / SCORE_SCALE)
        total = found if total is None else {n: total[n] + s for n, s in found.items() if n in total}
    for phrase in phrases:
        for first, second in zip(phrase, phrase[1:]):
            pair = f"{first} {second}"
            having = set(_numbers(_shard(files, "pairs", pair_key(pair)).get(pair, [])))
            total = {n: s for n, s in (total or {}).items() if n in having}
    ranked = sorted((total or {}).items(), key=lambda item: (-item[1], item[0]))
    return [_document(files, number) for number, _ in ranked]


class _Reference(HTMLParser):
    """What plain_text replaced: the text of a fragment by a real HTML parser, a space where a block ends."""

    _BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "div", "tr", "pre"}

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


def _reference_text(fragment: str) -> str:
    parser = _Reference()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


def test_words_are_folded_like_the_client_folds_them():
    assert fold("Élysée Ünïcode") == "elysee unicode"
    assert fold("“Quoted” — Zoë") == "“quoted” — zoe"
    assert words("The drivers' union — “RDU”, 48-hour strike!") == ["the", "drivers", "union", "rdu", "48", "hour", "strike"]
    assert words("snake_case") == ["snake", "case"]


def test_plain_text_drops_markup_and_decodes_entities():
    assert plain_text("<p>Fish &amp; chips</p><p>at <mark id='x'>3 pm</mark></p>") == "Fish & chips at 3 pm"
    assert plain_text("<p>a</p><p>b<br>c<br/>d</p>") == "a b c d"
    assert plain_text("<p>Fish &amp; chips &lt;b&gt;</p>") == "Fish & chips <b>"
    assert plain_text('<p><mark title="a > b">x</mark>y<!-- <p>z</p> --></p>') == "xy"


def test_plain_text_reads_every_built_body_as_an_html_parser_does(graph):
    bodies = [page.body_html for page in graph.articles] + [page.body_html for page in graph.topics]
    assert bodies
    assert [plain_text(b) for b in bodies] == [_reference_text(b) for b in bodies]


def test_the_manifest_lists_every_shard_and_counts_the_documents(files):
    manifest = _json(files, INDEX_PATH)
    assert manifest["version"] == 3
    assert set(manifest) == {"version", "documents", "kinds", "terms", "pairs", "docs"}
    terms = {p[len("search/terms/"):-5] for p in files if p.startswith("search/terms/")}
    assert manifest["terms"] == sorted(terms)
    pairs = {p[len("search/pairs/"):-5] for p in files if p.startswith("search/pairs/")}
    assert {f"{first}-{next}" for first, nexts in manifest["pairs"].items() for next in nexts} == pairs
    assert manifest["docs"] == sorted(set(manifest["docs"])) and manifest["docs"][0] == 0
    doc_files = sorted(p for p in files if p.startswith("search/docs/"))
    assert doc_files == sorted(f"search/docs/{n}.json" for n in range(len(manifest["docs"])))
    documents = _all_documents(files)
    assert manifest["documents"] == len(documents) == sum(manifest["kinds"].values())
    kinds: dict[str, int] = {}
    for doc in documents.values():
        kinds[doc["k"]] = kinds.get(doc["k"], 0) + 1
    assert manifest["kinds"] == kinds
    assert set(files) == {INDEX_PATH} | {p for p in files if re.fullmatch(r"search/(terms|pairs|docs)/[\w-]+\.json", p)}


def test_each_shard_holds_the_words_of_its_key_with_postings_into_existing_documents(files):
    documents = _all_documents(files)
    for path in files:
        folder, _, name = path.removeprefix("search/").partition("/")
        if folder not in ("terms", "pairs"):
            continue
        for term, postings in _json(files, path).items():
            assert (shard_key if folder == "terms" else pair_key)(term) == name[:-5], (path, term)
            gaps = postings[0::2] if folder == "terms" else postings
            assert gaps[0] >= 0 and all(g > 0 for g in gaps[1:]), (path, term)
            assert set(_numbers(gaps)) <= set(documents), (path, term)
            if folder == "terms":
                assert all(isinstance(s, int) and s >= 1 for s in postings[1::2])


def test_document_shards_hold_short_excerpts_never_whole_texts(graph, files):
    documents = _all_documents(files)
    for doc in documents.values():
        assert set(doc) <= {"k", "t", "u", "d", "x"}
        assert len(doc.get("x", "")) <= EXCERPT_CHARS
    longest = max(graph.articles, key=lambda p: len(plain_text(p.body_html)))
    assert len(plain_text(longest.body_html)) > EXCERPT_CHARS, "the fixture has texts longer than an excerpt"
    article = [d for d in documents.values() if d["u"] == f"articles/{longest.article.slug}/"][0]
    summary = longest.article.summary
    shown = article["x"][len(summary) + len(" · "):] if summary else article["x"]   # fields apart, " · "
    assert plain_text(longest.body_html).startswith(shown)
    per_shard = {}
    for number, doc in documents.items():
        if doc["k"] == "article":
            per_shard.setdefault(number // (STRIDE * ARTICLES_PER_SHARD), []).append(number)
    assert all(len(numbers) <= ARTICLES_PER_SHARD for numbers in per_shard.values())


def test_every_kind_of_item_is_indexed(graph, files):
    documents = list(_all_documents(files).values())
    kinds = {doc["k"] for doc in documents}
    assert {"article", "topic", "event", "quote", "person", "organisation", "place"} <= kinds
    articles = {doc["u"] for doc in documents if doc["k"] == "article"}
    assert articles == {f"articles/{p.article.slug}/" for p in graph.articles}
    events = sorted(doc["u"] for doc in documents if doc["k"] == "event")
    assert events == sorted(graph.timeline_url(e) for e in graph.timeline if indexed_event(e))
    assert 0 < len(events) < len(graph.timeline), "hand-written events only: extracted ones are in their articles"


def test_article_documents_are_numbered_in_blocks_by_slug(graph):
    page = sorted(graph.articles, key=lambda p: p.article.slug)[0]
    entries = article_search_entries(page)
    assert [e.kind for e in entries] == ["article"] + ["quote"] * len(page.facts.quotes)
    assert entries[0].url == f"articles/{page.article.slug}/"
    assert len(entries[0].words) == len(set(entries[0].words)) == len(entries[0].scores)


def test_urls_are_relative_to_the_site_root(files):
    for doc in _all_documents(files).values():
        assert not doc["u"].startswith(("/", "http")), doc["u"]


def test_a_person_is_found_in_articles_quotes_and_their_own_page(files):
    found = resolve(files, "okafor")
    assert {"article", "quote", "person"} <= {doc["k"] for doc in found}
    assert [doc["u"] for doc in found if doc["k"] == "person"] == ["entities/helen-okafor/"]


def test_prefixes_must_all_match_and_rank_like_the_browser(files):
    found = resolve(files, "okaf hardsh")
    assert found and found[0]["u"] == "articles/kelsham-flood-clean-up-begins/"
    assert resolve(files, "okaf zzzunknown") == []


def test_a_phrase_needs_its_words_in_order(files):
    found = resolve(files, '"ground was already saturated"')
    assert [d["u"] for d in found] == ["articles/aske-flood-homes-under-water/#quote-2",  # a quote: shorter
                                       "articles/aske-flood-homes-under-water/"]
    assert resolve(files, '"saturated already ground"') == []


def test_a_one_letter_word_matches_only_itself(files):
    assert resolve(files, "a")  # the word "a" itself
    assert not [d for d in resolve(files, "q") if d["k"] == "article"]


def test_a_word_in_the_title_scores_more_than_in_the_text(files):
    terms = _shard(files, "terms", "wa")["walkout"]
    scores = {_document(files, n)["u"]: s for n, s in zip(_numbers(terms[0::2]), terms[1::2])}
    title_doc = "articles/rail-strike-first-day/"  # "walkout" is in its title only
    others = [s for u, s in scores.items() if u.startswith("articles/") and "#" not in u and u != title_doc]
    assert others and all(scores[title_doc] > s for s in others)


def test_an_article_named_after_the_query_ranks_above_short_items_that_mention_it(tmp_path):
    root = tmp_path / "site-src"
    (root / "content" / "articles").mkdir(parents=True)
    long_text = " ".join(["The council met for many hours and heard from engineers and residents."] * 40)
    (root / "content" / "articles" / "bridge.md").write_text(
        f"---\ntitle: Harbour bridge reopens\ndate: 2024-01-02\n---\n{long_text}\n", encoding="utf-8")
    (root / "content" / "articles" / "other.md").write_text(
        '---\ntitle: Council notes\ndate: 2024-01-03\nquotes:\n  - {speaker: Ann Lee, text: "The bridge matters."}\n---\n'
        "A short note.\n", encoding="utf-8")
    assert build(root, tmp_path / "out", cache=False).wrote
    found = resolve({p.relative_to(tmp_path / "out").as_posix(): p.read_bytes()
                     for p in (tmp_path / "out" / "search").rglob("*.json")} | {}, "bridge")
    assert [d["u"] for d in found][:2] == ["articles/bridge/", "articles/other/#quote-1"]


def test_text_is_stored_as_written_not_escaped(tmp_path):
    root = tmp_path / "site-src"
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "articles" / "odd.md").write_text(
        '---\ntitle: "<script>alert(1)</script> & \\"Fish\\" </p>"\ndate: 2024-01-02\n---\n'
        "Text with <b>tags</b> &amp; an ampersand.\n",
        encoding="utf-8",
    )
    result = build(root, tmp_path / "out")
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    data = json.loads((tmp_path / "out" / "search" / "docs" / "0.json").read_text(encoding="utf-8"))
    article = [d for d in data.values() if d["k"] == "article"][0]
    assert article["t"] == '<script>alert(1)</script> & "Fish" </p>'
    assert "<b>tags</b> & an ampersand" in article["x"]  # raw HTML in Markdown is shown as text, so indexed as text


def _search_output(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted((folder / "search").rglob("*.json"))}


def test_two_builds_write_the_same_index(tmp_path):
    assert build(SITE, tmp_path / "one", cache=False).wrote and build(SITE, tmp_path / "two", cache=False).wrote
    first, second = _search_output(tmp_path / "one"), _search_output(tmp_path / "two")
    assert len(first) > 3 and first == second


def test_editing_one_article_changes_only_the_shards_of_what_changed(tmp_path):
    root = tmp_path / "newsroom"
    shutil.copytree(SITE, root)
    assert build(root, tmp_path / "before").wrote
    article = root / "content" / "articles" / "aske-flood-homes-under-water.md"
    text = article.read_text(encoding="utf-8")
    assert text.count("left nowhere for") == 1
    article.write_text(text.replace("left nowhere for", "left zeppelins for"), encoding="utf-8")
    assert build(root, tmp_path / "after").wrote
    before, after = _search_output(tmp_path / "before"), _search_output(tmp_path / "after")
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    # the words "nowhere" → "zeppelins", and the pairs "left nowhere", "nowhere for" → "left zeppelins", ...
    expected = {"search/terms/no.json", "search/terms/ze.json", "search/pairs/le-n.json", "search/pairs/le-z.json",
                "search/pairs/no-f.json", "search/pairs/ze-f.json"}
    assert changed - {"search/index.json"} == expected
    manifest = json.loads(after["search/index.json"])
    assert "ze" in manifest["terms"] and "f" in manifest["pairs"]["ze"]


def test_the_search_page_works_under_a_sub_path_and_says_what_to_do_without_javascript(tmp_path):
    out = tmp_path / "site"
    assert build(SITE, out, base_url="https://example.github.io/sheets/", cache=False).wrote
    page = parse_html(out / "search" / "index.html")
    form = [n for n in page.iter() if n.attrs.get("id") == "search-form"][0]
    assert "hidden" in form.attrs, "without JavaScript the form could do nothing, so it starts hidden"
    assert form.attrs["data-index"] == "/sheets/search/index.json"
    assert form.attrs["data-base"] == "/sheets/"
    fallback = [n for n in page.iter() if n.attrs.get("id") == "search-nojs"][0]
    links = {a.attrs["href"] for a in fallback.find_all("a")}
    assert {"/sheets/timeline/", "/sheets/tags/", "/sheets/topics/"} <= links
    status = [n for n in page.iter() if n.attrs.get("id") == "search-status"][0]
    assert status.attrs.get("aria-live") == "polite"
    scripts = [n.attrs["src"] for n in page.find_all("script") if "src" in n.attrs]
    assert "/sheets/assets/search.js" in scripts
    assert (out / "assets" / "search.js").is_file()


def test_the_search_script_never_inserts_html():
    script = (Path(__file__).resolve().parent.parent / "templates" / "assets" / "search.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in script


def test_every_result_url_leads_to_a_page_and_its_anchor(tmp_path):
    out = tmp_path / "site"
    assert build(SITE, out, cache=False).wrote
    files = _search_output(out)
    ids: dict[str, set[str]] = {}
    for doc in _all_documents(files).values():
        path, _, fragment = doc["u"].partition("#")
        page = out / path / "index.html"
        assert page.is_file(), doc["u"]
        if fragment:
            if path not in ids:
                ids[path] = {n.attrs["id"] for n in parse_html(page).iter() if "id" in n.attrs}
            assert fragment in ids[path], doc["u"]
