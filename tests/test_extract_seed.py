"""The acceptance test: the article the project started from.

Uses the real date tagger.  Lines 1-2 of the article are the image caption
and its credit ("… Getty"); the build passes ``skip_lines=2``, and extraction
must also be clean without it.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.extract import extract, extraction_to_json

SEED = Path(__file__).parent / "fixtures" / "extract" / "armed-police-london.txt"
DCT = datetime.date(2015, 12, 2)

GALLAN_QUOTES = [
    ("We are asking them to do something different", "The Guardian"),
    ("The most important thing", None),
    ("There has never been a shoot-to-kill policy", None),
    ("We have additional armed-response vehicles", None),
    ("Around the country", None),
]


@pytest.fixture(scope="module")
def text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=[2, 0], ids=["skip_lines=2", "skip_lines=0"])
def result(request, text):
    return extract(text, DCT, skip_lines=request.param)


def test_five_gallan_quotes(result, text):
    quotes = result.quotes
    assert [(q.speaker, q.via) for q in quotes] == [("Patricia Gallan", via) for _, via in GALLAN_QUOTES]
    for q, (opening, _) in zip(quotes, GALLAN_QUOTES):
        assert q.text.startswith(opening)
        assert text[q.span.start:q.span.end] == q.text
    assert quotes[0].text.endswith("wait until it's safe for someone else to go and help.")


def test_key_numbers(result):
    facts = [(f.label, f.qualifier, f.value, f.unit, f.as_stated) for f in result.facts]
    assert facts == [   # the toll first, then the training programme
        ("Killed", None, "130", "people", "130 people lost their lives"),
        ("Counter-terrorism training programme", None, "15", "weeks",
         "15-week counter-terrorism training programme"),
    ]


def test_people(result):
    assert [(p.name, p.role, p.org) for p in result.people] == [
        ("Patricia Gallan", "Assistant Commissioner", None)]


def test_events(result):
    events = [(e.value, e.as_stated) for e in result.events]
    assert events == [("2015-11-13", "13 November"), ("2015-12-01", "1 December")]
    # The Paris attacks are dated in a side phrase of a sentence about training now under way:
    # the headline is that phrase's own event, written active with its agent.
    assert result.events[0].text == "The IS carried out terror attacks in Paris in which 130 people lost their lives"
    assert result.events[1].text == "A training exercise was conducted"


def test_entities(result):
    entities = {(e.name, e.kind): e.aliases for e in result.entities}
    assert entities[("Islamic State", "organisation")] == ("Isis", "IS")
    assert ("The Guardian", "organisation") in entities
    assert ("Met", "organisation") in entities
    for place in ("London", "Paris", "UK"):
        assert (place, "place") in entities
    assert entities[("Patricia Gallan", "person")] == ("Gallan",)


def test_nothing_from_caption_or_credit(result, text):
    caption_end = text.index("Getty") + len("Getty")
    data = extraction_to_json(result)
    for key, items in data.items():
        for item in items:
            assert item["start"] >= caption_end, (key, item)
            assert "Getty" not in str(item)
