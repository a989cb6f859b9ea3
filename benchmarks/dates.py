#!/usr/bin/env python3
"""Benchmark the date tagger against TimeML gold data and raw dateparser.

Usage::

    python benchmarks/dates.py [TIMEML_DIR] [--scorer PATH] [--reps N] [--quick]
                               [--halves] [--errors N] [--tune-half A|B]

Defaults (relative to the repository root): ``../shared/data/timebank`` and
``../shared/eval/score_dates.py``.  The referee scorer is used for
everything that touches the gold data: it dumps the documents
(``{"doc", "dct", "text"}``) and scores the predictions, so the figures are
the referee's own.

For every document ``generator.extract.dates.find_dates`` is timed in-process
(``--reps`` repetitions, the median kept), and so is raw
``dateparser.search.search_dates`` (one run: it is slow) unless ``--quick``
is given.  dateparser's results are turned into predictions by finding each
returned substring in the text (left to right) and writing the date at day
precision, which is all it offers.  The script prints a side-by-side table
of strict / relaxed / value F1, median milliseconds per document and the
speed ratio.

``--halves`` also scores the tagger on two fixed halves of the documents
(split by a CRC-32 of the document name, so the split never changes): rules
tuned on one half that do not carry over to the other show up as a gap
between the two.  ``--errors N`` prints the referee's error list (up to N
value errors, misses and false alarms) for the whole set, or for each half;
``--tune-half A`` (or ``B``) prints it for that half only, so that the other
stays held out: its totals are shown, never its errors.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from generator.extract.dates import find_dates  # noqa: E402


def _parse_dct(s: str) -> datetime.datetime:
    """DCT strings in TimeBank are "1998-02-13" or "1990-08-15T13:37"."""
    return datetime.datetime.fromisoformat(s[:10])


def dump_docs(scorer: str, gold: str, out: str) -> list[dict]:
    subprocess.run([sys.executable, scorer, 'dump', gold, '-o', out], check=True)
    with open(out, encoding='utf-8') as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(scorer: str, gold, preds: str) -> dict:
    """The referee's totals; gold is a directory or a list of .tml files."""
    gold = [gold] if isinstance(gold, str) else list(gold)
    res = subprocess.run([sys.executable, scorer, 'score', *gold, '-p', preds, '--json'],
                         check=True, capture_output=True, text=True)
    return json.loads(res.stdout)['total']


def errors(scorer: str, gold, preds: str, n: int) -> str:
    """The referee's printed error list (up to n items)."""
    gold = [gold] if isinstance(gold, str) else list(gold)
    res = subprocess.run([sys.executable, scorer, 'score', *gold, '-p', preds, '--errors', str(n)],
                         check=True, capture_output=True, text=True)
    return res.stdout


def halves(gold: str) -> dict[str, list[str]]:
    """The .tml files of gold split into halves "A" and "B" by a CRC-32 of
    the file name: fixed across runs and machines, unrelated to content."""
    out: dict[str, list[str]] = {'A': [], 'B': []}
    for name in sorted(os.listdir(gold)):
        if name.endswith('.tml'):
            half = 'AB'[zlib.crc32(name[:-4].encode('utf-8')) % 2]
            out[half].append(os.path.join(gold, name))
    return out


def run_tagger(docs: list[dict], reps: int) -> tuple[list[dict], list[float]]:
    preds, times = [], []
    for d in docs:
        dct = _parse_dct(d['dct']).date()
        runs = []
        for _ in range(reps):
            t0 = time.perf_counter()
            found = find_dates(d['text'], dct)
            runs.append(time.perf_counter() - t0)
        times.append(statistics.median(runs))
        preds += [{'doc': d['doc'], 'start': m.start, 'end': m.end, 'value': m.value,
                   'type': 'DATE', 'text': m.text} for m in found]
    return preds, times


