"""The timeline filter (site.js): clicks and keys narrow a year of the site-wide timeline and bring it back.

Without JavaScript a year's page is the full list with links to the other
years; the filter is added by the script, so these tests also prove it is an
enhancement only.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.pagecheck import visit

SITES = ["example", "golden"]
YEAR = {"example": "timeline/2015/", "golden": "timeline/2014/"}  # each site's year with the most events
STATUS = re.compile(r"^(\d+) of (\d+) events shown$")


def entry_facets(page) -> list[dict]:
    """Each timeline entry's facet values and whether it is shown."""
    return page.eval_on_selector_all(
        ".timeline-entry[data-topics]",
        """els => els.map(el => ({
            topics: el.dataset.topics.split(' ').filter(Boolean),
            tags: el.dataset.tags.split(' ').filter(Boolean),
            visible: el.getClientRects().length > 0,
        }))""",
    )


def status_counts(page) -> tuple[int, int]:
    match = STATUS.match(page.locator(".timeline-filter-status").inner_text().strip())
    assert match, page.locator(".timeline-filter-status").inner_text()
    return int(match.group(1)), int(match.group(2))


def option_values(page, facet: str) -> list[str]:
    return page.eval_on_selector_all(f".timeline-filter select[name={facet}] option", "os => os.map(o => o.value)")


def open_timeline(views, servers, site_name):
    page = views.page("desktop", "light")
    loaded = visit(page, servers[site_name].url(YEAR[site_name]))
    assert loaded.console_errors == []
    return page


@pytest.mark.parametrize("site_name", SITES)
@pytest.mark.parametrize("facet", ["topics", "tags"])
def test_choosing_a_facet_shows_only_matching_entries_and_reset_shows_all(site_name, facet, servers, views):
    page = open_timeline(views, servers, site_name)
    total = len(entry_facets(page))
    assert status_counts(page) == (total, total)
    values = [v for v in option_values(page, facet) if v]
    assert values, f"the {facet} filter offers nothing"
    for value in values:
        page.select_option(f".timeline-filter select[name={facet}]", value)
        entries = entry_facets(page)
        assert [e["visible"] for e in entries] == [value in e[facet] for e in entries]
        assert status_counts(page) == (sum(value in e[facet] for e in entries), total)
        assert parse_qs(urlsplit(page.url).query) == {facet: [value]}  # the choice can be shared
    page.get_by_role("button", name="Show all").click()
    assert all(e["visible"] for e in entry_facets(page))
    assert status_counts(page) == (total, total)
    assert page.locator(f".timeline-filter select[name={facet}]").input_value() == ""
    assert urlsplit(page.url).query == ""


@pytest.mark.parametrize("site_name", SITES)
def test_the_filter_works_from_the_keyboard(site_name, servers, views):
    page = open_timeline(views, servers, site_name)
    total = len(entry_facets(page))
    topic_select = page.locator(".timeline-filter select[name=topics]")
    first_topic = [v for v in option_values(page, "topics") if v][0]
    # Tab from the top of the page until the topic menu has focus, as a keyboard user would.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(200):
        page.keyboard.press("Tab")
        if topic_select.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the topic menu")
    page.keyboard.press("ArrowDown")  # a closed menu takes the next option at once
    assert topic_select.input_value() == first_topic
    entries = entry_facets(page)
    assert [e["visible"] for e in entries] == [first_topic in e["topics"] for e in entries]
    # Reach "Show all" by Tab and press it with Enter.
    reset = page.get_by_role("button", name="Show all")
    for _ in range(10):
        page.keyboard.press("Tab")
        if reset.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Show all button")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('.timeline-entry[hidden]')")
    assert status_counts(page) == (total, total)


@pytest.mark.parametrize("site_name", SITES)
def test_a_filter_in_the_address_is_applied_on_load(site_name, servers, views):
    page = open_timeline(views, servers, site_name)
    first_topic = [v for v in option_values(page, "topics") if v][0]
    visit(page, servers[site_name].url(f"{YEAR[site_name]}?topics={first_topic}"))
    entries = entry_facets(page)
    assert [e["visible"] for e in entries] == [first_topic in e["topics"] for e in entries]


def test_an_unknown_filter_in_the_address_shows_everything(servers, views):
    page = views.page("desktop", "light")
    visit(page, servers["example"].url(f"{YEAR['example']}?topics=no-such-topic"))
    assert page.locator(".timeline-filter select[name=topics]").input_value() == ""
    assert all(e["visible"] for e in entry_facets(page))


@pytest.mark.parametrize("site_name", SITES)
def test_without_javascript_every_event_shows_and_no_filter_appears(site_name, servers, views):
    page = views.page("desktop", "light", script=False)
    visit(page, servers[site_name].url(YEAR[site_name]))
    entries = entry_facets(page)
    assert entries and all(e["visible"] for e in entries)
    assert page.locator(".timeline-filter").count() == 0
    # the other years are links; this year is named, not linked to itself
    assert page.locator(".year-index li").count() >= 1
    assert page.locator(".year-index [aria-current=page]").count() == 1
