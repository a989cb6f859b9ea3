"""Fixture cases for each family of extraction patterns.

Each ``tests/fixtures/extract/<family>.yaml`` holds cases::

    family: quotes
    kinds: [quotes, people]      # what to extract (default: everything)
    compare: [quotes, people]    # which lists to compare, exactly
    cases:
      - name: said after
        text: '"…," Gallan said.'
        dates: [{text: 13 November, value: '2015-11-13'}]   # optional stub for the date tagger
        skip_lines: 0
        expect:
          quotes: [{text: …, speaker: Gallan}]

Every compared list must equal the expectation item for item; fields left out
of an expected item must be empty (None, or [] for aliases).  The date tagger
is replaced by a stub that finds exactly the listed ``dates`` strings, so
these cases test extraction, not the tagger (the seed test uses the real one).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import generator.extract.dates
from generator.extract import extract, extraction_to_json

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
FIELDS = {
    "events": ("value", "mod", "text", "as_stated"),
    "facts": ("value", "qualifier", "unit", "label", "as_stated"),
    "quotes": ("text", "speaker", "via"),
    "people": ("name", "role", "org"),
    "entities": ("name", "kind", "aliases"),
}
DCT = datetime.date(2015, 12, 2)


@dataclass(frozen=True)
class StubMention:
    start: int
    end: int
    text: str
    value: str
    mod: str | None = None


def _cases():
    for path in sorted(FIXTURES.glob("*.yaml")):
        family = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in family["cases"]:
            yield pytest.param(family, case, id=f"{path.stem}: {case['name']}")


def _project(item: dict, fields: tuple[str, ...]) -> dict:
    return {f: item[f] for f in fields}


def _expected(item: dict, fields: tuple[str, ...]) -> dict:
    unknown = set(item) - set(fields)
    assert not unknown, f"unknown fields in fixture: {unknown}"
    return {f: item.get(f, [] if f == "aliases" else None) for f in fields}


@pytest.mark.parametrize("family,case", list(_cases()))
def test_fixture(family, case, monkeypatch):
    dates = case.get("dates") or []

    def stub(text, dct, *, date_order="MDY"):
        found = []
        for d in dates:
            i = text.index(d["text"])
            found.append(StubMention(i, i + len(d["text"]), d["text"], d["value"], d.get("mod")))
        return found

    monkeypatch.setattr(generator.extract.dates, "find_dates", stub)
    kinds = frozenset(case.get("kinds", family.get("kinds", ["dates", "numbers", "quotes", "people"])))
    result = extraction_to_json(extract(case["text"], DCT, kinds=kinds,
                                        skip_lines=case.get("skip_lines", 0)))
    compare = case.get("compare", family.get("compare"))
    assert set(case["expect"]) == set(compare)
    for key in compare:
        got = [_project(i, FIELDS[key]) for i in result[key]]
        want = [_expected(i, FIELDS[key]) for i in case["expect"][key]]
        assert got == want, key
        # Every item's span points at its own words.
        for item in result[key]:
            assert 0 <= item["start"] <= item["end"] <= len(case["text"])
