"""Regenerate the committed expectations: `python -m tests.regenerate [invalid] [golden]`.

Run it only after an intended change, then read `git diff` before committing:
the expectations are the specification the tests hold the build to.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from tests.helpers import check_case, invalid_cases


def regenerate_invalid() -> None:
    for case in invalid_cases():
        run = check_case(case)
        (case / "expected.txt").write_text("".join(line + "\n" for line in run.diagnostics), encoding="utf-8")
        print(f"{case.name}: exit {run.code}, {len(run.diagnostics)} diagnostic(s)")


def regenerate_golden() -> None:
    from tests.test_golden_site import EXPECTED, build_golden

    built = build_golden()
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    shutil.copytree(built, EXPECTED, ignore=lambda folder, names: ["assets"] if Path(folder) == built else [])
    print(f"golden site written to {EXPECTED}")


if __name__ == "__main__":
    targets = sys.argv[1:] or ["invalid", "golden"]
    if "invalid" in targets:
        regenerate_invalid()
    if "golden" in targets:
        regenerate_golden()
