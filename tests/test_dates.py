"""Tests for the date tagger (generator.extract.dates).

Fixture families live in tests/fixtures/dates/*.yaml; each case gives a text,
its DCT, optionally a date_order, and the exact list of expected mentions
(span text, value and, where given, mod).  The seed article gets its own
check, and a hypothesis property test guards the invariants of find_dates on
arbitrary input.
"""
from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract import date_rules as R
from generator.extract.dates import DateMention, _Tagger, find_dates

FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures', 'dates')

# TimeML values this tagger may produce.
VALUE_RE = re.compile(
    r'^(?:\d{4}(?:-(?:\d{2}(?:-\d{2})?|W\d{2}(?:-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI))?'
    r'|\d{3}|\d{2}|PRESENT_REF|PAST_REF|FUTURE_REF)$')
MODS = {None, 'START', 'MID', 'END', 'APPROX', 'BEFORE', 'AFTER', 'ON_OR_AFTER',
        'ON_OR_BEFORE', 'EQUAL_OR_LESS', 'EQUAL_OR_MORE', 'LESS_THAN', 'MORE_THAN'}


def _date(v) -> datetime.date:
    return v if isinstance(v, datetime.date) else datetime.date.fromisoformat(str(v))


def _load_cases():
    cases = []
    for name in sorted(os.listdir(FIXTURES)):
        if not name.endswith('.yaml') or name == 'seed_article.yaml':
            continue
        with open(os.path.join(FIXTURES, name), encoding='utf-8') as fh:
            for i, case in enumerate(yaml.safe_load(fh)):
                cases.append(pytest.param(case, id='%s-%d' % (name[:-5], i)))
    return cases


def _as_expected(mentions: list[DateMention], with_mod: list[bool]) -> list[dict]:
    out = []
    for m, keep_mod in zip(mentions, with_mod + [False] * len(mentions)):
        d = {'text': m.text, 'value': m.value}
        if keep_mod:
            d['mod'] = m.mod
        out.append(d)
    return out


@pytest.mark.parametrize('case', _load_cases())
def test_fixture(case):
    got = find_dates(case['text'], _date(case['dct']), date_order=case.get('date_order', 'MDY'))
    expected = case['expected'] or []
    # Compare mods only where the fixture states one.
    assert _as_expected(got, ['mod' in e for e in expected]) == expected
    for m in got:
        assert case['text'][m.start:m.end] == m.text


def test_seed_article():
    with open(os.path.join(FIXTURES, 'seed_article.yaml'), encoding='utf-8') as fh:
        seed = yaml.safe_load(fh)
    text = seed['text']
    got = find_dates(text, _date(seed['dct']))
    assert [(m.text, m.value) for m in got] == [('13 November', '2015-11-13'),
                                               ('1 December', '2015-12-01')]
    for m in got:
        assert text[m.start:m.end] == m.text
        assert m.mod is None
    # Nothing from "We", "may" or "15-week".
    for word in ('We', 'may', '15-week'):
        i = text.index(word)
        assert not any(m.start < i + len(word) and i < m.end for m in got)


def test_same_text_as_seed_source():
    # the shared folder beside the repository, where the project's seed article lives
    path = os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'seed', 'armed-police-london.txt')
    if not os.path.exists(path):
        pytest.skip('seed source not available')
    with open(os.path.join(FIXTURES, 'seed_article.yaml'), encoding='utf-8') as fh:
        assert yaml.safe_load(fh)['text'] == open(path, encoding='utf-8').read()


def test_date_order_validation_and_datetime_dct():
    with pytest.raises(ValueError):
        find_dates('13/11/2015', datetime.date(2015, 12, 2), date_order='YMD')
    got = find_dates('yesterday', datetime.datetime(2015, 12, 2, 18, 30))
    assert [(m.text, m.value) for m in got] == [('yesterday', '2015-12-01')]
    assert find_dates('', datetime.date(2015, 12, 2)) == []


def test_import_is_light():
    """Importing the module must not pull in dateparser (it is slow to load)."""
    code = 'import sys, generator.extract.dates; print("dateparser" in sys.modules)'
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, '-c', code], cwd=root, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == 'False'


# ------------------------------------------------- year of a bare month ----
_MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
                'August', 'September', 'October', 'November', 'December']
# Every month seen from the first and the last day of every month: the
# boundaries where a wrong year guess shows.
_DCTS = [datetime.date(2015, mo, day) for mo in range(1, 13) for day in (1, 28)]


def _months_from(dct: datetime.date, value: str) -> int:
    """How many calendar months value ("YYYY-MM") lies after the DCT's month."""
    y, mo = map(int, value.split('-'))
    return (y - dct.year) * 12 + mo - dct.month


