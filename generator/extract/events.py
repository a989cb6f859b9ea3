"""Candidate timeline events: one per dated sentence.

The date tagger (:func:`.dates.find_dates`) finds and normalises the
date expressions; this module turns each dated sentence into an event whose
text is a readable description of what happened then.  A whole news sentence
is usually too long for a timeline, so we keep the clause around the date
(clauses split at commas, semicolons, colons and dashes) and, when that is
still long, the stretch of words around the date between the nearest
subordinating words ("like", "which", "while" ...).  Relative references
with no date of their own ("now", "recently": ``PRESENT_REF`` and friends)
make no event.
"""

from __future__ import annotations

import re
from typing import Iterable, Protocol

from .items import ExtractedEvent, Span
from .sentences import Doc

_REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
# Clause breaks: ", " "; " ": " " - " "—" "(" ")".  That is the alternation
# ``,\s|;\s|:\s|\s[—–-]\s|\s?[—–]\s?|\(|\)`` rewritten to open with one character class
# (the lookbehinds then say which character it took), so the regex engine skips to the
# next candidate character instead of trying every alternative at every offset.
_CLAUSE_BREAK = re.compile(r"[,;:\s—–()](?:(?<=[,;:])\s|(?<=\s)(?:[—–-]\s|[—–]\s?)|(?<=[—–])\s?|(?<=[()]))")
# Words at which a long clause may be cut before the date.
_CUT_BEFORE = frozenset("like that which who where while whereas because although though and but "
                        "whom whose unless since".split())
# Words at which it may be cut after the date.
_CUT_AFTER = frozenset("and but while whereas although though because so".split())
_MAX_WORDS = 25
_WINDOW = 15
_WORD = re.compile(r"\S+")


class DateLike(Protocol):
    start: int
    end: int
    text: str
    value: str
    mod: str | None


def _precision(value: str) -> int:
    """More characters in a TimeML value means a finer date (2015-11-13 beats 2015-11)."""
    return len(value) if value[:1].isdigit() else 0


# A clause opening with one of these has lost its subject to an earlier clause
# ("Saddam, who …, left for Europe on Sunday"): it is read together with that clause.
_SUBJECTLESS = re.compile(r"(?:was|were|is|are|has|had|have|will|would|could|can|may|might|should|"
                          r"said|says|left|went|came|took|made|fell|rose|who|which|whose|whom|"
                          r"[a-z]+ed)\b")


def _clause(masked: str, s: int, e: int, ds: int, de: int) -> tuple[int, int]:
    """The clause of the sentence ``[s, e)`` that holds the date ``[ds, de)``."""
    cuts = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(masked, s, e)
            if not (ds <= m.start() < de)]
    bounds = [s] + [c_end for _, c_end in cuts] + [e]
    ends = [c_start for c_start, _ in cuts] + [e]
    for i in range(len(ends)):
        if bounds[i] <= ds < ends[i] or (bounds[i] <= ds and i == len(ends) - 1):
            cs, ce = bounds[i], ends[i]
            # A clause that is little more than the date ("On 13 November,")
            # borrows the next clause (or the previous one).
            if len(masked[cs:ce].split()) < 5:   # (split() counts what _WORD matches)
                if i + 1 < len(ends):
                    ce = ends[i + 1]
                elif i > 0:
                    cs = bounds[i - 1]
            j = i
            while j > 0 and _SUBJECTLESS.match(masked, _skip_space(masked, bounds[j])):
                j -= 1
            return bounds[j] if j < i else cs, ce
    return s, e


def _skip_space(masked: str, pos: int) -> int:
    while pos < len(masked) and masked[pos].isspace():
        pos += 1
    return pos


