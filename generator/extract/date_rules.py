"""Vocabulary, patterns and calendar arithmetic for the date tagger.

Kept apart from :mod:`.dates` so that ``dates.py`` reads as the
algorithm (find candidates, judge their context, resolve overlaps and
references) and this module as what it works with, in this order:

* word tables (months, weekdays, number words, seasons, holidays, modifiers);
* regex fragments for the pieces of a date (a day, a year, a month name);
* calendar arithmetic on TimeML values (ISO weeks, quarters, shifting a value
  by years, choosing the year of a date written without one);
* parsing of the words inside a match ("Sept." -> 9, "nineteen ninety-six");
* context word lists used to accept or reject a match, and the cues for the
  tense of a clause (which decides the year of "in March", the week of
  "Friday");
* the full patterns, one per family of expression, and the table of rules
  the tagger runs (pattern, handler, keywords that gate it).

Everything is written from English grammar and news-writing conventions;
nothing is copied from other taggers' rule files.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Optional, Union

MONTHS = {
    'january': 1, 'february': 2, 'march': 3, 'april': 4, 'may': 5, 'june': 6,
    'july': 7, 'august': 8, 'september': 9, 'october': 10, 'november': 11,
    'december': 12,
    'jan': 1, 'feb': 2, 'mar': 3, 'apr': 4, 'jun': 6, 'jul': 7, 'aug': 8,
    'sep': 9, 'sept': 9, 'oct': 10, 'nov': 11, 'dec': 12,
}

WEEKDAYS = {
    'monday': 0, 'tuesday': 1, 'wednesday': 2, 'thursday': 3, 'friday': 4,
    'saturday': 5, 'sunday': 6,
    # Abbreviations are only accepted inside a full calendar date
    # ("Wed., Nov. 13"): on their own "Wed", "Sun" and "Sat" are far more often
    # other words or names.
    'mon': 0, 'tue': 1, 'tues': 1, 'wed': 2, 'thu': 3, 'thur': 3, 'thurs': 3,
    'fri': 4, 'sat': 5, 'sun': 6,
}

# Cardinal number words used in "two years ago", "ten days later".
NUMBER_WORDS = {
    'a': 1, 'an': 1, 'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5,
    'six': 6, 'seven': 7, 'eight': 8, 'nine': 9, 'ten': 10, 'eleven': 11,
    'twelve': 12, 'thirteen': 13, 'fourteen': 14, 'fifteen': 15,
    'sixteen': 16, 'seventeen': 17, 'eighteen': 18, 'nineteen': 19,
    'twenty': 20, 'thirty': 30, 'forty': 40, 'fifty': 50, 'sixty': 60,
    'seventy': 70, 'eighty': 80, 'ninety': 90, 'hundred': 100,
}

ORDINALS = {
    'first': 1, 'second': 2, 'third': 3, 'fourth': 4, 'fifth': 5, 'sixth': 6,
    'seventh': 7, 'eighth': 8, 'ninth': 9, 'tenth': 10, 'eleventh': 11,
    'twelfth': 12, 'thirteenth': 13, 'fourteenth': 14, 'fifteenth': 15,
    'sixteenth': 16, 'seventeenth': 17, 'eighteenth': 18, 'nineteenth': 19,
    'twentieth': 20, 'thirtieth': 30,
    '1st': 1, '2nd': 2, '3rd': 3, '4th': 4,
}

# Spelled-out years as read aloud in broadcast transcripts:
# "nineteen ninety-six", "nineteen oh five".
UNITS = {'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6,
         'seven': 7, 'eight': 8, 'nine': 9}
TEENS = {'ten': 10, 'eleven': 11, 'twelve': 12, 'thirteen': 13, 'fourteen': 14,
         'fifteen': 15, 'sixteen': 16, 'seventeen': 17, 'eighteen': 18,
         'nineteen': 19}
TENS = {'twenty': 20, 'thirty': 30, 'forty': 40, 'fifty': 50, 'sixty': 60,
        'seventy': 70, 'eighty': 80, 'ninety': 90}
DECADE_WORDS = {'twenties': 2, 'thirties': 3, 'forties': 4, 'fifties': 5,
                'sixties': 6, 'seventies': 7, 'eighties': 8, 'nineties': 9}

SEASONS = {'spring': 'SP', 'summer': 'SU', 'fall': 'FA', 'autumn': 'FA',
           'winter': 'WI'}
# Month in which each season starts (northern hemisphere, as news uses them).
SEASON_START = {'SP': 3, 'SU': 6, 'FA': 9, 'WI': 12}

# Fixed-date holidays: (month, day).
HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31),
    'christmas day': (12, 25), 'christmas eve': (12, 24), 'christmas': (12, 25),
    'boxing day': (12, 26), 'halloween': (10, 31),
    "valentine's day": (2, 14), 'independence day': (7, 4),
    'the fourth of july': (7, 4), 'july fourth': (7, 4),
    'veterans day': (11, 11), 'armistice day': (11, 11),
    "st. patrick's day": (3, 17), "st patrick's day": (3, 17), 'bastille day': (7, 14),
    "st george's day": (4, 23), "st andrew's day": (11, 30), 'remembrance day': (11, 11),
    'bonfire night': (11, 5), 'guy fawkes night': (11, 5), 'hogmanay': (12, 31),
    'juneteenth': (6, 19),
}


def easter(y: int) -> datetime.date:
    """Easter Sunday of year y (Gregorian calendar), by the usual
    golden-number / epact arithmetic."""
    golden = y % 19
    century, yc = divmod(y, 100)
    leap_skips = century // 4
    moon_fix = (century + 8) // 25
    epact = (19 * golden + century - leap_skips - (century - moon_fix + 1) // 3 + 15) % 30
    wd_fix = (32 + 2 * (century % 4) + 2 * (yc // 4) - epact - yc % 4) % 7
    late = (golden + 11 * epact + 22 * wd_fix) // 451
    month, day = divmod(epact + wd_fix - 7 * late + 114, 31)
    return datetime.date(y, month, day + 1)


def nth_weekday(y: int, month: int, weekday: int, n: int) -> datetime.date:
    """The n-th weekday (0 = Monday) of a month; n = -1 for the last one."""
    if n > 0:
        first = datetime.date(y, month, 1)
        return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = datetime.date(y + month // 12, month % 12 + 1, 1)
    last = nxt - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def _from_easter(days: int):
    return lambda y: easter(y) + datetime.timedelta(days=days)


# Holidays whose date moves from year to year: name -> year -> date.
MOVABLE_HOLIDAYS = {
    'easter': _from_easter(0), 'easter sunday': _from_easter(0), 'easter day': _from_easter(0),
    'easter monday': _from_easter(1), 'good friday': _from_easter(-2),
    'maundy thursday': _from_easter(-3), 'palm sunday': _from_easter(-7),
    'ash wednesday': _from_easter(-46), 'shrove tuesday': _from_easter(-47),
    'pancake day': _from_easter(-47), 'whit monday': _from_easter(50),
    'thanksgiving': lambda y: nth_weekday(y, 11, 3, 4),
    'thanksgiving day': lambda y: nth_weekday(y, 11, 3, 4),
    'black friday': lambda y: nth_weekday(y, 11, 3, 4) + datetime.timedelta(days=1),
    'cyber monday': lambda y: nth_weekday(y, 11, 3, 4) + datetime.timedelta(days=4),
    'memorial day': lambda y: nth_weekday(y, 5, 0, -1),
    'labor day': lambda y: nth_weekday(y, 9, 0, 1),
    'martin luther king day': lambda y: nth_weekday(y, 1, 0, 3),
    'remembrance sunday': lambda y: nth_weekday(y, 11, 6, 2),
}

# Modifier words in front of a date and their TimeML mod.
MODIFIERS = {
    'early': 'START', 'earlier': 'START', 'beginning': 'START', 'start': 'START',
    'dawn': 'START', 'mid': 'MID', 'middle': 'MID', 'late': 'END', 'later': 'END',
    'end': 'END', 'close': 'END',
    'about': 'APPROX', 'around': 'APPROX', 'approximately': 'APPROX',
    'roughly': 'APPROX', 'some': 'APPROX', 'nearly': 'EQUAL_OR_LESS',
    'almost': 'EQUAL_OR_LESS', 'more than': 'MORE_THAN', 'over': 'MORE_THAN',
    'less than': 'LESS_THAN',
}

# --------------------------------------------------------------- regexes ----
# Month names must be capitalised: in news copy a lower-case "may" or "march"
# is the verb.  Longer alternatives first so "Sept" wins over "Sep".
MONTH_FULL = ('January|February|March|April|May|June|July|August|September|'
              'October|November|December')
MONTH_ABBR = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec'
MONTH = r'(?:(?:%s)\b|(?:%s)\b\.?)' % (MONTH_FULL, MONTH_ABBR)
WEEKDAY_FULL = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday'
WEEKDAY_ANY = (r'(?:(?:%s)\b|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\b\.?)'
               % WEEKDAY_FULL)
# Day of month: 1-31 with optional ordinal suffix, never followed by more
# digits, a decimal part, a percent sign or a clock time.
DAY = r'(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[:.]\d|,\d{3})'
DAY_WORD = ('(?i:thirty-first|thirtieth|twenty-(?:first|second|third|fourth|fifth|'
            'sixth|seventh|eighth|ninth)|twentieth|nineteenth|eighteenth|'
            'seventeenth|sixteenth|fifteenth|fourteenth|thirteenth|twelfth|'
            'eleventh|tenth|ninth|eighth|seventh|sixth|fifth|fourth|third|'
            'second|first)')
# A four-digit year 1000-2099.
YEAR4 = r'(?:1\d{3}|20\d{2})'
SPELLED_YEAR = (r'(?i:(?:nineteen|eighteen)\s+(?:(?:twenty|thirty|forty|fifty|sixty|'
                r'seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|'
                r'eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|'
                r'seventeen|eighteen|nineteen|oh[\s-](?:one|two|three|four|five|six|'
                r'seven|eight|nine))|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|'
                r'four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|'
                r'fifteen|sixteen|seventeen|eighteen|nineteen))?)')
NUM = (r'(?:\d{1,3}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|'
       r'eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|'
       r'nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|'
       r'a\s+few|a\s+couple\s+of|a\s+couple|several|some|many|a\s+number\s+of))')

# Words after a bare weekday or month that show it is a name, not a date.
NAME_FOLLOWERS = (r'Times|Telegraph|Mirror|Express|Post|Herald|Independent|Mail|'
                  r'Tribune|Star|People|Sport|Night\s+Football|Magazine|Review|'
                  r'Observer|Business|Morning\s+Post')
# Newspapers named "... on Sunday".
ON_SUNDAY_TITLE = re.compile(r'\b(?:Mail|Independent|Scotland|Sport)\s+on\s+$')
# Named days that are not the plain weekday.
WEEKDAY_NAMES_BEFORE = ('Good|Black|Super|Ash|Palm|Easter|Bloody|Holy|Maundy|'
                        'Shrove|Cyber|Whit|Low|Trinity|Mothering|Fat')


# ----------------------------------------------------------- arithmetic ----
def iso_week(d: datetime.date) -> str:
    y, w, _ = d.isocalendar()
    return '%04d-W%02d' % (y, w)


def quarter_of(d: datetime.date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def safe_date(y: int, m: int, d: int) -> Optional[datetime.date]:
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def ymd(d: datetime.date) -> str:
    return d.isoformat()


def shift(dct: datetime.date, unit: str, n: int) -> str:
    """DCT moved by n units, expressed at that unit's granularity."""
    if unit == 'day':
        return ymd(dct + datetime.timedelta(days=n))
    if unit == 'week':
        return iso_week(dct + datetime.timedelta(weeks=n))
    if unit == 'month':
        y, m = add_months(dct.year, dct.month, n)
        return '%04d-%02d' % (y, m)
    if unit == 'quarter':
        k = dct.year * 4 + quarter_of(dct) - 1 + n
        return '%04d-Q%d' % (k // 4, k % 4 + 1)
    if unit == 'half':
        k = dct.year * 2 + (dct.month > 6) + n
        return '%04d-H%d' % (k // 2, k % 2 + 1)
    if unit == 'year':
        return '%04d' % (dct.year + n)
    if unit == 'decade':
        return '%03d' % (dct.year // 10 + n)
    if unit == 'century':
        return '%02d' % (dct.year // 100 + n)
    raise ValueError(unit)


_VALUE_YEAR = re.compile(r'^(\d{4})(.*)$')


def shift_years(value: str, n: int) -> Optional[str]:
    """Move any year-anchored TimeML value ("1989-Q3", "1989-10-26") by n years,
    keeping its granularity: "a year earlier" than a quarter is that quarter
    a year before."""
    m = _VALUE_YEAR.match(value)
    if not m:
        return None
    y = int(m.group(1)) + n
    rest = m.group(2)
    if rest == '-02-29':
        rest = '-02-28'
    if rest.startswith('-W53'):
        rest = '-W52' + rest[4:]
    return '%04d%s' % (y, rest)


# Cached: the tagger asks about the same few values over and over.
@functools.lru_cache(maxsize=4096)
def value_date(value: str) -> Optional[datetime.date]:
    """A representative day for a value (its first day), for arithmetic."""
    m = re.match(r'^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-W(\d\d))?$', value)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        return safe_date(y, int(m.group(2)), int(m.group(3)))
    if m.group(2):
        return safe_date(y, int(m.group(2)), 1)
    if m.group(4):
        return datetime.date(y, 3 * int(m.group(4)) - 2, 1)
    if m.group(5):
        try:
            return datetime.date.fromisocalendar(y, int(m.group(5)), 1)
        except ValueError:
            return None
    return datetime.date(y, 1, 1)


@functools.lru_cache(maxsize=4096)
def granularity(value: str) -> str:
    """'day', 'month', 'week', 'quarter', 'year' or 'other' (cached, as value_date)."""
    if re.match(r'^\d{4}-\d\d-\d\d$', value):
        return 'day'
    if re.match(r'^\d{4}-\d\d$', value):
        return 'month'
    if re.match(r'^\d{4}-W\d\d$', value):
        return 'week'
    if re.match(r'^\d{4}-Q\d$', value):
        return 'quarter'
    if re.match(r'^\d{4}$', value):
        return 'year'
    return 'other'


# Where a date written without a year may lie relative to the DCT and still
# be taken in the DCT's year, by the direction the words give it: in days for
# a day ("13 November"), in calendar months for a bare month ("in November").
# A date in a past clause is not after the DCT ("was bought in February" seen
# from October is this February; "was raided on 13 December" seen from 1
# December last year's), give or take a week for datelines.  A date in a
# future clause is not before it ("will be closed between March and May"
# seen from December is next year's).  A weak future ("said it would", "agreed
# to") tells of a future seen from a recent past: at most two weeks before
# the DCT ("said they would question everyone who was there on Aug. 7", seen
# from 18 August), else up to a year after it.  Other hints only lean one way: the
# nearest date wins unless it lies more than about four months the other way
# (a deadline after "until", "by"; an article told in the past or in the
# future; a date naming an event).  With no hint at all
# ('nearest'), or in a present clause ('present': "is calling for the
# redemption on Dec. 7"), the nearest date wins.  None (no tense asked for)
# leans back, as news does.
YEAR_WINDOW_DAYS = {None: (-240, 120), 'lean-past': (-240, 120), 'past': (-366, 7),
                    'future': (-7, 366), 'lean-future': (-120, 240), 'deadline': (-120, 240),
                    'weak-future': (-14, 351), 'nearest': (-182, 183), 'present': (-182, 183)}
YEAR_WINDOW_MONTHS = {'past': (-11, 0), 'future': (0, 11), 'weak-future': (-1, 11)}
# Directions that put a bare weekday in the coming week.
FORWARD = frozenset({'future', 'weak-future', 'lean-future', 'deadline'})


def near_year(dct: datetime.date, month: int, day: Optional[int] = None,
              tense: Optional[str] = None) -> int:
    """Year for a month (and day) written without one: the DCT's year when
    the date falls inside the window for its direction (a key of
    YEAR_WINDOW_DAYS), else the adjacent year on the other side."""
    y = dct.year
    if day is None and tense in YEAR_WINDOW_MONTHS:
        lo, hi = YEAR_WINDOW_MONTHS[tense]
        delta = month - dct.month
    else:
        # A bare month without a tense cue is placed at its middle.
        d = safe_date(y, month, day or 15) or datetime.date(y, month, 28)
        delta = (d - dct).days
        lo, hi = YEAR_WINDOW_DAYS[tense]
    if delta > hi:
        return y - 1
    if delta < lo:
        return y + 1
    return y


# ------------------------------------------------------- word parsing ----
def parse_number(word: str) -> Optional[int]:
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    w = re.sub(r'\s+', ' ', w)
    return NUMBER_WORDS.get(w)


def month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip('.')]


def day_num(word: str) -> int:
    w = word.lower()
    m = re.match(r'\d+', w)
    if m:
        return int(m.group())
    if w in ORDINALS:
        return ORDINALS[w]
    if w.startswith('twenty-'):
        return 20 + ORDINALS[w[7:]]
    if w == 'thirty-first':
        return 31
    return 0


def spelled_year(s: str) -> Optional[int]:
    words = re.split(r'[\s-]+', s.lower().strip())
    if words[:2] == ['two', 'thousand']:
        rest = [w for w in words[2:] if w != 'and']
        if not rest:
            return 2000
        n = UNITS.get(rest[0]) or TEENS.get(rest[0])
        return 2000 + n if n else None
    century = {'nineteen': 1900, 'eighteen': 1800}.get(words[0])
    if century is None or len(words) < 2:
        return None
    w = words[1:]
    if w[0] == 'oh' and len(w) == 2:
        return century + UNITS.get(w[1], 0)
    if w[0] in TEENS:
        return century + TEENS[w[0]]
    n = TENS.get(w[0])
    if n is None:
        return None
    if len(w) > 1:
        n += UNITS.get(w[1], 0)
    return century + n


def year_of(s: str, dct: datetime.date) -> Optional[int]:
    """Year from "1998", "'98", a spelled year, or "this/last/next year"."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    low = re.sub("['\u2019]s$", '', s.lower())
    if low[:1] in "'\u2019\u2018":
        yy = int(s[1:3])
        y = dct.year // 100 * 100 + yy
        return y - 100 if y > dct.year + 10 else y
    if low.endswith('year'):
        return dct.year + {'this': 0, 'last': -1, 'next': 1}[low.split()[0]]
    return spelled_year(s)


# Rough length of each unit in years, to keep counted dates on the calendar.
UNIT_YEARS = {'day': 1 / 365, 'week': 1 / 52, 'month': 1 / 12, 'quarter': 1 / 4, 'year': 1,
              'decade': 10, 'century': 100}
UNIT_NORM = {'days': 'day', 'weeks': 'week', 'months': 'month', 'years': 'year',
              'decades': 'decade', 'quarters': 'quarter', 'centuries': 'century'}


# ---------------------------------------------------- context word lists ----
# Words before a bare month name that show it is the month ("in May").
MONTH_CUES = {
    'in', 'since', 'until', 'till', 'by', 'of', 'during', 'from', 'through', 'before',
    'after', 'early', 'late', 'mid', 'mid-', 'last', 'next', 'this', 'that', 'since',
    'between', 'and', 'or', 'to', 'for', 'throughout', 'around', 'about', 'end', 'beginning',
    'middle', 'start', 'each', 'every', 'on', 'as', 'than', 'into', 'past',
}
# Cues strong enough to keep a month followed by a capitalised word
# ("in April Smith resigned" is rare, "April Smith" the name is not).
STRONG_MONTH_CUES = {'in', 'since', 'until', 'till', 'during', 'early', 'late', 'mid', 'mid-',
                      'last', 'next', 'this', 'through', 'throughout', 'by'}
# Words before "spring", "fall" ... that make them seasons, not a water
# source or a verb.
SEASON_CUES = {
    'the', 'in', 'during', 'by', 'until', 'till', 'since', 'through', 'throughout', 'over',
    'early', 'late', 'mid', 'this', 'next', 'last', 'before', 'after', 'this', 'for', 'until',
}
DATE_WORDS = set(MONTH_FULL.split('|')) | set(WEEKDAY_FULL.split('|')) | {
    'The', 'In', 'A', 'But', 'And', 'I'}
# A four-digit number after these words is a count or a code, not a year.
NOT_YEAR_BEFORE = {
    'no', 'no.', 'number', 'nos', 'flight', 'route', 'room', 'channel', 'page', 'pages',
    'rule', 'section', 'article', 'resolution', 'model', 'code', 'about', 'some', 'nearly',
    'almost', 'approximately', 'roughly', 'than', 'only', 'total', 'lost', 'gained',
    'dropped', 'climbed', 'index', 'stood', 'averaged', 'killed', 'least', 'version',
}
# ... and before these nouns too ("1990 shares").
NOT_YEAR_AFTER = {
    'shares', 'people', 'points', 'point', 'employees', 'workers', 'troops', 'soldiers',
    'units', 'cars', 'vehicles', 'tons', 'tonnes', 'barrels', 'feet', 'meters', 'metres',
    'miles', 'kilometers', 'km', 'acres', 'rooms', 'seats', 'jobs', 'votes', 'men',
    'women', 'children', 'copies', 'dollars', 'yen', 'marks', 'francs', 'pounds', 'cents',
    'million', 'billion', 'hours', 'minutes', 'people', 'homes', 'houses', 'members',
    'patients', 'students', 'deaths', 'cases', 'pages', 'words', 'calories', 'degrees',
    'percent', 'ft', 'lb', 'lbs', 'kg', 'mph', 'companies', 'stores', 'issues', 'contracts',
}
# "this/last/the following ..." and where each one points: from the DCT
# (prev, cur, next) or from the reference time (ref_prev, ref, ref_next).
REL_GROUP = {
    'this': 'cur', 'the current': 'cur', 'this coming': 'next', 'the coming': 'next',
    'coming': 'next', 'next': 'next', 'last': 'prev', 'this past': 'prev',
    'the past': 'prev', 'past': 'prev', 'the last': 'prev', 'the previous': 'ref_prev',
    'the prior': 'ref_prev', 'previous': 'ref_prev', 'the following': 'ref_next',
    'that': 'ref', 'the': 'cur', 'the full': 'cur',
}
SEASON_UNITS = set(SEASONS)
THE_BEFORE = re.compile(r'\b[Tt]he\s+$')
# Nouns after a season word that make it a kind of thing ("summer school").
SEASON_NOUN_AFTER = re.compile(
    r'\s*(?:-|\s)(?:time|season|term|semester|collection|olympics|games|school|break|camp|'
    r'job|intern|solstice|equinox|weather|storm|fashion|sales?|program)', re.I)
# Nouns after "current" that are no reference to the present.
NOT_CURRENT_DATE = {'account', 'accounts', 'affairs', 'events', 'liabilities', 'assets',
                    'dollars', 'prices', 'yield', 'yields', 'coupon', 'rate'}

# ----------------------------------------------------------- tense cues ----
# Words ending in -ed that are no past tense.
NOT_PAST_ED = (r'(?:need|succeed|proceed|exceed|indeed|speed|feed|seed|breed|hundred|'
               r'kindred|sacred|naked|wicked|rugged|beloved|embed|shed)\b')
# Cues for the tense of the clause around a bare weekday or month.  At one
# position the first alternative that fits wins: verbs that move a date
# ("was postponed") come first, as they say nothing of its direction; then
# future cues, so "set to" beats "set".
TENSE_RE = re.compile(
    # Every cue begins a word: one test of that spares the alternatives the
    # positions inside words.
    r"\b(?=[a-z'])(?:(?P<neu>(?:(?:was|were|been|is|are|be)\s+)?(?:postponed|delayed|cancell?ed|"
    r"called\s+off|put\s+off|rescheduled|pushed\s+back|moved\s+up))\b"
    # "due to" after a form of "be" is a timetable ("is due to arrive"),
    # elsewhere a cause ("closed due to snow"); "next to" is a place.
    r"|(?P<fut>will|won't|shall|'ll|is\s+to|are\s+to|am\s+to|due(?!\s+to\b)|"
    r"(?:(?<=\bis )|(?<=\bare )|(?<=\bwas )|(?<=\bwere )|(?<=\bbe ))due\s+to|scheduled|"
    r"set\s+to|set\s+for|slated|plans?\s+to|planned|planning|intends?\s+to|expects?\s+to|"
    r"expected\s+to|is\s+expected|are\s+expected|"
    # "results expected Thursday": left of a date the scan ends at the date.
    r"expected(?=(?:\s+(?:on|by|in|before|around))?\s*$)|going\s+to|next(?!\s+to\b)|upcoming|"
    r"begins|starts|opens|meets|resumes|ends|expires|convenes|arrives|leaves|"
    r"visits|takes\s+effect|to\s+be|will\s+be|ahead\s+of|payable|"
    r"to\s+appear|to\s+stand\s+trial|faces?\s+(?:sentencing|trial|arraignment|a\s+hearing))\b"
    # "would not comment Friday": a refusal already made; "may have been
    # killed Friday": a guess about the past.
    r"|(?P<refused>would(?:\s+not|n't)\s+(?:comment|say|elaborate|disclose|confirm|discuss|"
    r"identify|release)|(?:would|might|may|could|must)(?:\s+not)?\s+have)\b"
    # Weak future cues: "would" is also the future of a past ("said it would
    # ..."), "could" a past ("could not be reached").
    r"|(?P<wfut>would|might|may|could(?!\s+not\b|n't))\b"
    # Cues that only lean ahead: the plural present of a timetable's verbs
    # ("talks resume Wednesday") may be a historic present; a plan, a hope
    # or a promise may be old, and the date may be its own ("hoped to finish
    # by Sunday", "agreed to resume talks Friday"; not "agreed to the
    # merger Friday").
    r"|(?P<lfut>(?<!\bto )(?:begin|resume|convene|meet|arrive)|"
    r"(?:hopes?|hoped|hoping|wants?|wanted|aims?|aimed|seeks?|sought|promised|vowed|"
    r"pledged|agreed|threatened|decided)\s+to(?!\s+(?:the|a|an|his|her|its|their|this|that|"
    r"these|those|our|my|your|some|any|all|no|[A-Z])))\b"
    # A present progressive tells of now, of an arrangement ("is calling
    # for the redemption on Dec. 7") or of a state ("is continuing ...
    # under a June agreement"): the nearest date.
    r"|(?P<now>(?:is|are)\s+"
    r"(?!(?:being|nothing|something|anything|everything|during|thing|king|ring|spring)\b)"
    r"[a-z]{2,}ing)\b"
    # A participle after "be" is a passive ("will be held"), not a past tense.
    # A present perfect is a past, unless it moves a date ("has been postponed").
    r"|(?<!\bbe )(?P<past>said|was|were|had|did|told|(?:has|have)\s+(?:come|gone|"
    r"been(?!\s+(?:postponed|delayed|cancell?ed|called|put|rescheduled|pushed|moved)\b))|"
    r"met|made|began|fell|rose|took|"
    r"gave|came|went|left|sent|won|lost|held|paid|sold|bought|led|brought|ran|"
    r"saw|found|got|spoke|wrote|struck|shot|hit|quit|kept|became|ago|"
    # "last" the adjective, not the verb ("the trial could last into February").
    # (Tested after the word, so that other words do not pay for it.)
    r"last(?<!\bwill last)(?<!\bcould last)(?<!\bwould last)(?<!\bmay last)(?<!\bmight last)"
    r"(?<!\bto last)(?<!\bcan last)(?<!\bshould last)(?!\s+(?:into|until|till|through)\b)|"
    # ... and one after an article or a linking verb an adjective ("the
    # reduced dividend", "will remain closed").
    r"earlier|(?<!\bthe )(?<!\bits )(?<!\ban )(?<!\ba )(?<!\bremain )(?<!\bstay )(?<!\bbeing )"
    r"(?!%s)[a-z]{2,}ed)\b)" % NOT_PAST_ED)
# Common words that tell whether an article reports what happened or what
# is to come, counted over the whole text (plain substring counts: cheap) for
# a date whose own clause says neither.
ARTICLE_PAST = (' said', ' was ', ' were ', ' had ', ' did ', ' ago')
ARTICLE_FUTURE = (' will ', "'ll ", "won't", ' is to ', ' are to ', ' scheduled', ' expected to',
                  ' plans to', ' plan to', ' next ')


def article_lean(low: str) -> str:
    """The direction of an article as a whole, from its lowercased text:
    'lean-past' when past forms clearly outnumber future ones (most news),
    'lean-future' when future ones do (a preview, a schedule), else (mixed,
    or too short to tell) 'nearest'."""
    past = sum(low.count(w) for w in ARTICLE_PAST)
    fut = sum(low.count(w) for w in ARTICLE_FUTURE)
    if past >= 2 * fut and past:
        return 'lean-past'
    if fut > past and fut >= 3:
        return 'lean-future'
    return 'nearest'


# A date between one of these and a lower-case word names an event ("the
# Aug. 7 bombings", "a Feb. 10 hearing"): the clause's verb is about
# something else.
EVENT_DETERMINERS = {'the', 'a', 'an', 'its', 'their', 'his', 'her', 'this', 'that'}
_NOT_NOUN = r'(?!(?:of|and|or|to|in|at|on|for|by|the|a|an|was|were|is|are|will|would)\b)'
EVENT_NOUN_AFTER = re.compile(r"(?P<pos>['\u2019]s)?[ \t]+%s(?P<noun>[a-z]+)(?:[ \t]+%s(?P<noun2>[a-z]+))?"
                              % (_NOT_NOUN, _NOT_NOUN))
# Events nobody schedules: a date naming one is in the past whatever the
# clause's verb ("police will question him about Friday's attack").
UNPLANNED_EVENTS = frozenset(
    'attack bombing blast explosion crash shooting killing slaying murder massacre ambush raid '
    'assault earthquake quake storm tornado hurricane flood fire accident collapse derailment '
    'coup riot clash arrest death assassination kidnapping hijacking disaster tragedy outbreak '
    'spill leak uprising incident eruption landslide avalanche sinking collision rampage '
    'stabbing fighting violence bloodshed'.split())


def unplanned(noun: str) -> bool:
    """Whether noun (lower case, maybe plural) is an UNPLANNED_EVENTS word."""
    return noun in UNPLANNED_EVENTS or noun.endswith('s') and (
        noun[:-1] in UNPLANNED_EVENTS or noun.endswith('es') and noun[:-2] in UNPLANNED_EVENTS)
# Words right before a date that make it a deadline or a starting point
# ("by February", "effective Feb. 1"): these mostly lie ahead even in a
# clause whose verb is in the past, so a past cue is ignored for them.
DEADLINE_BEFORE = {'by', 'until', 'till', 'through', 'effective', 'payable', 'to'}
# "until his trial on Feb. 10", "pending a hearing on": a deadline named by
# its event.
UNTIL_EVENT = re.compile(r"\b(?:until|till|pending)\s+(?:(?:the|his|her|their|its|a|an)\s+)?"
                         r"[a-z]+(?:\s+[a-z]+)?\s+(?:on|set\s+for|scheduled\s+for)\s+$")
# A sentence ends at . ! ? or a line break, but not at the dot of a common
# abbreviation ("Jan.", "Sept.", "Mr.", "Corp.", "U.S.", an initial).
SENT_END = re.compile(
    r'(?:[!?]|\.(?<!\b[A-Za-z]\.)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Co|No|Lt|vs)\.)'
    r'(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Inc|Ltd|Gov|Sen|Rep|Gen|Col|Mrs)\.)'
    r'(?<!\b(?:Sept|Corp|Capt|Prof|Bros)\.))["\')\]]*\s|\n')


def _may_end_sentence(s: str) -> bool:
    """Whether s has a character every SENT_END match contains: cheaper to
    ask than to run the pattern over s."""
    return '.' in s or '\n' in s or '!' in s or '?' in s


def _tense_of(m: re.Match) -> Optional[str]:
    if m.lastgroup == 'fut':
        return 'future'
    if m.lastgroup == 'wfut':
        return 'weak-future'
    if m.lastgroup == 'lfut':
        return 'lean-future'
    if m.lastgroup == 'now':
        return 'present'
    return 'past' if m.lastgroup in ('past', 'refused') else None


def clause_tense(text: str, start: int, end: int) -> Optional[str]:
    """'past', 'future', 'weak-future', 'lean-future', 'present' or None for
    the clause around text[start:end]: the nearest tense cue to the left
    wins, else the first to the right; a verb that moves a date
    ("postponed") says nothing."""
    lo = max(0, start - 90)
    left = text[lo:start]
    cut = None
    if _may_end_sentence(left):
        for cut in SENT_END.finditer(left):
            pass
    if cut is not None:
        left = left[cut.end():]
    last = None
    for last in TENSE_RE.finditer(left):
        pass
    if last is not None:
        return _tense_of(last)
    right = text[end:end + 70]
    m = SENT_END.search(right) if _may_end_sentence(right) else None
    if m:
        right = right[:m.start()]
    m = TENSE_RE.search(right)
    return _tense_of(m) if m else None


def weekday_near(dct: datetime.date, wd: int, tense: Optional[str]) -> datetime.date:
    """The weekday wd in the week around the DCT: the article's own weekday
    is the DCT; otherwise the next one if the words point ahead (FORWARD),
    or in a present clause (a weekday with "is holding", "are meeting" is
    an arrangement), or if nothing points either way ('nearest') and it is
    at most two days ahead (news mostly looks back); else the previous one."""
    if wd == dct.weekday():
        return dct
    ahead = (wd - dct.weekday()) % 7
    if tense in FORWARD or tense == 'present' or tense == 'nearest' and ahead <= 2:
        return dct + datetime.timedelta(days=ahead)
    return dct - datetime.timedelta(days=7 - ahead)


def season_year(dct: datetime.date, season: str, which: Optional[str]) -> int:
    """The TimeML year of a season named without one (winter 2015 runs from
    December 2015 to February 2016): 'last' is the latest one over before
    the DCT's month, 'next' the first one to begin after it; otherwise the
    one the DCT is in, or the latest begun in a past clause, the first not
    yet over in a future one, the nearest (leaning as a lean says) else.
    "this winter" in January 2016 is 2015-WI, "last winter" 2014-WI."""
    now = dct.year * 12 + dct.month - 1
    first = {y: y * 12 + SEASON_START[season] - 1 for y in range(dct.year - 2, dct.year + 2)}
    # Month counts of each season's first and last month, oldest first.
    spans = [(y, f, f + 2) for y, f in first.items()]
    if which == 'last':
        return [y for y, _, last in spans if last < now][-1]
    if which == 'next':
        return [y for y, start, _ in spans if start > now][0]
    for y, start, last in spans:
        if start <= now <= last:
            return y
    if which == 'past':
        return [y for y, start, _ in spans if start <= now][-1]
    if which in ('future', 'weak-future', 'deadline'):
        return [y for y, _, last in spans if last >= now][0]
    back = [y for y, _, last in spans if last < now][-1]
    ahead = [y for y, start, _ in spans if start > now][0]
    gap_back, gap_ahead = now - (first[back] + 2), first[ahead] - now
    # A lean counts the months on its own side half.
    if which == 'lean-past':
        gap_ahead *= 2
    elif which == 'lean-future':
        gap_back *= 2
    return ahead if gap_ahead < gap_back else back


# ------------------------------------------------------------ patterns ----
# A four-digit year must not run on into more digits, a decimal, a range or
# a percentage.
YEAR_END = r'(?![\w%]|[.,]\d|-\d|/\d|\s*(?:%|percent\b|per\s+cent\b))'
Y4 = YEAR4 + YEAR_END
APOS = "['\u2019\u2018]"

P_MONTH_DAY = (
    r'(?<![\w.-])(?:(?P<wd>%s),?\s+)?(?P<mon>%s)\s*(?P<day>%s|%s\b)'
    r'(?:(?:,\s*|\s+)(?:of\s+)?(?P<year>%s|%s\d\d\b))?'
    % (WEEKDAY_ANY, MONTH, DAY, DAY_WORD, Y4, APOS))
P_DAY_MONTH = (
    r'(?:(?<=\d[-\u2013])|(?<![\w$\u00a3\u20ac.,/-]))'
    r'(?:(?P<wd>%s),?\s+)?(?:(?:the\s+)?(?P<day>%s)\s+(?:of\s+)?|'
    r'the\s+(?P<dayw>%s)\s+of\s+)(?P<mon>%s)(?:,?\s+(?P<year>%s))?'
    % (WEEKDAY_ANY, DAY, DAY_WORD, MONTH, Y4))
# Day ranges sharing one month: the other end is a DATE of its own
# ("13-14 November" -> "13" and "14 November"; "Nov. 13-15" -> "Nov. 13"
# and "15").  "and" only counts after "between" ("between 13 and 15 May").
RANGE_FIRST_DAY = re.compile(
    r'(?:(?<=\bbetween )(?P<day>%s)\s+and|(?<![\w$\u00a3\u20ac.,/:-])(?P<day2>%s)\s*'
    r'(?:[-\u2013]|to|until|till|through))\s*$' % (DAY, DAY))
# What ends the text before a RANGE_FIRST_DAY match, past the spaces.
RANGE_WORDS = ('and', '-', '\u2013', 'to', 'until', 'till', 'through')
RANGE_SECOND_DAY = re.compile(
    r'\s*(?:[-\u2013]|to|until|till|through)\s*(?P<day>%s)\b(?!\s*(?:%%|[ap]\.?m\b|percent\b))'
    r'(?:,?\s+(?P<year>%s))?' % (DAY, Y4))

P_NUMERIC = (
    r'(?<![\w/.-])(?:(?P<iy>(?:1\d|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)'
    r'|(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>(?:1\d|20)\d\d|\d\d))'
    r'(?![\w/]|[.-]\d)')
P_MONTH_YEAR = (
    r'(?<![\w.-])(?P<mon>%s)\s*,?\s+(?:of\s+)?(?P<year>%s|%s\d\d\b|%s|(?i:this|last|next)\s+year\b)'
    % (MONTH, Y4, APOS, SPELLED_YEAR))
P_MONTH = r'(?:(?<=[Mm]id-)|(?<![\w-]))(?P<mon>%s)\b(?!-\d|\s*\d)' % MONTH_FULL
P_YEAR = (
    r'(?:(?<=[Mm]id-)|(?<![\w$\u00a3\u20ac#@/.,:-]))(?P<fy>(?i:fiscal(?:\s+year)?|calendar(?:\s+year)?|'
    r'the\s+year|model\s+year|FY)[\s-]*)?(?P<year>%s)'
    % Y4)
P_SPELLED_YEAR = r'(?<![\w-])(?P<pre>(?i:the\s+year)\s+)?(?P<sy>%s)(?![\w-])' % SPELLED_YEAR
P_DECADE = (
    r'(?<![\w-])(?:(?P<the>[Tt]he)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?'
    r'(?:(?P<c>1\d|20)(?P<d>\d)0%s?s\b|(?P<ap>%s)?(?P<d2>\d)0%s?s\b|'
    r'(?P<w>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b)'
    % (APOS, APOS, APOS))
P_CENTURY = (
    r'(?<![\w-])(?:(?P<the>[Tt]he)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?'
    r'(?P<n>\d{1,2}(?:st|nd|rd|th)|%s)[\s-]+(?i:century)\b' % DAY_WORD)
P_RELATIVE = (
    r'(?<![\w-])(?P<rel>(?i:this\s+past|this\s+coming|the\s+coming|the\s+past|the\s+last|'
    r'the\s+previous|the\s+prior|the\s+following|the\s+current|the\s+full|this|last|next|past|that|'
    r'the(?=\s+(?:weekend|year\b(?!\s+(?:ended|ending|to|through|till|until|before|after|earlier|'
    r'ago)\b|-)))))\s+'
    r'(?P<unit>(?i:weekend|week|month|year|decade|century|quarter|spring|summer|fall|autumn|'
    r'winter|fiscal\s+year)\b|(?:%s)\b|(?:%s)\b)'
    % (MONTH_FULL, WEEKDAY_FULL))
P_AGO = (
    r'(?<![\w-])(?P<n>%s)\s+(?P<unit>(?i:days?|weeks?|months?|years?|decades?|quarters?|'
    r'centuries|century))\s+(?P<or>or\s+so\s+)?'
    r'(?P<dir>(?i:ago|earlier|later|from\s+now|hence|before(?=\s*[.,;])|after(?=\s*[.,;])))\b'
    % NUM)
ORD = r'(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th)'
P_QUARTER = (
    r'(?<![\w-])'
    r'(?:(?P<ago>(?i:(?:the|its|their|a)\s+)?(?i:(?:comparable|same|corresponding)\s+)?'
    r'(?i:year-ago|year-earlier|prior-year)\s+)'
    r'|(?P<yr1>(?i:this|last|next)\s+year%s?s\s+|(?i:the|its|their)\s+%s\s+)'
    r'|(?P<det>(?i:the|its|this|that|their|his|her|our|a|an)\s+))?'
    r'(?P<fis>(?i:fiscal)[\s-]+)?(?P<ord>%s)(?P<sep>[\s-]+)(?:(?i:fiscal)\s+)?'
    r'(?P<unit>(?i:quarter|half))\b'
    r'(?:\s+(?i:of)\s+(?P<yr2>(?i:fiscal\s+)?%s|(?i:this|last|next)\s+year\b))?'
    % (APOS, YEAR4, ORD, Y4))
P_QUARTER_CODE = (r'(?<![\w-])(?P<code>Q[1-4]|H[12])(?:(?:\s+|-|/)?(?P<y>(?:19|20)\d\d|%s\d\d))?'
                   r'(?![\w%%-])' % APOS)
P_QUARTER_REF = (
    r'(?<![\w-])(?P<det>(?i:the|this|that|its))\s+'
    r'(?P<adj>(?i:latest|current|most\s+recent|recent|just-ended|just\s+ended|same|comparable|'
    r'corresponding|(?:comparable\s+|same\s+)?year-ago|(?:comparable\s+|same\s+)?year-earlier)\s+)?'
    r'(?:(?i:fiscal)\s+)?(?P<unit>(?i:quarter|period))(?![\w-])'
    r'(?P<ago>\s+(?i:last\s+year|a\s+year\s+(?:ago|earlier)|of\s+last\s+year))?')
P_YEAR_PERIOD = r'(?<![\w-])(?i:the|its|their)\s+(?P<year>%s)\s+(?P<unit>(?i:quarter|period))\b' % Y4
P_YEAR_AGO_ADJ = r'(?<![\w-])(?i:year-ago|year-earlier)(?![\w-])'
P_SEASON = (
    r'(?<![\w-])(?P<season>(?i:spring|summer|fall|autumn|winter))'
    r'(?:\s+of\s+(?P<yr>%s|%s|(?i:this|last|next)\s+year\b)|\s+(?P<yr2>%s))?\b'
    % (Y4, SPELLED_YEAR, Y4))
P_WEEKDAY = r'(?<![\w-])(?P<wd>%s)\b' % WEEKDAY_FULL
P_DEICTIC = (r'(?<![\w-])(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|'
              r'yesterday|today|tomorrow)\b')
# "the day before" / "the following day" / "that day": anaphoric days.  The
# bare "the day before" only counts when nothing follows it ("the day before
# the vote" is counted from an event, which has no date here).
P_REF_DAY = (
    r'(?<![\w-])(?:(?i:the)\s+(?P<adj>(?i:following|next|previous|prior))\s+(?i:day)\b(?!\s+or\b)'
    r'|(?i:the)\s+(?i:day)\s+(?P<dir>(?i:before|after|earlier))(?=\s*[,;:.)]|\s*$)'
    r'|(?P<same>(?i:that|the\s+same|that\s+same))\s+(?i:day)\b(?!\s+(?:of|in|and|or)\b))')
REF_DAY_SHIFT = {'following': 1, 'next': 1, 'after': 1, 'previous': -1, 'prior': -1, 'before': -1,
                 'earlier': -1, 'that': 0, 'the same': 0, 'that same': 0}

P_VAGUE = (
    r'(?<![\w-])(?:'
    r'(?P<present>(?i:right\s+now|now|currently|nowadays|these\s+days))'
    r'|(?i:at\s+)(?P<present2>(?i:present))'
    r'|(?P<past>(?i:more\s+recently|recently|formerly|past\s+years|recent\s+(?:years|days|decades|times)))'
    r'|(?i:in\s+)(?P<past2>(?i:the\s+past))(?=\s*[,.;:)]|\s+(?:and|but|or|when|that|it|he|she|they|we|the|a|as|to|is|was|were|has|have|had)\b)'
    r'|(?P<future>(?i:soon|the\s+(?:near|distant)\s+future|future\s+(?:years|quarters)|'
    r'(?:the\s+)?coming\s+'
    r'(?:years|months|weeks|days|quarters|decades)|the\s+(?:near|short)\s+term))'
    r'|(?i:in\s+|into\s+)(?P<future2>(?i:the\s+future|future))(?![\w-])'
    r'|(?P<current>current)(?=\s+[a-z])'
    r')(?![\w-])')
P_HOLIDAY = r'(?<![\w-])(?P<h>%s)\b' % '|'.join(
    re.escape(h).replace("'", "['\u2019]") for h in sorted(
        (h.title().replace("'S", "'s").replace('The Fourth Of July', 'the Fourth of July')
         for h in list(HOLIDAYS) + list(MOVABLE_HOLIDAYS)), key=len, reverse=True))
P_PERIOD_EDGE = (
    r'(?<![\w-])(?:(?i:year[\s-]end|year%ss\s+end)'
    r'|(?i:the)\s+(?P<pos>(?i:beginning|start|middle|end|close|turn))\s+of\s+(?i:the)\s+'
    r'(?P<u>(?i:year|month|week|quarter|decade|century))'
    r'|(?P<el>(?i:earlier|later))\s+in\s+(?i:the)\s+(?P<u2>(?i:year|month|week|quarter)))\b' % APOS)

PERIOD_END_RE = re.compile(r'(?i:quarter|period|year|months|weeks|half)\s+(?i:that\s+)?'
                            r'(?i:ended|ending|ends|through|to)\s+$')
# Written in lower case: run on the lowercased text when fold_safe (see
# below), with the (?i) twin on the text itself otherwise.
_PERIOD_RESET = (r'\b(?:(?:first\s+)?(?:nine|six|three|eight|ten|eleven|twelve|9|6|12)'
                 r'[\s-]+months?|(?:fiscal\s+)?year\s+(?:ended|ending))\b')
PERIOD_RESET_RE = re.compile('(?i)' + _PERIOD_RESET)
PERIOD_RESET_LOWER = re.compile(_PERIOD_RESET)
# The first word of each alternative: every match begins with one.
PERIOD_RESET_STARTS = ('first', 'nine', 'six', 'three', 'eight', 'ten', 'eleven', 'twelve',
                       '9', '6', '12', 'fiscal', 'year')
# Words one of which every match of PERIOD_END_RE / MOD_RE contains (in
# lower case): where none is near a date, the search can be skipped.  A
# plain alternation of words is quick to look for, unlike those patterns.
PERIOD_END_WORDS = re.compile('quarter|period|year|months|weeks|half')
MOD_WORDS = re.compile('earl|late|mid|about|around|approximately|roughly|nearly|almost|'
                       'beginning|start|end|close')
MOD_RE = re.compile(
    r'(?:\b(?:[Tt]he)\s+(?P<pw>beginning|start|middle|end|close)\s+of\s+'
    r'|\b(?:[Tt]he\s+)?(?P<em>[Ee]arly|[Ll]ate|[Mm]id|[Ee]arlier|[Ll]ater)(?:\s+|-)'
    r'|\b(?P<ap>[Aa]bout|[Aa]round|[Aa]pproximately|[Rr]oughly|[Nn]early|[Aa]lmost)\s+)$')


# ---------------------------------------------------------------- rules ----
# Characters that a case-insensitive pattern matches as an ASCII letter
# although their lower case is no ASCII letter (dotless i, long s).  A text
# free of them whose lower case is as long as itself (no "İ") reads the same
# to a lower-case pattern run on text.lower() as to a (?i) pattern run on the
# text: same letters, same word boundaries, same positions.  Checked over
# all of Unicode by tests/test_dates.py.
FOLD_TRAPS = '\u0131\u017f'


def fold_safe(text: str, low: str) -> bool:
    """Whether lower-case patterns may run on low = text.lower() in place of
    case-insensitive ones on text (much faster: Python's re cannot skip
    ahead to a case-insensitive first letter, only to an exact one)."""
    return len(low) == len(text) and not any(c in text for c in FOLD_TRAPS)


@dataclass(frozen=True)
class Keys:
    """Keywords one of which every match of a rule contains.  Rules with
    long optional prefixes ("the comparable year-ago third quarter") are
    slow to try at every position of the text, so they are only run in
    windows around their keywords, found first with this cheap pattern.

    ``gate`` lists words one of which every keyword hit contains; when none
    is in the text (a plain substring test, far cheaper than any regex) the
    rule has no window and the scan is skipped.  ``caseless`` keys are
    written in lower case and gated on the lowercased text: they are run on
    it when ``fold_safe``, else as ``anycase`` on the text itself."""
    rx: re.Pattern
    gate: tuple[str, ...]
    caseless: bool = False
    anycase: Optional[re.Pattern] = None
    # As Rule.starts, run where rx is; or literal anchors, one of which
    # begins every hit (found with str.find).
    starts: Union[re.Pattern, tuple[str, ...], None] = None
    # When rx is no more than an alternation of these literal words (those
    # in ``bounded`` between \b and \b), its hits are found with str.find,
    # which beats any regex scan (see literal_hits).
    words: Optional[tuple[str, ...]] = None
    bounded: frozenset = frozenset()


def _starts(starts):
    """A starts pattern compiled, or a tuple of anchors as it is."""
    return re.compile(starts) if isinstance(starts, str) else starts


def _keys(pattern: str, gate: tuple[str, ...], starts=None) -> Keys:
    """Case-sensitive keywords, gated on the text as written (an empty gate:
    none, where a substring test per keyword would cost more than the scan)."""
    return Keys(re.compile(pattern), gate, starts=_starts(starts))


def _word_keys(pattern: str, words: tuple[str, ...], bounded: tuple[str, ...] = (),
               caseless: bool = False) -> Keys:
    """Keywords that pattern lists as plain words, repeated in ``words`` in
    the pattern's order (lower case if caseless).  No gate: looking for the
    words is what literal_hits does anyway."""
    return Keys(re.compile(pattern), (), caseless,
                re.compile('(?i)' + pattern) if caseless else None,
                words=words, bounded=frozenset(bounded))


def _is_word_char(text: str, i: int) -> bool:
    """Whether text[i] exists and is what re's \\w matches (alphanumeric or _)."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == '_')


def literal_hits(text: str, words: tuple[str, ...], bounded: frozenset) -> list[tuple[int, int]]:
    """The spans re.finditer finds in text for the alternation of words:
    at the leftmost position where some word fits, the first such word in
    order, then on after its end.  A word in ``bounded`` only fits between
    two word boundaries, as in \\b(?:...)\\b."""
    found = []
    for order, w in enumerate(words):
        i = text.find(w)
        while i >= 0:
            j = i + len(w)
            if w not in bounded or (
                    _is_word_char(text, i - 1) != _is_word_char(text, i)
                    and _is_word_char(text, j - 1) != _is_word_char(text, j)):
                found.append((i, order, j))
            i = text.find(w, i + 1)
    found.sort()
    spans, pos = [], 0
    for i, _, j in found:
        if i >= pos:
            spans.append((i, j))
            pos = j
    return spans


def _caseless_keys(pattern: str, gate: tuple[str, ...], starts=None) -> Keys:
    """Case-insensitive keywords, written (pattern, gate, starts) in lower case."""
    return Keys(re.compile(pattern), gate, True, re.compile('(?i)' + pattern), _starts(starts))


@dataclass(frozen=True)
class Rule:
    """One family of expressions: its pattern, the name of its handler
    method in dates.py, its keywords (None: scan the whole text) and
    optionally ``starts``, a fast pattern (run on the lowercased text if
    ``starts_caseless``) that hits every position where ``rx`` can match.
    Most patterns open with a look-behind, which keeps Python's re from
    skipping ahead: it tries the whole pattern at every position.  Trying it
    only where ``starts`` hits finds the same matches far sooner."""
    rx: re.Pattern
    handler: str
    keys: Optional[Keys]
    starts: Optional[re.Pattern] = None
    starts_caseless: bool = False


# How far before / after a keyword a match of a windowed rule may reach.
WINDOW = 60

# Twelve words starting with capitals: the regex skips ahead to the capitals
# faster than twelve substring searches.
MONTHS_KEY = _keys(r'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec', ())
QUARTER_PERIOD_KEY = _word_keys(r'quarter|period', ('quarter', 'period'), caseless=True)
# Three first letters of month names, and of weekday names which may
# precede them (capital then small letters: no name begins inside a hit).
MONTH_START = re.compile(r'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec')
MONTH_DAY_START = re.compile(r'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|'
                             r'Mon|Tue|Wed|Thu|Fri|Sat|Sun')

# The tagger runs these in order.  Each ``starts`` covers the first
# character of every alternative its pattern can begin with (look-behinds
# and other zero-width tests aside); tests/test_dates.py checks it.
RULES = [
    Rule(re.compile(P_MONTH_DAY), 'r_month_day', MONTHS_KEY, MONTH_DAY_START),
    # A weekday, "the" before a day (its digits or an ordinal word, whose
    # first letters these are, long s included as (?i) reads it), or the
    # day's digits before a month (one character each, so no hit hides
    # another; the look-arounds after it only thin out the t's and digits).
    Rule(re.compile(P_DAY_MONTH), 'r_day_month', MONTHS_KEY,
         re.compile(r'[0-9FMSTWt](?:(?<=M)(?=on)|(?<=T)(?=ue|hu)|(?<=W)(?=ed)|(?<=F)(?=ri)'
                    r'|(?<=S)(?=at|un)|(?<=t)(?=he\s+[0-9EFNSTefnst\u017f])'
                    r'|(?<=[0-9])(?=[0-9]?(?:st|nd|rd|th)?\s+(?:of\s+)?[ADFJMNOS]))')),
    # Up to four digits, then the separator.
    Rule(re.compile(P_NUMERIC), 'r_numeric', _keys(r'\d[/.-]\d', ('/', '.', '-')),
         re.compile(r'\d(?=\d{0,3}[/.-])')),
    Rule(re.compile(P_MONTH_YEAR), 'r_month_year', MONTHS_KEY, MONTH_START),
    Rule(re.compile(P_MONTH), 'r_month', MONTHS_KEY, MONTH_START),
    # The year's first digit, or "fiscal", "calendar", "the year", "model
    # year", "FY" in any case (one character each, as for r_day_month).  The
    # keys need an ASCII digit only to be worth a scan: a year begins with one.
    Rule(re.compile(P_YEAR), 'r_year', _keys(r'\d\d\d\d', ('0', '1', '2', '3', '4', '5', '6', '7',
                                                            '8', '9')),
         re.compile(r'[12cfmt](?:(?<![cfmt])|(?<=f)(?=iscal|y)|(?<=c)(?=alendar)'
                    r'|(?<=t)(?=he\s)|(?<=m)(?=odel\s))'), True),
    Rule(re.compile(P_SPELLED_YEAR), 'r_spelled_year',
         _word_keys(r'[Nn]ineteen|[Ee]ighteen|thousand',
                    ('Nineteen', 'nineteen', 'Eighteen', 'eighteen', 'thousand'))),
    Rule(re.compile(P_DECADE), 'r_decade',
         _caseless_keys(r"0['\u2019]?s\b|ties\b", ("0s", "0'", "0\u2019", 'ties'))),
    Rule(re.compile(P_CENTURY), 'r_century', _word_keys(r'century', ('century',), caseless=True)),
    Rule(re.compile(P_RELATIVE), 'r_relative', _word_keys(
        r'\b(?:this|last|next|past|previous|prior|following|current|full|that|coming)\b'
        r'|weekend|the year',
        ('this', 'last', 'next', 'past', 'previous', 'prior', 'following', 'current', 'full',
         'that', 'coming', 'weekend', 'the year'),
        ('this', 'last', 'next', 'past', 'previous', 'prior', 'following', 'current', 'full',
         'that', 'coming'), caseless=True),
         # "this", "that", "the" before a unit, "last", "next", "past" (a
         # match begins a word, so none begins inside a hit).
         re.compile(r'th(?:is|at|e(?=\s+(?:coming|past|last|previous|prior|following|current|'
                    r'full|weekend|year)))|la|ne|pa'), True),
    Rule(re.compile(P_AGO), 'r_ago', _word_keys(
        r'\b(?:ago|earlier|later|now|hence|before|after)\b',
        ('ago', 'earlier', 'later', 'now', 'hence', 'before', 'after'),
        ('ago', 'earlier', 'later', 'now', 'hence', 'before', 'after'), caseless=True),
         # A word beginning as a number does (digit or number word), then up
         # to two more words ("a couple of") and the unit.
         re.compile(r'[\daefhmnost](?<![\w-].)'
                    r'(?=\w*(?:\s+\w+){0,2}\s+(?:day|week|month|year|decade|quarter|centur))'),
         True),
    Rule(re.compile(P_QUARTER), 'r_quarter',
         _word_keys(r'quarter|half', ('quarter', 'half'), caseless=True)),
    Rule(re.compile(P_QUARTER_REF), 'r_quarter_ref', QUARTER_PERIOD_KEY),
    Rule(re.compile(P_QUARTER_CODE), 'r_quarter_code',
         _keys(r'\b[QH][1-4]', (), r'[QH]')),
    Rule(re.compile(P_YEAR_AGO_ADJ), 'r_year_ago_adj',
         _word_keys(r'year-', ('year-',), caseless=True)),
    Rule(re.compile(P_YEAR_PERIOD), 'r_year_period', QUARTER_PERIOD_KEY),
    Rule(re.compile(P_SEASON), 'r_season', _word_keys(
        r'spring|summer|fall|autumn|winter', ('spring', 'summer', 'fall', 'autumn', 'winter'),
        caseless=True)),
    Rule(re.compile(P_WEEKDAY), 'r_weekday', _word_keys(r'day', ('day',))),
    Rule(re.compile(P_DEICTIC), 'r_deictic', _word_keys(
        r'yesterday|today|tomorrow', ('yesterday', 'today', 'tomorrow'), caseless=True)),
    Rule(re.compile(P_REF_DAY), 'r_ref_day',
         _word_keys(r'\bday\b', ('day',), ('day',), caseless=True)),
    Rule(re.compile(P_VAGUE), 'r_vague', _word_keys(
        r'now|current|these days|present|recent|formerly|past|future|soon|coming|term',
        ('now', 'current', 'these days', 'present', 'recent', 'formerly', 'past', 'future',
         'soon', 'coming', 'term'), caseless=True)),
    Rule(re.compile(P_HOLIDAY), 'r_holiday', _keys(
        r"Christmas|New Year|Valentine|Halloween|Independence|Fourth|Veterans|Armistice|"
        r"Patrick|Bastille|Boxing|George|Andrew|Remembrance|Bonfire|Fawkes|Hogmanay|Juneteenth|"
        r"Easter|Good|Maundy|Palm|Ash|Shrove|Pancake|Whit|Thanksgiving|Black|Cyber|Memorial|"
        r"Labor|Luther", ())),
    Rule(re.compile(P_PERIOD_EDGE), 'r_period_edge', _caseless_keys(
        r"year.{1,3}end|(?:of|in) the (?:year|month|week|quarter|decade|century)",
        ('year', 'month', 'week', 'quarter', 'decade', 'century'),
        ('year', 'of the ', 'in the '))),
]
