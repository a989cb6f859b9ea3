"""Tests for the date tagger (generator.dates).

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

from generator.dates import DateMention, find_dates

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
    path = '/work/shared/seed/armed-police-london.txt'
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
    code = 'import sys, generator.dates; print("dateparser" in sys.modules)'
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run([sys.executable, '-c', code], cwd=root, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == 'False'


# ----------------------------------------------------------- properties ----
_WORDS = st.sampled_from([
    'May', 'may', 'March', 'march', 'Friday', 'We', 'Sun', 'sat', 'the', 'last', 'next', 'year',
    'years', 'ago', 'earlier', 'quarter', 'third-quarter', 'the 1990s', "'80s", 'mid-',
    'early', 'late', 'Nov.', 'Sept.', '13', '1', '31', '2015', '1998', '$27', '50%', '15-week',
    'now', 'soon', 'the past', 'summer', 'fall', 'week', 'weekend', 'century', '19th',
    'fiscal', 'year-ago', 'first half', 'of', 'on', ',', '.', '13/11/2015', '2015-11-13',
    'yesterday', 'today', 'nineteen ninety-six', 'two thousand', '\u00e9t\u00e9', '\u2019',
    'the first of', 'twenty-first', 'Q3', 'H1', 'FY2015', 'Christmas', 'a few', 'or so', 'from now',
])
_TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=40).map(' '.join),
    st.lists(_WORDS, max_size=30).map(''.join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS,
       dct=st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2090, 12, 31)),
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
