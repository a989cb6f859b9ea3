"""Nothing is lost: `factsheet build` killed with SIGKILL at random moments never leaves a broken site.

Twenty builds alternate between two content states. Each is killed at a
random moment of its run (from interpreter start to the final swap); the
output folder must then be exactly one of the two complete reference
builds, byte for byte, and the next build, left to finish, must produce the
reference for the current content with no temporary folder left behind.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.test_golden_site import SOURCE

BUILDS = int(os.environ.get("FACTSHEET_KILL_BUILDS", "20"))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, assets and marker included."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _state_b(root: Path) -> None:
    """The second content state: one article changed, one removed, one added."""
    articles = root / "content" / "articles"
    changed = articles / "flood-defences.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA paragraph added in an update.\n", encoding="utf-8")
    (articles / "rail-strike.txt").unlink()
    (articles / "added.md").write_text("---\ntitle: Added later\ndate: 2016-01-05\ntags: [added]\n---\nA new article.\n",
                                       encoding="utf-8")


def _content(tmp_path: Path, state: str) -> Path:
    folder = tmp_path / f"content-{state}"
    if not folder.exists():
        shutil.copytree(SOURCE, folder)
        if state == "b":
            _state_b(folder)
    return folder


def _build_command(root: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator.cli", "build", "--root", str(root), "--out", str(out), "--quiet"]


def _use(state_folder: Path, root: Path) -> None:
    """Make `root/content` hold one state's content (root/site.yaml too)."""
    shutil.rmtree(root / "content", ignore_errors=True)
    shutil.copytree(state_folder / "content", root / "content")
    shutil.copy2(state_folder / "site.yaml", root / "site.yaml")


def test_sigkill_at_random_moments_never_loses_the_site(tmp_path):
    references = {}
    durations = []
    for state in ("a", "b"):
        out = tmp_path / f"reference-{state}"
        started = time.perf_counter()
        subprocess.run(_build_command(_content(tmp_path, state), out), check=True)
        durations.append(time.perf_counter() - started)
        references[state] = tree(out)
    assert references["a"] != references["b"]
    root, out = tmp_path / "site-src", tmp_path / "work" / "site"
    root.mkdir()
    out.parent.mkdir()
    rng = random.Random(20151113)
    outcomes = {"old": 0, "new": 0, "none": 0}
    previous = None
    for number in range(BUILDS):
        state = "ab"[number % 2]
        _use(_content(tmp_path, state), root)
        process = subprocess.Popen(_build_command(root, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0, max(durations) * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        if out.exists():
            found = tree(out)
            assert found in (references[state], previous), f"build {number}: the site is neither the old nor the new one"
            outcomes["new" if found == references[state] else "old"] += 1
        else:
            assert previous is None, f"build {number}: the previous site disappeared"
            outcomes["none"] += 1
        finished = subprocess.run(_build_command(root, out), capture_output=True, text=True)
        assert finished.returncode == 0, finished.stderr
        assert tree(out) == references[state], f"build {number}: the next build is not correct"
        assert sorted(p.name for p in out.parent.iterdir()) == ["site"], "leftovers beside the site"
        previous = references[state]
    print(f"kill test: {BUILDS} builds killed; site afterwards: {outcomes}")
