"""Key numbers: counts, amounts and measures, with what they count.

A number is kept only when the text says what it counts, because a bare "45"
in a fact box means nothing.  The label is the article's own words, and the
counted noun goes into the unit, so the box reads "Killed: 130 people", never
"people killed: 130 people".  In order of preference:

* what happened to the things counted, after or before them:
  ``Eleven people were taken to hospital`` -> Taken to hospital: 11 people;
  ``the attacks killed 130 people`` -> Killed: 130 people;
* a noun before the number: ``the death toll rose to 137`` -> Death toll: 137,
  ``a crew of 14`` -> Crew: 14, ``turnout rose by 5%`` -> Turnout rose: 5%;
* the thing a hyphenated measure sizes: ``the 48-hour strike`` -> Strike: 48 hours;
* money with what it pays for: ``£4.5m repairs`` -> Repairs: £4.5m;
  a percentage with what it is a share of;
* the noun phrase after a count: ``2,000 armed officers`` -> Armed officers: 2,000.

A qualifier before the number ("at least", "more than", "about", "up to" ...)
is kept with it (:mod:`.number_context` reads the words around a number).
Numbers whose label would say nothing ("7 people", "9 days", a lone amount),
ages, addresses, dates, years, times of day, ordinals and list numbering are
left out.  :mod:`.number_rank` puts casualties, money and the counts the story
is about before incidental figures and keeps at most eight.

Spelled-out numbers (``seven people``, ``twenty-six``, ``two dozen``, ``a
hundred thirty million``) count too and are shown as digits (``7``, ``26``,
``24``, ``130 million``).

Speed: a cheap scan finds where numbers can start and the full pattern runs
only there; numbers inside a date are dropped before any other work; the
tests of the words before a number are memoised on the short window they
read, which repeats from number to number ("rose to ", "than ").
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable

from .gazetteer import PLACES
from .items import ExtractedNumber, Span
from .number_context import back_label, outcome_after, outcome_before, qualifier_before
from .number_rank import says_nothing, select
from .sentences import Doc

_UNITS = {"zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "dozen": 12}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                "trillion": 1_000_000_000_000}
# A spelled-out number, well formed: "seven", "twenty-six", "twenty six", "eight hundred",
# "a hundred thirty million", "three hundred and fifty".  Two unit words in a row ("one
# five", as pilots say digits) are two numbers, so the pattern stops between them.
_U = "(?:%s|one)" % "|".join(sorted((u for u in _UNITS if u != "dozen"), key=len, reverse=True))
_T = r"(?:(?:%s)(?:[\s-]+%s)?)" % ("|".join(_TENS), _U)
_M = "(?:%s)" % "|".join(_MULTIPLIERS)
_SPELLED = (r"(?:(?:a|%(u)s)\s+dozen|(?:%(t)s|%(u)s|a)\s+%(m)s(?:(?:\s+and)?\s+(?:%(t)s|%(u)s)(?:\s+%(m)s)?)*|%(t)s|%(u)s)"
            % {"t": _T, "u": _U, "m": _M})
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:million|billion|trillion|thousand|hundred|m|bn|mn|k)"
_CURRENCY = r"(?:US\$|A\$|C\$|HK\$|[£$€¥₹])"
_CURRENCY_WORDS = r"(?:pounds(?:\s+sterling)?|dollars|euros|yen|yuan|rupees|roubles|rubles|marks|francs)"

_NUMBER_TEMPLATE = (
    r"(?P<money>(?P<cur>%(cur)s)\s?(?P<mnum>%(d)s)(?:\s?(?P<mscale>%(sc)s)\b)?)"
    r"|(?P<money2>(?P<m2num>%(d0)s|%(sp0)s)(?:\s(?P<m2scale>million|billion|trillion|thousand))?\s%(cw)s\b)"
    r"|(?P<pct>(?P<pnum>%(d0)s|%(sp0)s)\s?(?:%%|per\s?cent\b|percent\b))"
    r"|(?P<hyph>(?P<hnum>%(d0)s|%(sp0)s)-(?!(?:%(sp)s)\b)(?P<hunit>[a-z]+(?:-old)?)\b)"
    r"|(?P<times>(?P<tnum>%(d0)s|%(sp0)s|twice|once)(?:\s(?P<tt>times))\b)"
    r"|(?P<plain>(?P<num>%(d0)s|%(sp0)s)(?:\s(?P<scale>million|billion|trillion|thousand|hundred)\b"
    r"|(?P<sscale>m|bn)\b)?)")
_PARTS = {"cur": _CURRENCY, "d": _DIGITS, "sc": _SCALE, "sp": _SPELLED, "cw": _CURRENCY_WORDS}
# d0/sp0 are the number a match starts with.
_NUMBER = re.compile(_NUMBER_TEMPLATE % dict(_PARTS, d0=_DIGITS, sp0=_SPELLED), re.IGNORECASE)
# The same pattern for a match known to start with a digit, or with a letter: the
# alternatives that cannot start there are left out, which makes a match several times
# faster (the spelled-out numbers are a long alternation).
_NEVER = r"(?!)"
_NUMBER_AT_DIGIT = re.compile(_NUMBER_TEMPLATE % dict(_PARTS, d0=_DIGITS, sp0=_NEVER), re.IGNORECASE)
_NUMBER_AT_LETTER = re.compile(_NUMBER_TEMPLATE % dict(_PARTS, d0=_NEVER, sp0=_SPELLED), re.IGNORECASE)

# Where a number can start, searched in an ASCII-lower-cased copy (same length, and much
# faster than a case-insensitive search): a currency sign, a digit, a number word.  This
# pattern defines the places; :func:`_candidates` finds the same ones faster.
_CANDIDATE = re.compile(r"[£$€¥₹]|us\$|[ac]\$|hk\$|(?<![\d.,])\d|(?<![a-z])(?:%s|%s|one|twice|once|"
                        r"a\s+dozen|a\s+hundred)\b" % ("|".join(_TENS), "|".join(_UNITS)))
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# A digit or currency sign, and the digits after it (one character class first, so the
# regex engine skips to the next digit or sign).
_DIGIT_OR_SIGN = re.compile(r"[£$€¥₹\d](?:(?<=\d)[\d.,]*)?")
# Number words, each found with a plain substring search (far faster than one
# alternation tried at every offset), only when the text has them at all.
_NUMBER_WORD_RX = {w: re.compile(re.escape(w) + r"\b")
                   for w in (*_TENS, *_UNITS, "one", "twice", "once")}
_A_DOZEN = re.compile(r"a\s+(?:dozen|hundred)\b")
# Characters whose lower case is ASCII although they are not (the Kelvin sign) or whose
# lower case is longer (dotted capital I): with these, lower() is not an ASCII fold.
_FOLD_BREAKERS = ("\u212a", "\u0130")


def _ascii_lower(s: str) -> str:
    """``s`` with A-Z lower-cased and nothing else changed that the number patterns see."""
    if s.isascii() or not any(c in s for c in _FOLD_BREAKERS):
        return s.lower()   # other letters may change case too, but stay non-ASCII letters
    return s.translate(_ASCII_LOWER)


def _candidates(low: str) -> list[int]:
    """Offsets where ``_CANDIDATE`` matches in ``low`` (scanning left to right), in order."""
    starts = []
    for m in _DIGIT_OR_SIGN.finditer(low):
        p = m.start()
        c = low[p]
        if c == "$":
            # "hk$", "us$", "a$", "c$" start the currency at their first letter.
            if low[p - 2:p] in ("hk", "us"):
                p -= 2
            elif p > 0 and low[p - 1] in "ac":
                p -= 1
        elif c.isdigit() and p > 0 and low[p - 1] in "0123456789.,":
            continue
        starts.append(p)
    for word, rx in _NUMBER_WORD_RX.items():
        if word in low:
            starts.extend(m.start() for m in rx.finditer(low)
                          if m.start() == 0 or not "a" <= low[m.start() - 1] <= "z")
    if "dozen" in low or "hundred" in low:
        # "a dozen" is one candidate: its "dozen" is not another.
        for m in _A_DOZEN.finditer(low):
            if m.start() == 0 or not "a" <= low[m.start() - 1] <= "z":
                starts.append(m.start())
                if low[m.end() - 5:m.end()] == "dozen":
                    starts.remove(m.end() - 5)
    starts.sort()
    return starts
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_DATE_AFTER = re.compile(r"(?:st|nd|rd|th)?(?:\s+of)?\s+(?:%s)\b" % _MONTHS, re.I)
_MONTH_ABBREVIATIONS = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
# (The reference for _month_before, which tests compare it with.)  A full month name with a
# full stop ends a sentence ("in March. Eleven people ..."), and so does a line break.
_DATE_BEFORE = re.compile(r"\b(?:(?:%s)|(?:%s)\.)[^\S\n]+\Z" % (_MONTHS, _MONTH_ABBREVIATIONS), re.I)
_TIME_AFTER = re.compile(r"(?:[:.]\d\d)?\s?(?:a\.?m\.?|p\.?m\.?|o['’]clock|hrs|GMT|BST|UTC)\b", re.I)
_TIME_COLON = re.compile(r"\d{1,2}:\d\d")
_MONTH_WORDS = frozenset(_MONTHS.split("|"))
_MONTH_ABBREVIATION_WORDS = frozenset(_MONTH_ABBREVIATIONS.split("|"))
_SPLIT_WORDS = re.compile(r"[\s-]+")
# (The reference for _is_identifier, which tests compare it with.)
_WORD_BEFORE_NUMBER = re.compile(r"([A-Za-z][\w'’-]*)\s$")
_RANGE = re.compile(r"[-–]\d")
_MONEY_PREP = re.compile(r"\s+(?:on|for|towards|to\s+fund)\s+(?:the\s+|a\s+|an\s+)?")
_PCT_OF = re.compile(r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?")
_COUNT_OF = re.compile(r"\s+of\s+(?:the\s+|them\s+|those\s+|these\s+)?")
_TIMES_VERB = re.compile(r"\b([a-z]+ed)\s+(?:(?:him|her|them|it|us|me)\s+)?$")

# Words that end a noun phrase: function words and the commonest verbs.
_STOP = frozenset("""
in on at of to for with by from that which who whom whose were was are is be been being have has
had will would could should may might can do did does and or but as than then when while where
if so not no their his her its our they them he she it we you i this these those the a an there
here very more most less about over under after before during since until into onto upon per
each every both all some any such own same also only just even up down out off again further
once across against among between through throughout within without toward towards because
although though whether including like near lost died die dies dead killed remain remained
remains took take takes made make makes went go goes came come comes gave give said say says
told tell get got gets met left fled fought won saw held ran stood sat led paid sent spent
built fell rose became began brought bought caught kept felt found heard knew thought wrote
spoke chose drove flew grew threw put set quit gathered marched
now already still yet nationwide today yesterday tomorrow tonight ago last next apiece overall
alone annually altogether respectively north south east west become became becomes monday tuesday wednesday thursday friday saturday sunday
aboard inside ashore abroad away apart ahead aged
""".split()) - {"marched", "gathered"}
# "we're", "they've", "it's": a clause starts, the noun phrase has ended.
_CONTRACTED = re.compile(r"^(?:we|they|you|i|he|she|it|that|there|who|what)['’]", re.I)
_WORD = re.compile(r"\s*([A-Za-z][\w'’]*(?:-[\w'’]+)*)")
# Words that may stand right before a number without making it part of a name ("Flight 9525").
_QUANTIFIERS = frozenset("""nearly almost about around approximately roughly some over under more less
fewer least only just another exactly up to at than by of""".split())
_MULTIPLIER_AFTER = re.compile(r"\s+(?:as|more|less|fewer|higher|lower|bigger|larger|greater|"
                               r"smaller|faster|the|over|a\s+(?:day|week|month|year))\b", re.I)
# "Protestants", "Americans", "Serbs", "Marines": not "Paris", "Texas", "Brussels", "US".
_CAPITALISED_PLURAL = re.compile(r"[A-Z][a-z]{2,}(?<![iuoas])(?<!el)s$")
# Singular units right after a number: an unhyphenated compound ("a five year low").
_SINGULAR_UNITS = frozenset("""
year hour day week month minute second decade mile dollar pound euro cent percent point member man story
storey page seat foot inch yard acre ton tonne kilometre kilometer km metre meter
""".split())
_NUMBER_WORDS = frozenset([*_UNITS, *_TENS, *_MULTIPLIERS, "one"])
_STREET_WORDS = frozenset("street st road rd avenue ave lane ln boulevard blvd drive dr way place square "
                          "terrace crescent close court highway".split())
# Plural nouns without a final "s".
_PLURAL_NOUNS = frozenset("people men women children police staff crew personnel cattle feet".split())
_COUNT_NOUNS = frozenset("""
people persons men women children adults officers soldiers troops police jobs homes houses
victims deaths casualties refugees migrants patients students workers staff members
""".split())


def _spelled_value(s: str) -> str:
    """Digits for a spelled-out number: "twenty-six" -> "26", "eighteen thousand" -> "18,000",
    "a hundred thirty million" -> "130 million"."""
    total = current = 0
    for word in _SPLIT_WORDS.split(s.lower()):
        if word in ("and",):
            continue
        if word == "a":
            current = 1
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in _UNITS:
            current += _UNITS[word]
        elif word == "one":
            current += 1
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _MULTIPLIERS:
            total += (current or 1) * _MULTIPLIERS[word]
            current = 0
    n = total + current
    for name, size in (("billion", 1_000_000_000), ("million", 1_000_000)):
        if n >= size and n % (size // 10) == 0:
            return f"{n / size:g} {name}"
    return f"{n:,}"


def _num_value(raw: str) -> str:
    raw = " ".join(raw.split())
    return raw if raw[:1].isdigit() else _spelled_value(raw)


def _plural(word: str) -> str:
    if word.endswith("-old"):
        word = word[:-4]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("", "a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def _noun_phrase(masked: str, pos: int, limit: int) -> tuple[list[str], int]:
    """Words of the noun phrase starting at ``pos`` and the offset where it ends.

    Stops at a function word, punctuation, or a verb form (an ``-ed``/``-ing``
    word followed by a function word or nothing: ``people killed in``), but
    keeps such a word in front of a noun (``armed officers``).
    """
    words: list[str] = []
    end = pos
    m = _WORD.match(masked, end, limit)
    while len(words) < 4:
        if not m or masked[m.start():m.start(1)].count("\n") > 1:
            break
        w = m.group(1)
        low = w.lower()
        # (A contraction needs an apostrophe: the pattern is tried only then.)
        if low in _STOP or low in _MONTH_WORDS or (("'" in low or "’" in low) and _CONTRACTED.match(low)):
            break
        # The word after this one: looked at here, and the next word of the loop.
        nxt = _WORD.match(masked, m.end(), limit)
        nxt_word = nxt.group(1) if nxt and not masked[m.end():nxt.start(1)].strip() else None
        if len(w) == 1 and w.isupper():
            break   # "58 different U.S. …": an abbreviation, not a noun
        if w[:1].isupper() and not words:
            # "130 Paris" is not a count of Paris; "20 British tourists" is a count of tourists,
            # and "six Protestants" a count of Protestants (a capitalised plural, not a place).
            if not (nxt_word and nxt_word[:1].islower() and nxt_word.lower() not in _STOP) \
                    and not (_CAPITALISED_PLURAL.match(w) and low not in PLACES
                             and not (nxt_word and nxt_word[:1].isupper())):
                break
        # "people killed in": a verb.  "watching at home" right after the number: a verb;
        # "new housing." after other words: a noun.
        if (low.endswith("ed") or (low.endswith("ing") and not words)) \
                and (nxt_word is None or nxt_word.lower() in _STOP):
            break
        words.append(w)
        end = m.end()
        # A count's noun phrase ends at its plural head ("two Slavic neighbors | see"),
        # unless a plural noun follows it ("weapons sites", "police officers").
        if _is_plural_head(w) and not (nxt_word and _is_plural_head(nxt_word)):
            break
        m = nxt
    return words, end


def _is_plural_head(word: str) -> bool:
    low = word.lower()
    return low in _PLURAL_NOUNS or (len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "'s", "’s"))
                                    and word[:1].islower())


class _Spans:
    """Sorted date spans, asked "does any overlap [s, e)?" in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = []   # the largest end among the spans up to each one
        top = -1
        for _, e in ordered:
            top = max(top, e)
            self.max_end.append(top)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)   # spans starting before e
        return i > 0 and self.max_end[i - 1] > s


