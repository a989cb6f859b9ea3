"""Merging reports into timeline entries: the indexed merge groups exactly as comparing every pair does."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.datevalue import parse_date_value
from generator.errors import SourceLocation
from generator.graph import Report, _words, merge_events
from generator.model import Event, Origin

WORDS = ["police", "council", "flood", "barrier", "opens", "strike", "rail", "vote", "the", "of", "report", "closed"]


def _reference(reports: list[Report]) -> list[list[Report]]:
    """The rule, pair by pair: join the first group with a report on the same date value sharing half
    the words of the shorter text."""
    groups: list[list[Report]] = []
    for report in reports:
        mine = _words(report.event.text)
        for group in groups:
            if any(other.event.date.value == report.event.date.value and mine and _words(other.event.text)
                   and len(mine & _words(other.event.text)) / min(len(mine), len(_words(other.event.text))) >= 0.5
                   for other in group):
                group.append(report)
                break
        else:
            groups.append([report])
    return groups


def _report(day: int, words: list[str], number: int) -> Report:
    date = parse_date_value(str(datetime.date(2015, 11, day)) if day else "2015-11")
    origin = Origin(SourceLocation("content/articles/a.md", number + 1), extracted=True)
    return Report(Event(date, " ".join(words) or "untitled", origin=origin), None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.lists(st.sampled_from(WORDS), max_size=5)), max_size=40))
def test_reports_are_grouped_as_comparing_every_pair_would(items):
    reports = [_report(day, words, n) for n, (day, words) in enumerate(items)]
    expected = sorted(tuple(id(r) for r in group) for group in _reference(reports))
    found = sorted(tuple(id(r) for r in entry.reports) for entry in merge_events(reports))
    assert found == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab _-é1.", min_size=1, max_size=6), st.text(alphabet="ab _-é1.", max_size=30))
def test_whole_word_search_finds_what_a_word_boundary_pattern_finds(name, text):
    import re

    from generator.graph import _TextIndex

    index = _TextIndex([text])
    assert index.find(name) == ([0] if re.search(rf"\b{re.escape(name)}\b", text) else [])
