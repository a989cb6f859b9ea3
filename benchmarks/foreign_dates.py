#!/usr/bin/env python3
"""Benchmark the French, German and Spanish date tagger against raw dateparser.

Usage::

    python benchmarks/foreign_dates.py [--langs fr de es] [--reps N] [--errors]

Both taggers read the hand-checked fixtures in
``tests/fixtures/foreign_dates/<language>.yaml`` (one sentence or two per
case, with its publication date):

* ours: ``generator.extract.foreign_dates.find_dates``;
* raw: ``dateparser.search.search_dates(text, languages=[lang],
  settings={"RELATIVE_BASE": dct})``.  Its substrings are found in the text
  left to right, and its dates written at day precision, which is all it
  offers (as ``benchmarks/dates.py`` does for English).

A prediction is *correct* when it overlaps an expected mention and has its
value; precision, recall and F1 are counted over mentions, per language.
``span F1`` counts overlaps alone, whatever the value.  Timing: milliseconds
per case, the median of ``--reps`` runs; ours is timed cold (its memo
cleared before each run), so repeated phrases across runs do not help it.
``article ms`` times one text made of all of a language's cases joined,
about the size of a short news article.
"""
from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from generator.extract import foreign_dates  # noqa: E402

FIXTURES = os.path.join(ROOT, 'tests', 'fixtures', 'foreign_dates')


def load(lang: str) -> list[dict]:
    with open(os.path.join(FIXTURES, f'{lang}.yaml'), encoding='utf-8') as fh:
        cases = yaml.safe_load(fh)
    for c in cases:
        d = c['dct']
        c['dct'] = d if isinstance(d, datetime.date) else datetime.date.fromisoformat(str(d))
        c['expected'] = c['expected'] or []
    return cases


def ours(text: str, dct: datetime.date, lang: str) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.value) for m in foreign_dates.find_dates(text, dct, lang)]


def raw(text: str, dct: datetime.date, lang: str) -> list[tuple[int, int, str]]:
    from dateparser.search import search_dates
    base = datetime.datetime(dct.year, dct.month, dct.day)
    found = search_dates(text, languages=[lang],
                         settings={'RELATIVE_BASE': base, 'RETURN_AS_TIMEZONE_AWARE': False}) or []
    out, pos = [], 0
    for sub, when in found:
        i = text.find(sub, pos)
        if i < 0:
            i = text.find(sub)
            if i < 0:
                continue
        else:
            pos = i + len(sub)
        out.append((i, i + len(sub), when.date().isoformat()))
    return out


def gold(case: dict) -> list[tuple[int, int, str]]:
    """The expected mentions with their offsets (each found left to right)."""
    out, pos = [], 0
    for e in case['expected']:
        i = case['text'].index(e['text'], pos)
        pos = i + len(e['text'])
        out.append((i, pos, e['value']))
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(cases: list[dict], preds: list[list[tuple[int, int, str]]], errors: list | None = None) -> dict:
    n_pred = n_gold = correct = spans = 0
    for case, got in zip(cases, preds):
        want = gold(case)
        n_pred += len(got)
        n_gold += len(want)
        used: set[int] = set()
        for p in got:
            hit = next((i for i, g in enumerate(want) if i not in used and _overlap(p, g)), None)
            if hit is None:
                if errors is not None:
                    errors.append(('false', case['text'][p[0]:p[1]], p[2], case['text']))
                continue
            used.add(hit)
            spans += 1
            if p[2] == want[hit][2]:
                correct += 1
            elif errors is not None:
                errors.append(('value', case['text'][p[0]:p[1]], f'{p[2]} (want {want[hit][2]})', case['text']))
        if errors is not None:
            errors.extend(('missed', case['text'][g[0]:g[1]], g[2], case['text'])
                          for i, g in enumerate(want) if i not in used)

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    precision = correct / n_pred if n_pred else 1.0
    recall = correct / n_gold if n_gold else 1.0
    span_p = spans / n_pred if n_pred else 1.0
    span_r = spans / n_gold if n_gold else 1.0
    return {'P': precision, 'R': recall, 'F1': f1(precision, recall), 'spanF1': f1(span_p, span_r),
            'pred': n_pred, 'gold': n_gold}


def timed(fn, cases: list[dict], lang: str, reps: int, cold) -> float:
    """Median milliseconds per case over reps runs; cold() runs before each."""
    runs = []
    for _ in range(reps):
        cold()
        t0 = time.perf_counter()
        for c in cases:
            fn(c['text'], c['dct'], lang)
        runs.append((time.perf_counter() - t0) * 1000 / len(cases))
    return statistics.median(runs)


def timed_article(fn, cases: list[dict], lang: str, reps: int, cold) -> float:
    text = '\n\n'.join(c['text'] for c in cases)
    runs = []
    for _ in range(reps):
        cold()
        t0 = time.perf_counter()
        fn(text, cases[0]['dct'], lang)
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs)


def _around(text: str, span: str, width: int = 60) -> str:
    """The words around a span, for the error list."""
    i = text.find(span)
    lo, hi = max(0, i - width), min(len(text), i + len(span) + width)
    return ('…' if lo else '') + text[lo:hi] + ('…' if hi < len(text) else '')


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--langs', nargs='+', default=sorted(foreign_dates.LANGUAGES))
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--errors', action='store_true', help="list each tagger's errors")
    args = ap.parse_args(argv)

    def clear():
        foreign_dates._parse.cache_clear()

    def nothing():
        pass

    # Load dateparser and its language data once, outside every timing.
    for lang in args.langs:
        raw('13 novembre 2015', datetime.date(2015, 12, 2), lang)
        ours('13 novembre 2015', datetime.date(2015, 12, 2), lang)

    header = f"{'lang':4} {'tagger':15} {'cases':>5} {'P':>6} {'R':>6} {'F1':>6} {'spanF1':>7} {'ms/case':>8} {'article ms':>10}"
    print(header)
    print('-' * len(header))
    for lang in args.langs:
        cases = load(lang)
        for name, fn, cold in (('ours', ours, clear), ('raw search_dates', raw, nothing)):
            errs: list | None = [] if args.errors else None
            s = score(cases, [fn(c['text'], c['dct'], lang) for c in cases], errs)
            ms = timed(fn, cases, lang, args.reps, cold)
            article = timed_article(fn, cases, lang, args.reps, cold)
            print(f"{lang:4} {name:15} {len(cases):5d} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f} "
                  f"{s['spanF1']:7.3f} {ms:8.2f} {article:10.1f}")
            for kind, span, value, text in errs or ():
                print(f"       {kind:6} {span!r} {value}  | {_around(text, span)}")
    return 0


if __name__ == '__main__':
    sys.exit(main())