@pytest.mark.parametrize('dct', _DCTS, ids=str)
def test_bare_month_year_guess(dct):
    """A month without a year is never given a day and lands within a year
    of the DCT: not after it in a past clause, not before it in a future
    one, and with no tense anywhere the nearest, at most six months away."""
    for name in _MONTH_NAMES:
        for template, lo, hi in (('Sales fell in %s.', -11, 0),
                                 ('The plant will reopen in %s.', 0, 11),
                                 ('Figures for %s are in the report.', -6, 6)):
            text = template % name
            got = find_dates(text, dct)
            assert [m.text for m in got] == [name], text
            assert re.fullmatch(r'\d{4}-\d\d', got[0].value), (text, got[0].value)
            assert lo <= _months_from(dct, got[0].value) <= hi, (text, dct, got[0].value)


@pytest.mark.parametrize('dct', _DCTS, ids=str)
def test_day_month_year_guess(dct):
    """Day and month without a year: a past clause never puts the day after
    the DCT, a future clause never before it, and the guess stays within a year."""
    for mo in range(1, 13):
        day = datetime.date(2015, mo, 13)
        phrase = '13 %s' % _MONTH_NAMES[mo - 1]
        past = find_dates('The shop was raided on %s.' % phrase, dct)
        future = find_dates('The trial will start on %s.' % phrase, dct)
        assert [m.text for m in past] == [phrase] == [m.text for m in future]
        p, f = (datetime.date.fromisoformat(x[0].value) for x in (past, future))
        assert (p.month, p.day) == (f.month, f.day) == (day.month, day.day)
        assert p <= dct and (dct - p).days < 366, (dct, p)
        assert f >= dct and (f - dct).days < 366, (dct, f)


def test_no_false_precision():
    """Values are never more precise than the words: months, seasons, years,
    decades and vague references keep their own granularity."""
    dct = datetime.date(2015, 12, 2)
    cases = {
        'in November': '2015-11', 'in mid-November': '2015-11', 'November 2014': '2014-11',
        'in the summer of 2014': '2014-SU', 'last year': '2014', 'in the 1990s': '199',
        'earlier this month': '2015-12', 'last week': '2015-W48', 'in recent years': 'PAST_REF',
        'the following year': '2016', 'in the third quarter': '2015-Q3',
    }
    for text, value in cases.items():
        got = find_dates('It happened %s.' % text, dct)
        assert [m.value for m in got] == [value], text
    # An anaphoric day needs a day to count from: after a bare month or
    # year there is none, so nothing is returned rather than a made-up day.
    for text in ('It rained in November. The day before, it snowed.',
                 'It rained in 2014. The following day it snowed.'):
        assert [m.value for m in find_dates(text, dct)] in (['2015-11'], ['2014']), text


def _season_months(value: str) -> tuple[int, int]:
    """First and last month of a TimeML season value, as month counts."""
    y, s = int(value[:4]), value[5:]
    first = y * 12 + R.SEASON_START[s] - 1
    return first, first + 2


@pytest.mark.parametrize('dct', _DCTS, ids=str)
def test_season_direction(dct):
    """"last" is the latest season over before the DCT's month, "next" the
    first one to begin after it, "this" the one the DCT is in if it is in
    one (winter in January is the winter that began in December), and a
    past or future clause never puts the season wholly on the wrong side."""
    now = dct.year * 12 + dct.month - 1
    for word in ('spring', 'summer', 'fall', 'winter'):
        last, = find_dates('Sales fell last %s.' % word, dct)
        nxt, = find_dates('Sales will rise next %s.' % word, dct)
        this, = find_dates('Snow this %s has been light.' % word, dct)
        was, = find_dates('The plant was closed in the %s.' % word, dct)
        will, = find_dates('The plant will reopen in the %s.' % word, dct)
        assert now - 12 <= _season_months(last.value)[1] < now, (word, dct, last.value)
        assert now < _season_months(nxt.value)[0] <= now + 12, (word, dct, nxt.value)
        first, end = _season_months(this.value)
        if R.SEASON_START[R.SEASONS[word]] in (dct.month, (dct.month - 2) % 12 + 1,
                                                 (dct.month - 3) % 12 + 1):
            assert first <= now <= end, (word, dct, this.value)
        assert now - 12 < _season_months(was.value)[0] <= now, (word, dct, was.value)
        assert now <= _season_months(will.value)[1] < now + 12, (word, dct, will.value)