# The characters ``_DATE_AFTER`` and ``_TIME_AFTER`` can start with, other than
# whitespace (case-insensitively: "ſ" is a long "s").  Most numbers are followed by
# a space or punctuation, and one set test is cheaper than a failed regex match.
_DATE_AFTER_FIRST = frozenset("snrtSNRT\u017f")
_TIME_AFTER_FIRST = frozenset(":.aphogbuAPHOGBU")
_DATE_OR_TIME_AFTER_FIRST = _DATE_AFTER_FIRST | _TIME_AFTER_FIRST
# A date or a time right after the number: either of the two patterns, in one match.
_DATE_OR_TIME_AFTER = re.compile("%s|%s" % (_DATE_AFTER.pattern, _TIME_AFTER.pattern), re.I)


def _is_date_or_time(masked: str, m: re.Match, date_spans: _Spans) -> bool:
    s, e = m.start(), m.end()
    if date_spans.overlaps(s, e):
        return True
    after = masked[e:e + 1]
    # (One pattern for both, tried only after a character either can start with.)
    if after and (after.isspace() or after in _DATE_OR_TIME_AFTER_FIRST) \
            and _DATE_OR_TIME_AFTER.match(masked, e):
        return True
    return _month_before(masked, s) \
        or (":" in masked[s + 1:s + 3] and _TIME_COLON.match(masked, s) is not None)