def run_dateparser(docs: list[dict]) -> tuple[list[dict], list[float]]:
    from dateparser.search import search_dates
    search_dates('warm up on Friday, 13 November 2015', languages=['en'])  # load models once
    preds, times = [], []
    for d in docs:
        dct = _parse_dct(d['dct'])
        text = d['text']
        t0 = time.perf_counter()
        found = search_dates(text, languages=['en'],
                             settings={'RELATIVE_BASE': dct,
                                       'RETURN_AS_TIMEZONE_AWARE': False}) or []
        times.append(time.perf_counter() - t0)
        pos = 0
        for sub, when in found:
            i = text.find(sub, pos)
            if i < 0:
                i = text.find(sub)
                if i < 0:
                    continue
            else:
                pos = i + len(sub)
            preds.append({'doc': d['doc'], 'start': i, 'end': i + len(sub),
                          'value': when.date().isoformat(), 'type': 'DATE', 'text': sub})
    return preds, times


def write_jsonl(rows: list[dict], path: str) -> None:
    with open(path, 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('gold', nargs='?', default=os.path.join(ROOT, '..', 'shared', 'data', 'timebank'))
    ap.add_argument('--scorer', default=os.path.join(ROOT, '..', 'shared', 'eval', 'score_dates.py'))
    ap.add_argument('--reps', type=int, default=5, help='timing repetitions per document')
    ap.add_argument('--quick', action='store_true', help='skip the raw dateparser run')
    ap.add_argument('--keep', metavar='DIR', help='keep docs and prediction files in DIR')
    ap.add_argument('--halves', action='store_true',
                    help='also score two fixed halves of the documents separately')
    ap.add_argument('--errors', type=int, default=0, metavar='N',
                    help="print the referee's error list, up to N items (per half with --halves)")
    ap.add_argument('--tune-half', choices=('A', 'B'),
                    help='with --halves, print errors for this half only (the other is held out)')
    a = ap.parse_args(argv)

    work = a.keep or tempfile.mkdtemp(prefix='dates-bench-')
    os.makedirs(work, exist_ok=True)
    docs = dump_docs(a.scorer, a.gold, os.path.join(work, 'docs.jsonl'))

    rows = []
    preds, times = run_tagger(docs, a.reps)
    path = os.path.join(work, 'preds_factsheet.jsonl')
    write_jsonl(preds, path)
    rows.append(('factsheet find_dates', score(a.scorer, a.gold, path), times))
    # (name, gold files or directory, prediction file) for the error lists.
    parts = [('all', a.gold, path)]
    if a.halves:
        parts = []
        by_doc = {d['doc']: t for d, t in zip(docs, times)}
        for half, files in halves(a.gold).items():
            names = {os.path.basename(f)[:-4] for f in files}
            half_path = os.path.join(work, 'preds_factsheet_%s.jsonl' % half)
            write_jsonl([p for p in preds if p['doc'] in names], half_path)
            rows.append(('  half %s (%d docs)' % (half, len(files)),
                         score(a.scorer, files, half_path),
                         [t for doc, t in by_doc.items() if doc in names]))
            if a.tune_half in (None, half):
                parts.append(('half ' + half, files, half_path))
    if not a.quick:
        preds, times = run_dateparser(docs)
        path = os.path.join(work, 'preds_dateparser.jsonl')
        write_jsonl(preds, path)
        rows.append(('dateparser search_dates', score(a.scorer, a.gold, path), times))

    print('%d documents, %d gold DATE expressions\n' % (len(docs), rows[0][1]['gold']))
    print('%-26s %8s %8s %8s %8s %8s %12s' % ('system', 'strict', 'relaxed', 'value', 'val-P',
                                              'val-R', 'median ms'))
    for name, s, t in rows:
        print('%-26s %8.3f %8.3f %8.3f %8.3f %8.3f %12.2f' % (
            name, s['strict']['F1'], s['relaxed']['F1'], s['value']['F1'], s['value']['P'],
            s['value']['R'], statistics.median(t) * 1000))
    if a.errors:
        for name, gold, pred_path in parts:
            print('\nerrors (%s):' % name)
            # The first four lines repeat the totals printed above.
            print(errors(a.scorer, gold, pred_path, a.errors).split('\n', 4)[4].rstrip())
    if rows[-1][0].startswith('dateparser'):
        ratio = statistics.median(rows[-1][2]) / statistics.median(rows[0][2])
        print('\nspeed ratio (dateparser median / find_dates median): %.1fx' % ratio)
    if a.keep:
        print('\nfiles kept in', work)
    return 0


if __name__ == '__main__':
    sys.exit(main())
