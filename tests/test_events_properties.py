"""Property tests for timeline events: whatever the text, a headline is short and extractive."""

from __future__ import annotations

import datetime
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract import extract

DCT = datetime.date(2015, 12, 2)
# Pieces of news sentences: subjects, verbs, dates, clause words and punctuation, so that
# random texts are full of dated clauses, reporting frames, pronouns and asides.
FRAGMENTS = [
    "Angela Merkel", "The company", "Harwell Engineering Ltd", "She", "He", "It", "They", "Police",
    "The council", "Officials", "Analysts", "The mayor, who took office in 2012,", "Mr. Marsh", "Marsh",
    " said", " said on Tuesday", " told reporters", " announced", " will", " would", " had", " was",
    " were", " met", " closed", " attacked", " resigned", " rose", " fell", " arrested", " voted to",
    " close the library", " two men", " 12 people", " the bridge", " the plan", " by 14 January",
    " on 13 November", " last year", " in 1998", " on Monday", " this week", " yesterday", " next year",
    " up from 2014", " a year earlier", " since", " which", " who", " that", " when", " where", " and",
    " but", " in London", " after the vote", ", officials said", ", according to the BBC", ", ", ". ",
    "; ", " -- ", " (", ")", '"', "“", "”", "\n\n", "On Friday, ", "Also today, ", "LONDON (AP) — ",
    "WASHINGTON _ ", " 8%", " $2.3 million", " shares closed at", " third-quarter", " net income",
]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=40).map("".join),
)
_WORD = re.compile(r"[^\W_]+")


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_headlines_are_short_and_made_of_the_articles_words(text):
    x = extract(text, DCT, kinds=frozenset({"dates"}))
    article = set(_words(text))
    for e in x.events:
        assert e.text.strip(), e
        assert len(e.text.split()) <= 22, e.text     # "at most about 20 words"
        assert not e.text[:1].islower(), e.text
        # every word is the article's own (a resolved name is a name the article gave;
        # an "'s" may be added to it, and "s" is all that leaves behind)
        stray = [w for w in _words(e.text) if w not in article and w != "s"]
        assert not stray, (stray, e.text, text)
        # no trailing attribution, no dangling end
        assert not re.search(r",\s*(?:\w+\s+){0,4}said$", e.text), e.text
        assert not re.search(r"\b(?:the|a|an|of|and|to|that|which|was|were)$", e.text), e.text
        assert 0 <= e.span.start < e.span.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(subject=st.sampled_from(["Police", "The council", "Harwell Engineering Ltd", "Angela Merkel"]),
       verb=st.sampled_from(["closed the bridge", "arrested two men", "approved the plan"]),
       lead=st.sampled_from(["", "On Monday, ", "Also on Monday, "]),
       tail=st.sampled_from(["", ", officials said", ", according to the BBC"]))
def test_a_dated_main_clause_is_one_event_with_its_subject_first(subject, verb, lead, tail):
    when = "" if lead else " on Monday"
    text = f"{lead}{subject} {verb}{when}{tail}."
    x = extract(text, DCT, kinds=frozenset({"dates"}))
    assert [e.text for e in x.events] == [f"{subject} {verb}"]
    assert [e.value for e in x.events] == ["2015-11-30"]