def _is_year(m: re.Match) -> bool:
    text = m.group()
    return len(text) == 4 and text.isdecimal() and 1000 <= int(text) <= 2100


def _month_before(masked: str, s: int) -> bool:
    """Is the number at ``s`` right after a month ("Sept. 30", "March 5")?

    The same test as ``_DATE_BEFORE.search(masked[s - 12:s])``, done by reading
    the word before the number instead of trying the pattern at every offset.
    """
    if s == 0 or not masked[s - 1].isspace():
        return False   # no space before the number
    return _ends_with_month(masked[max(0, s - 12):s])


# (A pure function of a short string, and the same few strings -- "rose to ", "than " --
# come before number after number: memoised.)
@functools.lru_cache(maxsize=4096)
def _ends_with_month(window: str) -> bool:
    """Does ``window`` end in a month word (a stop only after an abbreviation) and whitespace
    without a line break?"""
    end = len(window.rstrip())
    if "\n" in window[end:]:
        return False
    dotted = end > 0 and window[end - 1] == "."
    if dotted:
        end -= 1
    k = end
    while k > 0 and (window[k - 1].isalnum() or window[k - 1] == "_"):
        k -= 1
    return window[k:end].lower() in (_MONTH_ABBREVIATION_WORDS if dotted else _MONTH_WORDS)


