"""One folder per invalid input: `factsheet check` must print exactly the expected diagnostics.

Each folder under tests/invalid/ is a small site. `expected.txt` holds the
exact `path:line:col: severity: message` lines; `case.yaml` may set extra
arguments and the exit code (default 1). Regenerate the expectations after
an intended change of wording with `python -m tests.regenerate invalid`,
then read the diff.
"""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import case_settings, check_case, invalid_cases, run_cli, with_base_url


@pytest.mark.parametrize("case", invalid_cases(), ids=lambda p: p.name)
def test_check_reports_exact_diagnostics(case):
    run = check_case(case)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert run.diagnostics == expected
    assert run.code == case_settings(case)["exit"]


@pytest.mark.parametrize("case", invalid_cases(), ids=lambda p: p.name)
def test_build_writes_nothing_on_error(case, tmp_path):
    settings = case_settings(case)
    site = tmp_path / "site"
    shutil.copytree(case, tmp_path / "case")
    run = run_cli("build", "--root", str(tmp_path / "case"), "--out", str(site), "--quiet", *with_base_url(settings["args"]))
    assert run.code == settings["exit"]
    assert site.exists() == (settings["exit"] == 0)
    assert run.diagnostics == (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_there_are_enough_cases():
    assert len(invalid_cases()) >= 20
