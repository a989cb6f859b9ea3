"""`factsheet dates`: the tagger on its own, in the referee scorer's formats."""

from __future__ import annotations

import json

from tests.helpers import run_cli
from tests.test_extract_command import seed_body


def test_one_file_prints_json_lines(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(seed_body(), encoding="utf-8")
    run = run_cli("dates", "--dct", "2015-12-02", str(path))
    assert run.code == 0, run.stderr
    found = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(d["text"], d["value"], d["type"]) for d in found] == [
        ("13 November", "2015-11-13", "DATE"),
        ("1 December", "2015-12-01", "DATE"),
    ]
    text = seed_body()
    assert all(text[d["start"] : d["end"]] == d["text"] for d in found)


def test_jsonl_documents_in_the_scorers_format(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps({"doc": "a", "dct": "1998-02-13", "text": "Talks ended yesterday."}) + "\n"
        + json.dumps({"doc": "b", "dct": "1998-02-13", "text": "Nothing dated here."}) + "\n",
        encoding="utf-8",
    )
    run = run_cli("dates", "--jsonl", str(docs))
    assert run.code == 0, run.stderr
    assert [json.loads(line) for line in run.stdout.splitlines()] == [
        {"doc": "a", "start": 12, "end": 21, "value": "1998-02-12", "type": "DATE"}
    ]


def test_usage_errors_exit_2(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Friday", encoding="utf-8")
    assert run_cli("dates", str(path)).code == 2  # no --dct
    assert run_cli("dates", "--dct", "yesterday", str(path)).code == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    assert run_cli("dates", "--jsonl", str(bad)).code == 2