def test_article_lean():
    """The article's own tense, for dates whose clause has none: past forms
    well ahead of future ones (most news), the reverse (a preview), or too
    few or too mixed to tell."""
    assert R.article_lean('police said the men were arrested. he said it was over.') == 'lean-past'
    assert R.article_lean('the talks will open. leaders will sign, and will meet the press.') \
        == 'lean-future'
    assert R.article_lean('') == R.article_lean('sales will rise, he said.') == 'nearest'


@pytest.mark.parametrize('text,order,value', [
    ('03/04/2015', 'MDY', '2015-03-04'), ('03/04/2015', 'DMY', '2015-04-03'),
    ('3.4.2015', 'DMY', '2015-04-03'), ('04/03/15', 'DMY', '2015-03-04'),
    # An impossible reading falls back to the other order.
    ('13/11/2015', 'MDY', '2015-11-13'), ('11/13/2015', 'DMY', '2015-11-13'),
    # ISO dates and month names do not depend on the order.
    ('2015-03-04', 'DMY', '2015-03-04'), ('4 March 2015', 'MDY', '2015-03-04'),
    ('March 4, 2015', 'DMY', '2015-03-04'),
])
def test_date_order(text, order, value):
    got = find_dates('Signed on %s in Paris.' % text, datetime.date(2015, 12, 2), date_order=order)
    assert [(m.text, m.value) for m in got] == [(text, value)]


# ----------------------------------------------------------- properties ----
_WORDS = st.sampled_from([
    'May', 'may', 'March', 'march', 'Friday', 'We', 'Sun', 'sat', 'the', 'last', 'next', 'year',
    'years', 'ago', 'earlier', 'quarter', 'third-quarter', 'the 1990s', "'80s", 'mid-',
    'early', 'late', 'Nov.', 'Sept.', '13', '1', '31', '2015', '1998', '$27', '50%', '15-week',
    'now', 'soon', 'the past', 'summer', 'fall', 'week', 'weekend', 'century', '19th',
    'fiscal', 'year-ago', 'first half', 'of', 'on', ',', '.', '13/11/2015', '2015-11-13',
    'yesterday', 'today', 'nineteen ninety-six', 'two thousand', '\u00e9t\u00e9', '\u2019',
    'the first of', 'twenty-first', 'Q3', 'H1', 'FY2015', 'Christmas', 'a few', 'or so', 'from now',
    'the day before', 'the following day', 'that day', 'Good Friday', 'Easter', 'Thanksgiving',
    '13-14', 'between 13 and', 'to', '-', 'the 90s', 'through', 'Mail on Sunday', 'Dec.',
    'will', 'was', 'the coming weeks', 'Feb', '29', 'February 29', '2016', '1900',
])
_TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=40).map(' '.join),
    st.lists(_WORDS, max_size=30).map(''.join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS,
       dct=st.one_of(st.dates(min_value=datetime.date(1900, 1, 1),
                              max_value=datetime.date(2090, 12, 31)), st.dates()),
       order=st.sampled_from(['MDY', 'DMY']))
def test_properties(text, dct, order):
    got = find_dates(text, dct, date_order=order)
    prev_end = 0
    for m in got:
        assert isinstance(m, DateMention)
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= prev_end          # sorted and never overlapping
        prev_end = m.end
        assert VALUE_RE.match(m.value), m.value
        assert m.mod in MODS


_FORMATS = {
    'MDY': ['{m}/{d}/{y}', '{mm}/{dd}/{y}'],
    'DMY': ['{d}/{m}/{y}', '{dd}/{mm}/{y}', '{d}.{m}.{y}'],
}


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2030, 12, 31)),
       order=st.sampled_from(['MDY', 'DMY']), fmt=st.integers(0, 2),
       written=st.sampled_from(['iso', 'numeric', 'day month', 'month day']))
def test_explicit_dates_round_trip(day, order, fmt, written):
    """A fully written date is read back exactly, whatever the DCT's year."""
    months = _MONTH_NAMES
    if written == 'iso':
        text = day.isoformat()
    elif written == 'numeric':
        forms = _FORMATS[order]
        text = forms[fmt % len(forms)].format(d=day.day, m=day.month, dd='%02d' % day.day,
                                              mm='%02d' % day.month, y=day.year)
    elif written == 'day month':
        text = '%d %s %d' % (day.day, months[day.month - 1], day.year)
    else:
        text = '%s %d, %d' % (months[day.month - 1], day.day, day.year)
    got = find_dates('The deal was signed on %s, officials said.' % text,
                     datetime.date(2031, 6, 15), date_order=order)
    assert [(m.text, m.value) for m in got] == [(text, day.isoformat())]