def _is_identifier(masked: str, sent_start: int, s: int) -> bool:
    """``Flight 9525``, ``Article 50``, ``Channel 4``: a capitalised word right before the number."""
    lo = max(sent_start, s - 40)
    if s - 1 < lo or not masked[s - 1].isspace():
        return False
    return _ends_with_name_word(masked[lo:s])


# (Memoised for the same reason as _ends_with_month.)
@functools.lru_cache(maxsize=4096)
def _ends_with_name_word(window: str) -> bool:
    """Does ``window`` (ending in whitespace) end in a capitalised word that is not a
    quantifier, a function word or an acronym?"""
    # The word of ``_WORD_BEFORE_NUMBER.search(window)``, read backwards from the end.
    end = len(window) - 1
    if window[end] == "\n" and end - 1 >= 0 and window[end - 1].isspace():
        end -= 1   # ("$" also matches before a final line break)
    k = end
    while k > 0 and (window[k - 1].isalnum() or window[k - 1] in "_'’-"):
        k -= 1
    while k < end and not ("A" <= window[k] <= "Z" or "a" <= window[k] <= "z"):
        k += 1   # the word starts at its first ASCII letter
    if k == end:
        return False
    word = window[k:end]
    return word[:1].isupper() and word.lower() not in _QUANTIFIERS and word.lower() not in _STOP \
        and not word.isupper()


