"""The words around a key number: its qualifier, what happened to what it counts, and
the noun before it that says what it measures.

Each reader looks at a short stretch of the masked text next to the number and
returns the label words *as the article wrote them*, with the offset where they
start or end (so the number's span can be widened to include them):

* :func:`qualifier_before` -- "at least", "more than", "about", "up to" ...;
* :func:`outcome_after` -- "… people were taken to hospital", "… were killed";
* :func:`outcome_before` -- "killed 12 people", "rescued 40 passengers";
* :func:`back_label` -- "the death toll rose to 137", "a crew of 14",
  "the strike lasted nine days", "turnout rose by 5%".

A label built here never names the unit (the counted noun goes into the
value), so a fact box reads "Taken to hospital: 11 people", not
"people taken to hospital: 11 people".
"""

from __future__ import annotations

import functools
import re

# -- qualifiers -----------------------------------------------------------------------------

# Words before a number that say how exact it is; kept with the number, as written.
_QUALIFIERS = (
    "at least", "at most", "more than", "fewer than", "less than", "no more than", "no fewer than",
    "no less than", "up to", "as many as", "as much as", "as few as", "nearly", "almost", "about",
    "around", "approximately", "roughly", "some", "over", "under", "just over", "just under",
    "well over", "close to", "an estimated", "estimated", "upwards of", "in excess of", "more than",
)
_QUALIFIER_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<q>%s)\s+$" % "|".join(
        sorted({q.replace(" ", r"\s+") for q in _QUALIFIERS}, key=len, reverse=True)),
    re.I)


@functools.lru_cache(maxsize=4096)
def _qualifier_in(window: str) -> tuple[str, int] | None:
    q = _QUALIFIER_BEFORE.search(window)
    if not q:
        return None
    return " ".join(q.group("q").lower().split()), q.start("q") - len(window)


def qualifier_before(masked: str, sent_start: int, s: int) -> tuple[str, int] | None:
    """The qualifier right before the number at ``s``: ("at least", its offset), or None."""
    if s <= sent_start or not masked[s - 1].isspace():
        return None
    lo = max(sent_start, s - 24)   # the longest qualifier and its spaces fit in 24 characters
    found = _qualifier_in(masked[lo:s])
    if found is None:
        return None
    words, back = found
    return words, s + back


# -- what happened to the things counted ----------------------------------------------------

# ("who" and "that" open a relative clause about the things counted: "nine women who had been killed".)
_PASSIVE = r"(?:(?:who|that)\s+)?(?:were|was|are|is|have\s+been|had\s+been|has\s+been|been|being)\s+"
_HEDGE = r"(?:(?P<hedge>reported|feared|believed|confirmed|presumed|thought)\s+(?:to\s+(?:have\s+been|be)\s+)?)?"
# Outcomes that have one name on every fact sheet, whatever the words.
_CANONICAL = [
    (re.compile(r"\s+(?:have\s+|had\s+|has\s+)?(?:lost\s+their\s+lives|died|perished|drowned)\b", re.I), "killed"),
    (re.compile(r"\s+(?:(?:were|are|lay|lie)\s+)?dead\b", re.I), "killed"),
    (re.compile(r"\s+(?:%s)?%s(?:killed|murdered|shot\s+dead)\b" % (_PASSIVE, _HEDGE), re.I), "killed"),
    (re.compile(r"\s+(?:%s)?%s(?:injured|wounded|hurt)\b" % (_PASSIVE, _HEDGE), re.I), "injured"),
    (re.compile(r"\s+(?:%s)?%s(?:arrested|detained)\b" % (_PASSIVE, _HEDGE), re.I), "arrested"),
    (re.compile(r"\s+(?:were\s+|are\s+|remain\s+|remained\s+|went\s+|are\s+still\s+|were\s+still\s+)?missing\b",
                re.I), "missing"),
]
# Past participles that do not end in -ed.
_IRREGULAR = ("taken|held|paid|spent|shot|driven|hit|found|brought|sent|kept|caught|thrown|given|bitten|flown|"
              "stuck|struck|beaten|sold|built|lost|cut|freed|put|laid\\s+off|left\\s+homeless|"
              "swept\\s+away|stranded|trapped")
