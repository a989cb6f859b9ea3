"""The search index and the search page, without a browser (tests/browser/test_search.py runs the script)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import build, read_site
from generator.errors import Diagnostics
from generator.search import INDEX_PATH, TITLE_WEIGHT, build_index, fold, plain_text, search_docs, words
from tests.test_newsroom_site import SITE, parse_html


@pytest.fixture(scope="module")
def graph():
    diagnostics = Diagnostics()
    result = read_site(SITE, diagnostics)
    assert result is not None and not diagnostics.errors
    return result


@pytest.fixture(scope="module")
def index(graph) -> dict:
    return build_index(search_docs(graph))


def _docs_with(index: dict, word: str) -> list[dict]:
    postings = index["terms"].get(word, [])
    return [index["docs"][n] for n in postings[0::2]]


def test_words_are_folded_like_the_client_folds_them():
    assert fold("Élysée Ünïcode") == "elysee unicode"
    assert words("The drivers' union — “RDU”, 48-hour strike!") == ["the", "drivers", "union", "rdu", "48", "hour", "strike"]
    assert words("snake_case") == ["snake", "case"]


def test_plain_text_drops_markup_and_decodes_entities():
    assert plain_text("<p>Fish &amp; chips</p><p>at <mark id='x'>3 pm</mark></p>") == "Fish & chips at 3 pm"
    assert plain_text("<p>a</p><p>b<br>c</p>") == "a b c"
    assert plain_text("<p>Fish &amp; chips &lt;b&gt;</p>") == "Fish & chips <b>"


def test_every_kind_of_item_is_indexed(graph, index):
    kinds = {doc["k"] for doc in index["docs"]}
    assert {"article", "topic", "event", "quote", "person", "organisation", "place"} <= kinds
    articles = {doc["u"] for doc in index["docs"] if doc["k"] == "article"}
    assert articles == {f"articles/{p.article.slug}/" for p in graph.articles}
    events = [doc for doc in index["docs"] if doc["k"] == "event"]
    assert len(events) == len(graph.timeline)
    assert all(doc["u"].startswith("timeline/#e-") for doc in events)


def test_urls_are_relative_to_the_site_root(index):
    for doc in index["docs"]:
        assert not doc["u"].startswith(("/", "http")), doc["u"]


def test_a_person_is_found_in_articles_quotes_and_their_own_page(index):
    found = _docs_with(index, "okafor")
    assert {"article", "quote", "person"} <= {doc["k"] for doc in found}
    person = [doc for doc in found if doc["k"] == "person"]
    assert [doc["u"] for doc in person] == ["entities/helen-okafor/"]


def test_a_word_in_the_title_weighs_more_than_in_the_text(index):
    postings = index["terms"]["walkout"]
    weights = {index["docs"][n]["u"]: w for n, w in zip(postings[0::2], postings[1::2])}
    title_doc = "articles/rail-strike-first-day/"  # "walkout" is in its title only
    assert weights[title_doc] >= TITLE_WEIGHT
    assert all(w < TITLE_WEIGHT for u, w in weights.items() if u != title_doc)


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
    data = json.loads((tmp_path / "out" / INDEX_PATH).read_text(encoding="utf-8"))
    article = [d for d in data["docs"] if d["k"] == "article"][0]
    assert article["t"] == '<script>alert(1)</script> & "Fish" </p>'
    assert "<b>tags</b> & an ampersand" in article["x"]  # raw HTML in Markdown is shown as text, so indexed as text


def test_two_builds_write_the_same_index(tmp_path):
    first = build(SITE, tmp_path / "one")
    second = build(SITE, tmp_path / "two")
    assert first.wrote and second.wrote
    assert (tmp_path / "one" / INDEX_PATH).read_bytes() == (tmp_path / "two" / INDEX_PATH).read_bytes()


def test_the_search_page_works_under_a_sub_path_and_says_what_to_do_without_javascript(tmp_path):
    out = tmp_path / "site"
    assert build(SITE, out, base_url="https://example.github.io/sheets/").wrote
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
    assert build(SITE, out).wrote
    data = json.loads((out / INDEX_PATH).read_text(encoding="utf-8"))
    ids: dict[str, set[str]] = {}
    for doc in data["docs"]:
        path, _, fragment = doc["u"].partition("#")
        page = out / path / "index.html"
        assert page.is_file(), doc["u"]
        if fragment:
            if path not in ids:
                ids[path] = {n.attrs["id"] for n in parse_html(page).iter() if "id" in n.attrs}
            assert fragment in ids[path], doc["u"]