# The kinds of number _classify drops when they overlap a date span (money and
# percentages are not checked against dates).
_DATE_CHECKED_KINDS = frozenset(("hyph", "times", "plain"))


def find_numbers(doc: Doc, date_spans: Iterable[tuple[int, int]] = ()) -> list[ExtractedNumber]:
    """Key numbers in ``doc``, most important first and at most :data:`.number_rank.MAX_NUMBERS`
    of them; ``date_spans`` are the date tagger's expressions, never numbers."""
    return select(all_numbers(doc, date_spans))


def all_numbers(doc: Doc, date_spans: Iterable[tuple[int, int]] = ()) -> list[tuple[ExtractedNumber, str]]:
    """Every key number in ``doc`` in text order, each with how it was read (``money``,
    ``pct``, ``hyph``, ``times``, ``told``, ``noun``: see ``_Reading``), before ranking."""
    masked = doc.masked
    dates = _Spans(date_spans)
    out: list[tuple[ExtractedNumber, str]] = []
    # The full pattern is slow to try at every offset, so a cheap search finds where a
    # number can start (a digit, a currency sign, a number word) and the full one runs only there.
    last_end = 0
    for c in _candidates(_ascii_lower(masked)):
        if c < last_end:
            continue
        first = masked[c]
        rx = _NUMBER_AT_DIGIT if first.isdigit() else _NUMBER_AT_LETTER if first.isalpha() else _NUMBER
        m = rx.match(masked, c)
        if not m:
            continue
        s, e = m.start(), m.end()
        last_end = e
        # Inside a word or a longer token (G20, 9/11, 3-1, 1990s, 13th): not a count.
        if s > 0 and (masked[s - 1].isalnum() or masked[s - 1] in "/-.,:#"):
            continue
        if e < len(masked) and (masked[e].isalnum() and m.lastgroup != "money"
                                or masked[e] in "/" or masked[e] in "-–" and _RANGE.match(masked, e)):
            continue
        # Most rejected numbers are inside a date ("March 5, 2015"): _classify would
        # drop them (the kinds below are the ones it checks), so drop them before the
        # sentence look-up.
        if m.lastgroup in _DATE_CHECKED_KINDS and dates.overlaps(s, e):
            continue
        sent_start, sent_end = doc.sentence_of(s)
        if sent_start == sent_end:
            continue
        found = _classify(doc, m, sent_start, sent_end, dates)
        if found is not None:
            out.append(found)
    return out


