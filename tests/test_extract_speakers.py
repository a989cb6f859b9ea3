"""Property tests for quote speakers: whatever the text, a speaker is something the article says.

A speaker (and an outlet) must be a name or a description written in the
article -- never invented, never glued together from words that are not next
to each other.  Only the first letter's case may differ ("The source said"
gives "the source").
"""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract import extract

DCT = datetime.date(2015, 12, 2)
KINDS = frozenset({"quotes", "people"})
FRAGMENTS = [
    '"', "“", "”", "``", "''", "‘", "’", ", ", ". ", ": ", "; ", "\n\n", " ",
    "said", " said ", "says", " told ", " added", " called ", "according to ", "he", "she", "they",
    "He said", "She added", "Patricia Gallan", "Gallan", "Mr. Smith", "Smith", "Juan Miguel Gonzalez",
    "Gonzalez", "Assistant Commissioner", "the foreign minister", "Hungarian Foreign Minister Janos Martonyi",
    "a spokesman for Harbour Ferries Ltd", "officials", "The company", "Acme Corp.", "Iran", "Buffalo",
    "Poland", "in Washington", "The Guardian", "the BBC", "U.S.", "We will win", "not the work of amateurs",
    "the boy's father", "spokesman", "an analyst at UBS", "Messrs.", "Monday", "the protesters",
]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=50).map("".join),
)


def _written(phrase: str, text: str) -> bool:
    collapsed = " ".join(text.split())
    phrase = " ".join(phrase.split())
    if not phrase:
        return False
    return phrase in collapsed or (phrase[:1].upper() + phrase[1:]) in collapsed


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_speakers_and_outlets_are_written_in_the_article(text):
    for q in extract(text, DCT, kinds=KINDS).quotes:
        if q.speaker is not None:
            assert _written(q.speaker, text), q
        if q.via is not None:
            assert _written(q.via, text), q
