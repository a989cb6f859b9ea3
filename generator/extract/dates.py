"""Rule-based tagger for English DATE expressions in news text.

``find_dates(text, dct)`` finds calendar dates, months, years, decades,
centuries, weeks, quarters, halves, seasons, weekdays, relative expressions
("last year", "two weeks ago", "the year-earlier quarter") and vague
references ("now", "recently", "the future") and normalises each one to a
TimeML TIMEX3 ``value`` anchored to the article's publication date (DCT).

How it works, top to bottom:

1. A set of compiled regular expressions (one per family of expression) is
   run over the text; each match is handed to a small handler that checks the
   context (is "May" the month or the verb? is "1990" a year or a number?) and
   proposes a *candidate* span with a value.  Values that depend on what the
   article talked about just before ("a year earlier", "the quarter") are
   proposed as a function of that reference, resolved later.
2. Modifiers in front of a candidate ("early", "the end of", "around") are
   absorbed into its span and recorded as a TimeML ``mod``.
3. Overlapping candidates are resolved longest-first, so "Aug. 2, 1990" wins
   over "Aug. 2" and "1990".
4. The surviving candidates are walked in text order, keeping track of the
   last concrete date mentioned (the *reference time*) to resolve the
   anaphoric values ("the following day", "that quarter") and of the last
   year written out, which a month or day without a year in the same
   sentence takes ("In 2014, sales peaked in March").

A weekday, season, or month or day written without a year (and with no
year in its sentence) is resolved the way a reader resolves it: to the
nearest such date in the direction the words give it (``_Tagger._directions``).
The tense of its clause decides first ("was", "-ed", "ago" look back; "will",
"is to", "scheduled", "due" look ahead; "would", "may", "agreed to" only
lean ahead), then the words before it ("since" looks back, "by", "until"
make a deadline) and the event it may name ("Friday's attack" is past);
failing those, the tense of the article as a whole, and failing that, the
nearest date (``date_rules.near_year``, ``weekday_near``, ``season_year``).  A value is never more precise than the words:
"November" is a month, and "the day before" with no day named before it is
left out rather than given an invented day.

Span conventions follow TimeBank: prepositions are left out ("on Friday" ->
"Friday"), determiners that belong to the date are kept ("the 1990s",
"the third quarter"), an adjectival date is tagged alone ("third-quarter"
in "third-quarter profit").

The module only imports the standard library; ``dateparser`` is not needed
for the rules here (all arithmetic is done directly, which is what makes the
tagger fast).

Speed comes from never trying a pattern where it cannot match, without
changing what it finds: each rule runs only in windows around its keywords
(found by substring search or on the lowercased text, computed once per
text), and within them only at the positions its ``starts`` allow; cheap
substring tests skip context searches that could not succeed.  Every
shortcut is held to the plain regex scan it replaces by tests/test_dates.py.
"""
from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass
from typing import Callable, Optional, Union

from . import date_rules as R

__all__ = ['DateMention', 'find_dates']


@dataclass(frozen=True)
class DateMention:
    """One DATE expression found in a text.

    ``value`` is a TimeML TIMEX3 value ("2015-11-13", "2015-W48", "199",
    "PRESENT_REF", ...); ``mod`` a TimeML modifier ("START", "MID", "END",
    "APPROX", ...) or None.
    """
    start: int
    end: int
    text: str
    value: str
    mod: Optional[str] = None


# A value is either final, or a function of the reference time (the last
# concrete date value seen before it in the text, or None).
Value = Union[str, Callable[['_Refs'], Optional[str]]]


@dataclass
class _Cand:
    start: int
    end: int
    value: Value
    mod: Optional[str] = None
    modable: bool = False      # may absorb "early", "the end of", "around" ...
    anchor: bool = True        # may serve as reference time for later mentions
    prio: int = 0              # tie-break between equally long candidates
    explicit: bool = False     # the year is written out ("1998", "May 2, 1998")


class _Refs:
    """Reference times seen so far while walking the text in order."""
    __slots__ = ('last', 'last_quarter', 'last_day', 'dct', 'year', 'year_start', 'year_end')

    def __init__(self, dct: datetime.date):
        self.dct = dct
        self.last: Optional[str] = None
        self.last_quarter: Optional[str] = None
        self.last_day: Optional[datetime.date] = None   # last day-precise date
        self.year: Optional[int] = None       # last year written out, and
        self.year_start = self.year_end = 0   # where its mention is

    def shift_day(self, n: int) -> Optional[str]:
        """The day n days after the last day-precise date, or None when the
        text has named no day yet (a month or a year is no base for
        "the day before": the value would claim a precision it lacks)."""
        if self.last_day is None:
            return None
        return R.ymd(self.last_day + datetime.timedelta(days=n))


# ---------------------------------------------------------------- tagger ----
_PREV_WORD = re.compile(r"([A-Za-z][\w'.-]*)[^\w]*$")
_NEXT_WORD = re.compile(r"^[^\w$]*([\w$][\w'-]*)")


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 30), pos)
    return m.group(1) if m else ''


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text[pos:pos + 30])
    return m.group(1) if m else ''


_SENTENCE_OPENER = re.compile(r'(?:^|[.!?:]["\')]*\s+|\n\s*|["(]\s*)$')


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos]
    return pos == 0 or not before.strip() and '\n' in before or bool(
        _SENTENCE_OPENER.search(text[max(0, pos - 6):pos]))


_NON_SPACE_RUN = re.compile(r'\S*')


def _start_positions(starts, where: str, lo: int, hi: int):
    """The positions in where[lo:hi] where starts hits, in order: starts is
    a fast pattern, or a tuple of literal anchors (found with str.find,
    overlapping ones included)."""
    if not isinstance(starts, tuple):
        return [s.start() for s in starts.finditer(where, lo, hi)]
    found = set()
    for a in starts:
        i = where.find(a, lo, hi)
        while i >= 0:
            found.add(i)
            i = where.find(a, i + 1, hi)
    return sorted(found)


