"""Conventions users of other generators expect: static/, plain pages, params, drafts and
embargoes, pagination, topic and tag feeds, sitemap indexes, short flags, the Windows lock.

Each test builds a copy of the golden site with one convention added; the
incremental tests compare a warm build with a cold one, byte for byte.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import build
from tests.helpers import run_cli

GOLDEN = Path(__file__).resolve().parent / "sites" / "golden"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(GOLDEN, root)
    return root


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built(root: Path, **options) -> tuple[object, dict[str, bytes]]:
    result = build(root, root / "site", **options)
    return result, files(root / "site") if (root / "site").is_dir() else {}


def cold(root: Path, tmp_path: Path, **options) -> dict[str, bytes]:
    copy = tmp_path / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site", ".factsheet-cache"))
    result = build(copy, copy / "site", cache=False, **options)
    assert result.wrote, [str(d) for d in result.diagnostics.items]
    return files(copy / "site")


def errors(result) -> list[str]:
    return [str(d) for d in result.diagnostics.errors]


# -- static/ ---------------------------------------------------------------------------------------


def test_static_files_are_copied_as_they_are(site):
    (site / "static" / "img").mkdir(parents=True)
    (site / "static" / "img" / "logo.png").write_bytes(b"\x89PNG\x00binary")
    (site / "static" / "CNAME").write_text("facts.example.org\n")
    (site / "static" / ".nojekyll").write_text("")
    (site / "static" / ".DS_Store").write_text("junk")
    result, out = built(site)
    assert result.wrote, errors(result)
    assert out["img/logo.png"] == b"\x89PNG\x00binary"
    assert out["CNAME"] == b"facts.example.org\n"
    assert ".nojekyll" in out and ".DS_Store" not in out


def test_a_static_file_never_overwrites_a_generated_page(site):
    built(site)
    before = files(site / "site")
    (site / "static" / "tags").mkdir(parents=True)
    (site / "static" / "index.html").write_text("mine")
    result, out = built(site)
    assert not result.wrote
    assert any("static/index.html" in e and "index.html" in e.split("error:")[1] for e in errors(result))
    assert out == before  # the previous site is intact


def test_a_symlink_out_of_static_is_refused(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    (site / "static").mkdir()
    os.symlink(secret, site / "static" / "leak.txt")
    os.symlink(site / "static", site / "static" / "loop")
    result, out = built(site)
    assert not result.wrote
    assert any(e.startswith("static/leak.txt:") and "outside static/" in e for e in errors(result))
    assert "leak.txt" not in out


def test_a_changed_static_file_rebuilds_and_an_unchanged_site_does_not(site, tmp_path):
    (site / "static").mkdir()
    (site / "static" / "a.txt").write_text("one")
    built(site)
    result, _ = built(site)
    assert result.wrote
    stamp = (site / "site" / "index.html").stat().st_mtime_ns
    (site / "static" / "a.txt").write_text("two, longer")
    result, out = built(site)
    assert out["a.txt"] == b"two, longer"
    assert out == cold(site, tmp_path)
    (site / "static" / "a.txt").unlink()
    result, out = built(site)
    assert "a.txt" not in out and out == cold(site, tmp_path)
    assert (site / "site" / "index.html").stat().st_mtime_ns >= stamp


def test_an_unchanged_site_with_static_files_is_a_no_change_build(site, monkeypatch):
    (site / "static").mkdir()
    (site / "static" / "a.txt").write_text("one")
    built(site)
    import generator.build.pipeline as pipeline

    called = []
    monkeypatch.setattr(pipeline, "link_site", lambda *a, **k: called.append(1))
    result, _ = built(site)
    assert result.wrote and not called
