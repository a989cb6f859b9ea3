"""Merging reports into timeline entries: the indexed merge groups exactly as comparing every pair does."""

from __future__ import annotations

import datetime
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.datevalue import parse_date_value
from generator.content.errors import SourceLocation
from generator.site import graph
from generator.site.graph import Report, _words, group_reports, merge_events
from generator.content.model import Event, Origin

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


def _positions(reports: list[Report], groups: list[list[Report]]) -> list[list[int]]:
    """The groups as lists of positions in `reports`, in the order given: creation order counts too."""
    where = {id(r): n for n, r in enumerate(reports)}
    return [[where[id(r)] for r in group] for group in groups]


def _same_as_reference(reports: list[Report]) -> None:
    """group_reports gives the reference's groups in the reference's order, whichever way a date is grouped."""
    expected = _positions(reports, _reference(reports))
    for pairwise_max in (0, 10**9):  # every date by its indexes, then every date pair by pair
        original = graph._PAIRWISE_MAX
        graph._PAIRWISE_MAX = pairwise_max
        try:
            assert _positions(reports, group_reports(reports)) == expected
        finally:
            graph._PAIRWISE_MAX = original


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.lists(st.sampled_from(WORDS), max_size=8)), max_size=60))
def test_both_ways_of_grouping_a_date_give_the_reference_groups_in_order(items):
    _same_as_reference([_report(day, words, n) for n, (day, words) in enumerate(items)])


def test_many_reports_on_one_date_sharing_common_words():
    """A year-precise date gathers hundreds of reports, most of them sharing a few very common words."""
    rng = random.Random(7)
    common = ["said", "police", "government", "year", "last", "council"]
    rare = [f"word{n}" for n in range(60)]
    items = []
    for n in range(400):
        size = rng.choice([0, 1, 1, 2, 3, 5, 8, 13, 20])  # short and long texts side by side
        items.append((rng.choice([0, 0, 0, 1]), [rng.choice(common if rng.random() < 0.6 else rare)
                                                  for _ in range(size)]))
    reports = [_report(day, words, n) for n, (day, words) in enumerate(items)]
    assert len({id(r) for g in _reference(reports) for r in g if len(g) > 1}) > 100  # many really merge
    _same_as_reference(reports)


def test_reports_with_no_words_stay_alone():
    """Stop words only: a report with no words joins no group, and no later report joins its group."""
    reports = [_report(0, words, n) for n, words in enumerate(
        [["the"], ["police"], ["of", "the"], ["police"], ["the"], ["police", "vote"], []])]
    assert not _words(reports[0].event.text) and not _words(reports[2].event.text)
    _same_as_reference(reports)
    assert _positions(reports, group_reports(reports)) == [[0], [1, 3, 5], [2], [4], [6]]


def test_a_short_report_matches_a_long_one_through_its_rare_words():
    """Half of the shorter text is enough, however long the other: the long one's prefix need not hold them."""
    long_text = ["police", "council", "flood", "barrier", "opens", "strike", "rail", "vote", "report", "closed"]
    fillers = [[w, "filler"] for w in long_text for _ in range(10)]  # make the long text's words common
    items = [long_text] + fillers + [["closed", "unique"], ["unique", "other", "closed", "police"]]
    reports = [_report(0, words, n) for n, words in enumerate(items)]
    _same_as_reference(reports)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab _-é1.", min_size=1, max_size=6), st.text(alphabet="ab _-é1.", max_size=30))
def test_whole_word_search_finds_what_a_word_boundary_pattern_finds(name, text):
    import re

    from generator.site.graph import _TextIndex

    index = _TextIndex([text])
    assert index.find(name) == ([0] if re.search(rf"\b{re.escape(name)}\b", text) else [])


def test_results_for_a_past_quarter_go_on_the_timeline_when_reported(tmp_path):
    import json

    from tests.helpers import run_cli

    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "content" / "articles" / "bank.md").write_text(
        "---\ntitle: Bank results\ndate: 1989-10-30\n---\n"
        "Harbour Savings reported a third-quarter loss of $175.5 million.\n\n"
        "Harbour Savings expects to post a fourth-quarter loss of $20 million.\n", encoding="utf-8")
    assert run_cli("build", "--root", str(tmp_path), "--base-url", "https://example.org/", "--quiet").code == 0
    facts = json.loads((tmp_path / "site" / "articles" / "bank" / "facts.json").read_text(encoding="utf-8"))
    assert [(e["date"]["value"], e["as_stated"]) for e in facts["events"]] == [
        ("1989-10", "third-quarter"),   # reported this month: the report is the news
        ("1989-Q4", "fourth-quarter")]  # still to come: its own quarter
