"""Merged, ranked topic timelines against an editor's timelines: the wire-desk site.

tests/sites/wire/ holds 27 invented wire reports on three running stories (a
bridge collapse, a wildfire, a takeover). Several articles of each story
report its main events, on different publication days, with relative dates
("on Thursday"), explicit ones ("on April 8") and background years.
tests/sites/wire/expected-timelines.yaml is the timeline an editor would
publish for each story.

The checks read the built site's topic `timeline.json` and pages. They assert
on dates, sources and importance, never on headline words: the extractors
that write the texts keep improving. Where an extractor finds no report of an
event in an article at all, merging cannot add that source, so "every
source" means every expected article that has a report on the event's date.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from generator.build.pipeline import build
from tests.test_newsroom_site import parse_html

SITE = Path(__file__).resolve().parent / "sites" / "wire"
EXPECTED = yaml.safe_load((SITE / "expected-timelines.yaml").read_text(encoding="utf-8"))
TOPICS = sorted(EXPECTED)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wire") / "site"
    result = build(SITE, out, cache=False)
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    return out


def _date(start: dict) -> str:
    return "-".join(f"{start[k]:02d}" if k != "year" else str(start[k]) for k in ("year", "month", "day") if k in start)


def _timeline(site: Path, topic: str) -> list[dict]:
    events = json.loads((site / "topics" / topic / "timeline.json").read_text(encoding="utf-8"))["events"]
    return [{"date": _date(e["start_date"]), "importance": e["importance"],
             "sources": {s["article"]: s["date"] for s in e["sources"] if "article" in s}} for e in events]


def _reported_on(site: Path, article: str, day: str) -> bool:
    """Whether the build found any report dated `day` in the article (its facts.json)."""
    facts = json.loads((site / "articles" / article / "facts.json").read_text(encoding="utf-8"))
    return any(e["date"]["value"] == day for e in facts["events"])


def _key(topic: str) -> list[dict]:
    return [e for e in EXPECTED[topic]["events"] if e["importance"] == 1]


@pytest.mark.parametrize("topic", TOPICS)
def test_each_key_event_is_one_key_entry_with_all_its_sources(site, topic):
    entries = _timeline(site, topic)
    expected = _key(topic)
    for day in sorted({str(e["date"]) for e in expected}):
        wanted = sorted((e for e in expected if str(e["date"]) == day), key=lambda e: -len(e["articles"]))
        on_day = [e for e in entries if e["date"] == day]
        assert len(on_day) == len(wanted), f"{topic} {day}: {len(on_day)} entries for {len(wanted)} events"
        assert all(e["importance"] == 1 for e in on_day), f"{topic} {day} is not a key event"
        free = list(on_day)
        for event in wanted:
            found = [a for a in event["articles"] if _reported_on(site, a, day) or a in event.get("other_dates", ())]
            disputed = [a for a in event["articles"] if a not in found]
            # an article giving the event another date is a source too (see the dispute test)
            need = set(found) | {a for a in disputed if any(a in e["sources"] for e in on_day)}
            match = next((e for e in free if need <= set(e["sources"])), None)
            listed = [sorted(e["sources"]) for e in on_day]
            assert match, f"{topic} {day}: no entry lists all of {sorted(need)}: {listed}"
            free.remove(match)
            assert len(found) * 2 >= len(event["articles"]), f"{topic} {day}: most expected sources have a report"


@pytest.mark.parametrize("topic", TOPICS)
def test_no_background_date_is_a_key_event(site, topic):
    entries = _timeline(site, topic)
    first = min(str(e["date"]) for e in EXPECTED[topic]["events"] if e["importance"] == 1)
    background = set(EXPECTED[topic]["background"])
    key = [e for e in entries if e["importance"] == 1]
    assert key
    for entry in key:
        assert entry["date"][:4] not in background or entry["date"][:7] >= first[:7], entry
        assert len(entry["date"]) > 4, f"a year is never a key event: {entry}"
    # the background years the build dates are still on the timeline, one click away
    assert background & {e["date"][:4] for e in entries if e["importance"] != 1}


@pytest.mark.parametrize("topic", TOPICS)
def test_the_key_events_are_the_editors(site, topic):
    """Few key events beyond the editor's timeline, and most of them on its dates."""
    entries = _timeline(site, topic)
    key = [e for e in entries if e["importance"] == 1]
    editor_dates = {str(e["date"]) for e in EXPECTED[topic]["events"]}
    on_editor_dates = [e for e in key if e["date"] in editor_dates]
    assert len(key) <= 2 * len(_key(topic)), [e["date"] for e in key]
    assert len(on_editor_dates) >= 0.75 * len(key), [e["date"] for e in key if e not in on_editor_dates]


def test_sources_disagreeing_on_the_date_share_one_entry_that_shows_both(site):
    entries = _timeline(site, "merrow-wildfire")
    outbreak = [e for e in entries if "linby-evacuation-ordered" in e["sources"]
                and e["sources"]["linby-evacuation-ordered"] == "2025-07-13"]
    assert len(outbreak) == 1
    entry = outbreak[0]
    assert entry["date"] == "2025-07-14", "the date most sources give"
    assert {"wildfire-breaks-out-above-linby", "linby-residents-wait"} <= set(entry["sources"])
    assert not [e for e in entries if e["date"] == "2025-07-13"]
    page = parse_html(site / "topics/merrow-wildfire/index.html")
    disputes = page.find_all("div", "date-dispute")
    assert len(disputes) == 1 and "13 July 2025" in disputes[0].text() and "14 July 2025" in disputes[0].text()


def test_the_topic_page_opens_with_its_key_events_and_keeps_the_rest_one_click_away(site):
    for topic in TOPICS:
        page = parse_html(site / "topics" / topic / "index.html")
        lists = page.find_all("ol", "timeline")
        details = page.find_all("details", "timeline-more")
        assert len(lists) == 2 and len(details) == 1
        key_items = lists[0].find_all("li", "timeline-entry")
        assert key_items and all("importance-1" in li.classes for li in key_items)
        rest = details[0].find_all("li", "timeline-entry")
        assert rest and not any("importance-1" in li.classes for li in rest)
        assert len(key_items) + len(rest) == len(_timeline(site, topic))
        ids = {n.attrs["id"] for n in page.iter() if "id" in n.attrs}
        strip = page.find_all("figure", "overview")
        assert len(strip) == 1
        marks = [a.attrs["href"] for a in strip[0].find_all("a")]
        assert len(marks) == len(key_items)
        assert all(href[1:] in ids for href in marks)
        assert strip[0].attrs.get("aria-labelledby") in ids


def test_the_exports_carry_importance_and_sources(site):
    data = json.loads((site / "data/site.json").read_text(encoding="utf-8"))
    topics = {t["slug"]: t for t in data["topics"]}
    for topic in TOPICS:
        key = topics[topic]["key_events"]
        assert key and all(e["importance"] == 1 and e["sources"] for e in key)
        assert {e["date"] for e in key} >= {str(e["date"]) for e in _key(topic)}
    with open(site / "data/events.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {"importance", "sources", "source_dates"} <= set(rows[0])
    collapse = [r for r in rows if r["date"] == "2025-04-08" and r["importance"] == "1"]
    assert collapse and len(collapse[0]["sources"].split()) >= 5
    year = json.loads((site / "timeline/2025/timeline.json").read_text(encoding="utf-8"))
    assert {e["importance"] for e in year["events"]} >= {1, 3}