# A reading of the words around a number: value, unit (the counted noun phrase, or None),
# label, the span the label and the number cover together, and how it was read.
# ``how`` is the kind of reading: "money", "pct", "hyph", "times", "told" (a count whose
# label the text gives: an outcome or a noun before it) or "noun" (a count named by its noun only).
_Reading = tuple[str, "str | None", str, int, int, str]

# Hyphenated measures that say how big the thing after them is ("a 48-hour strike").
_HYPH_UNITS = frozenset("""
second minute hour day week month year decade mile kilometre kilometer km metre meter foot inch yard
acre hectare ton tonne storey story page member strong seat bed room point game match nation country
""".split())
_IRREGULAR_PLURAL = {"man": "men", "person": "people", "foot": "feet", "story": "stories", "strong": None}
# Money spent, paid or owed, written before the amount: "paid $5m", "fined £5,000".
_MONEY_VERB = re.compile(r"(?<![\w'’-])(?P<verb>paid|spent|raised|fined|awarded|pledged|donated|invested|"
                         r"borrowed|seized|stole|earned|owed|lost|costing)\s+$", re.I)
_MONEY_VERB_LABEL = {"costing": "cost", "stole": "stolen"}


def _money(masked: str, m: re.Match, left: int, sent_start: int, sent_end: int) -> _Reading | None:
    s, e = m.start(), m.end()
    if m.lastgroup == "money":
        value = " ".join(m.group("money").split())
    else:
        value = " ".join([_num_value(m.group("m2num"))] + ([m.group("m2scale")] if m.group("m2scale") else [])
                         + [masked[m.end("m2num"):e].split()[-1]])
    # "£4.5m repairs", "£2.5m on new housing"
    prep = _MONEY_PREP.match(masked, e, sent_end)
    words, np_end = _noun_phrase(masked, prep.end() if prep else e, sent_end)
    if words and not says_nothing(" ".join(words)):
        return value, None, " ".join(words), s, np_end, "money"
    # "a budget of £2.5m", "the deal is worth $27 million", "it cost 40 million euros"
    back = back_label(masked, sent_start, left)
    if back:
        return value, None, back[0], back[1], e, "money"
    after = outcome_after(masked, e, sent_end)
    if after and after[2]:
        return value, None, after[0], s, after[1], "money"   # "$130 million was paid"
    verb = _MONEY_VERB.search(masked, max(sent_start, left - 20), left)
    if verb:
        word = verb.group("verb").lower()
        return value, None, _MONEY_VERB_LABEL.get(word, word), verb.start(), e, "money"
    return None


