"""The wheel carries every module and the default theme, so an installed factsheet builds sites without a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_theme(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("factsheet-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = REPO / "templates"
    expected = {f"generator/theme/{p.relative_to(theme).as_posix()}" for p in theme.rglob("*") if p.is_file()}
    assert expected <= names, sorted(expected - names)
    schemas = {f"generator/content/schemas/{kind}.schema.json" for kind in ("article", "topic", "entity", "site")}
    assert schemas <= names, sorted(schemas - names)  # what `factsheet schema` prints
    code = {p.relative_to(REPO).as_posix() for p in (REPO / "generator").rglob("*.py")}
    assert code and {n for n in names if n.endswith(".py")} == code, "every module of every subpackage, nothing else"
