"""Property tests for key numbers: whatever the text, every number's label says something,
never repeats the unit, and the value and qualifier are the article's own words."""

from __future__ import annotations

import datetime
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract import extract
from generator.extract.number_rank import MAX_NUMBERS, says_nothing
from generator.extract.numbers import _MULTIPLIERS, _TENS, _UNITS

DCT = datetime.date(2015, 12, 2)
NUMBER_FRAGMENTS = [
    "At least ", "at least ", "more than ", "about ", "up to ", "nearly ", "Some ", "an estimated ",
    "Eleven", "eleven", "two dozen", "a dozen", "130", "2,000", "14", "48", "1998", "£4.5m", "$27 million",
    "50%", " per cent", " per cent of ", "-hour", "-year-old", "-strong", " strike", " crew", "crew of ",
    " people", " officers", " days", " hours", " repairs", " were killed", " were taken to hospital",
    " were injured", " was stranded", " marched", " on Monday", "killed ", "death toll rose to ",
    " cost ", "The ", "the ", " of ", ". ", ", ", "\n\n", " ", "'", "’", "“", "*", "[x](y)", "# ",
    "Flight ", "aged ", " times", "twice", " lasted ", " rose by ", " million", " thousand",
]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(NUMBER_FRAGMENTS), st.text(max_size=3)), max_size=50).map("".join),
)
_NUMBER_WORD = re.compile(r"\b(?:%s|one|twice|once|a\s+dozen)\b" % "|".join((*_UNITS, *_TENS, *_MULTIPLIERS)),
                          re.I)


def _words(s: str) -> list[str]:
    return re.findall(r"[\w'’-]+", s.lower())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_every_key_number_is_labelled_from_its_own_span(text):
    facts = extract(text, DCT, kinds=frozenset({"numbers"})).facts
    assert len(facts) <= MAX_NUMBERS
    for f in facts:
        span = " ".join(text[f.span.start:f.span.end].split())
        # The label says what was counted, and does not say it again after the number.
        assert f.label.strip() and not says_nothing(f.label), f
        if f.unit:
            assert f.unit.split()[-1].lower() not in _words(f.label), f
        # The value is written in the span: as digits, or as words for a spelled-out number.
        number = f.value.split()[0].rstrip("%")
        assert number in span or _NUMBER_WORD.search(span), f
        # The qualifier is the article's own words, in the span, before the number.
        if f.qualifier:
            assert " ".join(f.qualifier.split()) in span.lower(), f
            assert f.qualifier == f.qualifier.lower()
