"""Every page of both sites in a real browser: clean loads, WCAG 2.1 AA, narrow screens, keyboard.

Every page of each site is checked at 375 px in the dark scheme, and one page
of each type again at 1280 px in the light scheme, so axe judges contrast in
both palettes. One page of each type is screenshotted in all four views
(phone and desktop, light and dark) into screenshots/, tabbed through, and
loaded with JavaScript off.
"""

from __future__ import annotations

import pytest

from tests.browser.pagecheck import axe_violations, sideways_overflow, tab_through, visit
from tests.browser.sites import MISSING_PAGE, page_types

SITES = ["example", "golden"]
KINDS = [
    "home", "article", "topic", "timeline", "entity", "tag",
    "tags-index", "entities-index", "topics-index", "search", "404",
]


def page_of_kind(site, kind: str) -> str:
    for page_type in page_types(site):
        if page_type.kind == kind:
            return page_type.path
    pytest.skip(f"the {site.name} site has no {kind} page yet")


def every_page(site) -> list[str]:
    """Every built page, with the 404 page reached the way visitors reach it: by a missing URL."""
    return [MISSING_PAGE if path == "404.html" else path for path in site.page_paths()]


def expected_status(path: str) -> int:
    return 404 if path == MISSING_PAGE else 200


def screenshot(page, folder, site_name: str, kind: str, size: str, scheme: str) -> None:
    shot = folder / f"{site_name}-{kind}-{size}-{scheme}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0


def problems_on(page, url: str, status: int, axe: bool = True) -> dict[str, object]:
    """What is wrong with one page as loaded: bad status, console errors, failed requests, axe, overflow."""
    loaded = visit(page, url)
    found = {
        "status": loaded.status if loaded.status != status else None,
        "console errors": loaded.console_errors,
        "failed requests": loaded.failed_requests,
        "axe violations": axe_violations(page) if axe else [],
        "sideways overflow (px)": sideways_overflow(page),
    }
    return {key: value for key, value in found.items() if value}


@pytest.mark.parametrize("site_name", SITES)
def test_every_page_is_clean_at_375_px_in_the_dark_scheme(site_name, sites, servers, views, screenshots):
    """Every page of the site on a phone, dark: no errors, no axe violations, nothing scrolls sideways."""
    site, server = sites[site_name], servers[site_name]
    kinds = {page_type.path: page_type.kind for page_type in page_types(site)}
    page = views.page("phone", "dark")
    problems = {}
    for path in every_page(site):
        found = problems_on(page, server.url(path), expected_status(path))
        if found:
            problems[f"/{path}"] = found
        if path in kinds:
            screenshot(page, screenshots, site_name, kinds[path], "phone", "dark")
    assert problems == {}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("site_name", SITES)
def test_each_page_type_is_clean_at_1280_px_in_the_light_scheme(site_name, kind, sites, servers, views, screenshots):
    site, server = sites[site_name], servers[site_name]
    path = page_of_kind(site, kind)
    page = views.page("desktop", "light")
    assert problems_on(page, server.url(path), expected_status(path)) == {}
    screenshot(page, screenshots, site_name, kind, "desktop", "light")


@pytest.mark.parametrize("site_name", SITES)
def test_each_page_type_in_the_other_two_views_fits_and_is_screenshotted(site_name, sites, servers, views, screenshots):
    """Phone light and desktop dark, for one page of each type: loads cleanly, fits, and is saved."""
    site, server = sites[site_name], servers[site_name]
    problems = {}
    for page_type in page_types(site):
        for size, scheme in (("phone", "light"), ("desktop", "dark")):
            page = views.page(size, scheme)
            found = problems_on(page, server.url(page_type.path), expected_status(page_type.path), axe=False)
            if found:
                problems[f"{page_type.kind} at {size} {scheme}"] = found
            screenshot(page, screenshots, site_name, page_type.kind, size, scheme)
    assert problems == {}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("site_name", SITES)
def test_keyboard_reaches_every_control_with_a_visible_focus_indicator(site_name, kind, sites, servers, views):
    site, server = sites[site_name], servers[site_name]
    page = views.page("desktop", "light")
    visit(page, server.url(page_of_kind(site, kind)))
    walk = tab_through(page)
    assert walk.focusable > 0
    assert sorted(walk.reached) == list(range(walk.focusable)), "Tab skipped some controls"
    assert walk.without_indicator == ()


@pytest.mark.parametrize("site_name", SITES)
def test_the_skip_link_is_the_first_stop_and_jumps_to_the_content(site_name, sites, servers, views):
    page = views.page("desktop", "light")
    visit(page, servers[site_name].url(page_of_kind(sites[site_name], "article")))
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("site_name", SITES)
def test_pages_work_without_javascript(site_name, kind, sites, servers, views):
    """With scripts off every page shows its heading and the site navigation."""
    site, server = sites[site_name], servers[site_name]
    page = views.page("desktop", "light", script=False)
    path = page_of_kind(site, kind)
    assert visit(page, server.url(path)).status == expected_status(path)
    assert page.locator("main h1").first.is_visible()
    assert page.locator("nav[aria-label='Site'] a").count() >= 4


@pytest.mark.parametrize("site_name", SITES)
def test_an_article_prints_as_a_fact_sheet_without_navigation(site_name, sites, servers, views, screenshots):
    site, server = sites[site_name], servers[site_name]
    page = views.page("desktop", "light")
    visit(page, server.url(page_of_kind(site, "article")))
    page.emulate_media(media="print")
    try:
        hidden = [".site-header", ".site-footer", ".skip-link"]
        assert [sel for sel in hidden if page.locator(sel).is_visible()] == []
        assert page.locator("main h1").is_visible()
        assert page.locator(".timeline, .keyfacts").first.is_visible()
        screenshot(page, screenshots, site_name, "article", "print", "light")
    finally:
        page.emulate_media(media="screen")
