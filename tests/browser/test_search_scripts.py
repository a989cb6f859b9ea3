"""Search in a real browser for words outside a-z: the query is folded and split as the build split the text.

The six-script fixture (tests/sites/scripts) is built under /scripts/; a query
typed without its diacritics, in Cyrillic, or in Chinese finds its article, and
a tag link with a Unicode slug opens its page.
"""

from __future__ import annotations

import pytest

from generator.build.pipeline import build
from tests.browser.sites import BuiltSite, SiteServer
from tests.browser.test_search import search
from tests.test_scripts_site import SITE


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scripts") / "site"
    result = build(SITE, folder, cache=False)
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    running = SiteServer(BuiltSite("scripts", folder, "https://example.org/scripts/"))
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


@pytest.mark.parametrize("query, href, mark", [
    ("soren", "/scripts/articles/kobenhavn/", "Søren"),
    ("москве", "/scripts/articles/moskva/", "Москве"),
    ("北京", "/scripts/articles/beijing/", "北京"),
])
def test_a_word_outside_a_to_z_finds_its_article(page, server, query, href, mark):
    results = search(page, server, query)
    assert results and results[0]["href"] == href, results
    assert mark in results[0]["marks"], results[0]


def test_a_unicode_tag_link_opens_its_page(page, server):
    page.goto(server.url("articles/beijing/"))
    page.click("ul.tags a")
    assert page.locator("h1").first.inner_text().strip().endswith("北京")