# Words after a percentage that compare rather than name ("50% higher", "20% more").
_COMPARATIVES = frozenset("""higher lower more less fewer greater bigger smaller larger cheaper dearer faster
slower better worse above below up down rise fall increase decrease drop gain cut jump decline rises falls
increases decreases drops gains cuts jumps declines full empty""".split())


def _percentage(masked: str, m: re.Match, left: int, sent_start: int, sent_end: int) -> _Reading | None:
    s, e = m.start(), m.end()
    value = _num_value(m.group("pnum")) + "%"
    of = _PCT_OF.match(masked, e, sent_end)
    words, np_end = _noun_phrase(masked, of.end(), sent_end) if of else ([], e)
    if words and not says_nothing(" ".join(words)):
        # "20 percent of the world's oil reserves": a share of them, not their size.
        return value, None, "share of " + masked[of.start():np_end].split(None, 1)[1], s, np_end, "pct"
    back = back_label(masked, sent_start, left)   # "turnout rose by 5%", "inflation stood at 2%"
    if back:
        return value, None, back[0], back[1], e, "pct"
    words, np_end = _noun_phrase(masked, e, sent_end)
    if words and not says_nothing(" ".join(words)) and words[0].lower() not in _COMPARATIVES:
        return value, None, " ".join(words), s, np_end, "pct"   # "a 3% pay offer", not "50% higher"
    return None


def _measure(masked: str, m: re.Match, sent_end: int) -> _Reading | None:
    """``a 48-hour strike`` -> ("48", "hours", "strike")."""
    hunit = m.group("hunit").lower()
    if hunit not in _HYPH_UNITS or masked[m.end():m.end() + 4] == "-old":
        return None   # ages ("37-year-old") and words that measure nothing ("four-star")
    value = _num_value(m.group("hnum"))
    words, np_end = _noun_phrase(masked, m.end(), sent_end)
    if not words or says_nothing(" ".join(words)):
        return None   # "a two-hour" what?
    unit = _IRREGULAR_PLURAL.get(hunit, _plural(hunit)) if value != "1" else hunit
    if hunit == "strong":
        unit = None   # "a 50-strong mob": the mob is 50
    return value, unit, " ".join(words), m.start(), np_end, "hyph"


def _times(masked: str, m: re.Match, sent_start: int) -> _Reading | None:
    """``arrested three times`` -> ("3", "times", "arrested"); a multiplier is no count."""
    if _MULTIPLIER_AFTER.match(masked, m.end()):
        return None
    raw = m.group("tnum").lower()
    value = {"twice": "2", "once": "1"}.get(raw) or _num_value(raw)
    before = _TIMES_VERB.search(masked, max(sent_start, m.start() - 40), m.start())
    if not before or before.group(1) in ("said", "added", "reported", "stated"):
        return None
    return value, "times", before.group(1), before.start(1), m.end(), "times"


