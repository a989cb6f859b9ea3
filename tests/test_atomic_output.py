"""Nothing is lost: a failed build leaves the previous site byte-identical, and foreign folders are refused."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import build
from generator.build.write import MARKER, OutputError, SiteWriter, recover, safe_join
from tests.test_golden_site import SOURCE, files


@pytest.fixture
def site_copy(tmp_path) -> Path:
    root = tmp_path / "src"
    shutil.copytree(SOURCE, root)
    return root


def test_failed_build_leaves_previous_site_byte_identical(site_copy, tmp_path):
    out = tmp_path / "site"
    assert build(site_copy, out).wrote
    before = files(out) | {MARKER: (out / MARKER).read_bytes()}
    article = site_copy / "content" / "articles" / "rail-strike.txt"
    article.write_text(article.read_text(encoding="utf-8").replace("date: 2014-02-18", "date: 2014-02-31"), encoding="utf-8")
    result = build(site_copy, out)
    assert not result.wrote
    assert [d.message for d in result.diagnostics.errors] == ["date: day 31 is out of range for February 2014 (1 to 28)"]
    assert files(out) | {MARKER: (out / MARKER).read_bytes()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "src"], "no temporary folder may be left behind"


def test_refuses_a_folder_it_did_not_create(site_copy, tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"years of work")
    with pytest.raises(OutputError, match="not written by factsheet"):
        build(site_copy, out)
    assert (out / "thesis.docx").read_bytes() == b"years of work"


def test_an_interrupted_swap_is_undone_by_the_next_build(site_copy, tmp_path):
    out = tmp_path / "site"
    assert build(site_copy, out).wrote
    before = files(out)
    parked = tmp_path / ".site.old-deadbeef"
    os.replace(out, parked)  # as if killed between the two renames
    recover(out)
    assert files(out) == before and not parked.exists()


def test_an_exception_while_writing_leaves_no_trace(tmp_path):
    out = tmp_path / "site"
    with pytest.raises(RuntimeError):
        with SiteWriter(out) as writer:
            writer.write("index.html", b"half")
            raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "a/../../b", "C:/x", "a\\..\\b", "", "a/\x00b"])
def test_paths_cannot_escape_the_output_folder(tmp_path, bad):
    with pytest.raises(OutputError):
        safe_join(tmp_path, bad)


def test_a_folder_killed_before_it_was_marked_is_removed_but_foreign_ones_stay(tmp_path):
    out = tmp_path / "site"
    empty = tmp_path / ".site.tmp-0123456789ab"
    empty.mkdir()  # as if killed between mkdir and writing the in-progress marker
    foreign = tmp_path / ".site.tmp-notours"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("someone else's", encoding="utf-8")
    recover(out)
    assert not empty.exists()
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "someone else's"
