#!/usr/bin/env python3
"""Score the timeline events of ``generator.extract.extract`` on the events-dev set.

Usage::

    python benchmarks/events.py [TIMEML_DIR] [--scorer PATH] [--events-scorer PATH]
                                [--events EVENTS_JSONL] [--keep DIR] [--errors N]
                                [--split all|tune|heldout] [--show DOC ...]

Defaults (relative to the repository root): ``../shared/data/timebank``,
``../shared/eval/score_dates.py``, ``../shared/eval/score_events.py`` and
``../shared/data/events-dev/events.jsonl``.  The referee scripts do all the
work that touches the gold data: ``score_dates.py dump`` writes the documents
(``{"doc", "dct", "text"}``), and ``score_events.py`` scores the predictions,
so the figures are the referee's own.

Every document is extracted with ``generator.extract.extract(text, dct,
kinds={"dates"})`` (``dct`` the document's own date) and every event becomes a
prediction ``{"doc", "start", "end", "value", "text"}``: the offsets of the
date mention, its value and the headline.  The same figures are printed for
the referee's ``--baseline sentence`` (the raw sentence as headline, one
event for every judged sentence), for all items, for part 1 (mostly WSJ
business news) and part 2 (general newswire and broadcast news), and for two
fixed halves of the documents (a CRC-32 of the document name, as in
``benchmarks/dates.py``): half A is the *tuning* split, half B the *held-out*
split, for checking that a rule carries over to documents it was not written
against.

TimeBank writes quotation marks the Penn Treebank way, two backticks and two
apostrophes; the extractor reads them as quotation marks, as it must for wire
copy pasted as it comes, so the texts are extracted as they are.

``--errors N`` prints the referee's error list (up to N) for the chosen
``--split``; ``--show DOC`` prints every event of those documents, for reading
whole articles the way an editor would.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from generator.extract import extract  # noqa: E402

SHARED = os.path.join(ROOT, '..', 'shared')
COLUMNS = (('found', 'found', 'share'), ('value', 'value_right', 'share_of_found'),
           ('emitted', 'wrongly_emitted', 'share'), ('(a)', 'starts_ok', None),
           ('(b)', 'ends_ok', None), ('(c)', 'rouge1_ge_0.5', None), ('all3', 'all_three', None),
           ('>20w', 'over_20_words', None), ('attrib', 'trailing_attribution', None))


def half(doc: str) -> str:
    """"A" (tuning) or "B" (held-out): a CRC-32 of the document name, as ``benchmarks/dates.py``."""
    return 'AB'[zlib.crc32(doc.encode('utf-8')) % 2]


def dump_docs(scorer: str, gold: str, out: str) -> list[dict]:
    subprocess.run([sys.executable, scorer, 'dump', gold, '-o', out], check=True)
    with open(out, encoding='utf-8') as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict(docs: list[dict]) -> list[dict]:
    preds = []
    for d in docs:
        dct = datetime.date.fromisoformat(d['dct'][:10])
        x = extract(d['text'], dct, kinds=frozenset({'dates'}))
        preds += [{'doc': d['doc'], 'start': e.span.start, 'end': e.span.end, 'value': e.value,
                   'text': e.text} for e in x.events]
    return preds


def write_jsonl(rows, path: str) -> None:
    with open(path, 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')


def run_scorer(scorer: str, docs_path: str, args: list[str]) -> str:
    res = subprocess.run([sys.executable, scorer, docs_path, *args], check=True,
                         capture_output=True, text=True)
    return res.stdout


def score(scorer: str, docs_path: str, preds: str, gold: str, part: str | None = None) -> dict:
    args = ['-p', preds, '--gold', gold] + (['--part', part] if part else [])
    out = run_scorer(scorer, docs_path, args)
    # The JSON report comes first; an error list (if asked for) follows it.
    return json.JSONDecoder().raw_decode(out)[0]


def row(name: str, s: dict) -> str:
    cells = []
    for _, key, sub in COLUMNS:
        if key in s:
            v = s[key][sub]
            if key == 'wrongly_emitted':
                cells.append('%d/%d %.2f' % (s[key]['n'], s['not_newsworthy'], v))
            else:
                cells.append('%4.2f' % v)
        else:
            cells.append('%4.2f' % s['headline'][key]['share'])
    return '%-34s %4d %3d  ' % (name, s['items'], s['newsworthy']) + '  '.join(
        '%*s' % (13 if c.count('/') else 5, c) for c in cells)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('gold', nargs='?', default=os.path.join(SHARED, 'data', 'timebank'))
    ap.add_argument('--scorer', default=os.path.join(SHARED, 'eval', 'score_dates.py'))
    ap.add_argument('--events-scorer', default=os.path.join(SHARED, 'eval', 'score_events.py'))
    ap.add_argument('--events', default=os.path.join(SHARED, 'data', 'events-dev', 'events.jsonl'),
                    help='the judged sentences (events-dev)')
    ap.add_argument('--keep', metavar='DIR', help='keep docs, gold splits and prediction files in DIR')
    ap.add_argument('--errors', type=int, default=0, metavar='N', help="print the referee's error list")
    ap.add_argument('--split', choices=['all', 'tune', 'heldout'], default='all',
                    help='which items --errors lists (default: all)')
    ap.add_argument('--show', nargs='*', metavar='DOC', default=[],
                    help='print every event extracted from these documents')
    a = ap.parse_args(argv)

    work = a.keep or tempfile.mkdtemp(prefix='events-bench-')
    os.makedirs(work, exist_ok=True)
    docs_path = os.path.join(work, 'docs.jsonl')
    docs = dump_docs(a.scorer, a.gold, docs_path)

    preds = predict(docs)
    ours = os.path.join(work, 'preds_factsheet.jsonl')
    write_jsonl(preds, ours)
    base = os.path.join(work, 'preds_sentence.jsonl')
    with open(base, 'w', encoding='utf-8') as fh:
        fh.write(run_scorer(a.events_scorer, docs_path, ['--baseline', 'sentence', '--gold', a.events]))

    with open(a.events, encoding='utf-8') as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    splits = {'all': a.events}
    for name, h in (('tune', 'A'), ('heldout', 'B')):
        path = os.path.join(work, 'events_%s.jsonl' % name)
        write_jsonl([it for it in items if half(it['doc']) == h], path)
        splits[name] = path

    print('%d documents, %d events extracted, %d judged sentences\n' % (len(docs), len(preds), len(items)))
    head = '%-34s %4s %3s  ' % ('predictions: items', 'n', 'nw') + '  '.join(
        '%*s' % (13 if k == 'wrongly_emitted' else 5, t) for t, k, _ in COLUMNS)
    print(head)
    for label, path in (('factsheet', ours), ('raw sentence', base)):
        for name, gold, part in (('all', a.events, None), ('part 1 (mostly WSJ)', a.events, '1'),
                                 ('part 2 (general)', a.events, '2'),
                                 ('tuning half A', splits['tune'], None),
                                 ('held-out half B', splits['heldout'], None)):
            print(row('%s: %s' % (label, name), score(a.events_scorer, docs_path, path, gold, part)))
        print()
    print('found, emitted: share of newsworthy / of non-newsworthy items; value: share of found;')
    print('(a) starts with a subject, (b) ends at a clause end, (c) ROUGE-1 >= 0.5, all3: all of them;')
    print('>20w, attrib: shares of headlines over 20 words / with a trailing attribution.')

    if a.errors:
        out = run_scorer(a.events_scorer, docs_path,
                         ['-p', ours, '--gold', splits[a.split], '--errors', str(a.errors)])
        report_end = json.JSONDecoder().raw_decode(out)[1]
        print('\nerrors (%s):' % a.split)
        print(out[report_end:].strip())
    for doc in a.show:
        print('\n== %s' % doc)
        for p in preds:
            if p['doc'] == doc:
                print('  %-12s %s' % (p['value'], p['text']))
    if a.keep:
        print('\nfiles kept in', work)
    return 0


if __name__ == '__main__':
    sys.exit(main())
