"""Timeline events for articles in a language the clause reader does not know.

:mod:`.events` reads English sentence structure (subjects, reporting frames,
side clauses) to pick the news and write a headline.  For a French, German or
Spanish article the dates are tagged in that language (:mod:`.foreign_dates`),
but those rules would misread its sentences.  So here the headline is the
dated sentence itself, in the article's words: its date phrase taken off the
front when it opens the sentence ("Le 13 novembre 2015, des attentats …" →
"Des attentats …"), and only when the sentence is short enough to read as a
headline.  A longer sentence makes no event: a fragment cut from it could lose
its subject, and a missing event does less harm than a garbled one.
"""

from __future__ import annotations

import re
from typing import Iterable

from .events import DateLike, concrete_value
from .items import ExtractedEvent, Span
from .sentences import Doc

MAX_WORDS = 25
# A short word before an opening date ("Le", "Am", "El", "On") belongs to the date phrase.
_LEAD_IN = re.compile(r"^\W*(?:\w{1,3}\s+){0,2}$")
_TRIM = " \t\n\"'“”‘’«».,;:"


def find_sentence_events(doc: Doc, mentions: Iterable[DateLike]) -> list[ExtractedEvent]:
    """One event per dated sentence of at most MAX_WORDS words, dated by its most precise date."""
    best: dict[tuple[int, int], DateLike] = {}
    for m in mentions:
        if not concrete_value(str(m.value)) or not doc.masked[m.start:m.end].strip():
            continue
        sent = doc.sentence_of(m.start)
        if sent[0] == sent[1]:
            continue
        kept = best.get(sent)
        if kept is None or len(str(m.value)) > len(str(kept.value)):
            best[sent] = m
    events = []
    for (start, end), m in sorted(best.items()):
        head = start
        if _LEAD_IN.match(doc.masked[start:m.start]) and doc.masked[m.end:m.end + 1] == ",":
            head = m.end + 1   # the date phrase opens the sentence: the headline starts after it
        text = doc.clean(head, end).strip(_TRIM)
        if not text or len(text.split()) > MAX_WORDS:
            continue
        events.append(ExtractedEvent(m.value, m.mod, text[:1].upper() + text[1:], " ".join(m.text.split()),
                                     Span(m.start, m.end), doc.clean(start, end)))
    return events
