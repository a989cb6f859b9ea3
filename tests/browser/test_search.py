"""Search in a real browser (search.js): phrases, prefixes, keys, and the page without JavaScript.

The newsroom fixture is built under the sub-path /sheets/ and served there, so
the index and every result link are also proved to respect a base path.
"""

from __future__ import annotations

import re

import pytest

from generator.build.pipeline import build
from tests.browser.sites import BuiltSite, SiteServer
from tests.test_newsroom_site import SITE as NEWSROOM

STATUS = re.compile(r"^(\d+) results? for “(.*)”")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search") / "site"
    result = build(NEWSROOM, folder, base_url="/sheets/", cache=False)
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    running = SiteServer(BuiltSite("newsroom", folder, "/sheets/"))
    yield running
    running.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def search(page, server, query: str) -> list[dict]:
    """Type `query` into the search box; the results as {href, title, kind, marks}."""
    page.goto(server.url("search/"))
    page.wait_for_selector("#search-form[data-ready]")
    page.fill("#search-input", query)
    page.wait_for_function("document.getElementById('search-status').textContent.trim() !== ''")
    return page.eval_on_selector_all(
        ".search-result",
        """items => items.map(li => ({
            href: li.querySelector('a').getAttribute('href'),
            title: li.querySelector('a').textContent,
            kind: li.querySelector('.badge').textContent,
            marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
        }))""",
    )


def test_a_quoted_phrase_finds_the_article_that_has_it(page, server):
    results = search(page, server, '"ground was already saturated"')
    hrefs = [r["href"] for r in results]
    assert "/sheets/articles/aske-flood-homes-under-water/" in hrefs
    assert all(r["href"].startswith("/sheets/articles/aske-flood-homes-under-water/") for r in results), hrefs
    article = results[hrefs.index("/sheets/articles/aske-flood-homes-under-water/")]
    # the snippet is the article's opening (the index ships no whole texts): it marks the phrase only
    assert all(m.lower() == "ground was already saturated" for m in article["marks"]), article["marks"]
    match = STATUS.match(page.inner_text("#search-status"))
    assert match and int(match.group(1)) == len(results)


def test_a_phrase_in_the_opening_is_marked_in_the_snippet(page, server):
    results = search(page, server, '"rescue boats"')
    article = [r for r in results if r["href"] == "/sheets/articles/aske-flood-homes-under-water/"]
    assert article, "the summary and the first sentence say it"
    assert [m.lower() for m in article[0]["marks"]] == ["rescue boats", "rescue boats"]


def test_only_the_shards_a_query_needs_are_fetched(page, server):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    results = search(page, server, "hydrologist")
    assert results
    index = [u.split("/sheets/search/", 1)[1] for u in fetched if "/sheets/search/" in u and u.endswith(".json")]
    assert index[0] == "index.json"
    assert [u for u in index if u.startswith("terms/")] == ["terms/hy.json"]
    assert not [u for u in index if u.startswith("pairs/")], "no phrase, no pair shard"
    assert 1 <= len([u for u in index if u.startswith("docs/")]) <= len(results)


def test_the_same_words_out_of_order_are_not_the_phrase(page, server):
    assert search(page, server, '"saturated already ground"') == []
    assert page.inner_text("#search-status").startswith("No results")


def test_words_match_by_their_beginning_and_all_must_match(page, server):
    results = search(page, server, "okaf hardsh")
    assert results, "prefixes of Okafor and hardship"
    assert results[0]["href"] == "/sheets/articles/kelsham-flood-clean-up-begins/"
    for result in results:
        assert any(m.lower().startswith("okaf") for m in result["marks"]) or result["kind"] == "Article"


def test_a_person_their_quotes_and_the_articles_are_found_by_name(page, server):
    results = search(page, server, "Gareth Mills")
    kinds = {r["kind"] for r in results}
    assert {"Person", "Quote", "Article"} <= kinds
    assert "/sheets/entities/gareth-mills/" in [r["href"] for r in results]


def test_the_keyboard_moves_from_the_box_through_the_results(page, server):
    results = search(page, server, "strike")
    assert len(results) >= 2
    page.focus("#search-input")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == results[0]["href"]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == results[1]["href"]
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "search-input"


def test_a_query_in_the_address_is_searched_on_arrival(page, server):
    page.goto(server.url("search/?q=hydrologist"))
    page.wait_for_selector(".search-result")
    assert page.input_value("#search-input") == "hydrologist"
    assert page.get_attribute(".search-result a", "href").startswith("/sheets/")


def test_without_javascript_the_page_offers_the_indexes_instead_of_a_dead_form(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url("search/"))
        assert not page.is_visible("#search-form")
        assert page.is_visible("#search-nojs")
        hrefs = page.eval_on_selector_all("#search-nojs a", "links => links.map(a => a.getAttribute('href'))")
        assert "/sheets/timeline/" in hrefs and "/sheets/tags/" in hrefs
    finally:
        context.close()