# Participles that say nothing about what happened to the things counted.
_EMPTY_PARTICIPLES = frozenset("""
told said asked expected thought believed reported considered known used needed allowed required
supposed scheduled planned involved included based aged named called made seen described listed
estimated compared counted given found put declared deemed classified designated labelled labeled placed
regarded
""".split())
_PASSIVE_OUTCOME = re.compile(
    r"\s+%s%s(?P<verb>[a-z]+ed|%s)\b(?P<comp>\s+(?:to|from|into|in|at|on|by)\s+(?:a\s+|the\s+)?"
    r"[A-Za-z][a-z]+(?:\s+[A-Za-z][a-z]+)?)?" % (_PASSIVE, _HEDGE, _IRREGULAR), re.I)
# A past tense that ends a clause ("2,000 protesters rallied in Portadown", "marched Sunday"):
# what may follow it.
_CLAUSE_GOES_ON = ("monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|overnight|"
               "on|in|at|to|from|through|across|into|outside|near|after|during|over|since|against")
_ACTIVE_OUTCOME = re.compile(r"\s+(?P<verb>[a-z]+ed|fled)\b(?=\s*(?:[.,;:!?)]|$|\s(?!to\b)(?:%s)\b))"
                             % _CLAUSE_GOES_ON, re.I)   # (not before "to": "refused to leave")