def _count(masked: str, m: re.Match, left: int, sent_start: int, sent_end: int) -> _Reading | None:
    """A plain number: what happened to what it counts, or the noun before it, or the noun after it."""
    s, e = m.start(), m.end()
    raw = m.group("num")
    if raw.lower() == "one" and not m.group("scale"):
        return None   # "one of the", "no one": too rarely a count
    value = _num_value(raw)
    if m.group("scale"):
        value += " " + m.group("scale").lower()
    elif m.group("sscale"):
        value += m.group("sscale").lower()
    of = _COUNT_OF.match(masked, e, sent_end)
    words, np_end = _noun_phrase(masked, of.end() if of else e, sent_end)
    if _is_year(m) and not (words and words[-1].lower() in _COUNT_NOUNS):
        return None   # a year, unless it plainly counts something ("1500 troops")
    if any(w[:1].isupper() and w.lower().rstrip(".") in _STREET_WORDS for w in words):
        return None   # an address: "405 Williams Ave", "10 Downing Street"
    if words and (words[0].lower() in _SINGULAR_UNITS or any(w.lower() in _NUMBER_WORDS for w in words)):
        return None   # "a five year low", "three thousand dollar pearls", "eight hundred climb one five"
    noun = " ".join(words) or None
    end = np_end if words else e
    after = outcome_after(masked, end, sent_end)
    if after and (after[2] or not _few(value)):     # "Eleven people were taken to hospital"
        back = None if noun else back_label(masked, sent_start, left)
        if back and not back[2]:                    # "a crew of 14 was stranded": 14 crew
            return value, back[0], after[0], back[1], after[1], "told"
        return value, noun, after[0], s, after[1], "told"
    before = outcome_before(masked, sent_start, left)
    if before:                                      # "the attacks killed 130 people"
        return value, noun, before[0], before[1], end, "told"
    back = back_label(masked, sent_start, left)
    if back and (back[2] or not _few(value)):       # "the death toll rose to 137", "a crew of 14"
        return value, noun, back[0], back[1], end, "told"
    if noun and not says_nothing(noun) and not _few(value) and not ("." in value and " " not in value):
        return value, None, noun, s, end, "noun"  # (not "0.82 share": a ratio, not a count)           # "2,000 armed officers"
    return None


def _few(value: str) -> bool:
    """One or two of something, with nothing said about them: rarely a key number."""
    return value in ("1", "2")


def _classify(doc: Doc, m: re.Match, sent_start: int, sent_end: int,
              dates: _Spans) -> tuple[ExtractedNumber, str] | None:
    """Turn one number match into a key number and how it was read (see ``_Reading``),
    or None when it counts nothing we can name."""
    masked = doc.masked
    s = m.start()
    # The alternative that matched is the last group to close (it encloses the others).
    kind = m.lastgroup
    if kind in _DATE_CHECKED_KINDS and (_is_date_or_time(masked, m, dates)
                                        or kind != "times" and _is_identifier(masked, sent_start, s)):
        return None
    qualifier = qualifier_before(masked, sent_start, s)
    left = qualifier[1] if qualifier else s   # the words before the number end here
    if kind in ("money", "money2"):
        reading = _money(masked, m, left, sent_start, sent_end)
    elif kind == "pct":
        reading = _percentage(masked, m, left, sent_start, sent_end)
    elif kind == "hyph":
        reading = _measure(masked, m, sent_end)
    elif kind == "times":
        reading = _times(masked, m, sent_start)
    else:
        reading = _count(masked, m, left, sent_start, sent_end)
    if reading is None:
        return None
    value, unit, label, start, end, how = reading
    label = " ".join(label.split())
    if says_nothing(label):
        return None
    if unit and unit.split()[-1].lower() in label.lower().split():
        unit = None   # the label names it already ("crew of 14 crew")
    start = min(start, left)   # the qualifier belongs to the number's words
    return ExtractedNumber(value, unit, label[:1].upper() + label[1:], doc.clean(start, end),
                           Span(start, end), doc.clean(sent_start, sent_end),
                           qualifier[0] if qualifier else None), how

