"""`factsheet extract`: the seed article's acceptance test, and --write keeping every byte the user wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.helpers import run_cli

SEED = Path(__file__).resolve().parents[1] / "content" / "articles" / "armed-police-london.txt"
BARE_FRONT_MATTER = "---\ntitle: Armed police told to move towards terrorists\ndate: 2015-12-02\nsource: {name: IBTimes UK}\n---\n"


def seed_body() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


@pytest.fixture
def bare_seed(tmp_path) -> Path:
    """The seed article with only title, date and source in its front matter."""
    path = tmp_path / "content" / "articles" / "seed.txt"
    path.parent.mkdir(parents=True)
    path.write_text(BARE_FRONT_MATTER + seed_body(), encoding="utf-8")
    return path


def test_seed_extraction_meets_the_acceptance_criteria(bare_seed):
    run = run_cli("extract", "--json", str(bare_seed))
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    quotes = data["quotes"]
    assert len(quotes) == 5
    assert {q["speaker"] for q in quotes} == {"Patricia Gallan"}
    assert quotes[0]["text"].startswith("We are asking them to do something different")
    assert quotes[0]["via"] == "The Guardian"
    figures = {(f["value"], f["unit"]) for f in data["facts"]}
    assert {("130", "people"), ("15", "weeks")} <= figures
    killed = next(f for f in data["facts"] if f["value"] == "130")
    assert killed["label"] == "Killed"
    people = {(p["name"], p["role"]) for p in data["people"]}
    assert ("Patricia Gallan", "Assistant Commissioner") in people
    assert [e["value"] for e in data["events"]] == ["2015-11-13", "2015-12-01"]
    everything = json.dumps(data)
    assert "Getty" not in everything
    assert "An armed police officer in London" not in everything
    text = bare_seed.read_text(encoding="utf-8")
    body_start = text.index("---\n", 4) + 4
    for kind in ("events", "facts", "quotes", "people"):
        for item in data[kind]:
            assert 0 <= item["start"] < item["end"] <= len(text) - body_start


def test_write_appends_without_changing_a_byte(bare_seed):
    original = bare_seed.read_bytes()
    run = run_cli("extract", "--write", str(bare_seed))
    assert run.code == 0, run.stderr
    updated = bare_seed.read_bytes()
    assert updated.startswith(original[: len(BARE_FRONT_MATTER) - 4])
    assert updated.endswith(original[len(BARE_FRONT_MATTER) - 4 :])
    assert (bare_seed.parent / ".seed.txt.bak").read_bytes() == original
    again = run_cli("extract", "--write", str(bare_seed))
    assert again.code == 0 and bare_seed.read_bytes() == updated, "a second --write adds nothing"
    check = run_cli("check", "--root", str(bare_seed.parents[2]), "--quiet")
    assert check.code == 0, check.stderr


def test_extract_of_a_broken_file_lists_its_errors(tmp_path):
    path = tmp_path / "content" / "articles" / "bad.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: [unclosed\ndate: 2015-12-02\n---\nBody.\n", encoding="utf-8")
    run = run_cli("extract", str(path))
    assert run.code == 1
    assert run.diagnostics and run.diagnostics[0].startswith("content/articles/bad.md:")


def test_write_keeps_a_dates_modifier(tmp_path):
    path = tmp_path / "content" / "articles" / "bridge.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Bridge\ndate: 2016-03-01\n---\n"
                    "Engineers found cracks in the Riverside bridge in early 2015.\n", encoding="utf-8")
    assert run_cli("extract", "--write", str(path)).code == 0
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert [e["date"] for e in front["events"]] == ["early 2015"]
    again = run_cli("extract", "--write", str(path))
    assert again.code == 0 and yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]) == front
    built = run_cli("build", "--root", str(tmp_path), "--base-url", "https://example.org/", "--quiet")
    assert built.code == 0, built.stderr
    facts = json.loads((tmp_path / "site" / "articles" / "bridge" / "facts.json").read_text(encoding="utf-8"))
    assert [(e["date"]["value"], e["date"]["label"], e["origin"]["extracted"]) for e in facts["events"]] == [
        ("2015", "early 2015", False)]
