#!/usr/bin/env python3
"""Benchmark the merged topic timelines against an editor's timelines of TimeBank stories.

Usage::

    python benchmarks/timelines.py [--shared DIR] [--work DIR] [--all-articles] [-v]

Defaults (relative to the repository root): ``../shared``, which holds
``data/timebank``, ``data/story-timelines`` (the stories, the editor's
timelines and ``make_site.py``) and ``eval/`` (the referee scorers).

The steps are the referee's own: ``score_dates.py dump`` writes the TimeBank
articles as JSON lines, ``make_site.py`` turns them into a factsheet content
folder whose topics are the stories, ``python -m generator.cli build`` builds
it with the code of this checkout, and ``score_timeline.py`` scores each
topic's ``timeline.json``. The script prints the scorer's table and then the
SUMMARY figures that matter here: date F1 of all entries and of the key
entries (``importance: 1``), the share of the editor's day-dated events shown
exactly once, noise and entry counts.

By default the site holds only the stories' articles (``--stories-only``);
``--all-articles`` adds the rest of TimeBank, as the scorer's README does,
which changes nothing on the topic pages but makes the build slower.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a step, stopping the benchmark with its output if it fails."""
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}")
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"),
                    help="folder with data/ and eval/ (default: ../shared from the repository root)")
    ap.add_argument("--work", help="keep the docs, content and built site here (default: a temporary folder)")
    ap.add_argument("--all-articles", action="store_true", help="build every TimeBank article, not only the stories'")
    ap.add_argument("--code", default=ROOT,
                    help="the checkout whose generator/ builds the site (default: this one), to compare with an earlier "
                         "version, e.g. one unpacked with `git archive REV generator templates | tar -x -C DIR`")
    ap.add_argument("-v", "--verbose", action="store_true", help="pass -v to the scorer: per-event counts and noise")
    a = ap.parse_args(argv)

    shared = os.path.abspath(a.shared)
    score_dates = os.path.join(shared, "eval", "score_dates.py")
    score_timeline = os.path.join(shared, "eval", "score_timeline.py")
    stories = os.path.join(shared, "data", "story-timelines")
    with tempfile.TemporaryDirectory(prefix="factsheet-timelines-") as scratch:
        work = os.path.abspath(a.work) if a.work else scratch
        os.makedirs(work, exist_ok=True)
        docs = os.path.join(work, "tb-docs.jsonl")
        site_root = os.path.join(work, "storysite")
        run([sys.executable, score_dates, "dump", os.path.join(shared, "data", "timebank"), "-o", docs])
        run([sys.executable, os.path.join(stories, "make_site.py"), docs, site_root]
            + ([] if a.all_articles else ["--stories-only"]))
        env = dict(os.environ, PYTHONPATH=os.path.abspath(a.code) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        started = time.perf_counter()
        run([sys.executable, "-m", "generator.cli", "build", "--quiet", "--out", "site"], cwd=site_root, env=env)
        seconds = time.perf_counter() - started
        scored = run([sys.executable, score_timeline, os.path.join(site_root, "site")]
                     + (["-v"] if a.verbose else []))
    lines = scored.stdout.splitlines()
    summary = json.loads(next(line for line in lines if line.startswith("SUMMARY "))[len("SUMMARY "):])
    print("\n".join(line for line in lines if not line.startswith("SUMMARY ")))
    print(f"\nbuild: {seconds:.1f} s")
    print(f"{'topic':<24}{'entries':>8}{'key':>5}{'F1':>6}{'keyF1':>7}{'coreR':>7}{'dup1':>6}{'noise':>7}")
    for slug, t in summary["topics"].items():
        print(f"{slug[:23]:<24}{t['entries']:>8}{t.get('key_entries', '-'):>5}{_f(t['F1']):>6}{_f(t.get('key_F1')):>7}"
              f"{_f(t['core_R']):>7}{_f(t['dup_ideal']):>6}{_f(t['noise']):>7}")
    m = summary["macro"]
    print(f"{'macro':<24}{m['entries']:>8}{'':>5}{_f(m['F1']):>6}{_f(m.get('key_F1')):>7}"
          f"{_f(m['core_R']):>7}{_f(m['dup_ideal']):>6}{_f(m['noise']):>7}")
    print("SUMMARY " + json.dumps({"macro": m, "build_seconds": round(seconds, 2)}))
    return 0


def _f(x) -> str:
    return "-" if x is None else f"{x:.2f}"


if __name__ == "__main__":
    sys.exit(main())
