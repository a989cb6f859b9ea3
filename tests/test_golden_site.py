"""The golden site: a fixture using every front-matter field builds to exactly the committed output.

tests/sites/golden/ is the input; tests/sites/golden-expected/ the output
committed after reading it. An intended change of output is recorded with
`python -m tests.regenerate golden`, and the diff is part of the review.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from generator.build.pipeline import build
from generator.site.render import theme_dir
from generator.build.write import MARKER

TESTS = Path(__file__).resolve().parent
SOURCE = TESTS / "sites" / "golden"
EXPECTED = TESTS / "sites" / "golden-expected"


def build_golden(out: Path | None = None) -> Path:
    out = out or Path(tempfile.mkdtemp()) / "site"
    result = build(SOURCE, out, cache=False)   # nothing written into the fixture folder
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    return out


def files(folder: Path) -> dict[str, bytes]:
    """Every output file but the theme's assets, which are copies the theme tests cover."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith("assets/")
    }


def test_every_output_file_matches_the_committed_site(tmp_path):
    built = files(build_golden(tmp_path / "site"))
    expected = files(EXPECTED)
    assert sorted(built) == sorted(expected), "the set of output files changed"
    for name, data in expected.items():
        assert built[name] == data, f"{name} differs from the committed golden output"


def test_two_builds_are_byte_identical(tmp_path):
    first = files(build_golden(tmp_path / "one"))
    second = files(build_golden(tmp_path / "two"))
    assert first == second


def test_output_carries_the_marker_and_the_theme_assets(tmp_path):
    out = build_golden(tmp_path / "site")
    assert (out / MARKER).is_file()
    theme = theme_dir() / "assets"
    for asset in theme.iterdir():
        assert (out / "assets" / asset.name).read_bytes() == asset.read_bytes()