# ------------------------------------------------------- fast paths ----
# The tagger finds keywords, windows and matches by shortcuts (substring
# searches, start positions, the lowercased text); these tests hold each
# shortcut to the plain regex scan it stands for, on the fixture texts in
# several casings and with characters that defeat the lowercased text.


def _fast_path_texts() -> list[str]:
    texts = []
    for name in sorted(os.listdir(FIXTURES)):
        if name.endswith('.yaml'):
            with open(os.path.join(FIXTURES, name), encoding='utf-8') as fh:
                data = yaml.safe_load(fh)
            texts += [c['text'] for c in (data if isinstance(data, list) else [data])]
    joined = '\n'.join(texts)
    extra = ('The THIS YEAR and Last Week, in the Past, 12 months ago, the nine months, '
             'FISCAL YEAR ENDED Sept. 30, Q3 2015, H1, x-Q2, the year-end, in the Year, '
             'the First Half of 1998, between 13 and 15 May, 3-4 November, 1-2 ago')
    return [joined, joined.upper(), joined.lower(), joined.title(), extra,
            extra.upper(), extra + ' \u017f\u0131', joined + ' \u0130']


_TEXTS_FAST = _fast_path_texts()


def _reference_windows(text: str, keys: R.Keys) -> list[tuple[int, int]]:
    """The windows as first written: a (?i) or plain regex scan of the
    text, edges widened character by character."""
    rx = keys.anycase if keys.caseless else keys.rx
    n, out = len(text), []
    for k in rx.finditer(text):
        lo, hi = max(0, k.start() - R.WINDOW), min(n, k.end() + R.WINDOW)
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    for w in out:
        while w[0] > 0 and not text[w[0] - 1].isspace():
            w[0] -= 1
        while w[1] < n and not text[w[1]].isspace():
            w[1] += 1
    return [tuple(w) for w in out]


@pytest.mark.parametrize('text', _TEXTS_FAST, ids=range(len(_TEXTS_FAST)))
def test_windows_and_matches_as_plain_scans(text):
    tagger = _Tagger(text, datetime.date(2015, 12, 2), 'MDY')
    for rule in R.RULES:
        windows = [(0, len(text))] if rule.keys is None else _reference_windows(text, rule.keys)
        if rule.keys is not None:
            assert tagger._windows(rule.keys) == windows, rule.handler
        expected = [m.span() for lo, hi in windows for m in rule.rx.finditer(text, lo, hi)]
        assert [m.span() for m in tagger._matches(rule)] == expected, rule.handler
    assert tagger._period_resets() == [m.start() for m in R.PERIOD_RESET_RE.finditer(text)]


@pytest.mark.parametrize('text', _TEXTS_FAST[:5], ids=range(5))
def test_starts_cover_every_match_position(text):
    """Stronger than the test above: at every position where a rule's
    pattern matches, its starts hit (not only where finditer looks)."""
    low = text.lower()
    for rule in R.RULES:
        if rule.starts is None:
            continue
        where = low if rule.starts_caseless else text
        starts = {s.start() for s in rule.starts.finditer(where)}
        for p in range(len(text)):
            if rule.rx.match(text, p):
                assert p in starts, (rule.handler, text[p:p + 30])


@pytest.mark.parametrize('text', _TEXTS_FAST, ids=range(len(_TEXTS_FAST)))
def test_literal_hits_as_regex(text):
    low = text.lower()
    for rule in R.RULES:
        keys = rule.keys
        if keys is not None and keys.words is not None:
            where = low if keys.caseless else text
            assert R.literal_hits(where, keys.words, keys.bounded) == \
                [m.span() for m in keys.rx.finditer(where)], rule.handler


def test_fold_traps_cover_unicode():
    """Outside FOLD_TRAPS, a character whose lower case is one character
    reads the same to a lower-case pattern on the lowercased text as to a
    (?i) pattern on itself: same ASCII letter, same \\w, \\s and \\d."""
    chars = ''.join(c for c in map(chr, range(0x110000))
                    if len(c.lower()) == 1 and c not in R.FOLD_TRAPS)
    low = chars.lower()
    letters = [m.start() for m in re.finditer('(?i)[a-z]', chars)]
    assert letters == [m.start() for m in re.finditer('[a-z]', low)]
    for i in letters:
        assert re.fullmatch('(?i)' + low[i], chars[i]), hex(ord(chars[i]))
    for cls in (r'\w', r'\s', r'\d', r'.'):
        assert [m.start() for m in re.finditer(cls, chars)] == \
            [m.start() for m in re.finditer(cls, low)], cls
    assert not R.fold_safe('a\u017f', 'a\u017f') and not R.fold_safe('\u0130', '\u0130'.lower())
