"""Fixtures for the site checks: both sites built once per session, served, and one shared browser.

The browser is Debian's Chromium driven by Playwright; without /usr/bin/chromium
the browser tests skip with a reason (the validity and link tests still run).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.sites import GOLDEN, REPO, BuiltSite, SiteServer, build_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OTHER_SITES = re.compile(r"^(?!http://127\.0\.0\.1[:/])")
SCREENSHOTS = REPO / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> dict[str, BuiltSite]:
    """The example site and the golden fixture, each built into its own temporary folder."""
    out = tmp_path_factory.mktemp("sites")
    return {
        "example": build_site("example", REPO, out / "example"),
        "golden": build_site("golden", GOLDEN, out / "golden"),
    }


@pytest.fixture(scope="session")
def servers(sites):
    """A running server per site, by site name."""
    running = {name: SiteServer(site) for name, site in sites.items()}
    yield running
    for server in running.values():
        server.close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session; pages and contexts are cheap, browsers are not."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class Views:
    """Browser pages by (width, colour scheme, script), each opened once and reused by every test."""

    SIZES = {"desktop": DESKTOP, "phone": PHONE}

    def __init__(self, browser):
        self._browser = browser
        self._pages: dict[tuple[str, str, bool], object] = {}
        self._contexts = []

    def page(self, size: str = "desktop", scheme: str = "light", script: bool = True):
        key = (size, scheme, script)
        if key not in self._pages:
            context = self._browser.new_context(
                viewport=self.SIZES[size], color_scheme=scheme, reduced_motion="reduce", java_script_enabled=script
            )
            context.set_default_timeout(30_000)  # generous: CI machines may be busy
            # Only the local test servers are reached: the tests run offline and judge this site alone.
            context.route(OTHER_SITES, lambda route: route.abort("blockedbyclient"))
            self._contexts.append(context)
            self._pages[key] = context.new_page()
        return self._pages[key]

    def close(self) -> None:
        for context in self._contexts:
            context.close()


@pytest.fixture(scope="session")
def views(browser):
    """Shared pages for every viewport and colour scheme the tests use."""
    opened = Views(browser)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The git-ignored folder at the repository root that the screenshots are saved in."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