# Function words a complement may not end with ("taken to the", "beaten to death and").
_STOP_COMPLEMENT = frozenset("""the a an their his her its our this that these those which who and or but
as than after before when while where because since until with without by of""".split())
# A complement about when is no part of what happened.
_WHEN_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
morning afternoon evening night weekend week month year january february march april may june july
august september october november december""".split())
# Words that end a complement: "taken to hospital | on Monday".
_COMPLEMENT_ENDS = _STOP_COMPLEMENT | frozenset(_CLAUSE_GOES_ON.split("|")) | frozenset(
    "in on at to for from into over under after before during since until".split())
# A lower-case word right after a participle that is not an adverb: its object or complement.
_OBJECT_AFTER = re.compile(r"\s+([a-z]+)\b(?<!ly)")
# Active past tenses that are not outcomes ("officials said", "100 people attended the rally": no clause end).
_EMPTY_ACTIVE = frozenset("said added noted stated claimed argued reported explained asked answered".split())


def outcome_after(masked: str, pos: int, limit: int) -> tuple[str, int, bool] | None:
    """What happened to the things counted, written after them: ("taken to hospital", end offset,
    sure).  ``sure`` is False for a bare past tense ("… protesters rallied"), which is an
    outcome only for a crowd, not for "two presidents signed"."""
    if pos >= limit or not masked[pos].isspace():
        return None
    for rx, outcome in _CANONICAL:
        o = rx.match(masked, pos, limit)
        if o:
            hedge = o.groupdict().get("hedge")
            return (f"{hedge.lower()} {outcome}" if hedge else outcome), o.end(), True
    o = _PASSIVE_OUTCOME.match(masked, pos, limit)
    if o:
        verb = " ".join(o.group("verb").lower().split())
        if verb in _EMPTY_PARTICIPLES:
            return None
        label, end = verb, o.end("verb")
        if o.group("comp"):
            # "taken to hospital", "beaten to death": the complement up to its first function word.
            comp = o.group("comp").split()
            cut = next((i for i, w in enumerate(comp[2:], 2) if w.lower() in _COMPLEMENT_ENDS), len(comp))
            comp = comp[:cut]
            if len(comp) > 1 and comp[-1].lower() not in _STOP_COMPLEMENT \
                    and not any(w.lower() in _WHEN_WORDS for w in comp):   # not "on Monday morning"
                label = f"{verb} {' '.join(comp)}"
                end = _end_of_words(masked, o.start("comp"), len(comp))
        nxt = _OBJECT_AFTER.match(masked, end, limit) if label == verb else None
        if nxt and nxt.group(1).lower() not in _COMPLEMENT_ENDS:
            return None   # "five counties were declared | disaster areas": the label would stop short
        if o.group("hedge"):
            label = f"{o.group('hedge').lower()} {label}"
        return label, end, True
    o = _ACTIVE_OUTCOME.match(masked, pos, limit)
    if o and o.group("verb").lower() not in _EMPTY_ACTIVE:
        return o.group("verb").lower(), o.end("verb"), False
    return None


def _end_of_words(text: str, pos: int, n: int) -> int:
    """The offset just after the ``n``-th word from ``pos``."""
    for m in re.finditer(r"[A-Za-z][\w'’-]*", text[pos:]):
        n -= 1
        if n == 0:
            return pos + m.end()
    return len(text)


# Verbs written before the number whose object is what was counted ("killed 130 people").
_BEFORE_VERBS = {
    "kill": "killed", "injur": "injured", "wound": "injured", "arrest": "arrested", "detain": "arrested",
    "evacuat": "evacuated", "rescu": "rescued", "displac": "displaced", "deport": "deported",
    "hospitali": "taken to hospital", "charg": "charged", "releas": "released", "free": "freed",
    "cancel": "cancelled", "cut": "cut", "shed": "cut", "laid off": "laid off", "lay off": "laid off",
    "hire": "hired", "hiring": "hired", "creat": "created", "seiz": "seized", "recall": "recalled",
    "add": "added", "sack": "sacked",
}
_OUTCOME_BEFORE = re.compile(
    r"(?<![\w'’-])(?P<verb>kill(?:ed|ing|s)?|injur(?:ed|ing|es)|wound(?:ed|ing|s)?|arrest(?:ed|ing|s)?|"
    r"detain(?:ed|ing|s)?|evacuat(?:ed|ing|es)|rescu(?:ed|ing|es)|displac(?:ed|ing|es)|deport(?:ed|ing|s)?|"
    r"hospitali[sz](?:ed|ing|es)|charg(?:ed|ing|es)|releas(?:ed|ing|es)|freed|freeing|"
    r"cancell?(?:ed|ing|s)?|cut(?:ting|s)?|shed(?:ding|s)?|laid\s+off|lay(?:ing)?\s+off|hired|hiring|"
    r"creat(?:ed|ing|es)|seiz(?:ed|ing|es)|recall(?:ed|ing|s)?|added|adding|sack(?:ed|ing|s)?)"
    r"\s+(?:(?:at\s+least|about|around|nearly|almost|some|more\s+than|over|up\s+to|another|an\s+estimated)\s+)?$",
    re.I)
# Any of the stems above (a cheap test before the pattern).
_BEFORE_STEM = re.compile(r"kill|injur|wound|arrest|detain|evacuat|rescu|displac|deport|hospitali|charg|"
                          r"releas|free|cancel|cut|shed|laid|lay|hir|creat|seiz|recall|add|sack", re.I)


def outcome_before(masked: str, sent_start: int, s: int) -> tuple[str, int] | None:
    """The outcome written before the number: ``killed 130 people`` -> ("killed", offset of "killed")."""
    window = max(sent_start, s - 60)   # the verb is a word or three before the number
    if not _BEFORE_STEM.search(masked, window, s):
        return None
    b = _OUTCOME_BEFORE.search(masked[window:s])
    if not b:
        return None
    verb = " ".join(b.group("verb").lower().split())
    for stem, label in _BEFORE_VERBS.items():
        if verb.startswith(stem):
            return label, window + b.start()
    return None


# -- the noun before the number -------------------------------------------------------------

# "<noun> <verb> [to|by|at] N": the verbs, and how each turns the noun into a label.
_CHANGE = ("rose|risen|rises|fell|fallen|falls|increased|decreased|climbed|jumped|dropped|grew|slipped|"
           "soared|plunged|declined|dipped")
_LEVEL = "reached|reaches|stood|stands|totalled|totaled|totals|numbered|lasted|lasts|remained|remains|stayed"
_BACK = re.compile(
    r"(?:^|(?<=\s))(?P<noun>(?:[A-Za-z][\w'’-]*\s+){0,2}?[A-Za-z][\w'’-]*)\s+"
    r"(?:(?:has|had|have|is|was|are|were)\s+)?"
    r"(?P<verb>%s|%s|of|worth|cost|costs|valued\s+at)"
    r"(?P<prep>\s+(?:at|to|by))?\s+$" % (_CHANGE, _LEVEL))
_BACK_VERB_WORDS = frozenset((_CHANGE + "|" + _LEVEL + "|of|worth|cost|costs|at").split("|"))
# Nouns before "of" that count nothing of their own ("a total of", "a group of", "the age of").
_EMPTY_NOUNS = frozenset("""
total number group groups sum maximum minimum average age ages rate out most some all each one none any
many several both few majority minority half part dozens hundreds thousands millions tens scores range
price level share percentage proportion figure figures amount lot lots series set list couple pair
top bottom end start beginning middle result results capacity estimate estimates
""".split())
# Words a noun phrase before the verb may not start or end with.
_FUNCTION = frozenset("""
the a an this that these those its their his her our my your it they he she we i you there which who
and or but of in on at to for with by from as than then so if when while also only just even still
said says told has had have is was were are be been will would could can may might do does did
among into about over after before during since under between
""".split())
_DETERMINERS = frozenset("the a an its their his her our this that these those".split())
# A noun phrase after one of these is not the subject: "the rate for adult women rose 0.4%"
# is the rate's rise, not the women's.
_PREPOSITIONS = frozenset("of for in on at to with from by among into about over after before during since under "
                          "between and or".split())


@functools.lru_cache(maxsize=4096)
def _back_label_in(window: str) -> tuple[str, int, bool] | None:
    b = _BACK.search(window)
    if not b:
        return None
    found = [(m.group(), m.start() + b.start("noun")) for m in re.finditer(r"\S+", b.group("noun"))]
    verb = " ".join(b.group("verb").split()).lower()
    prep = (b.group("prep") or "").strip()
    if prep and verb in ("of", "worth", "cost", "costs"):
        return None   # "raised its net worth to $8.5m": not the worth of a thing
    if verb in ("cost", "costs") and found[-1][0].lower() in ("it", "they", "this", "that", "which"):
        return "cost", b.start("verb"), True   # "it cost 40 million euros"
    # The noun phrase is what follows the last function word: "an army", "the death toll".
    last = max((i for i, (w, _) in enumerate(found) if w.lower() in _FUNCTION), default=-1)
    # The words before the noun phrase (in the match, or before it), a determiner skipped:
    # "the rate for adult women", "net income in the third quarter".
    before = [w.lower() for w, _ in found[:last + 1]] or window[:b.start("noun")].lower().split()[-2:]
    if before and before[-1] in _DETERMINERS:
        before = before[:-1] or window[:b.start("noun")].lower().split()[-1:]
    if before and before[-1] in _PREPOSITIONS and verb != "of":   # ("with a loss of $3m" is fine)
        return None
    found = found[last + 1:][-2:]
    if found and found[0][0].lower().endswith(("'s", "’s")) and len(found) > 1:
        found = found[1:]   # "Iraq's army" -> "army"
    if not found or found[-1][0].lower() in _EMPTY_NOUNS and (verb == "of" or len(found) == 1):
        return None   # "a total of 50", "the rate rose"; but "the unemployment rate rose"
    noun = " ".join(w for w, _ in found)
    if verb in ("cost", "costs"):
        noun += " cost"
    elif verb in _CHANGE.split("|") and prep != "to":
        noun += " " + verb          # "turnout rose by 5%": a change, not a level
    return noun, found[0][1], verb != "of"


def back_label(masked: str, sent_start: int, pos: int) -> tuple[str, int, bool] | None:
    """A noun before the number that says what it measures: ("death toll", its offset, sure).

    ``sure`` is False for "<noun> of N" ("the trial of two Libyans"), which names what
    the number belongs to rather than what it measures."""
    window_start = max(sent_start, pos - 80)
    window = masked[window_start:pos]
    # Cheap test first: the last word (qualifiers aside) must be one of the verbs.
    words = window.split()
    while words and words[-1].lower() in ("at", "to", "by"):
        words.pop()
    if not words or words[-1].lower() not in _BACK_VERB_WORDS:
        return None
    found = _back_label_in(window)
    if found is None:
        return None
    label, start, sure = found
    return label, window_start + start, sure