def _finditer_from(rx: re.Pattern, text: str, positions, lo: int, hi: int):
    """The matches of rx.finditer(text, lo, hi), found by trying rx only at
    the given positions (ascending, from _start_positions).  Exact as long
    as every position where rx can match is one of them: finditer tries
    each position in turn and goes on after a match's end, as this does (no
    pattern here matches the empty string)."""
    pos = lo
    match = rx.match
    for p in positions:
        if p >= pos:
            m = match(text, p, hi)
            if m:
                yield m
                pos = m.end()


class _Tagger:
    """One run of the rules over one text."""

    def __init__(self, text: str, dct: datetime.date, date_order: str):
        self.text = text
        self.dct = dct
        self.order = date_order
        self.cands: list[_Cand] = []
        # The lowercased text, for the case-insensitive keyword scans, or
        # None when it would not match as (?i) does (R.fold_safe).
        low = text.lower()
        self.low: Optional[str] = low if R.fold_safe(text, low) else None
        self._window_cache: dict[int, list[tuple[int, int]]] = {}
        self._reversed: Optional[str] = None   # text[::-1], made when first needed
        self._lean: Optional[str] = None       # the article's direction, when first needed

    # -- helpers -------------------------------------------------------
    def add(self, start: int, end: int, value: Value, mod: Optional[str] = None,
            modable: bool = False, anchor: bool = True, prio: int = 0,
            explicit: bool = False) -> None:
        self.cands.append(_Cand(start, end, value, mod, modable, anchor, prio, explicit))

    def undated(self, start: int, end: int, month: int, day: Optional[int] = None) -> Value:
        """The value of a month (and day) written without a year: the year
        written out earlier in the same sentence if there is one ("In 2014,
        sales peaked in March"; "the 2024 election in November"), else the
        year guessed from the DCT and the direction the words give the date."""
        clause, direction = self._directions(start, end, dated=True)
        guess = R.near_year(self.dct, month, day, direction)

        def val(refs: _Refs) -> Optional[str]:
            y = guess
            # Not for a deadline or a future clause ("a program approved in
            # 1987 ... had bought shares through Sept. 29").
            if clause in (None, 'past') and direction != 'deadline' and refs.year is not None \
                    and self._same_clause(refs.year_start, refs.year_end, start):
                y = refs.year
            if day is None:
                return '%04d-%02d' % (y, month)
            d = R.safe_date(y, month, day)
            return R.ymd(d) if d else None
        return val

    def tense(self, start: int, end: int) -> Optional[str]:
        """The direction of a weekday or season: its clause's tense, else
        the article's (see _directions)."""
        return self._directions(start, end)[1]

    def date_tense(self, start: int, end: int) -> Optional[str]:
        """The direction that decides the year of a month or day written
        without one (see _directions)."""
        return self._directions(start, end, dated=True)[1]

    def _directions(self, start: int, end: int, dated: bool = False) -> tuple[Optional[str], str]:
        """(the tense of the clause around text[start:end] or None, the
        direction to resolve the date in).  The direction is the clause's
        tense, unless the date names an event: one nobody plans ("Friday's
        attack", "the Aug. 7 bombings") is past; for any other a month or
        day only leans the clause's way ("will examine the Dec. 28 report":
        the verb tells of something else, and the nearest date is meant).
        The words before it may say more: "since" looks back; "by",
        "until", "extended to" ... make a deadline in a clause not known to
        be about the future (its verb is often the reporting one: "said ...
        through Sept. 30"), as does "until" before an event ("until his
        trial on Feb. 10").  Failing all, the article's direction as a
        whole (R.article_lean)."""
        text = self.text
        clause = R.clause_tense(text, start, end)
        event = self._event_named(start, end)
        if event is not None:
            if R.unplanned(event):
                return clause, 'past'   # "will investigate Friday's attack"
            if dated and clause in ('past', 'future'):
                return None, 'lean-' + clause
        if dated and clause == 'future' and _prev_word(text, start).lower() in ('after', 'before'):
            # A bound, not the time of the future event: "will review the
            # measures put in place after Aug. 7" (seen from 18 August).
            return clause, 'lean-future'
        if clause != 'future':
            # Look past a modifier: "until mid-November", "by early March".
            mod = self._modifier_before(start) if dated else None
            lead = mod.start() if mod else start
            prev = _prev_word(text, lead).lower()
            if prev == 'since':
                return clause, 'past'
            # A weekday after "by" in a past clause is a day gone by ("was
            # held by police until Friday"); a month or day is more often
            # a deadline all the same (see above).
            if (prev in R.DEADLINE_BEFORE or R.UNTIL_EVENT.search(text, max(0, lead - 40), lead)) \
                    and (dated or clause != 'past'):
                return clause, 'deadline'
        return clause, clause or self.lean()

    def _event_named(self, start: int, end: int) -> Optional[str]:
        """The noun after a date used as an attribute naming an event, in
        lower case ("bombings" in "the Aug. 7 bombings", "attack" in
        "Friday's deadly attack"), or None if the date is no attribute."""
        text = self.text
        m = R.EVENT_NOUN_AFTER.match(text, end)
        if m is None or not m.group('pos') and \
                _prev_word(text, start).lower() not in R.EVENT_DETERMINERS:
            return None
        if m.group('noun2') and not R.unplanned(m.group('noun')):
            return m.group('noun2')   # past an adjective: "Friday's deadly attack"
        return m.group('noun')

    def lean(self) -> str:
        """The article's direction (R.article_lean), computed once."""
        if self._lean is None:
            self._lean = R.article_lean(self.low if self.low is not None else self.text.lower())
        return self._lean

    def _same_clause(self, y_start: int, y_end: int, pos: int) -> bool:
        """Whether a year mentioned at y_start:y_end governs a date at pos:
        same sentence, and the year is not in a parenthetical between commas
        ("The firm, founded in 1998, said profits rose in September") unless
        it opens the sentence ("In 2014, sales peaked in March")."""
        text = self.text
        if R.SENT_END.search(text, y_end, pos):
            return False
        if ',' not in text[y_end:pos]:
            return True
        lead = text[max(0, y_start - 25):y_start]
        cut = None
        for cut in R.SENT_END.finditer(lead):
            pass
        lead = lead[cut.end():] if cut else lead
        return (cut is not None or y_start <= 25) and ',' not in lead

    # -- rules ---------------------------------------------------------
    def _period_end(self, start: int) -> bool:
        """True for the date in "the quarter ended Sept. 30": it only names
        the end of the period under discussion, which stays the reference."""
        lo = max(0, start - 30)
        return self._may_contain(R.PERIOD_END_WORDS, lo, start) and bool(
            R.PERIOD_END_RE.search(self.text, lo, start))

    def _may_contain(self, words: re.Pattern, lo: int, hi: int) -> bool:
        """False when none of words (an alternation of lower-case words) is
        in text[lo:hi], whatever its case: a pattern that needs one of them
        cannot match there, and looking for words is far cheaper than trying
        the pattern at every position.  True when the lowercased text cannot
        tell (see R.fold_safe)."""
        return self.low is None or words.search(self.low, lo, hi) is not None

    def _modifier_before(self, start: int) -> Optional[re.Match]:
        """The modifier ("early", "the end of", "around") ending right at
        start, searched in the 40 characters before it."""
        lo = max(0, start - 40)
        if not self._may_contain(R.MOD_WORDS, lo, start):
            return None
        m = R.MOD_RE.search(self.text, lo, start)
        return m if m and m.end() == start else None

    def r_month_day(self, m: re.Match) -> None:
        """Nov. 13, 2015 / November 13th / Friday, Oct. 13 / March eighth /
        Nov. 13-15 (both ends)."""
        text = self.text
        mon = R.month_num(m.group('mon'))
        day = R.day_num(m.group('day'))
        if not 1 <= day <= 31:
            return
        mon_word = m.group('mon').rstrip('.')
        if mon_word == 'May' and not m.group('year') and _prev_word(text, m.start()) in (
                'I', 'you', 'You', 'we', 'We', 'they', 'They', 'he', 'He', 'she', 'She'):
            return  # "May I ..." style modal
        year = R.year_of(m.group('year'), self.dct) if m.group('year') else None
        second = None if year else R.RANGE_SECOND_DAY.match(text, m.end())
        if second:
            # "Nov. 13-15, 2015": the year after the range is both ends' year.
            if second.group('year'):
                year = int(second.group('year'))
            day2 = R.day_num(second.group('day'))
            if day < day2 <= 31:
                end2 = second.end('year') if second.group('year') else second.end('day')
                self.add(second.start('day'), end2, self._day_value(m, mon, day2, year), prio=2)
        self.add(m.start(), m.end(), self._day_value(m, mon, day, year), modable=True, prio=2,
                 anchor=not self._period_end(m.start()), explicit=bool(m.group('year')))

    def _day_value(self, m: re.Match, mon: int, day: int, year: Optional[int]) -> Value:
        """The value of a day of a month in year, or of one written without
        a year (resolved from context); None-valued if no such day exists."""
        if year is None:
            return self.undated(m.start(), m.end(), mon, day)
        d = R.safe_date(year, mon, day)
        return R.ymd(d) if d else (lambda refs: None)

    def r_day_month(self, m: re.Match) -> None:
        """13 November / 1 December 2015 / the 13th of November / the first
        of May / 13-14 November (both ends)."""
        text = self.text
        mon = R.month_num(m.group('mon'))
        day = R.day_num(m.group('day') or m.group('dayw'))
        if not 1 <= day <= 31:
            return
        year = R.year_of(m.group('year'), self.dct) if m.group('year') else None
        first = None
        lo = max(0, m.start() - 30)
        # A range's first day ends in "and", a dash, "to" ... before this day
        # (a cheap test that spares most days the search).
        if m.group('day') and not m.group('wd') and \
                text[lo:m.start()].rstrip().endswith(R.RANGE_WORDS):
            first = R.RANGE_FIRST_DAY.search(text, lo, m.start())
        if first:
            g = 'day' if first.group('day') else 'day2'
            day1 = R.day_num(first.group(g))
            if day1 < day:
                self.add(first.start(g), first.end(g), self._day_value(m, mon, day1, year), prio=2)
            else:
                first = None
        if m.start() and text[m.start() - 1] in '-\u2013' and not first:
            return   # "3-1 November", "2015-16 November": not a day range
        end = m.end()
        if text[end - 1] == '.' and re.match(r'\s*$|\s+["\u201c]?[A-Z]', text[end:end + 3]):
            end -= 1   # "stood down on 4 Dec. The ...": the full stop ends the sentence
        self.add(m.start(), end, self._day_value(m, mon, day, year), modable=True, prio=2,
                 anchor=not self._period_end(m.start()), explicit=bool(m.group('year')))

    def r_numeric(self, m: re.Match) -> None:
        """2015-11-13, 13/11/2015 or 11/13/2015 (by date_order), 13.11.2015."""
        if m.group('iy'):
            d = R.safe_date(int(m.group('iy')), int(m.group('im')), int(m.group('id')))
        else:
            a, b, c, sep = int(m.group('a')), int(m.group('b')), m.group('c'), m.group('sep')
            if len(c) == 2:
                if sep != '/':
                    return  # 1.5.15 is more likely a version number
                # Two-digit years: the century that puts the date no more
                # than ten years after the DCT.
                y = 2000 + int(c) if 2000 + int(c) <= self.dct.year + 10 else 1900 + int(c)
            else:
                y = int(c)
            first = (a, b) if self.order == 'MDY' else (b, a)   # (month, day)
            d = R.safe_date(y, *first) or R.safe_date(y, first[1], first[0])
        if d is not None:
            self.add(m.start(), m.end(), R.ymd(d), prio=2, explicit=True)

    def r_month_year(self, m: re.Match) -> None:
        """November 1997 / Nov. 1997 / January this year / June of 1994."""
        y = R.year_of(m.group('year'), self.dct)
        if y is None:
            return
        mon = R.month_num(m.group('mon'))
        self.add(m.start(), m.end(), '%04d-%02d' % (y, mon), modable=True, prio=1, explicit=True)

    def r_month(self, m: re.Match) -> None:
        """A bare month name: "in November", "mid-November", "March sales"."""
        word = m.group('mon')
        text = self.text
        prev = _prev_word(text, m.start())
        nxt_m = re.match(r'\s+([A-Z][a-z]+)', text[m.end():m.end() + 20])
        cue = prev.lower() in R.MONTH_CUES or text[max(0, m.start() - 4):m.start()].lower().endswith('mid-')
        if word in ('May', 'March'):
            # The modal verb / the verb and the name: need a cue word before,
            # or a month list ("April and May").
            if not cue and not re.search(r'(?:%s),?\s+(?:and|or|to|through)\s+$' % R.MONTH_FULL,
                                         text[max(0, m.start() - 25):m.start()]) \
                    and not re.match(r',?\s+(?:and|or|to|through)\s+(?:%s)\b' % R.MONTH_FULL,
                                     text[m.end():m.end() + 25]):
                return
        # "April Smith", "June Carter": a capitalised word after, no cue before.
        if nxt_m and nxt_m.group(1) not in R.DATE_WORDS and prev.lower() not in R.STRONG_MONTH_CUES:
            return
        if (prev[:1].isupper() and not cue and prev not in R.DATE_WORDS
                and not _sentence_initial(text, m.start())):
            return   # "Theresa May", "Ms. June"
        if prev.lower() in ('each', 'every'):
            return   # "each July" is a set
        mon = R.month_num(word)
        self.add(m.start(), m.end(), self.undated(m.start(), m.end(), mon), modable=True)

    def r_year(self, m: re.Match) -> None:
        """1998 / fiscal 1989 / the year 2000 / FY2015."""
        y = int(m.group('year'))
        text = self.text
        if not m.group('fy'):
            prev = _prev_word(text, m.start())
            if prev.lower() in R.NOT_YEAR_BEFORE:
                return
            if (prev[:1].isupper() and prev not in R.DATE_WORDS and prev.lower() not in R.MONTH_CUES
                    and not prev.endswith("'s") and text[m.start() - 1] == ' '
                    and not _sentence_initial(text, m.start() - len(prev) - 1)):
                return   # a name with a number: "Orion 1980", "Vision 2020"
            nxt = _next_word(text, m.end()).lower()
            if nxt in R.NOT_YEAR_AFTER:
                return
            # A "year" far in the future or before 1600 is almost always
            # a count or a code in news copy.
            if y > self.dct.year + 30 or y < 1600:
                return
        self.add(m.start(), m.end(), '%04d' % y, modable=True, explicit=True)

    def r_spelled_year(self, m: re.Match) -> None:
        """Years read out in broadcast transcripts: "nineteen ninety-six"."""
        y = R.spelled_year(m.group('sy'))
        if y is None:
            return
        if y >= 2000 and not m.group('pre') and _prev_word(self.text, m.start()).lower() not in (
                'in', 'since', 'by', 'until', 'of', 'before', 'after'):
            return  # "two thousand people"
        self.add(m.start(), m.end(), '%04d' % y, modable=True)

    def r_decade(self, m: re.Match) -> None:
        """the 1990s / the '80s / the nineties / mid-1990s."""
        if m.group('c'):
            dec = int(m.group('c')) * 10 + int(m.group('d'))
        elif m.group('d2'):
            if not m.group('ap') and (not m.group('the') or re.match(
                    r'\s*(?:%|degrees|percent|per\s+cent|mph|km)', self.text[m.end():m.end() + 12])):
                return   # "in his 90s" is an age, "the 90s" a temperature
            d = int(m.group('d2'))
            cen = self.dct.year // 100
            dec = cen * 10 + d
            if dec > self.dct.year // 10:
                dec = (cen - 1) * 10 + d   # "'90s" seen from 2015 is the 1990s
        else:
            if not m.group('the'):
                return   # "in his forties" is an age
            d = R.DECADE_WORDS[m.group('w').lower()]
            cen = self.dct.year // 100
            dec = cen * 10 + d
            if dec > self.dct.year // 10:
                dec = (cen - 1) * 10 + d
        mod = R.MODIFIERS[m.group('mod').lower()] if m.group('mod') else None
        self.add(m.start(), m.end(), '%03d' % dec, mod=mod)

    def r_century(self, m: re.Match) -> None:
        """the 19th century -> "18"; the twentieth century -> "19"."""
        n = m.group('n')
        num = int(re.match(r'\d+', n).group()) if n[0].isdigit() else R.day_num(n)
        if not 1 <= num <= 30:
            return
        mod = R.MODIFIERS[m.group('mod').lower()] if m.group('mod') else None
        self.add(m.start(), m.end(), '%02d' % (num - 1), mod=mod)

    def r_relative(self, m: re.Match) -> None:
        """this/last/next/the past/the following + unit, month, weekday or season."""
        rel = re.sub(r'\s+', ' ', m.group('rel').lower())
        unit_raw = m.group('unit')
        unit = re.sub(r'\s+', ' ', unit_raw.lower())
        text, dct = self.text, self.dct
        before = text[max(0, m.start() - 4):m.start()].lower()
        if rel == 'last' and before.endswith('the ') and unit not in ('decade', 'century'):
            return   # "the last year" is a duration
        if rel == 'past' and unit not in R.SEASON_UNITS:
            return   # "past year" without article: "in past years" etc.
        if rel == 'the past' and unit != 'year' or rel == 'the last' and unit not in ('decade', 'century'):
            return   # "the past week", "the past century" are usually durations
        if unit_raw[0].isupper() and m.group('rel')[0].isupper() and unit not in R.MONTHS \
                and unit not in R.WEEKDAYS:
            return   # "This Week" (a title)
        if rel in ('the past', 'the last') and unit in ('year',):
            nxt = text[m.end():m.end() + 3]
            if nxt.startswith("'s") or nxt.startswith('-'):
                return
        if rel in ('the full', 'the') and unit not in ('year', 'fiscal year', 'weekend'):
            return
        if rel == 'the' and unit == 'year' and _prev_word(text, m.start()).lower() in (
                'all', 'throughout', 'during', 'whole', 'entire', 'per', 'a'):
            return   # "throughout the year" is a duration
        group = R.REL_GROUP[rel]
        start, end = m.start(), m.end()
        if unit in R.WEEKDAYS:
            wd = R.WEEKDAYS[unit]
            if group == 'prev':
                days = (dct.weekday() - wd) % 7 or 7
                val = R.ymd(dct - datetime.timedelta(days=days))
            elif group == 'next':
                days = (wd - dct.weekday()) % 7 or 7
                val = R.ymd(dct + datetime.timedelta(days=days))
            elif group in ('ref_prev', 'ref_next'):
                sign = -1 if group == 'ref_prev' else 1

                def val(refs, wd=wd, sign=sign):
                    # "the previous Friday": before the day under discussion.
                    base = refs.dct
                    if refs.last and R.granularity(refs.last) == 'day':
                        base = R.value_date(refs.last)
                    gap = (base.weekday() - wd) if sign < 0 else (wd - base.weekday())
                    return R.ymd(base + datetime.timedelta(days=sign * (gap % 7 or 7)))
            else:
                val = R.ymd(R.weekday_near(dct, wd, self.tense(start, end)))
            self.add(start, end, val, modable=True, prio=1)
            return
        if unit in R.MONTHS:
            mon = R.MONTHS[unit]
            if group == 'prev':
                # "last April" seen from November is this year's; "last
                # February" seen from March means a year ago (last month
                # would have been "last month").
                y = dct.year if mon < dct.month - 1 else dct.year - 1
            elif group == 'next':
                y = dct.year if mon > dct.month else dct.year + 1
            elif group == 'cur':
                y = dct.year
            else:
                return
            self.add(start, end, '%04d-%02d' % (y, mon), modable=True, prio=1)
            return
        if unit in R.SEASONS:
            s = R.SEASONS[unit]
            if group == 'prev':
                y = R.season_year(dct, s, 'last')   # the most recent one that is over
            elif group == 'next':
                y = R.season_year(dct, s, 'next')
            elif group == 'cur':
                y = R.season_year(dct, s, self.tense(start, end))
            else:
                return
            self.add(start, end, '%04d-%s' % (y, s), modable=True, prio=1)
            return
        if unit == 'weekend':
            if group == 'prev':
                base = dct - datetime.timedelta(days=dct.weekday() + 1)
            elif group == 'next':
                base = dct + datetime.timedelta(days=7 - dct.weekday() + 5)
            elif group == 'cur':
                t = self.tense(start, end)
                if dct.weekday() >= 5:
                    base = dct
                elif t in R.FORWARD:
                    base = dct + datetime.timedelta(days=5 - dct.weekday())
                else:
                    base = dct - datetime.timedelta(days=dct.weekday() + 1)
            else:
                return
            self.add(start, end, R.iso_week(base) + '-WE', modable=True, prio=1)
            return
        if unit == 'fiscal year':
            unit = 'year'
        n = {'prev': -1, 'cur': 0, 'next': 1}.get(group)
        if n is not None:
            self.add(start, end, R.shift(dct, unit, n), modable=True, prio=1)
            return
        # Anaphoric: "that year", "the following month", "the previous year".
        k = {'ref': 0, 'ref_prev': -1, 'ref_next': 1}[group]

        def val(refs, unit=unit, k=k):
            base = R.value_date(refs.last) if refs.last else None
            return R.shift(base or refs.dct, unit, k)
        self.add(start, end, val, modable=True, prio=1)

    def r_ago(self, m: re.Match) -> None:
        """two years ago / a year earlier / three days later / ten years from now."""
        n_txt = m.group('n')
        unit = m.group('unit').lower()
        unit = R.UNIT_NORM.get(unit, unit)
        direction = m.group('dir').lower().split()[0]
        back = direction in ('ago', 'earlier', 'before', 'previously')
        n = R.parse_number(n_txt)
        mod = 'APPROX' if m.group('or') else None
        if n is None:
            # "a few years ago" is only "in the past"; "a few days later" is
            # a stretch of time after some event, not a date.
            if direction in ('ago', 'from', 'hence'):
                self.add(m.start(), m.end(), 'PAST_REF' if back else 'FUTURE_REF', anchor=False,
                         modable=True)
            return
        if n * R.UNIT_YEARS[unit] >= 1000:
            return   # "900 centuries from now" is off any calendar a value can name
        if unit == 'day' and direction not in ('ago', 'from', 'hence'):
            # TimeBank annotates "three days later" / "a day earlier" as a
            # DURATION ("three days") and a signal ("later"), never a DATE.
            return
        sign = -1 if back else 1
        if direction in ('ago', 'from', 'hence'):
            if unit == 'year':
                # "a year ago" in an earnings report is the same quarter a
                # year before; otherwise just the year.
                def val(refs, n=n, sign=sign):
                    lq = refs.last_quarter
                    if lq and abs(int(lq[:4]) - refs.dct.year) <= 1:
                        return R.shift_years(lq, sign * n)
                    return R.shift(refs.dct, 'year', sign * n)
                self.add(m.start(), m.end(), val, mod=mod, modable=True, anchor=False)
            else:
                self.add(m.start(), m.end(), R.shift(self.dct, unit, sign * n), mod=mod, modable=True)
            return

        # earlier/later: relative to the reference time, keeping its
        # granularity ("the third quarter ... a year earlier").
        def val(refs, n=n, sign=sign, unit=unit):
            ref = refs.last
            if unit == 'year' and ref:
                return R.shift_years(ref, sign * n)
            base = R.value_date(ref) if ref else None
            if base is None or (unit in ('day', 'week') and R.granularity(ref) != 'day'):
                base = refs.dct
            return R.shift(base, unit, sign * n)
        self.add(m.start(), m.end(), val, mod=mod, modable=True, anchor=False)

    def r_quarter(self, m: re.Match) -> None:
        """the third quarter / third-quarter / the first half of 1998 / the
        year-earlier third quarter / next year's first quarter."""
        text, dct = self.text, self.dct
        ordw = m.group('ord').lower()
        unit = m.group('unit').lower()
        if ordw in ('last', 'final'):
            if not (m.group('det') or m.group('yr2')):
                return
            num = 4 if unit == 'quarter' else 2
        else:
            num = R.ORDINALS[ordw]
        if unit == 'half' and num > 2 or unit == 'quarter' and num > 4:
            return
        nxt = text[m.end():m.end() + 30]
        if re.match(r'\s*(?:of\s+(?:the|a|its|this|his|her|their)\b|-?(?:century|mile|inning|period of))', nxt):
            return  # "the first half of the match", "first quarter of the century"
        start = m.start()
        adjectival = '-' in m.group('sep') and not m.group('yr2')
        if adjectival:
            # "the third-quarter loss": "the" belongs to "loss".
            start = m.start('fis') if m.group('fis') else m.start('ord')
        letter = 'Q' if unit == 'quarter' else 'H'
        if m.group('yr2'):
            y = R.year_of(re.sub(r'(?i)^fiscal\s+', '', m.group('yr2')), dct)
            val: Value = '%04d-%s%d' % (y, letter, num)
        elif m.group('yr1'):
            yr1 = m.group('yr1')
            digits = re.search(r'\d{4}', yr1)
            y = int(digits.group()) if digits else R.year_of(yr1, dct)
            val = '%04d-%s%d' % (y, letter, num)
        elif m.group('ago'):
            def val(refs, num=num, letter=letter):
                base = refs.last_quarter or refs.last
                y = int(base[:4]) if base and base[:4].isdigit() else refs.dct.year
                return '%04d-%s%d' % (y - 1, letter, num)
        else:
            cur = R.quarter_of(dct) if letter == 'Q' else (2 if dct.month > 6 else 1)
            # Same year unless the period lies more than one period ahead:
            # in February "the fourth quarter" is last year's.
            y = dct.year if num - cur <= 1 else dct.year - 1
            val = '%04d-%s%d' % (y, letter, num)
        self.add(start, m.end(), val, prio=2)

    def r_quarter_code(self, m: re.Match) -> None:
        """Business shorthand: Q3, Q3 2015, H1 2015, Q2'15."""
        code = m.group('code').upper()
        letter, num = code[0], int(code[1])
        yr = m.group('y')
        if yr:
            y = R.year_of(yr, self.dct)
        else:
            cur = R.quarter_of(self.dct) if letter == 'Q' else (2 if self.dct.month > 6 else 1)
            y = self.dct.year if num - cur <= 1 else self.dct.year - 1
        self.add(m.start(), m.end(), '%04d-%s%d' % (y, letter, num), prio=1)

    def r_quarter_ref(self, m: re.Match) -> None:
        """the quarter / the latest quarter / the year-ago period / this quarter."""
        adj = (m.group('adj') or '').lower().strip()
        det = m.group('det').lower()
        unit = m.group('unit').lower()
        dct = self.dct
        if unit == 'period' and not adj:
            return
        if adj in ('same', 'comparable', 'corresponding') and not m.group('ago'):
            return
        ended = re.match(r'\s+(?:ended|ending|ends|that\s+ended|through)\s+(%s)\s*(\d{1,2})\b'
                         % R.MONTH, self.text[m.end():m.end() + 30])
        if 'year-' in adj or m.group('ago'):
            def val(refs):
                base = refs.last_quarter or refs.last
                if base and R.granularity(base) == 'quarter':
                    return R.shift_years(base, -1)
                if base:
                    return '%04d' % (int(base[:4]) - 1) if base[:4].isdigit() else None
                return R.shift(refs.dct, 'year', -1)
            self.add(m.start(), m.end(), val, prio=1, anchor=False)
            return
        if unit == 'quarter' and (det == 'this' and not adj or adj == 'current'):
            self.add(m.start(), m.end(), R.shift(dct, 'quarter', 0), prio=1)
            return
        if ended:
            mon = R.month_num(ended.group(1))
            y = R.near_year(dct, mon, int(ended.group(2)))
            self.add(m.start(), m.end(), '%04d-Q%d' % (y, (mon - 1) // 3 + 1), prio=1)
            return

        if adj in ('latest', 'most recent', 'just-ended', 'just ended', 'recent'):
            # The latest quarter is the last one completed before publication.
            self.add(m.start(), m.end(), R.shift(dct, 'quarter', -1), prio=1)
            return

        def val(refs):
            return refs.last_quarter or R.shift(refs.dct, 'quarter', -1)
        self.add(m.start(), m.end(), val, prio=1)

    def r_year_period(self, m: re.Match) -> None:
        """the 1988 quarter / the 1988 period: in an earnings report, the
        same quarter as the one under discussion, in that year."""
        y = int(m.group('year'))
        unit = m.group('unit').lower()

        def val(refs, y=y, unit=unit):
            if refs.last_quarter:
                return '%04d%s' % (y, refs.last_quarter[4:])
            return '%04d' % y if unit == 'period' else None
        self.add(m.start(), m.end(), val, anchor=False, prio=1)

    def r_year_ago_adj(self, m: re.Match) -> None:
        """year-ago / year-earlier used as an adjective: "year-earlier profit"."""
        nxt = self.text[m.end():m.end() + 30]
        if re.match(r'\s+(?:first\s+)?(?:three|six|nine|twelve|\d+)[\s-]+months?', nxt):
            return   # "the year-earlier nine months" is a duration

        def val(refs):
            base = refs.last_quarter if refs.last_quarter else refs.last
            if base:
                return R.shift_years(base, -1)
            return R.shift(refs.dct, 'year', -1)
        self.add(m.start(), m.end(), val, anchor=False)

    def r_season(self, m: re.Match) -> None:
        """the summer / in spring / summer of 1994 / the winter of 1994."""
        s = R.SEASONS[m.group('season').lower()]
        yr = m.group('yr') or m.group('yr2')
        start = m.start()
        text = self.text
        prev = _prev_word(text, start).lower()
        if yr:
            y = R.year_of(yr, self.dct)
            if y is None:
                return
        else:
            if prev not in R.SEASON_CUES:
                return
            nxt = text[m.end():m.end() + 20]
            if re.match(r'\s+of\b', nxt):
                return   # "the fall of Rome"
            if R.SEASON_NOUN_AFTER.match(nxt):
                return   # "summer holidays", "winter-time": a kind of thing, not a date
            y = R.season_year(self.dct, s, self.tense(start, m.end()))
        the = R.THE_BEFORE.search(text, max(0, start - 6), start)
        if the:
            start = the.start()   # TimeBank keeps the article: "the summer"
        self.add(start, m.end(), '%04d-%s' % (y, s), modable=True)

    def r_weekday(self, m: re.Match) -> None:
        """Friday / on Tuesday / Friday's: within the week around the DCT."""
        text = self.text
        prev = _prev_word(text, m.start())
        if re.fullmatch(R.WEEKDAY_NAMES_BEFORE, prev):
            return   # "Good Friday", "Black Monday"
        if re.match(r'\s+(?:%s)\b' % R.NAME_FOLLOWERS, text[m.end():m.end() + 25]):
            return   # "Sunday Times"
        if m.group('wd') == 'Sunday' and R.ON_SUNDAY_TITLE.search(text, max(0, m.start() - 20),
                                                                  m.start()):
            return   # "the Mail on Sunday"
        if prev.lower() in ('each', 'every'):
            return   # a set of days, not a date
        if re.match(r's?\s+(?:and\s+\w+\s+)?nights\b', text[m.end():m.end() + 25]):
            return   # "Monday and Tuesday nights": recurring
        wd = R.WEEKDAYS[m.group('wd').lower()]
        d = R.weekday_near(self.dct, wd, self.tense(m.start(), m.end()))
        self.add(m.start(), m.end(), R.ymd(d), modable=True)

    def r_deictic(self, m: re.Match) -> None:
        """yesterday / today / tomorrow."""
        w = re.sub(r'\s+', ' ', m.group(0).lower())
        if w == 'today' and self.text[max(0, m.start() - 4):m.start()] == 'USA ':
            return
        off = {'yesterday': -1, 'today': 0, 'tomorrow': 1,
               'the day before yesterday': -2, 'the day after tomorrow': 2}[w]
        self.add(m.start(), m.end(), R.ymd(self.dct + datetime.timedelta(days=off)), modable=True)

    def r_ref_day(self, m: re.Match) -> None:
        """the day before / the following day / the next day / that day:
        a day counted from the last day the text named."""
        word = (m.group('adj') or m.group('dir') or m.group('same') or '').lower()
        if m.group('adj') and _prev_word(self.text, m.start()).lower() in (
                'over', 'within', 'in', 'for', 'during', 'throughout'):
            return   # "over the next day or so" is a stretch of time
        n = R.REF_DAY_SHIFT[word]
        self.add(m.start(), m.end(), lambda refs, n=n: refs.shift_day(n))

    def r_vague(self, m: re.Match) -> None:
        """now / currently / recently / the past / the future / soon ..."""
        text = self.text
        g = m.lastgroup
        s, e = m.span(g)
        word = m.group(g).lower()
        g = g.rstrip('2')
        if g == 'present':
            val = 'PRESENT_REF'
        elif g == 'past':
            val = 'PAST_REF'
            if word == 'the past':
                nxt = text[e:e + 25]
                if re.match(r'\s+(?:\d|few|several|many|couple|decade|year|month|week|day|quarter|'
                            r'century|one|two|three|four|five|six|seven|eight|nine|ten|twelve|'
                            r'fifteen|twenty|thirty|fifty|hundred)', nxt, re.I):
                    return
        elif g == 'future':
            val = 'FUTURE_REF'
            if word == 'soon':
                before = text[max(0, s - 8):s].lower()
                after = text[e:e + 14].lower()
                if before.endswith(('as ', 'how ', 'too ')) or re.match(
                        r'\s+(?:after|afterward|thereafter|as|enough)\b', after):
                    return   # "as soon as", "soon after": conjunctions, not dates
        elif g == 'current':
            val = 'PRESENT_REF'
            nxt = _next_word(text, e).lower()
            if nxt in R.NOT_CURRENT_DATE:
                return   # "current account", "current prices": no time reference
        else:
            return
        self.add(s, e, val, anchor=False, prio=-1)

    def r_holiday(self, m: re.Match) -> None:
        """Holidays: Christmas, New Year's Day, Independence Day ...; Easter,
        Thanksgiving ... fall on the day they do in the year chosen."""
        name = m.group('h').lower().replace('\u2019', "'")
        if name in R.HOLIDAYS:
            mon, day = R.HOLIDAYS[name]
            y = R.near_year(self.dct, mon, day, self.date_tense(m.start(), m.end()))
            self.add(m.start(), m.end(), '%04d-%02d-%02d' % (y, mon, day), modable=True)
            return
        if name == 'easter' and re.match(r'\s+(?:Island|Rising|egg|bunny)',
                                         self.text[m.end():m.end() + 8]):
            return   # "Easter Island", "the Easter Rising": names
        when = R.MOVABLE_HOLIDAYS[name]
        approx = when(self.dct.year)
        y = R.near_year(self.dct, approx.month, approx.day, self.date_tense(m.start(), m.end()))
        self.add(m.start(), m.end(), R.ymd(when(y)), modable=True)

    def r_period_edge(self, m: re.Match) -> None:
        """the end of the year / year-end / earlier in the year."""
        unit = (m.group('u') or m.group('u2') or 'year').lower()
        pos = (m.group('pos') or m.group('el') or 'end').lower()
        mod = R.MODIFIERS.get(pos, 'END')
        if pos == 'turn':
            return
        self.add(m.start(), m.end(), R.shift(self.dct, unit, 0), mod=mod)

    # -- driver ----------------------------------------------------------
    def run(self) -> list[DateMention]:
        text = self.text
        for rule in R.RULES:
            handler = getattr(self, rule.handler)
            for m in self._matches(rule):
                self._try(handler, m)
        if not self.cands:
            return []
        for c in self.cands:
            if c.modable:
                self._absorb_modifier(c)
        chosen = self._select()
        # Multi-month reporting periods ("the nine months", "the year ended
        # June 30") are durations, not dates, but they change what "a year
        # earlier" compares with: from then on it is the year, not the quarter.
        resets = self._period_resets() if 'month' in text or 'year end' in text else []
        refs = _Refs(self.dct)
        out = []
        for c in chosen:
            while resets and resets[0] < c.start:
                resets.pop(0)
                refs.last_quarter = None
                refs.last = '%04d' % self.dct.year
            v = c.value
            if callable(v):
                v = self._try(v, refs)
                if v is None:
                    continue
            if v[0] == '-':
                continue   # "29 centuries ago" seen from 2000: before year 0
            if c.explicit:
                refs.year, refs.year_start, refs.year_end = int(v[:4]), c.start, c.end
            if c.anchor:
                gran = R.granularity(v)
                if gran != 'other':
                    refs.last = v
                    if gran == 'quarter':
                        refs.last_quarter = v
                    elif gran == 'day':
                        refs.last_day = R.value_date(v)
            out.append(DateMention(c.start, c.end, text[c.start:c.end], v, c.mod))
        return out

    @staticmethod
    def _try(fn, arg):
        """fn(arg), or None when the date arithmetic runs off the calendar
        (a DCT in year 1 or 9999 has no "yesterday" or "next year")."""
        try:
            return fn(arg)
        except (OverflowError, ValueError):
            return None

    def _matches(self, rule: R.Rule):
        """The matches of a rule, as rule.rx.finditer finds them in each
        window around its keywords (or in the whole text)."""
        text = self.text
        windows = [(0, len(text))] if rule.keys is None else self._windows(rule.keys)
        if rule.starts is None or rule.starts_caseless and self.low is None:
            for lo, hi in windows:
                yield from rule.rx.finditer(text, lo, hi)
            return
        where = self.low if rule.starts_caseless else text
        for lo, hi in windows:
            yield from _finditer_from(rule.rx, text, _start_positions(rule.starts, where, lo, hi),
                                      lo, hi)

    def _period_resets(self) -> list[int]:
        """Where the text names a multi-month reporting period (see run)."""
        if self.low is None:
            return [m.start() for m in R.PERIOD_RESET_RE.finditer(self.text)]
        low = self.low
        starts = _start_positions(R.PERIOD_RESET_STARTS, low, 0, len(low))
        return [m.start() for m in _finditer_from(R.PERIOD_RESET_LOWER, low, starts, 0, len(low))]

    def _key_hits(self, keys: R.Keys):
        """The spans of the keyword hits for a rule, in text order."""
        if keys.caseless:
            where = self.low
            if where is None:
                return [m.span() for m in keys.anycase.finditer(self.text)]
        else:
            where = self.text
        if keys.gate and not any(w in where for w in keys.gate):
            return ()
        if keys.words is not None:
            return R.literal_hits(where, keys.words, keys.bounded)
        if keys.starts is None:
            return [m.span() for m in keys.rx.finditer(where)]
        starts = _start_positions(keys.starts, where, 0, len(where))
        return [m.span() for m in _finditer_from(keys.rx, where, starts, 0, len(where))]

    def _windows(self, keys: R.Keys) -> list[tuple[int, int]]:
        """Disjoint stretches of text around the keyword hits, widened to
        word boundaries so no match is cut short at a window edge.  Several
        rules share keywords (the month names): computed once per text."""
        cached = self._window_cache.get(id(keys))
        if cached is not None:
            return cached
        text, n = self.text, len(self.text)
        out: list[list[int]] = []
        for start, end in self._key_hits(keys):
            lo, hi = max(0, start - R.WINDOW), min(n, end + R.WINDOW)
            if out and lo <= out[-1][1]:
                out[-1][1] = hi
            else:
                out.append([lo, hi])
        if out:
            # Widen each edge over the word it cuts: forwards with a regex
            # run of non-space, backwards with the same run in the reversed
            # text (\S is exactly "not str.isspace()").
            if self._reversed is None:
                self._reversed = text[::-1]
            rev = self._reversed
            for w in out:
                w[0] -= _NON_SPACE_RUN.match(rev, n - w[0]).end() - (n - w[0])
                w[1] = _NON_SPACE_RUN.match(text, w[1]).end()
        windows = [(lo, hi) for lo, hi in out]
        self._window_cache[id(keys)] = windows
        return windows

    def _absorb_modifier(self, c: _Cand) -> None:
        m = self._modifier_before(c.start)
        if not m:
            return
        if m.group('ap') and self.text.startswith(("'s", "\u2019s"), c.end):
            return   # "asked about Friday's attack": a preposition, not "around"
        word = (m.group('pw') or m.group('em') or m.group('ap')).lower()
        if m.group('ap') and c.mod is None:
            c.mod = R.MODIFIERS[word]
        elif not m.group('ap'):
            c.mod = R.MODIFIERS[word]
        c.start = m.start()

    def _select(self) -> list[_Cand]:
        """Longest candidates first; a candidate overlapping a kept one is dropped."""
        order = sorted(self.cands, key=lambda c: (-(c.end - c.start), -c.prio, c.start))
        # Kept spans are disjoint, so sorted by start they are sorted by end
        # too: a candidate overlaps one of them only if it overlaps the last
        # one starting before its end.
        kept: list[_Cand] = []
        starts: list[int] = []
        for c in order:
            if c.end <= c.start:
                continue
            i = bisect.bisect_left(starts, c.end)
            if i and kept[i - 1].end > c.start:
                continue
            kept.insert(i, c)
            starts.insert(i, c.start)
        return kept


def find_dates(text: str, dct: datetime.date, *, date_order: str = 'MDY') -> list[DateMention]:
    """All DATE expressions in text, sorted by start, never overlapping.

    ``dct`` is the article's publication date, the anchor for relative
    expressions ("yesterday", "last week", a bare "Friday").  ``date_order``
    ("MDY" or "DMY") decides how all-numeric dates such as 13/11/2015 are
    read; an impossible reading (month 13) falls back to the other order.
    """
    if date_order not in ('MDY', 'DMY'):
        raise ValueError('date_order must be "MDY" or "DMY", not %r' % (date_order,))
    if isinstance(dct, datetime.datetime):
        dct = dct.date()
    if not text:
        return []
    return _Tagger(text, dct, date_order).run()
