"""Hostile input: every case under tests/hostile/ gives its exact diagnostics or a safe site, never a traceback.

For every case, whatever it holds: the command exits with its expected
code, prints no internal error, writes nothing outside its output folder,
and leaves every file of the input (bytes and modification times) as it
was. See tests/hostile/cases.py for the case format.
"""

from __future__ import annotations

import pytest

from tests.hostile.cases import (
    expectations,
    hostile_cases,
    output_mismatches,
    prepare,
    run,
    settings,
    snapshot,
)
from tests.hostile.safety import site_problems

CASES = hostile_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_hostile_case(case, tmp_path):
    root = prepare(case, tmp_path)
    config = settings(case)
    before = snapshot(root)
    out = tmp_path / "out"
    built = run("build", root, "--out", str(out), *config["args"])
    assert "internal error" not in built.stderr and "Traceback" not in built.stderr, built.stderr
    if (case / "expected.txt").is_file():
        expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
        checked = run("check", root, *config["args"])
        assert checked.diagnostics == expected
        assert checked.code == config["exit"]
        assert built.diagnostics == expected
        assert built.code == config["exit"]
        assert out.exists() == (config["exit"] == 0)
    else:
        expect = expectations(case)
        assert built.diagnostics == expect["diagnostics"]
        assert built.code == expect["exit"], built.stderr
        assert site_problems(out) == []
        assert output_mismatches(out, expect) == []
    assert snapshot(root) == before, "the build must not change its input"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site-src"] + (["out"] if out.exists() else [])), \
        "nothing may be written beside the output folder (no temporary folder left either)"


def test_every_case_has_one_kind_of_expectation():
    for case in CASES:
        kinds = [name for name in ("expected.txt", "expect.yaml") if (case / name).is_file()]
        assert len(kinds) == 1, f"{case.name}: {kinds}"


def test_there_are_enough_cases():
    assert len(CASES) >= 40
