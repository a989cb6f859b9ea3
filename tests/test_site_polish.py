"""What a reader meets on the timeline and tag pages: headings in order, the menu, no page linking to itself.

Checked on the golden site as built now (the golden test compares bytes; these
say what the bytes must mean).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.test_golden_site import build_golden


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_golden(tmp_path_factory.mktemp("polish") / "site")


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels: list[int] = []
        self.links: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if tag == "a":
            self.links.append((dict(attrs).get("href", ""), dict(attrs)))


def _outline(page) -> _Outline:
    outline = _Outline()
    outline.feed(page.read_text(encoding="utf-8"))
    return outline


@pytest.mark.parametrize("page", ["tags/flooding/index.html", "tags/index.html", "timeline/index.html",
                                  "timeline/2014/index.html", "articles/index.html"])
def test_headings_never_skip_a_level(site, page):
    levels = _outline(site / page).levels
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels


def test_a_small_sites_timeline_page_shows_its_events(site):
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="timeline-entry') == sum(
        (site / "timeline" / y / "index.html").read_text(encoding="utf-8").count('class="timeline-entry')
        for y in ("1982", "2013", "2014", "undated")) > 5


def test_a_year_page_marks_the_timeline_menu_and_does_not_link_to_itself(site):
    links = _outline(site / "timeline" / "2014" / "index.html").links
    menu = [a.get("aria-current") for href, a in links if href.endswith("/timeline/")]
    assert menu[0] == "true", menu   # the site menu's Timeline: this page is in its section
    assert not [href for href, _ in links if href.endswith("/timeline/2014/")]
    assert [href for href, _ in links if href.endswith("/timeline/2013/")]
