"""The measuring tools themselves: each one notices the fault it exists to catch."""

from __future__ import annotations

from tests.browser.pagecheck import axe_violations, sideways_overflow, tab_through

FAULTY = """<!DOCTYPE html><html lang="en"><head><title>Faults</title>
<style>
  .quiet:focus { outline: none; }
  .faint { color: #bbb; background: #fff; }
  .wide { width: 900px; }
</style></head>
<body><main>
  <h1>Faults</h1>
  <a href="#a" class="ringed">has the browser's focus ring</a>
  <a href="#b" class="quiet">no focus indicator</a>
  <p class="faint">Text too faint to read</p>
  <div class="wide">wide</div>
</main></body></html>"""


def test_the_checks_catch_a_missing_focus_ring_low_contrast_and_overflow(views):
    page = views.page("phone", "light")
    page.set_content(FAULTY)
    walk = tab_through(page)
    assert walk.focusable == 2 and walk.reached == frozenset({0, 1})
    assert len(walk.without_indicator) == 1 and 'class="quiet"' in walk.without_indicator[0]
    assert [v["rule"] for v in axe_violations(page)] == ["color-contrast"]
    assert sideways_overflow(page) > 0
