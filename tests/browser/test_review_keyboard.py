"""Reviewing a whole article in `factsheet serve` with the keyboard alone, in Chromium.

A new user's copy of the seed article (bare front matter: title and date)
is served; the test accepts two items, edits one (first with a mistake,
shown at its field, then right), rejects one and undoes that, each with
its key. Then the front matter must be exactly what was expected, byte for
byte, and `factsheet build` must give the page the preview showed. The
endpoints' guards are tested without a browser in tests/test_review.py.
"""

from __future__ import annotations

import io
import os
import time

import pytest

from generator.cli.commands import main
from generator.cli.serve import SERVE_DIR, DevServer
from tests.browser.pagecheck import axe_violations
from tests.test_review import ARTICLE, HEAD, PAGE, make_site

EDITED = "Armed officers rehearse the new tactics in a training exercise"
# What the review below appends to the bare front matter: nothing else of the file may change.
EXPECTED_FRONT = HEAD[:-4] + """\
# extracted by factsheet
events:
- date: '2015-11-13'
  text: The IS carried out terror attacks in Paris in which 130 people lost their lives
  as_stated: 13 November
# extracted by factsheet
- date: '2015-12-01'
  text: Armed officers rehearse the new tactics in a training exercise
  as_stated: 1 December
# extracted by factsheet
facts:
- label: Counter-terrorism training programme
  value: '15'
  unit: weeks
  as_stated: 15-week counter-terrorism training programme
---
"""


@pytest.fixture
def review_server(tmp_path):
    root = make_site(tmp_path / "site")
    server = DevServer(root, "127.0.0.1", 0, log=io.StringIO())
    server.start()
    yield root, server
    server.stop()


def test_review_a_whole_article_with_the_keyboard(review_server, browser, tmp_path):
    root, server = review_server
    body = (root / ARTICLE).read_text(encoding="utf-8")[len(HEAD):]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url + PAGE.lstrip("/"))
        page.wait_for_selector(".factsheet-review li.is-selected")
        first = page.inner_text(".factsheet-review li.is-selected")
        assert first.startswith("Event: 2015-11-13"), first
        assert "The IS carried out terror attacks" in page.locator(".timeline-entry.fr-target").inner_text(), "shown on the page too"

        def press(key: str) -> None:
            """One key that writes: wait for the rebuild's reload and the panel after it."""
            with page.expect_navigation():
                page.keyboard.press(key)
            page.wait_for_selector(".factsheet-review li.is-selected, .factsheet-review .fr-status:not(:empty)")

        started = time.monotonic()
        press("a")  # accept the Paris event
        assert page.inner_text(".factsheet-review li.is-selected").startswith("Event: 2015-12-01")
        after_accept = (root / ARTICLE).read_bytes()
        page.keyboard.press("e")  # edit the training exercise
        page.wait_for_selector("#fr-field-date:focus")
        page.keyboard.press("Control+a")
        page.keyboard.type("2015-13-45")
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('fr-field-date-error').textContent.includes('month 13')")
        assert page.get_attribute("#fr-field-date", "aria-invalid") == "true"
        assert axe_violations(page) == [], "the page with the panel, its form and an error stays accessible"
        if os.environ.get("FACTSHEET_REVIEW_SCREENSHOT"):
            page.screenshot(path=os.environ["FACTSHEET_REVIEW_SCREENSHOT"])
        assert (root / ARTICLE).read_bytes() == after_accept, "nothing is written on error"
        page.keyboard.press("Control+a")
        page.keyboard.type("2015-12-01")
        page.keyboard.press("Tab")
        page.keyboard.press("Control+a")
        page.keyboard.type(EDITED)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_selector(".factsheet-review li.is-selected")
        assert page.inner_text(".factsheet-review li.is-selected").startswith("Key number: Killed")
        page.keyboard.press("j")
        assert page.inner_text(".factsheet-review li.is-selected").startswith("Key number: Counter-terrorism")
        press("a")  # accept the training programme's 15 weeks
        assert page.inner_text(".factsheet-review li.is-selected").startswith("Quote: Patricia Gallan")
        press("r")  # reject the first quote...
        assert "ignore:\n- We are asking them" in (root / ARTICLE).read_text(encoding="utf-8")
        press("u")  # ...and think better of it
        elapsed = time.monotonic() - started
        page.wait_for_selector(".fr-done li")

        assert (root / ARTICLE).read_text(encoding="utf-8") == EXPECTED_FRONT + body
        assert elapsed < 60, f"the keyboard review took {elapsed:.1f} s"
        print(f"\nkeyboard review: {elapsed:.1f} s")

        done = page.locator(".fr-done li").all_inner_texts()
        assert [d.split(":")[0] for d in done] == ["Accepted", "Edited", "Accepted"]
        assert EDITED in page.inner_text(".timeline")
        keyfact = page.locator(".keyfact", has_text="Counter-terrorism training programme")
        assert "is-extracted" not in keyfact.get_attribute("class"), "the accepted figure shows as checked"
        assert page.locator(".quote.is-extracted").count() == 5, "the rejected quote is back after the undo"
        assert errors == []

        # `factsheet build` reproduces what the preview showed
        out = tmp_path / "built"
        assert main(["build", "--root", str(root), "--out", str(out), "--base-url", "/", "--quiet"]) == 0
        built = (out / "articles/armed-police-london/index.html").read_bytes()
        assert built == (root / SERVE_DIR / "articles/armed-police-london/index.html").read_bytes()
        assert b"X-Factsheet-Token" not in built and b"factsheet-review" not in built
    finally:
        context.close()
