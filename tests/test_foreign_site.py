"""Articles in other languages, end to end: `language:` in the front matter
or in site.yaml picks the date tagger, and the timeline shows what it found."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build.pipeline import build
from generator.content.errors import Diagnostics
from generator.content.load import parse_document
from generator.content.model import ExtractSettings, SiteConfig
from generator.content.validate import validate_article
from generator.site.merge import extract_article

FRENCH = """\
---
title: Attentats de Paris, trois semaines après
date: 2015-12-02
lang: fr
---
Le 13 novembre 2015, des attentats ont fait 130 morts à Paris et à Saint-Denis.

Les ventes de billets ont baissé de 20 % depuis, selon les salles de concert.
"""


def _site(root: Path, language: str, article: str) -> Path:
    (root / "content" / "articles").mkdir(parents=True)
    (root / "site.yaml").write_text(f"title: Essais\nlanguage: {language}\nbase_url: https://example.org/\n",
                                    encoding="utf-8")
    (root / "content" / "articles" / "attentats.md").write_text(article, encoding="utf-8")
    return root


def _timeline(page: str) -> list[tuple[str, str]]:
    """(datetime attribute, entry text) of each timeline entry of a page."""
    entries = re.findall(r'<li class="timeline-entry[^"]*"[^>]*>(.*?)</li>', page, re.S)
    out = []
    for entry in entries:
        when = re.search(r'<time[^>]*datetime="([^"]+)"', entry)
        out.append((when.group(1) if when else "", re.sub(r"<[^>]+>", "", entry)))
    return out


def test_a_french_article_in_an_english_site_gets_its_dated_event(tmp_path):
    root = _site(tmp_path / "src", "en-GB", FRENCH)
    result = build(root, tmp_path / "out")
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    assert not result.diagnostics.items, [str(d) for d in result.diagnostics.items]
    page = (tmp_path / "out" / "articles" / "attentats" / "index.html").read_text(encoding="utf-8")
    timeline = _timeline(page)
    assert [when for when, _ in timeline] == ["2015-11-13"], timeline
    assert "13 novembre 2015" in timeline[0][1] or "attentats" in timeline[0][1]


def test_the_site_language_applies_when_the_article_names_none(tmp_path):
    article = FRENCH.replace("lang: fr\n", "")
    config = SiteConfig(language="fr-FR")
    doc = parse_document("article", "content/articles/a.md", article.encode())
    parsed = validate_article(doc, Diagnostics(), ExtractSettings())
    assert parsed.language is None
    events = extract_article(parsed, config).events
    assert [(e.value, e.as_stated) for e in events] == [("2015-11-13", "13 novembre 2015")]
    # Read as English, the same text makes no event: the English tagger finds only the year, and the
    # English clause reader makes nothing of a French sentence (no event rather than a garbled one).
    assert extract_article(parsed, SiteConfig(language="en")).events == ()


def test_language_values_are_checked_where_they_are_written():
    def problems(front: str) -> list[str]:
        diagnostics = Diagnostics()
        text = f"---\ntitle: T\ndate: 2015-12-02\n{front}---\nTexte.\n"
        validate_article(parse_document("article", "a.md", text.encode()), diagnostics, ExtractSettings())
        return [str(d) for d in diagnostics.items]

    assert problems("language: de-AT\n") == []
    assert problems("lang: es\n") == []
    bad = problems("language: français\n")
    assert len(bad) == 1 and bad[0].startswith("a.md:4:11: error: language: expected a language code"), bad
    both = problems("lang: fr\nlanguage: fr\n")
    assert len(both) == 1 and both[0].startswith("a.md:4:1: error:") and "not both" in both[0], both
