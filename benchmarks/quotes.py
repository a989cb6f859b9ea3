#!/usr/bin/env python3
"""Benchmark quotation finding and speaker attribution against the quotes-dev gold.

Usage::

    python benchmarks/quotes.py [--timebank DIR] [--eval DIR] [--gold DIR]
                                [--errors A|B|all] [--keep DIR]

Defaults (relative to the repository root): ``../shared/data/timebank``,
``../shared/eval`` and ``../shared/data/quotes-dev``.  The referee's scripts do
everything that touches the gold data: ``score_dates.py dump`` writes the
documents, ``score_quotes.py`` scores the predictions, so the figures are the
referee's own.

``generator.extract.extract`` runs on each document (quotes and people only)
and every quotation found becomes one ``{"doc", "text", "speaker", "via"}``
prediction.  The script prints the referee's figures and the speaker errors
by kind -- ``none`` (no speaker), ``place`` (a place taken for the speaker),
``description`` (a description left unresolved although the speaker is
named), ``wrong`` (another person or body) -- for all documents and for two
fixed halves split by a CRC-32 of the document id: half A is for tuning,
half B is held out (look at its figures, never at its errors, while tuning).
``--errors`` prints the referee's error list for one part.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from generator.extract import extract  # noqa: E402
from generator.extract import gazetteer as gz  # noqa: E402

SHARED = os.path.join(ROOT, '..', 'shared')
KINDS = frozenset({'quotes', 'people'})


def half_of(doc: str) -> str:
    """"A" (tuning) or "B" (held out): fixed across runs, unrelated to content."""
    return 'AB'[zlib.crc32(doc.encode('utf-8')) % 2]


def read_jsonl(path: str) -> list[dict]:
    with open(path, encoding='utf-8') as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(rows: list[dict], path: str) -> None:
    with open(path, 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')


def predict(docs: list[dict]) -> list[dict]:
    preds = []
    for d in docs:
        dct = datetime.date.fromisoformat(d['dct'][:10]) if d.get('dct') else None
        for q in extract(d['text'], dct, kinds=KINDS).quotes:
            preds.append({'doc': d['doc'], 'text': q.text, 'speaker': q.speaker, 'via': q.via})
    return preds


def gold_subset(gold_dir: str, keep, out_dir: str) -> str:
    """A copy of the gold directory with only the documents ``keep`` accepts."""
    os.makedirs(out_dir, exist_ok=True)
    for name in ('gold.jsonl', 'excluded.jsonl'):
        path = os.path.join(gold_dir, name)
        if os.path.exists(path):
            write_jsonl([r for r in read_jsonl(path) if keep(r['doc'])], os.path.join(out_dir, name))
    return out_dir


def score(scorer: str, docs: str, preds: str, gold_dir: str) -> tuple[dict, str]:
    res = subprocess.run([sys.executable, scorer, docs, preds, '--errors', '--gold-dir', gold_dir],
                         check=True, capture_output=True, text=True)
    head, _, rest = res.stdout.partition('\n')
    return json.loads(head), rest


_GENERIC = re.compile(r"(?:the|a|an|one|another|some)\s", re.I)


def error_kinds(errors: str) -> dict[str, int]:
    """Count the referee's NONE / WRONG lines by kind of mistake."""
    kinds = {'none': 0, 'wrong': 0, 'place': 0, 'description': 0}
    for line in errors.splitlines():
        if line.startswith('NONE'):
            kinds['none'] += 1
        elif line.startswith('WRONG'):
            m = re.search(r"gold=(?P<gold>'[^']*'|\"[^\"]*\"|None)\s+pred=(?P<pred>'[^']*'|\"[^\"]*\")$", line)
            pred = m.group('pred')[1:-1] if m else ''
            gold = m.group('gold').strip("'\"") if m else ''
            if pred.lower() in gz.PLACES and gold.lower() not in gz.PLACES:
                kinds['place'] += 1
            elif _GENERIC.match(pred) and not _GENERIC.match(gold):
                kinds['description'] += 1
            else:
                kinds['wrong'] += 1
    return kinds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--timebank', default=os.path.join(SHARED, 'data', 'timebank'))
    ap.add_argument('--eval', default=os.path.join(SHARED, 'eval'))
    ap.add_argument('--gold', default=os.path.join(SHARED, 'data', 'quotes-dev'))
    ap.add_argument('--errors', choices=('A', 'B', 'all'), help="print the referee's error list for a part")
    ap.add_argument('--keep', metavar='DIR', help='keep docs and prediction files in DIR')
    a = ap.parse_args(argv)

    work = a.keep or tempfile.mkdtemp(prefix='quotes-bench-')
    os.makedirs(work, exist_ok=True)
    docs_path = os.path.join(work, 'docs.jsonl')
    subprocess.run([sys.executable, os.path.join(a.eval, 'score_dates.py'), 'dump', a.timebank,
                    '-o', docs_path], check=True, capture_output=True)
    docs = read_jsonl(docs_path)
    preds = predict(docs)
    preds_path = os.path.join(work, 'quotes.jsonl')
    write_jsonl(preds, preds_path)

    scorer = os.path.join(a.eval, 'score_quotes.py')
    parts = [('all', a.gold)]
    for half in 'AB':
        parts.append((half, gold_subset(a.gold, lambda d, h=half: half_of(d) == h,
                                        os.path.join(work, 'gold-' + half))))
    print('%-5s %5s %5s %5s %6s %6s %6s %7s %6s %6s | %5s %5s %5s %5s' % (
        'part', 'gold', 'tp', 'fp', 'P', 'R', 'F1', 'right', 'none', 'wrong%', 'none', 'wrong',
        'place', 'desc'))
    lists = {}
    for name, gold_dir in parts:
        s, errs = score(scorer, docs_path, preds_path, gold_dir)
        lists[name] = errs
        k = error_kinds(errs)
        print('%-5s %5d %5d %5d %6.3f %6.3f %6.3f %7.3f %6d %6.3f | %5d %5d %5d %5d' % (
            name, s['gold'], s['tp'], s['fp'], s['P'], s['R'], s['F1'],
            s['correct_quote_and_speaker_over_gold'], s['no_speaker'], s['wrong_of_attributed'],
            k['none'], k['wrong'], k['place'], k['description']))
    print('\n(right = right speaker / all gold quotations; wrong% = wrong / quotations given a speaker;'
          '\n half A is for tuning, half B is held out)')
    if a.errors:
        print('\nerrors (%s):%s' % (a.errors, lists[a.errors].rstrip()))
    if a.keep:
        print('\nfiles kept in', work)
    return 0


if __name__ == '__main__':
    sys.exit(main())
