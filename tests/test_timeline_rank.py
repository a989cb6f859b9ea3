"""Topic timelines: reports a day apart joined, the representative headline, salience and folding.

Small hand-made reports, so that each rule is seen on its own; the wire-desk
site (test_wire_timelines.py) checks them together on real-looking articles.
"""

from __future__ import annotations

import datetime

from generator.content.datevalue import parse_date_value
from generator.content.errors import SourceLocation
from generator.site.graph import Report, group_reports, join_close_dates, rank_timeline, replace_entry, timeline_entries
from generator.content.model import Article, Event, Origin
from generator.site.overview import overview_strip


def _article(slug: str, published: str) -> Article:
    location = SourceLocation(f"content/articles/{slug}.md")
    return Article(slug, location.path, slug, datetime.date.fromisoformat(published), "", "markdown", 1, location)


def _report(article: Article, date: str, text: str, extracted: bool = True) -> Report:
    origin = Origin(SourceLocation(article.path, 1), extracted=extracted, sentence=text + ".")
    return Report(Event(parse_date_value(date), text, origin=origin), article)


def _entries(reports: list[Report]):
    return timeline_entries(join_close_dates(group_reports(reports)))


A, B, C = _article("a", "2024-03-05"), _article("b", "2024-03-06"), _article("c", "2024-03-12")


def test_one_happening_dated_a_day_apart_by_two_articles_is_one_entry_showing_both_dates():
    reports = [_report(A, "2024-03-04", "The River Aske burst its banks at Kelsham on Monday"),
               _report(B, "2024-03-05", "The River Aske burst its banks at Kelsham late on Tuesday"),
               _report(C, "2024-03-04", "The River Aske burst its banks at Kelsham on March 4")]
    [entry] = _entries(reports)
    assert entry.date.value == "2024-03-04"  # the date most sources give
    assert entry.date_disputed
    assert {(a.slug, d.value) for a, d in entry.sources} == {("a", "2024-03-04"), ("b", "2024-03-05"),
                                                             ("c", "2024-03-04")}


def test_a_month_and_a_day_in_it_join_but_three_days_apart_do_not():
    month = [_report(A, "2024-03-04", "Kelsham council opened a hardship fund for flooded homes"),
             _report(C, "2024-03", "Kelsham council opened a hardship fund for flooded homes in March")]
    assert len(_entries(month)) == 1
    apart = [_report(A, "2024-03-04", "Kelsham council opened a hardship fund for flooded homes"),
             _report(C, "2024-03-07", "Kelsham council opened a hardship fund for flooded homes")]
    assert len(_entries(apart)) == 2


def test_one_article_giving_two_dates_tells_of_two_happenings():
    reports = [_report(A, "2024-03-04", "Talks between the union and the rail company began in Leeds"),
               _report(A, "2024-03-05", "Talks between the union and the rail company resumed in Leeds")]
    assert len(_entries(reports)) == 2


def test_the_headline_is_the_report_sharing_most_with_the_others():
    reports = [_report(A, "2024-03-04", "with whom the mayor met flood victims at the town hall"),
               _report(B, "2024-03-04", "Mayor Helen Okafor met flood victims at the town hall"),
               _report(C, "2024-03-04", "Okafor met flood victims")]
    [entry] = _entries(reports)
    assert entry.text == "Mayor Helen Okafor met flood victims at the town hall"


def test_key_events_are_what_many_articles_report_and_background_years_never_are():
    articles = [_article(f"a{n}", f"2024-03-{n + 5:02d}") for n in range(6)]
    reports = [_report(a, "2024-03-04", "The River Aske burst its banks and flooded Kelsham") for a in articles]
    reports += [_report(articles[0], "1968", "The flood wall was built along Market Street"),
                _report(articles[1], "2019-06", "Kelsham flooded in a summer storm"),  # a month, years before
                _report(articles[2], "2024-03-06", "The council opened a hardship fund for flooded households")]
    ranked = {e.date.value: e for e in rank_timeline(_entries(reports), "Kelsham floods", n_articles=6)}
    assert ranked["2024-03-04"].importance == 1 and len(ranked["2024-03-04"].articles) == 6
    assert ranked["2024-03-06"].importance == 1  # news to its article, with budget to spare
    assert ranked["1968"].importance == 3
    assert ranked["2019-06"].importance == 3


def test_a_days_lesser_reports_from_one_article_go_under_its_main_entry():
    reports = [_report(A, "2024-03-04", "The River Aske burst its banks and flooded Kelsham"),
               _report(B, "2024-03-04", "The River Aske burst its banks and flooded Kelsham town"),
               _report(A, "2024-03-04", "A spokesman for the water board answered questions from reporters")]
    [entry] = rank_timeline(_entries(reports), "Kelsham floods")
    assert {a.slug for a in entry.articles} == {"a", "b"}
    assert [e.text for e in entry.also] == ["A spokesman for the water board answered questions from reporters"]


def test_two_happenings_of_one_day_that_several_articles_report_stay_apart():
    reports = [_report(A, "2024-03-11", "Rail drivers began a 48-hour strike"),
               _report(B, "2024-03-11", "Rail drivers began their 48-hour strike on the Transmeridian line"),
               _report(A, "2024-03-11", "The transport minister called both sides to talks"),
               _report(B, "2024-03-11", "The transport minister called the union and the company to talks")]
    entries = rank_timeline(_entries(reports), "Rail strike")
    assert len(entries) == 2 and all(len(e.articles) == 2 for e in entries)
    assert all(e.importance == 1 for e in entries)


def test_the_overview_strip_cuts_long_quiet_stretches_and_marks_only_key_events():
    reports = [_report(A, "1990-08-02", "Iraq invaded Kuwait"), _report(B, "1990-08-06", "The UN imposed an embargo"),
               _report(C, "1998-02-23", "Annan and Aziz signed an accord"), _report(A, "1995", "Sanctions went on")]
    key_words = ("accord", "invaded")
    entries = [replace_entry(e, importance=1 if any(w in e.text for w in key_words) else 2) for e in _entries(reports)]
    strip = overview_strip(entries)
    assert strip.entries == 3  # the year-precise entry is a span, not a point on the strip
    assert len(strip.breaks) == 1  # the eight quiet years are cut out
    marked = [e.anchor for e in entries if e.importance == 1 and e.date.precision == "day"]
    assert [m.anchor for m in strip.marks] == marked
    xs = [t.x for t in strip.ticks]
    assert all(b - a >= 90 for a, b in zip(xs, xs[1:]))
    assert all(0 <= bar.x <= strip.width and bar.height > 0 for bar in strip.bars)
    assert overview_strip(entries[:1]) is None
