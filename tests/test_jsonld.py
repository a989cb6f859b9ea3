"""schema.org JSON-LD of a fact sheet: ISO 8601 dates only, this site as publisher, the outlet's article as source."""

from __future__ import annotations

import json
import re

from tests.helpers import run_cli

ARTICLE = """\
---
title: Rail strike ends
date: 2015-12-02
source: {name: The Courier, url: "https://courier.example/strike"}
image: {src: "images/picket.jpg", alt: Pickets at the depot}
extract: false
events:
  - date: "199"
    text: The rail company was privatised
  - date: 2015-W48
    text: Talks resumed
  - date: 2015-Q4
    text: The union balloted its members
  - date: 2015-11
    text: Drivers voted to strike
  - date: 2015-11-13/2015-11-15
    text: Drivers walked out for three days
---
Drivers walked out on 13 November 2015.
"""


def _jsonld(page) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    return json.loads(block.group(1))


def test_article_jsonld_dates_publisher_source_and_image(tmp_path):
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "content" / "articles" / "story.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "site.yaml").write_text("title: Strike facts\n", encoding="utf-8")
    run = run_cli("build", "--root", str(tmp_path), "--base-url", "https://facts.example/", "--quiet")
    assert run.code == 0, run.stderr
    data = _jsonld(tmp_path / "site" / "articles" / "story" / "index.html")
    assert data["publisher"] == {"@type": "Organization", "name": "Strike facts", "url": "https://facts.example/"}
    assert data["isBasedOn"] == {"@type": "NewsArticle", "url": "https://courier.example/strike",
                                 "publisher": {"@type": "Organization", "name": "The Courier"}}
    assert data["image"] == "https://facts.example/articles/story/images/picket.jpg"
    dates = {event["name"]: (event.get("startDate"), event.get("endDate")) for event in data["about"]}
    assert dates == {
        "The rail company was privatised": (None, None),   # a decade has no ISO 8601 date
        "Talks resumed": (None, None),                      # nor a week,
        "The union balloted its members": (None, None),     # nor a quarter
        "Drivers voted to strike": ("2015-11", None),
        "Drivers walked out for three days": ("2015-11-13", "2015-11-15"),
    }


def test_every_event_link_of_a_page_jsonld_leads_to_an_entry_on_that_page():
    from pathlib import Path

    from tests.test_golden_site import EXPECTED

    checked = 0
    for page in sorted(Path(EXPECTED).rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        if '<script type="application/ld+json">' not in html:
            continue
        blocks = _jsonld(page)
        for block in blocks if isinstance(blocks, list) else [blocks]:
            for event in block.get("about", []) if isinstance(block, dict) else []:
                fragment = event["url"].split("#", 1)[1]
                assert f'id="{fragment}"' in html, (page, fragment)
                checked += 1
    assert checked > 10
