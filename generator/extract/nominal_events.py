"""Events told as a dated noun: "Iraq's invasion of Kuwait on Aug. 2", "the Aug. 7 bombings of two U.S. embassies".

News recalls a story's main event in passing, as a noun with its date, far
more often than it tells it again in a sentence of its own; an editor's
timeline of the story opens with it all the same.  When a sentence makes no
event of its own (:mod:`.events`), a date that directly dates an *event noun*
(an invasion, a bombing, an election …) makes one, and the noun phrase is the
headline: its determiner and date dropped, its own words otherwise.

Only a phrase that names who or where ("Iraq's invasion of Kuwait", "the
bombings of two U.S. embassies in Kenya") reads on its own, so a phrase
without a proper name makes nothing, and neither does one whose owner is a
pronoun ("his Aug. 2 power-grab").  Only day and month dates count: a year
told in passing ("the 1995 bombing") is background, not a timeline entry.
"""

from __future__ import annotations

import re

from . import lexicon as lx

EVENT_NOUNS = frozenset("""
invasion invasions attack attacks bombing bombings assassination coup coups massacre earthquake explosion
explosions blast crash crashes election elections referendum killing killings shooting shootings raid raids
uprising ceasefire cease-fire truce summit collapse resignation arrest arrests murder kidnapping hijacking
offensive landing signing vote visit takeover merger bankruptcy storm hurricane flood floods fire wildfire
riot riots strike strikes walkout shutdown annexation occupation withdrawal surrender verdict ruling
""".split())

_NAME = r"[A-Z][\w.&'’-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w.&'’-]*){0,4}"
_OWNER = rf"(?:(?P<owner>{_NAME})(?:'s|’s)\s+|(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Ll]ast)\s+)"
_NOUN = r"(?P<noun>[a-z][\w-]*)"
_MODS = r"(?:[a-z][\w-]*\s+){0,2}?"
_COMPLEMENT = rf"(?:\s+(?:of|in|on|against|at)\s+(?:(?:the|two|three|four|five|several)\s+)?(?P<place>{_NAME})(?:\s+[a-z]+)?)?"
# "Iraq's invasion of Kuwait on Aug. 2": the phrase, then "on"/"in" and the date.
_BEFORE = re.compile(rf"{_OWNER}{_MODS}{_NOUN}{_COMPLEMENT}(?P<link>\s+(?:on|in)\s+)$")
# "the Aug. 7 bombings of two U.S. embassies": the date between the owner and the noun.
_OWNER_BEFORE = re.compile(rf"{_OWNER}$")
_AFTER = re.compile(rf"(?:'s|’s)?\s+{_MODS}{_NOUN}{_COMPLEMENT}")


def nominal_event(masked: str, sent_start: int, m) -> str | None:
    """The headline of the event noun the date mention ``m`` dates in its sentence, or None."""
    if not re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", str(m.value)):
        return None
    before = masked[max(sent_start, m.start - 120):m.start]
    found = _BEFORE.search(before)
    if found is not None:
        return _headline(found, found, before[found.start():found.start("link")])
    owner = _OWNER_BEFORE.search(before)
    after = _AFTER.match(masked, m.end, min(len(masked), m.end + 120))
    if owner is not None and after is not None:
        phrase = owner.group(0) + masked[m.end:after.end()].lstrip().removeprefix("'s").removeprefix("’s")
        return _headline(after, owner, phrase)
    return None


def _headline(noun: re.Match, owner: re.Match, phrase: str) -> str | None:
    if noun.group("noun").lower() not in EVENT_NOUNS:
        return None
    if not (owner.group("owner") or noun.group("place")):
        return None   # "the attack": of whom, where?
    words = phrase.split()
    if words[-1:] and words[-1].islower() and (words[-1].endswith("ed") or words[-1] in lx.FORMS):
        words.pop()   # the sentence's verb after the place ("the attacks in Paris *changed* …")
    if words and words[0].lower() in ("this", "that", "last"):
        words[0] = "The"
    if words and words[-1].endswith(".") and "." not in words[-1][:-1]:
        words[-1] = words[-1][:-1]   # the sentence's full stop, not an abbreviation's ("U.S.")
    text = " ".join(words).rstrip(" ,;:")
    return text[:1].upper() + text[1:] if len(words) >= 3 else None