def _window(masked: str, cs: int, ce: int, ds: int, de: int) -> tuple[int, int]:
    """Trim a long clause to the words around the date, cutting at subordinating words."""
    if len(masked[cs:ce].split()) <= _MAX_WORDS:   # (cheap count first)
        return cs, ce
    words = list(_WORD.finditer(masked, cs, ce))
    di = next(i for i, w in enumerate(words) if w.end() > ds)
    dj = next((i for i, w in enumerate(words) if w.start() >= de), len(words)) - 1
    first = max(0, di - _WINDOW)
    for i in range(di - 1, max(-1, di - _WINDOW - 1), -1):
        if words[i].group().lower().strip(",") in _CUT_BEFORE:
            first = i + 1
            break
    last = min(len(words) - 1, dj + _WINDOW)
    for i in range(dj + 1, min(len(words), dj + _WINDOW + 1)):
        if words[i].group().lower() in _CUT_AFTER:
            last = i - 1
            break
    return words[first].start(), words[last].end()


# A leading conjunction or relative word, or a pronoun-like head standing for a noun
# earlier in the sentence ("attacks like *the ones* carried out …", "… *those* killed
# in …"): the description reads better without it, starting at what happened.
# (A pronoun that opens its sentence is its subject, "Those included …", and stays.)
_LEAD_WORD = re.compile(r"^(?:(?:and|but|or|so|while|which|that|who)\s+)+", re.I)
_LEAD_PRONOUN = re.compile(r"^(?:the\s+(?:ones?|same)|those|these|ones)\s+(?:(?:who|which|that)\s+)?"
                           r"(?=[a-z]+(?:ed|en)\b)", re.I)
# A relative clause after a preposition ("in which 130 people died") is an aside on
# the event: a comma before it keeps the description readable.
_RELATIVE = re.compile(r"(?<=[\w)’'])\s+((?:in|at|during|on|after|from|by|under|for)\s+which)\b", re.I)
# "which" in any case, as ``re.I`` matches it ("İ" and "ı" match "i" too): the pattern
# above, case-insensitive and opening with a lookbehind, is slow to search for, and most
# descriptions have no "which" at all.  (No flag here, so the search skips to a "w".)
_WHICH = re.compile("[wW][hH][iIİı][cC][hH]")


def _drop_lead(rx: re.Pattern, text: str) -> str:
    """``text`` without the match of the ``^``-anchored ``rx`` at its start.

    (``rx.sub("", text, count=1)`` gives the same, but tries the pattern at every offset.)
    """
    m = rx.match(text)
    return text[m.end():] if m else text


def describe(doc: Doc, sent: tuple[int, int], ds: int, de: int) -> str:
    """A short event description for the date ``[ds, de)`` in sentence ``sent``."""
    cs, ce = _clause(doc.masked, sent[0], sent[1], ds, de)
    cs, ce = _window(doc.masked, cs, ce, ds, de)
    text = doc.clean(cs, ce).strip(" \"“”'‘’")
    mid_sentence = doc.masked[sent[0]:cs].strip() != ""
    text = _drop_lead(_LEAD_WORD, text)
    if mid_sentence:
        text = _drop_lead(_LEAD_PRONOUN, text)
    if _WHICH.search(text):
        text = _RELATIVE.sub(r", \1", text, count=1)
    text = text.rstrip(" .,;:!?\"”’")
    return text[:1].upper() + text[1:]


def find_events(doc: Doc, mentions: Iterable[DateLike]) -> list[ExtractedEvent]:
    """One event per dated sentence, for its most precise date (the first, on a tie)."""
    best: dict[tuple[int, int], DateLike] = {}
    for m in mentions:
        if m.value in _REFS or not m.value[:1].isdigit():
            continue
        if not doc.masked[m.start:m.end].strip():
            continue   # in a masked line (caption, credit, code)
        sent = doc.sentence_of(m.start)
        if sent[0] == sent[1]:
            continue
        cur = best.get(sent)
        if cur is None or _precision(m.value) > _precision(cur.value):
            best[sent] = m
    events = []
    for sent, m in sorted(best.items(), key=lambda kv: kv[1].start):
        text = describe(doc, sent, m.start, m.end)
        events.append(ExtractedEvent(m.value, m.mod, text, " ".join(m.text.split()),
                                     Span(m.start, m.end), doc.clean(*sent)))
    return events
