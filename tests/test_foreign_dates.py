"""Tests for the French, German and Spanish date tagger (generator.extract.foreign_dates).

The fixtures in tests/fixtures/foreign_dates/<language>.yaml have the format
of the English ones in tests/fixtures/dates/: a text, its DCT and the exact
list of expected mentions (span text, value, and mod where given); `missed`
may list expected mentions the tagger knowingly leaves out.
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

from generator.extract import extract
from generator.extract.dates import DateMention
from generator.extract.foreign_dates import LANGUAGES, find_dates, language_code, supported

FIXTURES = os.path.join(os.path.dirname(__file__), 'fixtures', 'foreign_dates')
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _cases():
    cases = []
    for name in sorted(os.listdir(FIXTURES)):
        if name.endswith('.yaml'):
            with open(os.path.join(FIXTURES, name), encoding='utf-8') as fh:
                for i, case in enumerate(yaml.safe_load(fh)):
                    cases.append(pytest.param(name[:-5], case, id=f'{name[:-5]}-{i}'))
    return cases


def _as_expected(mentions, expected):
    out = []
    for i, m in enumerate(mentions):
        d = {'text': m.text, 'value': m.value}
        if i < len(expected) and 'mod' in expected[i]:
            d['mod'] = m.mod
        out.append(d)
    return out


@pytest.mark.parametrize('lang, case', _cases())
def test_fixture(lang, case):
    got = find_dates(case['text'], case['dct'], lang)
    # `missed` names expected mentions the tagger knowingly leaves out: the
    # benchmark counts them against it, the test asserts the rest exactly.
    expected = [e for e in case['expected'] or [] if e['text'] not in case.get('missed', ())]
    assert _as_expected(got, expected) == expected
    for m in got:
        assert isinstance(m, DateMention)
        assert case['text'][m.start:m.end] == m.text


def test_every_language_has_enough_cases():
    for code in LANGUAGES:
        with open(os.path.join(FIXTURES, f'{code}.yaml'), encoding='utf-8') as fh:
            cases = yaml.safe_load(fh)
        assert len(cases) >= 20
        assert sum(1 for c in cases if not c['expected']) >= 4   # non-dates too


def test_language_tags():
    assert language_code('fr-CA') == 'fr' and language_code('de_AT') == 'de' and language_code('ES') == 'es'
    assert supported('es-419') and not supported('it') and not supported('en-GB')
    with pytest.raises(ValueError):
        find_dates('hier', datetime.date(2015, 12, 2), 'it')


def test_datetime_dct_and_empty_text():
    assert find_dates('', datetime.date(2015, 12, 2), 'fr') == []
    got = find_dates('gestern', datetime.datetime(2015, 12, 2, 23, 59), 'de')
    assert [(m.text, m.value) for m in got] == [('gestern', '2015-12-01')]


def test_extract_dispatches_on_language():
    text = "Le 13 novembre 2015, des attentats ont frappé Paris."
    dct = datetime.date(2015, 12, 2)
    french = extract(text, dct, kinds=frozenset({'dates'}), language='fr-FR')
    assert [(e.value, e.as_stated) for e in french.events] == [('2015-11-13', '13 novembre 2015')]
    # No English reading of another language's text; no dates in languages not known.
    assert extract(text, dct, kinds=frozenset({'dates'}), language='it').events == ()


def test_english_never_loads_dateparser():
    """English articles keep the project's own tagger and never pay for dateparser."""
    code = ('import sys, datetime; from generator.extract import extract; '
            'extract("It rained on 13 November.", datetime.date(2015, 12, 2), language="en-GB"); '
            'print("dateparser" in sys.modules)')
    out = subprocess.run([sys.executable, '-c', code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == 'False'


_VALUE = re.compile(r'^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}(?:-WE)?|-(?:SP|SU|FA|WI))?$')
_WORDS = st.sampled_from([
    'le', 'am', 'el', 'de', 'en', 'im', 'seit', 'depuis', 'dernier', 'prochain', 'pasado', 'próximo',
    'vergangenen', 'Jahres', "l'année", 'mars', 'Mars', 'mai', 'März', 'mayo', 'novembre', 'Dezember',
    'lundi', 'Montag', 'domingo', 'Domingo', 'hier', 'morgen', 'Morgen', 'mañana', 'il y a', 'vor', 'hace',
    'trois', 'drei', 'tres', 'jours', 'Tagen', 'días', 'semaine', 'Woche', 'semana', '13', '1er', '13.',
    'été', 'Sommer', 'verano', 'week-end', 'Wochenende', 'fin de semana', 'cet', 'este', 'letzten',
    '31', '29', '2015', '1990', '0', '24/07/2015', '31.02.2015', '%', '€', ',', '.', ' ', '\n', '-'])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.one_of(_WORDS, st.text(max_size=4)), max_size=25),
       lang=st.sampled_from(sorted(LANGUAGES)),
       dct=st.one_of(st.dates(), st.sampled_from([datetime.date.min, datetime.date.max])))
def test_properties(words, lang, dct):
    """On any text: no exception, spans in order and inside the text, TimeML values."""
    text = ' '.join(words)
    got = find_dates(text, dct, lang)
    ends = 0
    for m in got:
        assert ends <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert _VALUE.match(m.value), m
        ends = m.end
