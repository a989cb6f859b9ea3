"""A topic's key figures: when two articles give different figures for the same thing,
the topic page shows both, each with its source."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import run_cli

ARTICLE = """---
title: {title}
date: 2024-05-{day:02d}
source: {{name: {source}}}
topics: [ferry-disaster]
---
{body}
"""


def _write(root: Path) -> None:
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "topics").mkdir(parents=True)
    (root / "site.yaml").write_text("title: Test sheets\n", encoding="utf-8")
    (root / "content" / "topics" / "ferry-disaster.md").write_text(
        "---\ntitle: Ferry disaster\n---\nWhat the papers reported.\n", encoding="utf-8")
    articles = [
        ("first-report", "Ferry sinks off the coast", 3, "Coast Courier",
         "The ferry sank in a storm with a crew of 14 on board. Twelve people were killed."),
        ("later-report", "Ferry toll rises", 4, "Harbour Times",
         "At least 14 people were killed when the ferry sank, the coastguard said."),
        ("side-story", "Harbour reopens", 5, "Harbour Times",
         "The harbour reopened. A crew of 14 cleared the wreckage, and 40 volunteers helped."),
    ]
    for slug, title, day, source, body in articles:
        (root / "content" / "articles" / f"{slug}.md").write_text(
            ARTICLE.format(title=title, day=day, source=source, body=body), encoding="utf-8")


def _keyfacts(html: str) -> str:
    match = re.search(r'<section class="keyfacts".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_two_articles_figures_for_the_same_thing_are_shown_side_by_side(tmp_path):
    _write(tmp_path)
    run = run_cli("build", "--root", str(tmp_path), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.stderr
    box = _keyfacts((tmp_path / "out" / "topics" / "ferry-disaster" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(re.sub(r"<[^>]+>", " ", box).split())
    # Both figures for the dead, each with its source, flagged as a disagreement.
    killed = text[text.index("Killed"):]
    assert "12 people according to Ferry sinks off the coast (Coast Courier) extracted" in killed
    assert "At least 14 people according to Ferry toll rises (Harbour Times) extracted" in killed
    assert killed.count("Sources disagree on this figure.") == 1
    # Two sources agree on the crew: shown once, with both sources, not disputed.
    crew = text[text.index("Crew"):]
    assert crew.count("14 according to") == 2
    assert text.count("Sources disagree") == 1
    # A figure only one article gives stays on that article's sheet.
    assert "volunteers" not in text.lower()


def test_the_article_sheet_shows_the_qualifier_with_the_number(tmp_path):
    _write(tmp_path)
    run = run_cli("build", "--root", str(tmp_path), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.stderr
    box = _keyfacts((tmp_path / "out" / "articles" / "later-report" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(re.sub(r"<[^>]+>", " ", box).split())
    assert "Killed extracted At least 14 people" in text
