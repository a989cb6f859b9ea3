"""`factsheet serve` in a real browser: a failed build shows over the page, a fixed one reloads it.

The server side (rebuilds, the event stream, the last good site) is tested
without a browser in tests/test_serve.py; this checks the injected script.
"""

from __future__ import annotations

from tests.test_serve import ARTICLE, PAGE, TITLE, edit, served  # noqa: F401 - served: the running server


def test_the_browser_shows_a_failed_build_over_the_page_and_reloads_when_fixed(served, browser):
    root, server = served
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server.url + PAGE)
        page.wait_for_load_state("load")
        edit(root, "tags: [floods, weather]", "tags: [floods, weather")
        overlay = page.wait_for_selector("[role=alert]", timeout=10_000)
        heading_id = overlay.get_attribute("aria-labelledby")
        assert page.inner_text(f"#{heading_id}") == "The site did not build"
        assert f"{ARTICLE}:" in overlay.inner_text()
        assert page.inner_text("h1") == TITLE, "the last good page stays"
        text = (root / ARTICLE).read_text(encoding="utf-8")  # one write: fixed and retitled
        fixed = text.replace("tags: [floods, weather\n", "tags: [floods, weather]\n").replace(TITLE, "Fixed and reloaded", 1)
        (root / ARTICLE).write_text(fixed, encoding="utf-8")
        page.wait_for_function("document.querySelector('h1').textContent === 'Fixed and reloaded'", timeout=10_000)
        assert page.query_selector("[role=alert]") is None
    finally:
        context.close()
